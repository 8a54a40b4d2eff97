"""Time detect's normalise() over 20,000 messages: plain ASCII, and non-ASCII (accents, emoji, Arabic).

Compare two trees, alternating, 3 runs: ``PYTHONPATH=/work/main/src python bench/detect_normalise.py``.
"""

import random
import time

from footprint.analyse.detect.normalise import normalise

rng = random.Random(1)
words = "i will kill you tonight you bitch stop messaging me where are you love see tomorrow ok".split()
extra = ["café", "Wójcik", "😀", "سأقتلك", "dŵr", "naïve"]
ascii_msgs = [" ".join(rng.choice(words) for _ in range(12)) for _ in range(20000)]
other = [m + " " + rng.choice(extra) for m in ascii_msgs]
for name, msgs in (("ascii", ascii_msgs), ("non-ascii", other)):
    t = time.process_time()
    for m in msgs:
        normalise(m)
    print(name, round(time.process_time() - t, 3))

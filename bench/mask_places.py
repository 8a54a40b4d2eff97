"""What finding places costs a disclosure copy: ``report.locations.find_locations`` (or, in a version
without it, ``report.coordinates.find_coordinates`` and ``report.map_links.find_map_places`` where it has
them) on synthetic texts.

    PYTHONPATH=src .venv/bin/python bench/mask_places.py [--runs 5]

Three sets of messages, each generated here with a fixed seed (the same texts every run), each message
read as the redactor reads one:

- ``ordinary``: 3.3 MB of chat with prices, times (``10:30:15`` too), versions, phone numbers, a road's
  direction (``the A1 N``) and words of a hemisphere (``north of the river``, ``West Ham``), and no place;
- ``decimals``: 1.3 MB dense with decimal numbers, one message in three holding a pair of coordinates;
- ``links and degrees``: 1.3 MB dense with map links (places, searches, short links, places' ids, a
  knowledge-graph id, a link in HTML's character references), coordinates in degrees and minutes (with
  marks, signed, without marks, with colons and with a hemisphere's word), a labelled latitude and
  longitude, temperatures, angles, a score and general short links (``bit.ly``, ``t.co``, ``g.co/kgs``);
- ``escaped raw records``: 1.3 MB of JSON records as a raw record keeps them, every "/" written "\\/"
  (PHP, Meta), one in two holding one of those links;
- ``XML``: 1.3 MB of UFED location models, GPX track points, KML points and a KML track's ``gx:coord``,
  with other XML records.

Reports, per set, the best wall and processor time of ``--runs`` runs and how many places were found.
To compare two versions, run it with each one's ``src`` first on ``PYTHONPATH``, alternating.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable

from footprint.report.coordinates import Coordinates, find_coordinates

try:
    from footprint.report.locations import find_locations
except ImportError:  # a version before JSON's escapes were read (session 17)
    try:
        from footprint.report.map_links import find_map_places
    except ImportError:  # a version before map links were read (session 17): coordinates only

        def find_map_places(text: str) -> list[Coordinates]:
            return []

    def find_locations(text: str) -> list[Coordinates]:
        return [*find_coordinates(text), *find_map_places(text)]


WORDS = (
    "where are you", "I saw you", "leave me alone", "at the shop", "it was £1.50, £2.50", "at 10:30",
    "call 07700 900123", "v1.2.3 installed", "see you tomorrow", "running late", "it's 12.30 now",
    "don't ignore me", "ok", "version 2.3456 of the app", "home by 18:45", "took the A1 N at 12 30 45",
    "West Ham kick off at 15:00:00", "north of the river", "at 10:30:15",
)  # fmt: skip
LINKS = (
    "https://www.google.com/maps/place/Rosebank+Close/@52.1234567,-1.2345678,17z/data=!3d52.1234567!4d-1.2345678",
    "https://maps.app.goo.gl/AbCdEf123xyz",
    "https://goo.gl/maps/Xy12AbCd",
    "https://osm.org/go/euu4g9E-",
    "https://www.google.com/maps/search/14+Acacia+Avenue",
    "https://maps.google.com/?q=14+Acacia+Avenue,+Leeds",
    "https://maps.apple.com/?address=14%20Acacia%20Avenue",
    "https://www.openstreetmap.org/search?query=Acacia%20Avenue",
    "https://www.bing.com/maps?where1=Acacia+Avenue",
    "https://waze.com/ul?q=Acacia%20Avenue&navigate=yes",
    "51°30'26\"N 0°7'39\"W",
    "51° 30.433' N, 0° 7.650' W",
    "it was 21°C",
    "turn 90° left",
    "https://bit.ly/3abcDEF",
    "https://www.google.com/search?q=pizza",
    "https://maps.google.com/?cid=10908",
    "https://www.google.com/maps/search/?api=1&query=Home&query_place_id=ChIJdd4hrwug2EcRmSrV3Vo6llI",
    "https://maps.apple.com/?auid=1234567890",
    "https://www.google.com/maps/place/Gym/data=!4m2!3m1!1s0x0:0x0!16s%2Fg%2F11abc1def2",
    "https:&#47;&#47;www.google.com&#47;maps?q=51.5012&#44;-0.1234&amp;z=16",
    "lat: 51.50, lon: -0.12",
    "51 30 26 N 0 7 39 W",
    "51°30'26\", -0°7'39\"",
    "https://t.co/Xy12ab",
    "https://g.co/kgs/AbCd12",
    "score 3 2 N, 4 1 E",
    "51:30:26N 0:07:39W",
    "51.5072 north, 0.1275 west",
)  # fmt: skip
XML = (
    '<model type="Coordinate" id="co-1"><field name="Latitude" type="Double"><value type="Double">'
    '<![CDATA[51.5012345]]></value></field><field name="Longitude" type="Double"><value type="Double">'
    "<![CDATA[-0.1234567]]></value></field></model>",
    '<trkpt lat="51.5012" lon="-0.1234"><ele>12.5</ele><time>2024-03-16T08:00:00Z</time></trkpt>',
    "<Placemark><name>Pin</name><Point><coordinates>-0.1234,51.5012,0</coordinates></Point></Placemark>",
    '<field name="Body" type="String"><value type="String"><![CDATA[at 10:30, £1.50]]></value></field>',
    '<sms protocol="0" address="+447700900123" date="1699999000000" type="1" body="ok v1.2.3" />',
    "<gx:Track><when>2024-03-16T08:00:00Z</when><gx:coord>-0.1234 51.5012 12.5</gx:coord></gx:Track>",
)  # fmt: skip


def _messages(size: int, seed: int, extra: Callable[[random.Random], str] | None) -> list[str]:
    """Messages of a few phrases each, up to ``size`` characters in all; ``extra`` adds one thing."""
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
        if extra is not None:
            text = f"{text} {extra(rng)} {rng.choice(WORDS)}"
        out.append(text)
        total += len(text)
    return out


def _records(size: int, seed: int, make: Callable[[random.Random], str]) -> list[str]:
    """Raw records ``make`` writes, up to ``size`` characters in all."""
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        out.append(make(rng))
        total += len(out[-1])
    return out


def _decimals(rng: random.Random) -> str:
    pair = f"{rng.uniform(-89, 89):.6f},{rng.uniform(-179, 179):.6f}"
    return pair if rng.random() < 1 / 3 else f"{rng.uniform(0, 99):.4f} {rng.uniform(0, 9):.3f}"


def _links(rng: random.Random) -> str:
    return " ".join(rng.choice(LINKS) for _ in range(rng.randint(1, 3)))


def _escaped(rng: random.Random) -> str:
    said = rng.choice(LINKS) if rng.random() < 1 / 2 else rng.choice(WORDS)
    record = {"sender_name": "John Smith", "timestamp_ms": 1699999000000, "content": said,
              "share": {"link": "https://example.org/a"}}  # fmt: skip
    return json.dumps(record, ensure_ascii=False).replace("/", "\\/")


def _xml(rng: random.Random) -> str:
    return "".join(rng.choice(XML) for _ in range(rng.randint(1, 3)))


def _time(texts: list[str], runs: int) -> tuple[float, float, int]:
    """Best wall and processor seconds of ``runs`` runs, and the places found."""
    wall, cpu, found = float("inf"), float("inf"), 0
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        found = sum(len(find_locations(t)) for t in texts)
        wall, cpu = min(wall, time.perf_counter() - w), min(cpu, time.process_time() - c)
    return wall, cpu, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sets = (
        ("ordinary", _messages(3_300_000, 1, None)),
        ("decimals", _messages(1_300_000, 2, _decimals)),
        ("links and degrees", _messages(1_300_000, 3, _links)),
        ("escaped raw records", _records(1_300_000, 4, _escaped)),
        ("XML", _records(1_300_000, 5, _xml)),
    )
    print("| set | MB | messages | wall s | cpu s | places found |")
    print("|---|---|---|---|---|---|")
    for label, texts in sets:
        wall, cpu, found = _time(texts, args.runs)
        mb = sum(len(t.encode()) for t in texts) / 1e6
        print(f"| {label} | {mb:.1f} | {len(texts)} | {wall:.2f} | {cpu:.2f} | {found} |")


if __name__ == "__main__":
    main()

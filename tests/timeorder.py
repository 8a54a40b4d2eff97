"""A case whose stored UTC times mix precisions (``...:00Z``, ``...:00.1Z``, ``...:00.123Z``, ...).

As text, ``.`` sorts before ``Z``, so ``09:15:00.123Z`` came before ``09:15:00Z``; these tests check
that every read orders by the time itself. Two SMS exhibits are added by the real parser, then each
item's stored ``sent_at_utc`` is set to one of the forms a case can hold (exports give seconds,
milliseconds or microseconds; ties at one instant are written differently in the two exhibits).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.store import schema
from footprint.synth.writers import write_csv

JANE, ALEX = "Jane Doe", "Alex Suspect"
HER, HIS = "+447700900001", "+447700900002"
SMS_MAP = {"id": "Message ID", "sent_at": "Date", "author": "From", "recipient": "To", "text": "Body"}
# (exhibit, text, stored sent_at_utc), in each exhibit's file order
STORED = {
    "JD/1": (
        ("one second later", "2023-03-14T09:15:01Z"),
        ("a hundred and twenty-three ms", "2023-03-14T09:15:00.123Z"),
        ("on the second", "2023-03-14T09:15:00Z"),
        ("a tenth", "2023-03-14T09:15:00.1Z"),
        ("no time", None),
    ),
    "JD/2": (
        ("last microsecond", "2023-03-14T09:15:00.999999Z"),
        ("a tenth as milliseconds", "2023-03-14T09:15:00.100Z"),
        ("on the second, second exhibit", "2023-03-14T09:15:00Z"),
    ),
}
# time order; at one instant, exhibit then file order; items without a time last
IN_TIME_ORDER = [
    ("JD/1", "on the second"),
    ("JD/2", "on the second, second exhibit"),
    ("JD/1", "a tenth"),
    ("JD/2", "a tenth as milliseconds"),
    ("JD/1", "a hundred and twenty-three ms"),
    ("JD/2", "last microsecond"),
    ("JD/1", "one second later"),
    ("JD/1", "no time"),
]


def build(case: Case, tmp: Path) -> Case:
    """Add the two exhibits of ``STORED`` to ``case`` and set their stored times."""
    tmp.mkdir(parents=True, exist_ok=True)
    for ref, rows in STORED.items():
        path = tmp / f"sms-{ref.replace('/', '-')}.csv"
        write_csv(
            path,
            list(SMS_MAP.values()),
            [[f"{ref}-{n}", "2023-03-14T09:15:00+00:00", HIS, HER, text] for n, (text, _) in enumerate(rows)],
        )
        options = AddOptions(
            producer=JANE, exhibit_ref=ref, format="csv_generic", column_map=SMS_MAP, platform="sms"
        )
        add_exhibit(case, path, options)
    with case.store.unscoped_engine.begin() as conn:
        for rows in STORED.values():
            for text, at in rows:
                conn.execute(update(schema.item).where(schema.item.c.text == text).values(sent_at_utc=at))
    return case

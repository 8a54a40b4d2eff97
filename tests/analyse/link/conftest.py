"""A synthetic case where one suspect runs three accounts, beside unrelated writers and a fake profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footprint.analyse import run_analysers
from footprint.case import Case
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit

JANE = "jane.doe"
DAVE_LINES = [
    "u think u can just ignore me?? pick up ur phone !!!",
    "ur not gettin away wiv this... i no where u go innit",
    "u was at ur mums again init, i seen the car !!!",
    "answer me ffs... u owe me that much innit",
    "ur gonna regret blockin me, trust me !!!",
    "i aint goin nowhere... u no that innit",
    "seen u wiv ur mates tonite, lookin well pleased wiv urself !!!",
]
OTHER_LINES = {
    "x:margaret_fielding": [
        "Good afternoon, I wondered whether the committee minutes had been circulated yet.",
        "Thank you for your prompt reply; I shall review the document this evening.",
        "Please find attached the revised schedule for the volunteers' rota.",
        "I am afraid I cannot attend on Thursday, although Friday would suit me well.",
        "Kind regards to everyone at the library; the exhibition was a triumph.",
        "Could you confirm the arrangements for the annual general meeting, please?",
    ],
    "x:tom_riverside": [
        "Match report: Riverside won 3-1 on Saturday, brilliant second half from the lads.",
        "Training moved to Wednesday at 7pm because of the pitch inspection.",
        "Subs are due by the end of the month, bank details on the club website.",
        "Great turnout at the quiz night, well done to the Blue team for the win.",
        "Reminder: kit collection this Sunday morning between 10 and 12.",
        "Under-12s fixtures for the spring are now published on the noticeboard.",
    ],
}


def _rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    day = 1

    def add(author: str, name: str, text: str, hour: int, minute: int = 0) -> None:
        rows.append(
            {
                "id": f"m{len(rows) + 1}",
                "author": author,
                "author_name": name,
                "recipient": JANE,
                "text": text,
                "sent_at": f"2024-03-{day:02d}T{hour:02d}:{minute:02d}:00Z",
            }
        )

    for i, line in enumerate(DAVE_LINES):
        day = 1 + i
        add("dave_hunter", "Dave Hunter", line, 23)
    day = 8
    add("dave_hunter", "Dave Hunter", "ring me on 07700 900777 or i come round !!!", 23, 30)
    for i, line in enumerate(reversed(DAVE_LINES)):
        day = 10 + i
        add("d_hunter88", "Dave H", line.replace("!!!", "!!") + " innit", 22)
    day = 17
    add("d_hunter88", "Dave H", "text me on +44 7700 900777 ... dave.hunter@example.org innit", 22, 5)
    for name, lines in OTHER_LINES.items():
        for i, line in enumerate(lines):
            day = 1 + 2 * i
            add(name.split(":", 1)[1], name.split(":", 1)[1].replace("_", " ").title(), line, 10 + i)
    day = 20
    for i in range(6):
        add("jane.doe.official", "Jane Doe", ["Hi all, new account!", "Follow me here now"][i % 2], 12, i)
    return rows


@pytest.fixture
def linked_case(tmp_path: Path, case: Case) -> Case:
    """The case analysed once: x:* accounts from a JSONL export, the burner's SMS from another."""
    x_file = tmp_path / "x_messages.jsonl"
    x_file.write_text("\n".join(json.dumps(r) for r in _rows()) + "\n", encoding="utf-8")
    sms_file = tmp_path / "sms.jsonl"
    sms = [
        "new number. u cant block me forever innit !!!",
        "its me again... ur not gettin away wiv this !!!",
        "i seen u at ur mums innit, answer me ffs",
        "dave.hunter@example.org is where u send it, u no that !!!",
        "ur gonna regret this, trust me innit !!!",
        "answer me... i aint goin nowhere !!!",
    ]
    sms_file.write_text(
        "\n".join(
            json.dumps(
                {
                    "id": f"s{i}",
                    "author": "+447700900777",
                    "recipient": "+447700900001",
                    "text": t,
                    "sent_at": f"2024-03-{20 + i:02d}T23:15:00Z",
                }
            )
            for i, t in enumerate(sms)
        )
        + "\n",
        encoding="utf-8",
    )
    add_person(case, "Jane Doe", "complainant")
    add_person(case, "Dave Hunter", "suspect")
    add_exhibit(
        case, x_file, AddOptions(producer="Jane Doe", owner="Jane Doe", format="jsonl_generic", platform="x")
    )
    add_exhibit(
        case,
        sms_file,
        AddOptions(producer="Jane Doe", owner="Jane Doe", format="jsonl_generic", platform="sms"),
    )
    attribute_account(case, "x:jane.doe", "Jane Doe", "self-export owner", as_complainant=True)
    attribute_account(case, "sms:+447700900001", "Jane Doe", "self-export owner", as_complainant=True)
    attribute_account(case, "x:dave_hunter", "Dave Hunter", "complainant identifies her ex-partner's account")
    run_analysers(case, ["link"], strict=True)
    return case

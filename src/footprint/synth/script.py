"""The demo story, as data: who said what, when, and what it is (the answer key's labels).

Invented people only: Jane Doe (complainant), John Smith (suspect, three accounts), Sarah Jones
(witness, Jane's friend). Numbers are Ofcom drama numbers (+44 7700 900xxx).
"""

from __future__ import annotations

JANE = "Jane Doe"
JOHN = "John Smith"
SARAH = "Sarah Jones"
JANE_PHONE = "+44 7700 900001"
JOHN_PHONE = "+44 7700 900002"
JOHN_BURNER = "+44 7700 900456"
SARAH_PHONE = "+44 7700 900003"

# (day, "HH:MM", author, text, labels) — day 0 is Monday 5 February 2024.
# WhatsApp between John Smith and Jane Doe, exported from Jane's Android phone.
WHATSAPP_JANE: list[tuple[int, str, str | None, str, tuple[str, ...]]] = [
    (
        0,
        "08:02",
        None,
        "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp,"
        " can read or listen to them. Tap to learn more.",
        (),
    ),
    (0, "19:14", JOHN, "Can we talk? I miss you", ()),
    (0, "19:40", JANE, "No John. It's over, I've told you.", ()),
    (1, "07:12", JOHN, "Where were you last night? You weren't home", ("monitoring",)),
    (1, "07:13", JOHN, "Answer me", ()),
    (
        1,
        "12:30",
        JANE,
        "Please stop messaging me. I don't want any contact with you.",
        ("request_to_stop",),
    ),
    (2, "23:47", JOHN, "You're nothing without me, you stupid cow", ("misogynistic_abuse",)),
    (2, "23:49", JOHN, "Nobody else will ever want you", ("insult_harassment",)),
    (4, "18:05", JOHN, "Nice red coat today. Saw you leave the gym at 6", ("monitoring",)),
    (
        4,
        "18:20",
        JANE,
        "How do you know where I was?? I'm scared, please leave me alone",
        ("distress", "request_to_stop"),
    ),
    (5, "02:15", JOHN, "Send me your location now or I'm coming round", ("monitoring",)),
    (
        8,
        "21:33",
        JOHN,
        "I still have those photos of you. Unblock me on Instagram or everyone at your work sees them",
        ("intimate_image_abuse", "blackmail"),
    ),
    (8, "21:35", JANE, "That's illegal. I'm going to the police", ()),
    (
        8,
        "21:36",
        JOHN,
        "Go to the police and I'll kill you",
        ("threat_to_kill", "threat_violence", "blackmail"),
    ),
    (9, "09:00", JOHN, "I didn't mean that. I would never hurt you, you know that", ()),
    (
        11,
        "22:10",
        JOHN,
        "You can't hide from me. I know where your mum lives, 14 Elm Road",
        ("evasion", "doxxing", "threat_violence"),
    ),
    (11, "22:11", JANE, "I'm terrified. Stop.", ("distress", "request_to_stop")),
    (
        15,
        "20:02",
        JOHN,
        "If you leave me I'll kill myself and it'll be your fault",
        ("coercive_control",),
    ),
    (18, "01:44", JOHN, "Do everyone a favour and kill yourself", ("self_harm_encouragement",)),
    (
        18,
        "07:30",
        JANE,
        "I have blocked your number. Do not contact me again.",
        ("request_to_stop",),
    ),
]

# SMS from John's second number after the block, exported from Jane's phone as CSV.
SMS_BURNER: list[tuple[int, str, str, str, tuple[str, ...]]] = [
    (19, "08:10", JOHN_BURNER, "New number. You can't block me forever Jane", ("evasion",)),
    (
        19,
        "08:11",
        JOHN_BURNER,
        "It's me again. Answer or I'm coming to your work",
        ("evasion", "threat_violence"),
    ),
    (
        22,
        "17:45",
        JOHN_BURNER,
        "I know you changed your gym. I followed you there",
        ("monitoring",),
    ),
    (22, "17:50", JANE_PHONE, "Stop contacting me or I will call the police", ("request_to_stop",)),
    (
        26,
        "23:58",
        JOHN_BURNER,
        "I'm going to stab you and that new boyfriend of yours",
        ("threat_violence",),
    ),
    (
        40,
        "21:05",
        JOHN_BURNER,
        "Clocks going forward, bet you can't sleep, slag",
        ("misogynistic_abuse",),
    ),
    (
        55,
        "00:30",
        JOHN_BURNER,
        "I'll send the video to your dad tonight unless you meet me",
        ("intimate_image_abuse", "blackmail"),
    ),
]

# John messaging Sarah (indirect contact), exported from Sarah's iPhone as a zip with a photo.
WHATSAPP_SARAH: list[tuple[int, str, str | None, str, tuple[str, ...], str | None]] = [
    (20, "10:00", SARAH, "Hi John, please don't message me about Jane", (), None),
    (
        20,
        "10:05",
        JOHN,
        "Tell Jane she can't hide from me. I'll find her",
        ("evasion", "threat_violence"),
        None,
    ),
    (20, "10:06", JOHN, "", ("monitoring",), "00000031-PHOTO-2024-02-25-10-06-00.jpg"),
    (20, "10:07", JOHN, "That's her car outside her new flat", ("monitoring",), None),
    (20, "10:30", SARAH, "I'm reporting this to the police.", (), None),
]

# Offline incidents: date, time, place, what happened, reported_by.
INCIDENTS: list[tuple[int, str, str, str, str]] = [
    (
        3,
        "08:40",
        "Outside Jane's workplace, 2 Mill Lane",
        "John Smith waited outside her work and followed her to the bus stop",
        JANE,
    ),
    (
        12,
        "22:30",
        "Jane's home",
        "Police attended after threats; Jane gave a first account",
        "PC Patel",
    ),
    (30, "", "Jane's home", "Jane found a GPS tracker under her car's rear bumper", JANE),
]

EXPECTED_OFFENCES = [
    "Protection from Harassment Act 1997 s.2A",
    "Protection from Harassment Act 1997 s.4A",
    "Protection from Harassment Act 1997 s.2",
    "Protection from Harassment Act 1997 s.4",
    "Offences against the Person Act 1861 s.16",
    "Online Safety Act 2023 s.181",
    "Online Safety Act 2023 s.184",
    "Sexual Offences Act 2003 s.66B(4)",
    "Malicious Communications Act 1988 s.1",
    "Family Law Act 1996 s.42A",
]

"""What counts as his conduct towards her, audited against the reference: accepted attributions only,
conduct across platforms, occasions in real time across the clock change, and evidence about accounts
that is not conduct."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "law"))
from lawscenario import HER, HIM, Scenario  # noqa: E402

from footprint.analyse.conduct.breach import find_breaches  # noqa: E402
from footprint.analyse.conduct.evidence import collect_pairs, occasions  # noqa: E402
from footprint.analyse.conduct.orders import add_order  # noqa: E402
from footprint.case import Case  # noqa: E402


def test_an_account_link_on_a_message_does_not_make_it_conduct(case: Case) -> None:
    # The link analyser puts its finding on the first item behind a link: that says who may operate the
    # account, not that the message was abusive, so it must not make an occasion or a molestation.
    s = Scenario(case)
    s.say("2024-03-02 20:00", "hi", categories=("account_link",))
    s.say("2024-03-09 20:00", "how are you", categories=("account_link",))
    s.build()
    add_order(
        case, type="non_molestation", made="2024-03-01 10:00", expires=None, protects=HER, against=HIM,
        conditions=["not to molest or harass Jane Doe"],
    )  # fmt: skip
    [pair] = collect_pairs(case)
    assert [p.categories for p in pair.items] == [("account_link",), ("account_link",)]
    assert [p.abuse for p in pair.items] == [(), ()]
    assert pair.conduct() == ()
    assert find_breaches(pair) == []


def test_a_proposed_attribution_is_not_his(case: Case) -> None:
    s = Scenario(case)
    s.say("2024-03-02 20:00", "you can't block me", by="burner", categories=("evasion",))
    s.build()
    with case.store.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE attribution SET status = 'proposed' WHERE account_id ="
            " (SELECT id FROM account WHERE key = 'sms:+447700900456')"
        )
    [pair] = collect_pairs(case)
    assert pair.suspect_accounts == ()
    assert pair.items == ()


def test_occasions_span_platforms_and_are_counted_in_real_time_across_the_clock_change(case: Case) -> None:
    # 00:40 GMT and 02:20 BST on 31 March 2024 are 40 minutes apart although the clocks show 1h40.
    s = Scenario(case)
    s.say("2024-03-31 00:40", "answer me", categories=("insult_harassment",))
    s.say("2024-03-31 02:20", "new number, you can't hide", by="burner", categories=("evasion",))
    [pair] = collect_pairs(s.build().case)
    groups = occasions(pair.conduct())
    assert [[(p.item.id, p.item.author) for p in g] for g in groups] == [
        [(s.item(1), "whatsapp:John Smith"), (s.item(2), "sms:+447700900456")]
    ]


def test_a_device_observation_on_her_phone_counts_only_with_a_confirmed_spyware_or_tracker_finding(
    case: Case,
) -> None:
    # Device observations are stored as system items (every app on her phone is one). `device check`
    # marks context ("sideloaded: on its own this proves nothing") as device_indicator: that had made
    # conduct, CMA s.1 and SCA s.76 evidence. Only a person-confirmed spyware or tracker finding counts.
    s = Scenario(case)
    s.say("2024-03-01 09:00", "app com.mspy.lite installed", by="none", to=None, kind="device_finding",
          categories=("spyware",), confirmed=("spyware",))  # fmt: skip
    s.say("2024-03-01 09:05", "app com.whatsapp installed", by="none", to=None, kind="device_finding")
    s.say("2024-03-02 09:00", "app org.fdroid.fdroid installed", by="none", to=None, kind="device_finding",
          categories=("device_indicator",), confirmed=("device_indicator",))  # fmt: skip
    s.say("2024-03-03 09:00", "app com.wifi0 installed", by="none", to=None, kind="device_finding",
          categories=("spyware",))  # fmt: skip
    s.build()
    with case.store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE item SET system = true WHERE kind = 'device_finding'")
    [pair] = collect_pairs(case)
    assert [(p.item.id, p.direction) for p in pair.items] == [(s.item(1), "device")]
    assert [p.item.id for p in pair.conduct()] == [s.item(1)]


def test_confirmed_spyware_with_no_time_says_what_a_person_must_add(case: Case) -> None:
    # A `pm list` line has no time: confirmed spyware on it was only "left out of dates and occasions".
    s = Scenario(case)
    s.say("", "app com.wifi0 installed", by="none", to=None, kind="device_finding",
          categories=("spyware",), confirmed=("spyware",))  # fmt: skip
    s.build()
    [pair] = collect_pairs(case)
    item = case.store.items_by_id([s.item(1)])[0]
    assert pair.items == ()
    assert pair.notes[-1] == (
        f"1 device finding(s) on her phone confirmed as evidence have no time and are not counted"
        f" ({item.exhibit} {item.locator}); add when each was installed or found: `adb shell dumpsys package"
        " PACKAGE` gives an app's first install time (check it with `footprint device check`), or record"
        " the find as a dated incident"
    )


def test_confirmed_spyware_on_an_exhibit_with_no_owner_is_named_as_not_counted(case: Case) -> None:
    # `device check` without --owner: confirmed spyware vanished from `assess` with no word said.
    s = Scenario(case)
    s.say("2024-03-01 09:00", "app com.wifi0 installed", by="none", to=None, kind="device_finding",
          categories=("spyware",), confirmed=("spyware",))  # fmt: skip
    s.say("2024-03-01 09:05", "app com.whatsapp installed", by="none", to=None, kind="device_finding")
    s.build()
    with case.store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE exhibit SET owner = NULL")
    [pair] = collect_pairs(case)
    item = case.store.items_by_id([s.item(1)])[0]
    assert pair.items == ()
    assert pair.notes[-1] == (
        f"1 device finding(s) confirmed as evidence are not counted because their exhibit names no owner,"
        f" so whose phone it came from is not recorded ({item.exhibit} {item.locator}); if it is her phone,"
        " record that with `footprint exhibit owner CASE REF --person NAME --reason TEXT`, or record what was"
        " found as a dated incident"
    )

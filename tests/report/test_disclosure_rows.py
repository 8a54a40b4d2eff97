"""An item as a disclosure copy shows it (``redact_item``): a name the rules recognise in its text is
masked, with the same mask, wherever its details and raw record write the same words."""

from __future__ import annotations

from footprint.model import Item
from footprint.report.disclosure_rows import party_identifiers, redact_item
from footprint.report.redact import Redactor

N2 = "recognised name, rule N2: a greeting or sign-off and a capitalised name (Hi Sarah, love, Tom, - Priya)"

# a UFED location as its raw record has it, described "Sarah"; Footprint writes its text from the fields
UFED_RAW = (
    '<model type="Location" id="loc-2">'
    '<field name="Description" type="String"><value type="String"><![CDATA[Sarah]]></value></field>'
    '<field name="Notes" type="String"><value type="String"><![CDATA[Sarahs car, Sarahville]]></value></field>'
    '<modelField name="Position" type="Coordinate"><model type="Coordinate" id="co-2">'
    '<field name="Latitude" type="Double"><value type="Double"><![CDATA[51.5]]></value></field>'
    '<field name="Longitude" type="Double"><value type="Double"><![CDATA[-0.12]]></value></field>'
    "</model></modelField></model>"
)

# a Telegram message as its export writes it: the text twice, once in "text" and once in "text_entities"
TELEGRAM_RAW = """{
 "id": 7,
 "type": "message",
 "from": "Jane Doe",
 "from_id": "user1001",
 "text": "Thanks, Sarah",
 "text_entities": [
  {
   "type": "plain",
   "text": "Thanks, Sarah"
  }
 ]
}"""


def _item(locator: str, text: str, raw: str, details: dict[str, str]) -> Item:
    return Item(
        1, "JD/2", locator, "location", None, None, (), None, None, None, "none", None, text, raw,
        False, False, False, (), details,
    )  # fmt: skip


def _redactor() -> Redactor:
    return Redactor(party_identifiers(["telegram:user1001"], ["Jane Doe"]))


def test_a_name_recognised_in_a_ufed_locations_text_is_masked_in_its_details_and_raw_record() -> None:
    r = _redactor()
    details = {"field Description": "Sarah", "field Notes": "Sarahs car, Sarahville"}
    item = _item("Location id=loc-2", "51.5, -0.12 — Sarah", UFED_RAW, details)
    out = redact_item(r, item, {}, False)
    assert out.text == "[LOCATION-1] — [NAME-1]"
    # a word that merely holds the name ("Sarahs", "Sarahville") is not the name
    assert out.details == {"field Description": "[NAME-1]", "field Notes": "Sarahs car, Sarahville"}
    assert out.raw == (
        '<model type="Location" id="loc-2">'
        '<field name="Description" type="String"><value type="String"><![CDATA[[NAME-1]]]></value></field>'
        '<field name="Notes" type="String"><value type="String"><![CDATA[Sarahs car, Sarahville]]></value>'
        '</field><modelField name="Position" type="Coordinate"><model type="Coordinate" id="co-2">'
        "[LOCATION-1]</model></modelField></model>"
    )
    assert [(e.mask, e.value, e.where, e.why) for e in r.log if e.kind == "NAME"] == [
        ("[NAME-1]", "Sarah", "JD/2 Location id=loc-2 text", N2),
        ("[NAME-1]", "Sarah", "JD/2 Location id=loc-2 raw", N2 + "; recognised in the item's text"),
        (
            "[NAME-1]",
            "Sarah",
            "JD/2 Location id=loc-2 field Description",
            N2 + "; recognised in the item's text",
        ),
    ]


def test_a_name_recognised_in_a_chat_messages_text_is_masked_wherever_its_raw_record_writes_it() -> None:
    r = _redactor()
    out = redact_item(r, _item("messages[0]", "Thanks, Sarah", TELEGRAM_RAW, {}), {}, False)
    assert out.text == "Thanks, [NAME-1]"
    # the export writes the text twice: the first was masked for the names given only, and kept "Sarah"
    assert out.raw == TELEGRAM_RAW.replace("Sarah", "[NAME-1]")
    assert [e.where for e in r.log] == [
        "JD/2 messages[0] text",
        "JD/2 messages[0] raw",
        "JD/2 messages[0] raw",
    ]


def test_a_short_name_is_carried_in_its_own_capitals_only_and_a_given_name_keeps_its_mask() -> None:
    r = Redactor(frozenset(), ("Priya Patel",))
    raw = '{"text": "Hi Tom", "note": "tom TOM Tom Tomas", "who": "Priya Patel"}'
    out = redact_item(r, _item("messages[1]", "Hi Tom", raw, {"caption": "Tom and Priya Patel"}), {}, False)
    assert out.text == "Hi [NAME-1]"
    assert out.raw == '{"text": "Hi [NAME-1]", "note": "tom TOM [NAME-1] Tomas", "who": "[NAME-2]"}'
    assert out.details == {"caption": "[NAME-1] and [NAME-2]"}

"""`add --accept-partial` reads a Cellebrite report.xml on after damage, at the next top-level model: the
records lost and where reading resumed told in one warning; a message's text (CDATA or escaped) is never
taken for a record; a chat's nested messages are never read without their chat; the provenance pass reads
on the same way; a .ufdr the same; without the option the add is refused."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from footprint.errors import ParseError
from tests.conftest import parse

NS = "http://pa.cellebrite.com/report/2.0"
FRESH = " — get a fresh copy of the report from the original and add that"


def _cdata(text: str) -> str:
    """A value as Physical Analyzer writes it: in CDATA, a ``]]>`` in the text split across two."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _field(name: str, value: str, escaped: bool = False) -> str:
    written = (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") if escaped else _cdata(value)
    )
    return f'<field name="{name}" type="String"><value type="String">{written}</value></field>'


def _message(ident: str, body: str, minute: int, indent: str, escaped: bool = False) -> str:
    return (
        f'{indent}<model type="InstantMessage" id="{ident}" deleted_state="Intact" extractionId="0">\n'
        f"{indent}  {_field('Source', 'WhatsApp')}\n"
        f"{indent}  {_field('Body', body, escaped)}\n"
        f"{indent}  {_field('TimeStamp', f'2024-03-14T10:{minute:02d}:00.000+00:00')}\n"
        f'{indent}  <modelField name="From" type="Party"><model type="Party" id="p-{ident}">'
        f"{_field('Identifier', '447700900123@s.whatsapp.net')}</model></modelField>\n"
        f"{indent}</model>\n"
    )


def _chat(ident: str, messages: list[tuple[str, str]], minute: int) -> str:
    nested = "".join(_message(m, body, minute + i, "          ") for i, (m, body) in enumerate(messages))
    return (
        f'      <model type="Chat" id="{ident}" deleted_state="Intact" extractionId="0">\n'
        f"        {_field('Source', 'WhatsApp')}\n"
        f"        {_field('Id', ident + '@g.us')}\n"
        '        <multiModelField name="Participants" type="Party">\n'
        f'          <model type="Party" id="pp-{ident}">{_field("Identifier", "447700900123@s.whatsapp.net")}'
        f"{_field('Name', 'Ben ' + ident)}</model>\n"
        f'          <model type="Party" id="po-{ident}">{_field("Identifier", "447700900456@s.whatsapp.net")}'
        f"{_field('IsPhoneOwner', 'True')}</model>\n"
        "        </multiModelField>\n"
        '        <multiModelField name="Messages" type="InstantMessage">\n'
        f"{nested}"
        "        </multiModelField>\n"
        "      </model>\n"
    )


BODIES = {"im-3": '<model type="InstantMessage" id="forged-escaped">'}


def _report(bodies: dict[str, str] | None = None) -> bytes:
    """Two chats of messages, five top-level messages, a call; provenance for im-4 and c2-m2 at the end."""
    said = {**BODIES, **(bodies or {})}
    tops = "".join(
        _message(
            f"im-{i}", said.get(f"im-{i}", f"message {i}"), 30 + i, "      ", escaped=f"im-{i}" == "im-3"
        )
        for i in range(1, 6)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<project id="p-1" name="Synthetic" reportVersion="7.60.0.0" xmlns="{NS}">\n'
        '  <sourceExtractions>\n    <extractionInfo id="0" name="Logical" fullName="Phone (P-1)" />\n'
        "  </sourceExtractions>\n"
        '  <caseInformation>\n    <field name="Case number" fieldType="CaseNumber">T/1</field>\n'
        "  </caseInformation>\n"
        "  <decodedData>\n"
        '    <modelType type="Chat">\n'
        + _chat(
            "chat-1",
            [(m, said.get(m, text)) for m, text in (("c1-m1", "one"), ("c1-m2", "two"), ("c1-m3", "three"))],
            0,
        )
        + _chat("chat-2", [("c2-m1", "four"), ("c2-m2", "five")], 10)
        + "    </modelType>\n"
        '    <modelType type="InstantMessage">\n' + tops + "    </modelType>\n"
        '    <modelType type="Call">\n'
        '      <model type="Call" id="call-1" deleted_state="Intact" extractionId="0">\n'
        f"        {_field('Type', 'Incoming')}\n"
        f"        {_field('Duration', '00:01:00')}\n"
        f"        {_field('TimeStamp', '2024-03-14T11:00:00.000+00:00')}\n"
        "      </model>\n"
        "    </modelType>\n"
        "  </decodedData>\n"
        "  <extraInfos>\n"
        '    <extraInfo type="model" id="im-4"><sourceInfo><nodeInfos><nodeInfo name="msgstore.db"'
        ' tableName="messages" offset="4096" /></nodeInfos></sourceInfo></extraInfo>\n'
        '    <extraInfo type="model" id="c2-m2"><sourceInfo><nodeInfos><nodeInfo name="msgstore.db"'
        ' tableName="messages" offset="8192" /></nodeInfos></sourceInfo></extraInfo>\n'
        "  </extraInfos>\n"
        "</project>\n"
    ).encode()


ALL = [
    "InstantMessage id=c1-m1", "InstantMessage id=c1-m2", "InstantMessage id=c1-m3",
    "InstantMessage id=c2-m1", "InstantMessage id=c2-m2",
    "InstantMessage id=im-1", "InstantMessage id=im-2", "InstantMessage id=im-3", "InstantMessage id=im-4",
    "InstantMessage id=im-5", "Call id=call-1",
]  # fmt: skip


def _damaged(tmp_path: Path, data: bytes, at: int, name: str = "report.xml") -> tuple[Path, bytes]:
    """The report with the byte at ``at`` made 0xFF (not UTF-8), as a file or inside a .ufdr."""
    data = data[:at] + b"\xff" + data[at + 1 :]
    path = tmp_path / name
    if name.endswith(".ufdr"):
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("report.xml", data)
    else:
        path.write_bytes(data)
    return path, data


def _line(data: bytes, at: int) -> int:
    return data[:at].count(b"\n") + 1


def _said(data: bytes, at: int, end: int, lost: int, where: str, name: str = "report.xml") -> str:
    return (
        f"XML error 'not well-formed (invalid token)' at byte {at:,} (line {_line(data, at):,}) of {name}:"
        f" {end - at:,} byte(s) from byte {at:,} up to byte {end:,} not read, {lost:,} record(s) with them;"
        f" reading resumed {where} (byte {end:,}, line {_line(data, end):,}){FRESH}"
    )


def _read_past(
    tmp_path: Path, data: bytes, at: int, lost: set[str], resumed: str, records: int | None = None
) -> tuple[Any, bytes, int]:
    """``data`` damaged at ``at`` and added with --accept-partial: every item but ``lost`` kept, in order,
    and one warning, ``records`` (by default as many as ``lost``) not read and reading resumed at the
    model ``resumed`` ("InstantMessage id=im-3"). The result, the damaged bytes and where reading resumed."""
    path, data = _damaged(tmp_path, data, at)
    result = parse("cellebrite_ufed", path, accept_partial=True)
    assert [i.locator for i in result.items] == [x for x in ALL if x not in lost]
    kind, ident = resumed.split(" id=")
    end = data.index(f'<model type="{kind}" id="{ident}"'.encode())
    said = _said(data, at, end, len(lost) if records is None else records, f"at {resumed}")
    assert [w.message for w in result.warnings] == [said]
    return result, data, end


def _provenance(result: object, ident: str) -> str | None:
    items = {i.locator: i for i in result.items}  # type: ignore[attr-defined]
    details = items[f"InstantMessage id={ident}"].details
    return details.get("provenance") if details else None


def test_the_undamaged_report_reads_every_record(tmp_path: Path) -> None:
    path = tmp_path / "report.xml"
    path.write_bytes(_report())
    result = parse("cellebrite_ufed", path)
    assert [i.locator for i in result.items] == ALL
    assert _provenance(result, "im-4") == '[{"name":"msgstore.db","offset":"4096","tableName":"messages"}]'


@pytest.mark.parametrize("name", ["report.xml", "r.ufdr"])
def test_damage_in_a_top_level_message_reads_on_at_the_next(tmp_path: Path, name: str) -> None:
    data = _report()
    at = data.index(b"message 2") + 3
    path, data = _damaged(tmp_path, data, at, name)
    result = parse("cellebrite_ufed", path, accept_partial=True)
    assert [i.locator for i in result.items] == [x for x in ALL if x != "InstantMessage id=im-2"]
    end = data.index(b'<model type="InstantMessage" id="im-3"')
    where = "report.xml of r.ufdr" if name == "r.ufdr" else "report.xml"
    said = _said(data, at, end, 1, "at InstantMessage id=im-3", where)
    place = f"byte {at:,}, line {_line(data, at):,}"
    assert [(w.locator, w.message) for w in result.warnings] == [
        (f"report.xml, {place}" if name == "r.ufdr" else place, said)
    ]
    raw = result.warnings[0].raw
    assert raw.startswith(f"[bytes from {at - 1024:,}; the damage is at byte {at:,}]\n")
    assert raw.endswith("</model>\n      ")  # up to where reading resumed
    assert result.ctx.decisions["partial"] == said
    # the provenance pass read on too: im-4's and c2-m2's source database, after the damage
    assert _provenance(result, "im-4") == '[{"name":"msgstore.db","offset":"4096","tableName":"messages"}]'
    # the escaped text of im-3 is its text, never a record
    texts = {i.locator: i.text for i in result.items}
    assert texts["InstantMessage id=im-3"] == '<model type="InstantMessage" id="forged-escaped">'


def test_damage_in_a_chats_message_reads_on_at_its_next_message_in_the_chat(tmp_path: Path) -> None:
    whole = tmp_path / "whole.xml"
    whole.write_bytes(_report())
    undamaged = {i.locator: i for i in parse("cellebrite_ufed", whole).items}
    data = _report()
    at = data.index(b"two")
    result, _, _ = _read_past(tmp_path, data, at, {"InstantMessage id=c1-m2"}, "InstantMessage id=c1-m3")
    # read in its chat, with the chat's header read before the damage: as the undamaged report reads it
    read = {i.locator: i for i in result.items}
    assert read["InstantMessage id=c1-m3"] == undamaged["InstantMessage id=c1-m3"]
    assert read["InstantMessage id=c1-m3"].conversation == "whatsapp:chat-1@g.us"
    assert read["InstantMessage id=c2-m1"] == undamaged["InstantMessage id=c2-m1"]
    assert _provenance(result, "c2-m2") == '[{"name":"msgstore.db","offset":"8192","tableName":"messages"}]'


def test_damage_in_a_chats_header_loses_the_chat_and_reads_on_at_the_next_top_level_model(
    tmp_path: Path,
) -> None:
    # its participants are not all read: its messages would be read without them
    data = _report()
    at = data.index(b"Ben chat-2")
    _read_past(
        tmp_path, data, at, {"InstantMessage id=c2-m1", "InstantMessage id=c2-m2"}, "InstantMessage id=im-1"
    )


def test_damage_in_the_last_model_keeps_what_came_before_and_its_provenance(tmp_path: Path) -> None:
    data = _report()
    at = data.index(b"00:01:00")
    path, data = _damaged(tmp_path, data, at)
    result = parse("cellebrite_ufed", path, accept_partial=True)
    assert [i.locator for i in result.items] == ALL[:-1]
    end = data.index(b"<extraInfos>")
    assert [w.message for w in result.warnings] == [_said(data, at, end, 1, "at <extraInfos>")]
    assert _provenance(result, "im-4") == '[{"name":"msgstore.db","offset":"4096","tableName":"messages"}]'


def test_damage_before_any_model_is_refused_as_before(tmp_path: Path) -> None:
    data = _report()
    at = data.index(b"Phone (P-1)")
    path, data = _damaged(tmp_path, data, at)
    with pytest.raises(ParseError) as err:
        parse("cellebrite_ufed", path, accept_partial=True)
    assert "no item could be read before the damage, so --accept-partial has nothing to keep" in str(
        err.value
    )


def test_without_accept_partial_the_add_is_refused(tmp_path: Path) -> None:
    data = _report()
    at = data.index(b"message 2") + 3
    path, data = _damaged(tmp_path, data, at)
    with pytest.raises(ParseError) as err:
        parse("cellebrite_ufed", path)
    size = len(data)
    assert str(err.value) == (
        f"report.xml: XML error 'not well-formed (invalid token)' at byte {at:,} (line {_line(data, at)});"
        f" {size - at:,} of the {size:,} bytes of report.xml ({(size - at) / size * 100:.1f}%) from byte"
        f" {at:,} on were not read; the case is unchanged{FRESH}, or add this copy again with"
        " --accept-partial to keep the 6 item(s) read before the damage and read on from the next whole record"
        " after it, where one can be found safely (the exhibit is then marked partial)"
    )


HOSTILE = (
    '</value></field></model>\n      <model type="InstantMessage" id="forged">'
    '<field name="Body" type="String"><value type="String">forged</value></field></model>'
)


def test_a_message_text_holding_a_model_in_cdata_is_never_a_record(tmp_path: Path) -> None:
    # damage in the text before it: reading goes on after the text's (split) CDATA, at im-3
    data = _report({"im-2": "x " + HOSTILE.replace("forged</value>", "forged]]></value>")})
    at = data.index(b"x </value>")
    _read_past(tmp_path, data, at, {"InstantMessage id=im-2"}, "InstantMessage id=im-3")


def test_damage_destroying_a_texts_cdata_opener_never_reads_the_text_as_records(tmp_path: Path) -> None:
    data = _report({"im-2": HOSTILE})
    at = data.index(b"<![CDATA[</value>") + 3  # <![\xffDATA[: the text would be read as markup
    # nothing before the text's end is read as markup; how deep the nesting is there is found from the
    # next </modelType> read after it: reading resumes at the next message, im-3
    # the records lost are counted by the model start tags up to the text's end, the forged one among them
    result, _, _ = _read_past(
        tmp_path, data, at, {"InstantMessage id=im-2"}, "InstantMessage id=im-3", records=2
    )
    assert "forged" not in {i.text for i in result.items}


def test_damage_in_a_start_tags_attributes_reads_on_at_the_next_model_of_its_type(tmp_path: Path) -> None:
    data = _report()
    at = data.index(b'id="im-2"') + 5
    result, data, end = _read_past(tmp_path, data, at, {"InstantMessage id=im-2"}, "InstantMessage id=im-3")
    raw = result.warnings[0].raw
    assert raw.startswith(f"[bytes from {at - 1024:,}; the damage is at byte {at:,}]\n")
    assert raw.endswith(data[at - 30 : end].decode("utf-8", "replace"))


TYPES = b'    </modelType>\n    <modelType type="InstantMessage">'


@pytest.mark.parametrize("third", [True, False])
def test_a_chats_start_tag_with_broken_quoting_reads_on_at_the_next_chat_or_top_level_model(
    tmp_path: Path, third: bool
) -> None:
    data = _report()
    if third:  # a chat after it: on at that chat; else at the next top-level model, of the next type
        data = data.replace(TYPES, _chat("chat-3", [("c3-m1", "six")], 20).encode() + TYPES, 1)
    data = data.replace(b'id="chat-2" ', b'id="chat-2 ', 1)  # its closing quote gone
    at = data.index(b'Intact"', data.index(b'id="chat-2 '))
    path = tmp_path / "report.xml"
    path.write_bytes(data)
    result = parse("cellebrite_ufed", path, accept_partial=True)
    kept = [x for x in ALL if "c2-" not in x]
    assert [i.locator for i in result.items] == (
        [*kept[:3], "InstantMessage id=c3-m1", *kept[3:]] if third else kept
    )
    end = data.index(
        b'<model type="Chat" id="chat-3"' if third else b'<model type="InstantMessage" id="im-1"'
    )
    said = _said(data, at, end, 2, "at Chat id=chat-3" if third else "at InstantMessage id=im-1")
    assert [(w.locator, w.message) for w in result.warnings] == [
        (f"byte {at:,}, line {_line(data, at):,}", said)
    ]
    assert result.warnings[0].raw.endswith(data[at - 30 : end].decode())


def test_a_chats_start_tag_with_broken_quoting_is_refused_without_accept_partial(tmp_path: Path) -> None:
    data = _report().replace(b'id="chat-2" ', b'id="chat-2 ', 1)
    at = data.index(b'Intact"', data.index(b'id="chat-2 '))
    path = tmp_path / "report.xml"
    path.write_bytes(data)
    with pytest.raises(ParseError) as err:
        parse("cellebrite_ufed", path)
    size = len(data)
    assert str(err.value) == (
        f"report.xml: XML error 'not well-formed (invalid token)' at byte {at:,} (line {_line(data, at)});"
        f" {size - at:,} of the {size:,} bytes of report.xml ({(size - at) / size * 100:.1f}%) from byte"
        f" {at:,} on were not read; the case is unchanged{FRESH}, or add this copy again with"
        " --accept-partial to keep the 3 item(s) read before the damage and read on from the next whole record"
        " after it, where one can be found safely (the exhibit is then marked partial)"
    )


def test_a_stray_byte_in_a_chat_messages_start_tag_reads_on_at_the_chats_next_message(tmp_path: Path) -> None:
    whole = tmp_path / "whole.xml"
    whole.write_bytes(_report())
    undamaged = {i.locator: i for i in parse("cellebrite_ufed", whole).items}
    data = _report()
    at = data.index(b'id="c1-m2"') + len(b'id="c1-m2"')  # the space before deleted_state
    result, _, _ = _read_past(tmp_path, data, at, {"InstantMessage id=c1-m2"}, "InstantMessage id=c1-m3")
    # read in its chat, with the chat's header read before the damage: as the undamaged report reads it
    read = {i.locator: i for i in result.items}
    assert read["InstantMessage id=c1-m3"] == undamaged["InstantMessage id=c1-m3"]


def test_damage_in_an_end_tag_reads_on_at_the_first_model_whose_start_follows_the_next_text(
    tmp_path: Path,
) -> None:
    # what the end tag closed is not known: reading resumes at a top-level model after the next text's
    # end (im-3's first value), so im-3, undamaged, is lost with im-2
    data = _report()
    at = data.index(b"</model>", data.index(b'id="im-2"')) + 4
    _read_past(
        tmp_path, data, at, {"InstantMessage id=im-2", "InstantMessage id=im-3"}, "InstantMessage id=im-4"
    )


def test_damage_in_a_start_tags_name_reads_on_at_the_next_type(tmp_path: Path) -> None:
    # what the tag opened is not known (nor so what was lost): on at the first model of the next type
    data = _report()
    at = data.index(b'<model type="InstantMessage" id="im-2"') + 3
    _read_past(
        tmp_path, data, at, {f"InstantMessage id=im-{i}" for i in range(2, 6)}, "Call id=call-1", records=3
    )


def test_two_damages_are_read_past_one_after_the_other(tmp_path: Path) -> None:
    # the second is on the line reading resumed at (the resumed reading's first line, after its prefix)
    data = _report()
    first = data.index(b"message 2") + 3
    second = data.index(b'id="im-3"') + 5
    resumed = data.index(b'<model type="InstantMessage" id="im-3"')
    path, data = _damaged(tmp_path, data, first)
    path, data = _damaged(tmp_path, data, second)
    result = parse("cellebrite_ufed", path, accept_partial=True)
    lost = {"InstantMessage id=im-2", "InstantMessage id=im-3"}
    assert [i.locator for i in result.items] == [x for x in ALL if x not in lost]
    im4 = data.index(b'<model type="InstantMessage" id="im-4"')
    assert [w.message for w in result.warnings] == [
        _said(data, first, resumed, 1, "at InstantMessage id=i\ufffd-3"),  # its id is the next damage
        _said(data, second, im4, 1, "at InstantMessage id=im-4"),
    ]
    assert result.ctx.decisions["partial"] == "; ".join(w.message for w in result.warnings)


def test_a_chat_message_holding_a_chat_message_in_cdata_is_never_a_record(tmp_path: Path) -> None:
    # damage in the text before it, in a chat: reading goes on in the chat after the text, at c1-m3
    forged = (
        '</value></field></model>\n          <model type="InstantMessage" id="forged">'
        '<field name="Body" type="String"><value type="String">forged</value></field></model>'
    )
    data = _report({"c1-m2": "y " + forged})
    at = data.index(b"y </value>")
    _read_past(tmp_path, data, at, {"InstantMessage id=c1-m2"}, "InstantMessage id=c1-m3")


def test_damage_in_the_end_tag_of_a_chats_messages_reads_no_message_into_the_wrong_chat(
    tmp_path: Path,
) -> None:
    # the chat may have ended before the next text's end (it did: that is chat-2's first value), so the
    # messages after it are never read as chat-1's: on at the next top-level model after chat-2
    data = _report()
    at = data.index(b"</multiModelField>", data.index(b'id="c1-m3"')) + 5
    _read_past(
        tmp_path, data, at, {"InstantMessage id=c2-m1", "InstantMessage id=c2-m2"}, "InstantMessage id=im-1"
    )


def test_a_stray_byte_in_a_chats_last_message_start_tag_reads_on_at_the_next_chat(tmp_path: Path) -> None:
    data = _report()
    at = data.index(b'id="c1-m3"') + len(b'id="c1-m3"')
    result, _, _ = _read_past(tmp_path, data, at, {"InstantMessage id=c1-m3"}, "Chat id=chat-2")
    # chat-2 read with its own header, not chat-1's
    assert {i.conversation for i in result.items if "c2-" in i.locator} == {"whatsapp:chat-2@g.us"}

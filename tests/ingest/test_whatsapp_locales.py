"""WhatsApp's own lines in other languages are system lines and placeholders, not someone's words
(whatsapp v11). iOS writes a chat's notices under the chat's name after U+200E; before, a French,
Spanish or Turkish encryption notice or group event there was read as that contact's message."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.model import AccountRef, ParsedAttachment
from tests.conftest import parse

BEN = AccountRef("whatsapp", "Ben Example", "Ben Example")

# the encryption notice of each language, as iOS writes it under the contact's name
NOTICES = [
    "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen"
    " oder anhören, nicht einmal WhatsApp.",
    "Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même WhatsApp, ne peut les"
    " lire ou les écouter.",
    "Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este chat, ni siquiera"
    " WhatsApp, puede leerlos ni escucharlos.",
    "I messaggi e le chiamate sono crittografati end-to-end. Nessuno al di fuori di questa chat, nemmeno"
    " WhatsApp, può leggerne o ascoltarne il contenuto.",
    "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta e ficam somente entre"
    " você e os participantes desta conversa.",
    "Berichten en gesprekken worden end-to-end versleuteld. Niemand buiten deze chat kan ze lezen of"
    " beluisteren, zelfs WhatsApp niet.",
    "Mesajlar ve aramalar uçtan uca şifrelidir. WhatsApp da dahil olmak üzere bu sohbetin dışında bulunan"
    " hiç kimse mesaj ve aramalarınızı okuyamaz ve dinleyemez.",
]


@pytest.mark.parametrize("notice", NOTICES)
def test_an_ios_encryption_notice_in_another_language_is_nobodys_words(tmp_path: Path, notice: str) -> None:
    path = tmp_path / "_chat.txt"
    path.write_text(
        f"[14/03/2023, 09:00:00] Ben Example: \u200e{notice}\n[14/03/2023, 09:01:00] Ben Example: hola\n",
        encoding="utf-8",
    )
    notice_item, message = parse("whatsapp", path).items
    assert (notice_item.kind, notice_item.text, notice_item.author, notice_item.system) == (
        "system",
        notice,
        None,
        True,
    )
    assert (message.kind, message.author) == ("message", BEN)


@pytest.mark.parametrize(
    ("body", "details", "deleted", "attachment"),
    [
        ("<Medya dahil edilmedi>", {"placeholder": "media_omitted"}, False, "media omitted from export"),
        ("<Medien weggelassen>", {"placeholder": "media_omitted"}, False, "media omitted from export"),
        ("\u200egörüntü dahil edilmedi", {"placeholder": "media_omitted"}, False, "image omitted from export"),
        ("\u200eBild weggelassen", {"placeholder": "media_omitted"}, False, "image omitted from export"),
        ("\u200eaudio omis", {"placeholder": "media_omitted"}, False, "audio omitted from export"),
        ("\u200eVisitekaartje weggelaten", {"placeholder": "media_omitted"}, False,
         "contact card omitted from export"),
        ("Bu mesaj silindi", {"placeholder": "deleted"}, True, None),
        ("Bu mesajı sildiniz", {"placeholder": "deleted"}, True, None),
        ("Este mensaje fue eliminado", {"placeholder": "deleted"}, True, None),
        ("U hebt dit bericht verwijderd.", {"placeholder": "deleted"}, True, None),
    ],
)  # fmt: skip
def test_placeholders_in_other_languages_are_not_words(
    tmp_path: Path, body: str, details: dict[str, str], deleted: bool, attachment: str | None
) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(f"14.03.2023 09:01 - Ben Example: {body}\n", encoding="utf-8")
    [item] = parse("whatsapp", path).items
    assert (item.author, item.text, item.deleted, item.details) == (
        BEN,
        body.lstrip("\u200e"),
        deleted,
        details,
    )
    assert item.attachments == ((ParsedAttachment(attachment),) if attachment else ())


@pytest.mark.parametrize(
    "event",
    [
        "Ana Example hat Ben Example hinzugefügt",
        "Ana Example añadió a Ben Example",
        "Ana Example ha aggiunto Ben Example",
        "Ana Example adicionou Ben Example",
        "Ana Example heeft Ben Example toegevoegd",
        "Ana Example, Ben Example kişisini ekledi",
        "Ana Example salió del grupo",
        "Ana Example heeft de groep verlaten",
        "Ana Example gruptan ayrıldı",
        "Ana Example saiu",
        "Ana Example ha abbandonato",
        "Ana Example è entrato usando il link d'invito al gruppo",
        "Ana Example se unió usando el enlace de invitación de este grupo",
    ],
)
def test_a_group_event_in_another_language_is_a_system_line_warned_not_applied(
    tmp_path: Path, event: str
) -> None:
    path = tmp_path / "_chat.txt"
    raw = f"[14/03/2023, 09:02:00] Grupo: \u200e{event}"
    path.write_text(f"[14/03/2023, 09:01:00] Ben Example: hola\n{raw}\n", encoding="utf-8")
    result = parse("whatsapp", path)
    line = result.items[1]
    assert (line.kind, line.text, line.author, line.system) == ("system", event, None, True)
    assert [(w.locator, w.message, w.raw) for w in result.warnings] == [
        (
            "line 2",
            "a group join or leave in a language whose wording Footprint does not read; not applied:"
            " recipients of later messages may include people no longer in the group",
            raw,
        )
    ]
    # the chat's name is no one's account: it wrote nothing
    assert result.ctx.participants == {"whatsapp:_chat": {BEN}}

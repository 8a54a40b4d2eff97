"""The wording WhatsApp uses for system lines, markers and placeholders (by locale).

Data, kept apart from the parser so a new locale is a list entry, not a code change.
"""

from __future__ import annotations

import re

DELETED_BODIES = frozenset(
    {
        "This message was deleted",
        "This message was deleted.",
        "You deleted this message",
        "You deleted this message.",
        "Diese Nachricht wurde gelöscht",
        "Diese Nachricht wurde gelöscht.",
        "Du hast diese Nachricht gelöscht",
        "Du hast diese Nachricht gelöscht.",
        "Se eliminó este mensaje.",
        "Eliminaste este mensaje.",
        # Spanish (Android), Portuguese (Portugal), Dutch (formal) and Turkish, with and without the stop
        *(
            body + stop
            for body in (
                "Este mensaje fue eliminado",
                "Apagou esta mensagem",
                "U hebt dit bericht verwijderd",
                "Bu mesaj silindi",
                "Bu mesajı sildiniz",
            )
            for stop in ("", ".")
        ),
        # French, Italian, Portuguese (Brazil), Dutch; with and without the full stop
        *(
            body + stop
            for body in (
                "Ce message a été supprimé",
                "Vous avez supprimé ce message",
                "Questo messaggio è stato eliminato",
                "Hai eliminato questo messaggio",
                "Esta mensagem foi apagada",
                "Você apagou esta mensagem",
                "Dit bericht is verwijderd",
                "Je hebt dit bericht verwijderd",
            )
            for stop in ("", ".")
        ),
    }
)

EDITED_SUFFIXES = (
    "<This message was edited>",
    "\u200e<This message was edited>",
    "<Diese Nachricht wurde bearbeitet>",
    "<Ce message a été modifié>",
    "<Questo messaggio è stato modificato>",
    "<Mensagem editada>",
)

CALL_BODIES = frozenset(
    {
        "Missed voice call",
        "Missed video call",
        "Voice call",
        "Video call",
        "Missed group voice call",
        "Missed group video call",
        "Verpasster Sprachanruf",
        "Verpasster Videoanruf",
    }
)

# placeholder as exported -> what the attachment is recorded as
MEDIA_PLACEHOLDERS = {
    "<Media omitted>": "media omitted from export",
    "<Medien ausgeschlossen>": "media omitted from export",
    "<Multimedia omitido>": "media omitted from export",
    "<Médias omis>": "media omitted from export",
    "<Media omessi>": "media omitted from export",
    "<Mídia oculta>": "media omitted from export",
    "<Media weggelaten>": "media omitted from export",
    # Turkish; and Android's other wordings of "<Media omitted>" (German, Spanish, French, Italian,
    # Portuguese, Turkish)
    "<Medya dahil edilmedi>": "media omitted from export",
    "<Medien weggelassen>": "media omitted from export",
    "<Archivo omitido>": "media omitted from export",
    "<Fichier omis>": "media omitted from export",
    "<Media omesso>": "media omitted from export",
    "<Mídia omitida>": "media omitted from export",
    "<Medya atlanmış>": "media omitted from export",
    "image omitted": "image omitted from export",
    "video omitted": "video omitted from export",
    "audio omitted": "audio omitted from export",
    "sticker omitted": "sticker omitted from export",
    "GIF omitted": "GIF omitted from export",
    "document omitted": "document omitted from export",
    "Contact card omitted": "contact card omitted from export",
    "null": "view-once media (not exported)",
    # iOS's "<kind> omitted" in German, French, Italian, Spanish, Portuguese (Brazil, Portugal), Dutch
    # and Turkish: image, video, audio, sticker, GIF, document, contact card (each kind's row in order)
    **{
        body: f"{kind} omitted from export"
        for kind, bodies in (
            (
                "image",
                (
                    "Bild weggelassen",
                    "image absente",
                    "immagine omessa",
                    "imagen omitida",
                    "imagem ocultada",
                    "imagem não revelada",
                    "afbeelding weggelaten",
                    "görüntü dahil edilmedi",
                ),
            ),
            (
                "video",
                (
                    "Video weggelassen",
                    "vidéo absente",
                    "video omesso",
                    "Video omitido",
                    "vídeo omitido",
                    "vídeo não revelado",
                    "video weggelaten",
                    "video dahil edilmedi",
                ),
            ),
            (
                "audio",
                (
                    "Audio weggelassen",
                    "audio omis",
                    "audio omesso",
                    "audio omitido",
                    "áudio ocultado",
                    "ficheiro de áudio não revelado",
                    "audio weggelaten",
                    "ses dahil edilmedi",
                ),
            ),
            (
                "sticker",
                (
                    "Sticker weggelassen",
                    "sticker omis",
                    "sticker non incluso",
                    "sticker omitido",
                    "figurinha omitida",
                    "sticker não revelado",
                    "sticker weggelaten",
                    "Çıkartma dahil edilmedi",
                ),
            ),
            (
                "GIF",
                (
                    "GIF weggelassen",
                    "GIF retiré",
                    "GIF esclusa",
                    "GIF omitido",
                    "GIF não revelada",
                    "GIF weggelaten",
                    "GIF dahil edilmedi",
                ),
            ),
            (
                "document",
                (
                    "Dokument weggelassen",
                    "document manquant",
                    "documento omesso",
                    "documento omitido",
                    "documento não revelado",
                    "document weggelaten",
                    "belge dahil edilmedi",
                ),
            ),
            (
                "contact card",
                (
                    "Kontaktkarte ausgelassen",
                    "Fiche contact manquante",
                    "Scheda contatto omessa",
                    "Tarjeta de contacto omitida",
                    "Cartão do contato omitido",
                    "Contacto não revelado",
                    "Visitekaartje weggelaten",
                    "Kişi kartı dahil edilmedi",
                ),
            ),
        )
        for body in bodies
    },  # fmt: skip
}

# The notice at the head of a chat that its messages and calls are end-to-end encrypted, by its first
# words (a full stop and "No one outside of this chat …" follow): English, German, French, Spanish,
# Italian, Portuguese (Brazil, Portugal), Dutch, Turkish; older wordings too. Nobody wrote it.
ENCRYPTION_NOTICES = (
    "Messages and calls are end-to-end encrypted",
    "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt",
    "Nachrichten an diese Gruppe sind jetzt mit Ende-zu-Ende-Verschlüsselung geschützt",
    "Les messages et les appels sont chiffrés de bout en bout",
    "Los mensajes y las llamadas están cifrados de extremo a extremo",
    "I messaggi e le chiamate sono crittografati end-to-end",
    "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta",
    "As mensagens e as chamadas são criptografadas de ponta a ponta",
    "As mensagens e chamadas são encriptadas ponto a ponto",
    "Berichten en gesprekken worden end-to-end versleuteld",
    "Berichten en oproepen zijn end-to-end versleuteld",
    "Mesajlar ve aramalar uçtan uca şifrelidir",
)

# the stand-in WhatsApp writes for a message it could not decrypt yet ("waiting for this message. Check
# your phone." on iOS, "Waiting for this message. This may take a while." on Android), and for one a group
# admin deleted ("This message was deleted by admin Name"); the sentence is the whole body (the bare
# "waiting for this message" as the export-formats note writes it, too)
WAITING_BODY = re.compile(r"^waiting for this message(?:\.(?: [^\n]*)?)?$", re.I)
DELETED_BY_ADMIN_BODY = re.compile(r"^This message was deleted by (?:an )?admin(?: [^\n?!]*)?\.?$")

# Group joins and leaves in English, as the export-formats note gives them: (pattern, what it does).
# ``actor`` joins (created, joined by link) or leaves; ``names`` ("Y", "Y and Z", "Y, Z and W") are
# added or removed. "You"/"you" is the exporter, whom the export does not name.
MOVES = (
    (re.compile(r"^(?P<actor>.+?) (?:created group .+|created this group"
                r"|joined using this group's invite link|joined using a group link\.?)$"), "joined"),
    (re.compile(r"^(?P<actor>.+?) left$"), "left"),
    (re.compile(r"^(?P<actor>.+?) added (?P<names>.+)$"), "added"),
    (re.compile(r"^(?P<actor>.+?) removed (?P<names>.+)$"), "removed"),
)  # fmt: skip
# The lines that name a group, in English as the export-formats note gives them and in German (whose
# "hat die Gruppe … erstellt" is read as a join, above): ``name`` is the name it has after the line,
# ``before`` the one it replaced. The name is in straight or curly quotes (iOS); the last quote closes it.
_Q, _END = '["\u201c\u201e]', '["\u201d\u201c]'
_RENAMED = r"^.+? changed the (?:subject|group name)"
GROUP_NAMES = (
    re.compile(rf"^.+? created group {_Q}(?P<name>.*){_END}$"),
    re.compile(rf"{_RENAMED} from {_Q}(?P<before>.*?){_END} to {_Q}(?P<name>.*){_END}$"),
    re.compile(rf"{_RENAMED} to {_Q}(?P<name>.*){_END}$"),
    re.compile(rf"^.+? hat die Gruppe {_Q}(?P<name>.*){_END} erstellt$"),
)  # fmt: skip
GROUP_NAME_WORDS = (
    " created group ",
    " changed the subject ",
    " changed the group name ",
    " hat die Gruppe ",
)
MOVE_WORDS = (" created ", " joined using ", " left", " added ", " removed ")  # a line holds one of them
MOVED_NAMES = re.compile(r", and |, | and ")  # between the names of "added Y, Z and W"
EXPORTER = frozenset({"You", "you"})
# joins, leaves, adds and removes in the wording of other locales (German, Spanish, Italian, Portuguese,
# Dutch, Turkish): recognised as system lines, not applied (their name lists are not read); each pattern
# holds one of ``UNREAD_MOVE_WORDS``, by which the lines are found (each word is one scan of the whole
# chat: on 15 MB, 0.10 s of CPU for all of them; long words keep a foreign chat's candidate lines few)
UNREAD_MOVES = (
    r" hat die Gruppe .+ erstellt| ist beigetreten$| hat die Gruppe verlassen$| hat .+ hinzugefügt$"
    r"| hat .+ entfernt$| ist über den Einladungslink (?:dieser Gruppe )?beigetreten$"
    r"| añadió a .+$| eliminó a .+$| salió del grupo$| se unió usando el enlace de invitación de este grupo$"
    r"| ha aggiunto .+$| ha rimosso .+$| ha abbandonato$| è entrato usando il link d'invito al gruppo$"
    r"| adicionou .+$| removeu .+$| saiu$"
    r"| heeft .+ toegevoegd$| heeft .+ verwijderd$| heeft de groep verlaten$"
    r"| gruptan ayrıldı$| ayrıldı$| .+ ekledi$"
)
UNREAD_MOVE_WORDS = (
    " hat die Gruppe ", " ist beigetreten", " hinzugefügt", " entfernt", " ist über den Einladungslink ",
    " añadió a ", " eliminó a ", " salió del grupo", " se unió usando ", " ha aggiunto ", " ha rimosso ",
    " ha abbandonato", " è entrato usando ", " adicionou ", " removeu ", " saiu", " toegevoegd",
    " verwijderd", " heeft de groep verlaten", " ayrıldı", " ekledi",
)  # fmt: skip

_SYSTEM = re.compile(
    r"(?:^(?:" + "|".join(map(re.escape, ENCRYPTION_NOTICES)) + ")"
    r"|^Messages you send to this (?:group|chat) are now secured"
    r"|^Your security code with .* changed"
    r"| created group "
    r"| created this group$"
    r"|^You created group "
    r"| joined using this group's invite link$"
    r"| joined using a group link\.?$"
    r"| left$"
    r"| added .+$"
    r"| removed .+$"
    r"|^You were added$"
    r"|^You joined"
    r"| changed the (?:subject|group name) (?:from|to) "
    r"| changed this group's icon$"
    r"| deleted this group's icon$"
    r"| changed the group description$"
    r"| changed their phone number"
    r"| changed to \+"
    r"| blocked this contact\.?$"
    r"| unblocked this contact\.?$"
    r"|^You blocked this contact"
    r"|^You unblocked this contact"
    r"|^Disappearing messages"
    r"| turned (?:on|off) disappearing messages"
    rf"|{UNREAD_MOVES})"
)


def is_system_text(body: str) -> bool:
    """Whether a header's text is a system line (no author).

    Only the part before the first ": " is tested, so "Name: I left" stays a message while
    'Alex changed the subject from "a" to "b: c"' is a system line.
    """
    return bool(_SYSTEM.search(body.split(": ", 1)[0]))

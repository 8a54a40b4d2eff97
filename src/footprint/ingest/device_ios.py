"""iOS inputs: backup ``Info.plist``, ``Manifest.db``, app-list plists, or a whole backup folder (zip)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from footprint.device import ios
from footprint.device.observe import member_names, to_item
from footprint.errors import ParseError
from footprint.ingest._device import DeviceParser
from footprint.ingest.base import NO, ParseContext, SniffResult, parsers
from footprint.ingest.source import Source
from footprint.model import ParsedItem

_SQLITE = b"SQLite format 3\x00"
ENCRYPTED = (
    'not an SQLite database: the backup is encrypted ("Encrypt local backup") or damaged,'
    " so its app containers and configuration profiles cannot be read — decrypt a copy with the backup"
    " password (e.g. `mvt-ios decrypt-backup`, run separately with the owner's consent) and check the"
    " decrypted folder"
)


def _plist_like(head: bytes) -> bool:
    return head.startswith(b"bplist00") or (b"<plist" in head[:512] and b"<?xml" in head[:64])


@parsers.register
class IosBackupParser(DeviceParser):
    """Apps on an iPhone from its backup (Info.plist, Manifest.db) or an app-list plist."""

    name = "device_ios"
    version = 3  # 3: remote-management (MDM) enrolment files in a Manifest.db are named
    description = "iOS backup Info.plist / Manifest.db, ideviceinstaller app list, or a backup folder"
    format_name = "ios_backup"
    expected = (
        "an iPhone backup folder made by Finder, iTunes or `idevicebackup2 backup` (an encrypted one"
        " decrypted with its password first), its Info.plist or Manifest.db, or the app list"
        " `ideviceinstaller -l -o xml` prints"
    )

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip:
            names = member_names(source)
            if {"Manifest.db", "Info.plist"} <= names:
                return SniffResult(0.95, "iOS backup folder (Info.plist and Manifest.db)")
            return NO
        head = source.head
        if head.startswith(_SQLITE):
            if b"fileID" in head and b"relativePath" in head and b"domain" in head:
                return SniffResult(0.9, "Manifest.db (Files table)")
            return (
                SniffResult(0.4, "SQLite database named Manifest.db") if source.name == "Manifest.db" else NO
            )
        if source.name == "Manifest.db" and not _plist_like(head):
            return SniffResult(0.4, "named Manifest.db but not SQLite: an encrypted backup's")
        if _plist_like(head):
            if (
                b"Installed Applications" in head
                or b"CFBundleIdentifier" in head
                or source.name == "Info.plist"
            ):
                return SniffResult(0.85, "property list with installed applications")
            return SniffResult(0.2, "a property list without app keys (pass --format device_ios)")
        return NO

    def _items(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        if source.is_zip:
            members = {PurePosixPath(m).name: m for m in source.members() if m.count("/") <= 1}
            if "Info.plist" not in members or "Manifest.db" not in members:
                raise ParseError(
                    "no Info.plist and Manifest.db at the top of the backup folder", source=source.name
                )
            for obs in ios.info_plist(source.read_member(members["Info.plist"]), "Info.plist"):
                yield to_item(obs, ctx)
            manifest = source.read_member(members["Manifest.db"])
            if not manifest.startswith(_SQLITE):
                ctx.warn("Manifest.db", f"{ENCRYPTED}; the apps Info.plist lists were read", "")
                return
            for obs in ios.manifest_file(manifest, "Manifest.db"):
                yield to_item(obs, ctx)
            return
        data = source.read_bytes()
        if source.name == "Manifest.db" and not data.startswith(_SQLITE) and not _plist_like(data):
            raise ParseError(
                f"{ENCRYPTED}; or check the backup's Info.plist, which lists the installed apps unencrypted",
                source=source.name,
            )
        if data.startswith(_SQLITE):
            for obs in ios.manifest_file(data, source.name):
                yield to_item(obs, ctx)
            return
        for obs in ios.info_plist(data, source.name):
            yield to_item(obs, ctx)

"""Packing an unpacked export folder into one deterministic zip, so it can be an exhibit."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from footprint.errors import InputError

MAX_FOLDER_BYTES = 16 * 1024**3
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_CHUNK = 1024 * 1024


def folder_files(folder: Path) -> list[tuple[str, Path]]:
    """Every regular file under ``folder`` as (relative POSIX name, path), sorted by name.

    Symbolic links are followed only when they resolve inside the folder; links pointing
    outside it (and special files such as sockets) are refused with an ``InputError``.
    """
    root = folder.resolve()
    found: list[tuple[str, Path]] = []

    def unreadable(exc: OSError) -> None:  # os.walk would otherwise skip the folder silently
        where = Path(exc.filename).relative_to(folder).as_posix() if exc.filename else folder.name
        raise InputError(
            f"{folder.name}: {_shown(where)} cannot be read ({exc.strerror}); check you may read every"
            " file in the folder and add it again"
        )

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable, followlinks=False):
        here = Path(dirpath)
        for name in list(dirnames):
            path = here / name
            if path.is_symlink():
                dirnames.remove(name)
                _check_inside(root, path, folder)
                raise InputError(
                    f"{folder.name}: {_shown(path.relative_to(folder).as_posix())} is a link to a folder;"
                    " copy the real files into the export folder and add it again"
                )
        for name in filenames:
            path = here / name
            if path.is_symlink():
                _check_inside(root, path, folder)
                if not path.exists():
                    raise InputError(
                        f"{folder.name}: {_shown(path.relative_to(folder).as_posix())} is a link to a file"
                        " that does not exist; remove it from the folder or copy the real file in, and add"
                        " it again"
                    )
            mode = path.stat().st_mode
            if not stat.S_ISREG(mode):
                raise InputError(
                    f"{folder.name}: {_shown(path.relative_to(folder).as_posix())} is not a regular file;"
                    " remove it from the folder and add it again"
                )
            found.append((_shown(path.relative_to(folder).as_posix()), path))
    return sorted(found)


def _shown(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogates) become ``\\xNN``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _check_inside(root: Path, path: Path, folder: Path) -> None:
    try:
        target = path.resolve()
    except (RuntimeError, OSError) as exc:  # a loop of links (RuntimeError before Python 3.13)
        raise InputError(
            f"{folder.name}: {_shown(path.relative_to(folder).as_posix())} is a link that loops back on"
            " itself; remove it from the folder and add it again"
        ) from exc
    if target != root and root not in target.parents:
        raise InputError(
            f"{folder.name}: {_shown(path.relative_to(folder).as_posix())} links outside the folder;"
            " refused — copy the real file into the export folder and add it again"
        )


def pack_folder(folder: Path, workdir: Path) -> Path:
    """Write ``folder`` as ``workdir/<folder name>.zip``: sorted names, fixed times, same bytes each time.

    Raises ``InputError`` when the folder holds more than 16 GiB, a link leading outside it, or
    nothing at all.
    """
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    files = folder_files(folder)
    if not files:
        raise InputError(f"{folder.name}: the folder holds no files; check the export finished")
    total = sum(path.stat().st_size for _, path in files)
    if total > MAX_FOLDER_BYTES:
        raise InputError(
            f"{folder.name}: the folder holds {total:,} bytes, over the {MAX_FOLDER_BYTES:,} limit;"
            " add the parts you need one by one"
        )
    target = workdir / f"{folder.name}.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for name, path in files:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            with (
                path.open("rb") as src,
                archive.open(info, "w", force_zip64=path.stat().st_size > 2**31) as dst,
            ):
                while chunk := src.read(_CHUNK):
                    dst.write(chunk)
    return target

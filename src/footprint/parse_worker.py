"""Reading a large exhibit in a second process while this one writes it to the case.

SQLite has one writer and Python one running thread per process, so on a large exhibit the
parse (and the building of rows) runs in a child process and hands row batches to the writer
through a pipe: the two halves of the work use both cores. The child reads the vault copy of
the exhibit (the bytes that were hashed), never touches the database, and reports back the
parse context (warnings, members, decisions), the names seen and every vault file it created,
so a failure can still leave the case as it was.
"""

from __future__ import annotations

import multiprocessing
import pickle
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from footprint.ingest.base import ParseContext, parsers
from footprint.ingest.source import Source
from footprint.model import ParsedAttachment
from footprint.store.item_rows import AttachmentResolver, ItemRowBuilder, RowBatch, SeenNames
from footprint.vault import Vault


def attachment_resolver(vault: Vault, source: Source, created: list[str]) -> AttachmentResolver:
    """Store an attachment's bytes in the vault; note in ``created`` each file new to it."""

    def resolve(att: ParsedAttachment) -> tuple[str, int, str] | None:
        if att.data is not None:
            data = att.data
        elif att.member is not None:
            data = source.read_member(att.member)
        else:
            return None
        digest, new = vault.put_bytes(data)
        if new:
            created.append(digest)
        return digest, len(data), vault.relative_path(digest)

    return resolve


@dataclass(frozen=True)
class ParseJob:
    """Everything the child needs: which parser reads which vault file into which rows."""

    parser: str
    path: Path
    name: str
    ctx: ParseContext
    vault_root: Path
    exhibit_id: int
    first_item_id: int
    accounts: dict[str, int]
    batch_size: int


@dataclass
class ParseOutcome:
    """What the child reports once every batch has been sent."""

    ctx: ParseContext
    seen: SeenNames
    counts: Counter[str]


class ParseWorker:
    """A child process parsing one exhibit; iterate :meth:`batches`, then read :attr:`outcome`."""

    def __init__(self, job: ParseJob) -> None:
        # fork is quick and shares the loaded code. The command line adds exhibits on the main
        # thread (beside at most a progress bar's refresher, whose lock the child never needs);
        # a server adds them on request threads, where forking could copy a lock some other
        # thread holds, so a clean interpreter is started instead.
        mp = (
            multiprocessing.get_context("fork")
            if threading.current_thread() is threading.main_thread()
            else multiprocessing.get_context("spawn")
        )
        self._conn, child_end = mp.Pipe(duplex=False)
        self._process = mp.Process(target=_child, args=(job, child_end), daemon=True)
        self._process.start()
        child_end.close()
        self.created_blobs: list[str] = []
        self.outcome: ParseOutcome | None = None

    def batches(self) -> Iterator[RowBatch]:
        """Row batches as the child builds them; raises what the child raised."""
        while True:
            try:
                kind, payload, created = self._conn.recv()
            except EOFError:
                raise RuntimeError(
                    f"the parsing process stopped unexpectedly (exit code {self._process.exitcode})"
                ) from None
            self.created_blobs.extend(created)
            if kind == "batch":
                yield payload
            elif kind == "done":
                self.outcome = payload
                return
            else:
                raise payload

    def close(self) -> None:
        """Stop the child if it is still running (after a failure in the writer)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._conn.close()


def _child(job: ParseJob, conn: Connection) -> None:
    created: list[str] = []

    def send(kind: str, payload: Any) -> None:
        conn.send((kind, payload, created[:]))
        created.clear()

    try:
        with Source(job.path, name=job.name) as source:
            resolve = attachment_resolver(Vault(job.vault_root), source, created)
            builder = ItemRowBuilder(job.exhibit_id, job.first_item_id, job.accounts, resolve)
            items = parsers.get(job.parser)().parse(source, job.ctx)
            for batch in builder.batches(items, job.batch_size):
                send("batch", batch)
        send("done", ParseOutcome(job.ctx, builder.seen, builder.counts))
    except BaseException as exc:  # every failure goes back to the writer, which decides
        send("error", _portable(exc))
    finally:
        conn.close()


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling, else a RuntimeError carrying its type and message."""
    try:
        copy: BaseException = pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any unpicklable exception is replaced, not lost
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return copy

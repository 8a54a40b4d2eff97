"""Reading a large exhibit in a second process while this one writes it to the case.

SQLite has one writer and Python one running thread per process, so on a large exhibit the
parse (and the building of rows) runs in a child process and hands row batches to the writer
through a pipe: the two halves of the work use both cores. The child reads the vault copy of
the exhibit (the bytes that were hashed), never touches the database, and reports back the
parse context (warnings, members, decisions), the names seen and every vault file it created,
so a failure can still leave the case as it was.
"""

from __future__ import annotations

import fcntl
import gc
import marshal
import multiprocessing
import pickle
import queue
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from footprint.ingest.base import ParseContext, parsers
from footprint.ingest.source import Source
from footprint.model import ParsedAttachment
from footprint.store.item_rows import (
    AttachmentResolver,
    ItemRowBuilder,
    RowBatch,
    SeenNames,
)
from footprint.vault import Vault

PIPE_BYTES = 1 << 20
_BATCH = b"B"  # first byte of a marshalled row batch (pickles start with b"\x80")
QUEUED_MESSAGES = 64  # at most this many batches wait in the writer


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
        _widen_pipe(child_end)
        self._process = mp.Process(target=_child, args=(job, child_end), daemon=True)
        self._process.start()
        child_end.close()
        # A reader thread drains the pipe while the writer inserts (it waits in read(), which
        # releases the GIL), so the child never stalls on a full pipe.
        self._received: queue.Queue[bytes | None] = queue.Queue(maxsize=QUEUED_MESSAGES)
        self._reader = threading.Thread(target=self._read, name="footprint-parse-reader", daemon=True)
        self._reader.start()
        self.created_blobs: list[str] = []
        self.outcome: ParseOutcome | None = None

    def _read(self) -> None:
        try:
            while True:
                self._received.put(self._conn.recv_bytes())
        except (EOFError, OSError):
            self._received.put(None)

    def batches(self) -> Iterator[RowBatch]:
        """Row batches as the child builds them; raises what the child raised."""
        while True:
            data = self._received.get()
            if data is None:
                self._process.join()
                raise RuntimeError(
                    f"the parsing process stopped unexpectedly (exit code {self._process.exitcode})"
                )
            if data[:1] == _BATCH:  # the hot path: plain data, which marshal reads fastest
                batch, created = marshal.loads(data[1:])
                self.created_blobs.extend(created)
                yield RowBatch(*batch)
                continue
            kind, payload, created = pickle.loads(data)
            self.created_blobs.extend(created)
            if kind == "batch":
                yield payload
            elif kind == "done":
                self.outcome = payload
                return
            else:
                raise payload

    def close(self) -> None:
        """Stop the child if it is still running (after a failure in the writer) and the reader."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        while self._reader.is_alive():  # it may be waiting to queue a batch no one will take
            try:
                self._received.get(timeout=0.05)
            except queue.Empty:
                pass
        self._conn.close()


def _widen_pipe(end: Connection) -> None:
    """Let the child run a batch or two ahead of the writer (Linux pipes hold 64 KiB by default)."""
    try:
        fcntl.fcntl(end.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (AttributeError, OSError):  # not Linux, or above /proc/sys/fs/pipe-max-size
        pass


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Keep the cyclic garbage collector off the objects that exist now and run it less often.

    Ingest makes millions of short-lived, acyclic objects; with the default settings the
    collector took about 8 % of the parsing process's time, mostly re-examining the heap it
    started with. Collections still happen, and everything is restored afterwards.
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, threshold[1], threshold[2])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _child(job: ParseJob, conn: Connection) -> None:
    with fewer_collections():
        _parse(job, conn)


def _parse(job: ParseJob, conn: Connection) -> None:
    created: list[str] = []

    def send(kind: str, payload: Any) -> None:
        if kind == "batch":
            conn.send_bytes(_BATCH + marshal.dumps((tuple(payload), created[:])))
        else:
            conn.send_bytes(pickle.dumps((kind, payload, created[:])))
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

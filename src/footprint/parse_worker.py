"""Reading a large exhibit in a second process while this one writes it to the case.

SQLite has one writer and Python one running thread per process, so on a large exhibit the
parse (and the building of rows) runs in a child process and hands row batches to the writer
through a pipe: the two halves of the work use both cores. The child reads the vault copy of
the exhibit (the bytes that were hashed), never touches the database, and reports back the
parse context (warnings, members, decisions), the names seen and every vault file it created,
so a failure can still leave the case as it was.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import io
import marshal
import multiprocessing
import os
import pickle
import queue
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event as EventType
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
STOP_SECONDS = 30.0  # how long a child asked to stop may take to finish its batch
_PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when its parent ends


def attachment_resolver(vault: Vault, source: Source, announce: Callable[[str], None]) -> AttachmentResolver:
    """Store an attachment's bytes in the vault, announcing each new file before it is written.

    Announcing first means a rollback can never miss a file this ingest created, even when the
    parsing process is stopped half-way through writing it.
    """

    def resolve(att: ParsedAttachment) -> tuple[str, int, str] | None:
        if att.data is not None:
            data = att.data
        elif att.member is not None and att.member not in source.symlinks:  # a link is not the file
            data = source.read_member(att.member)
        else:
            return None
        digest = att.sha256 if att.data is not None and att.sha256 else hashlib.sha256(data).hexdigest()
        if not vault.contains(digest):
            announce(digest)
            vault.put_stream(io.BytesIO(data), digest)
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
    search_words: bool = False  # build the search words too (a case on PostgreSQL)


@dataclass
class ParseOutcome:
    """What the child reports once every batch has been sent."""

    ctx: ParseContext
    seen: SeenNames
    counts: Counter[str]
    opened: frozenset[str]  # the archive members the parser opened (the rest are checked by `add`)


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
        self._stop = mp.Event()
        self._process = mp.Process(target=_child, args=(job, child_end, self._stop, os.getpid()), daemon=True)
        self._process.start()
        child_end.close()
        # A reader thread drains the pipe while the writer inserts (it waits in read(), which
        # releases the GIL), so the child never stalls on a full pipe.
        self._received: queue.Queue[bytes | None] = queue.Queue(maxsize=QUEUED_MESSAGES)
        self._reader = threading.Thread(target=self._read, name="footprint-parse-reader", daemon=True)
        self._reader.start()
        self.created_blobs: list[str] = []
        self.outcome: ParseOutcome | None = None
        self._ended = False

    def _read(self) -> None:
        try:
            while True:
                self._received.put(self._conn.recv_bytes())
        except (EOFError, OSError):
            self._received.put(None)

    def _next(self, timeout: float | None = None) -> tuple[str, Any]:
        """The child's next message; ("eof", None) once the pipe is closed."""
        data = self._received.get(timeout=timeout)
        if data is None:
            self._ended = True
            return "eof", None
        if data[:1] == _BATCH:  # the hot path: plain data, which marshal reads fastest
            return "batch", RowBatch(*marshal.loads(data[1:]))
        kind, payload = pickle.loads(data)
        if kind == "created":
            self.created_blobs.append(payload)
        return kind, payload

    def batches(self) -> Iterator[RowBatch]:
        """Row batches as the child builds them; raises what the child raised."""
        while True:
            kind, payload = self._next()
            if kind == "batch":
                yield payload
            elif kind == "done":
                self.outcome = payload
                return
            elif kind == "error":
                raise payload
            elif kind == "eof":
                self._process.join()
                raise RuntimeError(
                    f"the parsing process stopped unexpectedly (exit code {self._process.exitcode})"
                )

    def close(self) -> None:
        """Stop the child if it still runs (the writer failed) and read what it sent before it stopped.

        The child is asked to stop between batches, so it never leaves a vault file half-written;
        every file it announced is then in :attr:`created_blobs` for the rollback.
        """
        self._stop.set()
        deadline = time.monotonic() + STOP_SECONDS
        while not self._ended:
            try:
                self._next(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:  # stuck inside one batch: stop it the hard way
                self._process.terminate()
                deadline = float("inf")
        self._process.join()
        self._reader.join()
        self._conn.close()


def _widen_pipe(end: Connection) -> None:
    """Let the child run a batch or two ahead of the writer (Linux pipes hold 64 KiB by default)."""
    try:
        import fcntl  # POSIX only

        fcntl.fcntl(end.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # not Linux, or above /proc/sys/fs/pipe-max-size
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


def _child(job: ParseJob, conn: Connection, stop: EventType, writer: int) -> None:
    _end_with(writer)
    with fewer_collections():
        _parse(job, conn, stop)


def _end_with(writer: int) -> None:
    """End this process when the writer that started it ends without stopping it (killed): it would go on
    copying attachments into the vault after the writer's journal had been dealt with (``stopped_adds``),
    then wait for ever on a pipe no one reads. Linux only (``PR_SET_PDEATHSIG``); elsewhere it ends when
    its pipe fills."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            return
    except (OSError, AttributeError):  # not Linux
        return
    if os.getppid() != writer:  # the writer ended before the signal was asked for
        os._exit(1)


def _parse(job: ParseJob, conn: Connection, stop: EventType) -> None:
    def send(kind: str, payload: Any) -> None:
        conn.send_bytes(pickle.dumps((kind, payload)))

    try:
        with Source(job.path, name=job.name) as source:
            resolve = attachment_resolver(Vault(job.vault_root), source, lambda d: send("created", d))
            builder = ItemRowBuilder(
                job.exhibit_id, job.first_item_id, job.accounts, resolve, job.search_words
            )
            items = parsers.get(job.parser)().items(source, job.ctx)
            for batch in builder.batches(items, job.batch_size):
                conn.send_bytes(_BATCH + marshal.dumps(tuple(batch)))
                if stop.is_set():
                    return
        send("done", ParseOutcome(job.ctx, builder.seen, builder.counts, frozenset(source.opened)))
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

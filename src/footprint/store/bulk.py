"""Bulk item writing: rows are built on the caller's thread while a writer thread inserts the last batch.

SQLite and psycopg release the GIL while they execute, so building the next batch of rows in Python
overlaps with inserting the previous one on the second core. The writer is the only user of the
connection while it runs; new accounts are queued with the batch that first needs them.
"""

from __future__ import annotations

import queue
import threading
from typing import Any

from sqlalchemy import Connection, insert

from footprint.store import schema as t

Job = tuple[list[dict[str, Any]], list[tuple[Any, ...]], list[tuple[int, int]], list[dict[str, Any]]]


class BatchWriter(threading.Thread):
    """Inserts queued (accounts, items, recipients, attachments) batches in order."""

    def __init__(self, conn: Connection, item_sql: str, recipient_sql: str) -> None:
        super().__init__(name="footprint-batch-writer", daemon=True)
        self.conn = conn
        self.item_sql = item_sql
        self.recipient_sql = recipient_sql
        self.fts_sql = (
            "INSERT INTO item_fts(rowid, text) SELECT id, text FROM item WHERE id BETWEEN ? AND ?"
            if conn.dialect.name == "sqlite"
            else None
        )
        self.jobs: queue.Queue[Job | None] = queue.Queue(maxsize=2)
        self.error: BaseException | None = None

    def run(self) -> None:
        while (job := self.jobs.get()) is not None:
            if self.error is None:
                try:
                    self._write(job)
                except BaseException as exc:  # handed to the caller's thread by put()/finish()
                    self.error = exc

    def _write(self, job: Job) -> None:
        accounts, items, recipients, attachments = job
        if accounts:
            self.conn.execute(insert(t.account), accounts)
        if items:
            self.conn.exec_driver_sql(self.item_sql, items)
            if self.fts_sql is not None:
                self.conn.exec_driver_sql(self.fts_sql, (items[0][0], items[-1][0]))
        if recipients:
            self.conn.exec_driver_sql(self.recipient_sql, recipients)
        if attachments:
            self.conn.execute(insert(t.attachment), attachments)

    def put(self, job: Job) -> None:
        """Queue a batch (blocks while two are waiting); re-raise a failure of an earlier batch."""
        if self.error is not None:
            raise self.error
        self.jobs.put(job)

    def finish(self) -> None:
        """Write what is queued and stop; re-raise any failure."""
        self.stop()
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        """Stop after the queued batches (used when the caller is failing anyway)."""
        if self.is_alive():
            self.jobs.put(None)
            self.join()

"""SQLAlchemy Core tables for the DESIGN.md data model (the current shape; migrations build it).

Times are ISO 8601 UTC strings ending in ``Z`` so that they sort, compare and round-trip
identically on SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

case = Table(
    "case",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("zone", String(64), nullable=False),
    Column("zone_source", String(16), nullable=False),
    Column("created_utc", String(32), nullable=False),
    Column("tool_version", String(32), nullable=False),
)

person = Table(
    "person",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("created_utc", String(32), nullable=False),
)

account = Table(
    "account",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False, unique=True),
    Column("platform", String(32), nullable=False),
    Column("native_id", Text, nullable=False),
    Column("first_seen_utc", String(32)),
    Column("last_seen_utc", String(32)),
)

account_name = Table(
    "account_name",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("account.id"), nullable=False),
    Column("kind", String(16), nullable=False),  # display_name | handle
    Column("value", Text, nullable=False),
    Column("first_seen_utc", String(32)),
    Column("last_seen_utc", String(32)),
    UniqueConstraint("account_id", "kind", "value"),
)

attribution = Table(
    "attribution",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("account.id"), nullable=False),
    Column("person_id", Integer, ForeignKey("person.id"), nullable=False),
    Column("basis", Text, nullable=False),
    Column("by_user", Text, nullable=False),
    Column("at_utc", String(32), nullable=False),
    Column("status", String(16), nullable=False),  # proposed | accepted | rejected
)

exhibit = Table(
    "exhibit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ref", String(32), nullable=False, unique=True),
    Column("file_name", Text, nullable=False),
    Column("original_path", Text, nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("size", BigInteger, nullable=False),
    Column("format", String(64), nullable=False),
    Column("parser", String(64), nullable=False),
    Column("parser_version", Integer, nullable=False),
    Column("producer", Text, nullable=False),
    Column("owner", Text),
    Column("received_utc", String(32), nullable=False),
    Column("notes", Text, nullable=False, default=""),
    Column("vault_path", Text, nullable=False),
    Column("settings", Text, nullable=False, default="{}"),
)

item = Table(
    "item",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("exhibit_id", Integer, ForeignKey("exhibit.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("locator", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("author_account_id", Integer, ForeignKey("account.id")),
    Column("author_name", Text),
    Column("conversation", Text),
    Column("sent_at_raw", Text),
    Column("sent_at_utc", String(32)),
    Column("tz_source", String(16), nullable=False),
    Column("tz_name", String(64)),
    Column("text", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("deleted", Boolean, nullable=False),
    Column("edited", Boolean, nullable=False),
    Column("system", Boolean, nullable=False),
    Column("details", Text),
    Index("ix_item_sent_at", "sent_at_utc"),
    # and ``ix_item_time`` on the time key ``ordering.utc_order`` writes: an index on an expression, made by
    # migration 0014 (which the declared schema cannot name portably)
)

# An item that repeats an item already in the case from another exhibit (the same message in two
# exhibits): recorded when the later exhibit is added, append-only; ``of_item_id`` is the first item.
item_copy = Table(
    "item_copy",
    metadata,
    Column("item_id", Integer, ForeignKey("item.id"), primary_key=True),
    Column("of_item_id", Integer, ForeignKey("item.id"), nullable=False),
    Column("rule", String(16), nullable=False),  # same_time | same_minute
    Column("recorded_utc", String(32), nullable=False),
)

# Clustered on (item, account): one b-tree, filled in item order, no duplicate recipients.
recipient = Table(
    "recipient",
    metadata,
    Column("item_id", Integer, ForeignKey("item.id"), primary_key=True),
    Column("account_id", Integer, ForeignKey("account.id"), primary_key=True),
    sqlite_with_rowid=False,
)

# Every member of a chat conversation but its author receives each message, call and location
# share; stored once per member and derived on read (see ``CaseQueries``).
conversation_member = Table(
    "conversation_member",
    metadata,
    Column("exhibit_id", Integer, ForeignKey("exhibit.id"), primary_key=True),
    Column("conversation", Text, primary_key=True),
    Column("account_id", Integer, ForeignKey("account.id"), primary_key=True),
    sqlite_with_rowid=False,
)

# How far the SQLite full-text index has been brought (items with larger ids are not yet in it).
search_index = Table(
    "search_index",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("indexed_upto", Integer, nullable=False),
)

attachment = Table(
    "attachment",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("item_id", Integer, ForeignKey("item.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("sha256", String(64)),
    Column("size", BigInteger),
    Column("mime", String(128), nullable=False, default=""),
    Column("pdq", String(64)),
    Column("phash", String(16)),
    Column("vault_path", Text),
    Index("ix_attachment_item", "item_id"),
)

warning = Table(
    "warning",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("exhibit_id", Integer, ForeignKey("exhibit.id"), nullable=False),
    Column("locator", Text, nullable=False),
    Column("message", Text, nullable=False),
    Column("raw", Text, nullable=False),
)

# one `footprint analyse`: the analysers it set out to run, in order (JSON list), when and by whom
# (append-only, migration 0012). It finished when each of them has a run with this analysis_id.
analysis = Table(
    "analysis",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("analysers", Text, nullable=False),
    Column("started_utc", String(32), nullable=False),
    Column("by_user", Text, nullable=False),
)

analysis_run = Table(
    "analysis_run",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("analyser", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("settings_hash", String(64), nullable=False),
    Column("started_utc", String(32), nullable=False),
    Column("finished_utc", String(32)),
    Column("status", String(16), nullable=False),  # running | ok | error | skipped
    Column("error", Text),
    Column("analysis_id", Integer, ForeignKey("analysis.id")),  # None: before migration 0012, or a record
)

finding = Table(
    "finding",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("analysis_run.id"), nullable=False),
    Column("item_id", Integer, ForeignKey("item.id")),
    Column("category", String(64), nullable=False),
    Column("score", Float, nullable=False),
    Column("spans", Text, nullable=False, default="[]"),
    Column("rule_ids", Text, nullable=False, default="[]"),
    Column("model_id", Text),
    Column("explanation", Text, nullable=False),
    Column("details", Text, nullable=False, default="{}"),
    Index("ix_finding_item_category", "item_id", "category"),  # with ``id`` on PostgreSQL (migration 0014)
    Index("ix_finding_category", "category"),
)

decision = Table(
    "decision",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("finding_id", Integer, ForeignKey("finding.id"), nullable=False),
    Column("user", Text, nullable=False),
    Column("decision", String(16), nullable=False),  # confirmed | dismissed | noted
    Column("reason", Text, nullable=False),
    Column("at_utc", String(32), nullable=False),
)

# The number an advocate's view gives each finding it has shown her (append-only; migration 0016;
# ``store.finding_numbers``): a finding asserting the same ``claim`` as one she was shown keeps its number
finding_number = Table(
    "finding_number",
    metadata,
    Column("finding_id", Integer, ForeignKey("finding.id"), primary_key=True, autoincrement=False),
    Column("number", Integer, nullable=False),
    Column("claim", String(64), nullable=False),  # SHA-256 of what it asserts (``finding_numbers.claim_key``)
    Index("ix_finding_number_number", "number"),
    Index("ix_finding_number_claim", "claim"),
)

# an exhibit marked as supplied by the complainant (append-only; migration 0008): what an advocate may see
exhibit_supply = Table(
    "exhibit_supply",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("exhibit_id", Integer, ForeignKey("exhibit.id"), nullable=False),
    Column("supplied_by", String(32), nullable=False),  # complainant | withdrawn (the newest row decides)
    Column("reason", Text, nullable=False),
    Column("by_user", Text, nullable=False),
    Column("role", String(32), nullable=False),
    Column("at_utc", String(32), nullable=False),
    Index("ix_exhibit_supply_exhibit", "exhibit_id"),
)

# whose phone or account an exhibit came from, recorded after `add` (append-only; migration 0012): the
# newest row is the exhibit's owner; ``corrects`` names the owner it replaced
exhibit_owner = Table(
    "exhibit_owner",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("exhibit_id", Integer, ForeignKey("exhibit.id"), nullable=False),
    Column("owner", Text, nullable=False),
    Column("corrects", Text, nullable=True),
    Column("reason", Text, nullable=False),
    Column("by_user", Text, nullable=False),
    Column("role", String(32), nullable=False),
    Column("at_utc", String(32), nullable=False),
    Index("ix_exhibit_owner_exhibit", "exhibit_id"),
)

# an advocate's suggested link between two accounts, or attribution of an account to a person (append-only;
# migration 0019): a suggestion, never a decision; the deciding user's `link-accept`, `link-reject` or
# `account attribute` decides it (``review.suggestions``)
suggestion = Table(
    "suggestion",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),  # link | attribution | new person
    Column("account_a", Text, nullable=False),  # an account key, PLATFORM:ID
    Column("account_b", Text, nullable=True),  # the other account of a link (null: an attribution)
    Column(
        "person", Text, nullable=True
    ),  # the person an attribution names, or a new one's name (null: a link)
    Column("user", Text, nullable=False),
    Column("role", String(32), nullable=False),
    Column("note", Text, nullable=False),
    Column("at_utc", String(32), nullable=False),
)

# people who may sign in to the review app for this case, each with their role in it
case_user = Table(
    "case_user",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("role", String(32), nullable=False),
    Column("password_hash", Text, nullable=False),  # scrypt$n$r$p$salt$key (hex)
    Column("created_utc", String(32), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
)

link = Table(
    "link",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("analysis_run.id"), nullable=False),
    Column("account_a_id", Integer, ForeignKey("account.id"), nullable=False),
    Column("account_b_id", Integer, ForeignKey("account.id"), nullable=False),
    Column("score", Float, nullable=False),
    Column("log10_lr", Float, nullable=False),
    Column("evidence", Text, nullable=False, default="[]"),
    Column("status", String(16), nullable=False, default="proposed"),
)

court_order = Table(
    "court_order",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("type", String(32), nullable=False),
    Column("made_utc", String(32), nullable=False),
    Column("expires_utc", String(32)),
    Column("protects_person_id", Integer, ForeignKey("person.id"), nullable=False),
    Column("against_person_id", Integer, ForeignKey("person.id"), nullable=False),
    Column("conditions", Text, nullable=False, default="[]"),
    Column("source", Text, nullable=False, default=""),
)

# When the person an order is against became aware of it (served, or present when it was made):
# append-only, the latest row per order is the one in force (a correction is a new row).
order_service = Table(
    "order_service",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("order_id", Integer, ForeignKey("court_order.id"), nullable=False),
    Column("aware_utc", String(32), nullable=False),
    Column("aware_raw", Text, nullable=False),
    Column("time_given", Boolean, nullable=False),
    Column("means", Text, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_utc", String(32), nullable=False),
)

# Whether a non-molestation order was made without notice (Family Law Act 1996 s.45(1)), which decides
# whether s.42A(2) counts only his conduct once aware of it: append-only, the latest row per order is read.
order_notice = Table(
    "order_notice",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("order_id", Integer, ForeignKey("court_order.id"), nullable=False),
    Column("without_notice", Boolean, nullable=False),
    Column("reason", Text, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_utc", String(32), nullable=False),
)

audit = Table(
    "audit",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at_utc", String(32), nullable=False),
    Column("actor", Text, nullable=False),
    Column("role", String(32), nullable=False),
    Column("action", String(64), nullable=False),
    Column("object", Text, nullable=False),
    Column("justification", Text, nullable=False),
    Column("details", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# One row per command that read the case (migration 0015; footprint.access_log): append-only and
# hash-chained among themselves, apart from the audit log so that a read never fails for want of a write.
access_log = Table(
    "access_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at_utc", String(32), nullable=False),
    Column("actor", Text, nullable=False),
    Column("role", String(32), nullable=False),
    Column("os_user", Text, nullable=False),
    Column("command", String(64), nullable=False),
    Column("arguments", Text, nullable=False),
    Column("lines_shown", Integer, nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("purpose", Text, nullable=False),
    Column("tool_version", String(32), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

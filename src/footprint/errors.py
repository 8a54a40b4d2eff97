"""The exception hierarchy: every error Footprint raises on purpose.

FootprintError
 +-- InputError              the user's file or arguments are wrong (HTTP 400)
 |    +-- UnsupportedFormatError   no parser recognises the file
 |    +-- AmbiguousFormatError     more than one parser claims it equally
 |    +-- ParseError               right format, unreadable as a whole
 |    +-- DuplicateExhibitError    the same bytes are already an exhibit
 |    +-- UnsafeArchiveError       zip slip, zip bomb
 +-- CaseNotFoundError       no case at the given place (HTTP 404)
 +-- AccessDeniedError       the acting user's role may not do this (HTTP 403)
 |    +-- WithheldError          the role sees part of the case; this cannot be shown in part
 +-- CaseExistsError         `case init` on an existing case (HTTP 409)
 +-- CaseMismatchError       the database is another case's, or older than the case folder (HTTP 409)
 +-- SchemaVersionError      the case database needs migrating
 +-- RegistryError           unknown or duplicate parser / analyser name
 +-- AnalysisError           an analyser could not run
 +-- ReportError             a report could not be written
 +-- VerificationError       evidence or the audit chain does not verify
 +-- CaseBusyError           another command held the case's write lock longer than this one waits
 +-- DiskFullError           a write failed for want of space: which folder, what is unchanged, what to do
 +-- DamagedDatabaseError    SQLite cannot read the case's database file (damaged, cut short, emptied)

The library never prints or exits; the CLI and the web app translate these once.
"""

from __future__ import annotations

from typing import Any, ClassVar


class FootprintError(Exception):
    """Base for every error Footprint raises deliberately."""

    http_status: ClassVar[int] = 500

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take keyword-only arguments; rebuild from the message and attributes so
        # an error raised in the parsing process reaches the writer unchanged.
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[FootprintError], args: tuple[Any, ...], state: dict[str, Any]) -> FootprintError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


def reworded(exc: FootprintError, message: str) -> FootprintError:
    """``exc`` (of the same class, with the same attributes) saying ``message`` instead."""
    return _rebuild(type(exc), (message,), exc.__dict__)


class InputError(FootprintError):
    """The user's file or arguments are wrong."""

    http_status = 400


class UnsupportedFormatError(InputError):
    """No registered parser recognises the file."""


class AmbiguousFormatError(InputError):
    """Several parsers claim the file with the same confidence."""


class ParseError(InputError):
    """The file is in a known format but cannot be read as a whole."""

    def __init__(self, message: str, *, source: str, locator: str | None = None) -> None:
        self.source = source
        self.locator = locator
        where = f"{source}, {locator}" if locator else source
        super().__init__(f"{where}: {message}")


class UnsafeArchiveError(ParseError):
    """An archive tries to escape its folder or expands beyond sane limits."""


class DuplicateExhibitError(InputError):
    """The same bytes were already added to the case."""

    http_status = 409


class FolderBehindError(InputError):
    """A write through a case folder that has not seen the database's latest audit entries (a copy of
    the shared folder): ``behind`` says how far behind, in words."""

    def __init__(self, message: str, *, behind: str) -> None:
        super().__init__(message)
        self.behind = behind


class ChangedMeanwhileError(InputError):
    """What the user is deciding on was decided by someone else after they saw it."""

    http_status = 409


class CaseNotFoundError(FootprintError):
    """There is no case at the given place."""

    http_status = 404


class AccessDeniedError(FootprintError):
    """The acting user's role in the case does not allow the action."""

    http_status = 403


class CaseExistsError(FootprintError):
    """A case already exists where one was to be created."""

    http_status = 409


class CaseMismatchError(FootprintError):
    """The case folder and its database disagree: another case's database, or one older than the folder."""

    http_status = 409


class SchemaVersionError(FootprintError):
    """The case database is at a schema this version cannot use."""


class RegistryError(FootprintError):
    """An unknown or duplicate parser or analyser name."""


class NotFoundError(InputError):
    """A named person, account or exhibit does not exist in the case."""

    http_status = 404


class AnalysisError(FootprintError):
    """An analyser could not run."""


class ReportError(FootprintError):
    """A report could not be written."""


class VerificationError(FootprintError):
    """Evidence or the audit chain failed verification."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"verification failed ({len(problems)} problem(s)): " + "; ".join(problems))


class DeletionStoppedError(FootprintError):
    """`case delete` removed part of a case and stopped; its record names what is left."""


class DeletionBegunError(FootprintError):
    """The case's deletion was begun and stopped part-way: it can only be finished (`delete --finish`)."""


class CaseBusyError(FootprintError):
    """Another command held the case's write lock for longer than this one would wait (SQLite)."""

    http_status = 503


class WithheldError(AccessDeniedError):
    """The acting role sees only part of the case, and what was asked for cannot be shown in part."""

    #: what she may do, unless the refusal names something else
    REMEDY = (
        "Ask the officer in the case (an investigator) to run it, or to mark an exhibit she supplied"
        " with `footprint exhibit supplied CASE REF --reason TEXT`"
    )

    def __init__(self, role: str, withheld: int, what: str, remedy: str = REMEDY) -> None:
        self.role = role
        self.withheld = withheld
        super().__init__(
            f"{what} is not shown to a user acting as {role!r}: that role sees only the exhibits the"
            f" complainant supplied, and {withheld} exhibit(s) in this case were not supplied by her."
            f" {remedy}"
        )


class DiskFullError(FootprintError):
    """A write failed because the disk (or the user's quota) was full: the message names the folder or
    database whose disk is full (``where``), what was left unchanged and what to do."""

    http_status = 507

    def __init__(self, where: str, reason: str, unchanged: str, remedy: str) -> None:
        self.where = where
        super().__init__(f"{where}: the disk holding it is full ({reason}); {unchanged} — {remedy}")


class DamagedDatabaseError(FootprintError):
    """SQLite cannot read the case's database file: damaged, cut short, overwritten or emptied."""

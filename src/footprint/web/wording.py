"""What the review app says to its user in its own words: an error page's title, the refusals of a browser
without the server's key, the notice on a form kept across a session's end, and what a database lost or
refusing a statement means for the request."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from footprint.store.engine import lost_database, refused_statement

#: an error page's title (and heading) by its status: what went wrong, not only that something did
TITLES = {
    400: "Not accepted",
    403: "Refused",
    404: "Not found",
    405: "Not allowed here",
    409: "Changed meanwhile",
    410: "Case gone",
}


NO_USERS = "this case has no users, so there is no password to change (`footprint user add` adds them)"
#: with no users, how a browser opens the app (every request without its session is refused in these words)
OPEN_IT = (
    "open the address `footprint serve` printed when it started (it ends with ?key=…) from the terminal"
    " where it runs"
)
NO_KEY = f"this app opens only in a browser given the key of this server; {OPEN_IT}"
WRONG_KEY = (
    "the key in this address is not this server's (each start of `footprint serve` prints a new one);"
    f" {OPEN_IT}"
)
#: with no users at the start, once `footprint user add` has added one: the key no longer opens the app
USERS_ADDED = (
    "this case has users now (`footprint user add`), so everyone signs in and the key this server printed"
    " no longer opens it; stop this server (Ctrl+C) and start `footprint serve` again"
)
#: said on the page of a form sent after its session ended, with what was typed in it again
KEPT = (
    "Your session had ended when you sent this form, so nothing was recorded. What you typed is kept below:"
    " send it again to record it."
)


def database_refusal(exc: DBAPIError, method: str) -> str | None:
    """What the error page says of the database lost, or of a statement it refused (a time limit, a user
    who may not write), in the CLI's words (``cli._lost_line``, ``cli._refused_line``), and what became of
    what a request of ``method`` sent; None for any other database error (a fault in Footprint)."""
    lost = lost_database(exc)
    refused = refused_statement(exc)
    if lost is None and refused is None:
        return None
    reason = (str(exc.orig or exc).strip().splitlines() or [type(exc).__name__])[0]
    what, advice = refused or (
        f"lost the connection to the case database {lost} ({reason})",
        "try again when the database is back",
    )
    done = (
        "what this page sent (a decision, a note, a change) was NOT recorded"
        if method not in ("GET", "HEAD")
        else "nothing was shown or recorded"
    )
    return f"{what}; {done}; {advice}"

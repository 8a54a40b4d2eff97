"""``create_app``: the review app for one case.

Two ways to run it. With no users in the case, it serves the one user named when it starts (``--actor``,
``--role``), listens on this computer only, and opens only in a browser given the key of this start
(``app.state.launch_key``, in the address ``footprint serve`` prints): other accounts on the computer can
reach 127.0.0.1 too. Once the case has users (``footprint user add``), everyone signs in with a name and
password, and acts in the role the case gives them. Either way a session ends after 30 minutes without a
request, or 8 hours after it began (``sessions``).

Every decision, sign-in and sign-out is written to the case's audit log as the acting user and role;
every page view is a row of the case's access log (``footprint.access_log``: who, the route, what it
selected), and a row that cannot be written never stops the page (the server's log says so).
Message text is hostile: templates escape everything and make control and bidirectional characters
visible; the pages load no scripts and a strict Content-Security-Policy forbids any; each form carries a
secret of the browser's session so another site cannot post through the user's browser, and a request
the browser says another site or page sent (Sec-Fetch-Site, Origin, Referer) is refused before anything
is read or audited. Refused sign-ins are throttled per client and per name from that client.
"""

from __future__ import annotations

import logging
import secrets
import shlex
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import RequestResponseEndpoint

from footprint.analyse.law.confirmation import status_words
from footprint.analyse.link.wording import link_score
from footprint.analysis_gaps import analysis_gaps
from footprint.case import Case
from footprint.code_identity import tool_version
from footprint.content_notice import OF_SUCH_CASES
from footprint.errors import AccessDeniedError, FootprintError, InputError, NotFoundError
from footprint.language import lang_attribute
from footprint.report.html import inert_templates
from footprint.report.sections import reads_as
from footprint.review import DECISIONS, decide, may_decide, record_finding
from footprint.review.record import parse_span
from footprint.settings import Settings
from footprint.store.users import find_user
from footprint.times import iso_utc, uk_display
from footprint.users import (
    MIN_PASSWORD,
    audit_name,
    change_own_password,
    credential,
    session_ended,
    sign_in,
    stranger,
    users,
)
from footprint.web.addresses import page_id, page_number, page_start, refusal_words
from footprint.web.deleted import NOTHING_DONE, Gone, gone
from footprint.web.form_errors import Problem, form_problem, suggestion_problem
from footprint.web.ids import Names, OpaqueIds, case_key
from footprint.web.links import LINK_ACTIONS, LINK_STATUSES, decide_link, link_list, link_page
from footprint.web.page_views import viewed
from footprint.web.peers import client, foreign, local, trust_proxies
from footprint.web.persons import persons_page, suggest, typed_suggestion
from footprint.web.sessions import COOKIE, Ended, Sessions
from footprint.web.suggestions import SHOWN, suggestion_list
from footprint.web.throttle import SignInThrottle, locked_out
from footprint.web.views import (
    MAX_QUERY,
    STATUSES,
    finding_list,
    finding_page,
    item_list,
    item_page,
    item_search,
    last_seen,
)
from footprint.web.wording import (
    KEPT,
    NO_KEY,
    NO_USERS,
    OPEN_IT,
    TITLES,
    USERS_ADDED,
    WRONG_KEY,
    database_refusal,
)

log = logging.getLogger(__name__)

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

_ENV = inert_templates("footprint.web")
_ENV.filters["uk"] = uk_display
_ENV.filters["status_words"] = status_words
_ENV.filters["link_score"] = link_score
_ENV.filters["lang"] = lang_attribute
_ENV.filters["reads_as"] = reads_as
_ENV.globals["max_query"] = MAX_QUERY
_ENV.globals["content_notice"] = OF_SUCH_CASES


class SignInNeeded(Exception):
    """The request needs a signed-in user (with no users, a browser given the key) and has none."""


def create_app(case_dir: Path, settings: Settings, trusted_proxies: tuple[str, ...] = ()) -> FastAPI:
    """The app for the case in ``case_dir`` (users sign in if the case has any; with none, a browser opens
    it with ``app.state.launch_key``). ``trusted_proxies``: the TLS reverse proxies in front of it, whose
    ``X-Forwarded-For`` names the client; its session cookies are then ``Secure``. ``app.state.stop``
    (set by whoever runs it) stops the server once the case is deleted under it (``web.deleted``)."""
    tool_version()  # the code's digest as it is at the start, whatever is changed on disk while it runs
    case = Case.open(case_dir, settings)
    name = case.store.case_info(case.revision).name
    signing_in = bool(users(case))
    server_secret = secrets.token_urlsafe(32)
    launch_key = None if signing_in else secrets.token_urlsafe(32)  # never logged, audited or stored
    opaque = OpaqueIds(case_key(case_dir), case.store.unscoped_engine)
    sessions = Sessions()
    throttle = SignInThrottle()

    def audit_held(everything: bool = False) -> None:
        """One audit entry for the sign-ins each ended lock refused after its first (audited itself)."""
        for (at, shown), attempts in throttle.released(everything):
            stranger(case).record(
                "web sign-in locked",
                shown or "every name",
                "further attempts while locked",
                client=at,
                attempts=attempts,
            )

    def as_user(name: str) -> Case:
        """The case as the user ``name`` acts on it (as no one, if they are no longer in the case)."""
        if not signing_in:
            return case
        user = find_user(case.store.unscoped_engine, name)
        return case.acting_as(user.name, user.role) if user is not None else stranger(case)

    def audit_ended(ended: list[Ended]) -> None:
        """One `web sign-out` for each session that ended without one, as its user, with when it ended."""
        for session in ended:
            at = {} if session.at is None else {"ended": iso_utc(datetime.fromtimestamp(session.at, UTC))}
            as_user(session.name).record("web sign-out", session.name, session.why, **at)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        try:
            if deleted() is not None:  # no audit log left to write to
                if ended := sessions.close():
                    log.warning("%d session(s) ended unaudited: the case was deleted", len(ended))
                return
            audit_held(everything=True)  # the server stops: nothing refused goes unaccounted
            audit_ended(sessions.close())  # nor any sign-in left without its end
        finally:
            case.close()  # its database connections, not left for the collector

    app = FastAPI(
        title="Footprint review", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.mount("/static", StaticFiles(packages=[("footprint.web", "static")]), name="static")
    app.state.launch_key = launch_key
    app.state.stop = None
    went: list[Gone] = []  # the case, once found deleted while this server runs

    def deleted() -> Gone | None:
        """How the case went, if it went while this server ran (found once: then logged, the server
        stopped)."""
        if not went and (found := gone(case.dir, case.store.unscoped_engine)) is not None:
            went.append(found)
            log.warning("Footprint review: %s", found.words)
            stop: Callable[[], None] | None = app.state.stop
            if stop is not None:
                stop()
        return went[0] if went else None

    def acting(request: Request) -> tuple[Case, str]:
        """The case as the user making the request sees it, and the secret their forms carry; a page
        viewed takes the session's notice (``notice``)."""
        audit_ended(sessions.lapsed())
        who, token = _acting(request)
        if request.method == "GET":
            sid = request.cookies.get(COOKIE)
            request.state.notice = sessions.told(sid, request.url.path)
            request.state.kept = sessions.draft(sid, request.url.path)
        return who, token

    def acting_on_form(request: Request, csrf: str, path: str, **fields: str) -> tuple[Case, str]:
        """``acting``, for a form on the page ``path``: if the session has ended by itself, what was typed
        in it is kept for the same user's next session in this browser (``Sessions.keep``)."""
        try:
            return acting(request)
        except SignInNeeded:
            sessions.keep(request.cookies.get(COOKIE), csrf, path, fields)
            raise

    def kept(request: Request) -> dict[str, str]:
        """What was typed in this page's form when its session ended ({} for none)."""
        return dict(getattr(request.state, "kept", {}))

    def notice(request: Request) -> str:
        """What the form that sent the browser to this page did, to say in its status region."""
        return str(getattr(request.state, "notice", ""))

    def tell(request: Request, path: str, words: str) -> RedirectResponse:
        """Send the browser to ``path``, which will say ``words`` (a decision recorded) in its status."""
        sessions.tell(request.cookies.get(COOKIE), path, words)
        return RedirectResponse(path, status_code=303)

    def _acting(request: Request) -> tuple[Case, str]:
        sid = request.cookies.get(COOKIE)
        session = sessions.get(sid)
        if session is None:
            raise SignInNeeded
        if not signing_in:  # the browser's own session, begun with the key (``open_with_key``)
            if users(case):  # added since the server started: the key's sessions end with it
                sessions.end(sid)
                case.record(
                    "web sign-out", session.name, "the case has users now: the key no longer opens it"
                )
                raise AccessDeniedError(USERS_ADDED)
            return case, session.csrf
        # read on every request: a password set, or a user disabled, by the command line or another
        # server over the same case ends the sessions opened before
        user = find_user(case.store.unscoped_engine, session.name)
        ended = session_ended(user, session.credential)
        if ended or user is None:
            if sessions.end(sid) is not None:
                who = case.acting_as(user.name, user.role) if user else stranger(case)
                who.record("web sign-out", session.name, ended)
            raise SignInNeeded
        return case.acting_as(user.name, user.role), session.csrf

    def names(who: Case | None) -> Names:
        """How ``who``'s pages name items, findings and links (opaque ids to a role seeing part of it)."""
        return Names(opaque if who is not None and who.store.supplied_only else None)

    def page(template: str, who: Case | None, status: int = 200, **values: Any) -> HTMLResponse:
        html = _ENV.get_template(template).render(
            shown_id=names(who),
            # a stranger (at the sign-in page, or without the key) is not told which case this is
            case_name=name if who is not None else "Footprint review",
            actor=who.settings.actor if who else None,
            role=who.settings.role if who else None,
            may_decide=who is not None and may_decide(who.settings.role),
            # a role that sees part of the case may note, suggest and read, not decide (``deciders``)
            partial=who is not None and who.store.withheld() > 0,
            signing_in=signing_in,
            version=tool_version(),
            # said on every page while the latest `analyse` has not finished (what ran, what did not) or
            # an exhibit was added after an analyser's latest run (``analysis_gaps``)
            unfinished=". ".join(analysis_gaps(who.store)) if who is not None else "",
            **{"problem": None, "notice": "", **values},
        )
        return HTMLResponse(html, status_code=status)

    def check(request: Request, csrf: str, expected: str) -> None:
        # the browser says when another site sent the form (a sign-in secret is no secret to a user);
        # compared as bytes: compare_digest raises TypeError on a str with non-ASCII characters
        cross_site = request.headers.get("sec-fetch-site") == "cross-site"
        if cross_site or not secrets.compare_digest(csrf.encode(), expected.encode()):
            raise AccessDeniedError(
                "this form is out of date or came from another site; reload the page and try again"
            )

    @app.middleware("http")
    async def case_deleted(request: Request, call_next: RequestResponseEndpoint) -> Response:
        # `case delete` removed the case while this server ran: said to every request, before anything is
        # read or recorded; a signed-in user (a session of this server) is told when, by whom, and where
        # its record is
        if request.url.path.startswith("/static/") or (found := deleted()) is None:
            return await call_next(request)
        signed_in = sessions.get(request.cookies.get(COOKIE)) is not None
        return error_page(None, 410, f"{found.words if signed_in else found.brief}; {NOTHING_DONE}", "")

    @app.middleware("http")
    async def this_computer_only(request: Request, call_next: RequestResponseEndpoint) -> Response:
        # with no users whoever has the key acts as the named user: refuse another site's name for this
        # computer (DNS rebinding), which would let its page read the case and post decisions
        if signing_in or local(request.headers.get("host", "")):
            return await call_next(request)
        message = "this app answers only addresses of this computer (127.0.0.1, ::1 or localhost)"
        return error_page(None, 403, message, "")

    @app.middleware("http")
    async def this_app_only(request: Request, call_next: RequestResponseEndpoint) -> Response:
        # a page on another site (or another port of this computer) must not view pages in the user's
        # name: each view and search is audited as theirs. Refused before anything is read or recorded.
        if not foreign(request):
            return await call_next(request)
        message = (
            "this request came from another site or page, so it was refused and not recorded; open the"
            " app by typing its address, or from its own links"
        )
        return error_page(None, 403, message, "")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers.update(HEADERS)
        return response

    @app.exception_handler(SignInNeeded)
    async def sign_in_needed(request: Request, exc: SignInNeeded) -> Response:
        if signing_in:  # the sign-in page says when the session ended by itself
            return RedirectResponse("/login", status_code=303)
        why = sessions.expired(request.cookies.get(COOKIE))
        return error_page(None, 403, f"your session ended {why}; to go on, {OPEN_IT}" if why else NO_KEY, "")

    def start_session(request: Request, name: str, held: str) -> Response:
        """End the session this browser had (audited), and begin ``name``'s, on the content notice or on
        the form ``name`` sent when that session had ended; ``held``: the credential of the password it
        signed in with (``users.credential``; "" with no users)."""
        old = request.cookies.get(COOKIE)
        if (before := sessions.end(old)) is not None:
            as_user(before.name).record("web sign-out", before.name, "signed in again in this browser")
        audit_ended(sessions.lapsed())
        sid = sessions.start(name, held)
        response = RedirectResponse(sessions.hand_on(old, sid, name) or "/", status_code=303)
        response.set_cookie(
            COOKIE,
            sid,
            httponly=True,
            samesite="strict",
            # behind a TLS proxy the browser speaks HTTPS, whatever reaches the app
            secure=bool(trusted_proxies) or request.url.scheme == "https",
        )
        return response

    def open_with_key(request: Request, key: str) -> Response:
        """With no users: the address `serve` printed begins this browser's session, as often as it is
        opened while the server runs. A wrong key is refused and audited (never the key), bounded in the
        audit log as sign-ins are; the right one is not held back by that lock (it cannot be guessed)."""
        assert launch_key is not None
        if users(case):
            raise AccessDeniedError(USERS_ADDED)
        actor, at = case.settings.actor, client(request)
        if secrets.compare_digest(key.encode(), launch_key.encode()):
            case.record("web sign-in", actor, "with the key `footprint serve` printed", client=at)
            return start_session(request, actor, "")
        audit_held()
        locked = throttle.attempt(actor, at)
        if locked is None:
            stranger(case).record("web sign-in refused", actor, "a wrong key", client=at)
        elif throttle.hold(locked):
            stranger(case).record("web sign-in locked", actor, "a wrong key", client=at)
        raise AccessDeniedError(WRONG_KEY)

    def error_page(who: Case | None, status: int, message: str, token: str) -> HTMLResponse:
        title = TITLES.get(status, "Something went wrong" if status >= 500 else "Not accepted")
        return page("error.html.j2", who, status, title=title, message=message, token=token)

    def problem_page(
        request: Request, status: int, message: str, exc: FootprintError | None = None
    ) -> HTMLResponse:
        try:
            who, token = acting(request)
        except SignInNeeded:
            who, token = None, ""
        if exc is not None:
            message = problem(request, who, exc)
        return error_page(who, status, message, token)

    def problem(request: Request, who: Case | None, exc: FootprintError) -> str:
        """What went wrong, in the ids ``who`` sees (``addresses.refusal_words``)."""
        return refusal_words(names(who), who, request.path_params, exc)

    @app.exception_handler(FootprintError)
    async def footprint_error(request: Request, exc: FootprintError) -> HTMLResponse:
        return problem_page(request, exc.http_status, str(exc), exc)

    @app.exception_handler(DBAPIError)
    async def database_error(request: Request, exc: DBAPIError) -> HTMLResponse:
        # the database lost, or a statement it refused: said without the database (the acting user is not
        # read again)
        words = database_refusal(exc, request.method)
        if words is None:
            raise exc  # a fault in Footprint: the server's error page and its log, as before
        return error_page(None, 503, words, "")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> HTMLResponse:
        # an address or method the app does not have: the same page as every other problem, not JSON
        what = (
            "there is no such page" if exc.status_code == 404 else f"that request was refused ({exc.detail})"
        )
        return problem_page(request, exc.status_code, f"{what}; open the list of findings")

    @app.get("/")
    def home(request: Request, key: str | None = None) -> Response:
        # the app's first page: what the pages after it show, before they show it (a content notice)
        if key is not None and launch_key is not None:
            return open_with_key(request, key)
        who, token = acting(request)
        return page("start.html.j2", who, token=token)

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/login")
    def login_form(request: Request) -> Response:
        if not signing_in:
            return RedirectResponse("/", status_code=303)
        audit_ended(sessions.lapsed())
        sid = request.cookies.get(COOKIE)
        why = sessions.expired(sid)
        ended = f"Your session ended {why}; sign in again." if why else ""
        if sessions.kept(sid):
            ended += " What you typed in the form is kept: signing in as yourself takes you back to it."
        return page("login.html.j2", None, token=server_secret, typed="", notice=ended)

    @app.post("/login")
    def login(
        request: Request,
        user: Annotated[str, Form()] = "",
        password: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        shown = audit_name(user)  # what is kept (in the audit log and the lock-outs) of a name typed
        at = client(request)
        audit_held()
        locked = throttle.attempt(shown, at)  # a form with the wrong secret counts as refused too
        if locked is not None:
            if throttle.hold(locked):  # the lock's first refusal; the rest are counted (``audit_held``)
                stranger(case).record("web sign-in locked", shown, client=at)
            refused = Problem(locked_out(locked), ("user",) if locked[1] is not None else ())
            return page("login.html.j2", None, 403, token=server_secret, problem=refused, typed=user)
        try:
            check(request, csrf, server_secret)
        except AccessDeniedError:
            stranger(case).record(
                "web sign-in refused", shown, "the form is out of date or came from another site", client=at
            )
            raise
        try:
            signed = sign_in(case, user, password, client=at)
        except AccessDeniedError as exc:
            refused = Problem(str(exc), ("user", "password"))  # either may be wrong: both are marked
            return page(
                "login.html.j2", None, exc.http_status, token=server_secret, problem=refused, typed=user
            )
        throttle.succeeded(shown, at)
        # the content notice, then the findings; whoever this browser was signed in as before is signed out
        return start_session(request, signed.name, credential(signed))

    @app.post("/logout")
    def logout(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
        who, token = acting(request)
        check(request, csrf, token)
        sessions.end(request.cookies.get(COOKIE))
        who.record("web sign-out", who.settings.actor)
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE)
        return response

    @app.get("/findings")
    def findings(
        request: Request,
        category: str = "",
        status: str = "all",
        number: Annotated[str, Query(alias="page")] = "1",
        after: str = "",
        before: str = "",
    ) -> HTMLResponse:
        who, token = acting(request)
        at = page_number(number, "findings")
        seek = page_start(names(who), who, after, before)
        listing = finding_list(who, category or None, status, at, seek)
        start = {} if seek is None else {"before" if seek.backwards else "after": seek.finding_id or "end"}
        selected = {"category": category or "all", "status": status, "page": at, **start}
        viewed(who, "/findings", len(listing.findings), **selected)
        return page("findings.html.j2", who, listing=listing, statuses=STATUSES, token=token)

    @app.get("/findings/{finding_id}")
    def finding(request: Request, finding_id: str) -> HTMLResponse:
        who, token = acting(request)
        fid = page_id(names(who), finding_id, "finding")
        shown = finding_page(who, fid)
        viewed(who, "/findings/{finding_id}", 1, finding=fid)
        typed = kept(request)
        return page(
            "finding.html.j2",
            who,
            shown=shown,
            seen=typed["seen"] if "seen" in typed else last_seen(shown.decisions, names(who)),
            actions=DECISIONS,
            token=token,
            notice=KEPT if typed else notice(request),
            reason=typed.get("reason", ""),
        )

    @app.post("/findings/{finding_id}/decision")
    def decision(
        request: Request,
        finding_id: str,
        action: Annotated[str, Form()] = "",
        reason: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form()] = "",
        seen: Annotated[str, Form()] = "",
    ) -> Response:
        # the decision it was weighed against is kept too: sent again, it is checked against it
        who, token = acting_on_form(request, csrf, f"/findings/{finding_id}", reason=reason, seen=seen)
        check(request, csrf, token)
        fid = page_id(names(who), finding_id, "finding")
        try:
            # checked in the decision's transaction: of two deciding at once, the second is refused
            decide(who, fid, action, reason, seen=seen, name=partial(names(who), "decision"))
        except NotFoundError:
            raise  # the finding cannot be shown again (replaced by a newer run): the problem page says why
        except InputError as exc:
            shown = finding_page(who, fid)
            return page(
                "finding.html.j2",
                who,
                exc.http_status,
                shown=shown,
                seen=last_seen(shown.decisions, names(who)),
                actions=DECISIONS,
                token=token,
                problem=form_problem("decision", problem(request, who, exc)),
                reason=reason,
            )
        named = names(who)("finding", fid)
        return tell(request, f"/findings/{named}", f"Finding #{named} {DECISIONS[action]}.")

    def item_form(who: Case, token: str, iid: int, status: int = 200, **values: Any) -> HTMLResponse:
        return page("item.html.j2", who, status, shown=item_page(who, iid), token=token, **values)

    @app.get("/items")
    def items(
        request: Request,
        exhibit: str = "",
        number: Annotated[str, Query(alias="page")] = "1",
        q: str | None = None,
    ) -> HTMLResponse:
        who, token = acting(request)
        at = page_number(number)
        if q is not None:  # a search of every exhibit the user may see, or of the one chosen
            found = item_search(who, q, at, exhibit)
            viewed(who, "/items", len(found.hits), q=q, page=at, **({"exhibit": exhibit} if exhibit else {}))
            return page("items.html.j2", who, listing=None, found=found, token=token)
        listing = item_list(who, exhibit, at)
        viewed(who, "/items", len(listing.items), exhibit=listing.exhibit, page=at)
        return page("items.html.j2", who, listing=listing, found=None, token=token)

    @app.get("/items/{item_id}")
    def item(request: Request, item_id: str) -> HTMLResponse:
        who, token = acting(request)
        iid = page_id(names(who), item_id, "item", "findings")
        typed = kept(request)
        shown = item_form(who, token, iid, typed=typed, notice=KEPT) if typed else item_form(who, token, iid)
        viewed(who, "/items/{item_id}", 1, item=iid)
        return shown

    @app.post("/items/{item_id}/findings")
    def record(
        request: Request,
        item_id: str,
        category: Annotated[str, Form()] = "",
        reason: Annotated[str, Form()] = "",
        words: Annotated[str, Form()] = "",
        span: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        typed = {"category": category, "reason": reason, "words": words, "span": span}
        who, token = acting_on_form(request, csrf, f"/items/{item_id}", **typed)
        check(request, csrf, token)
        iid = page_id(names(who), item_id, "item", "findings")
        try:
            where = parse_span(span) if span.strip() else None
            done = record_finding(who, iid, category, reason, where, words)
        except NotFoundError:
            item_page(who, iid)  # no such item: refused in the app's words, as its page is
            raise
        except InputError as exc:  # the same rules and words as `footprint record`
            refused = form_problem("record", problem(request, who, exc))
            return item_form(who, token, iid, exc.http_status, problem=refused, typed=typed)
        shown = names(who)("finding", done.finding_id)
        words = f"Finding #{shown} recorded ({category}) and confirmed by you."
        if done.decision == "noted":
            confirms = "it counts once the officer in the case confirms it"
            words = f"Finding #{shown} suggested ({category}); {confirms}."
        return tell(request, f"/findings/{shown}", words)

    @app.get("/links")
    def links(request: Request, status: str = "all") -> HTMLResponse:
        who, token = acting(request)
        listing = link_list(who, status)
        viewed(who, "/links", len(listing.links), status=status)
        return page("links.html.j2", who, listing=listing, statuses=LINK_STATUSES, token=token)

    def link_form(who: Case, token: str, lid: int, status: int = 200, **values: Any) -> HTMLResponse:
        shown = link_page(who, lid)
        return page("link.html.j2", who, status, shown=shown, actions=LINK_ACTIONS, token=token, **values)

    @app.get("/links/{link_id}")
    def link(request: Request, link_id: str) -> HTMLResponse:
        who, token = acting(request)
        lid = page_id(names(who), link_id, "link")
        typed = kept(request)
        values: dict[str, Any] = {"notice": notice(request)}
        if typed:
            confirmed = bool(typed["as_complainant"])
            values = {
                "notice": KEPT,
                "reason": typed["reason"],
                "person": typed["person"],
                "confirmed": confirmed,
                "seen": typed["seen"],  # the decision it was weighed against, checked as it is sent
            }
        shown = link_form(who, token, lid, **values)
        viewed(who, "/links/{link_id}", 1, link=lid)
        return shown

    @app.post("/links/{link_id}/decision")
    def link_decision(
        request: Request,
        link_id: str,
        action: Annotated[str, Form()] = "",
        reason: Annotated[str, Form()] = "",
        person: Annotated[str, Form()] = "",
        as_complainant: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form()] = "",
        seen: Annotated[str, Form()] = "",
    ) -> Response:
        # the decision it was weighed against is kept too: sent again, it is checked against it
        typed = {"reason": reason, "person": person, "as_complainant": as_complainant, "seen": seen}
        who, token = acting_on_form(request, csrf, f"/links/{link_id}", **typed)
        check(request, csrf, token)
        lid = page_id(names(who), link_id, "link")
        confirmed = bool(as_complainant)
        shown = names(who)("link", lid)
        try:
            # checked in the decision's transaction: of two deciding at once, or one form sent twice, the
            # second is refused
            done = decide_link(who, lid, shown, action, reason, person, confirmed, seen)
        except NotFoundError:
            raise  # replaced by a newer run meanwhile: the problem page says why
        except InputError as exc:
            refused = form_problem("link", problem(request, who, exc))
            return link_form(
                who,
                token,
                lid,
                exc.http_status,
                problem=refused,
                reason=reason,
                person=person,
                confirmed=confirmed,
            )
        return tell(request, f"/links/{shown}", done)

    @app.get("/persons")
    def persons(request: Request, find: str = "") -> HTMLResponse:
        who, token = acting(request)
        shown = persons_page(who, find)  # ``find`` narrows the suggestion forms' lists
        viewed(who, "/persons", len(shown.candidates), **({"find": shown.find} if shown.find else {}))
        typed = kept(request)  # a suggestion sent after the session ended
        values: dict[str, Any] = {
            "typed": typed_suggestion(typed),
            "notice": KEPT if typed else notice(request),
        }
        return page("persons.html.j2", who, shown=shown, token=token, **values)

    @app.post("/persons/suggestion")
    def suggestion(
        request: Request,
        form: Annotated[str, Form()] = "",
        link_a: Annotated[str, Form()] = "",
        link_b: Annotated[str, Form()] = "",
        link_note: Annotated[str, Form()] = "",
        account: Annotated[str, Form()] = "",
        person: Annotated[str, Form()] = "",
        new_person: Annotated[str, Form()] = "",
        account_note: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        typed = {"form": form, "link_a": link_a, "link_b": link_b, "link_note": link_note}
        typed |= {
            "account": account,
            "person": person,
            "new_person": new_person,
            "account_note": account_note,
        }
        who, token = acting_on_form(request, csrf, "/persons", **typed)
        check(request, csrf, token)
        try:  # `link-suggest`'s and `account suggest`'s own checks and words (a role not hers: refused)
            done = suggest(who, typed)
        except InputError as exc:  # no id of the case is in any of them: shown as they are
            refused = suggestion_problem(form, str(exc), typed)
            shown = persons_page(who)
            return page(
                "persons.html.j2",
                who,
                exc.http_status,
                shown=shown,
                token=token,
                typed=typed,
                problem=refused,
            )
        return tell(request, "/persons", done)

    @app.get("/suggestions")
    def suggestions(
        request: Request, show: str = "waiting", number: Annotated[str, Query(alias="page")] = "1"
    ) -> HTMLResponse:
        who, token = acting(request)
        if show not in SHOWN:
            raise InputError(f"show {show!r} is not known; use one of {', '.join(SHOWN)}")
        at = page_number(number, "suggestions")
        listing = suggestion_list(who, show == "all", at)
        viewed(who, "/suggestions", len(listing.entries), show=show, page=at)
        folder = shlex.quote(str(who.dir))  # the deciding commands name the case folder
        return page("suggestions.html.j2", who, listing=listing, folder=folder, token=token)

    @app.get("/password")
    def password_form(request: Request) -> HTMLResponse:
        who, token = acting(request)
        if not signing_in:
            raise NotFoundError(NO_USERS)
        return page("password.html.j2", who, token=token, minimum=MIN_PASSWORD, done=False)

    @app.post("/password")
    def password(
        request: Request,
        current: Annotated[str, Form()] = "",
        new: Annotated[str, Form()] = "",
        repeat: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form()] = "",
    ) -> HTMLResponse:
        who, token = acting(request)
        if not signing_in:
            raise NotFoundError(NO_USERS)
        check(request, csrf, token)
        name = who.settings.actor

        def form(status: int = 200, problem: Problem | None = None, done: bool = False) -> HTMLResponse:
            return page(
                "password.html.j2", who, status, token=token, minimum=MIN_PASSWORD, problem=problem, done=done
            )

        if new != repeat:
            differ = "the new password and its repeat differ; type the same new password twice"
            return form(400, Problem(differ, ("repeat", "new")))
        at = client(request)
        locked = throttle.attempt(name, at)  # a wrong current password counts as a refused sign-in
        if locked is not None:
            if throttle.hold(locked):
                who.record("web password locked", name, client=at)
            return form(403, Problem(locked_out(locked, "wrong passwords"), ("current",)))
        try:
            change_own_password(who, current, new)
        except AccessDeniedError as exc:
            return form(exc.http_status, Problem(str(exc), ("current",)))
        except InputError as exc:  # the current password was right; the new one too short
            throttle.succeeded(name, at)
            return form(exc.http_status, Problem(str(exc), ("new", "repeat")))
        throttle.succeeded(name, at)
        changed = find_user(case.store.unscoped_engine, name)
        if changed is not None:  # (removed meanwhile: this session ends at its next request)
            sessions.renew(request.cookies.get(COOKIE), credential(changed))
        ended = sessions.end_others(name, request.cookies.get(COOKIE))
        if ended:
            who.record(
                "web sign-out", name, "the user's new password ends their other sessions", sessions=ended
            )
        return form(done=True)

    if trusted_proxies:  # outermost: every middleware and route sees the proxy's client
        trust_proxies(app, trusted_proxies)
    return app

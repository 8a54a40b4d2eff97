"""``create_app``: the review app for one case, served on this computer to one named user.

Every page view and every decision is written to the case's audit log as the acting user and role.
Message text is hostile: templates escape everything and make control and bidirectional characters
visible; the pages load no scripts and a strict Content-Security-Policy forbids any; forms carry a
per-server secret so another web page cannot post decisions through the user's browser.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.middleware.base import RequestResponseEndpoint

from footprint import __version__
from footprint.case import Case
from footprint.errors import AccessDeniedError, FootprintError, InputError
from footprint.report.html import inert
from footprint.review import DECISIONS, decide, may_decide
from footprint.settings import Settings
from footprint.times import uk_display
from footprint.web.views import STATUSES, finding_list, finding_page

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

_ENV = Environment(
    loader=PackageLoader("footprint.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=inert,
)
_ENV.filters["uk"] = uk_display


def create_app(case_dir: Path, settings: Settings) -> FastAPI:
    """The app for the case in ``case_dir``, acting as ``settings.actor`` in ``settings.role``."""
    case = Case.open(case_dir, settings)
    name = case.store.case_info(case.revision).name
    token = secrets.token_urlsafe(32)
    app = FastAPI(title="Footprint review", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(packages=[("footprint.web", "static")]), name="static")

    def page(template: str, status: int = 200, **values: Any) -> HTMLResponse:
        html = _ENV.get_template(template).render(
            case_name=name,
            actor=settings.actor,
            role=settings.role,
            may_decide=may_decide(settings.role),
            version=__version__,
            **values,
        )
        return HTMLResponse(html, status_code=status)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers.update(HEADERS)
        return response

    @app.exception_handler(FootprintError)
    async def footprint_error(request: Request, exc: FootprintError) -> HTMLResponse:
        return page("error.html.j2", exc.http_status, message=str(exc))

    @app.get("/")
    def home() -> RedirectResponse:
        return RedirectResponse("/findings", status_code=303)

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/findings")
    def findings(category: str = "", status: str = "all") -> HTMLResponse:
        listing = finding_list(case, category or None, status)
        case.record("web view findings", "findings", category=category or "all", status=status)
        return page("findings.html.j2", listing=listing, statuses=STATUSES)

    @app.get("/findings/{finding_id}")
    def finding(finding_id: int) -> HTMLResponse:
        shown = finding_page(case, finding_id)
        case.record("web view finding", f"finding {finding_id}")
        return page("finding.html.j2", shown=shown, actions=DECISIONS, token=token)

    @app.post("/findings/{finding_id}/decision")
    def decision(
        finding_id: int,
        action: Annotated[str, Form()] = "",
        reason: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        if not secrets.compare_digest(csrf, token):
            raise AccessDeniedError(
                "this form is out of date or came from another site; reload the finding and decide again"
            )
        try:
            decide(case, finding_id, action, reason)
        except InputError as exc:
            shown = finding_page(case, finding_id)
            return page(
                "finding.html.j2",
                exc.http_status,
                shown=shown,
                actions=DECISIONS,
                token=token,
                problem=str(exc),
                reason=reason,
            )
        return RedirectResponse(f"/findings/{finding_id}", status_code=303)

    app.state.case = case
    return app

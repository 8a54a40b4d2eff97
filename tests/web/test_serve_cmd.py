"""`footprint serve`: refuses to listen beyond this computer without users, names a missing case before
starting, prints the address with the key of this start (and logs it nowhere), and runs the app so that
only a proxy it was told of can name the client (the sign-in lock-out and the audit log's ``client``)."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import Result
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.types import ASGIApp

from footprint.case import Case
from footprint.cli import serve_cmd
from footprint.users import add_user
from tests.audited import said

from .conftest import LOCAL
from .test_sign_in import PASSWORD, _csrf

ANN = "DC Ann Reviewer"


@dataclass
class Started:
    """What `footprint serve` printed and handed to uvicorn (which the test does not start)."""

    result: Result
    app: FastAPI
    options: dict[str, Any]

    def as_served(self) -> ASGIApp:
        """The app as uvicorn serves it with those options (its own proxy-header handling included)."""
        config = uvicorn.Config(self.app, **self.options)
        config.load()
        return config.loaded_app  # type: ignore[no-any-return]


def _serve(run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, *args: str) -> Started:
    handed: list[uvicorn.Server] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda server, sockets=None: handed.append(server))
    monkeypatch.setattr(serve_cmd, "port_free", lambda host, port, shown: None)  # 8765 may be in use here
    result = run_cli("serve", *args)
    assert result.exit_code == 0, result.output
    config = handed[0].config
    options = ("host", "port", "log_level", "proxy_headers", "access_log")
    return Started(result, config.app, {name: getattr(config, name) for name in options})


def _guess(browser: TestClient, password: str, forwarded_for: str | None = None) -> int:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    token = _csrf(browser.get("/login").text)
    data = {"user": ANN, "password": password, "csrf": token}
    return browser.post("/login", data=data, headers=headers).status_code


def _sign_ins(case: Case) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (e.action, e.justification, said(e))
        for e in case.store.audit_entries()
        if e.action.startswith("web sign-in")
    ]


def test_serve_refuses_an_address_other_computers_can_reach(
    run_cli: Callable[..., Result], case: Case
) -> None:
    result = run_cli("serve", str(case.dir), "--host", "0.0.0.0")
    assert result.exit_code == 2
    assert (
        "--host 0.0.0.0 would let other computers act as tester; add the people who review this case"
        " with `footprint user add` (they then sign in), or listen on this computer only (127.0.0.1,"
        " ::1 or localhost)"
    ) in result.output


def test_serve_names_a_missing_case(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = run_cli("serve", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "no Footprint case here; create one with `footprint case init`" in result.output


def test_without_users_serve_prints_the_address_with_a_new_key_which_opens_the_app(
    run_cli: Callable[..., Result], case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # another account on this computer reached 127.0.0.1 and read and decided as the named officer
    started = _serve(run_cli, monkeypatch, str(case.dir))
    key = started.app.state.launch_key
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", key)  # 256 random bits
    assert started.result.stdout == (
        f"Reviewing {case.dir} acting as tester (Ctrl+C stops). Open this address in your browser; its key"
        " is new each time and lets in whoever has it, so keep it to yourself:\n"
        f"http://127.0.0.1:8765/?key={key}\n"
    )
    assert started.result.stderr == ""
    # uvicorn keeps no access log (the key is in an address) and reads no forwarded headers
    assert started.options == {
        "host": "127.0.0.1",
        "port": 8765,
        "log_level": "warning",
        "proxy_headers": False,
        "access_log": False,
    }
    with TestClient(started.as_served(), base_url=LOCAL, follow_redirects=False) as browser:
        assert browser.get("/findings").status_code == 403
        assert browser.get(f"/?key={key}").headers["location"] == "/"
        assert browser.get("/findings").status_code == 200
    assert _serve(run_cli, monkeypatch, str(case.dir)).app.state.launch_key != key  # new each start


def test_with_users_serve_prints_no_key(
    run_cli: Callable[..., Result], case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_user(case, ANN, "reviewer", PASSWORD)
    started = _serve(run_cli, monkeypatch, str(case.dir))
    assert started.app.state.launch_key is None
    assert started.result.stdout == (
        f"Reviewing {case.dir} at http://127.0.0.1:8765/ (users sign in; Ctrl+C stops)\n"
    )


def test_a_forwarded_address_from_this_computer_does_not_escape_the_sign_in_lock(
    run_cli: Callable[..., Result], case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # uvicorn's defaults believed X-Forwarded-For from 127.0.0.1: any local process named a new client
    # for each guess, and guessed without limit
    add_user(case, ANN, "reviewer", PASSWORD)
    served = _serve(run_cli, monkeypatch, str(case.dir)).as_served()
    with TestClient(served, client=("127.0.0.1", 50000), follow_redirects=False) as local:
        assert [_guess(local, f"wrong{n}", f"10.9.9.{n}") for n in range(7)] == [403] * 7
        assert _guess(local, PASSWORD, "10.9.9.99") == 403  # still locked out
    here = {"client": "127.0.0.1"}
    assert _sign_ins(case) == [
        *[("web sign-in refused", "", here)] * 5,
        ("web sign-in locked", "", here),
        ("web sign-in locked", "further attempts while locked", {**here, "attempts": 2}),
    ]


def test_a_named_tls_proxy_names_the_client_and_the_session_cookie_is_secure(
    run_cli: Callable[..., Result], case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # behind a TLS proxy on another computer the cookie never got Secure, and every client had the
    # proxy's address
    add_user(case, ANN, "reviewer", PASSWORD)
    started = _serve(run_cli, monkeypatch, str(case.dir), "--host", "10.0.0.5", "--trusted-proxy", "10.0.0.2")
    assert started.result.stdout == (
        f"Reviewing {case.dir} at http://10.0.0.5:8765/ (users sign in; behind the TLS proxy at 10.0.0.2;"
        " Ctrl+C stops)\n"
    )
    assert started.result.stderr == ""  # no warning: the proxy speaks TLS
    served = started.as_served()
    with TestClient(served, client=("10.0.0.2", 443), follow_redirects=False) as proxy:
        assert [_guess(proxy, "wrong", "192.0.2.7") for _ in range(6)] == [403] * 6  # 192.0.2.7 locked
        token = _csrf(proxy.get("/login").text)
        signed = proxy.post(
            "/login",
            data={"user": ANN, "password": PASSWORD, "csrf": token},
            headers={"X-Forwarded-For": "198.51.100.1, 192.0.2.8"},  # the proxy's entry is the last
        )
        assert signed.status_code == 303
        assert "; secure" in signed.headers["set-cookie"].lower()
    with TestClient(served, client=("10.0.0.66", 4000), follow_redirects=False) as direct:
        assert _guess(direct, "wrong", "192.0.2.9") == 403  # not the proxy: its header is not believed
    assert [(action, details["client"]) for action, _, details in _sign_ins(case)] == [
        *[("web sign-in refused", "192.0.2.7")] * 5,
        ("web sign-in locked", "192.0.2.7"),
        ("web sign-in", "192.0.2.8"),
        ("web sign-in refused", "10.0.0.66"),
    ]


def test_serve_warns_that_a_network_address_without_a_tls_proxy_is_plain_http(
    run_cli: Callable[..., Result], case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_user(case, ANN, "reviewer", PASSWORD)
    started = _serve(run_cli, monkeypatch, str(case.dir), "--host", "10.0.0.5")
    assert started.result.stderr == (
        "Warning: http://10.0.0.5:8765/ is plain HTTP: names, passwords, session cookies and every page"
        " cross the network unencrypted; put a TLS reverse proxy (nginx, Caddy) in front and name it with"
        " --trusted-proxy ADDR\n"
    )


def test_a_trusted_proxy_needs_users_and_an_ip_address(run_cli: Callable[..., Result], case: Case) -> None:
    refused = run_cli("serve", str(case.dir), "--trusted-proxy", "127.0.0.1")
    assert refused.exit_code == 2
    assert (
        "--trusted-proxy is for a team's server behind a TLS reverse proxy, and this case has no users, so"
        " the app serves this computer only; add the people who review this case with `footprint user add`"
        " first"
    ) in refused.output
    add_user(case, ANN, "reviewer", PASSWORD)
    for given in ("*", "proxy.example.org"):
        refused = run_cli("serve", str(case.dir), "--trusted-proxy", given)
        assert refused.exit_code == 2
        assert (
            f"Invalid value for '--trusted-proxy': '{given}' is not an IP address or network; give the"
            " address the TLS proxy connects to this server from, e.g. 10.0.0.2 (or a network, e.g."
            " 10.0.0.0/24)"
        ) in refused.output


def test_the_help_of_host_says_which_addresses_are_accepted(run_cli: Callable[..., Result]) -> None:
    # it said "A loopback address to listen on", though any address is accepted once the case has users
    shown = re.sub(r"\s+", " ", run_cli("serve", "--help").output)
    assert (
        "--host TEXT The address to listen on: this computer's (127.0.0.1, ::1, localhost) until the case"
        " has users; then any. [default: 127.0.0.1]"
    ) in shown
    assert (
        "--socket PATH Listen on a Unix socket at PATH instead of --host/--port, which only this account"
        " can open (mode 0600): no other account on this computer reaches the app."
    ) in shown


def test_a_port_another_program_holds_is_refused_before_the_key_is_printed(
    run_cli: Callable[..., Result], case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the address with the key was printed, then uvicorn failed with "address already in use": the link
    # opened whatever held the port, and the browser sent it the key (new-code review 12)
    monkeypatch.setattr(
        uvicorn.Server, "run", lambda server, sockets=None: pytest.fail("uvicorn was started")
    )
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        result = run_cli("serve", str(case.dir), "--port", str(port))
    assert result.exit_code == 2
    assert "?key=" not in result.output
    assert (
        f"Error: http://127.0.0.1:{port}/ cannot be listened on (Address already in use): another program"
        f" may hold port {port}; choose another with --port"
    ) in " ".join(result.output.split())

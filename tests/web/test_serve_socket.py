"""`footprint serve --socket PATH`: the app on a Unix socket only this account can open (mode 0600, made so
from the start, removed when the server stops); another account on the computer is refused by the system."""

from __future__ import annotations

import os
import re
import socket
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import Result

from footprint.case import Case
from footprint.users import add_user
from tests.audited import said

from .test_sign_in import PASSWORD

NOBODY = 65534


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder every account may enter (the test's own are its owner's only), so the socket's mode alone
    decides who may connect."""
    with tempfile.TemporaryDirectory(prefix="footprint-socket-") as made:
        os.chmod(made, 0o755)
        yield Path(made)


def _get(path: Path, target: str) -> str:
    """The status line and headers of a GET of ``target`` over the socket at ``path``."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(str(path))
        conn.sendall(f"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
        received = b""
        while chunk := conn.recv(65536):
            received += chunk
    return received.decode("utf-8", "replace").split("\r\n\r\n")[0]


def _connects_as(uid: int, path: Path) -> bool:
    """Whether another account (``uid``) can connect to the socket at ``path``."""
    child = os.fork()
    if child == 0:  # pragma: no cover (the child)
        try:
            os.setgid(uid)
            os.setuid(uid)
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
                conn.connect(str(path))
            os._exit(0)
        except PermissionError:
            os._exit(13)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(child, 0)
    code = os.waitstatus_to_exitcode(status)
    assert code in (0, 13)
    return code == 0


class Running:
    """`footprint serve` run in a thread (so the test can connect), and the uvicorn server it started."""

    def __init__(self, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, *args: str) -> None:
        self.servers: list[uvicorn.Server] = []
        self.result: dict[str, Result] = {}
        original = uvicorn.Server.run
        started = self.servers.append

        def run(server: uvicorn.Server, sockets: Any = None) -> None:
            started(server)
            original(server, sockets=sockets)

        monkeypatch.setattr(uvicorn.Server, "run", run)
        self.thread = threading.Thread(target=lambda: self.result.update(done=run_cli("serve", *args)))
        self.thread.start()
        for _ in range(400):
            if self.servers and self.servers[0].started or not self.thread.is_alive():
                break
            threading.Event().wait(0.025)

    def stop(self) -> Result:
        if self.servers:
            self.servers[0].should_exit = True
        self.thread.join(timeout=20)
        return self.result["done"]


def test_serve_on_a_socket_that_only_this_account_can_open(
    run_cli: Callable[..., Result], case: Case, monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    # on a shared computer every other account reached 127.0.0.1
    path = folder / "case.sock"
    running = Running(run_cli, monkeypatch, str(case.dir), "--socket", str(path))
    try:
        mode = path.stat().st_mode
        assert stat.S_ISSOCK(mode) and stat.S_IMODE(mode) == 0o600
        key = running.servers[0].config.app.state.launch_key
        assert _get(path, "/findings").startswith("HTTP/1.1 403")  # the key is still needed
        opened = _get(path, f"/?key={key}")
        assert opened.startswith("HTTP/1.1 303") and "location: /\r\n" in opened.lower()
        if os.geteuid() == 0:  # another account is refused by the system, for the socket's mode alone
            assert not _connects_as(NOBODY, path)
            os.chmod(path, 0o666)  # as uvicorn's own --uds leaves it
            assert _connects_as(NOBODY, path)
            os.chmod(path, 0o600)
    finally:
        result = running.stop()
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Reviewing {case.dir} acting as tester on the socket {path}, which only this account can open"
        f" (Ctrl+C stops). Relay it to your browser (`ssh -L 8765:{path} HOST` from your own computer) and"
        " open, at the relayed address (http://127.0.0.1:8765), this path; its key is new each time and lets"
        f" in whoever has it, so keep it to yourself:\n/?key={key}\n"
    )
    assert not path.exists()  # removed when the server stops
    [signed] = [e for e in case.store.audit_entries() if e.action == "web sign-in"]
    assert said(signed) == {"client": "unix socket"}


def test_with_users_serve_on_a_socket_prints_no_key(
    run_cli: Callable[..., Result], case: Case, monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    add_user(case, "DC Ann Reviewer", "reviewer", PASSWORD)
    path = folder / "team.sock"
    running = Running(run_cli, monkeypatch, str(case.dir), "--socket", str(path))
    try:
        assert "location: /login" in _get(path, "/findings").lower()
    finally:
        result = running.stop()
    assert result.stdout == (
        f"Reviewing {case.dir} on the socket {path}, which only this account can open (users sign in;"
        " Ctrl+C stops)\n"
    )


def test_a_socket_in_use_or_a_file_is_left_alone_and_a_stale_one_replaced(
    run_cli: Callable[..., Result], case: Case, monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    path = folder / "case.sock"
    afile = folder / "notes.txt"
    afile.write_text("hers", encoding="utf-8")
    refused = run_cli("serve", str(case.dir), "--socket", str(afile))
    assert refused.exit_code == 2
    assert (
        f"--socket {afile} is a file, not a socket: it is left alone; choose another path" in refused.output
    )
    assert afile.read_text(encoding="utf-8") == "hers"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as other:
        other.bind(str(path))
        other.listen(1)
        refused = run_cli("serve", str(case.dir), "--socket", str(path))
        assert refused.exit_code == 2
        assert f"--socket {path}: a server is listening on it already" in refused.output
    running = Running(run_cli, monkeypatch, str(case.dir), "--socket", str(path))  # the stale one replaced
    try:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert _get(path, "/findings").startswith("HTTP/1.1 403")
    finally:
        assert running.stop().exit_code == 0


@pytest.mark.parametrize(
    ("given", "refusal"),
    [
        (("--port", "9000"), "--socket replaces --port: give the socket or an address, not both"),
        (("--host", "::1"), "--socket replaces --host: give the socket or an address, not both"),
        (
            ("--trusted-proxy", "10.0.0.2"),
            "--trusted-proxy names a proxy by its network address, and a connection to --socket has none"
            " (only this account can open it); leave --trusted-proxy out",
        ),
    ],
)
def test_a_socket_replaces_the_address_and_takes_no_proxy(
    run_cli: Callable[..., Result], case: Case, folder: Path, given: tuple[str, ...], refusal: str
) -> None:
    add_user(case, "DC Ann Reviewer", "reviewer", PASSWORD)
    refused = run_cli("serve", str(case.dir), "--socket", str(folder / "s.sock"), *given)
    assert refused.exit_code == 2
    assert refusal in re.sub(r"\s+", " ", refused.output)
    assert not (folder / "s.sock").exists()


def test_a_socket_path_too_long_for_the_system_is_refused_saying_so(
    run_cli: Callable[..., Result], case: Case, folder: Path
) -> None:
    path = folder / ("s" * (120 - len(str(folder)))) / "case.sock"
    path.parent.mkdir()
    size = len(os.fsencode(path))
    refused = run_cli("serve", str(case.dir), "--socket", str(path))
    assert refused.exit_code == 2
    said = (
        f"--socket {path}: the path is {size} bytes long, and a Unix socket's path may be at most 107;"
        " choose a shorter path (a folder of your own nearer the root, such as /run/user/<your uid>)"
    )
    assert "".join(said.split()) in "".join(refused.output.split())  # click wraps the long path
    assert not path.exists()

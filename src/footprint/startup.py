"""Ctrl-C while the command line is still loading: one line and exit 130, never Python's traceback.

Until the command line has loaded, no command has run, so no case can have been opened, let alone
changed. A Ctrl-C then ends the process at once with the one line, rather than raising
``KeyboardInterrupt`` inside whatever import was under way (where it would surface as a traceback, or
wrapped in another error). Once loaded, ``footprint.cli`` takes Ctrl-C over: a command in progress
rolls back and says so.
"""

# the built-in half of `signal`: importing `signal` itself takes about 5 ms (it builds enums), during
# which Ctrl-C would still end in a traceback
import _signal  # type: ignore[import-not-found]
import os

INTERRUPTED = "interrupted; the case is unchanged"
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports it
#: SIGTERM (`timeout`, `kill`, a service stop) ends a command as Ctrl-C does, but exits 128 + SIGTERM, as a
#: shell reports a process the signal ended: whoever sent it can tell their stop from a user's Ctrl-C
EXIT_TERMINATED = 143
TERMINATED = "stopped (SIGTERM)"


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would raise ``KeyboardInterrupt``: every rollback that a Ctrl-C
    runs runs for it too."""


def stopped_line(line: str, exc: BaseException) -> str:
    """The one line of a Ctrl-C (``line``), as SIGTERM's when ``exc`` is one."""
    return line.replace("interrupted", TERMINATED, 1) if isinstance(exc, Terminated) else line


def exit_code(exc: BaseException) -> int:
    """130 for Ctrl-C, 143 for SIGTERM."""
    return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED


def _stop(signum: int, frame: object) -> None:
    term = signum == _signal.SIGTERM
    line = INTERRUPTED.replace("interrupted", TERMINATED, 1) if term else INTERRUPTED
    os.write(2, f"{line}\n".encode())
    os._exit(EXIT_TERMINATED if term else EXIT_INTERRUPTED)


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def guard_loading() -> bool:
    """From now until ``end_loading``, Ctrl-C ends the process with the one line (when Ctrl-C would
    otherwise raise ``KeyboardInterrupt``; an ignored Ctrl-C stays ignored). True if this call did so."""
    if _signal.getsignal(_signal.SIGINT) is not _signal.default_int_handler:
        return False
    try:
        _signal.signal(_signal.SIGINT, _stop)
    except ValueError:  # not the main thread: Ctrl-C is the main thread's to handle
        return False
    if _signal.getsignal(_signal.SIGTERM) == _signal.SIG_DFL:
        _signal.signal(_signal.SIGTERM, _stop)
    return True


def end_loading() -> None:
    """Ctrl-C raises ``KeyboardInterrupt`` again (the command line turns it into the one line)."""
    if _signal.getsignal(_signal.SIGINT) is _stop:
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)
    if _signal.getsignal(_signal.SIGTERM) is _stop:
        _signal.signal(_signal.SIGTERM, _signal.SIG_DFL)


def ignore_stops_when_done() -> None:
    """The command has ended (finished, failed or been stopped) and said so: from now until the process
    exits, Ctrl-C and SIGTERM are ignored, as there is nothing left to stop. Otherwise one arriving while
    the process tidies up ends it silently with 143 (Python puts the default action back as it exits),
    or with a traceback, after the result was printed and the work kept (review of 30 November: a script
    saw failure, ran the add again and got "already in the case"). Only where ``raise_on_sigterm`` made
    SIGTERM ours (the command line's entry point): a program calling the commands keeps its own."""
    if _signal.getsignal(_signal.SIGTERM) is _terminate:
        _signal.signal(_signal.SIGTERM, _signal.SIG_IGN)
        if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
            _signal.signal(_signal.SIGINT, _signal.SIG_IGN)


def raise_on_sigterm() -> None:
    """From now on SIGTERM raises ``Terminated`` where Ctrl-C raises ``KeyboardInterrupt`` (the command
    line's entry point; a SIGTERM someone else handles or ignores is left so)."""
    if _signal.getsignal(_signal.SIGTERM) == _signal.SIG_DFL:
        try:
            _signal.signal(_signal.SIGTERM, _terminate)
        except ValueError:  # not the main thread: the signal is the main thread's to handle
            pass

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


def _stop(signum: int, frame: object) -> None:
    os.write(2, f"{INTERRUPTED}\n".encode())
    os._exit(EXIT_INTERRUPTED)


def guard_loading() -> bool:
    """From now until ``end_loading``, Ctrl-C ends the process with the one line (when Ctrl-C would
    otherwise raise ``KeyboardInterrupt``; an ignored Ctrl-C stays ignored). True if this call did so."""
    if _signal.getsignal(_signal.SIGINT) is not _signal.default_int_handler:
        return False
    try:
        _signal.signal(_signal.SIGINT, _stop)
    except ValueError:  # not the main thread: Ctrl-C is the main thread's to handle
        return False
    return True


def end_loading() -> None:
    """Ctrl-C raises ``KeyboardInterrupt`` again (the command line turns it into the one line)."""
    if _signal.getsignal(_signal.SIGINT) is _stop:
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)

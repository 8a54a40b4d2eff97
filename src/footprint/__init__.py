"""Footprint: turn the online footprint of abuse into a prosecution-ready case."""

# No `from __future__ import annotations` here or in footprint.startup: it imports a module, and until
# the guard below is set a Ctrl-C ends in a traceback.

import os
import sys

__all__ = ["__version__", "TOOL_NAME"]

__version__ = "0.1.0"
TOOL_NAME = "footprint"

# Started as a program (`python -m footprint`: argv[0] is "-m" until __main__ is found; or the installed
# `footprint` command): Ctrl-C is one line from here on, until the command line ends the guard.
if sys.argv[:1] == ["-m"] or os.path.basename(sys.argv[0] if sys.argv else "") == TOOL_NAME:
    from footprint.startup import guard_loading

    guard_loading()

"""What a parser declares about itself matches what its code does."""

from __future__ import annotations

import inspect

import pytest

from footprint.ingest import Parser, parsers


@pytest.mark.parametrize(
    ("flag", "reads"), [("takes_platform", "ctx.platform"), ("takes_column_map", "ctx.column_map")]
)
def test_a_parser_takes_an_option_exactly_when_its_code_reads_it(flag: str, reads: str) -> None:
    # `add` refuses --platform, and records --map, by these flags: a parser reading the option
    # without the flag would have it refused, one with the flag but not reading it would record it unused.
    own_classes = {
        cls: [k for k in cls.__mro__ if issubclass(k, Parser) and k is not Parser] for cls in parsers
    }
    readers = {
        cls.name for cls, mine in own_classes.items() if any(reads in inspect.getsource(k) for k in mine)
    }
    assert {cls.name for cls in parsers if getattr(cls, flag)} == readers

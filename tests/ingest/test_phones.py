"""Account references: which values become E.164 phone numbers, on which platforms."""

from __future__ import annotations

import pytest

from footprint.ingest.phones import account_ref
from footprint.model import AccountRef


@pytest.mark.parametrize("platform", ["sms", "whatsapp", "imessage"])
def test_on_a_phone_platform_a_run_of_digits_is_a_number(platform: str) -> None:
    assert account_ref(platform, "07700 900123") == AccountRef(platform, "+447700900123", "07700 900123")
    assert account_ref(platform, "447700900123").native_id == "+447700900123"


@pytest.mark.parametrize("platform", ["x", "discord", "instagram", "facebook", "csv", "jsonl"])
def test_elsewhere_a_run_of_digits_is_a_user_id(platform: str) -> None:
    # before: X's and Discord's numeric ids became UK numbers (+441111111111) and could be linked as one
    assert account_ref(platform, "1111111111", "Ben") == AccountRef(platform, "1111111111", "Ben")
    assert account_ref(platform, "447700900123").native_id == "447700900123"


@pytest.mark.parametrize("written", ["+44 7700 900123", "07700 900123", "(0)7700-900123"])
def test_elsewhere_a_value_written_as_a_number_is_one(written: str) -> None:
    assert account_ref("csv", written).native_id == "+447700900123"

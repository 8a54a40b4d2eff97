"""The Windows zone table (CLDR windowsZones, territory 001): complete where it matters, every zone real."""

from __future__ import annotations

from footprint.ingest.windows_zones import TABLE, iana_zone
from footprint.times import zone

# the UK, every European zone Windows has, and the zones a UK case most often meets elsewhere
NEEDED = {
    "GMT Standard Time": "Europe/London",
    "Greenwich Standard Time": "Atlantic/Reykjavik",
    "UTC": "Etc/UTC",
    "W. Europe Standard Time": "Europe/Berlin",
    "Romance Standard Time": "Europe/Paris",
    "Central Europe Standard Time": "Europe/Budapest",
    "Central European Standard Time": "Europe/Warsaw",
    "GTB Standard Time": "Europe/Bucharest",
    "FLE Standard Time": "Europe/Kiev",
    "E. Europe Standard Time": "Europe/Chisinau",
    "Kaliningrad Standard Time": "Europe/Kaliningrad",
    "Belarus Standard Time": "Europe/Minsk",
    "Russian Standard Time": "Europe/Moscow",
    "Turkey Standard Time": "Europe/Istanbul",
    "Azores Standard Time": "Atlantic/Azores",
    "Morocco Standard Time": "Africa/Casablanca",
    "Eastern Standard Time": "America/New_York",
    "Central Standard Time": "America/Chicago",
    "Pacific Standard Time": "America/Los_Angeles",
    "India Standard Time": "Asia/Calcutta",
    "Pakistan Standard Time": "Asia/Karachi",
    "Bangladesh Standard Time": "Asia/Dhaka",
    "Arabian Standard Time": "Asia/Dubai",
    "China Standard Time": "Asia/Shanghai",
    "Tokyo Standard Time": "Asia/Tokyo",
    "AUS Eastern Standard Time": "Australia/Sydney",
    "South Africa Standard Time": "Africa/Johannesburg",
    "W. Central Africa Standard Time": "Africa/Lagos",
    "E. Africa Standard Time": "Africa/Nairobi",
    "Dateline Standard Time": "Etc/GMT+12",
    "Line Islands Standard Time": "Pacific/Kiritimati",
}


def test_the_table_maps_the_zones_a_case_meets() -> None:
    assert {name: iana_zone(name) for name in NEEDED} == NEEDED
    assert len(TABLE) == 138


def test_every_mapped_zone_is_one_the_zone_database_has() -> None:
    for windows, iana in TABLE.items():
        assert zone(iana).key == iana, windows


def test_a_name_the_table_lacks_is_not_mapped() -> None:
    assert iana_zone("Mars Standard Time") is None
    assert (
        iana_zone("gmt standard time") is None
    )  # Windows IDs are matched exactly, as the registry writes them
    assert iana_zone("Europe/London") is None

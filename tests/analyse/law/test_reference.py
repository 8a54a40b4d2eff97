"""The shipped knowledge base against the project's research draft (read in place; skipped without it):
every draft entry is encoded or deliberately left out with a reason in SOURCES.md, and each encoded one
keeps the draft's verification level, mode of trial and in-force date unless SOURCES.md says why not; an
entry the draft lacks is named there with its sources."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

import pytest
import yaml

from footprint.analyse.law.kb import load_kb

REFERENCE = Path("/work/shared/reference/offences.yaml")

# Draft id -> knowledge-base ids (empty: not encoded, with the words SOURCES.md gives the reason under).
ENCODED: dict[str, tuple[str, ...]] = {
    "pha_s2_harassment": ("pha1997_s2",),
    "pha_s2a_stalking": ("pha1997_s2a",),
    "pha_s4_fear_of_violence": ("pha1997_s4",),
    "pha_s4a_stalking_fear_violence_serious_alarm": ("pha1997_s4a",),
    "mca_s1_malicious_communications": ("mca1988_s1", "mca1988_s1_threat", "mca1988_s1_false"),
    "ca_s127_1_grossly_offensive_menacing": ("ca2003_s127_1",),
    "ca_s127_2c_persistent_use": ("ca2003_s127_2c",),
    "osa_s179_false_communications": ("osa2023_s179",),
    "osa_s181_threatening_communications": ("osa2023_s181",),
    "osa_s184_encouraging_self_harm": ("osa2023_s184",),
    "soa_s66a_cyberflashing": ("soa2003_s66a",),
    "soa_s66b1_sharing_intimate_image_base": ("soa2003_s66b_1",),
    "soa_s66b2_sharing_intimate_image_intent_distress": ("soa2003_s66b_2",),
    "soa_s66b3_sharing_intimate_image_sexual_gratification": ("soa2003_s66b_3",),
    "soa_s66b4_threat_to_share_intimate_image": ("soa2003_s66b_4",),
    "cjca_s33_disclosing_private_sexual_images": ("cjca2015_s33_disclose", "cjca2015_s33_threat"),
    "scaa_s76_controlling_coercive_behaviour": ("sca2015_s76",),
    "oapa_s16_threats_to_kill": ("oapa1861_s16",),
    "ta_s21_blackmail": ("ta1968_s21",),
    "sa2020_s363_breach_restraining_order": ("sa2020_s363",),
    "fla_s42a_breach_non_molestation_order": ("fla1996_s42a",),
    "spa2019_s8_breach_stalking_protection_order": ("spa2019_s8",),
    "cma_s1_unauthorised_access": ("cma1990_s1",),
    "ipa_s3_unlawful_interception": ("ipa2016_s3",),
}
LEFT_OUT = {
    "cdpa_s32_aggravated_harassment": "CDA 1998 s.32 as a separate offence",
    "osa_s183_flashing_images": "OSA s.183 flashing images",
    "soa_s66e_creating_purported_intimate_image": "SOA s.66E/66F",
    "pha_s5a_restraining_order_acquittal_breach": "PHA 1997 s.5A breach of a restraining order made on acquittal",
    "soa_s67_voyeurism": "voyeurism ss.67/67A",
    "soa_s67a_upskirting": "voyeurism ss.67/67A",
    "cpa2026_taking_intimate_image": "Crime and Policing Act 2026",
}
# Knowledge-base entries the draft does not hold, with the words SOURCES.md gives their sources under.
ADDED = {"sa1961_s2": "Suicide Act 1961 s.2", "daa2021_s39": "Domestic Abuse Act 2021 s.39"}
# Encoded entries whose in-force date departs from the draft's, with the words SOURCES.md explains it by.
DATE_DEPARTURES = {
    "mca1988_s1": "MCA 1988 s.1",
    "mca1988_s1_threat": "MCA 1988 s.1",
    "mca1988_s1_false": "MCA 1988 s.1",
    "cma1990_s1": "CMA 1990 s.1",
    "cjca2015_s33_threat": "CJCA 2015 s.33",
    "oapa1861_s16": "OAPA 1861 s.16",
}


@pytest.fixture(scope="module")
def draft() -> dict[str, dict[str, object]]:
    if not REFERENCE.exists():
        pytest.skip(f"the research draft {REFERENCE} is not on this machine")
    return {e["id"]: e for e in yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))["offences"]}


def _iso_start(text: str) -> date | None:
    """The draft's in-force date when it begins with one (some give a year or prose)."""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _sources_md() -> str:
    return resources.files("footprint").joinpath("rules", "offences", "SOURCES.md").read_text("utf-8")


def test_every_draft_entry_is_encoded_or_left_out_with_a_reason(draft: dict[str, dict[str, object]]) -> None:
    assert sorted(draft) == sorted([*ENCODED, *LEFT_OUT])
    kb_ids = {o.id for o in load_kb().offences}
    assert sorted(kb_ids) == sorted([*(i for ids in ENCODED.values() for i in ids), *ADDED])
    notes = _sources_md()
    assert [why for why in [*LEFT_OUT.values(), *ADDED.values()] if why not in notes] == []


def test_encoded_entries_keep_the_drafts_verification_mode_and_dates(
    draft: dict[str, dict[str, object]],
) -> None:
    kb = load_kb()
    notes = _sources_md()
    differences = []
    for ref_id, ids in ENCODED.items():
        ref = draft[ref_id]
        for offence in (kb.offence(i) for i in ids):
            if offence.verification != ref["verification_level"]:
                differences.append(f"{offence.id}: verification {offence.verification}")
            if offence.mode_of_trial != ref["mode_of_trial"]:
                differences.append(f"{offence.id}: mode {offence.mode_of_trial}")
            start = _iso_start(str(ref["in_force_from"]))
            moved = start is not None and offence.in_force_from != start
            if moved and DATE_DEPARTURES.get(offence.id, "(no reason given)") not in notes:
                differences.append(f"{offence.id}: in force {offence.in_force_from}, draft {start}")
    assert differences == []

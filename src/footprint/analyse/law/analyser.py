"""The ``law`` analyser: one ``offence_assessment`` finding per suspect → complainant."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from footprint.analyse.base import Analyser, FindingDraft, analysers
from footprint.analyse.conduct.evidence import AfterUpstream, pairs_of, read_record
from footprint.analyse.law.assess import STATEMENT, assess_pair
from footprint.analyse.law.kb import load_kb
from footprint.analyse.law.left_out import note_left_out
from footprint.analyse.law.pending import note_pending
from footprint.analyse.law.reaction_notes import explanation_note
from footprint.analyse.law.stored import stored_form
from footprint.case import Case
from footprint.times import today


@analysers.register
class LawAnalyser(Analyser):
    """Candidate offences per pair, element by element, with time limits (never a finding of guilt)."""

    name: ClassVar[str] = "law"
    version: ClassVar[int] = 21  # 21: pending attribution reads every link giving some support (log10 LR
    # above 0), not only those from 2.0 (the demo's +1.00 link had its messages left out without a word);
    # 20: an element names the conduct pending attribution (``pending``): what an
    # account linked to his, attributed to no one, would add were a person to attribute it, never counted;
    # 19: an entry limited to some detector rules may count a finding a person
    # recorded too (``or_recorded``): for OSA 2023 s.181 only the rape rules' threat_sexual findings and a
    # person's count, the others (and the model's alone) are judged;
    # 18: a knowledge-base entry may leave out findings only some rules made
    # (``unless_rules``: a threat of sexual assault, not of rape, is judged for OSA 2023 s.181);
    # 17: an item a person must judge (a threat of violence, for OSA 2023 s.181's threat of death or
    # serious harm) is named under ``may_support``, never counted;
    # 16: the assessment is stored with each item named once (``stored``);
    # 15: an offence out of time for every occasion is "out_of_time", not a
    # candidate; the CA 2003 s.127(5) long-stop begins with the day of the offence; MCA 1988 s.1's threat
    # and false-information limbs are their own entries; a confirmed finding no offence counts is named;
    # 14: an item that is a reaction is named as one, an element counting
    # reactions says how many and what it has without them, and the explanation names the offences counting
    # them; 13: a removed reaction is not contact or conduct;
    # 12: a breach's minutes_after_made_readings (a time in a clock change);
    # escalation leaves out an occasion of incidents no finding grades; 11: an incident his only by its
    # words (not reviewed) needs a person's review, its basis shown beside it; one where he reported, told
    # or denied something is not his conduct; 10: an element resting only on unreviewed findings is
    # "indicated";
    # 9: incidents count only when their row or a person says he did them; a date-only breach or order is
    # not given a time; no awareness recorded: every contravention listed; 8: device context findings are
    # not evidence; 7: fear and intent follow the
    # act (`follows`); 6: a draft naming her does not make its conversation about her; 5: drafts and failed
    # sends are not conduct; 4: a non-molestation order says whether it was made without notice
    description: ClassVar[str] = "Offence assessment per suspect and complainant (knowledge base + conduct)"
    depends_on: ClassVar[tuple[str, ...]] = AfterUpstream()  # type: ignore[assignment]

    def settings(self) -> dict[str, Any]:
        kb = load_kb()
        return {"knowledge_base": kb.version, "sha256": kb.sha256}

    def run(self, case: Case) -> Iterator[FindingDraft]:
        kb = load_kb()
        as_of = today(case.info.zone)
        record = read_record(case)
        assessed = [(pair, *assess_pair(pair, kb, as_of)) for pair in pairs_of(record)]
        note_left_out(case, kb, [(pair, result) for pair, result, _ in assessed])
        note_pending(case, record, kb, [(pair, result) for pair, result, _ in assessed])
        for pair, result, breaches in assessed:
            names = [
                f"{o['statute']} {o['section']}" for o in result["offences"] if o["status"] != "out_of_time"
            ]
            late = [
                f"{o['statute']} {o['section']}" for o in result["offences"] if o["status"] == "out_of_time"
            ]
            result.update(
                statement=STATEMENT,
                knowledge_base={"version": kb.version, "sha256": kb.sha256},
                as_of=as_of.isoformat(),
                breach_count=len(breaches),
            )
            yield FindingDraft(
                item_id=None,
                category="offence_assessment",
                score=1.0 if names else 0.0,
                explanation=(
                    f"{pair.suspect} → {pair.complainant}: the record gives some support to"
                    f" {len(names)} candidate offence(s)"
                    + (": " + "; ".join(names) if names else "")
                    + (
                        f"; and to {len(late)} out of time (summary only), which cannot be charged: "
                        + "; ".join(late)
                        if late
                        else ""
                    )
                    + f".{explanation_note(result['offences'])} {STATEMENT}"
                ),
                rule_ids=(f"kb:{kb.version}",),
                details=stored_form(result),
            )

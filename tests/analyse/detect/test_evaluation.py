"""The group + evaluation layer: groups, what is said of them, negation, questions, references."""

from __future__ import annotations

import pytest

from footprint.analyse.detect import Detector
from footprint.analyse.detect.evaluation import Derogation, Evaluator
from footprint.analyse.detect.rulebook import load_rulebook
from footprint.errors import AnalysisError


@pytest.fixture(scope="module")
def evaluator() -> Evaluator:
    ev = load_rulebook().evaluator
    assert ev is not None
    return ev


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector()


def one(ev: Evaluator, text: str) -> Derogation:
    (found,) = ev.derogations(text, [])
    return found


def test_a_bad_word_said_of_a_group_points_at_the_words(evaluator: Evaluator) -> None:
    text = "honestly muslims are so disgusting"
    d = one(evaluator, text)
    assert (d.category, d.rule_id) == ("identity_hate", "eval.said_of_group")
    assert text[d.start : d.end] == "muslims are so disgusting"
    assert "'disgusting' said of 'muslims'" in d.note


def test_negation_flips_a_good_word_and_cancels_a_bad_one(evaluator: Evaluator) -> None:
    assert one(evaluator, "women can never be trusted").rule_id == "eval.good_denied"
    assert one(evaluator, "no immigrant is ever any good").category == "identity_hate"
    for text in (
        "women are not disgusting",
        "i don't despise muslims",
        "no refugee is a burden",
        "gays are lovely",
    ):
        assert evaluator.derogations(text, []) == [], text


def test_the_score_is_graded_by_the_strength_of_the_words(evaluator: Evaluator) -> None:
    assert one(evaluator, "lawyers are vermin").score > one(evaluator, "lawyers are annoying").score
    assert one(evaluator, "lawyers are annoying").score == pytest.approx(0.6)


def test_a_group_no_law_protects_is_an_insult(evaluator: Evaluator) -> None:
    d = one(evaluator, "i would never hire a lawyer")
    assert (d.category, d.rule_id) == ("insult_harassment", "eval.good_denied")


def test_pronouns_and_references_carry_the_group_named_before(evaluator: Evaluator) -> None:
    text = "i met some trans people yesterday. they are vile."
    d = one(evaluator, text)
    assert d.category == "identity_hate"
    assert text[d.start : d.end].startswith("trans people") and "refers to the group named before" in d.note
    assert one(evaluator, "i just met a muslim. their kind disgusts me.").category == "identity_hate"
    assert evaluator.derogations("i bought new shoes. they are horrible.", []) == []


def test_questions_are_read_as_claims(evaluator: Evaluator) -> None:
    assert one(evaluator, "why are immigrants so lazy?").score >= 0.6
    d = one(evaluator, "aren't gay people just parasites?")
    assert "asked as a question" in d.note
    assert evaluator.derogations("why are immigrants so often blamed?", []) == []


def test_claims_mentioned_quoted_or_judged_are_not_made(evaluator: Evaluator) -> None:
    for text in (
        "saying black people are vile is wrong",
        "statements like women are scum are hateful",
        "black people are vile is such a racist thing to say",
    ):
        assert evaluator.derogations(text, []) == [], text
    text = 'he wrote "muslims are vile" on the wall'
    assert evaluator.derogations(text, [(9, 27)]) == []


def test_the_group_must_be_the_subject_not_a_modifier_or_object(evaluator: Evaluator) -> None:
    for text in (
        "muslim terrorists were arrested",
        "they treated blacks worse than dogs",
        "his view of women is disgusting",
    ):
        assert evaluator.derogations(text, []) == [], text


def test_the_detector_explains_the_finding(detector: Detector) -> None:
    result = detector.classify("I find journalists repellent.", speaker="other")
    assert result.labels == ["insult_harassment"]
    (finding,) = result.detections
    assert finding.rule_ids == ("eval.said_of_group",)
    assert "'journalists repellent'" in finding.explanation and "aimed at a group" in finding.explanation


def test_a_boolean_in_a_word_list_is_refused() -> None:
    with pytest.raises(AnalysisError, match="negators"):
        Evaluator({"negators": ["not", False]}, r"(?P<id>x)|(?P<wo>y)|(?P<np>z)", r"(?!)")


# -- one person (round 6, from real posts) ------------------------------------------------------


def test_an_insult_said_of_one_person_names_the_words_and_the_person(evaluator: Evaluator) -> None:
    text = "honestly you are completely clueless"
    d = one(evaluator, text)
    assert (d.category, d.rule_id) == ("insult_harassment", "eval.said_of_person")
    assert text[d.start : d.end] == "you are completely clueless"
    assert "'clueless' said of 'you'" in d.note and d.note.startswith("aimed at a person")
    assert one(evaluator, "he's such a hypocrite").rule_id == "eval.said_of_person"
    assert one(evaluator, "this guy is a fraud").note.endswith("said of 'this guy'")


def test_a_name_takes_only_nouns_that_name_a_person(evaluator: Evaluator) -> None:
    assert "'crook' said of 'marcus'" in one(evaluator, "marcus is a crook").note
    assert evaluator.derogations("marcus is disgusting", []) == []  # could be said of a thing
    assert evaluator.derogations("brexit is a joke", []) == []  # a thing, not a name
    assert evaluator.derogations("marcus is a fraud investigator", []) == []  # a compound noun
    assert "'stupid man' said of 'marcus'" in one(evaluator, "marcus is a really stupid man").note
    assert evaluator.derogations("marcus is an old man", []) == []
    assert "'vile' said of 'he'" in one(evaluator, "how vile he is").note


def test_words_ordinary_of_one_person_are_not_read(evaluator: Evaluator) -> None:
    for text in ("she is dead serious", "you are mad for it", "he should go home"):
        assert evaluator.derogations(text, []) == [], text


def test_a_person_insult_denied_supposed_or_mentioned_is_not_made(evaluator: Evaluator) -> None:
    for text in (
        "you are not an idiot",
        "i don't think he is a liar",
        "if you are a liar you will be caught",
        "saying he is a crook is unfair",
    ):
        assert evaluator.derogations(text, []) == [], text
    # a negator of an earlier predicate does not deny the next one
    assert one(evaluator, "he is not a troll he is simply thick").rule_id == "eval.said_of_person"


def test_mentions_and_interjections_do_not_hide_the_subject(evaluator: Evaluator) -> None:
    assert one(evaluator, "@user lol liberals really are nuts").rule_id == "eval.said_of_group"
    assert one(evaluator, "i feel like antifa are terrorists").rule_id == "eval.said_of_group"
    assert "'lunatic' put before 'liberals'" in one(evaluator, "those lunatic liberals").note
    assert one(evaluator, "those whack job liberals").rule_id == "eval.abusive_modifier"


def test_the_person_layer_runs_without_a_group_word(detector: Detector) -> None:
    (d,) = detector.classify_many(["@jo you sound so ignorant"])[0].detections
    assert d.category == "insult_harassment" and "eval.said_of_person" in d.rule_ids
    assert "'ignorant' said of 'you'" in d.explanation
    assert detector.classify_many(["@jo you sound so happy"])[0].detections == ()

"""The offence knowledge base: YAML in ``rules/offences``, validated by a schema when loaded."""

from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from footprint.errors import InputError
from footprint.order_kinds import ORDER_TYPES

KB_FILE = "offences.yaml"
KB_PATH = ("rules", "offences", KB_FILE)
EVIDENCE_PREFIXES = ("finding", "conduct", "item", "order", "fact")
CONDUCT_KINDS = ("any", "after_request", "contact", "breach")
# How far an entry was checked, in words every output prints beside it (SOURCES.md, docs/law.md): an
# offence short of full is worded part by part from its ``checked`` (Offence.verification_text).
VERIFICATION_TEXT = {
    "full": "elements, penalty and time limit read in primary text or a verbatim copy",
    "partial": (
        "partly checked: the penalty, commencement date or time limit rests on secondary sources;"
        " check the entry's notes before relying on it"
    ),
    "none": "unverified draft: secondary sources only; a lawyer must check it before relying on it",
}
# An entry short of ``full`` says how far each part was checked (``checked``), in these words.
Part = Literal["elements", "penalty", "commencement", "time_limit"]
Checked = Literal["primary", "secondary", "unverified"]
CHECKED_PARTS: dict[Part, str] = {
    "elements": "elements",
    "penalty": "penalty",
    "commencement": "commencement date",
    "time_limit": "time limit",
}
CHECKED_WORDS = {
    "primary": "read in primary text or a verbatim copy",
    "secondary": "from secondary sources only",
    "unverified": "not checked against any stored source",
}
VERIFICATION_OPENING = {"partial": "partly checked", "none": "unverified draft"}
VERIFICATION_CLOSING = {
    "partial": "check the entry's notes before relying on it",
    "none": "a lawyer must check it before relying on it",
}


def _specs(value: Any) -> Any:
    """Let evidence be written as plain strings or as mappings."""
    if isinstance(value, list):
        return [{"kind": v} if isinstance(v, str) else v for v in value]
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EvidenceSpec(_Strict):
    """One kind of evidence that supports an element, with the dates it counts for."""

    kind: str
    # full | partial: what that kind can show at most; judge: it may show the element or not, which the
    # finding does not record (a threat of violence may or may not be of serious harm): its items are named
    # apart as ones that "may support" the element, with ``question`` for a person and the finding
    # category to ``record`` where the answer is yes, and never count towards its grade
    strength: Literal["full", "partial", "judge"] = "full"
    question: str | None = None
    record: str | None = None
    # a finding kind: only findings of that category from these detector rules (the rule ids a finding
    # records), when the category holds more than the element needs (a demand for images is not a threat)
    rules: tuple[str, ...] = ()
    # with ``rules``: a finding of that category a person recorded (``footprint record``), which names no
    # detector rule, counts as well (a person who records a threat of sexual harm has read it; a model's
    # finding, which names no rule either, does not count)
    or_recorded: bool = False
    from_: date | None = Field(default=None, alias="from")
    until: date | None = None
    needs: Literal["attachment"] | None = None

    @field_validator("kind")
    @classmethod
    def _known_prefix(cls, value: str) -> str:
        prefix, _, name = value.partition(":")
        if prefix not in EVIDENCE_PREFIXES or not name:
            raise ValueError(f"evidence kind {value!r} must be one of {', '.join(EVIDENCE_PREFIXES)}:NAME")
        if prefix == "conduct" and name not in CONDUCT_KINDS:
            raise ValueError(f"conduct evidence must be one of {', '.join(CONDUCT_KINDS)}")
        if prefix == "order" and name not in ORDER_TYPES:
            raise ValueError(f"order evidence must be one of {', '.join(ORDER_TYPES)}")
        return value

    @model_validator(mode="after")
    def _question_to_judge(self) -> EvidenceSpec:
        judge = self.strength == "judge"
        if judge != (self.question is not None) or judge != (self.record is not None):
            raise ValueError(
                f"evidence {self.kind}: strength judge needs a question (what a person must judge) and the"
                " category to record where the answer is yes, and only strength judge takes them"
            )
        if self.rules and self.prefix != "finding":
            raise ValueError(f"evidence {self.kind}: only a finding kind can be limited to detector rules")
        if self.or_recorded and not self.rules:
            raise ValueError(
                f"evidence {self.kind}: or_recorded adds a person's findings to those of its rules"
            )
        return self

    @property
    def prefix(self) -> str:
        """``finding``, ``conduct``, ``item``, ``order`` or ``fact``."""
        return self.kind.partition(":")[0]

    @property
    def name(self) -> str:
        """What follows the prefix (a category, an item kind, an order type...)."""
        return self.kind.partition(":")[2]

    def covers(self, day: date) -> bool:
        """Whether conduct on ``day`` counts for this kind of evidence."""
        return (self.from_ is None or day >= self.from_) and (self.until is None or day <= self.until)


class Element(_Strict):
    """One element of an offence and the evidence that can support it."""

    id: str
    text: str
    core: bool = False
    occasions: int = Field(default=1, ge=1)
    evidence: tuple[EvidenceSpec, ...] = ()
    missing: str
    # the id of an earlier element of the offence (its act): this element's evidence counts only from the
    # first item of that one on (fear of a threat, or the intent behind it, cannot come before the threat)
    follows: str | None = None

    _evidence = field_validator("evidence", mode="before")(_specs)


class TimeLimit(_Strict):
    """The rule for when proceedings must start."""

    rule: Literal["none", "mca1980_s127", "ca2003_s127_5", "knowledge_6_months"]
    basis: str


class Offence(_Strict):
    """One offence as the law stood over a window of conduct dates."""

    id: str
    statute: str
    section: str
    title: str
    in_force_from: date
    in_force_until: date | None = None
    course_of_conduct: bool = False
    mode_of_trial: Literal["summary_only", "either_way", "indictable_only"]
    max_penalty: str
    cps_category: Literal[
        "cat1_credible_threat",
        "cat2_targeting_individual",
        "cat3_breach_court_order",
        "cat4_grossly_offensive_indecent_obscene_false",
        "other_substantive",
    ]
    time_limit: TimeLimit
    relationship_test: Literal["by_date_of_behaviour"] | None = None
    orders: tuple[str, ...] = ()
    elements: tuple[Element, ...]
    sources: tuple[str, ...]
    verification: Literal["full", "partial", "none"]
    # for an entry short of full: how far each part was checked (reference markings [V], [S], [U])
    checked: dict[Part, Checked] = Field(default_factory=dict)
    notes: str = ""

    @field_validator("statute")
    @classmethod
    def _short_title_with_year(cls, value: str) -> str:
        if not value.split()[-1].isdigit() or " Act " not in f" {value} ":
            raise ValueError(f"statute {value!r} must be the Act's short title with its year")
        return value

    @field_validator("section")
    @classmethod
    def _section_as_written(cls, value: str) -> str:
        if not value.startswith("s."):
            raise ValueError(f"section {value!r} must be written as in the Act, e.g. 's.2A'")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Offence:
        if not any(e.core for e in self.elements):
            raise ValueError("at least one element must be core")
        if self.in_force_until is not None and self.in_force_until < self.in_force_from:
            raise ValueError("in_force_until is before in_force_from")
        ids = [e.id for e in self.elements]
        if len(ids) != len(set(ids)):
            raise ValueError("element ids repeat")
        for n, element in enumerate(self.elements):
            if element.follows is not None and element.follows not in ids[:n]:
                raise ValueError(f"element {element.id} follows {element.follows!r}, not an earlier element")
            kinds = {s.kind for s in element.evidence if s.strength != "judge"}
            if len({s.record for s in element.evidence if s.strength == "judge"}) > 1:
                raise ValueError(f"element {element.id}: its judge evidence kinds must record one category")
            for spec in element.evidence:
                if spec.record is not None and f"finding:{spec.record}" not in kinds:
                    raise ValueError(
                        f"element {element.id}: {spec.kind} records {spec.record}, which is not evidence of"
                        f" the element; add finding:{spec.record} to its evidence"
                    )
        if self.mode_of_trial != "summary_only" and self.time_limit.rule != "none":
            raise ValueError("only summary-only offences carry a time limit")
        if self.verification == "full" and any(v != "primary" for v in self.checked.values()):
            raise ValueError("verification full, but `checked` says a part was not read in primary text")
        if self.verification != "full" and set(self.checked) != set(CHECKED_PARTS):
            raise ValueError(
                f"verification {self.verification} needs `checked`: how far the elements, penalty,"
                " commencement date and time limit were each checked"
            )
        return self

    @property
    def verification_text(self) -> str:
        """How far the entry was checked, in words: for an entry short of full, which parts were read in
        primary text, which rest on secondary sources and which were not checked (from ``checked``)."""
        if self.verification == "full":
            return VERIFICATION_TEXT["full"]
        groups = []
        for level, words in CHECKED_WORDS.items():
            parts = [name for part, name in CHECKED_PARTS.items() if self.checked.get(part) == level]
            if parts:
                listed = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
                groups.append(f"{listed} {words}")
        opening, closing = VERIFICATION_OPENING[self.verification], VERIFICATION_CLOSING[self.verification]
        return f"{opening}: {'; '.join(groups)}; {closing}"

    @property
    def label(self) -> str:
        """``Statute Year s.N`` as lawyers cite it."""
        return f"{self.statute} {self.section}"

    def in_force_on(self, day: date) -> bool:
        """Whether this version of the offence applies to conduct on ``day``."""
        return day >= self.in_force_from and (self.in_force_until is None or day <= self.in_force_until)


class Aggravation(_Strict):
    """A feature that aggravates (or, for misogyny, does not statutorily aggravate)."""

    id: str
    text: str
    evidence: tuple[EvidenceSpec, ...]
    verification: Literal["full", "partial", "none"]

    _evidence = field_validator("evidence", mode="before")(_specs)


class Prompt(_Strict):
    """A public-interest prompt from CPS guidance and when to show it."""

    id: str
    text: str
    when: Literal["always", "escalation", "breach", "identity_hate", "distress", "category_4"]


class Source(_Strict):
    """Where a fact came from."""

    url: str
    kind: Literal["legislation", "legislation_copy", "cps", "government", "case_law", "secondary"]


class KnowledgeBase(_Strict):
    """The whole catalogue, with its version and the SHA-256 of the file it came from."""

    version: str
    jurisdiction: str
    offences: tuple[Offence, ...]
    aggravation: tuple[Aggravation, ...]
    public_interest: tuple[Prompt, ...]
    sources: dict[str, Source]
    sha256: str = ""

    @model_validator(mode="after")
    def _references(self) -> KnowledgeBase:
        ids = [o.id for o in self.offences]
        if len(ids) != len(set(ids)):
            raise ValueError("offence ids repeat")
        for offence in self.offences:
            unknown = [s for s in offence.sources if s not in self.sources]
            if unknown:
                raise ValueError(f"offence {offence.id}: unknown sources {', '.join(unknown)}")
        # the same element over the same kinds of evidence is graded the same in every offence: an element
        # asking another question (knowledge of fear, not of harassment) takes its own id
        seen: dict[tuple[str, frozenset[str]], tuple[str, tuple[object, ...]]] = {}
        for offence in self.offences:
            for e in offence.elements:
                grading = (e.occasions, tuple(sorted((s.kind, s.strength) for s in e.evidence)))
                first = seen.setdefault((e.id, frozenset(s.kind for s in e.evidence)), (offence.id, grading))
                if first[1] != grading:
                    raise ValueError(
                        f"element {e.id} of offence {offence.id} reads the same evidence as in offence"
                        f" {first[0]} but grades it differently (strength or occasions); give it the same"
                        " grading, or its own id if it asks another question"
                    )
        return self

    def finding_categories(self) -> frozenset[str]:
        """Every finding category the offences' elements and the aggravating features read."""
        specs = [
            *(s for o in self.offences for e in o.elements for s in e.evidence),
            *(s for a in self.aggravation for s in a.evidence),
        ]
        return frozenset(s.name for s in specs if s.prefix == "finding")

    def offence(self, offence_id: str) -> Offence:
        """The offence with this id."""
        for offence in self.offences:
            if offence.id == offence_id:
                return offence
        raise InputError(f"no offence {offence_id!r} in the knowledge base")


def parse_kb(text: str, name: str = KB_FILE) -> KnowledgeBase:
    """Validate knowledge-base YAML; errors name the file and the entry."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{name}: not valid YAML ({exc}); fix the file") from None
    if not isinstance(data, dict):
        raise InputError(f"{name}: expected a mapping with version, offences, sources; fix the file")
    data["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        return KnowledgeBase.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = _where(data, first["loc"])
        raise InputError(f"{name}: {where}: {first['msg']}; fix the entry") from None


def _where(data: dict[str, Any], loc: tuple[int | str, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "offences" and isinstance(loc[1], int):
        offences = data.get("offences") or []
        entry = offences[loc[1]] if loc[1] < len(offences) else {}
        rest = ".".join(str(p) for p in loc[2:])
        return f"offence {entry.get('id', loc[1])!s}" + (f" ({rest})" if rest else "")
    return ".".join(str(p) for p in loc) or "knowledge base"  # a check across entries names them itself


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The knowledge base shipped in the package (cached)."""
    text = resources.files("footprint").joinpath(*KB_PATH).read_text(encoding="utf-8")
    return parse_kb(text)


def catalogue() -> dict[str, Any]:
    """The knowledge base for a report's method appendix: version, SHA-256, each entry's status."""
    kb = load_kb()
    return {
        "version": kb.version,
        "sha256": kb.sha256,
        "file": "/".join(KB_PATH),
        "entries": [
            {
                "id": o.id,
                "statute": o.statute,
                "section": o.section,
                "title": o.title,
                "in_force_from": o.in_force_from.isoformat(),
                "in_force_until": o.in_force_until.isoformat() if o.in_force_until else None,
                "mode_of_trial": o.mode_of_trial,
                "verification": o.verification,
                "sources": [kb.sources[s].url for s in o.sources],
            }
            for o in kb.offences
        ],
    }

"""Rules as data: YAML lexicons (Aho-Corasick) and patterns (compiled regex gated by trigger words)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any

import ahocorasick  # type: ignore[import-not-found]
import yaml

from footprint.analyse.detect.evaluation import Evaluator
from footprint.analyse.detect.taxonomy import CATEGORIES
from footprint.errors import AnalysisError

RULE_FILES = (
    "macros.yaml",
    "threats.yaml",
    "images_blackmail.yaml",
    "control.yaml",
    "abuse.yaml",
    "hers.yaml",
    "context.yaml",
    "evaluation.yaml",
)
WORD = re.compile(r"[a-z0-9]")
DIGIT = re.compile(r"\d")
#: a word a pattern's pronoun may be cut from ("hang her" in "hang herself", "shoot them" in "shoot
#: themselves"): the words then mean something else, so the match is no hit (detect v20)
REFLEXIVES = frozenset(
    {"myself", "yourself", "yourselves", "urself", "yaself", "himself", "herself", "itself", "ourselves"}
    | {"themselves", "themself"}
)


class LazyPattern:
    """A rule's regular expression, compiled the first time a message triggers it.

    The group and threat patterns are built from long word lists; compiling all of them takes seconds,
    and most runs need only a few. ``compile_all`` compiles every one (the tests do, so a bad pattern is
    still caught before release); a bad pattern met at run time is an ``AnalysisError`` naming the rule.
    """

    __slots__ = ("_compiled", "source", "where")

    def __init__(self, source: str, where: str) -> None:
        self.source = source
        self.where = where
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            try:
                self._compiled = re.compile(self.source)
            except re.error as exc:
                raise AnalysisError(
                    f"{self.where}: bad regular expression ({exc}); fix the rule file"
                ) from None
        return self._compiled


@dataclass(frozen=True)
class Rule:
    """One lexicon or pattern rule."""

    id: str
    categories: tuple[str, ...]
    score: float
    label: str
    kind: str  # "lexicon" | "pattern"
    needs_target: bool = False
    regex: LazyPattern | None = None
    context_boost: float = 0.0  # added when the conversation's recent messages call for it
    allow_quoted: bool = False
    # narrower rules this wider one gives way to when both mark the same words ("kill you" is
    # kill.first_person's; kill.any_target only adds what it alone finds, such as "lynch them all")
    defers_to: tuple[str, ...] = ()
    # run only when the text names a group of people (``gate: group``): the group rules' patterns
    # begin with a long list of groups, too slow to try on every message that has a trigger word
    needs_group: bool = False
    # a negator before the words cancels them ("I would never hurt you"); not for a slur, whose use
    # is derogatory whatever the sentence denies ("he's not a <slur>", "no <slur>s here")
    negatable: bool = True


@dataclass(frozen=True)
class Hit:
    """A rule matching a stretch of the normalised text."""

    rule: Rule
    start: int
    end: int
    core: tuple[int, int]  # the group that carries the meaning (the span shown as evidence)
    name: tuple[int, int] | None = None  # a word that counts only if capitalised as sent (a person's name)


@dataclass(frozen=True)
class Rulebook:
    """Compiled rules plus the context word lists (negators, reporting frames, idioms, targets)."""

    rules: tuple[Rule, ...]
    automaton: Any
    gated: dict[str, tuple[Rule, ...]]  # trigger word -> patterns to run
    ungated: tuple[Rule, ...]
    context: dict[str, re.Pattern[str]]
    digest: str
    group_words: frozenset[str] = frozenset()
    # a word naming a group of people, or a plural role noun ("-ists", "-ians", "-ors"): the gate of
    # the ``gate: group`` rules, searched only when one of them is triggered
    group_gate: re.Pattern[str] | None = None
    # the group + evaluation layer (``evaluation.yaml``) and the words that open it (any group word)
    evaluator: Evaluator | None = None
    evaluation_gate: frozenset[str] = frozenset()

    def compile_all(self) -> None:
        """Compile every pattern now (tests and benchmarks; normal runs compile what they meet)."""
        for rule in self.rules:
            if rule.regex is not None:
                rule.regex.compiled  # noqa: B018 - compiling is the point

    @cached_property
    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def hits(self, norm: str) -> Iterator[Hit]:
        """Every rule hit in ``norm`` (lexicon terms as whole words; patterns where triggered)."""
        # the ungated rules (addresses, postcodes, phone numbers) all need a digit
        to_run: dict[str, Rule] = {r.id: r for r in self.ungated} if DIGIT.search(norm) else {}
        n = len(norm)
        for end, (key, lexicon, trigger) in self.automaton.iter(norm):
            start = end - len(key) + 1
            if start > 0 and WORD.match(norm[start - 1]):
                continue
            if trigger:  # triggers match as prefixes ("kill" also gates "killing")
                for rule in self.gated[key]:
                    to_run.setdefault(rule.id, rule)
            if lexicon and not (end + 1 < n and WORD.match(norm[end + 1])):
                for rule in lexicon:
                    yield Hit(rule, start, end + 1, (start, end + 1))
        if any(r.needs_group for r in to_run.values()) and (
            self.group_gate is None or self.group_gate.search(norm) is None
        ):
            to_run = {k: r for k, r in to_run.items() if not r.needs_group}
        for rule in sorted(to_run.values(), key=lambda r: r.id):
            assert rule.regex is not None
            regex = rule.regex.compiled
            for m in regex.finditer(norm):
                core = whole_words(
                    norm, m.span("core") if "core" in regex.groupindex and m.group("core") else m.span()
                )
                if core is None:
                    continue
                name = m.span("name") if "name" in regex.groupindex and m.group("name") else None
                yield Hit(rule, m.start(), m.end(), core, name)


def whole_words(norm: str, core: tuple[int, int]) -> tuple[int, int] | None:
    """The span of a pattern's match widened to the whole words it begins and ends in, so that its words
    are quoted as written ("rapes", not "rape"; "your", not "you"); None where it ends inside a reflexive
    pronoun ("hang her" of "hang herself"), whose words mean something else (detect v20)."""
    start, end = core
    n = len(norm)
    if start < end < n and WORD.match(norm[end - 1]) and WORD.match(norm[end]):
        word_start = end - 1
        while word_start > 0 and WORD.match(norm[word_start - 1]):
            word_start -= 1
        while end < n and WORD.match(norm[end]):
            end += 1
        if norm[word_start:end] in REFLEXIVES:
            return None
    while 0 < start < end and WORD.match(norm[start]) and WORD.match(norm[start - 1]):
        start -= 1
    while end > start and norm[end - 1].isspace():  # "rape " where the optional target did not follow
        end -= 1
    return start, end


def _text(name: str) -> str:
    return resources.files("footprint").joinpath("rules", "detect", name).read_text(encoding="utf-8")


def load_rulebook() -> Rulebook:
    """Read and compile the shipped rule files (a bad rule is an ``AnalysisError`` naming it)."""
    raw = {name: _text(name) for name in RULE_FILES}
    digest = hashlib.sha256("".join(raw[n] for n in RULE_FILES).encode()).hexdigest()
    docs = {name: yaml.safe_load(text) or {} for name, text in raw.items()}
    macros: dict[str, str] = {}
    for name in RULE_FILES:
        for key, value in (docs[name].get("macros") or {}).items():
            macros[key] = _expand(str(value), macros, f"{name}: macro {key}")
    rules: list[Rule] = []
    lexicon: dict[str, list[Rule]] = {}
    gated: dict[str, list[Rule]] = {}
    ungated: list[Rule] = []
    for name in RULE_FILES:
        for spec in docs[name].get("lexicons") or []:
            rule = _rule(spec, "lexicon", name)
            rules.append(rule)
            for term in _words(spec.get("terms"), f"{name}: rule {rule.id} terms"):
                lexicon.setdefault(term, []).append(rule)
        for spec in docs[name].get("patterns") or []:
            where = f"{name}: rule {spec.get('id')}"
            regex = LazyPattern(_expand(spec["regex"], macros, where), where)
            rule = _rule(spec, "pattern", name, regex)
            rules.append(rule)
            triggers = _words(spec.get("triggers"), f"{where} triggers")
            if not triggers:
                ungated.append(rule)
            for trigger in triggers:
                gated.setdefault(trigger, []).append(rule)
    automaton = ahocorasick.Automaton()
    for key in sorted(set(lexicon) | set(gated)):
        automaton.add_word(key, (key, tuple(lexicon.get(key, ())), key in gated))
    automaton.make_automaton()
    gate_words = sorted(_gate_words(docs), key=lambda w: (-len(w), w))
    group_gate = re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in gate_words) + r")|[a-z]{3}(?:ists|ians|ors)\b"
    )
    context = {
        key: re.compile(_expand(str(value), macros, f"context.yaml: {key}"))
        for key, value in (docs["context.yaml"].get("context") or {}).items()
    }
    evaluator, evaluation_gate = _evaluator(docs, macros, gate_words)
    ids = [r.id for r in rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise AnalysisError(f"detect rules: duplicate rule ids {', '.join(duplicates)}")
    return Rulebook(
        rules=tuple(rules),
        automaton=automaton,
        gated={k: tuple(v) for k, v in gated.items()},
        ungated=tuple(ungated),
        context=context,
        digest=digest,
        group_words=frozenset(_words(docs["context.yaml"].get("group_words"), "context.yaml: group_words")),
        group_gate=group_gate,
        evaluator=evaluator,
        evaluation_gate=evaluation_gate,
    )


def _evaluator(
    docs: dict[str, Any], macros: dict[str, str], gate_words: list[str]
) -> tuple[Evaluator, frozenset[str]]:
    """The group + evaluation layer: its lexicon, the group regex from the group macros, its gate words."""
    spec = docs["evaluation.yaml"].get("evaluation") or {}
    singular = _words(spec.get("singular_other"), "evaluation.yaml: singular_other")
    alternatives = "|".join(
        re.escape(w).replace("\\ ", "\\s+") for w in sorted(singular, key=len, reverse=True)
    )
    where = "evaluation.yaml: group regex"
    adjectives = "|".join(
        map(re.escape, _words(spec.get("protected_adjectives"), "evaluation.yaml: adjectives"))
    )
    heads = "|".join(map(re.escape, _words(spec.get("group_heads"), "evaluation.yaml: group_heads")))
    protected = _alternatives(spec, "protected_nouns")
    others = _alternatives(spec, "other_nouns")
    groups = _expand(
        r"\b(?:(?P<id>(?:" + adjectives + r")\s+(?:" + heads + r")|" + protected + r"|{idgroup})"
        r"|(?P<wo>{women}|woman|girl)|(?P<np>" + others + r"|(?!people\b){people_wide}))\b",
        macros,
        where,
    )
    one = r"\b(?:an?|the|this|that|every|each|any|one|no)\s+(?:[a-z]+\s+)?(?:" + alternatives + r")\b"
    gate = set(gate_words) | set(singular) | {w + "s" for w in singular}
    for key in ("protected_nouns", "other_nouns"):
        gate |= {w.split()[-1] for w in _words(spec.get(key), f"evaluation.yaml: {key}")}
    gate |= {"woman", "girl", "muslim", "jew", "immigrant", "refugee", "migrant", "lesbian", "gay", "black"}
    gate |= set(_words(docs["context.yaml"].get("group_words"), "context.yaml: group_words"))
    evaluator = Evaluator(spec, groups, one)
    evaluator.group_gate = frozenset(w for w in gate if " " not in w)
    return evaluator, evaluator.group_gate


def _alternatives(spec: dict[str, Any], key: str) -> str:
    """A word list from ``evaluation.yaml`` as a regex alternation, longest first (spaces as ``\\s+``)."""
    words = sorted(_words(spec.get(key), f"evaluation.yaml: {key}"), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace("\\ ", "\\s+") for w in words) + ")"


def _words(value: Any, where: str) -> list[str]:
    """A list of words from YAML; a bare yes/no/on/off would arrive as a boolean, so refuse it."""
    words = list(value or [])
    bad = [w for w in words if not isinstance(w, str | int) or isinstance(w, bool)]
    if bad:
        raise AnalysisError(f"{where}: {bad} are not words (quote yes/no/on/off in YAML)")
    return [str(w).lower() for w in words]


def _rule(spec: dict[str, Any], kind: str, where: str, regex: LazyPattern | None = None) -> Rule:
    rid = str(spec.get("id", ""))
    cats = tuple(spec.get("categories") or [spec.get("category")])
    unknown = [c for c in cats if c not in CATEGORIES]
    if not rid or unknown:
        raise AnalysisError(f"{where}: rule {rid or '?'} has unknown categories {unknown}; fix the rule file")
    return Rule(
        id=rid,
        categories=cats,
        score=float(spec.get("score", 0.8)),
        label=str(spec.get("label", cats[0].replace("_", " "))),
        kind=kind,
        needs_target=bool(spec.get("needs_target", False)),
        needs_group=spec.get("gate") == "group",
        regex=regex,
        context_boost=float(spec.get("context_boost", 0.0)),
        allow_quoted=bool(spec.get("allow_quoted", False)),
        negatable=bool(spec.get("negatable", True)),
        defers_to=tuple(_words(spec.get("defers_to"), f"{where}: rule {rid} defers_to")),
    )


_MACRO = re.compile(r"\{([a-z_]+)\}")
# the macros whose words name groups of people; any of them (as a word start) opens the group gate
GATE_MACROS = ("idgroup", "women", "persons", "people_wide")
GATE_STOP = frozenset(
    "the all who like you him her them that those these your his with call calls say says think thinks hate"
    " attack abuse discriminate bully harass hurt spread post ill next door down road street over across"
    " upstairs downstairs one any from mentally learning ones lot who".split()
)


def _gate_words(docs: dict[str, Any]) -> set[str]:
    """Words naming groups of people, from the group macros (word starts: "immigrant" opens "immigrants")."""
    macros = docs["macros.yaml"].get("macros") or {}
    text = " ".join(str(macros.get(k, "")) for k in GATE_MACROS)
    text = re.sub(r"\\[a-zA-Z]|\(\?[!:=<]+", " ", text)
    return {w for w in re.findall(r"[a-z][a-z'-]{2,}", text) if w not in GATE_STOP}


def _expand(text: str, macros: dict[str, str], where: str) -> str:
    def sub(m: re.Match[str]) -> str:
        if m.group(1) not in macros:
            raise AnalysisError(f"{where}: unknown macro {{{m.group(1)}}}")
        return macros[m.group(1)]

    return _MACRO.sub(sub, text)

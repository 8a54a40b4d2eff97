"""Builds small synthetic cases for the law and conduct tests: items and findings go straight into the
store (no parser, no detector), so each test states its fact pattern exactly."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.integrity.digests import item_digests
from footprint.model import NOT_SENT, AccountRef, ParsedAttachment, ParsedItem
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit
from footprint.review import decide
from footprint.store.links import LinkRow
from footprint.times import local_to_utc, zone
from tests.conftest import store_findings

HER = "Jane Doe"
HIM = "John Smith"
FRIEND = "Sarah Jones"
ACCOUNTS = {
    "him": AccountRef("whatsapp", HIM, HIM),
    "her": AccountRef("whatsapp", HER, HER),
    "friend": AccountRef("whatsapp", FRIEND, FRIEND),
    "burner": AccountRef("sms", "+447700900456", "+447700900456"),
    # her e-mail address, never attributed by ``build``: an account of hers the case does not know
    "her_email": AccountRef("email", "jane@example.invalid", HER),
    # a second profile never attributed by ``build``: a link may say he operates it (``pending``)
    "second": AccountRef("whatsapp", "Johnny Two", "Johnny Two"),
}


@dataclass
class Line:
    when: str
    text: str
    by: str
    to: str | None
    categories: tuple[str, ...]
    confirmed: tuple[str, ...]
    attachment: bool
    kind: str
    time_known: bool = True
    not_sent: str | None = None
    details: dict[str, str] = field(default_factory=dict)
    rules: tuple[str, ...] = ()


@dataclass
class Scenario:
    """A case with Jane Doe (complainant), John Smith (suspect) and Sarah Jones (witness)."""

    case: Case
    lines: list[Line] = field(default_factory=list)
    item_ids: list[int] = field(default_factory=list)
    built: int = 0

    def say(
        self,
        when: str,
        text: str = "message",
        *,
        by: str = "him",
        to: str | None = None,
        categories: tuple[str, ...] = (),
        confirmed: tuple[str, ...] = (),
        attachment: bool = False,
        kind: str = "message",
        not_sent: str | None = None,
        rules: tuple[str, ...] = (),
    ) -> Scenario:
        """Add an item at local time ``when`` (``YYYY-MM-DD HH:MM`` in Europe/London; a date alone is a
        record with no time of day, stored at local midnight as the parsers store it; "" has no date);
        ``not_sent`` marks one the phone never sent (``draft``, ``failed``...); ``rules``: the detector
        rules its findings name (an element may count only some rules of a category)."""
        if to is None and by in ("him", "burner"):
            to = "her"
        if to is None and by == "her":
            to = "him"
        known = len(when) > 10
        when = when if known or not when else f"{when} 00:00"
        self.lines.append(
            Line(when, text, by, to, categories, confirmed, attachment, kind, known, not_sent, rules=rules)
        )
        return self

    def incident(self, when: str, text: str, categories: tuple[str, ...] = (), **details: str) -> Scenario:
        """An offline incident (no author); ``when`` may be a date alone; ``details`` are its row's other
        columns as ``incidents_csv`` stores them (``place``, ``reported_by``, ``done_by``)."""
        self.say(when, text, by="none", to=None, categories=categories, kind="incident")
        self.lines[-1].details.update(details)
        return self

    def build(self) -> Scenario:
        """Write the items added since the last build as one exhibit, then their findings."""
        new = self.lines[self.built :]
        tz = zone("Europe/London")
        parsed = []
        for n, line in enumerate(new, start=1):
            utc = local_to_utc(datetime.strptime(line.when, "%Y-%m-%d %H:%M"), tz)[0] if line.when else None
            author = ACCOUNTS.get(line.by)
            recipients = (ACCOUNTS[line.to],) if line.to else ()
            attachments = (ParsedAttachment("photo.jpg", None, "image/jpeg"),) if line.attachment else ()
            parsed.append(
                ParsedItem(
                    f"line {n}", line.kind, line.text, line.text, line.when, utc, "examiner",
                    "Europe/London", author, recipients, "chat" if line.kind == "message" else None,
                    attachments, details=_details(line),
                )
            )  # fmt: skip
        number = len(self.case.store.exhibits()) + 1
        sha256 = hashlib.sha256(f"{number}{len(new)}{new!r}".encode()).hexdigest()
        with self.case.transaction() as (tx, record):
            if not self.item_ids:
                for name, role in ((HER, "complainant"), (HIM, "suspect"), (FRIEND, "witness")):
                    tx.add_person(name, role, "2024-01-01T00:00:00Z")
            exhibit_id, _ = tx.add_exhibit(
                ref=f"JD/{number}",
                file_name=f"chat{number}.txt",
                original_path=f"chat{number}.txt",
                sha256=sha256,
                size=1,
                format="test",
                parser="test",
                parser_version=1,
                producer=HER,
                owner=HER,
                received_utc="2024-06-01T00:00:00Z",
                notes="",
                vault_path="none",
            )
            tx.add_items(exhibit_id, parsed, batch_size=100, resolve_attachment=lambda _a: None)
            # audited as `add` audits an exhibit, so `verify` and `report` accept its rows
            record(
                "add",
                f"JD/{number}",
                file=f"chat{number}.txt",
                sha256=sha256,
                item_digests=item_digests(tx.conn, exhibit_id),
            )
            for key, person in (("him", HIM), ("her", HER), ("friend", FRIEND), ("burner", HIM)):
                account_id = tx.account_id(ACCOUNTS[key].key)
                if account_id is not None:
                    tx.attribute(
                        account_id=account_id,
                        person_id=tx.person_id(person),
                        basis="test",
                        by_user="tester",
                        at_utc="2024-06-01T00:00:00Z",
                        status="accepted",
                    )
                    # audited as `account attribute` audits one, so `verify` and `report` check it
                    record("account attribute", ACCOUNTS[key].key, person=person, basis="test")
        ids = [i.id for i in self.case.store.iter_items()]
        new_ids = ids[len(self.item_ids) :]
        self.item_ids.extend(new_ids)
        self.built = len(self.lines)
        self._findings()
        return self

    def _findings(self) -> None:
        drafts = [
            FindingDraft(item_id, category, 0.9, f"test label {category}", rule_ids=line.rules)
            for item_id, line in zip(self.item_ids, self.lines, strict=True)
            for category in line.categories
        ]
        store_findings(self.case, "labels", drafts)
        for f in self.case.store.findings():
            if f.analyser != "labels" or f.item_id is None:
                continue
            line = self.lines[self.item_ids.index(f.item_id)]
            if f.category in line.confirmed:
                decide(self.case, f.id, "confirm", "test reviewer agrees")

    def item(self, n: int) -> int:
        """The id of the n-th item added (1-based)."""
        return self.item_ids[n - 1]


def _details(line: Line) -> dict[str, str] | None:
    details = {
        **line.details,
        **({} if line.time_known else {"time_known": "no"}),
        **({NOT_SENT: line.not_sent} if line.not_sent else {}),
    }
    return details or None


def stalking_pattern(case: Case) -> Scenario:
    """Her request to stop, two threats on two days and her fear between them: s.2A on every element."""
    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop messaging me", by="her", categories=("request_to_stop",))
    s.say("2024-03-02 20:00", "I'll break your legs", categories=("threat_violence",))
    s.say("2024-03-02 20:10", "I'm frightened", by="her", categories=("distress",))
    s.say("2024-03-04 09:00", "I'll stab you", categories=("threat_violence",))
    return s.build()


def escalating_pattern(case: Case) -> Scenario:
    """Her request, three weekly insults, then four threats to kill in one day: severity and rate rise."""
    s = Scenario(case)
    s.say("2024-03-01 12:00", "stop", by="her", categories=("request_to_stop",))
    for day in ("02", "09", "16"):
        s.say(f"2024-03-{day} 20:00", "answer me", categories=("insult_harassment",))
    for hour in ("08", "12", "18", "22"):
        s.say(f"2024-03-23 {hour}:00", "I'll kill you", categories=("threat_to_kill",))
    return s.build()


def served_pattern(case: Case) -> Scenario:
    """His messages around an order made 01/03/2024 10:00 and served 05/03/2024 18:30: one after the
    order and before he knew of it, one the day he was served but before the time, one after."""
    s = Scenario(case)
    s.say("2024-03-02 10:05", "you can't stop me")
    s.say("2024-03-05 09:00", "answer me")
    s.say("2024-03-05 19:00", "answer me now")
    return s.build()


def offences(result: dict[str, object]) -> dict[str, dict[str, object]]:
    """The candidate offences of the first assessment, by knowledge-base id."""
    assessments = result["assessments"]
    assert isinstance(assessments, list) and assessments
    return {o["id"]: o for o in assessments[0]["offences"]}


def excluded(result: dict[str, object]) -> dict[str, str]:
    """Offences considered but not candidates, by id, with the reason."""
    assessments = result["assessments"]
    assert isinstance(assessments, list) and assessments
    return {x["id"]: x["reason"] for x in assessments[0]["excluded"]}


def element(offence: dict[str, object], element_id: str) -> dict[str, object]:
    """One element of an assessed offence."""
    elements = offence["elements"]
    assert isinstance(elements, list)
    return next(e for e in elements if e["id"] == element_id)


def link(case: Case, a: str, b: str, log10_lr: float = 2.3, score: float = 0.87) -> None:
    """One linkage run's link between accounts ``a`` and ``b``, its reasons as the link analyser records
    them (one style reason), audited as `analyse` audits a run."""
    evidence = {
        "verbal": "moderately strong support for the same person",
        "kinds": {"baseline": 0.1},
        "evidence": [{"kind": "style", "reason": "writes alike", "weight_log10": log10_lr, "items": []}],
    }
    store_findings(case, "link", (), version=14, links=[LinkRow(a, b, score, log10_lr, evidence)])


def run_only(case: Case, name: str) -> None:
    """Run one analyser alone and store its findings (its upstream analysers are not run)."""
    from footprint.analyse.base import analysers

    drafts = list(analysers.get(name)().run(case))
    store_findings(case, name, drafts, version=analysers.get(name).version)


CHAT = """\
14/03/2024, 09:00 - John Smith: you will regret this
14/03/2024, 09:05 - Jane Doe: please stop messaging me
14/03/2024, 13:00 - John Smith: ok
14/03/2024, 13:01 - John Smith: ok
15/03/2024, 20:00 - John Smith: answer me
"""
# what a detector finds on each line of the chat, in every exhibit holding it
LABELS = {"you will regret this": "threat_violence", "please stop messaging me": "request_to_stop"}


def chat_held_twice(case: Case, tmp_path: Path, how: str) -> None:
    """The chat as JD/1, then again as JD/2 (its zip, or a folder holding it), labelled and attributed."""
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    again = tmp_path / "WhatsApp Chat with John Smith.zip"
    if how == "zip":
        with zipfile.ZipFile(again, "w") as archive:
            archive.write(chat, "_chat.txt")
    else:
        again = tmp_path / "export"
        again.mkdir()
        shutil.copy(chat, again / "_chat.txt")
    for path in (chat, again):
        add_exhibit(case, path, AddOptions(producer=HER, owner=None))
    add_person(case, HER, "complainant")
    add_person(case, HIM, "suspect")
    attribute_account(case, f"whatsapp:{HIM}", HIM, "test")
    attribute_account(case, f"whatsapp:{HER}", HER, "test", as_complainant=True)
    drafts = [
        FindingDraft(i.id, LABELS[i.text], 0.9, "test label")
        for i in case.store.iter_items()
        if i.text in LABELS
    ]
    assert len(drafts) == 4  # each labelled line in both exhibits
    store_findings(case, "labels", drafts)


def confirm_all(case: Case) -> None:
    """Take the fact pattern's findings as a person's: run the contact-after-request and order-breach
    analysers (their findings are what an item counted after her request, or as a breach, rests on) and
    confirm every finding not yet decided. An element resting on unreviewed findings is only
    ``indicated`` (test_review_status.py tests that)."""
    run_only(case, "contact_after_request")
    run_only(case, "order_breach")
    for f in case.store.findings():
        if f.item_id is not None and f.decision is None:
            decide(case, f.id, "confirm", "the test's fact pattern")

"""The kinds of entry: what each is called, looks like, records and where it goes.

The store's CHECK constraint lists the keys too, so a new kind is one record here plus an
Alembic revision that widens the constraint (docs/architecture.md, "Adding an entry kind").
Labels are English; the UI translates them under the contexts named in
``ui/shell/label_strings.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from trackrecord.core.registry import Registry


@dataclass(frozen=True)
class KindField:
    """A field only this kind has (an ``EntryData`` attribute)."""

    name: str
    label: str  # in the editor
    hint: str  # the editor's placeholder
    fact: str  # its label in documents (the brag document)
    lines: int = 0  # 0: one line; otherwise the height of a text box, in lines


@dataclass(frozen=True)
class Kind:
    key: str  # as stored in entries.kind
    label: str  # one entry: "Shipped system"
    plural: str  # a group of them: "Shipped systems" (headings, export choices)
    chip: str  # the entry list's filter chip
    counted_one: str  # after the number 1 on the review deck: "system shipped"
    counted: str  # after any other number: "systems shipped"
    colour: str  # the mark beside it in the entry list
    details: str = ""  # the editor's heading over its own fields
    fields: tuple[KindField, ...] = ()
    # The brag-document section (resources/export/sections.toml) it always goes to; "" files
    # it by its tags and words instead.
    bragdoc_section: str = ""
    # The field that measures it, shown with the evidence (a system's scale, an incident's
    # time to mitigate), and the words before it.
    measure: str = ""
    measure_label: str = ""
    cv_verb: str = ""  # put before a CV bullet that starts with no verb of its own
    # The editor's placeholder for its impact, when the general one would lead astray: an
    # incident's "impact" written as the damage ("212 merchants were paid twice") reads as
    # blame in a brag document; what was at stake and what you did reads as what it was.
    impact_hint: str = ""
    # What evidence quotes from it, first field that is filled in: for an incident, what you
    # did and how it ended (its impact is often the damage, which is not your evidence).
    cite: tuple[str, ...] = ("impact", "metrics", "summary")
    # ...followed by the measure ("mitigated in 35 min") when the kind has one to add.
    cite_measure: bool = False
    # Whose words the measure is (praise: "Dana, my manager"); evidence then reads "Dana
    # wrote: ..." and the brag document quotes them.
    measure_by: str = ""
    # The nudge to add a number to an entry without impact or metrics: what could be counted
    # for this kind ("how many users"). Empty: no nudge (what others said needs no number).
    number_examples: tuple[str, ...] = ()


KIND_REGISTRY: Registry[Kind] = Registry("kind", (
    Kind(
        key="shipped", label="Shipped system", plural="Shipped systems", chip="Shipped",
        counted_one="system shipped", counted="systems shipped",
        colour="#2f6fdb", details="Shipped system details",
        fields=(
            KindField("scale", "Scale / users", "e.g. 2M requests a day, 40k users", "Scale"),
            KindField("stack", "Stack", "e.g. Go, Postgres, Kubernetes", "Stack"),
        ),
        bragdoc_section="projects", measure="scale", measure_label="scale", cv_verb="Shipped",
        number_examples=("how many users or requests a day", "how much faster or cheaper",
                         "how many teams adopted it"),
    ),
    Kind(
        key="incident", label="Incident solved", plural="Incidents solved", chip="Incidents",
        counted_one="incident solved", counted="incidents solved",
        colour="#d0611c", details="Incident details",
        fields=(
            KindField("severity", "Severity", "e.g. SEV-1", "Severity"),
            KindField("time_to_mitigate", "Time to mitigate", "e.g. 40 minutes",
                      "Time to mitigate"),
            KindField("root_cause", "Root cause", "What broke, and why", "Root cause", 3),
        ),
        bragdoc_section="incidents", measure="time_to_mitigate", measure_label="mitigated in",
        cv_verb="Resolved",
        impact_hint="What was at stake, and what you did about it: e.g. kept 212 merchants "
                    "whole after a duplicate payout, all $84k recovered in 9 days",
        cite=("summary", "result"), cite_measure=True,
        number_examples=("time to mitigate", "how many customers were affected",
                         "how much downtime the fix prevents"),
    ),
    Kind(
        key="mentoring", label="Person mentored", plural="People mentored", chip="Mentoring",
        counted_one="person mentored", counted="people mentored",
        colour="#2a9d5c", details="Mentoring details",
        fields=(
            KindField("mentee", "Mentee", "Who (a first name or a role is enough)", "Mentee"),
            KindField("duration", "Duration", "e.g. 6 months", "Duration"),
            KindField("outcome", "Outcome", "Where they got to", "Outcome", 3),
        ),
        bragdoc_section="collaboration", cv_verb="Mentored",
        cite=("outcome", "impact", "summary"),
        number_examples=("how long the mentee took to ship alone", "how many sessions or reviews",
                         "the level they reached"),
    ),
    Kind(
        key="other", label="Other win", plural="Other wins", chip="Other",
        counted_one="other win", counted="other wins", colour="#8a5cc7", cv_verb="Delivered",
        number_examples=("how many people it reached", "hours saved a week",
                         "how often it is used"),
    ),
    Kind(
        key="praise", label="Praise", plural="Pieces of praise", chip="Praise",
        counted_one="piece of praise", counted="pieces of praise",
        colour="#c2478a", details="Praise details",
        fields=(
            KindField("praise_from", "From", "Who said it: e.g. Dana, my manager", "From"),
            KindField("praise_where", "Where", "e.g. performance review, Slack, a thank-you note",
                      "Where"),
            KindField("praise_words", "Their words", "What they wrote, word for word",
                      "Their words", 3),
            KindField("praise_link", "Link", "Where to find it again", "Link"),
        ),
        bragdoc_section="praise", measure="praise_words", measure_label="{who} wrote",
        measure_by="praise_from", cite=("praise_words", "summary"),
    ),
))

KINDS: tuple[str, ...] = KIND_REGISTRY.keys
KIND_LABELS: dict[str, str] = KIND_REGISTRY.labels

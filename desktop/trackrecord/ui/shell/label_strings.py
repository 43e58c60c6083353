"""The labels the core hands over as data, marked for lupdate: kinds (their names, chips,
groups, counts and fields), stages, categories, import formats and CSV fields, debrief
topics and answers, and how a rehearsal went.

The core never imports Qt, so it cannot mark them; the UI shows them with
``translate("Kinds", KIND_LABELS[kind])``, or ``self.tr(label)`` in the class named as the
context, which lupdate cannot read (the text is a variable). Nothing imports this module at
run time: it is lupdate's list, and tests/system/test_translations.py keeps it equal to the
core's tables.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

KINDS = (
    QT_TRANSLATE_NOOP("Kinds", "Shipped system"),
    QT_TRANSLATE_NOOP("Kinds", "Incident solved"),
    QT_TRANSLATE_NOOP("Kinds", "Person mentored"),
    QT_TRANSLATE_NOOP("Kinds", "Other win"),
    QT_TRANSLATE_NOOP("Kinds", "Praise"),
)
KIND_CHIPS = (
    QT_TRANSLATE_NOOP("KindChips", "Shipped"),
    QT_TRANSLATE_NOOP("KindChips", "Incidents"),
    QT_TRANSLATE_NOOP("KindChips", "Mentoring"),
    QT_TRANSLATE_NOOP("KindChips", "Other"),
    QT_TRANSLATE_NOOP("KindChips", "Praise"),
)
KIND_GROUPS = (
    QT_TRANSLATE_NOOP("KindGroups", "Shipped systems"),
    QT_TRANSLATE_NOOP("KindGroups", "Incidents solved"),
    QT_TRANSLATE_NOOP("KindGroups", "People mentored"),
    QT_TRANSLATE_NOOP("KindGroups", "Other wins"),
    QT_TRANSLATE_NOOP("KindGroups", "Pieces of praise"),
)
KIND_COUNTS = (
    QT_TRANSLATE_NOOP("KindCounts", "system shipped"),
    QT_TRANSLATE_NOOP("KindCounts", "systems shipped"),
    QT_TRANSLATE_NOOP("KindCounts", "incident solved"),
    QT_TRANSLATE_NOOP("KindCounts", "incidents solved"),
    QT_TRANSLATE_NOOP("KindCounts", "person mentored"),
    QT_TRANSLATE_NOOP("KindCounts", "people mentored"),
    QT_TRANSLATE_NOOP("KindCounts", "other win"),
    QT_TRANSLATE_NOOP("KindCounts", "other wins"),
    QT_TRANSLATE_NOOP("KindCounts", "piece of praise"),
    QT_TRANSLATE_NOOP("KindCounts", "pieces of praise"),
)
KIND_FIELDS = (
    QT_TRANSLATE_NOOP("KindFields", "Shipped system details"),
    QT_TRANSLATE_NOOP("KindFields", "Scale / users"),
    QT_TRANSLATE_NOOP("KindFields", "e.g. 2M requests a day, 40k users"),
    QT_TRANSLATE_NOOP("KindFields", "Stack"),
    QT_TRANSLATE_NOOP("KindFields", "e.g. Go, Postgres, Kubernetes"),
    QT_TRANSLATE_NOOP("KindFields", "Incident details"),
    QT_TRANSLATE_NOOP("KindFields", "Severity"),
    QT_TRANSLATE_NOOP("KindFields", "e.g. SEV-1"),
    QT_TRANSLATE_NOOP("KindFields", "Time to mitigate"),
    QT_TRANSLATE_NOOP("KindFields", "e.g. 40 minutes"),
    QT_TRANSLATE_NOOP("KindFields", "Root cause"),
    QT_TRANSLATE_NOOP("KindFields", "What broke, and why"),
    QT_TRANSLATE_NOOP("KindFields", "Mentoring details"),
    QT_TRANSLATE_NOOP("KindFields", "Mentee"),
    QT_TRANSLATE_NOOP("KindFields", "Who (a first name or a role is enough)"),
    QT_TRANSLATE_NOOP("KindFields", "Duration"),
    QT_TRANSLATE_NOOP("KindFields", "e.g. 6 months"),
    QT_TRANSLATE_NOOP("KindFields", "Outcome"),
    QT_TRANSLATE_NOOP("KindFields", "Where they got to"),
    QT_TRANSLATE_NOOP("KindFields", "Praise details"),
    QT_TRANSLATE_NOOP("KindFields", "From"),
    QT_TRANSLATE_NOOP("KindFields", "Who said it: e.g. Dana, my manager"),
    QT_TRANSLATE_NOOP("KindFields", "Where"),
    QT_TRANSLATE_NOOP("KindFields", "e.g. performance review, Slack, a thank-you note"),
    QT_TRANSLATE_NOOP("KindFields", "Their words"),
    QT_TRANSLATE_NOOP("KindFields", "What they wrote, word for word"),
    QT_TRANSLATE_NOOP("KindFields", "Link"),
    QT_TRANSLATE_NOOP("KindFields", "Where to find it again"),
)
KIND_NUMBERS = (
    QT_TRANSLATE_NOOP("KindNumbers", "how many users or requests a day"),
    QT_TRANSLATE_NOOP("KindNumbers", "how much faster or cheaper"),
    QT_TRANSLATE_NOOP("KindNumbers", "how many teams adopted it"),
    QT_TRANSLATE_NOOP("KindNumbers", "time to mitigate"),
    QT_TRANSLATE_NOOP("KindNumbers", "how many customers were affected"),
    QT_TRANSLATE_NOOP("KindNumbers", "how much downtime the fix prevents"),
    QT_TRANSLATE_NOOP("KindNumbers", "how long the mentee took to ship alone"),
    QT_TRANSLATE_NOOP("KindNumbers", "how many sessions or reviews"),
    QT_TRANSLATE_NOOP("KindNumbers", "the level they reached"),
    QT_TRANSLATE_NOOP("KindNumbers", "how many people it reached"),
    QT_TRANSLATE_NOOP("KindNumbers", "hours saved a week"),
    QT_TRANSLATE_NOOP("KindNumbers", "how often it is used"),
)
KIND_IMPACT_HINTS = (
    QT_TRANSLATE_NOOP("KindFields", "What was at stake, and what you did about it: e.g. kept "
                                    "212 merchants whole after a duplicate payout, all $84k "
                                    "recovered in 9 days"),
)
STAGES = (
    QT_TRANSLATE_NOOP("Stages", "Application"),
    QT_TRANSLATE_NOOP("Stages", "Recruiter call"),
    QT_TRANSLATE_NOOP("Stages", "Phone screen"),
    QT_TRANSLATE_NOOP("Stages", "Take-home"),
    QT_TRANSLATE_NOOP("Stages", "Coding interview"),
    QT_TRANSLATE_NOOP("Stages", "System design"),
    QT_TRANSLATE_NOOP("Stages", "Behavioural interview"),
    QT_TRANSLATE_NOOP("Stages", "Hiring manager"),
    QT_TRANSLATE_NOOP("Stages", "Onsite"),
    QT_TRANSLATE_NOOP("Stages", "Team match"),
    QT_TRANSLATE_NOOP("Stages", "Offer"),
    QT_TRANSLATE_NOOP("Stages", "Other"),
)
CATEGORIES = (
    QT_TRANSLATE_NOOP("Categories", "Fit, not ability"),
    QT_TRANSLATE_NOOP("Categories", "Signal gap"),
    QT_TRANSLATE_NOOP("Categories", "External noise"),
    QT_TRANSLATE_NOOP("Categories", "Unknown"),
)
IMPORT_FORMATS = (
    QT_TRANSLATE_NOOP("ImportDialog", "Markdown brag document"),
    QT_TRANSLATE_NOOP("ImportDialog", "HTML brag document"),
    QT_TRANSLATE_NOOP("ImportDialog", "CSV of rejections (job tracker)"),
    QT_TRANSLATE_NOOP("ImportDialog", "jrnl JSON export"),
    QT_TRANSLATE_NOOP("ImportDialog", "Track Record backup (JSON)"),
    QT_TRANSLATE_NOOP("ImportDialog", "Sealed Track Record backup (passphrase)"),
)
EXPORT_FORMATS = (  # the Export page's brag-document formats
    QT_TRANSLATE_NOOP("ExportPage", "Markdown"),
    QT_TRANSLATE_NOOP("ExportPage", "HTML (one file)"),
    QT_TRANSLATE_NOOP("ExportPage", "PDF"),
    QT_TRANSLATE_NOOP("ExportPage", "OpenDocument (Word, LibreOffice)"),
    QT_TRANSLATE_NOOP("ExportPage", "CV bullets"),
)
CSV_FIELDS = (
    QT_TRANSLATE_NOOP("ImportDialog", "Company"),
    QT_TRANSLATE_NOOP("ImportDialog", "Role"),
    QT_TRANSLATE_NOOP("ImportDialog", "Level"),
    QT_TRANSLATE_NOOP("ImportDialog", "Status"),
    QT_TRANSLATE_NOOP("ImportDialog", "Result"),
    QT_TRANSLATE_NOOP("ImportDialog", "Stage"),
    QT_TRANSLATE_NOOP("ImportDialog", "A stage, when filled in"),
    QT_TRANSLATE_NOOP("ImportDialog", "Date applied"),
    QT_TRANSLATE_NOOP("ImportDialog", "Date of the answer"),
    QT_TRANSLATE_NOOP("ImportDialog", "Feedback (their words)"),
    QT_TRANSLATE_NOOP("ImportDialog", "Your notes"),
)
DEBRIEF_TOPICS = (
    QT_TRANSLATE_NOOP("DebriefForm", "Nerves"),
    QT_TRANSLATE_NOOP("DebriefForm", "Clear communication"),
    QT_TRANSLATE_NOOP("DebriefForm", "Independence"),
    QT_TRANSLATE_NOOP("DebriefForm", "Clarifying questions"),
    QT_TRANSLATE_NOOP("DebriefForm", "Narrating the approach"),
    QT_TRANSLATE_NOOP("DebriefForm", "Signalling trade-offs"),
)
DEBRIEF_ANSWERS = (
    QT_TRANSLATE_NOOP("DebriefForm", "Yes"),
    QT_TRANSLATE_NOOP("DebriefForm", "Partly"),
    QT_TRANSLATE_NOOP("DebriefForm", "No"),
)
REHEARSAL_OUTCOMES = (
    QT_TRANSLATE_NOOP("Rehearsal", "Rough"),
    QT_TRANSLATE_NOOP("Rehearsal", "Okay"),
    QT_TRANSLATE_NOOP("Rehearsal", "Smooth"),
)

"""The labels the core hands over as data (kinds, stages, categories), marked for lupdate.

The core never imports Qt, so it cannot mark them; the UI shows them with
``translate("Kinds", KIND_LABELS[kind])`` and the like, which lupdate cannot read (the text
is a variable). Nothing imports this module at run time: it is lupdate's list, and
tests/unit/test_translations.py keeps it equal to the core's tables.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

KINDS = (
    QT_TRANSLATE_NOOP("Kinds", "Shipped system"),
    QT_TRANSLATE_NOOP("Kinds", "Incident solved"),
    QT_TRANSLATE_NOOP("Kinds", "Person mentored"),
    QT_TRANSLATE_NOOP("Kinds", "Other win"),
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

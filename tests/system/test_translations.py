"""Every string of the interface can reach a translator: Qt's lupdate collects it, under the
context the app looks it up in at run time (docs/translations.md)."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from trackrecord.core.record.kinds import KIND_LABELS, KIND_REGISTRY
from trackrecord.core.rejections.categories import CATEGORY_LABELS
from trackrecord.core.rejections.debrief import ANSWER_LABELS, DEBRIEF_LABELS
from trackrecord.core.rejections.stages import STAGE_LABELS
from trackrecord.core.review.outcomes import OUTCOME_LABELS
from trackrecord.core.transfer.export_formats import BRAG_FORMATS, EXPORT_FORMATS
from trackrecord.core.transfer.import_base import CSV_FIELD_LABELS
from trackrecord.core.transfer.import_formats import IMPORT_FORMATS
from trackrecord.ui.shell import label_strings

# The Qt code: the window (ui/) and the PDF documents drawn with Qt (pdf/).
APP = Path(__file__).resolve().parents[2] / "desktop" / "trackrecord"
QT_SOURCES = (APP / "ui", APP / "pdf")
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """Context name -> the source texts lupdate filed under it."""
    if not LUPDATE.exists():
        pytest.skip("pyside6-lupdate is not installed next to this Python")
    ts = tmp_path_factory.mktemp("i18n") / "trackrecord_xx.ts"
    subprocess.run([str(LUPDATE), "-extensions", "py", "-recursive", *map(str, QT_SOURCES),
                    "-no-obsolete",
                    "-ts", str(ts)], check=True, capture_output=True, timeout=300)
    found: dict[str, set[str]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        texts = {message.findtext("source") or "" for message in context.iter("message")}
        found[context.findtext("name") or ""] = texts
    return found


def _qt_modules() -> list[Path]:
    return [path for folder in QT_SOURCES for path in sorted(folder.rglob("*.py"))]


def _contexts_looked_up() -> set[str]:
    """What the app asks Qt for: each class's name (self.tr) and each literal context of
    translate() and QT_TRANSLATE_NOOP()."""
    source = "\n".join(path.read_text("utf-8") for path in _qt_modules())
    classes = set(re.findall(r"^class (\w+)\(", source, re.MULTILINE))
    named = set(re.findall(r'(?:translate|QT_TRANSLATE_NOOP)\(\s*"(\w+)"', source))
    return classes | named


def test_every_string_is_filed_where_the_app_looks_it_up(
        collected: dict[str, set[str]]) -> None:
    looked_up = _contexts_looked_up()
    stray = {name: sorted(texts)[:3] for name, texts in collected.items()
             if name not in looked_up}
    assert stray == {}  # e.g. "" (an alias of tr) or "w" (w.tr outside the class)


def test_strings_outside_classes_are_collected(collected: dict[str, set[str]]) -> None:
    assert "&New entry" in collected["MainWindow"]  # the menus, built by a function
    assert "Track Record cannot open your data" in collected["App"]
    assert "Worth rereading" in collected["ReviewCards"]
    assert "Backup restored" in collected["Recovery"]
    assert set(KIND_LABELS.values()) <= collected["Kinds"]
    assert set(STAGE_LABELS.values()) <= collected["Stages"]
    assert set(CATEGORY_LABELS.values()) <= collected["Categories"]
    assert "Reason" in collected["PreviewModel"]  # a table of the UI's own, marked in place
    assert "before an import" in collected["BackupsDialog"]
    assert set(CSV_FIELD_LABELS.values()) <= collected["ImportDialog"]
    assert set(ANSWER_LABELS.values()) <= collected["DebriefForm"]
    assert set(OUTCOME_LABELS.values()) <= collected["Rehearsal"]


def test_the_marked_labels_are_the_cores() -> None:
    assert tuple(KIND_LABELS.values()) == label_strings.KINDS
    assert tuple(k.chip for k in KIND_REGISTRY) == label_strings.KIND_CHIPS
    assert tuple(k.plural for k in KIND_REGISTRY) == label_strings.KIND_GROUPS
    assert tuple(text for k in KIND_REGISTRY
                 for text in (k.counted_one, k.counted)) == label_strings.KIND_COUNTS
    assert tuple(text for k in KIND_REGISTRY if k.fields
                 for text in (k.details, *(t for f in k.fields for t in (f.label, f.hint)))
                 ) == label_strings.KIND_FIELDS
    assert tuple(k.impact_hint for k in KIND_REGISTRY if k.impact_hint) == \
        label_strings.KIND_IMPACT_HINTS
    assert tuple(e for k in KIND_REGISTRY for e in k.number_examples
                 ) == label_strings.KIND_NUMBERS
    assert tuple(STAGE_LABELS.values()) == label_strings.STAGES
    assert tuple(CATEGORY_LABELS.values()) == label_strings.CATEGORIES
    assert tuple(IMPORT_FORMATS.labels.values()) == label_strings.IMPORT_FORMATS
    assert tuple(EXPORT_FORMATS[k].label for k in BRAG_FORMATS) == label_strings.EXPORT_FORMATS
    assert tuple(CSV_FIELD_LABELS.values()) == label_strings.CSV_FIELDS
    assert tuple(DEBRIEF_LABELS.values()) == label_strings.DEBRIEF_TOPICS
    assert tuple(ANSWER_LABELS.values()) == label_strings.DEBRIEF_ANSWERS
    assert tuple(OUTCOME_LABELS.values()) == label_strings.REHEARSAL_OUTCOMES


def test_no_helper_hides_strings_from_lupdate() -> None:
    """A one-argument helper around translate() (the old ``_t``) makes every string passed
    to it invisible to lupdate. Only the label helpers may translate a variable: their
    texts are marked in ui/shell/label_strings.py."""
    helpers = {}
    for path in _qt_modules():
        for name, context in re.findall(
                r"def (\w+)\(\w+: str\) -> str:\n\s+return (?:QCoreApplication\.)?translate\("
                r'"(\w+)", ', path.read_text("utf-8")):
            helpers[name] = context
    assert helpers == {"kind_label": "Kinds", "stage_label": "Stages",
                       "category_label": "Categories"}

"""What the store takes as text and as a date, whoever gives it (a form, the shell, a file).

Text never holds control characters: NUL ends strings in other tools, and ESC or CSI would
reach a terminal as an escape sequence when ``trackrecord list`` prints a title. One-line
fields (a title, a company, a tag) hold no line breaks or tabs either; longer text keeps its
newlines and tabs, with Windows line ends made Unix ones. Undecodable bytes (lone
surrogates, which is how Python hands over bytes that are not UTF-8) are refused: SQLite
cannot store them, and replacing them silently would change what the person wrote.

A date is written ``YYYY-MM-DD`` and nothing else: Python also reads ``20240301`` and
``2024-W10-1`` as ISO dates, which the README does not promise and a typo could produce.
"""

from __future__ import annotations

import datetime as dt
import re

from trackrecord.core.errors import ValidationError

# C0 controls but tab and newline (CR is made a newline first), DEL, and the C1 controls.
_BLOCK_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_LINE_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def check_decodable(text: str, what: str) -> None:
    if _SURROGATE.search(text):
        raise ValidationError(f"{what} holds bytes that are not UTF-8 text; nothing was saved")


def clean_block(text: str, what: str = "the text") -> str:
    """Multi-line text (notes, feedback, impact): newlines and tabs stay, other controls go."""
    check_decodable(text, what)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BLOCK_CONTROLS.sub("", text)


def clean_line(text: str, what: str = "the text") -> str:
    """One-line text (a title, a company, a tag): breaks and tabs become a space, other
    controls go."""
    check_decodable(text, what)
    return _LINE_CONTROLS.sub("", _LINE_BREAKS.sub(" ", text))


def has_controls(text: str, *, line: bool) -> bool:
    """Whether ``text`` holds control characters cleaning takes out (imports say in which
    fields); Windows line ends, which only become Unix ones, do not count."""
    if line:
        return bool(_LINE_CONTROLS.search(text))
    return bool(_BLOCK_CONTROLS.search(text.replace("\r", "")))


def parse_day(value: str, what: str = "the date") -> dt.date:
    """``YYYY-MM-DD`` (surrounding spaces allowed), a real day; ValidationError otherwise."""
    text = value.strip()
    if _DAY.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValidationError(f"{what} must be a date written YYYY-MM-DD, not {value!r}")


def rating(value: object, what: str) -> int | None:
    """A 0-100 rating; None or blank means not rated."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    if number is None:
        raise ValidationError(f"{what} must be a whole number from 0 to 100, not {value!r}")
    if not 0 <= number <= 100:
        raise ValidationError(f"{what} must be from 0 to 100, not {number}")
    return number

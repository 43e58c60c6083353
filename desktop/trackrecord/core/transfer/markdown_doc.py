"""A Markdown brag document cut into its headings and what is under each.

Before that: YAML front matter is read (a year or a date in it dates what has none) and
blanked; comments (``<!-- ... -->``, and ``[//]: # (...)`` lines, where copies of Julia
Evans' template keep her guidance) are blanked; and setext headings (a line over ``===`` or
``---``) are turned into ATX ones. Line numbers stay those of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trackrecord.core.transfer.markdown_text import BULLET, FENCE, plain

HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LINK_COMMENT = re.compile(r"^\s*\[(?://|comment|_|#)\]:\s*[#<]")
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w -]*):\s*(.*?)\s*$")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # plain text
    line: int


@dataclass
class Block:
    """A heading (None before the first one) and the lines under it, up to the next one."""

    heading: Heading | None
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)


@dataclass
class Document:
    blocks: list[Block]
    front: dict[str, str]  # front matter, keys lower-cased


def is_rule(line: str) -> bool:
    return bool(_RULE.match(line))


def _front_matter(lines: list[str]) -> dict[str, str]:
    """Read and blank a leading ``---`` ... ``---`` block of ``key: value`` lines."""
    if not lines or lines[0].strip() != "---":
        return {}
    for end in range(1, min(len(lines), 80)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}
    front: dict[str, str] = {}
    for i in range(end + 1):
        found = _FRONT_KEY.match(lines[i])
        if found and i:
            front.setdefault(found[1].strip().casefold(), found[2].strip().strip("'\""))
        lines[i] = ""
    return front


def _blank_comments(lines: list[str]) -> None:
    """Blank HTML comments and link-label comments, outside code blocks."""
    fence: str | None = None
    in_comment = False
    for i, line in enumerate(lines):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened[1] == fence:
                fence = None
            continue
        if in_comment:
            end = line.find("-->")
            lines[i] = "" if end < 0 else line[end + 3:]
            in_comment = end < 0
            continue
        if opened:
            fence = opened[1]
            continue
        if _LINK_COMMENT.match(line):
            lines[i] = ""
            continue
        while "<!--" in lines[i]:
            start = lines[i].index("<!--")
            end = lines[i].find("-->", start + 4)
            if end < 0:
                lines[i] = lines[i][:start]
                in_comment = True
                break
            lines[i] = lines[i][:start] + lines[i][end + 3:]
        if not lines[i].strip() and line.strip():
            lines[i] = ""


def _setext(lines: list[str]) -> None:
    """"Title" over "=====" (or "-----") becomes "# Title" (or "## Title"), the underline
    blank. The line above must start a paragraph: after a blank line or a heading."""
    fence: str | None = None
    for i, line in enumerate(lines[:-1]):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened[1] == fence:
                fence = None
            continue
        if opened:
            fence = opened[1]
            continue
        under = _UNDERLINE.match(lines[i + 1])
        if not under or not line.strip() or len(line) - len(line.lstrip(" ")) > 3:
            continue
        if BULLET.match(line) or HEADING.match(line) or is_rule(line) or line.lstrip()[:1] in (
                ">", "|"):
            continue
        above = lines[i - 1] if i else ""
        if above.strip() and not HEADING.match(above):
            continue
        level = 1 if under[1][0] == "=" else 2
        lines[i] = "#" * level + " " + line.strip()
        lines[i + 1] = ""


def split_document(text: str) -> Document:
    lines = [line.expandtabs(4) for line in text.split("\n")]
    front = _front_matter(lines)
    _blank_comments(lines)
    _setext(lines)
    blocks = [Block(None)]
    fence: str | None = None
    for number, line in enumerate(lines, start=1):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened[1] == fence:
                fence = None
        elif opened:
            fence = opened[1]
        else:
            heading = HEADING.match(line)
            if heading:
                blocks.append(Block(Heading(len(heading[1]), plain(heading[2] or ""), number)))
                continue
        blocks[-1].lines.append((number, line))
    return Document(blocks, front)

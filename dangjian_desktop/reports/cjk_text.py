"""Chinese paragraphs justified to both edges, optionally on a character grid, as official documents are set.

reportlab's own CJK wrapping leaves the right edge ragged and lets punctuation hang into the margin (or
into a table's rule). Here a line never starts with ，。、；：？！ nor ends with “（《 (the character before
is carried over instead), every line but the last of a paragraph is spread to the full width, and on a
grid (28 a line for GB/T 9704) every full-width character takes the same cell. Each character is drawn by
a font that has it (fonts.font_for).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from dangjian_desktop.reports.fonts import EM_ASCENT, NO_LINE_START, runs

NO_LINE_END = "“‘（《「『【〔([{·"
NO_START = NO_LINE_START + ",.;:?!)]}"
TOKEN_RE = re.compile(r"[A-Za-z0-9.%+\-/:]+|.")
_WIDTHS: dict[tuple[str, float, str], float] = {}


@dataclass(frozen=True)
class TextStyle:
    """How a paragraph is set; indents are in characters (grid cells), spaces in points."""

    font: str
    size: float
    leading: float
    align: str = "justify"  # justify (last line left), left, centre, right
    first_indent: float = 0
    left_indent: float = 0
    right_indent: float = 0
    chars_per_line: int | None = None  # None: no grid, each character as wide as its glyph
    space_before: float = 0
    space_after: float = 0
    keep_with_next: bool = False
    lone_lines: bool = False  # may a single line stand alone at a page's foot or top (a 公文 fills every line)


@dataclass(frozen=True)
class Line:
    text: str
    indent: float  # points from the left edge
    last: bool  # last line of a paragraph (of a hard line): not spread


def token_width(token: str, font: str, size: float) -> float:
    total = 0.0
    for char in token:
        key = (font, size, char)
        width = _WIDTHS.get(key)
        if width is None:
            width = _WIDTHS[key] = sum(stringWidth(chunk, f, size) for f, chunk in runs(char, font))
        total += width
    return total


class TextBlock(Flowable):
    """Plain text (line breaks kept) in one style; splits across pages without leaving a single line behind
    (unless the style allows it)."""

    def __init__(self, text: str, style: TextStyle, lines: list[Line] | None = None) -> None:
        super().__init__()
        self.text, self.style = text, style
        self.spaceBefore, self.spaceAfter = style.space_before, style.space_after
        self.keepWithNext = style.keep_with_next
        self._lines, self._fixed, self._width = lines, lines is not None, 0.0

    def pitch(self, avail_width: float) -> float:
        cpl = self.style.chars_per_line
        return avail_width / cpl if cpl else self.style.size

    def advance(self, token: str, pitch: float) -> float:
        """A token's width: its glyphs, plus the spacing that brings each character to the grid's pitch."""
        return token_width(token, self.style.font, self.style.size) + (pitch - self.style.size) * len(token)

    def cells(self, text: str, avail_width: float) -> float:
        """How many grid cells `text` takes (half-width digits count as less than one)."""
        pitch = self.pitch(avail_width)
        return sum(self.advance(t, pitch) for t in TOKEN_RE.findall(text)) / pitch

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if not self._fixed and (self._lines is None or abs(avail_width - self._width) > 0.01):
            self._width, self._lines = avail_width, self._break(avail_width)
        self.width, self.height = avail_width, self.style.leading * len(self._lines)
        return self.width, self.height

    def _break(self, avail_width: float) -> list[Line]:
        lines: list[Line] = []
        for hard in self.text.split("\n"):
            lines += self._break_line(" ".join(hard.split()), avail_width)
        return lines

    def _break_line(self, text: str, avail_width: float) -> list[Line]:
        st, pitch = self.style, self.pitch(avail_width)
        tokens = TOKEN_RE.findall(text) or [""]
        widths = [self.advance(t, pitch) for t in tokens]
        lines: list[Line] = []
        start = 0
        while start < len(tokens):
            indent = ((st.first_indent if not lines else 0) + st.left_indent) * pitch
            room = avail_width - indent - st.right_indent * pitch + 0.01
            end, used = start, 0.0
            while end < len(tokens) and (end == start or used + widths[end] <= room):
                used += widths[end]
                end += 1
            if end < len(tokens) and tokens[end] in NO_LINE_START and used + widths[end] / 2 <= room:
                end += 1  # a closing mark squeezes in: full-width punctuation is half blank
            while 0 < end - 1 - start and end < len(tokens) and (
                    tokens[end][0] in NO_START or tokens[end - 1][-1] in NO_LINE_END):
                end -= 1  # carry a character over rather than break before a closing or after an opening mark
            line = "".join(tokens[start:end])
            lines.append(Line(line if end >= len(tokens) else line.rstrip(), indent, end >= len(tokens)))
            start = end
            while start < len(tokens) and tokens[start] == " ":
                start += 1
        return lines

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        fit = int((avail_height + 0.01) // self.style.leading)
        total = len(self._lines)
        if fit >= total:  # all of it fits: the rest is empty (a table splitting a row expects two parts)
            rest = TextBlock(self.text, self.style, [])
            rest.spaceBefore = rest.spaceAfter = 0
            return [self, rest]
        if total - fit == 1 and not self.style.lone_lines:
            fit -= 1  # no single last line at the top of a page
        if fit < 1 or (fit < 2 and total > 2 and not self.style.lone_lines):
            return []  # nor a single first line at the foot of one
        first = TextBlock(self.text, self.style, self._lines[:fit])
        rest = TextBlock(self.text, self.style, self._lines[fit:])
        first.spaceAfter = rest.spaceBefore = 0
        first.keepWithNext = False
        return [first, rest]

    def cut_tail(self, avail_width: float, count: int) -> list[TextBlock]:
        """The block as two: all but its last `count` lines, then those (itself alone when no longer), so that
        the end of a long text can be kept with what follows it without keeping all of it."""
        self.wrap(avail_width, 0)
        if len(self._lines) <= count:
            return [self]
        first = TextBlock(self.text, self.style, self._lines[:-count])
        rest = TextBlock(self.text, self.style, self._lines[-count:])
        first.spaceAfter = rest.spaceBefore = 0
        first.keepWithNext = False
        return [first, rest]

    def draw(self) -> None:
        st, canvas = self.style, self.canv
        pitch = self.pitch(self.width)
        for number, line in enumerate(self._lines):
            baseline = self.height - EM_ASCENT * st.size - number * st.leading
            tokens = TOKEN_RE.findall(line.text)
            natural = sum(self.advance(t, pitch) for t in tokens)
            room = self.width - line.indent - st.right_indent * pitch
            spacing, x = pitch - st.size, line.indent
            if len(line.text) > 1 and (natural > room or st.align == "justify" and not line.last):
                spacing += (room - natural) / (len(line.text) - 1)
            elif st.align == "centre":
                x += (room - natural) / 2
            elif st.align == "right":
                x += room - natural
            t = canvas.beginText(x, baseline)
            t.setCharSpace(spacing)
            for font, chunk in runs(line.text, st.font):
                t.setFont(font, st.size)
                t.textOut(chunk)
            canvas.drawText(t)

"""Reading printed PDFs back for the report tests: text, positioned text runs, fonts and their embedding."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

MM = 72 / 25.4
EM_TOP = 0.88  # the top of a CJK character's em box above its baseline, in font sizes


@dataclass(frozen=True)
class Run:
    """A piece of text as drawn: page (from 0), left x and baseline y in points from the bottom-left, size."""

    page: int
    x: float
    y: float
    size: float
    text: str
    font: str = ""  # the embedded font's name, e.g. AAAAAA+UMingCN

    def top_mm(self, page_height: float) -> float:
        """Distance from the top of the page to the top of the characters, in mm."""
        return (page_height - self.y - EM_TOP * self.size) / MM


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def text_of(path: Path) -> str:
    """All the text without line breaks or spaces (a phrase may wrap, cells are spaced apart)."""
    return re.sub(r"\s", "", "".join(page_texts(path)))


def runs(path: Path) -> list[Run]:
    found: list[Run] = []
    for number, page in enumerate(PdfReader(path).pages):
        def visit(text, cm, tm, font, size, number=number):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                name = str(font.get("/BaseFont", "")) if font else ""
                found.append(Run(number, x, y, size, text.strip(), name))
        page.extract_text(visitor_text=visit)
    return found


def fonts(path: Path) -> dict[str, bool]:
    """Every font used on any page or in any form it draws: base font name → embedded."""
    result: dict[str, bool] = {}

    def walk(resources) -> None:
        resources = resources.get_object() if resources else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            result[str(font.get("/BaseFont"))] = embedded
        for xobject in (resources.get("/XObject") or {}).values():
            walk(xobject.get_object().get("/Resources"))

    for page in PdfReader(path).pages:
        walk(page.get("/Resources"))
    return result


def assert_fonts_embedded(path: Path) -> None:
    used = fonts(path)
    assert used, "no fonts found"
    assert all(used.values()), f"fonts not embedded: {[n for n, e in used.items() if not e]}"
    assert not any("Helvetica" in name for name in used)


def page_size_mm(path: Path) -> list[tuple[float, float]]:
    return [(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM)) for p in PdfReader(path).pages]

"""Fonts for the printouts: the system's 公文 faces where present, else bundled open faces, per-character fallback.

Roles: 仿宋 (body), 黑体 (first-level headings, table heads), 楷体 (second-level headings), 宋体 (tables,
page numbers) and the title face (方正小标宋 where installed, else a 宋体 drawn bold). A role without a
system face (a Linux desktop: 统信UOS and 麒麟 ship their CJK faces as CFF, which cannot be embedded) uses
the open face bundled for it: AR PL UMing CN for 宋 and, closest of the open faces, for 仿宋 (no open 仿宋
with the full simplified set exists); LXGW WenKai for 楷; WenQuanYi Micro Hei for 黑 and for anything else.
A build leaves out the faces its platform does not need (Windows has its own), so each is optional here.
A character the role's face lacks (堃 in a GB2312-only face, CJK Extension B) is drawn in the first font
that has it: WenQuanYi Micro Hei, then an extension font (SimSun-ExtB on Windows, else the bundled
HanaMinB). A character no font has prints as MISSING, a visible gap to write it in by hand.
"""

from __future__ import annotations

import mmap
import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dangjian_desktop.common.paths import resource_path

MISSING = "□"
EM_ASCENT = 0.88  # the ideographic em box reaches this far above the baseline (of the font size)
BUNDLED = "DJ-Bundled"

# Per role, the font files to look for in the system's font folders, best first: (file name, subfont).
ROLE_FILES: dict[str, tuple[tuple[str, int], ...]] = {
    "fang": (("simfang.ttf", 0), ("仿宋_gb2312.ttf", 0), ("fs_gb2312.ttf", 0)),
    "hei": (("simhei.ttf", 0),),
    "kai": (("simkai.ttf", 0), ("楷体_gb2312.ttf", 0), ("kaiti_gb2312.ttf", 0)),
    "song": (("simsun.ttc", 0), ("simsun.ttf", 0)),
    "title": (("fzxbsjw.ttf", 0), ("方正小标宋简体.ttf", 0), ("fzxbsjw--gb1-0.ttf", 0)),
}
# Fonts that only serve characters the others lack (CJK Extension B and beyond).
EXTENSION_FILES: tuple[tuple[str, int], ...] = (("simsunb.ttf", 0), ("hanaminb.ttf", 0), ("mingliub.ttc", 0))
# The open faces in resources/fonts standing in for a role without a system face (黑体 is BUNDLED itself).
BUNDLED_FACES = {"fang": "uming-cn.ttf", "kai": "lxgw-wenkai.ttf", "song": "uming-cn.ttf", "title": "uming-cn.ttf"}
BUNDLED_EXTENSION = "hanaminb.ttf"

# Characters that must not start a line (reportlab's list lacks the full-width Chinese ones).
NO_LINE_START = "，。、；：？！）》」』】〕”’…%·"


@dataclass(frozen=True)
class FontSet:
    """Registered reportlab font names per role; `title_bold` means the title face must be drawn bold."""

    fang: str
    hei: str
    kai: str
    song: str
    title: str
    title_bold: bool
    system_faces: tuple[str, ...]  # roles served by a system face, for the report


def font_dirs() -> list[Path]:
    """The folders where this system keeps fonts, the Windows ones first."""
    home = Path.home()
    dirs = []
    if sys.platform.startswith("win"):
        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [home / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    else:
        dirs += [home / ".local" / "share" / "fonts", home / ".fonts", Path("/usr/local/share/fonts"),
                 Path("/usr/share/fonts")]
    return [d for d in dirs if d.is_dir()]


def discover(dirs: list[Path]) -> dict[str, Path]:
    """Every font file under `dirs` by lower-case file name; the first folder wins."""
    found: dict[str, Path] = {}
    for top in dirs:
        for root, _subdirs, files in os.walk(top):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc")):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


@cache
def system_font_files() -> dict[str, Path]:
    return discover(font_dirs())


def has_system_face(role: str) -> bool:
    """Whether this computer has its own face for `role` (the Word summary names it only then)."""
    return choose(system_font_files(), ROLE_FILES[role]) is not None


def choose(files: dict[str, Path], candidates: tuple[tuple[str, int], ...]) -> tuple[Path, int] | None:
    for name, subfont in candidates:
        if name in files:
            return files[name], subfont
    return None


class _MappedFile:
    """A font file as reportlab reads it (`.name`, `.read()`), but memory-mapped instead of read whole.

    reportlab keeps a font's whole file in memory for as long as the process runs. The 公文 faces of a
    Windows PC are 10 to 18 MB each, and parsing one reads only its small tables; mapped, the glyph
    outlines (the bulk) are read from the file only for a report that uses the face, and the system can
    drop them again, so registering five faces no longer costs their size in memory.
    """

    def __init__(self, path: Path):
        self.name = str(path)
        with open(path, "rb") as file:
            self._data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)

    def read(self) -> mmap.mmap:
        return self._data


class _GlyphTable:
    """The `glyf` table of a mapped font, sliced on demand: a subset copies only the glyphs it uses."""

    def __init__(self, data: mmap.mmap, start: int, length: int):
        self.data, self.start, self.length = data, start, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, key: slice) -> bytes:
        first, stop, _step = key.indices(self.length)
        return self.data[self.start + first:self.start + stop]


def _register(name: str, path: Path, subfont: int) -> bool:
    """Register a TrueType font; False when it cannot be read or forbids embedding."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        pdfmetrics.registerFont(TTFont(name, _MappedFile(path), subfontIndex=subfont))
    except Exception:  # TTFError (postscript outlines, no embedding), OSError, ValueError (empty), struct errors
        return False
    return True


@cache
def _bundled_face(file_name: str) -> str | None:
    """The registered name of an open face in resources/fonts, or None where this build left it out."""
    path = resource_path("fonts", file_name)
    name = f"DJ-{Path(file_name).stem}"
    return name if path.is_file() and _register(name, path, 0) else None


@cache
def fonts() -> FontSet:
    """Register the fonts once per process and patch reportlab's line breaking and text layer."""
    _patch_line_breaking()
    _patch_to_unicode()
    _patch_glyph_table()
    if not _register(BUNDLED, resource_path("fonts", "wqy-microhei.ttc"), 0):
        raise RuntimeError("bundled font resources/fonts/wqy-microhei.ttc is missing or unreadable")
    files = system_font_files()
    names: dict[str, str] = {}
    for role, candidates in ROLE_FILES.items():
        found = choose(files, candidates)
        if found and _register(f"DJ-{role}", *found):
            names[role] = f"DJ-{role}"
    system_faces = tuple(names)
    for role in ROLE_FILES:
        if role not in names:
            names[role] = (_bundled_face(BUNDLED_FACES[role]) if role in BUNDLED_FACES else None) or BUNDLED
    return FontSet(
        fang=names["fang"],
        hei=names["hei"],
        kai=names["kai"],
        song=names["song"],
        title=names["title"],
        title_bold="title" not in system_faces,
        system_faces=system_faces,
    )


ROLE_NAMES = {"fang": "仿宋", "hei": "黑体", "kai": "楷体"}  # the faces whose absence changes how a 公文 looks
FACE_NAMES = {BUNDLED: "文泉驿微米黑", "DJ-uming-cn": "文鼎明体", "DJ-lxgw-wenkai": "霞鹜文楷"}


def substitutes() -> str:
    """What stands in for the 公文 faces this computer lacks ("仿宋用文鼎明体、…"); "" when it has them all."""
    f = fonts()
    return "、".join(f"{label}用{FACE_NAMES.get(getattr(f, role), '内置字体')}"
                     for role, label in ROLE_NAMES.items() if role not in f.system_faces)


@cache
def _extension_fonts() -> tuple[str, ...]:
    """The extension fonts found on this system, then the bundled one, registered on first need (they are large)."""
    files = system_font_files()
    names = []
    for number, (name, subfont) in enumerate(EXTENSION_FILES):
        if name in files and _register(f"DJ-Ext{number}", files[name], subfont):
            names.append(f"DJ-Ext{number}")
    bundled = _bundled_face(BUNDLED_EXTENSION)
    return (*names, bundled) if bundled else tuple(names)


@cache
def _glyphs(font_name: str) -> dict[int, int]:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(font_name).face.charToGlyph


@cache
def font_for(char: str, font_name: str) -> str | None:
    """The font that draws `char`: the given one, else the bundled one, else an extension font; None if none."""
    code = ord(char)
    if code in _glyphs(font_name):
        return font_name
    for other in (BUNDLED, *_extension_fonts()):
        if code in _glyphs(other):
            return other
    return None


def runs(text: str, font_name: str) -> list[tuple[str, str]]:
    """`text` cut into (font, text) runs so that each character is drawn by a font that has it."""
    fonts()
    result: list[tuple[str, str]] = []
    for char in text:
        font = font_name if char in " \t" else font_for(char, font_name)
        if font is None:
            font, char = font_for(MISSING, font_name) or BUNDLED, MISSING
        if result and result[-1][0] == font:
            result[-1] = (font, result[-1][1] + char)
        else:
            result.append((font, char))
    return result


def text_width(text: str, font_name: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(chunk, font, size) for font, chunk in runs(text, font_name))


def draw_text(canvas, x: float, y: float, text: str, font_name: str, size: float, align: str = "left",
              bold: bool = False) -> None:
    """Draw one line on a canvas with per-character fallback; `align` is left, centre or right of x.

    `bold` strokes the outlines as well as filling them, for a title face that has no bold.
    """
    width = text_width(text, font_name, size)
    start = x - width if align == "right" else x - width / 2 if align == "centre" else x
    t = canvas.beginText(start, y)
    if bold:
        canvas.saveState()
        canvas.setLineWidth(size * 0.03)
        t.setTextRenderMode(2)
    for font, chunk in runs(text, font_name):
        t.setFont(font, size)
        t.textOut(chunk)
    canvas.drawText(t)
    if bold:
        canvas.restoreState()


def _patch_line_breaking() -> None:
    """Add the Chinese punctuation that may not start a line to both of reportlab's lists."""
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    extra = "".join(c for c in NO_LINE_START if c not in textsplit.ALL_CANNOT_START)
    textsplit.ALL_CANNOT_START += extra
    paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START


def _patch_glyph_table() -> None:
    """Make a subset of a mapped font without copying its whole `glyf` table (most of the file) first."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.TTFontFile.get_table
    if getattr(original, "mapped_glyphs", False):
        return

    def get_table(self, tag):
        if tag == "glyf" and isinstance(self._ttf_data, mmap.mmap):
            return _GlyphTable(self._ttf_data, *self.get_table_pos(tag))
        return original(self, tag)

    get_table.mapped_glyphs = True
    ttfonts.TTFontFile.get_table = get_table


def _patch_to_unicode() -> None:
    """Write characters beyond the BMP (CJK Extension B) as UTF-16 pairs in the text layer.

    reportlab writes them as five hex digits, which PDF readers misread: the page shows 𪚥 but copying
    or searching gives another character or nothing.
    """
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "utf16_pairs", False):
        return

    def make(fontname: str, subset: list[int]) -> str:
        cmap = original(fontname, subset)
        for code, value in enumerate(subset):
            if value > 0xFFFF:
                pair = chr(value).encode("utf-16-be").hex().upper()
                cmap = cmap.replace(f"<{code:02X}> <{value:04X}>", f"<{code:02X}> <{pair}>")
        return cmap

    make.utf16_pairs = True
    ttfonts.makeToUnicodeCMap = make

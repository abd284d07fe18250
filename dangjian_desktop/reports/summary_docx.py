"""The year-end summary as a Word document with the same content and GB/T 9704 styles, for offices that finish it in Word or WPS."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dangjian_desktop.reports.fonts import has_system_face
from dangjian_desktop.reports.year_summary import FilledSummary

BODY_SIZE, TITLE_SIZE, PAGE_NUMBER_SIZE = 16, 22, 14
LINE = Pt(28.95)  # 22 lines in the 225 mm text block
TRACKING = -5  # twentieths of a point: every character 0.25 pt narrower (字符间距紧缩), so 28 fit a line
PITCH = BODY_SIZE + TRACKING / 20  # points per 3号 character: indents and the signature are counted in them
LINE_CHARS = int(156 / 25.4 * 72 // PITCH)  # 28 characters across the 156 mm text block, as GB/T 9704 asks
FACES = {"title": "宋体", "heading": "黑体", "subheading": "楷体", "body": "仿宋", "byline": "楷体", "number": "宋体"}
TITLE_FACE = "方正小标宋简体"  # GB/T 9704's title face; where this computer lacks it, the title is 宋体 bold
# Word's font table: each face with the names it has on other computers (Windows XP's _GB2312 faces, WPS,
# the Linux desktops), so Word or WPS substitutes the right style of face where the named one is missing.
FONT_TABLE = {
    "仿宋": ("FangSong", "仿宋_GB2312", "FangSong_GB2312"),
    "黑体": ("SimHei",),
    "楷体": ("KaiTi", "楷体_GB2312", "KaiTi_GB2312"),
    "宋体": ("SimSun",),
    TITLE_FACE: ("FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "小标宋"),
}
STYLE_NAMES = {"title": "总结标题", "heading": "总结一级标题", "subheading": "总结二级标题", "body": "总结正文",
               "byline": "总结署名"}


def set_face(font, face: str) -> None:
    """Use `face` for Chinese and Latin text alike (Word keeps a separate East Asian font)."""
    font.name = face
    font._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)


def _defaults(doc) -> None:
    """The document's default size is 3号, tracked a little tighter (a character grid would do the same in
    Word, but LibreOffice would give each character two cells), and its East Asian text Chinese (Chinese
    punctuation rules at line ends; python-docx's template says en-US)."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(BODY_SIZE * 2))
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(TRACKING))
    rpr.find(qn("w:sz")).addprevious(spacing)  # the schema's order: spacing before sz
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")


def _chinese_document(doc) -> None:
    """Replace what python-docx's template says of Japanese: the theme's language (ja-JP) and its East Asian
    faces (ＭＳ 明朝, ＭＳ ゴシック), and the font table's entries for them, by Chinese ones."""
    doc.settings.element.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")
    for part in doc.part.package.iter_parts():
        name = str(part.partname)
        if name.startswith("/word/theme/"):
            theme = part.blob.decode("utf-8")
            theme = re.sub(r'<a:font script="Jpan" typeface="[^"]*"/>', "", theme)
            theme = theme.replace('<a:ea typeface=""/>', '<a:ea typeface="宋体"/>', 2)
            part._blob = theme.encode("utf-8")
        elif name == "/word/fontTable.xml":
            part._blob = _font_table(part.blob.decode("utf-8")).encode("utf-8")


def _font_table(xml: str) -> str:
    xml = re.sub(r'\s*<w:font w:name="ＭＳ [^"]*">.*?</w:font>', "", xml, flags=re.S)
    entries = "".join(
        f'<w:font w:name="{face}"><w:altName w:val="{",".join(alternatives)}"/><w:charset w:val="86"/>'
        f'<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>' for face, alternatives in FONT_TABLE.items())
    return xml.replace("</w:fonts>", entries + "</w:fonts>")


def _styles(doc) -> None:
    _defaults(doc)
    _chinese_document(doc)
    own_title_face = has_system_face("title")
    faces = {**FACES, "title": TITLE_FACE} if own_title_face else FACES
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_SIZE)
    set_face(normal.font, FACES["body"])
    for level, name in STYLE_NAMES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        rpr_font = style.font
        rpr_font.size = Pt(TITLE_SIZE if level == "title" else BODY_SIZE)
        rpr_font.bold = level == "title" and not own_title_face
        set_face(rpr_font, faces[level])
        fmt = style.paragraph_format
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.widow_control = True
        if level in ("title", "byline"):
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.first_line_indent = Pt(0)
        else:
            fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt.first_line_indent = Pt(2 * PITCH)
        fmt.keep_with_next = level in ("heading", "subheading")
    doc.styles[STYLE_NAMES["title"]].paragraph_format.line_spacing = Pt(28.95 * 1.5)


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(24)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")  # 22 lines a page
    grid.set(qn("w:linePitch"), "579")
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph, align) -> None:
    """ "— 7 —" in 4号 宋体, one character in from the edge of the text block on its side."""
    paragraph.alignment = align
    indent = Pt(PAGE_NUMBER_SIZE)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent

    def run(text: str = ""):
        r = paragraph.add_run(text)
        r.font.size = Pt(PAGE_NUMBER_SIZE)
        set_face(r.font, FACES["number"])
        return r

    run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._r.append(instr)
        else:
            r.text = text
    run(" —")


def _cells(text: str) -> float:
    """Characters a line takes in Word: a full-width character one, a Latin letter or digit half."""
    return sum(1 if ord(c) > 0x2E7F else 0.5 for c in text)


def build_summary_docx(out: Path, s: FilledSummary) -> None:
    doc = Document()
    _styles(doc)
    _page(doc)
    doc.add_paragraph(s.title, STYLE_NAMES["title"])
    for line in (s.author, f"（{s.date}）" if s.date else ""):
        if line:
            doc.add_paragraph(line, STYLE_NAMES["byline"])
    doc.add_paragraph("", STYLE_NAMES["body"])
    for block in s.blocks:
        doc.add_paragraph(block.text, STYLE_NAMES[block.level])
    doc.add_paragraph("", STYLE_NAMES["body"])  # exactly one blank line before the 落款
    width = LINE_CHARS
    name_x = width - 2 - _cells(s.signature)
    date_x = name_x + 2
    if date_x + _cells(s.date) > width:
        date_x = width - 4 - _cells(s.date)
        name_x = date_x + (_cells(s.date) - _cells(s.signature)) / 2
    for text, x in ((s.signature, name_x), (s.date, date_x)):
        if text:
            p = doc.add_paragraph(text, STYLE_NAMES["body"])
            p.paragraph_format.first_line_indent = Pt(max(x, 0) * PITCH)
            p.paragraph_format.keep_with_next = text == s.signature
    doc.core_properties.title = s.title
    doc.save(str(out))

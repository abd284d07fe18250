"""Fonts and line setting of the printouts: system faces found by name, every character drawn, no bad line starts."""

from __future__ import annotations

import shutil

from dangjian_desktop.common.paths import resource_path
from dangjian_desktop.reports.cjk_text import TextBlock, TextStyle
from dangjian_desktop.reports.fonts import (
    BUNDLED,
    MISSING,
    ROLE_FILES,
    _register,
    choose,
    discover,
    fonts,
    runs,
)


def test_the_windows_faces_are_found_by_file_name_in_any_case(tmp_path):
    windows = tmp_path / "Windows" / "Fonts"
    windows.mkdir(parents=True)
    shutil.copyfile(resource_path("fonts", "wqy-microhei.ttc"), windows / "SIMFANG.TTF")
    (windows / "notes.txt").write_text("")
    found = discover([windows])
    assert choose(found, ROLE_FILES["fang"]) == (windows / "SIMFANG.TTF", 0)
    assert choose(found, ROLE_FILES["hei"]) is None
    assert _register("DJ-test-fang", windows / "SIMFANG.TTF", 0)
    assert not _register("DJ-test-bad", windows / "notes.txt", 0)  # unreadable: the bundled font is used instead


def test_characters_a_face_lacks_fall_back_per_character():
    f = fonts()
    cut = runs("张堃\U0002a6a5，\U000f0000", f.fang)
    assert "".join(chunk for _font, chunk in cut).startswith("张堃")
    assert cut[-1][1].endswith(MISSING)  # a private-use character no font has: a visible gap
    assert all(font == BUNDLED or font.startswith("DJ-") for font, _chunk in cut)


def _lines(text: str, chars: int, **style) -> list[str]:
    block = TextBlock(text, TextStyle(fonts().fang, 16, 29, chars_per_line=chars, **style))
    block.wrap(16 * chars, 1000)
    return [line.text for line in block._lines]


def test_no_line_starts_with_closing_punctuation_or_ends_with_an_opening_mark():
    for punctuation in "，。、；：？！":
        lines = _lines("一二三四五六七八九十" + punctuation + "十一十二十三", 10)
        assert not any(line.startswith(tuple("，。、；：？！")) for line in lines), lines
        assert "".join(lines) == "一二三四五六七八九十" + punctuation + "十一十二十三"
    lines = _lines("一二三四五六七八九“十”一二三", 10)
    assert not any(line.endswith("“") for line in lines), lines


def test_a_grid_line_holds_28_full_width_characters_and_keeps_line_breaks():
    lines = _lines("字" * 60, 28, first_indent=2)
    assert [len(line) for line in lines] == [26, 28, 6]
    assert _lines("第一行\n第二行", 28) == ["第一行", "第二行"]


def test_the_faces_standing_in_for_the_official_ones_are_named(monkeypatch):
    from dangjian_desktop.reports import fonts as fonts_module

    monkeypatch.setattr(fonts_module, "system_font_files", lambda: {})
    fonts_module.fonts.cache_clear()
    try:
        assert fonts_module.substitutes() == "仿宋用文鼎明体、黑体用文泉驿微米黑、楷体用霞鹜文楷"
    finally:
        monkeypatch.undo()
        fonts_module.fonts.cache_clear()

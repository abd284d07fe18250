"""The year-end summary's draft: a default from the records, the user's wording kept per year, placeholders filled."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import make_member, meeting_data

from dangjian_desktop.domain.validation import ValidationError
from dangjian_desktop.reports.year_summary import (
    SECTION_KEYS,
    fill,
    load_draft,
    paragraphs,
    save_draft,
    unknown_placeholders,
)
from dangjian_desktop.services.meeting import meetings
from dangjian_desktop.store.models import SummaryDraft


def test_the_default_draft_on_the_demo_reads_like_the_seed_with_live_figures(demo_db):
    draft = load_draft(2025)
    assert draft.saved_at is None and set(draft.sections) == set(SECTION_KEYS)
    assert "{主题党日次数}" in draft.sections["work"] and "{示范课节数}" in draft.sections["work"]
    filled = fill(2025)
    text = "".join(b.text for b in filled.blocks)
    for phrase in ("主题党日12次", "书记党课5次", "支部会议12次", "党员大会6次", "示范课41节", "专题讲座20次",
                   "转正预备党员1人", "常州大学安全科学与工程学院"):
        assert phrase in text, phrase
    assert filled.title == "2025年党建工作总结" and filled.date == "2025年12月31日"  # GB/T 9704: year, month, day
    assert filled.author == filled.signature == "常州市武进区政平小学党支部"
    headings = [b.text for b in filled.blocks if b.level == "heading"]
    assert headings == ["一、主要工作完成情况", "二、存在的问题和原因", "三、整改措施"]
    problems = text.split("二、存在的问题和原因")[1].split("三、整改措施")[0]
    assert "党的理论学习不够系统" in problems and "理论学习机制不完善" in problems  # the year's items and causes
    assert "3项整改事项已完成1项" in text  # and their status


def test_a_saved_draft_keeps_the_users_wording_and_fills_its_placeholders(demo_db):
    sections = dict(load_draft(2025).sections)
    sections["work"] = "全年开展主题党日｛主题党日次数｝次，另有{不存在的数}。"
    sections["measures_heading"] = "下一步打算"
    before = SummaryDraft.select().count()
    saved = save_draft(2025, sections)
    assert saved.saved_at is not None and SummaryDraft.select().count() == before + 1
    again = load_draft(2025)
    assert again.sections == saved.sections and again.saved_at is not None
    filled = fill(2025)
    texts = [b.text for b in filled.blocks]
    assert "全年开展主题党日12次，另有{不存在的数}。" in texts
    assert "三、下一步打算" in texts
    from dangjian_desktop.queries.figures import placeholder_values, year_figures

    assert unknown_placeholders(again.sections, placeholder_values(year_figures(2025))) == ["不存在的数"]
    assert load_draft(2024).saved_at is None  # other years untouched


def test_a_bad_draft_is_refused_whole(demo_db):
    sections = dict(load_draft(2025).sections)
    sections["title"] = "  "
    sections["work"] = "字" * 20_001
    with pytest.raises(ValidationError) as info:
        save_draft(2025, sections)
    fields = {p.field for p in info.value.problems}
    assert fields == {"title", "work"}
    assert not SummaryDraft.select().where(SummaryDraft.year == 2025).exists()


def test_the_default_follows_the_records_of_a_new_year(database):
    host = make_member("赵书记", party_post="书记")
    meetings.create(meeting_data(kind="党课", date=dt.date(2026, 3, 6), lecturer=host.id, topic="党课一"))
    meetings.create(meeting_data(kind="党课", date=dt.date(2026, 4, 6), lecturer=make_member("钱讲师").id, topic="党课二"))
    text = "".join(b.text for b in fill(2026).blocks)
    assert "党课2次（其中书记党课1次）" in text
    assert "主题党日0次" in text and "示范课" not in text  # no lessons recorded: not claimed


def test_each_line_of_a_section_is_a_paragraph_at_its_level():
    blocks = paragraphs("一、总体情况\n\n（一）理论学习\n1.常态学习。\n   （1）专题学习")
    assert [(b.level, b.text) for b in blocks] == [
        ("heading", "一、总体情况"), ("subheading", "（一）理论学习"), ("body", "1.常态学习。"), ("body", "（1）专题学习")]


def test_the_date_of_writing_is_a_full_date_unless_the_settings_ask_for_the_month_only(demo_db):
    from dangjian_desktop.queries.figures import written_on
    from dangjian_desktop.services.settings import save_settings

    assert written_on(2026, dt.date(2026, 12, 4), month_only=False) == "2026年12月4日"  # the year still runs
    assert written_on(2025, dt.date(2026, 1, 8), month_only=False) == "2025年12月31日"  # written after it ended
    save_settings(summary_date="month")
    assert fill(2025).date == "2025年12月"  # the seed's form, where the branch wants it
    with pytest.raises(ValidationError):
        save_settings(summary_date="week")


def test_half_width_numbers_are_printed_in_the_one_full_width_style():
    blocks = paragraphs("(一)校内阵地\n1.理论学习。(1)参加培训；（2）自主学习；(3)专题学。")
    assert [b.level for b in blocks] == ["subheading", "body"]
    assert blocks[0].text == "（一）校内阵地"
    assert blocks[1].text == "1.理论学习。（1）参加培训；（2）自主学习；（3）专题学。"


def test_the_default_draft_tells_of_the_bases_and_activities_in_sentences_with_their_names(demo_db):
    text = "".join(b.text for b in fill(2025).blocks)
    bases = text.split("2.阵地建设")[1].split("3.岗位示范")[0]
    assert "（1）校内：党员活动室、360阳光驿站" in bases
    assert "与礼嘉镇政平村党总支部、常州大学安全科学与工程学院、常州大学史良法学院等3个单位结对共建" in bases
    assert "加入了武进区“五金”思政联盟" in bases and "等8个红色教育基地" in bases and "等等" not in bases
    activities = text.split("4.丰富活动")[1].split("二、")[0]
    assert "（1）精心筹划，高质量开展师德讲堂3次" in activities and "护学岗”74次" in activities
    # a figure's label says what it counts: those in training are not the seed's 行政跟岗志愿者
    assert "培养入党积极分子和发展对象3人" in text and "跟岗志愿者" not in text

"""Printouts read back from the PDF: what the clerk hands to an inspector says what the records say."""

from __future__ import annotations

import datetime as dt
import mmap
import re
import shutil
import subprocess

import pytest
from conftest import on_server
from factories import make_member, meeting_data, rectification_data
from pdf_reading import EM_TOP, MM, assert_fonts_embedded, page_size_mm, page_texts, runs, text_of

from dangjian_desktop.reports import ReportCancelled, ReportError, build_report
from dangjian_desktop.reports import fonts as fonts_module
from dangjian_desktop.reports.fonts import BUNDLED, MISSING, draw_text, fonts
from dangjian_desktop.services.meeting import AttendanceRow, meetings
from dangjian_desktop.services.rectification import rectifications
from dangjian_desktop.services.settings import save_settings
from dangjian_desktop.store.models import Meeting, Member

EXT_B_NAME = "张\U0002a6a5"  # a CJK Extension B character, outside the bundled font


def test_summary_pdf_on_the_demo_states_the_seeds_figures_in_the_official_layout(demo_db, tmp_path):
    path = build_report("summary", tmp_path / "总结.pdf", year=2025)
    text = text_of(path)
    for phrase in ("2025年党建工作总结", "主题党日12次", "书记党课5次", "支部会议12次", "党员大会6次",
                   "示范课41节", "专题讲座20次", "转正预备党员1人", "一、主要工作完成情况", "二、存在的问题和原因",
                   "三、整改措施", "常州大学史良法学院", "2025年12月"):
        assert phrase in text, phrase
    assert "{" not in text and "｛" not in text  # every placeholder filled
    assert set(page_size_mm(path)) == {(210, 297)}
    assert_fonts_embedded(path)

    drawn = runs(path)
    pages = sorted({r.page for r in drawn})
    assert len(pages) >= 2
    page_height = 297 * MM
    for page in pages:
        on_page = [r for r in drawn if r.page == page and r.y > 35 * MM]  # the text block, not the page number
        assert abs(min(r.x for r in on_page) / MM - 28) <= 1.5
        assert abs(min(r.top_mm(page_height) for r in on_page) - 37) <= 1.5
        right = max(r.x for r in on_page) / MM
        assert right < 210 - 26  # nothing starts beyond the text block
    body = [r for r in drawn if r.text.startswith(("本年度", "1.理论学习"))]
    assert body and {r.size for r in body} == {16}
    assert [r.size for r in drawn if r.text.startswith("2025年党建工作总结")] == [22]

    for page in pages:  # "— 1 —" in 14 pt under the text block, odd pages right, even pages left
        footer = [r for r in drawn if r.page == page and r.y < 35 * MM]
        assert "".join(r.text for r in footer).replace(" ", "") == f"—{page + 1}—"
        assert {r.size for r in footer} == {14}
        assert 7 <= (35 * MM - max(r.y for r in footer)) / MM <= 11  # its dashes 7 mm under the block
        left = min(r.x for r in footer) / MM
        assert left > 150 if page % 2 == 0 else left < 50
    assert re.search(r"—\s*1\s*—", page_texts(path)[0])


def test_summary_docx_has_the_same_content_and_styles(demo_db, tmp_path):
    import docx
    from docx.oxml.ns import qn

    path = build_report("summary", tmp_path / "总结", year=2025, fmt="docx")
    assert path.suffix == ".docx"
    document = docx.Document(path)
    paragraphs = [p for p in document.paragraphs if p.text]
    text = "".join(p.text for p in paragraphs)
    for phrase in ("主题党日12次", "书记党课5次", "支部会议12次", "党员大会6次", "示范课41节", "专题讲座20次",
                   "转正预备党员1人"):
        assert phrase in text, phrase
    title, body = paragraphs[0], next(p for p in paragraphs if p.text.startswith("本年度"))
    assert title.text == "2025年党建工作总结" and title.style.font.size.pt == 22
    assert body.style.font.size.pt == 16
    assert body.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    heading = next(p for p in paragraphs if p.text.startswith("一、"))
    assert heading.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:eastAsia")) == "zh-CN"  # “ ” set as Chinese marks
    section = document.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and "—" in footer.paragraphs[0].text
    tracking = int(defaults.find(f".//{qn('w:spacing')}").get(qn("w:val"))) / 20  # points per character
    text_width = (section.page_width - section.left_margin - section.right_margin) / 12700  # EMU to points
    assert int(text_width // (16 + tracking)) == 28  # 28 characters of 3号 a line; untracked only 27
    assert title.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体" and title.style.font.bold


def _east_asian_face(paragraph, run) -> str | None:
    """The East Asian face Word uses for a run: its own, else its paragraph style's (or that style's base)."""
    from docx.oxml.ns import qn

    fonts = run._r.rPr.rFonts if run._r.rPr is not None and run._r.rPr.rFonts is not None else None
    if fonts is not None and fonts.get(qn("w:eastAsia")):
        return fonts.get(qn("w:eastAsia"))
    style = paragraph.style
    while style is not None:
        rpr = style.element.rPr
        if rpr is not None and rpr.rFonts is not None and rpr.rFonts.get(qn("w:eastAsia")):
            return rpr.rFonts.get(qn("w:eastAsia"))
        style = style.base_style
    return None


def test_summary_docx_is_chinese_throughout_with_the_face_of_each_level(demo_db, tmp_path):
    import zipfile

    import docx

    path = build_report("summary", tmp_path / "总结.docx", year=2025, fmt="docx")
    document = docx.Document(path)
    expected = {"总结标题": "宋体", "总结一级标题": "黑体", "总结二级标题": "楷体", "总结正文": "仿宋", "总结署名": "楷体"}
    seen = set()
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if run.text.strip():
                assert _east_asian_face(paragraph, run) == expected[paragraph.style.name], (paragraph.text, run.text)
                seen.add(paragraph.style.name)
    assert seen >= {"总结标题", "总结一级标题", "总结正文", "总结署名"}  # the demo has no （一） level
    for section in document.sections:
        for footer in (section.footer, section.even_page_footer):
            for paragraph in footer.paragraphs:
                assert all(_east_asian_face(paragraph, r) == "宋体" for r in paragraph.runs if r.text.strip())
    with zipfile.ZipFile(path) as package:
        xml = "".join(package.read(name).decode("utf-8") for name in package.namelist() if name.endswith(".xml"))
    assert "ja-JP" not in xml and "ＭＳ" not in xml and 'script="Jpan"' not in xml
    assert 'w:eastAsia="zh-CN"' in xml and "仿宋_GB2312" in xml  # the language, and the faces' other names


def test_summary_docx_names_the_title_face_where_the_computer_has_it(demo_db, tmp_path, monkeypatch):
    import docx
    from docx.oxml.ns import qn

    monkeypatch.setattr(fonts_module, "system_font_files", lambda: {"fzxbsjw.ttf": tmp_path / "fzxbsjw.ttf"})
    path = build_report("summary", tmp_path / "总结.docx", year=2025, fmt="docx")
    title = docx.Document(path).paragraphs[0]
    assert title.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体" and not title.style.font.bold


def _branch_with_a_meeting():
    save_settings(branch_name="实验小学党支部")
    host, recorder = make_member("赵书记", party_post="书记"), make_member("钱组织", party_post="组织委员")
    present, away, missing = make_member("孙堃"), make_member("李请假"), make_member("周缺席")
    result = meetings.create(meeting_data(
        kind="支部党员大会", date=dt.date(2025, 3, 5), topic="传达上级会议精神", host=host.id, recorder=recorder.id,
        minutes="赵书记：传达会议精神。\n孙堃：表示认真学习。", resolution="一致同意。", votes_for=3,
        attendance=[AttendanceRow(host.id, "出席"), AttendanceRow(recorder.id, "出席"), AttendanceRow(present.id, "出席"),
                    AttendanceRow(away.id, "请假", "外出培训"), AttendanceRow(missing.id, "缺席", "联系不上")]))
    return result.record


def test_a_meetings_register_names_host_recorder_attendees_and_absentees_with_reasons(database, tmp_path):
    meeting = _branch_with_a_meeting()
    path = build_report("register", tmp_path / "记录.pdf", meeting_id=meeting.id)
    text = text_of(path)
    for phrase in ("支部党员大会会议记录", "主持人赵书记", "记录人钱组织", "2025年3月5日", "传达上级会议精神",
                   "孙堃", "李请假（外出培训）", "周缺席（联系不上）", "应到5人", "实到3人",
                   "赞成3票，反对0票，弃权0票", "主持人（签字）", "第1页共1页", "实验小学党支部"):
        assert phrase in text, phrase
    attendees = text.split("出席人员")[1].split("请假人员")[0]
    assert "李请假" not in attendees and "周缺席" not in attendees
    assert_fonts_embedded(path)


def test_the_signin_sheet_has_one_row_per_expected_member_and_known_leave_reasons(database, tmp_path):
    meeting = _branch_with_a_meeting()
    late_comer = make_member("吴新人", probation_on=dt.date(2015, 7, 1))  # on the rolls, not on the list
    path = build_report("signin", tmp_path / "签到.pdf", meeting_id=meeting.id)
    text = text_of(path)
    table = text.split("备注", 1)[1]
    names = ["赵书记", "钱组织", "孙堃", "李请假", "周缺席", late_comer.name]
    assert all(table.count(name) == 1 for name in names), table
    assert table.index("赵书记") < table.index("钱组织")  # the committee first, in order of post
    assert "请假：外出培训" in text and "缺席：联系不上" in text
    assert "应到6人" in text and "实到3人" in text
    assert "本人签名" in text and "支部党员大会签到表" in text
    assert_fonts_embedded(path)


RARE_NAMES = ("王堃", "李喆", EXT_B_NAME, "吉\U00020bb7", "龚\u4dae")  # outside GB2312, Extension B, Extension A


@pytest.fixture
def bundled_faces_only(monkeypatch):
    """As on a Linux desktop without the 公文 faces or an extension font: only what the build bundles."""
    cached = (fonts_module.fonts, fonts_module._extension_fonts, fonts_module.font_for, fonts_module._bundled_face)

    def forget() -> None:
        for function in cached:
            function.cache_clear()

    monkeypatch.setattr(fonts_module, "system_font_files", lambda: {})
    forget()
    yield
    monkeypatch.undo()
    forget()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_the_roster_prints_names_outside_gb2312_and_of_extensions_a_and_b(database, tmp_path, bundled_faces_only):
    for name in RARE_NAMES:
        make_member(name)
    make_member("钱离开", status="转出", left_on=dt.date(2024, 9, 1))
    path = build_report("roster", tmp_path / "花名册.pdf", year=2025)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert all(name in text for name in RARE_NAMES), text  # read back as written: no □, nothing vanished
    assert MISSING not in text
    assert "党员花名册" in text and "截至2025年12月31日" in text
    assert "钱离开" not in text and f"共{len(RARE_NAMES)}人" in text
    assert_fonts_embedded(path)


def test_font_files_are_mapped_and_a_pdf_copies_only_the_glyphs_it_uses(tmp_path):
    # A Windows PC's 公文 faces are 10-18 MB each: read whole, five of them cost ~90 MB for every report.
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    fonts()
    face = pdfmetrics.getFont(BUNDLED).face
    assert isinstance(face._ttf_data, mmap.mmap)
    glyphs = face.get_table("glyf")
    assert not isinstance(glyphs, bytes) and len(glyphs) > 1_000_000 and len(glyphs[100:110]) == 10
    out = tmp_path / "字.pdf"
    canvas = Canvas(str(out), initialFontName=BUNDLED)
    draw_text(canvas, 72, 720, "党建台账：王堃、李喆、张玥", BUNDLED, 14)
    canvas.save()
    assert text_of(out).strip() == "党建台账：王堃、李喆、张玥"
    assert_fonts_embedded(out)
    assert out.stat().st_size < 60_000  # a subset of a dozen glyphs, not the 5 MB face


def test_the_register_book_has_a_contents_page_with_the_right_page_numbers(database, tmp_path):
    host = make_member("赵书记", party_post="书记")
    long_minutes = "\n".join(f"第{n}位发言：结合岗位实际谈学习体会，提出改进教学工作的具体措施。" * 3 for n in range(60))
    for day, topic, minutes in ((dt.date(2025, 3, 5), "三月支委会", "简短"), (dt.date(2025, 4, 2), "四月长会", long_minutes),
                                (dt.date(2025, 5, 7), "五月支委会", "简短")):
        meetings.create(meeting_data(date=day, topic=topic, minutes=minutes, host=host.id, recorder=host.id,
                                     attendance=[AttendanceRow(host.id, "出席")]))
    path = build_report("registers", tmp_path / "记录本.pdf", year=2025)
    pages = page_texts(path)
    assert "目 录" in pages[0] or "目　录" in pages[0]
    assert not re.search(r"第\d+页", pages[0])  # the contents page carries no number
    body = pages[1:]
    total = len(body)
    assert total >= 4  # the long meeting takes more than one page
    for number, page in enumerate(body, 1):
        assert f"第{number}页共{total}页" in re.sub(r"\s", "", page)
    starts = {topic: next(n for n, page in enumerate(body, 1) if f"会议主题{topic}" in re.sub(r"\s", "", page))
              for topic in ("三月支委会", "四月长会", "五月支委会")}
    contents = pages[0].replace("\n", " ")
    for topic, page_number in starts.items():
        assert re.search(rf"{topic}\s*{page_number}\b", contents), (topic, page_number, contents)
    assert starts == {"三月支委会": 1, "四月长会": 2, "五月支委会": total}
    assert_fonts_embedded(path)


def test_ledgers_of_activities_bases_and_rectifications(demo_db, tmp_path):
    activities = text_of(build_report("activities", tmp_path / "a.pdf", year=2025))
    assert "活动台账" in activities and "（2025年度）" in activities and "示范课41节" in activities
    assert "常州市武进区政平小学党支部" in activities and "打印日期" in activities
    bases = text_of(build_report("bases", tmp_path / "b.pdf"))
    assert "共建单位与阵地一览" in bases and "常州大学史良法学院" in bases and "红色教育基地" in bases
    for name in ("a.pdf", "b.pdf"):
        assert_fonts_embedded(tmp_path / name)


def test_the_rectification_ledger_marks_overdue_items_and_lists_all_open_ones(database, tmp_path):
    rectifications.create(rectification_data(problem="学习不够深入", deadline=dt.date(2025, 6, 30), status="整改中"))
    rectifications.create(rectification_data(problem="制度不健全", deadline=dt.date(2025, 12, 31), status="已完成",
                                             completed_on=dt.date(2025, 5, 1)))
    today = dt.date(2025, 9, 1)
    year = text_of(build_report("rectifications", tmp_path / "y.pdf", year=2025, today=today))
    assert "学习不够深入" in year and "制度不健全" in year and "（2025年度）" in year
    assert "整改中已逾期" in year and "已逾期1项" in year
    open_items = text_of(build_report("rectifications", tmp_path / "o.pdf", today=today))
    assert "学习不够深入" in open_items and "制度不健全" not in open_items and "未完成事项" in open_items


def test_a_ledger_row_longer_than_a_page_runs_on_with_every_word(database, tmp_path):
    """Texts as long as the forms allow (a measure of 5,000 characters) continue on the next pages."""
    measure = "一是" + "压实责任，细化到人到事；" * 415 + "措施结束"
    problem = "问题开始" + "学习不够深入，" * 283 + "问题结束"
    rectifications.create(rectification_data(problem=problem, measure=measure, deadline=dt.date(2025, 6, 30)))
    path = build_report("rectifications", tmp_path / "r.pdf", year=2025, today=dt.date(2025, 9, 1))
    pages = page_texts(path)
    assert len(pages) >= 3
    text = re.sub(r"第\d+页共\d+页", "", text_of(path))
    for fragment in ("问题开始", "问题结束", "一是压实责任", "措施结束"):
        assert fragment in text, fragment
    assert text.count("压") == 415  # every repetition printed (some are cut by a page break)


def test_bad_requests_get_chinese_messages_and_leave_no_file(database, tmp_path):
    with pytest.raises(ReportError, match="找不到编号为 42 的会议"):
        build_report("register", tmp_path / "x.pdf", meeting_id=42)
    with pytest.raises(ReportError, match="2019年没有会议记录"):
        build_report("registers", tmp_path / "x.pdf", year=2019)
    with pytest.raises(ReportError, match="2019年没有任何"):
        build_report("summary", tmp_path / "x.pdf", year=2019)
    with pytest.raises(ReportError, match="输出文件夹不存在"):
        build_report("bases", tmp_path / "no" / "x.pdf")
    with pytest.raises(ReportError, match="只能生成 PDF"):
        build_report("roster", tmp_path / "x.docx", fmt="docx")
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".pdf", ".docx", ".part")]


def test_a_cancelled_report_writes_nothing(database, tmp_path):
    _branch_with_a_meeting()
    with pytest.raises(ReportCancelled):
        build_report("registers", tmp_path / "book.pdf", year=2025, progress=lambda done, total: False)
    assert not list(tmp_path.glob("*book*"))


@pytest.mark.skipif(on_server(), reason="the command line's --db names a file (a server URL there is not built yet)")
@pytest.mark.parametrize(("argv", "message"), [
    (["register", "--meeting", "999"], "找不到编号为 999 的会议"),
    (["registers", "--year", "2019"], "2019年没有会议记录"),
    (["registers", "--year", "2025", "--meeting-kind", "党小组会", "--group", "第一党小组"], "2025年没有所选类型的会议记录"),
    (["registers", "--year", "2025", "--meeting-kind", "小组会"], "没有“小组会”这种会议类型"),
    (["summary"], "需要指定年度"),
])
def test_the_report_command_explains_a_bad_argument(database, tmp_path, capsys, argv, message):
    from dangjian_desktop.cli import parse_args, run

    code = run(parse_args(["report", *argv, "--db", str(database), "--out", str(tmp_path / "x.pdf")]))
    err = capsys.readouterr().err
    assert code == 1 and message in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_the_report_command_refuses_an_unwritable_path_and_writes_a_good_one(demo_db, tmp_path, capsys):
    from dangjian_desktop.cli import parse_args, run

    blocked = tmp_path / "a-file"
    blocked.write_text("")
    code = run(parse_args(["report", "roster", "--db", str(demo_db), "--out", str(blocked / "x.pdf")]))
    assert code == 1 and "输出文件夹不存在" in capsys.readouterr().err
    meeting = Meeting.select().where(Meeting.kind == "支委会").first()
    code = run(parse_args(["report", "signin", "--db", str(demo_db), "--meeting", str(meeting.id),
                           "--out", str(tmp_path / "签到")]))
    assert code == 0 and "已生成" in capsys.readouterr().out
    expected = Member.select().where(Member.party_post.in_(("书记", "副书记", "组织委员", "宣传委员", "纪检委员")))
    text = text_of(tmp_path / "签到.pdf")
    assert all(m.name in text for m in expected)


def test_the_register_book_reads_the_records_in_a_few_queries_however_many_meetings(database, tmp_path):
    from dangjian_desktop.store.connection import db

    host = make_member("赵书记", party_post="书记")
    others = [make_member(name) for name in ("钱一", "孙二", "李三")]

    def queries_for_a_book(meetings_count: int) -> int:
        for n in range(meetings_count):
            meetings.create(meeting_data(date=dt.date(2025, 1 + n % 12, 1 + n), topic=f"会议{n}", host=host.id,
                                         attendance=[AttendanceRow(host.id, "出席")]
                                         + [AttendanceRow(m.id, "请假", "公差") for m in others]))
        sent = []
        engine = db.obj  # the proxy's database: the one the queries go through
        original = engine.execute_sql
        engine.execute_sql = lambda sql, *args, **kwargs: sent.append(sql) or original(sql, *args, **kwargs)
        try:
            build_report("registers", tmp_path / f"book{meetings_count}.pdf", year=2025)
        finally:
            engine.execute_sql = original
        return len(sent)

    few = queries_for_a_book(3)
    many = queries_for_a_book(12)  # 15 meetings in all now
    assert few == many and 0 < many <= 8


def test_a_register_with_more_absentees_than_a_page_holds_runs_on_to_the_next_page(database, tmp_path):
    """A long list of names with reasons may not fit one page: the register continues it instead of failing."""
    host = make_member("赵书记", party_post="书记")
    people = [make_member(f"{surname}{given}") for surname in "钱孙李周吴郑王冯陈褚卫蒋沈韩杨"
              for given in ("一明", "二华", "三强", "四海", "五洲", "六艺", "七星", "八方", "九州", "十全", "百川")]
    reason = "参加区教育局组织的骨干教师专题培训，经书记批准"
    meeting = meetings.create(meeting_data(
        kind="支部党员大会", host=host.id, recorder=host.id,
        attendance=[AttendanceRow(host.id, "出席"),
                    *(AttendanceRow(p.id, "缺席" if n % 2 else "请假", reason) for n, p in enumerate(people))])).record
    path = build_report("register", tmp_path / "记录.pdf", meeting_id=meeting.id)
    assert len(page_texts(path)) >= 3
    text = re.sub(r"第\d+页共\d+页党支部会议记录", "", text_of(path))  # the lists run on across page breaks
    assert f"应到{len(people) + 1}人" in text and "实到1人" in text
    assert all(f"{p.name}（{reason}）" in text for p in people)


def test_every_report_prints_records_filled_to_every_fields_limit(demo_db, tmp_path):
    """The longest texts the forms accept, in one record of each kind of the year: every report still prints."""
    from dangjian_desktop.domain.kinds import kind as record_kind
    from dangjian_desktop.store.models import Activity, Partner, Rectification

    chosen = {"member": Member.select().where(Member.left_on.is_null()).first(),
              "meeting": Meeting.select().where(Meeting.kind == "支部党员大会", Meeting.date.year == 2025).first(),
              "activity": Activity.select().where(Activity.date.year == 2025).first(),
              "partner": Partner.select().first(),
              "rectification": Rectification.select().where(Rectification.completed_on.is_null()).first()}
    ends = []
    for table, record in chosen.items():
        for field in record_kind(table).fields:
            if field.kind in ("text", "multiline") and not field.choices:
                end = f"尾{len(ends)}"
                filler = "党建工作常抓不懈，" if field.kind == "multiline" else "党建工作"
                setattr(record, field.name, (filler * field.max_length)[:field.max_length - len(end)] + end)
                ends.append(end)
        record.save()
    meeting = chosen["meeting"].id
    for kind, options in (("summary", {"year": 2025}), ("register", {"meeting_id": meeting}),
                          ("signin", {"meeting_id": meeting}), ("registers", {"year": 2025}), ("roster", {}),
                          ("activities", {"year": 2025}), ("bases", {}), ("rectifications", {}),
                          ("compliance", {"year": 2025}), ("development", {})):
        path = build_report(kind, tmp_path / f"{kind}.pdf", **options)
        assert len(page_texts(path)) >= 1, kind
    register = text_of(tmp_path / "register.pdf")
    assert "尾" in register and register.count("党建工作常抓不懈") > 1000  # the minutes (50,000 characters) in full


def _boxes_overlap(a, b) -> bool:
    """Whether two drawn runs' boxes (em boxes, CJK characters one em wide) intersect by more than half a point."""
    def box(r):
        return r.x, r.x + len(r.text) * r.size, r.y - 0.12 * r.size, r.y + EM_TOP * r.size
    ax0, ax1, ay0, ay1 = box(a)
    bx0, bx1, by0, by1 = box(b)
    return min(ax1, bx1) - max(ax0, bx0) > 0.5 and min(ay1, by1) - max(ay0, by0) > 0.5


def test_a_signin_sheet_with_long_absence_reasons_grows_its_rows_and_never_prints_text_over_text(database, tmp_path):
    save_settings(branch_name="实验小学党支部")
    people = [make_member(f"成员{n}") for n in range(12)]
    newcomer = make_member("吴预备", probation_on=dt.date(2025, 1, 10))
    reason = "赴外省参加为期两周的骨干教师跟岗研修培训，已于会前向支部书记书面请假并承诺会后补学"  # 42 characters
    attendance = [AttendanceRow(p.id, "请假" if n % 3 == 0 else "出席", reason if n % 3 == 0 else "")
                  for n, p in enumerate(people)] + [AttendanceRow(newcomer.id, "出席")]
    meeting = meetings.create(meeting_data(kind="支部党员大会", date=dt.date(2025, 3, 5), topic="传达上级会议精神",
                                           guests="校长王某、教务主任李某", attendance=attendance)).record
    path = build_report("signin", tmp_path / "签到.pdf", meeting_id=meeting.id)
    text = text_of(path)
    assert text.count(reason[-6:]) == 4  # every reason whole, wrapped within its row
    drawn = [r for r in runs(path) if r.page == 0]
    clashes = [(a.text, b.text) for i, a in enumerate(drawn) for b in drawn[i + 1:] if _boxes_overlap(a, b)]
    assert clashes == []
    for heading in ("序号", "姓名", "类别", "本人签名", "签到时间", "备注"):
        assert heading in text
    assert "吴预备预备" in text and "成员1正式" in text  # 正式/预备 marked
    assert "校长王某列席" in text and text.count("列席") >= 5  # the meeting's guests, then blank rows for more
    assert "其中有表决权的正式党员12人" in text


def test_a_register_shows_who_may_vote_how_they_voted_the_tellers_and_the_make_up_study(database, tmp_path):
    host, newcomer = make_member("赵书记", party_post="书记"), make_member("吴预备", probation_on=dt.date(2025, 1, 10))
    away = make_member("李请假")
    meeting = meetings.create(meeting_data(
        kind="支部党员大会", date=dt.date(2025, 3, 5), topic="讨论接收预备党员", host=host.id, votes_for=1,
        votes_against=0, votes_abstain=0, voting_method="无记名投票", tellers="监票人赵书记，计票人吴预备",
        make_up="3月8日由书记当面传达会议精神，李请假已补学并签字。",
        attendance=[AttendanceRow(host.id, "出席"), AttendanceRow(newcomer.id, "出席"),
                    AttendanceRow(away.id, "请假", "外出培训")])).record
    text = text_of(build_report("register", tmp_path / "记录.pdf", meeting_id=meeting.id))
    assert "应到3人" in text and "实到2人" in text
    assert "有表决权应到2人" in text and "有表决权实到1人" in text  # 预备党员 have no vote
    assert "表决方式：无记名投票。赞成1票，反对0票，弃权0票。" in text and "监票人、计票人：监票人赵书记" in text
    assert "补学情况3月8日由书记当面传达会议精神" in text
    assert "书记审阅（签字）" in text and "审阅日期" in text


def test_the_signatures_of_a_register_never_stand_alone_on_a_page(database, tmp_path):
    host = make_member("赵书记", party_post="书记")
    turned = 0
    for count in range(14, 40):  # minutes ending anywhere near the foot of the first page
        minutes = "\n".join(f"第{n}位发言：结合岗位谈体会。" for n in range(count))
        meeting = meetings.create(meeting_data(kind="支委会", date=dt.date(2025, 3, 5), topic=f"第{count}次",
                                               host=host.id, minutes=minutes)).record
        pages = page_texts(build_report("register", tmp_path / f"{count}.pdf", meeting_id=meeting.id))
        signed = next(page for page in pages if "主持人（签字）" in page)
        assert signed.split("主持人（签字）")[0].strip(), count  # the last lines of the text are on that page
        turned += len(pages) > 1
    assert turned  # some of them did run on to a second page


def test_the_summary_on_the_bundled_faces_has_a_face_per_level_and_22_lines_on_a_full_page(demo_db, tmp_path,
                                                                                           bundled_faces_only):
    path = build_report("summary", tmp_path / "总结.pdf", year=2025)
    drawn = runs(path)

    def face(start: str) -> set[str]:
        """The faces of the first line that starts so (the branch's name is the byline before the 落款)."""
        first = next(r for r in drawn if r.text.startswith(start))
        return {r.font.split("+")[-1] for r in drawn if r.page == first.page and round(r.y) == round(first.y)}

    assert face("2025年党建工作总结") == {"UMingCN"}  # the title: a 宋 face, drawn bold
    assert face("一、") == face("二、") == {"WenQuanYiMicroHei-0"}  # 黑体
    assert face("常州市武进区政平小学党支部") == {"LXGWWenKai-Regular"}  # the byline in 楷体
    assert face("本年度") == {"UMingCN"}  # the body: the 宋 face standing in for 仿宋
    full_page = [r for r in drawn if r.page == 1 and r.y > 35 * MM]  # the second page, which the text fills
    assert len({round(r.y) for r in full_page}) == 22


def test_a_register_book_of_chosen_types_and_one_group(demo_db, tmp_path):
    from dangjian_desktop.reports.data import meeting_records

    records = meeting_records(year=2025, kinds=("党小组会", "支委会"), party_group="第一党小组")
    assert {r.kind for r in records} == {"党小组会", "支委会"}
    assert {r.party_group for r in records if r.kind == "党小组会"} == {"第一党小组"}
    path = build_report("registers", tmp_path / "book.pdf", year=2025, meeting_kinds=("支委会",))
    assert "2025年支委会会议记录本" in page_texts(path)[0]
    with pytest.raises(ReportError, match="没有“支部会”这种会议类型"):
        build_report("registers", tmp_path / "x.pdf", year=2025, meeting_kinds=("支部会",))
    with pytest.raises(ReportError, match="2025年没有所选类型的会议记录"):
        build_report("registers", tmp_path / "x.pdf", year=2025, meeting_kinds=("党小组会",), party_group="第九党小组")

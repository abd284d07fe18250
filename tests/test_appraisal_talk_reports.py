"""The printouts of the appraisal and the talks, read back from the PDF, and their command lines."""

from __future__ import annotations

import re

from dangjian_desktop import cli
from dangjian_desktop.reports.errors import ReportError
from dangjian_desktop.reports.registry import build_report
from tests.pdf_reading import assert_fonts_embedded, page_size_mm, page_texts, text_of


def _flat(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_the_results_summary_of_the_demo_year(demo_db, tmp_path):
    path = build_report("appraisal", tmp_path / "评议.pdf", year=2025)
    text = _flat(text_of(path))
    for phrase in ("民主评议党员结果汇总表", "（2025年度）", "优秀票合格票基本合格票不合格票测评结果评定等次",
                   "参评党员20人（另有1人因故不参加评议），评定为优秀6人、合格14人、基本合格0人、不合格0人",
                   "最多6人", "不参加评议：孙丽萍（长期病假）", "民主测评2025.12.05", "郭玉兰正式14600优秀优秀"):
        assert phrase in text, phrase
    assert "黄佳" not in text  # transferred out in August, before the appraisal
    assert len(page_texts(path)) == 1  # the figures under the table, not on a page of their own
    assert_fonts_embedded(path)


def test_the_blank_ballot_lists_the_participants_with_a_box_per_grade(demo_db, tmp_path):
    path = build_report("appraisal-ballot", tmp_path / "测评表.pdf", year=2025)
    text = _flat(text_of(path))
    assert "民主评议党员测评表" in text and "姓名类别优秀合格基本合格不合格备注" in text
    assert "评为优秀的不超过参评人数的三分之一（本次参评20人，最多6人）" in text
    assert "孙丽萍" not in text and "郭玉兰" in text
    assert len(page_texts(path)) == 1 and page_size_mm(path) == [(210, 297)]  # one portrait sheet per voter


def test_the_talk_ledger_and_the_records_one_a_page(demo_db, tmp_path):
    ledger = build_report("talks", tmp_path / "台账.pdf", year=2025)
    text = _flat(text_of(ledger))
    assert "谈心谈话台账" in text and "本年度应谈26对，已谈25对" in text and "尚未谈话：郭玉兰与单志强。" in text
    records = build_report("talk-records", tmp_path / "记录.pdf", year=2025)
    pages = page_texts(records)
    assert len(pages) == 25
    first = _flat(pages[0])
    assert "谈心谈话记录" in first and "谈话人（签字）" in first and "谈话对象（签字）" in first
    assert "第1页共25页" in first and "谈话要点" in first
    assert_fonts_embedded(records)


def test_a_year_without_records_is_explained(database, tmp_path):
    for kind, words in (("appraisal", "还没有评议名单"), ("talks", "没有谈心谈话记录")):
        try:
            build_report(kind, tmp_path / "x.pdf", year=2024)
        except ReportError as exc:
            assert words in str(exc)
        else:
            raise AssertionError(f"{kind} built without records")
    assert not list(tmp_path.glob("*.pdf"))


def test_the_command_line_prints_the_appraisal_and_the_talks(demo_db, tmp_path):
    for kind in ("appraisal", "talks"):
        out = tmp_path / f"{kind}.pdf"
        assert cli.run(cli.parse_args(["--db", str(demo_db), "report", kind, "--year", "2025", "--out", str(out)])) \
            == cli.EXIT_OK
        assert out.exists() and text_of(out)


def test_a_long_talk_runs_on_and_its_signatures_keep_the_last_lines_with_them(database, tmp_path):
    import datetime as dt

    from dangjian_desktop.services.talk import talks
    from tests.factories import make_member

    a, b = make_member("周振华", party_post="书记"), make_member("王𠮷")
    talks.create({"date": dt.date(2025, 5, 8), "kind": "支委与党员", "talker": a.id, "partner": b.id, "topic": "谈思想",
                  "points": "\n".join(f"第{i}点：谈了教学和学习中的体会，提出了改进建议。" * 3 for i in range(60)),
                  "follow_up": "下学期跟进落实。"})
    pages = page_texts(build_report("talk-records", tmp_path / "记录.pdf", year=2025))
    assert len(pages) >= 3
    last = _flat(pages[-1])
    assert "谈话对象（签字）" in last and "下学期跟进落实" in last and "王𠮷" in _flat(pages[0])
    assert all("谈话人（签字）" not in _flat(p) for p in pages[:-1])

"""The report kinds and `build_report`: check the request, read the data, build into a temporary file, then move it.

A kind is one `ReportKind` row: its name on the command line, its Chinese name, whether it needs a year or
a meeting, its formats, and the function that builds it. Report modules (and reportlab) load on first use.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dangjian_desktop.common.dates import year_so_far
from dangjian_desktop.reports.data import register_name
from dangjian_desktop.reports.errors import NothingToPrint, ReportCancelled, ReportError
from dangjian_desktop.store.connection import database_path
from dangjian_desktop.store.faults import disk_fault
from dangjian_desktop.store.models import MEETING_KINDS, DuesRemittance, Meeting
from dangjian_desktop.store.permissions import create_like


@dataclass(frozen=True)
class Request:
    """One report to build: the choices the user made, plus the branch name and today's date."""

    year: int | None
    meeting_id: int | None
    fmt: str
    progress: Callable[[int, int], bool | None] | None
    branch: str
    today: dt.date = field(default_factory=dt.date.today)
    full_numbers: bool = False  # print 身份证号 and phone numbers whole (masked by default)
    meeting_kinds: tuple[str, ...] = ()  # 会议记录本: only these kinds (all when empty)
    party_group: str = ""  # 会议记录本: of the 党小组会, only this group's (all when empty)
    member_id: int | None = None  # 党费交纳证明: whose

    def year_end(self) -> dt.date:
        """The last day of the year asked for (today while that year runs); today without a year."""
        if self.year is None:
            return self.today
        return year_so_far(self.year, self.today)


@dataclass(frozen=True)
class ReportKind:
    kind: str
    label: str
    build: Callable[[Path, Request], None]
    year: str = "unused"  # "required", "optional" (narrows the report) or "unused"
    meeting: bool = False
    member: bool = False
    formats: tuple[str, ...] = ("pdf",)


# -- what each kind reads and builds ------------------------------------------------------------------

def _meeting(req: Request):
    from dangjian_desktop.reports.data import meeting_records

    records = meeting_records(meeting_id=req.meeting_id)
    if not records:
        raise ReportError(f"找不到编号为 {req.meeting_id} 的会议，可能已被删除。")
    return records[0]


def _summary(out: Path, req: Request) -> None:
    from dangjian_desktop.reports.data import has_records
    from dangjian_desktop.reports.year_summary import fill
    from dangjian_desktop.store.models import SummaryDraft

    if not has_records(req.year) and not SummaryDraft.select().where(SummaryDraft.year == req.year).exists():
        raise NothingToPrint(f"{req.year}年没有任何会议、活动或整改事项记录，无法生成年度总结。")
    filled = fill(req.year)
    if req.fmt == "docx":
        from dangjian_desktop.reports.summary_docx import build_summary_docx

        build_summary_docx(out, filled)
    else:
        from dangjian_desktop.reports.summary_pdf import build_summary_pdf

        build_summary_pdf(out, filled, req.progress)


def _register(out: Path, req: Request) -> None:
    from dangjian_desktop.reports.meeting_register import build_register

    build_register(out, _meeting(req), req.branch, req.progress)


def _signin(out: Path, req: Request) -> None:
    from dangjian_desktop.reports.signin_sheet import build_signin

    build_signin(out, _meeting(req), req.branch, req.progress)


def _registers(out: Path, req: Request) -> None:
    from dangjian_desktop.reports.data import meeting_records
    from dangjian_desktop.reports.meeting_register import build_register_book

    records = meeting_records(year=req.year, kinds=req.meeting_kinds, party_group=req.party_group)
    if not records:
        chosen = "所选类型的" if req.meeting_kinds or req.party_group else ""
        raise NothingToPrint(f"{req.year}年没有{chosen}会议记录，无法生成会议记录本。")
    build_register_book(out, records, req.branch, book_title(req.year, req.meeting_kinds, req.party_group),
                        req.progress)


def book_title(year: int, kinds: tuple[str, ...], party_group: str) -> str:
    """会议记录本's title: the year's, or the year's of the kinds chosen, named as their registers are
    (2025年支委会会议记录本, 2025年第二党小组会议记录本)."""
    kinds = kinds or (("党小组会",) if party_group else ())
    if len(kinds) == 1:
        return f"{year}年{register_name(kinds[0], party_group)}本"
    named = [f"{party_group}{kind}" if kind == "党小组会" and party_group else kind for kind in kinds]
    return f"{year}年会议记录本" + (f"（{'、'.join(named)}）" if named else "")


def meeting_printout_name(meeting_id: int, what: str) -> str:
    """What a meeting's printout is called, as a file name says it: 2025年支部党员大会第1次会议记录."""
    m = Meeting.get_or_none(Meeting.id == meeting_id)
    if m is None:
        return what
    group = m.party_group if m.kind == "党小组会" and m.party_group else ""
    seq = f"第{m.seq}次" if m.seq else f"{m.date:%m月%d日}"
    return f"{m.date.year}年{group}{m.kind}{seq}{what}"


def _roster(out: Path, req: Request) -> None:
    from dangjian_desktop.reports import data, ledgers

    day = req.year_end()
    members = data.roster(day)
    if not members:
        raise NothingToPrint(f"截至{day.year}年{day.month}月{day.day}日没有在册党员，无法生成党员花名册。")
    ledger = ledgers.roster_ledger(members, day, req.full_numbers)
    ledgers.build_ledger(out, ledger, req.branch, req.today, req.progress)


def _activities(out: Path, req: Request) -> None:
    from dangjian_desktop.reports import data, ledgers

    items = data.year_activities(req.year)
    if not items:
        raise NothingToPrint(f"{req.year}年没有活动记录，无法生成活动台账。")
    ledgers.build_ledger(out, ledgers.activity_ledger(items, req.year), req.branch, req.today, req.progress)


def _bases(out: Path, req: Request) -> None:
    from dangjian_desktop.reports import data, ledgers

    day = req.year_end()
    items = data.partners_with_activity_counts(day)
    if not items:
        raise NothingToPrint("还没有登记共建单位与阵地，无法生成一览表。")
    ledgers.build_ledger(out, ledgers.partner_ledger(items, day), req.branch, req.today, req.progress)


def _rectifications(out: Path, req: Request) -> None:
    from dangjian_desktop.reports import data, ledgers

    items = data.rectification_items(req.year)
    if not items:
        raise NothingToPrint(f"{req.year}年没有整改事项。" if req.year else "没有未完成的整改事项。")
    ledger = ledgers.rectification_ledger(items, req.year, req.today)
    ledgers.build_ledger(out, ledger, req.branch, req.today, req.progress)


def _compliance(out: Path, req: Request) -> None:
    from dangjian_desktop.queries.compliance import load_grid
    from dangjian_desktop.reports.compliance import build_compliance

    build_compliance(out, load_grid(req.year, req.today), req.branch, req.today, req.progress)


def _development(out: Path, req: Request) -> None:
    from dangjian_desktop.reports.development import build_development
    from dangjian_desktop.services.development import paths_in_development

    paths = paths_in_development()
    if not paths:
        raise NothingToPrint("目前没有正在发展的入党申请人、积极分子、发展对象或预备党员。")
    build_development(out, paths, req.branch, req.today, req.progress)


def _dues(out: Path, req: Request) -> None:
    from dangjian_desktop.queries import dues
    from dangjian_desktop.reports import ledgers
    from dangjian_desktop.reports.dues import dues_ledger

    grid = dues.dues_year(req.year, req.today)
    if not grid.rows:
        raise NothingToPrint(f"{req.year}年没有在册党员，无法生成党费收缴登记表。")
    ledger = dues_ledger(grid, dues.decisions(req.year), dues.balance_on(req.year_end()))
    ledgers.build_ledger(out, ledger, req.branch, req.today, req.progress)


def _remittances(out: Path, req: Request) -> None:
    from dangjian_desktop.queries import dues
    from dangjian_desktop.reports import ledgers
    from dangjian_desktop.reports.dues import remittance_ledger
    from dangjian_desktop.services.settings import load_settings

    items = list(DuesRemittance.select().where(DuesRemittance.year == req.year).order_by(DuesRemittance.remitted_on))
    if not items:
        raise NothingToPrint(f"{req.year}年还没有党费上缴记录。")
    periods = dues.remittance_periods(req.year, load_settings().dues_remittance_period)
    ledger = remittance_ledger(req.year, items, periods, sum(p.collected for p in periods),
                               dues.balance_on(req.year_end()))
    ledgers.build_ledger(out, ledger, req.branch, req.today, req.progress)


def _dues_proof(out: Path, req: Request) -> None:
    from dangjian_desktop.queries.dues import member_dues
    from dangjian_desktop.reports.dues import build_dues_proof

    found = member_dues(req.member_id, req.today)
    if found is None:
        raise ReportError(f"找不到编号为 {req.member_id} 的党员，可能已被删除。")
    build_dues_proof(out, found, req.branch, req.today, req.full_numbers, req.progress)


def _appraisal_year(req: Request):
    from dangjian_desktop.queries.appraisal import appraisal_year

    year = appraisal_year(req.year)
    if not year.rows:
        raise NothingToPrint(f"{req.year}年度民主评议还没有评议名单，请先在“民主评议”页生成评议名单。")
    return year


def _appraisal(out: Path, req: Request) -> None:
    from dangjian_desktop.reports import ledgers
    from dangjian_desktop.reports.appraisal_talks import results_ledger

    ledgers.build_ledger(out, results_ledger(_appraisal_year(req)), req.branch, req.today, req.progress)


def _ballot(out: Path, req: Request) -> None:
    from dangjian_desktop.reports import ledgers
    from dangjian_desktop.reports.appraisal_talks import ballot_ledger

    ledgers.build_ledger(out, ballot_ledger(_appraisal_year(req)), req.branch, req.today, req.progress)


def _year_talks(req: Request) -> list:
    from dangjian_desktop.queries.talks import year_talks

    items = year_talks(req.year)
    if not items:
        raise NothingToPrint(f"{req.year}年没有谈心谈话记录。")
    return items


def _talks(out: Path, req: Request) -> None:
    from dangjian_desktop.queries.talks import talk_coverage
    from dangjian_desktop.reports import ledgers
    from dangjian_desktop.reports.appraisal_talks import talk_ledger

    ledger = talk_ledger(_year_talks(req), talk_coverage(req.year, req.today))
    ledgers.build_ledger(out, ledger, req.branch, req.today, req.progress)


def _talk_records(out: Path, req: Request) -> None:
    from dangjian_desktop.reports.appraisal_talks import build_talk_records

    build_talk_records(out, _year_talks(req), req.branch, req.progress)


def _statistics(out: Path, req: Request) -> None:
    from dangjian_desktop.queries.statistics import year_statistics

    stats = year_statistics(req.year)
    if not stats.at_start and not stats.at_end and not stats.increases.total and not stats.decreases.total:
        raise NothingToPrint(f"{req.year}年没有在册党员，无法生成党内统计表。")
    write_statistics_file(out, stats, req.branch, req.today, "xlsx" if req.fmt == "xlsx" else "pdf", req.progress)


def write_statistics_file(out: Path, stats, unit: str, today: dt.date, fmt: str, progress=None) -> None:
    """党内统计表 of a branch, or of a 党总支 or 党委 (its branches' tables added up), as a PDF or a workbook."""
    if fmt == "xlsx":
        from dangjian_desktop.reports.statistics_xlsx import write_statistics

        write_statistics(out, stats, unit)
    else:
        from dangjian_desktop.reports.statistics_pdf import build_statistics

        build_statistics(out, stats, unit, today, progress)


def _transfers(out: Path, req: Request) -> None:
    from dangjian_desktop.queries.transfers import year_events
    from dangjian_desktop.reports import ledgers
    from dangjian_desktop.reports.transfers import transfer_ledger

    events = year_events(req.year)
    if not events:
        raise NothingToPrint(f"{req.year}年没有组织关系转接或其他党籍变动记录。")
    ledgers.build_ledger(out, transfer_ledger(req.year, events, req.today), req.branch, req.today, req.progress)


def _transfer_letter(out: Path, req: Request) -> None:
    from dangjian_desktop.queries.transfers import letter_of
    from dangjian_desktop.reports.transfers import Letter, build_letter

    found = letter_of(req.member_id, req.today)
    if found is None:
        raise NothingToPrint("该党员没有转出记录，请先在“关系转接”中登记转出。")
    event, member, paid_to = found
    build_letter(out, Letter(event, member, req.branch, paid_to, req.full_numbers), req.progress)


KINDS: dict[str, ReportKind] = {k.kind: k for k in (
    ReportKind("summary", "年度党建工作总结", _summary, year="required", formats=("pdf", "docx")),
    ReportKind("register", "会议记录", _register, meeting=True),
    ReportKind("signin", "签到表", _signin, meeting=True),
    ReportKind("registers", "会议记录本", _registers, year="required"),
    ReportKind("roster", "党员花名册", _roster, year="optional"),
    ReportKind("activities", "活动台账", _activities, year="required"),
    ReportKind("bases", "共建单位与阵地一览", _bases, year="optional"),
    ReportKind("rectifications", "整改台账", _rectifications, year="optional"),
    ReportKind("compliance", "三会一课等制度落实情况表", _compliance, year="required"),
    ReportKind("development", "发展党员工作纪实表", _development),
    ReportKind("dues", "党费收缴登记表", _dues, year="required"),
    ReportKind("remittances", "党费上缴凭证登记表", _remittances, year="required"),
    ReportKind("dues-proof", "党费交纳证明", _dues_proof, member=True),
    ReportKind("appraisal", "民主评议党员结果汇总表", _appraisal, year="required"),
    ReportKind("appraisal-ballot", "民主评议党员测评表", _ballot, year="required"),
    ReportKind("talks", "谈心谈话台账", _talks, year="required"),
    ReportKind("talk-records", "谈心谈话记录", _talk_records, year="required"),
    ReportKind("transfers", "组织关系转接登记簿", _transfers, year="required"),
    ReportKind("transfer-letter", "党员组织关系介绍信", _transfer_letter, member=True),
    ReportKind("statistics", "党内统计表", _statistics, year="required", formats=("pdf", "xlsx")),
)}


def register_kind(kind: ReportKind) -> None:
    """Add a kind of report (used by modules that build on this base)."""
    KINDS[kind.kind] = kind


# -- building ----------------------------------------------------------------------------------------

def build_report(kind: str, out_path: str | Path, *, year: int | None = None, meeting_id: int | None = None,
                 fmt: str = "pdf", progress: Callable[[int, int], bool | None] | None = None,
                 today: dt.date | None = None, full_numbers: bool = False, meeting_kinds: tuple[str, ...] = (),
                 party_group: str = "", member_id: int | None = None) -> Path:
    """Build a report into `out_path` (".pdf", ".docx" or ".xlsx" added when it has no suffix); return the path
    written.

    Nothing is left behind on failure: the file is written beside the target under a temporary name and
    moved into place only when complete. Raises ReportError with a Chinese message.
    """
    spec = KINDS.get(kind)
    if spec is None:
        raise ReportError(f"没有“{kind}”这种报表。可选：{'、'.join(KINDS)}。")
    if fmt not in spec.formats:
        raise ReportError(f"“{spec.label}”只能生成 {'、'.join(f.upper() for f in spec.formats)} 文件。")
    if spec.year == "required" and year is None:
        raise ReportError(f"生成“{spec.label}”需要指定年度（--year）。")
    if year is not None and not 1900 <= year <= 2100:
        raise ReportError(f"年度 {year} 不对，应在1900至2100之间。")
    if spec.meeting and meeting_id is None:
        raise ReportError(f"生成“{spec.label}”需要指定会议编号（--meeting）。")
    if spec.member and member_id is None:
        raise ReportError(f"生成“{spec.label}”需要指定党员（--member）。")
    out = _target(Path(out_path), fmt)
    from dangjian_desktop.services.settings import load_settings

    unknown = [k for k in meeting_kinds if k not in MEETING_KINDS]
    if unknown:
        raise ReportError(f"没有“{'、'.join(unknown)}”这种会议类型。可选：{'、'.join(MEETING_KINDS)}。")
    request = Request(year if spec.year != "unused" else None, meeting_id, fmt, progress,
                      load_settings().branch_name, today or dt.date.today(), full_numbers,
                      tuple(meeting_kinds), party_group.strip(), member_id)
    temp = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        create_like(temp, database_path())  # a printout of personal data: as private as the database
        spec.build(temp, request)
        os.replace(temp, out)
    except ReportCancelled:
        raise
    except PermissionError as exc:
        raise ReportError(f"无法写入 {out}：没有写入权限，或文件正被其他程序打开。") from exc
    except OSError as exc:
        fault = disk_fault(exc, out)
        raise ReportError(str(fault) if fault else f"无法写入 {out}：{exc.strerror or exc}。") from exc
    finally:
        temp.unlink(missing_ok=True)
    return out


def _target(out: Path, fmt: str) -> Path:
    """The file to write, checked before any work: a folder that exists, not a folder itself."""
    if out.is_dir():
        raise ReportError(f"输出路径是一个文件夹：{out}。请给出文件名，例如 {out / ('报表.' + fmt)}。")
    if not out.suffix:
        out = out.with_suffix(f".{fmt}")
    if not out.parent.is_dir():
        raise ReportError(f"输出文件夹不存在：{out.parent}。")
    if not os.access(out.parent, os.W_OK):
        raise ReportError(f"无法写入 {out}：没有写入该文件夹的权限。")
    return out

"""The year's archive: one zip to hand to the higher committee or keep on a USB stick, readable on any computer
without this program: every register and ledger of the year as PDF, the year summary as PDF and Word, the
党内统计表 as PDF and Excel, every record as Excel, the attachments of the year's records in a folder per record
(named by its date and title), and index.html listing all of it.

Built in a temporary folder beside the target and zipped into the target only when complete; a printout the
year has nothing for is listed in the index as such, not an error. `progress(done, total)` may cancel by
raising (the window's 取消) or returning False (the command line's never does).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from dangjian_desktop.common.names import safe_file_name
from dangjian_desktop.domain.kinds import KINDS
from dangjian_desktop.excel import ExcelFileError
from dangjian_desktop.excel.export import export_workbook
from dangjian_desktop.reports.errors import NothingToPrint, ReportCancelled, ReportError
from dangjian_desktop.reports.registry import build_report
from dangjian_desktop.services import attachment as attachments
from dangjian_desktop.services.settings import load_settings
from dangjian_desktop.store.connection import DatabaseError
from dangjian_desktop.store.encrypted import check_password, write_encrypted
from dangjian_desktop.store.faults import disk_fault
from dangjian_desktop.store.models import Attachment

# (file name, report kind, options): the printouts of a year, in the order the index lists them.
PRINTOUTS: tuple[tuple[str, str, dict], ...] = (
    ("年度党建工作总结.pdf", "summary", {}),
    ("年度党建工作总结.docx", "summary", {"fmt": "docx"}),
    ("会议记录本.pdf", "registers", {}),
    ("三会一课等制度落实情况表.pdf", "compliance", {}),
    ("党员花名册.pdf", "roster", {}),
    ("活动台账.pdf", "activities", {}),
    ("共建单位与阵地一览.pdf", "bases", {}),
    ("整改台账.pdf", "rectifications", {}),
    ("党费收缴登记表.pdf", "dues", {}),
    ("党费上缴凭证登记表.pdf", "remittances", {}),
    ("民主评议党员结果汇总表.pdf", "appraisal", {}),
    ("谈心谈话台账.pdf", "talks", {}),
    ("组织关系转接登记簿.pdf", "transfers", {}),
    ("党内统计表.pdf", "statistics", {}),
    ("党内统计表.xlsx", "statistics", {"fmt": "xlsx"}),
)
RECORDS_BOOK = "全部记录.xlsx"
# What dates a record of each kind into a year; kinds without one (members, partners) bring all their attachments.
DATED = {"meeting": "date", "activity": "date", "rectification": "found_on", "talk": "date", "party_event": "date",
         "dues_remittance": "remitted_on", "mobile_spell": "started_on"}
YEARLY = ("appraisal", "appraisal_entry", "dues_base", "dues_payment")  # kinds with a year field


class ArchiveError(Exception):
    """The archive could not be written; the message says why, in Chinese."""


@dataclass
class ArchiveResult:
    path: Path
    files: list[str] = field(default_factory=list)  # inside the archive, below its folder
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (printout, why not)
    attachment_problems: list[str] = field(default_factory=list)  # files missing or damaged, left out


def archive_name(name: str) -> str:
    """A folder or file name inside an archive (no characters a file system refuses, not too long)."""
    return safe_file_name(name, limit=60)


def write_year_archive(year: int, out: str | Path, progress: Callable[[int, int], bool | None] | None = None,
                       today: dt.date | None = None, password: str | None = None) -> ArchiveResult:
    """Write the year's archive to `out` (.zip); with a password, AES-encrypted (store.encrypted)."""
    out = checked_target(out, password)
    branch = load_settings().branch_name
    top = archive_name(f"{branch}{year}年党建档案")
    result = ArchiveResult(out)
    chosen = year_attachments(year)
    advance = Steps(progress, steps_of(chosen) + 1).advance
    with building(out) as work:
        root = work / top
        root.mkdir()
        fill_folder(root, year, today, result, chosen, advance)
        zip_folder(work, top, out, password)
        advance()
    return result


def checked_target(out: str | Path, password: str | None) -> Path:
    """The archive's file (.zip), its folder there, the password fit."""
    out = Path(out)
    if out.suffix.lower() != ".zip":
        out = out.with_suffix(".zip")
    if not out.parent.is_dir():
        raise ArchiveError(f"输出文件夹不存在：{out.parent}。")
    if password is not None:
        check_password(password)
    return out


class Steps:
    """The progress of an archive: `advance()` after each step; the window's 取消 raises ReportCancelled."""

    def __init__(self, progress: Callable[[int, int], bool | None] | None, total: int):
        self.progress, self.total, self.done = progress, total, 0

    def advance(self) -> None:
        self.done += 1
        if self.progress is not None and self.progress(self.done, self.total) is False:
            raise ReportCancelled()


def steps_of(chosen: list) -> int:
    """The steps one branch's folder takes: its printouts, the records' workbook, each attachment."""
    return len(PRINTOUTS) + 1 + len(chosen)


@contextmanager
def building(out: Path) -> Iterator[Path]:
    """A temporary folder beside the target to build the archive in (removed after); a full disk or a folder that
    cannot be written becomes an ArchiveError naming it."""
    with tempfile.TemporaryDirectory(prefix=".archive-", dir=out.parent) as work:
        try:
            yield Path(work)
        except OSError as exc:
            fault = disk_fault(exc, out)
            raise ArchiveError(str(fault) if fault else f"无法写入 {out}：{exc.strerror or exc}。") from exc
        except DatabaseError as exc:  # the encrypted zip's disk is full
            raise ArchiveError(str(exc)) from exc


def fill_folder(root: Path, year: int, today: dt.date | None, result: ArchiveResult,
                chosen: list[tuple[Attachment, str]], advance: Callable[[], None]) -> None:
    """The branch's year in `root`: every printout, the records' workbook, the attachments, index.html."""
    for name, kind, options in PRINTOUTS:
        try:
            build_report(kind, root / name, year=year, today=today, **options)
            result.files.append(name)
        except NothingToPrint as exc:
            result.skipped.append((name, str(exc)))
        except ReportCancelled:
            raise
        except ReportError as exc:  # a disk that is full, a folder that cannot be written
            raise ArchiveError(f"生成{name}时出错：{exc}") from exc
        advance()
    try:
        export_workbook(root / RECORDS_BOOK)
    except ExcelFileError as exc:
        raise ArchiveError(f"导出{RECORDS_BOOK}时出错：{exc}") from exc
    result.files.append(RECORDS_BOOK)
    advance()
    for attachment, folder in chosen:
        kept = _copy_attachment(attachment, root / "附件" / folder, result)
        if kept:
            result.files.append(f"附件/{folder}/{kept}")
        advance()
    (root / "index.html").write_text(index_html(load_settings().branch_name, year, result), encoding="utf-8")
    result.files.append("index.html")


def year_attachments(year: int) -> list[tuple[Attachment, str]]:
    """The attachments of the year's records, each with the folder it goes in: 活动/2025-04-03 行走的思政课."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    chosen = []
    by_table: dict[str, list[Attachment]] = {}
    for a in Attachment.select().where(Attachment.removed_at.is_null()).order_by(Attachment.id):
        by_table.setdefault(a.table, []).append(a)
    for table, found in by_table.items():
        kind = KINDS.get(table)
        if kind is None:
            continue
        records = {r.id: r for r in kind.model.select().where(kind.model.id.in_([a.record_id for a in found]))}
        for a in found:
            record = records.get(a.record_id)
            if record is None or not _in_year(table, record, first, last):
                continue
            title = kind.describe(record) if kind.describe else kind.name_of(record)
            chosen.append((a, f"{archive_name(kind.label)}/{archive_name(title)}"))
    return chosen


def _in_year(table: str, record, first: dt.date, last: dt.date) -> bool:
    if table in DATED:
        day = getattr(record, DATED[table])
        return day is not None and first <= day <= last
    if table in YEARLY:
        return record.year == first.year
    return True


def _copy_attachment(attachment: Attachment, folder: Path, result: ArchiveResult) -> str:
    """Copy one attachment's file under its own name (numbered when the folder has that name); "" when its file
    is missing or damaged (listed)."""
    state = attachments.file_state(attachment)
    if state != "ok":
        what = "找不到文件" if state == "missing" else "文件已损坏"
        result.attachment_problems.append(f"{folder.name}：{attachment.name}（{what}，未收入）")
        return ""
    folder.mkdir(parents=True, exist_ok=True)
    name = archive_name(attachment.name)
    target, n = folder / name, 1
    while target.exists():
        n += 1
        target = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"
    shutil.copyfile(attachments.file_of(attachment), target)
    return target.name


def zip_folder(work: Path, top: str, out: Path, password: str | None) -> None:
    """Zip the folder into the target, replaced only once complete; photos and PDFs stored, the rest deflated."""
    if password is not None:
        entries = [(p, p.relative_to(work).as_posix()) for p in sorted((work / top).rglob("*")) if p.is_file()]
        write_encrypted(out, entries, password)
        return
    part = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        with zipfile.ZipFile(part, "w") as archive:
            for path in sorted((work / top).rglob("*")):
                if path.is_file():
                    packed = path.suffix.lower() in (".jpg", ".jpeg", ".png", ".pdf", ".zip", ".docx", ".xlsx")
                    archive.write(path, path.relative_to(work).as_posix(),
                                  zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED)
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)


def index_html(branch: str, year: int, result: ArchiveResult) -> str:
    """The archive's table of contents, for any browser: each file a link, what is missing said so."""
    e = html.escape
    printed = [f"<li><a href='{e(name)}'>{e(name)}</a></li>" for name in result.files
               if not name.startswith("附件/") and name != "index.html"]
    folders: dict[str, list[str]] = {}
    for name in result.files:
        if name.startswith("附件/"):
            folder, _, file = name[3:].rpartition("/")
            folders.setdefault(folder, []).append(f"<a href='{e(name)}'>{e(file)}</a>")
    attached = [f"<li>{e(folder)}：{'、'.join(links)}</li>" for folder, links in folders.items()]
    skipped = [f"<li>{e(name)}：{e(why)}</li>" for name, why in result.skipped]
    problems = [f"<li>{e(text)}</li>" for text in result.attachment_problems]
    parts = [f"<h1>{e(branch)} {year}年党建档案</h1>",
             f"<p>由党建台账于 {dt.date.today():%Y年%m月%d日} 生成。</p>",
             "<h2>台账与报表</h2><ul>" + "".join(printed) + "</ul>"]
    if skipped:
        parts.append("<h2>本年度没有的</h2><ul>" + "".join(skipped) + "</ul>")
    parts.append("<h2>附件</h2>" + ("<ul>" + "".join(attached) + "</ul>" if attached else "<p>本年度的记录没有附件。</p>"))
    if problems:
        parts.append("<h2>未能收入的附件</h2><ul>" + "".join(problems) + "</ul>")
    return ("<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
            f"<title>{e(branch)} {year}年党建档案</title>"
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.6}</style></head><body>"
            + "".join(parts) + "</body></html>\n")

"""The command line: arguments of every command, and running the ones that need no window.

Each command opens the database, calls the core and prints a short result in Chinese. Any expected
failure (bad argument, damaged file, invalid data) becomes a message on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from dangjian_desktop import APP_NAME, __version__
from dangjian_desktop.cli.server import (
    SERVER_HANDLERS,
    UserError,
    on_server,
    read_password,
    readable_organisation,
    server_commands,
    sign_in,
)
from dangjian_desktop.common.paths import default_db_path

REPORT_KINDS = ("summary", "register", "signin", "registers", "roster", "activities", "bases", "rectifications",
                "compliance", "development", "dues", "remittances", "dues-proof", "appraisal", "appraisal-ballot", "talks",
                "talk-records", "transfers", "transfer-letter", "statistics")

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


# argparse's own words (its help headings, its errors), in Chinese: argparse asks gettext for each.
ARGPARSE_WORDS = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r 不是可选的值（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的%(type)s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "后面需要写一个值",
    "expected at most one argument": "后面最多写一个值",
    "expected at least one argument": "后面至少要写一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的值 %r",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "unexpected option string: %s": "意外的选项：%s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}


@contextmanager
def _argparse_in_chinese() -> Iterator[None]:
    """argparse's own words in Chinese while the arguments are read, its help printed or its error told."""
    words, plural = argparse._, argparse.ngettext  # argparse looks both up when it writes

    def one_or_many(singular: str, many: str, n: int) -> str:
        return "后面需要写 %s 个值" if singular == "expected %s argument" else plural(singular, many, n)

    argparse._, argparse.ngettext = (lambda text: ARGPARSE_WORDS.get(text, words(text))), one_or_many
    try:
        yield
    finally:
        argparse._, argparse.ngettext = words, plural


def _number(what: str) -> Callable[[str], int]:
    """An integer argument whose error names it in Chinese ("'abc' 不是有效的年度（整数）")."""
    def parse(text: str) -> int:
        return int(text)
    parse.__name__ = what  # argparse names the type by it
    return parse


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # noqa: D401 - argparse hook
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"参数错误：{message}\n请用 --help 查看用法。\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="main.py", description=f"{APP_NAME}：党支部台账管理（离线）")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}", help="显示版本号并退出")
    parser.add_argument("--db", type=_target, metavar="文件或服务器", default=None,
                        help=f"数据库文件（默认 {default_db_path()}），或 PostgreSQL 服务器地址 postgresql://…")
    parser.add_argument("--user", metavar="用户名", default=None, help="服务器上：登录的用户名（密码在终端输入，"
                        "或取自环境变量 DANGJIAN_PASSWORD）")
    parser.add_argument("--branch", metavar="党支部", default=None, help="服务器上：要打开的党支部的名称或编号")
    sub = parser.add_subparsers(dest="command", parser_class=ChineseArgumentParser, metavar="命令",
                                help="以下命令之一（不写命令时打开窗口）")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--db", type=_target, metavar="文件或服务器", default=argparse.SUPPRESS,
                       help="数据库文件，或服务器地址 postgresql://…")
        p.add_argument("--user", metavar="用户名", default=argparse.SUPPRESS, help="服务器上：登录的用户名")
        p.add_argument("--branch", metavar="党支部", default=argparse.SUPPRESS, help="服务器上：党支部的名称或编号")
        return p

    demo = command("demo", "写入演示数据库（重现2025年的一个支部）")
    demo.add_argument("--force", action="store_true", help="数据库已存在时覆盖")

    report = command("report", "生成打印文件（PDF 或 Word）")
    report.add_argument("kind", choices=REPORT_KINDS, metavar="报表种类", help="可选：" + "、".join(REPORT_KINDS))
    report.add_argument("--out", type=Path, required=True, metavar="文件", help="输出文件")
    report.add_argument("--year", type=_number("年度（四位数字）"), metavar="年度", help="年度，如 2025")
    report.add_argument("--meeting", metavar="会议",
                        help="register、signin 用：会议的日期和类型（如 \"2025-03-05 支委会\"）、"
                             "年度和次数（如 2025年支委会第3次），或会议编号")
    report.add_argument("--member", metavar="党员",
                        help="dues-proof、transfer-letter 用：党员的姓名（无同名时）、身份证号或编号")
    report.add_argument("--format", choices=("pdf", "docx", "xlsx"), default="pdf",
                        help="输出格式（summary 可为 docx，statistics 可为 xlsx）")
    report.add_argument("--meeting-kind", action="append", metavar="会议类型",
                        help="registers 用：只收这类会议，可写多次（如 --meeting-kind 支委会 --meeting-kind 党小组会）")
    report.add_argument("--group", metavar="党小组", help="registers 用：党小组会只收这个党小组的（如 第一党小组）")
    report.add_argument("--full-numbers", action="store_true",
                        help="花名册印完整的身份证号和电话（默认只印前后几位）")

    backup = command("backup", "备份数据库")
    backup.add_argument("--to", type=Path, metavar="文件夹", help="备份到的文件夹（默认数据库旁的 backups 文件夹）")
    backup.add_argument("--encrypt", action="store_true",
                        help="连同附件写成一个用密码加密的 zip 文件（AES-256；密码在终端输入，或从标准输入读第一行）")

    restore = command("restore", "从备份文件恢复数据库")
    restore.add_argument("file", type=Path, help="备份文件（.db，或加密备份 .zip：会要求输入密码）")

    export = command("export", "导出全部记录到 Excel 工作簿")
    export.add_argument("--out", type=Path, required=True, metavar="文件", help="输出的 .xlsx 文件")

    archive = command("archive", "把一个年度的全部台账、记录和附件归档为一个 zip 文件")
    archive.add_argument("--year", type=_number("年度（四位数字）"), required=True, metavar="年度", help="年度，如 2025")
    archive.add_argument("--out", type=Path, required=True, metavar="文件", help="输出的 .zip 文件")
    archive.add_argument("--encrypt", action="store_true", help="用密码加密（AES-256），密码的输入同 backup --encrypt")
    archive.add_argument("--org", metavar="组织", help="服务器上：归档这个党总支或党委之下的全部党支部（含汇总的党内统计表）")

    imp = command("import", "从 Excel 工作簿导入党员、会议、活动")
    imp.add_argument("file", type=Path, help="要导入的 .xlsx 文件")
    imp.add_argument("--dry-run", action="store_true", help="只检查，不写入（列出将新增、未变和可更新的记录）")
    imp.add_argument("--update", action="store_true", help="已有记录的内容与表中不同时，按表更新（如党员换了手机号）")
    imp.add_argument("--upgrade-ids", action="store_true", help="把15位的旧身份证号按规则升级为18位后保存")
    server_commands(command)
    return parser


def _target(text: str) -> Path | str:
    """--db: a server's postgresql:// URL as given, else a file's path."""
    from dangjian_desktop.store.connection import is_server

    return text if is_server(text) else Path(text)
_target.__name__ = "数据库文件或服务器地址"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    with _argparse_in_chinese():
        args = build_parser().parse_args(argv)
    if args.db is None:
        args.db = default_db_path()
    return args


def run(args: argparse.Namespace) -> int:
    """Run a non-GUI command; return the exit code."""
    handlers = {
        **SERVER_HANDLERS,
        "demo": _demo,
        "report": _report,
        "backup": _backup,
        "restore": _restore,
        "export": _export,
        "import": _import,
        "archive": _archive,
    }
    from dangjian_desktop.domain.validation import NotFoundError, ValidationError
    from dangjian_desktop.store.connection import DatabaseError

    try:
        return handlers[args.command](args)
    except (UserError, DatabaseError, NotFoundError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
    except ValidationError as exc:
        print("错误：数据有误，未写入任何内容。", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem.message}", file=sys.stderr)
    except PermissionError as exc:
        print(f"错误：没有权限写入或读取 {exc.filename}。", file=sys.stderr)
    except OSError as exc:
        from dangjian_desktop.store.faults import disk_fault

        fault = disk_fault(exc, Path(exc.filename) if exc.filename else Path(args.db))
        print(f"错误：{fault}" if fault else f"错误：文件操作失败：{exc.filename or ''} {exc.strerror or exc}",
              file=sys.stderr)
    except Exception as exc:  # noqa: BLE001 - a bug: details to the log, a sentence to the user
        from dangjian_desktop.common.errorlog import log_unexpected
        from dangjian_desktop.store.faults import disk_fault

        fault = disk_fault(exc, Path(args.db))
        if fault is not None:  # a full disk, not a bug
            print(f"错误：{fault}", file=sys.stderr)
            return EXIT_ERROR
        log = log_unexpected(exc)
        print(f"错误：程序遇到了意外错误（{type(exc).__name__}），操作没有完成。"
              + (f"详细信息已记录在 {log}。" if log else ""), file=sys.stderr)
    return EXIT_ERROR


def _open(args: argparse.Namespace):
    """A reading command's session: no lock, no daily backup (the process ends with the command). A file of
    an older schema must be upgraded first, which is a write: then under the one-writer lock. On a server, the
    signed-in user's session (returned)."""
    from dangjian_desktop.store.lock import DatabaseLockedError
    from dangjian_desktop.store.session import open_session

    if on_server(args):
        return sign_in(args)
    try:
        open_session(args.db, writer=False)
    except DatabaseLockedError as exc:
        raise UserError(f"{exc}这个文件来自旧版本，要先升级数据库结构才能使用，而升级要写入文件。") from exc


def _demo(args: argparse.Namespace) -> int:
    """Write the demo under the one-writer lock: --force never touches a file the app has open, and the
    records a file held are backed up before the demo takes its place."""
    from dangjian_desktop.demo.builder import replace_with_demo
    from dangjian_desktop.store.lock import DatabaseLock

    if on_server(args):
        raise UserError("演示数据只写入数据库文件；服务器上的党支部请用 branch-import 导入一个支部的文件。")
    target = Path(args.db)
    if target.exists() and not args.force:
        raise UserError(f"文件已存在：{target}。如要覆盖，请加 --force。")
    with DatabaseLock(target):
        result = replace_with_demo(target)
    print(f"已写入演示数据库：{target}")
    print("，".join(f"{label} {n} 条" for label, n in result.counts.items()))
    if result.safety_backup:
        print(f"原来的数据库已先备份为：{result.safety_backup}")
    if result.set_aside:
        print(f"原来的文件不是本程序的数据库，已原样改名保留为：{result.set_aside}")
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from dangjian_desktop.queries.meeting_lookup import MeetingLookupError, find_meeting
    from dangjian_desktop.queries.member_lookup import MemberLookupError, find_member
    from dangjian_desktop.reports import ReportError, build_report

    _existing(args)
    _open(args)
    try:
        meeting_id = None if args.meeting is None else find_meeting(args.meeting)
        member_id = None if args.member is None else find_member(args.member)
    except (MeetingLookupError, MemberLookupError) as exc:
        raise UserError(str(exc)) from exc
    try:
        path = build_report(args.kind, args.out, year=args.year, meeting_id=meeting_id, fmt=args.format,
                            full_numbers=args.full_numbers, meeting_kinds=tuple(args.meeting_kind or ()),
                            party_group=args.group or "", member_id=member_id)
    except ReportError as exc:
        raise UserError(str(exc)) from exc
    print(f"已生成：{path}")
    return EXIT_OK


def _existing(args: argparse.Namespace) -> Path | None:
    """The --db file, which must exist for commands that only read it (a server is checked when signing in)."""
    if on_server(args):
        return None
    path = Path(args.db)
    if not path.is_file():
        raise UserError(f"找不到数据库文件：{path}")
    return path


def _file_only(args: argparse.Namespace, what: str) -> None:
    if on_server(args):
        raise UserError(f"{what}只用于数据库文件；服务器上的数据由服务器管理员用 PostgreSQL 的 pg_dump 备份和恢复。")


def _password(confirm: bool) -> str:
    """The password of an encrypted backup or archive."""
    return read_password(confirm=confirm, mismatch="两次输入的密码不一致，未生成文件。")


def _backup(args: argparse.Namespace) -> int:
    from dangjian_desktop.store.backup import backup_encrypted, backup_named, backup_to

    _file_only(args, "备份")
    path = _existing(args)
    _open(args)
    if args.encrypt:
        if not args.to:
            raise UserError("加密备份请用 --to 指定保存的文件夹（如U盘）。")
        target = backup_encrypted(args.to, _password(confirm=True))
    else:
        target = backup_to(args.to) if args.to else backup_named(path, "manual")
    print(f"已备份到：{target}")
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    """Restore under the one-writer lock: refused while the app (or another command) has the file open."""
    from dangjian_desktop.store.encrypted import is_encrypted
    from dangjian_desktop.store.lock import DatabaseLock
    from dangjian_desktop.store.restore import contents_of, decrypted, restore_from

    _file_only(args, "恢复")
    with DatabaseLock(args.db):
        if Path(args.file).is_file() and is_encrypted(Path(args.file)):
            with decrypted(args.file, _password(confirm=False), Path(args.db)) as plain:
                print(f"备份文件：{contents_of(plain).describe()}")
                result = restore_from(plain, args.db)
        else:
            print(f"备份文件：{contents_of(args.file).describe()}")  # checked first: a bad file stops here
            result = restore_from(args.file, args.db)
    print(f"已从 {args.file} 恢复数据库 {result.database}。")
    if result.safety_backup:
        print(f"恢复前的数据库已备份为：{result.safety_backup}")
    if result.set_aside:
        print(f"原数据库文件无法打开，已原样保留为：{result.set_aside}")
    if result.attachment_problems():
        print(f"注意：{result.attachment_problems()}")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from dangjian_desktop.excel import ExcelFileError
    from dangjian_desktop.excel.export import export_workbook

    _existing(args)
    _open(args)
    try:
        result = export_workbook(args.out)
    except ExcelFileError as exc:
        raise UserError(str(exc)) from exc
    print(f"已导出到：{result.path}")
    print("，".join(f"{sheet} {n} 条" for sheet, n in result.counts.items()))
    for warning in result.warnings:
        print(f"注意：{warning}")
    return EXIT_OK


def _archive(args: argparse.Namespace) -> int:
    from dangjian_desktop.archive.year_archive import ArchiveError, write_year_archive

    _existing(args)
    session = _open(args)
    if not 1900 <= args.year <= 2100:
        raise UserError(f"年度 {args.year} 不对，应在1900至2100之间。")
    password = _password(confirm=True) if args.encrypt else None
    try:
        if getattr(args, "org", None):
            from dangjian_desktop.archive.tree_archive import write_tree_archive

            if session is None:
                raise UserError("--org 只用于服务器上的组织。")
            result = write_tree_archive(readable_organisation(session, args.org), args.year, args.out,
                                        password=password)
        else:
            result = write_year_archive(args.year, args.out, password=password)
    except ArchiveError as exc:
        raise UserError(str(exc)) from exc
    print(f"已生成：{result.path}（{len(result.files)} 个文件）")
    for name, why in result.skipped:
        print(f"  未收入 {name}：{why}")
    for problem in result.attachment_problems:
        print(f"  附件 {problem}")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    """Import under the one-writer lock (a dry run too: it rehearses the writes in a transaction)."""
    from dangjian_desktop.excel import ExcelFileError
    from dangjian_desktop.excel.importer import import_workbook
    from dangjian_desktop.store.session import open_session

    session = sign_in(args, write=True) if on_server(args) else open_session(args.db, writer=True)
    try:
        report = import_workbook(args.file, dry_run=args.dry_run, update=args.update, upgrade_ids=args.upgrade_ids)
    except ExcelFileError as exc:
        raise UserError(str(exc)) from exc
    finally:
        session.close()
    if session.backup_warning:
        print(f"注意：{session.backup_warning}", file=sys.stderr)
    for notice in report.notices:
        print(f"提示：{notice}")
    if report.problems:
        print(f"发现 {len(report.problems)} 个问题，未写入任何内容：", file=sys.stderr)
        for problem in report.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_ERROR
    for update in report.updates:
        print(f"{'已更新' if report.updated else '可更新'}：{update}")
    if args.dry_run:
        print(f"检查通过，未写入（试运行）。{report.summary()}。")
    else:
        print(f"已导入：{report.summary()}。")
    if report.updates and not report.updated:
        print("表中有与已有记录不同的内容，没有改动已有记录；要按表更新，请加 --update 再导入一次。")
    return EXIT_OK

"""The command line on a server: signing in (--user; the password from DANGJIAN_PASSWORD, the terminal, or the
first line of standard input, never from the arguments), and the commands that set a server up, keep its tree and
users, move a branch's file up and back, and show the committee view."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from dangjian_desktop.store.tree import LEVELS, ROLES

EXIT_OK = 0


class UserError(Exception):
    """A failure the user can fix; its message is Chinese and is printed as it is."""


def on_server(args: argparse.Namespace) -> bool:
    return isinstance(getattr(args, "db", None), str)


def server_commands(command) -> None:
    """The server's commands, added to the command line's parser (`command(name, help)` makes one)."""
    setup = command("server-setup", "服务器：建立最上级组织和第一个党委管理员用户（只在还没有用户的服务器上）")
    setup.add_argument("--org", required=True, metavar="名称", help="最上级组织的名称，如 某某区教育工委")
    setup.add_argument("--level", choices=LEVELS[:3], default="党委", help="最上级组织的类别（默认 党委）")
    setup.add_argument("--login", required=True, metavar="用户名", help="第一个用户的用户名（英文字母、数字）")
    setup.add_argument("--name", required=True, metavar="姓名", help="第一个用户的姓名")

    command("tree", "服务器：列出用户所在组织及其下属组织（党总支、党支部）和编号")

    org = command("org-add", "服务器：新增组织（党支部同时建立它的台账）")
    org.add_argument("--name", required=True, metavar="名称")
    org.add_argument("--level", required=True, choices=LEVELS, help="组织类别")
    org.add_argument("--parent", metavar="上级", help="上级组织的名称或编号")
    org.add_argument("--term-years", type=int, metavar="年", help="每届任期（3 或 5 年）")
    org.add_argument("--term-start", metavar="日期", help="本届委员会产生的日期，如 2023-06-01")

    user = command("user-add", "服务器：新增用户（密码在终端输入两次，或取自标准输入）")
    user.add_argument("--login", required=True, metavar="用户名")
    user.add_argument("--name", required=True, metavar="姓名")
    user.add_argument("--role", required=True, choices=ROLES, help="角色：支部书记、组织委员写本支部，党委、审计只读")
    user.add_argument("--org", required=True, metavar="组织", help="用户所在组织的名称或编号")

    up = command("branch-import", "服务器：把一个支部的数据库文件导入它在服务器上的党支部（用 --branch 指定）")
    up.add_argument("file", type=Path, help="本程序的数据库文件（.db）")

    down = command("branch-export", "服务器：把一个党支部（--branch）导出为数据库文件")
    down.add_argument("--out", type=Path, required=True, metavar="文件", help="新的数据库文件（.db）")

    view = command("committee", "服务器：党委视图，各组织的年度数字和合计")
    view.add_argument("--year", type=int, required=True, metavar="年度")
    view.add_argument("--org", metavar="组织", help="从哪个组织看起（默认用户所在的组织）")
    view.add_argument("--statistics", type=Path, metavar="文件", help="把该组织合计的党内统计表写成 .pdf 或 .xlsx")


def read_password(prompt: str = "密码：", confirm: bool = False, *, signing_in: bool = False,
                  mismatch: str = "两次输入的密码不一致，没有保存。") -> str:
    """A password: typed at a terminal (not shown; twice with `confirm`), else the first line of standard input (a
    script), never from the arguments, where other users could see it. Signing in, DANGJIAN_PASSWORD comes first."""
    if signing_in and os.environ.get("DANGJIAN_PASSWORD"):
        return os.environ["DANGJIAN_PASSWORD"]
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    password = getpass.getpass(prompt)
    if confirm and getpass.getpass("再输入一次密码：") != password:
        raise UserError(mismatch)
    return password


def _server_url(args: argparse.Namespace) -> str:
    if not on_server(args):
        raise UserError("这个命令用于服务器：请用 --db postgresql://用户@主机/数据库 写明服务器。")
    return args.db


def sign_in(args: argparse.Namespace, write: bool = False):
    """Sign in to the --db server as --user and open --branch (or the user's own); with `write`, a user who only
    reads that branch is refused."""
    from dangjian_desktop.services.server_session import sign_in_to_server
    from dangjian_desktop.services.users import SignInError

    url = _server_url(args)
    if not getattr(args, "user", None):
        raise UserError("连接服务器要用 --user 写明用户名。")
    try:
        session = sign_in_to_server(url, args.user, read_password(f"用户 {args.user} 的密码：", signing_in=True))
    except SignInError as exc:
        raise UserError(str(exc)) from exc
    if getattr(args, "branch", None):
        session.switch_branch(organisation_of(args.branch).id)
    if write and session.read_only:
        raise UserError(f"用户“{args.user}”只能查看“{session.branch_name}”的记录，不能修改。")
    return session


def organisation_of(text: str):
    from dangjian_desktop.services.organisation import find

    try:
        return find(text)
    except LookupError as exc:
        raise UserError(str(exc)) from exc


def readable_organisation(session, text: str) -> int:
    """The id of the organisation named, when it is the user's own or lies beneath it (what he may read)."""
    from dangjian_desktop.services.organisation import subtree

    found = organisation_of(text)
    if found.id not in {node.organisation.id for node in subtree(session.access.organisation_id).walk()}:
        raise UserError(f"您没有权限查看“{found.name}”。")
    return found.id


def _keeper(args: argparse.Namespace):
    session = sign_in(args)
    if not session.access.keeps_tree:
        raise UserError(f"用户“{args.user}”不是党委管理员，不能维护组织、用户或导入导出党支部。")
    return session


def _setup(args: argparse.Namespace) -> int:
    from dangjian_desktop.services.server_session import set_up_server

    session = set_up_server(_server_url(args), {"name": args.org, "level": args.level},
                            {"login": args.login, "full_name": args.name,
                             "password": read_password(f"用户 {args.login} 的新密码：", confirm=True)})
    print(f"已在服务器 {session.server} 上建立“{args.org}”和党委管理员用户 {args.login}。")
    return EXIT_OK


def _tree(args: argparse.Namespace) -> int:
    """The user's organisation and those beneath it."""
    from dangjian_desktop.services.organisation import subtree

    session = sign_in(args)
    top = subtree(session.access.organisation_id)
    for node in top.walk():
        org = node.organisation
        print(f"{'  ' * (node.depth - top.depth)}{org.id:>4}  {org.level}  {org.name}")
    return EXIT_OK


def _org_add(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import organisation

    _keeper(args)
    data = {"name": args.name, "level": args.level, "parent_id": organisation_of(args.parent).id if args.parent else None}
    if args.term_years is not None:
        data["term_years"] = args.term_years
    if args.term_start:
        data["term_start"] = args.term_start
    added = organisation.add(data)
    print(f"已新增{added.level}“{added.name}”（编号 {added.id}）。")
    return EXIT_OK


def _user_add(args: argparse.Namespace) -> int:
    from dangjian_desktop.services import users

    _keeper(args)
    org = organisation_of(args.org)
    added = users.add({"login": args.login, "full_name": args.name, "role": args.role, "organisation_id": org.id,
                       "password": read_password(f"用户 {args.login} 的新密码：", confirm=True)})
    print(f"已新增用户 {added.login}（{added.full_name}，{added.role}，{org.name}）。")
    return EXIT_OK


def _branch_import(args: argparse.Namespace) -> int:
    from dangjian_desktop.store.branch_files import import_file

    _keeper(args)
    if not getattr(args, "branch", None):
        raise UserError("请用 --branch 写明导入到哪个党支部。")
    result = import_file(args.file, organisation_of(args.branch).id)
    print(result.message())
    return EXIT_OK


def _branch_export(args: argparse.Namespace) -> int:
    from dangjian_desktop.store.branch_files import export_branch

    session = sign_in(args)
    if session.branch_id is None:
        raise UserError("请用 --branch 写明导出哪个党支部。")
    path = export_branch(session.branch_id, args.out)
    print(f"已把“{session.branch_name}”导出为：{path}")
    return EXIT_OK


def _committee(args: argparse.Namespace) -> int:
    from dangjian_desktop.queries.tree_figures import COLUMNS, tree_figures

    session = sign_in(args)
    root = readable_organisation(session, args.org) if args.org else session.access.organisation_id
    view = tree_figures(root, args.year)
    print(f"{args.year}年度  " + "  ".join(COLUMNS))
    for row in view.walk():
        print(f"{'  ' * row.depth}{row.organisation.name}  " + "  ".join(row.figures.cells()))
        for reminder in row.reminders:
            print(f"{'  ' * row.depth}  ！{reminder.text}")
    if args.statistics:
        _write_statistics(args.statistics, view)
    return EXIT_OK


def _write_statistics(out: Path, view) -> None:
    from dangjian_desktop.reports.registry import write_statistics_file

    if view.figures.statistics is None:
        raise UserError(f"“{view.organisation.name}”之下没有党支部，没有党内统计表可写。")
    write_statistics_file(out, view.figures.statistics, view.organisation.name, dt.date.today(),
                          out.suffix.lower().lstrip("."))
    print(f"已生成：{out}")


SERVER_HANDLERS = {
    "server-setup": _setup,
    "tree": _tree,
    "org-add": _org_add,
    "user-add": _user_add,
    "branch-import": _branch_import,
    "branch-export": _branch_export,
    "committee": _committee,
}

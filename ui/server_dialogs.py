"""Signing in to a server (its address and the last user remembered), setting up a new one, and choosing the branch
to work on."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QWidget

from dangjian_desktop.services import organisation
from dangjian_desktop.services.server_session import (
    NoUsersError,
    ServerSession,
    needs_setting_up,
    set_up_server,
    sign_in_to_server,
)
from dangjian_desktop.services.users import SignInError
from dangjian_desktop.store.connection import is_server
from dangjian_desktop.store.tree import LEVELS

from .form_dialog import FormField, Refused, ask

URL_HINT = "postgresql://用户@服务器/数据库"


def _checked_url(url: str) -> str:
    url = url.strip()
    if not is_server(url):
        raise Refused(f"服务器地址应写成 {URL_HINT}，例如 postgresql://dangjian@192.168.1.10/dangjian。")
    return url


def sign_in(parent: QWidget | None, url: str = "") -> ServerSession | None:
    """Ask for the server, the user and the password until they are right (or the user gives up); a server nobody
    has set up yet leads to setting it up."""
    settings = QSettings()
    if url and needs_setting_up(url):  # a new server (the README's third command): set it up first
        return _remembered(set_up(parent, url))
    url = url or settings.value("server/url", "", str)
    login = settings.value("server/login", "", str)
    needs_setup = []

    def submit(values: dict) -> ServerSession | None:
        try:
            return sign_in_to_server(_checked_url(values["url"]), values["login"], values["password"])
        except SignInError as exc:
            raise Refused(str(exc)) from exc
        except NoUsersError:
            needs_setup.append(values["url"])
            return None

    fields = [FormField("url", "服务器地址", placeholder=URL_HINT, value=url),
              FormField("login", "用户名", value=login), FormField("password", "密码", "password")]
    session = ask(parent, "登录服务器", fields, submit, "连接本单位的党建台账服务器。用户名和密码由党委管理员分配。",
                  "登录")
    if needs_setup:
        session = set_up(parent, needs_setup[0])
    return _remembered(session)


def _remembered(session: ServerSession | None) -> ServerSession | None:
    if session is not None:
        settings = QSettings()
        settings.setValue("server/url", session.url)
        settings.setValue("server/login", session.access.login)
        settings.setValue("server/at_start", True)  # the next start signs in to it again (see remembered_server)
    return session


def remembered_server() -> str:
    """The server to sign in to when the program starts with no --db: the last one, unless the user went back to
    this PC's file since."""
    settings = QSettings()
    return settings.value("server/url", "", str) if settings.value("server/at_start", False, bool) else ""


def forget_server_at_start() -> None:
    QSettings().setValue("server/at_start", False)


def set_up(parent: QWidget | None, url: str) -> ServerSession | None:
    """The first organisation and the first user (a 党委 administrator) of a server nobody has set up."""
    def submit(values: dict) -> ServerSession:
        if values["password"] != values["again"]:
            raise Refused("两次输入的密码不一致。")
        return set_up_server(_checked_url(url), {"name": values["name"], "level": values["level"]},
                             {"login": values["login"], "full_name": values["full_name"],
                              "password": values["password"]})

    fields = [FormField("name", "最上级组织名称", placeholder="如：某某区教育工委"),
              FormField("level", "组织类别", "choice", tuple((level, level) for level in LEVELS[:3])),
              FormField("login", "管理员用户名", placeholder="英文字母、数字"),
              FormField("full_name", "管理员姓名"),
              FormField("password", "密码", "password"), FormField("again", "再输入一次", "password")]
    return ask(parent, "设置服务器", fields, submit,
               f"服务器 {url} 上还没有用户。请建立最上级组织和第一个党委管理员，之后由他建立党总支、党支部和其他用户。",
               "建立")


def choose_branch(parent: QWidget | None, session: ServerSession) -> int | None:
    """One of the branches the user may open, by its place in the tree."""
    branches = [(branch, organisation.path_of(branch)) for branch in session.access.readable]
    if not branches:
        return None
    names = [name for _id, name in branches]
    current = next((i for i, (branch, _n) in enumerate(branches) if branch == session.branch_id), 0)
    name, ok = QInputDialog.getItem(parent, "切换党支部", "要打开的党支部：", names, current, False)
    return branches[names.index(name)][0] if ok else None

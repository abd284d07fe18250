"""Working on a server: signing in, the branch the user works on (and switching to another he may open), and
what he may do there; the counterpart of `store.session.Session` for a file."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

from dangjian_desktop.services import organisation, users
from dangjian_desktop.services.users import Access
from dangjian_desktop.store import tree
from dangjian_desktop.store.connection import DatabaseError, close_database, db, set_acting_user
from dangjian_desktop.store.session import open_server


class NoUsersError(DatabaseError):
    """A server nobody has set up yet: it needs its top organisation and first user (`setup`)."""


@dataclass
class ServerSession:
    """A signed-in user on a server, working on one branch (or on the tree only, for a 党委 user with none)."""

    url: str
    access: Access
    branch_id: int | None = None
    backup_warning: str = ""  # a server keeps its own backups: never set

    @property
    def read_only(self) -> bool:
        return not self.access.may_write(self.branch_id)

    @property
    def server(self) -> str:
        """The server and database, for the title bar (no user, no password)."""
        parts = urlparse(self.url)
        host = parts.hostname or "本机"
        return f"{host}{':' + str(parts.port) if parts.port else ''}/{parts.path.lstrip('/')}"

    @property
    def branch_name(self) -> str:
        return organisation.path_of(self.branch_id) if self.branch_id is not None else "（未选党支部）"

    def switch_branch(self, branch_id: int | None) -> None:
        """Work on another branch the user may open (None: the tree only)."""
        if branch_id is not None and branch_id not in self.access.readable:
            raise DatabaseError("您没有权限打开这个党支部的记录。")
        db.obj.read_only = False  # an older branch may need its schema brought up to date first
        if branch_id is None:
            tree.leave_branch()
        else:
            tree.enter_branch(branch_id)
        self.branch_id = branch_id
        db.obj.read_only = self.read_only
        db.obj.use_schema(db.obj.schema)

    def reopen(self) -> None:
        open_server(self.url)
        self.switch_branch(self.branch_id)

    def close(self) -> None:
        close_database()

    def release(self) -> None:
        """Nothing is held on a server between transactions (no lock file, as a file has)."""


def sign_in_to_server(url: str, login: str, password: str, branch_id: int | None = None) -> ServerSession:
    """Connect, check the user's name and password, and open his branch: the one given, else the one he writes,
    else the first he may read."""
    open_server(url)
    try:
        if not users.any_user():
            raise NoUsersError("服务器上还没有用户：请先建立最上级组织和第一个党委管理员"
                               "（窗口里的“设置服务器”，或命令 server-setup）。")
        access = users.sign_in(login, password)
        session = ServerSession(url, access)
        chosen = branch_id if branch_id is not None else (
            access.writable if access.writable is not None else (access.readable[0] if access.readable else None))
        session.switch_branch(chosen)
    except BaseException:
        close_database()
        raise
    set_acting_user(access.full_name)
    return session


def needs_setting_up(url: str) -> bool:
    """Whether the server is reachable and nobody has set it up yet (no user): then the program offers setting it
    up instead of signing in. False when it cannot be reached (signing in will say why)."""
    try:
        open_server(url)
        return not users.any_user()
    except DatabaseError:
        return False
    finally:
        close_database()


def set_up_server(url: str, top: dict, first_user: dict) -> ServerSession:
    """A server's first organisation and first user (a 党委 user who keeps the tree), on a server with no user;
    he is signed in."""
    open_server(url)
    try:
        if users.any_user():
            raise DatabaseError("服务器已经设置过（已有用户），请直接登录。")
        with tree.keeper_transaction():
            top_org = organisation.add(top)
            users.add({**first_user, "role": tree.ADMIN_ROLE, "organisation_id": top_org.id})
    finally:
        close_database()
    return sign_in_to_server(url, first_user.get("login", ""), first_user.get("password", ""))

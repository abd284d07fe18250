"""Users who sign in to a server and what each may do: a 支部书记 or 组织委员 writes his own branch, a 党委 user reads
every organisation under his own and keeps the tree and the users, an auditor (审计) reads under his own.
Passwords are kept only as argon2id hashes (argon2-cffi)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from dangjian_desktop.domain.validation import Checker, NotFoundError
from dangjian_desktop.services import organisation as tree_service
from dangjian_desktop.store.tree import (
    ADMIN_ROLE,
    BRANCH,
    ROLES,
    WRITING_ROLES,
    AppUser,
    Organisation,
    keeper_transaction,
)

MIN_PASSWORD = 8
LOGIN_RE = re.compile(r"^[A-Za-z0-9._-]{2,30}$")
_hasher = PasswordHasher()


class SignInError(Exception):
    """A wrong name or password, or a user switched off; the message never says which of the two was wrong."""


@dataclass(frozen=True)
class Access:
    """A signed-in user and the branches he may open."""

    user_id: int
    login: str
    full_name: str
    role: str
    organisation_id: int
    readable: tuple[int, ...]  # the branches he may open, in the tree's order
    writable: int | None  # the one branch he may change (None: he only reads)

    @property
    def keeps_tree(self) -> bool:
        return self.role == ADMIN_ROLE

    def may_write(self, branch_id: int | None) -> bool:
        return branch_id is not None and branch_id == self.writable

    @property
    def label(self) -> str:
        return f"{self.full_name}（{self.role}）"


def users_of(organisation_id: int) -> list[AppUser]:
    return list(AppUser.select().where(AppUser.organisation == organisation_id).order_by(AppUser.login))


def any_user() -> bool:
    return AppUser.select().exists()


def _check_password(c: Checker, password: object) -> str:
    text = password if isinstance(password, str) else ""
    if len(text) < MIN_PASSWORD:
        c.add("password", f"密码至少要 {MIN_PASSWORD} 位。")
    elif text.strip() != text:
        c.add("password", "密码的开头和结尾不能是空格。")
    return text


def add(data: dict[str, Any]) -> AppUser:
    """A new user with his password (kept only as its hash)."""
    with keeper_transaction():
        c = Checker()
        login = c.text("login", "用户名", data.get("login"), required=True, max_length=30)
        if login and not c.has_error("login"):
            if not LOGIN_RE.match(login):
                c.add("login", "用户名只能用英文字母、数字和 . _ -，2 到 30 个字符。")
            elif AppUser.select().where(AppUser.login == login).exists():
                c.add("login", f"用户名“{login}”已被使用。")
        full_name = c.text("full_name", "姓名", data.get("full_name"), required=True, max_length=30)
        role = c.choice("role", "角色", data.get("role"), ROLES)
        organisation = Organisation.get_or_none(Organisation.id == data.get("organisation_id"))
        if organisation is None:
            c.add("organisation_id", "请选择用户所在的组织。")
        elif role in WRITING_ROLES and organisation.level != BRANCH:
            c.add("organisation_id", f"{role}应属于一个党支部（所选“{organisation.name}”是{organisation.level}）。")
        password = _check_password(c, data.get("password"))
        c.raise_if_errors()
        return AppUser.create(login=login, full_name=full_name, role=role, organisation=organisation.id,
                              password_hash=_hasher.hash(password))


def set_password(user_id: int, password: str) -> None:
    c = Checker()
    password = _check_password(c, password)
    c.raise_if_errors()
    with keeper_transaction():
        if not AppUser.update(password_hash=_hasher.hash(password)).where(AppUser.id == user_id).execute():
            raise NotFoundError(f"找不到编号为 {user_id} 的用户。")


def toggle_active(user_id: int) -> bool:
    """Switch a user off, or on again; whether he is active now."""
    with keeper_transaction():
        user = AppUser.get_or_none(AppUser.id == user_id)
        if user is None:
            raise NotFoundError(f"找不到编号为 {user_id} 的用户。")
        AppUser.update(active=not user.active).where(AppUser.id == user_id).execute()
        return not user.active


def sign_in(login: str, password: str) -> Access:
    """The user's access, when the name and password are right and he is active."""
    user = AppUser.get_or_none(AppUser.login == (login or "").strip())
    refused = SignInError("用户名或密码不正确，请重新输入。")
    if user is None:
        _hasher.hash(password or "x")  # as long as a check, so that timing does not tell which names exist
        raise refused
    try:
        _hasher.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        raise refused from None
    if not user.active:
        raise SignInError(f"用户“{user.login}”已停用，请联系党委管理员。")
    if _hasher.check_needs_rehash(user.password_hash):
        with keeper_transaction():
            AppUser.update(password_hash=_hasher.hash(password)).where(AppUser.id == user.id).execute()
    return access_of(user)


def access_of(user: AppUser) -> Access:
    below = [o.id for o in tree_service.subtree(user.organisation_id).branches()]
    if user.role in WRITING_ROLES:
        readable, writable = (user.organisation_id,), user.organisation_id
    else:
        readable, writable = tuple(below), None
    return Access(user.id, user.login, user.full_name, user.role, user.organisation_id, readable, writable)

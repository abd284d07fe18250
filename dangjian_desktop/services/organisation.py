"""The organisation tree on a server: adding, changing and removing organisations (a 党支部 gets its records'
schema with it), and reading the tree; each write is one transaction. Only the 党委 role keeps the tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dangjian_desktop.domain.validation import Checker, NotFoundError, ReferencedError
from dangjian_desktop.services.settings import save_settings
from dangjian_desktop.store import tree
from dangjian_desktop.store.session import seed_defaults
from dangjian_desktop.store.tree import (
    BRANCH,
    CHILD_LEVELS,
    LEVELS,
    TERM_YEARS,
    Organisation,
    keeper_transaction,
)


@dataclass
class OrgNode:
    """One organisation with those under it, in the tree's order."""

    organisation: Organisation
    children: list[OrgNode] = field(default_factory=list)
    depth: int = 0  # 0 for the top of its tree

    @property
    def is_branch(self) -> bool:
        return self.organisation.level == BRANCH

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def branches(self) -> list[Organisation]:
        return [node.organisation for node in self.walk() if node.is_branch]


def seed_branch(name: str) -> None:
    """What a new branch starts with: what a new file does, and its name (printed on its registers and ledgers)
    as the tree has it."""
    seed_defaults()
    save_settings(branch_name=name)


def get(organisation_id: int) -> Organisation:
    found = Organisation.get_or_none(Organisation.id == organisation_id)
    if found is None:
        raise NotFoundError(f"找不到编号为 {organisation_id} 的组织，可能已被删除。")
    return found


def forest() -> list[OrgNode]:
    """Every organisation, as trees from the top ones down, each level in the order the organisations were added."""
    rows = list(Organisation.select().order_by(Organisation.sort_order, Organisation.id))
    nodes = {row.id: OrgNode(row) for row in rows}
    tops = []
    for row in rows:
        (nodes[row.parent_id].children if row.parent_id in nodes else tops).append(nodes[row.id])
    for top in tops:
        for node in top.walk():
            for child in node.children:
                child.depth = node.depth + 1
    return tops


def subtree(organisation_id: int) -> OrgNode:
    for top in forest():
        for node in top.walk():
            if node.organisation.id == organisation_id:
                return node
    raise NotFoundError(f"找不到编号为 {organisation_id} 的组织，可能已被删除。")


def path_of(organisation_id: int) -> str:
    """"某某党委 / 某某党总支 / 第一党支部"."""
    names, current = [], get(organisation_id)
    while current is not None:
        names.append(current.name)
        current = current.parent
    return " / ".join(reversed(names))


def _clean(data: dict[str, Any], record: Organisation | None) -> dict[str, Any]:
    c = Checker()
    name = c.text("name", "组织名称", data.get("name", record.name if record else ""), required=True, max_length=60)
    level = record.level if record else c.choice("level", "组织类别", data.get("level"), LEVELS)
    parent_id = data.get("parent_id", record.parent_id if record else None) or None
    parent = Organisation.get_or_none(Organisation.id == parent_id) if parent_id else None
    if parent_id and parent is None:
        c.add("parent_id", "所选上级组织不存在，可能已被删除。")
    elif level and level not in CHILD_LEVELS[parent.level if parent else None]:
        where = f"{parent.level}“{parent.name}”之下" if parent else "最上一级"
        c.add("parent_id", f"{where}不能设{level}（可设：{'、'.join(CHILD_LEVELS[parent.level if parent else None]) or '无'}）。")
    if record is not None and parent is not None:
        ancestor = parent
        while ancestor is not None:
            if ancestor.id == record.id:
                c.add("parent_id", "上级组织不能是它自己或它下属的组织。")
                break
            ancestor = ancestor.parent
    years = c.integer("term_years", "每届任期（年）", data.get("term_years", record.term_years if record else
                                                               (5 if level == "党委" else 3)), required=True)
    if years is not None and years not in TERM_YEARS:
        c.add("term_years", f"每届任期应为 {' 或 '.join(map(str, TERM_YEARS))} 年，现为 {years} 年。")
    founded = c.date("founded_on", "成立时间", data.get("founded_on", record.founded_on if record else None),
                     not_future=True)
    term_start = c.date("term_start", "本届委员会产生时间",
                        data.get("term_start", record.term_start if record else None), not_future=True)
    committee = c.text("committee", "委员会成员", data.get("committee", record.committee if record else ""),
                       max_length=2000, multiline=True)
    if name and not c.has_error("name"):
        siblings = Organisation.select().where((Organisation.name == name) & (
            Organisation.parent.is_null() if parent is None else Organisation.parent == parent.id))
        if record is not None:
            siblings = siblings.where(Organisation.id != record.id)
        if siblings.exists():
            c.add("name", f"同一上级之下已有名为“{name}”的组织。")
    c.raise_if_errors()
    return {"name": name, "level": level, "parent": parent.id if parent else None, "term_years": years,
            "founded_on": founded, "term_start": term_start, "committee": committee}


def add(data: dict[str, Any]) -> Organisation:
    """A new organisation; a 党支部 gets its records' schema in the same transaction."""
    with keeper_transaction():
        values = _clean(data, None)
        organisation = Organisation.create(**values)
        if organisation.level == BRANCH:
            tree.make_branch_schema(organisation.id, lambda: seed_branch(organisation.name))
    return organisation


def update(organisation_id: int, data: dict[str, Any]) -> Organisation:
    with keeper_transaction():
        record = get(organisation_id)
        values = _clean(data, record)
        values.pop("level")
        Organisation.update(**values, row_version=Organisation.row_version + 1).where(
            Organisation.id == organisation_id).execute()
    return get(organisation_id)


def delete(organisation_id: int) -> None:
    """Remove an organisation with nothing under it, no user and, for a 党支部, no records."""
    with keeper_transaction():
        record = get(organisation_id)
        reasons = []
        if record.children.count():
            reasons.append(f"下属组织 {record.children.count()} 个")
        if record.users.count():
            reasons.append(f"用户 {record.users.count()} 个")
        if record.level == BRANCH and not tree.branch_is_empty(record.id):
            reasons.append("党员、会议等记录")
        if reasons:
            raise ReferencedError(f"“{record.name}”还有{'、'.join(reasons)}，不能删除；请先移走或删除它们。")
        record.delete_instance()
        if record.level == BRANCH:
            tree.drop_branch_schema(record.id)


def find(text: str) -> Organisation:
    """An organisation by its number or its name; LookupError (its message Chinese) when none or several match."""
    text = (text or "").strip()
    if text.isdigit():
        found = Organisation.get_or_none(Organisation.id == int(text))
        if found is None:
            raise LookupError(f"没有编号为 {text} 的组织。")
        return found
    matches = list(Organisation.select().where(Organisation.name == text))
    if not matches:
        raise LookupError(f"没有名为“{text}”的组织；可用 tree 命令查看组织和编号。")
    if len(matches) > 1:
        raise LookupError(f"有 {len(matches)} 个组织名为“{text}”：" + "；".join(
            f"编号 {m.id}（{path_of(m.id)}）" for m in matches) + "。请写编号。")
    return matches[0]

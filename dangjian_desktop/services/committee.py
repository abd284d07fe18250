"""The branch committee: who holds which post, and saving the branch settings with the posts in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dangjian_desktop.domain.rules.membership import on_rolls_expr
from dangjian_desktop.domain.validation import Problem, ValidationError
from dangjian_desktop.services.member import members
from dangjian_desktop.services.settings import BranchSettings, save_settings
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import COMMITTEE_POSTS, PARTY_POSTS, Member


@dataclass(frozen=True)
class PostHolder:
    member_id: int
    name: str
    party_group: str
    party_post: str


def post_holders(today: dt.date | None = None) -> list[PostHolder]:
    """Members on the rolls today with their posts: post holders first (in the order of the posts), then by name."""
    today = today or dt.date.today()
    query = (Member.select(Member.id, Member.name, Member.party_group, Member.party_post)
             .where(on_rolls_expr(today))
             .tuples())
    rows = [PostHolder(*row) for row in query]
    order = {post: i for i, post in enumerate(PARTY_POSTS)}
    return sorted(rows, key=lambda r: (order.get(r.party_post, len(order)), r.name))


def committee_members(day: dt.date | None = None) -> list[PostHolder]:
    """The holders of the committee posts on `day` (today by default), 书记 first."""
    return [h for h in post_holders(day) if h.party_post in COMMITTEE_POSTS]


def save_branch(settings: dict[str, Any], posts: dict[int, str]) -> BranchSettings:
    """Store the settings and the members' posts (member id → post, '' for none) in one transaction.

    Each committee post (书记, 副书记, 组织委员, 宣传委员, 纪检委员) is held by one person at most;
    党小组长 by any number. Raises ValidationError with every problem; nothing is written then.
    """
    with db.atomic():
        current = dict(Member.select(Member.id, Member.party_post).tuples())
        problems = [Problem("posts", f"党内职务“{post}”不在可选范围内。")
                    for post in set(posts.values()) if post and post not in PARTY_POSTS]
        final = {**current, **{i: p for i, p in posts.items() if i in current}}
        names = dict(Member.select(Member.id, Member.name).where(Member.id.in_(list(final))).tuples())
        for post in COMMITTEE_POSTS:
            holders = [names[i] for i, p in final.items() if p == post]
            if len(holders) > 1:
                problems.append(Problem("posts", f"“{post}”只能由一人担任，现为：{'、'.join(sorted(holders))}。"))
        try:
            saved = save_settings(**settings)  # rolled back below if the posts are refused
        except ValidationError as exc:
            problems = exc.problems + problems
        if problems:
            raise ValidationError(problems)
        for member_id, post in posts.items():
            if member_id in current and current[member_id] != post:
                members.update(member_id, {"party_post": post})
    return saved

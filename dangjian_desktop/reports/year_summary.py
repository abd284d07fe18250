"""The year-end work summary: its sections, a default draft written from the records, the saved draft, the filled text.

The draft is the user's wording, one text per section, stored per year in `SummaryDraft`; it may hold
placeholders such as {主题党日次数} that are filled from the year's figures when it is shown or printed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from dangjian_desktop.domain.validation import Checker
from dangjian_desktop.queries.figures import (
    PLACEHOLDER_RE,
    YearFigures,
    activity_placeholder,
    fill_placeholders,
    placeholder_values,
    year_figures,
)
from dangjian_desktop.store.connection import db
from dangjian_desktop.store.models import SummaryDraft

# The three numbered parts of the body: (key, default heading).
PARTS = (("work", "主要工作完成情况"), ("problems", "存在的问题和原因"), ("measures", "整改措施"))
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class SectionSpec:
    key: str
    label: str  # what the editor calls it
    multiline: bool
    max_length: int


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("title", "标题", False, 60),
    SectionSpec("author", "署名（标题下）", False, 60),
    SectionSpec("date", "成文日期", False, 20),
    SectionSpec("work_heading", "第一部分标题", False, 40),
    SectionSpec("work", "一、主要工作完成情况", True, 20_000),
    SectionSpec("problems_heading", "第二部分标题", False, 40),
    SectionSpec("problems", "二、存在的问题和原因", True, 20_000),
    SectionSpec("measures_heading", "第三部分标题", False, 40),
    SectionSpec("measures", "三、整改措施", True, 20_000),
    SectionSpec("closing", "结束语", True, 5_000),
    SectionSpec("signature", "落款", False, 60),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)


@dataclass(frozen=True)
class Draft:
    year: int
    sections: dict[str, str]
    saved_at: dt.datetime | None  # None: not saved yet, this is the default written from the records


@dataclass(frozen=True)
class Block:
    """One printed paragraph: level "heading" (一、, 黑体), "subheading" (（一）, 楷体) or "body" (仿宋)."""

    level: str
    text: str


@dataclass(frozen=True)
class FilledSummary:
    year: int
    title: str
    author: str
    date: str
    blocks: list[Block]
    signature: str


# -- the default draft ---------------------------------------------------------------------------------

def default_draft(year: int, f: YearFigures | None = None) -> dict[str, str]:
    """A complete summary in the shape of the seed, with placeholders for every figure the records give."""
    f = f or year_figures(year)
    return {
        "title": "{年度}年党建工作总结",
        "author": "{支部名称}",
        "date": "{成文日期}",
        "work_heading": PARTS[0][1],
        "work": "\n".join(_work_paragraphs(f)),
        "problems_heading": PARTS[1][1],
        "problems": "\n".join(_problem_paragraphs(f)),
        "measures_heading": PARTS[2][1],
        "measures": "\n".join(_measure_paragraphs(f)),
        "closing": "新的一年，{支部名称}将以高度的政治责任感和使命感，团结带领支部全体党员，深入学习贯彻习近平新时代"
                   "中国特色社会主义思想，全面落实党的教育方针，以高质量党建引领学校高质量发展，为培养德智体美劳全面"
                   "发展的社会主义建设者和接班人贡献力量！",
        "signature": "{支部名称}",
    }


def _work_paragraphs(f: YearFigures) -> list[str]:
    meetings = f.meetings_by_kind
    lectures = ("党课{党课次数}次（其中书记党课{书记党课次数}次）" if meetings.get("党课", 0) > f.secretary_lectures
                else "书记党课{书记党课次数}次")
    counted = ["主题党日{主题党日次数}次", lectures, "召开支部会议{支部会议次数}次", "党员大会{党员大会次数}次"]
    if meetings.get("党小组会"):
        counted.append("党小组会{党小组会次数}次")
    life = [text for kind, text in (("组织生活会", "召开组织生活会{组织生活会次数}次"),
                                    ("民主评议党员", "开展民主评议党员{民主评议党员次数}次")) if meetings.get(kind)]
    paragraphs = [
        "本年度，{支部名称}全体党员坚持以习近平新时代中国特色社会主义思想为指导，坚持党对学校工作的全面领导，"
        "认真落实“三会一课”等组织生活制度，推动党建工作与教育教学有机融合。",
        "1.理论学习常态化，筑牢信仰之基。落实“第一议题”制度，利用“三会一课”和主题党日，以党员领学、书记党课等"
        f"方式组织全体党员系统学习党的创新理论。本年度，共开展{'，'.join(counted)}"
        + (f"，{'，'.join(life)}" if life else "") + "。",
    ]
    paragraphs.append(_bases_paragraph(f))
    lessons = [_activity_phrase(f, name, ROLE_VERBS[role](name))
               for role in ROLE_VERBS for name in f.activities_by_category if f.category_roles.get(name) == role]
    development = ["转正预备党员{转正人数}人"] if f.new_full_members else []
    development += ["接收预备党员{新接收预备党员人数}人"] if f.new_probationary else []
    development += ["确定入党积极分子{新确定积极分子人数}人"] if f.new_activists else []
    development += ["确定发展对象{新确定发展对象人数}人"] if f.new_candidates else []
    development += ["培养入党积极分子和发展对象{培养对象人数}人"] if f.in_development else []
    done = [p for p in lessons if p] + development
    paragraphs.append("3.岗位示范作表率，发挥引领之力。党员教师立足岗位，课堂示范、结对带教、护学服务走在前列；"
                      "积极启动双培养机制，把优秀青年教师吸纳到党的队伍中来。"
                      + (f"本年度共{'，'.join(done)}。" if done else ""))
    others = [_activity_phrase(f, name, ACTIVITY_VERBS.get(name, "开展" + name)) for name in f.activities_by_category
              if name not in f.category_roles]
    others = [p for p in others if p]
    if others:
        items = "；".join(f"（{n}）{phrase}" for n, phrase in enumerate(others, 1))
        paragraphs.append("4.丰富活动促融合，擦亮党建品牌。围绕立德树人根本任务，把党建工作与教育教学有机融合，"
                          f"组织党员教师在活动中锤炼党性、服务师生。{items}。")
    return paragraphs


# How the summary tells of an activity category, where a plain 开展 would read badly.
ACTIVITY_VERBS = {
    "师德讲堂": "精心筹划，高质量开展师德讲堂",
    "志愿服务": "组织党员教师参加志愿服务",
    "红色教育": "走进红色阵地开展红色教育",
    "护学岗": "党员教师上好“护学岗”",
    "共建活动": "与结对单位开展共建活动",
    "法治教育": "走进法治基地开展法治教育",
}


NAMED = 6  # how many names of a kind of partner a sentence lists before 等


def _names(names: list[str]) -> str:
    """The first few names, for a sentence that goes on with 等 and the count."""
    return "、".join(names[:NAMED])


def _bases_paragraph(f: YearFigures) -> str:
    """The 阵地 paragraph in the seed's shape: the school's own places, then the partners and the bases outside,
    each named, with how many there are and what was added this year."""
    kinds = f.partners_by_kind
    text = "2.阵地建设聚合力，拓展育人空间。"
    inside, outside = kinds.get("校内阵地", []), []
    if inside:
        more = "等" if len(inside) > NAMED else ""
        text += f"（1）校内：{_names(inside)}{more}布局合理、常态开放，为党员学习和服务师生提供阵地。"
    if kinds.get("结对共建单位"):
        outside.append(f"一是持续开展党建结对，与{_names(kinds['结对共建单位'])}等{len(kinds['结对共建单位'])}个单位结对共建"
                       + (f"，加入了{_names(kinds['思政联盟'])}" if kinds.get("思政联盟") else ""))
    bases = [(kind, kinds[kind]) for kind in ("红色教育基地", "法治教育基地") if kinds.get(kind)]
    if bases:
        outside.append(f"{'二' if outside else '一'}是不断拓展校外基地，依托"
                       + "，".join(f"{_names(names)}等{len(names)}个{kind}" for kind, names in bases)
                       + "开展党性教育和法治教育")
    if outside:
        text += f"（{'2' if inside else '1'}）校外：" + "；".join(outside) + "。"
    if f.new_partners:
        text += "本年度新增共建单位与阵地{新增共建单位数}个：{新增共建单位}。"
    return text


# How the summary tells what was done in the categories of a role, by the category's name as it is now.
ROLE_VERBS = {
    "lesson": lambda name: "开设" + (name if name.startswith("党员") else "党员" + name),
    "lecture": lambda name: "开展" + name,
}


def default_year(today: dt.date | None = None) -> int:
    """The year being summed up: this year from July on, last year in its first half."""
    today = today or dt.date.today()
    return today.year if today.month >= 7 else today.year - 1


def _activity_phrase(f: YearFigures, name: str, verb: str) -> str:
    total, unit = f.activities_by_category.get(name, (0, ""))
    return f"{verb}{{{activity_placeholder(name, unit)}}}{unit}" if total else ""


def _problem_paragraphs(f: YearFigures) -> list[str]:
    items = f.rectifications
    if not items:
        return ["对照党章党规和上级要求，支部在理论学习的系统性、党建与业务融合的深度、品牌建设的特色等方面仍有不足，"
                "原因主要是学习机制不够完善、工作方法创新不够。"]
    lines = ["1.主要问题："]
    lines += [f"（{n}）{_sentence(r.problem)}" for n, r in enumerate(items, 1)]
    causes = [r.cause for r in items if r.cause]
    if causes:
        lines.append("2.原因剖析：")
        lines += [f"（{n}）{_sentence(c)}" for n, c in enumerate(causes, 1)]
    return lines


def _measure_paragraphs(f: YearFigures) -> list[str]:
    measures = [r.measure for r in f.rectifications if r.measure]
    if not measures:
        return ["1.强化理论学习，完善“共性+个性”学习机制，推动学习成果转化为教育教学实效。",
                "2.坚持问题导向，深入师生和家长听取意见建议，部门联动抓好整改落实。"]
    lines = [f"{n}.{_sentence(m)}" for n, m in enumerate(measures, 1)]
    overdue = sum(1 for r in f.rectifications if r.overdue)
    lines.append("截至年底，{整改事项数}项整改事项已完成{整改完成数}项，其余按整改时限推进"
                 + (f"，其中{overdue}项已超过整改时限，须加快推进" if overdue else "") + "。")
    return lines


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith(("。", "！", "？", "；")) else text + "。"


# -- the saved draft ------------------------------------------------------------------------------

def load_draft(year: int) -> Draft:
    """The saved draft of `year`, or the default written from the records when none is saved."""
    row = SummaryDraft.get_or_none(SummaryDraft.year == year)
    if row is None:
        return Draft(year, default_draft(year), None)
    stored = json.loads(row.sections or "{}")
    default = None
    sections = {}
    for key in SECTION_KEYS:
        if isinstance(stored.get(key), str):
            sections[key] = stored[key]
        else:  # a section added after the draft was saved
            default = default or default_draft(year)
            sections[key] = default[key]
    return Draft(year, sections, row.updated_at)


def save_draft(year: int, sections: dict[str, str]) -> Draft:
    """Check and store the draft of `year` in one transaction; raises ValidationError listing every problem."""
    c = Checker()
    if not 1900 <= year <= 2100:
        c.add("year", "年度应在1900至2100之间。")
    unknown = set(sections) - set(SECTION_KEYS)
    if unknown:
        raise ValueError(f"unknown summary sections: {sorted(unknown)}")
    clean = {}
    for spec in SECTIONS:
        clean[spec.key] = c.text(spec.key, spec.label, sections.get(spec.key, ""), required=spec.key == "title",
                                 max_length=spec.max_length, multiline=spec.multiline)
    c.raise_if_errors()
    now = dt.datetime.now()
    with db.atomic():
        text = json.dumps(clean, ensure_ascii=False)
        (SummaryDraft.insert(year=year, sections=text, updated_at=now)
         .on_conflict(conflict_target=[SummaryDraft.year], update={SummaryDraft.sections: text,
                                                                   SummaryDraft.updated_at: now}).execute())
    return Draft(year, clean, now)


# -- filling and laying out ------------------------------------------------------------------------

HEADING_RE = re.compile(r"^[一二三四五六七八九十]+、")
SUBHEADING_RE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
HALF_WIDTH_NUMBER_RE = re.compile(r"\(([0-9]{1,2}|[一二三四五六七八九十]{1,3})\)")  # (1) → （1）, one style throughout


def unknown_placeholders(sections: dict[str, str], values: dict[str, str]) -> list[str]:
    """Placeholder names in the text that no figure fills (a typo, or a category that was renamed)."""
    names = [m.group(1) for text in sections.values() for m in PLACEHOLDER_RE.finditer(text)]
    return list(dict.fromkeys(n for n in names if n not in values))


def fill(year: int, sections: dict[str, str] | None = None, values: dict[str, str] | None = None) -> FilledSummary:
    """The summary of `year` (the saved or default draft, or `sections`) with every placeholder filled from
    `values` (the year's figures when not given), cut into printed paragraphs."""
    if sections is None:
        sections = load_draft(year).sections
    if values is None:
        values = placeholder_values(year_figures(year))

    def text(key: str) -> str:
        return fill_placeholders(sections.get(key, ""), values).strip()

    blocks = []
    for number, (key, _heading) in enumerate(PARTS):
        blocks.append(Block("heading", f"{NUMERALS[number]}、{text(key + '_heading')}"))
        blocks += paragraphs(text(key))
    blocks += paragraphs(text("closing"))
    return FilledSummary(year, text("title"), text("author"), text("date"), blocks, text("signature"))


def paragraphs(text: str) -> list[Block]:
    """One block per non-empty line, its level told by how it starts; every (1) and (一) written （1） and （一）."""
    blocks = []
    for line in text.splitlines():
        line = HALF_WIDTH_NUMBER_RE.sub(r"（\1）", line.strip())
        if not line:
            continue
        level = "heading" if HEADING_RE.match(line) else "subheading" if SUBHEADING_RE.match(line) else "body"
        blocks.append(Block(level, line))
    return blocks

"""What an import found: every problem by sheet, row and column, the notices, and what it wrote or would write
(new rows, rows the same as a record there, and the changes to records there)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ImportProblem:
    sheet: str
    row: int | None
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"“{self.sheet}”表" + (f"第{self.row}行" if self.row else "")
        return f"{where}{' ' + self.column if self.column else ''}：{self.reason}"


@dataclass(frozen=True)
class Update:
    """A row of a record already there whose cells differ from it: what would change (label, old, new)."""

    sheet: str
    row: int
    record: str  # how the record is called
    changes: tuple[tuple[str, str, str], ...]

    def __str__(self) -> str:
        what = "；".join(f"{label}：{old or '（空）'} → {new}" for label, old, new in self.changes)
        return f"“{self.sheet}”表第{self.row}行（{self.record}）：{what}"


@dataclass
class ImportReport:
    problems: list[ImportProblem] = field(default_factory=list)
    notices: list[ImportProblem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # sheet title → new rows imported (or importable)
    unchanged: dict[str, int] = field(default_factory=dict)  # sheet title → rows the same as a record there
    updates: list[Update] = field(default_factory=list)  # rows of records there that differ from them
    updated: bool = False  # the updates were written too
    old_id_numbers: int = 0  # rows with a 15-digit 身份证号 kept as it is (an upgrade can be asked for)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """新增、未变、更新 in one line, by sheet."""
        parts = [f"{sheet}新增 {n} 条" for sheet, n in self.counts.items()]
        parts += [f"{sheet} {n} 条与已有记录相同" for sheet, n in self.unchanged.items()]
        if self.updates:
            parts.append(f"已更新已有记录 {len(self.updates)} 条" if self.updated
                         else f"{len(self.updates)} 条已有记录与表中不同（{'未更新' if self.written else '可更新'}）")
        return "，".join(parts) or "没有需要导入的行"

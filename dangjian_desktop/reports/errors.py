"""The errors a report can end with: each message is Chinese and says what to change."""

from __future__ import annotations


class ReportError(Exception):
    """The report cannot be made as asked (no such meeting, nothing recorded, a path that cannot be written)."""


class NothingToPrint(ReportError):
    """The records hold nothing this report would print (a year without talks); a year archive leaves it out."""


class ReportCancelled(ReportError):
    """The user stopped a report while it was being built; nothing was written."""

    def __init__(self) -> None:
        super().__init__("已取消，未生成文件。")

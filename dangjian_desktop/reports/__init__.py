"""Printouts: registers, sign-in sheets, ledgers and the year-end summary (reportlab loads only when one is built)."""

from dangjian_desktop.reports.errors import ReportCancelled, ReportError
from dangjian_desktop.reports.registry import KINDS, ReportKind, build_report, register_kind

__all__ = ["KINDS", "ReportCancelled", "ReportError", "ReportKind", "build_report", "register_kind"]

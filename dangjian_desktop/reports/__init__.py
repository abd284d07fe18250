"""Printouts: registers, sign-in sheets, ledgers and the year-end summary (reportlab loads only when one is built)."""

from .errors import ReportCancelled, ReportError
from .registry import KINDS, ReportKind, build_report, register_kind

__all__ = ["KINDS", "ReportCancelled", "ReportError", "ReportKind", "build_report", "register_kind"]

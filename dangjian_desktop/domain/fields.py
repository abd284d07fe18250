"""A record field as declared once: name, Chinese label, kind of value, choices, limits.

The services validate from these declarations, the dialogs build their widgets from them, and the
history, the Excel sheets and the printouts take their column names from them. The kinds of value are a
closed set: each has a cleaner (services.base), an editor (ui.field_widgets) and an Excel reader
(excel.importer), and a test checks that none is missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from dangjian_desktop.common.dates import date_label
from dangjian_desktop.common.money import yuan


class FieldKind(str, Enum):
    TEXT = "text"  # one line
    MULTILINE = "multiline"
    CHOICE = "choice"  # one of `choices`
    SUGGEST = "suggest"  # free text with suggestions
    PHONE = "phone"
    DATE = "date"
    TIME = "time"  # "HH:MM"
    INT = "int"
    MONEY = "money"  # an amount in 元 to the 分, stored as integer 分 (`maximum` in 元)
    REFERENCE = "reference"  # the id of a record of the kind named by `references`


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: FieldKind = FieldKind.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int = 200
    minimum: int = 0
    maximum: int = 100_000
    not_future: bool = False
    hint: str = ""
    references: str = ""  # for a REFERENCE: the table of the kind referred to
    partial: bool = False  # a DATE that may be known only to the month or year (出生年月 1966.02)
    personal: bool = False  # a person's 身份证号 or phone: masked wherever it is kept beyond the record

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", FieldKind(self.kind))  # an unknown kind fails here, at import
        if (self.kind is FieldKind.REFERENCE) != bool(self.references):
            raise ValueError(f"field {self.name}: a reference names the kind it refers to, nothing else does")

    @property
    def is_reference(self) -> bool:
        return self.kind is FieldKind.REFERENCE

    def text_of(self, value: object) -> str:
        """The field's stored value as the lists, the history and the detail pane show it."""
        return yuan(value) if self.kind is FieldKind.MONEY and isinstance(value, int) else display_text(value)


def masked(text: str) -> str:
    """A personal number with its middle hidden: 4401**********1234, 138****5678; short ones wholly."""
    text = str(text or "")
    if len(text) <= 6:
        return "*" * len(text)
    keep = 4 if len(text) >= 15 else 3
    return text[:keep] + "*" * (len(text) - keep - 4) + text[-4:]


def display_text(value: object) -> str:
    """A stored value as the lists, the history and the detail pane show it: dates as 2025-07-01, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return date_label(value)
    return str(value)

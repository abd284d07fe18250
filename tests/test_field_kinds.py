"""The kinds of field are a closed set, and each has a cleaner, an editor and an Excel reader; the record
kinds are declared once and everything else is derived from them."""

from __future__ import annotations

import pytest

from dangjian_desktop.domain.fields import Field, FieldKind
from dangjian_desktop.domain.kinds import KINDS
from dangjian_desktop.excel.cell_reader import READERS
from dangjian_desktop.excel.columns import ALL_SHEETS
from dangjian_desktop.excel.importer import IMPORT_ORDER
from dangjian_desktop.services.base import CLEANERS
from dangjian_desktop.services.registry import SERVICES
from dangjian_desktop.store.models import ALL_MODELS
from ui.field_widgets import EDITORS


def test_every_kind_of_field_has_a_cleaner_an_editor_and_an_excel_reader():
    assert set(CLEANERS) == set(FieldKind)
    assert set(EDITORS) == set(FieldKind)
    assert set(READERS) == set(FieldKind)


def test_an_unknown_kind_of_field_is_refused_when_declared():
    with pytest.raises(ValueError):
        Field("x", "某项", "colour")
    with pytest.raises(ValueError):
        Field("host", "主持人", FieldKind.REFERENCE)  # a reference names the kind it refers to
    assert Field("d", "日期", "date").kind is FieldKind.DATE


def test_every_declared_field_is_a_column_of_its_model_and_references_a_kind():
    for table, kind in KINDS.items():
        assert kind.model in ALL_MODELS and kind.table == table
        columns = kind.model._meta.fields
        assert kind.title_field in columns
        for f in kind.fields:
            assert f.name in columns, (table, f.name)
            if f.is_reference:
                assert f.references in KINDS, (table, f.name)
                assert columns[f.name].rel_model is KINDS[f.references].model
        for name in (*kind.search_names, *kind.search_texts, *kind.order):
            assert name in columns, (table, name)
        for key in kind.sheet.duplicate_keys:
            assert set(key.fields) <= {f.name for f in kind.fields} and set(key.optional) <= set(key.fields)


def test_services_sheets_and_the_import_order_come_from_the_kinds():
    assert set(SERVICES) == set(KINDS)
    assert all(service.kind is KINDS[table] for table, service in SERVICES.items())
    assert {spec.kind for spec in ALL_SHEETS} == set(KINDS) | {"attendance"}
    order = [k.table for k in IMPORT_ORDER]
    assert sorted(order) == sorted(KINDS)
    for kind in IMPORT_ORDER:  # what a record refers to is imported before it
        for f in kind.fields:
            if f.is_reference:
                assert order.index(f.references) < order.index(kind.table), (kind.table, f.name)

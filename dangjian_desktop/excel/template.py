"""The import template: empty 党员, 会议, 出席情况 and 活动 sheets with drop-down lists, and a 填写说明 sheet
with the rules of each column and a filled-in example of each sheet."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from dangjian_desktop.domain import kinds
from dangjian_desktop.domain.fields import FieldKind
from dangjian_desktop.excel.columns import INSTRUCTIONS_TITLE, TEMPLATE_SHEETS, Column, SheetSpec
from dangjian_desktop.excel.export import DATE_FORMAT, TEXT_COLUMNS, save_workbook, write_header
from dangjian_desktop.store.models import ActivityCategory

TEMPLATE_ROWS = 500  # rows prepared with text and date formats and drop-down lists
KIND_HINTS = {FieldKind.DATE: "日期", FieldKind.TIME: "时:分，如 14:30", FieldKind.INT: "整数",
              FieldKind.MONEY: "金额（元），如 35.60"}
DATE_HINT = "日期可写成 2021-07-01、2021/7/1、2021.07、2021年7月1日，或用 Excel 的日期格式"


# One filled-in row per sheet, shown on the 填写说明 sheet under the sheet's own headers (not on the data sheets:
# an example left there would be imported as a member). Columns not named here are left empty in the example.
EXAMPLES = {
    "党员": {"name": "王晓红", "gender": "女", "ethnicity": "汉族", "birth_date": "1988-05-12",
             "id_number": "320402198805120022", "education": "大学本科", "job_title": "语文教师",
             "party_group": "第一党小组", "phone": "13912345678", "applied_on": "2009-10-08",
             "activist_on": "2010-04-15", "candidate_on": "2011-04-20", "probation_on": "2011-06-28",
             "full_on": "2012-06-28", "status": "正常"},
    "会议": {"kind": "支委会", "date": "2025-03-05", "start_time": "15:30", "end_time": "16:30",
             "place": "党员活动室", "topic": "研究三月份主题党日安排", "host": "王晓红", "recorder": "王晓红",
             "first_topic": "学习习近平总书记最新重要讲话精神", "minutes": "王晓红：……"},
    "出席情况": {"meeting_date": "2025-03-05", "meeting_kind": "支委会", "meeting_topic": "研究三月份主题党日安排",
                 "name": "王晓红", "status": "出席"},
    "活动": {"category": "专题讲座", "title": "学习贯彻党的二十届四中全会精神专题讲座", "date": "2025-11-12",
             "place": "学校报告厅", "participant_count": "32", "quantity": "1"},
}


def write_template(out: str | Path) -> Path:
    """Write the template; the category list comes from the open database when there is one."""
    out = Path(out)
    book = Workbook()
    book.remove(book.active)
    instructions = book.create_sheet(INSTRUCTIONS_TITLE)
    for spec in TEMPLATE_SHEETS:
        _sheet(book.create_sheet(spec.title), spec)
    _instructions(instructions)
    book.active = 1
    save_workbook(book, out)
    return out


def _choices(column: Column) -> tuple[str, ...]:
    if column.references == kinds.CATEGORY.table:  # the few categories: a drop-down list
        return tuple(c.name for c in ActivityCategory.select().order_by(ActivityCategory.sort_order))
    return column.choices if column.kind is FieldKind.CHOICE else ()


def _reference_hint(column: Column) -> str:
    """A reference is written as what names the record referred to: 填写党员姓名."""
    referred = kinds.kind(column.references)
    return f"填写{referred.label}{referred.field_label(referred.title_field)}"


def _sheet(sheet, spec: SheetSpec) -> None:
    from openpyxl.utils import get_column_letter

    write_header(sheet, spec, mark_required=True)
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        choices = _choices(column)
        if choices and len(",".join(choices)) < 250:  # Excel's limit for an inline list
            validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                        showErrorMessage=True)
            validation.error = f"请从下拉列表中选择{column.label}。"
            validation.errorTitle = column.label
            sheet.add_data_validation(validation)
            validation.add(cells)
        if column.name in TEXT_COLUMNS or column.kind is FieldKind.DATE:
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@" if column.name in TEXT_COLUMNS else DATE_FORMAT


def _instructions(sheet) -> None:
    sheet.append(["党建台账导入模板 填写说明"])
    sheet["A1"].font = Font(bold=True, size=14)
    notes = [
        "1. 每张表第一行是表头，请勿修改表头文字；带 * 的列必须填写。不需要的列可以删除，列的顺序可以调整。",
        "2. 身份证号、联系电话两列已设为文本格式，请直接输入，不要让 Excel 变成科学计数法。",
        f"3. {DATE_HINT}。",
        "4. 出席情况表按会议日期、会议类型、会议主题（党小组会还有会议党小组）对应到“会议”表中的会议，按姓名对应党员；请假、缺席须写原因。",
        "5. 主持人、记录人、授课人填写党员姓名，该党员须已在系统中或在本工作簿的“党员”表中。",
        "6. 导入前程序会先检查全部内容并列出每个问题（表、行、列、原因）；有问题时一条也不会写入，改好后再导入即可。",
        "7. 与系统中已有记录重复的行（同一身份证号，或姓名和出生日期都相同）会被跳过，不会重复录入。",
        "8. 每张表的填写示例见本页最下方（示例不会被导入）。",
        "",
    ]
    for note in notes:
        sheet.append([note])
    sheet.append(["表", "列", "是否必填", "说明"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for spec in TEMPLATE_SHEETS:
        for column in spec.columns:
            choices = _choices(column)
            hint = "；".join(x for x in (
                column.hint,
                f"可选：{'、'.join(choices)}" if choices else "",
                KIND_HINTS.get(column.kind, ""),
                _reference_hint(column) if column.references and not choices else "",
                f"也可写作：{'、'.join(column.aliases)}" if column.aliases else "",
            ) if x)
            sheet.append([spec.title, column.label, "是" if spec.must_fill(column) else "", hint])
    for letter, width in {"A": 14, "B": 20, "C": 10, "D": 90}.items():
        sheet.column_dimensions[letter].width = width
    _examples(sheet)


def _examples(sheet) -> None:
    """Under the notes: for each sheet, its headers and one filled-in example row."""
    sheet.append([])
    sheet.append(["填写示例（只是示例，请在各工作表中从第2行起填写；本页的内容不会被导入）"])
    sheet[sheet.max_row][0].font = Font(bold=True, size=12)
    for spec in TEMPLATE_SHEETS:
        example = EXAMPLES.get(spec.title, {})
        sheet.append([])
        sheet.append([f"“{spec.title}”表："])
        sheet[sheet.max_row][0].font = Font(bold=True)
        sheet.append([column.label for column in spec.columns])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True, color="555555")
        sheet.append([example.get(column.name, "") for column in spec.columns])

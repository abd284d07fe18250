"""The meeting dialog: the record dialog plus the attendance list, re-filled when type, date or group change."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from dangjian_desktop.services.meeting import missing_for_register

from .attendance_widget import AttendanceEditor
from .field_widgets import Editor
from .record_dialog import FormSpec, RecordDialog


class MeetingDialog(RecordDialog):
    def __init__(self, spec: FormSpec, record_id: int | None = None, parent: QWidget | None = None):
        super().__init__(spec, record_id, parent)
        self.editors["kind"].committed.connect(self.update_attendance)
        self.editors["date"].committed.connect(self.update_attendance)
        self.editors["party_group"].committed.connect(self.update_attendance)

    def extra_editors(self) -> dict[str, Editor]:
        self.attendance = AttendanceEditor()
        return {"attendance": self.attendance}

    def _load(self) -> None:
        super()._load()
        saved = self.attendance.value()
        self.attendance.unregistered = self.record_id is not None and not saved
        self._set_context(refill=not saved)

    def save(self) -> bool:
        """Save, after a question when the register would lack its 主持人, 记录人 or 地点."""
        missing = missing_for_register(self.values())
        if missing and self.would_save():
            answer = QMessageBox.question(
                self, "保存会议", f"本次会议没有填写{'、'.join(missing)}，打印的会议记录上这些栏目将是空的。\n仍要保存吗？",
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if answer != QMessageBox.Yes:
                return False
        return super().save()

    def update_attendance(self) -> None:
        """List the members expected for the meeting's current type, date and group."""
        self._set_context(refill=True)

    def _set_context(self, refill: bool) -> None:
        e = self.editors
        self.attendance.set_context(e["kind"].value(), e["date"].value(), e["party_group"].value(), refill)

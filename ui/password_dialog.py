"""Asking for the password of an encrypted backup or archive: twice when it is set (with the rule and a warning
that a forgotten one cannot be recovered), once when a file is opened."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from dangjian_desktop.store.encrypted import MIN_PASSWORD


class PasswordDialog(QDialog):
    def __init__(self, title: str, text: str, confirm: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.confirm = confirm
        note = QLabel(text, self)
        note.setWordWrap(True)
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.Password)
        self.second = QLineEdit(self)
        self.second.setEchoMode(QLineEdit.Password)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.hide()
        form = QFormLayout()
        form.addRow("密码：", self.first)
        if confirm:
            form.addRow("再输入一次：", self.second)
        else:
            self.second.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def check(self) -> bool:
        """Accept when the password keeps the rule (and is typed the same twice); else say what is wrong."""
        message = ""
        if self.confirm and len(self.first.text()) < MIN_PASSWORD:
            message = f"密码至少{MIN_PASSWORD}位。"
        elif self.confirm and self.first.text() != self.second.text():
            message = "两次输入的密码不一致。"
        elif not self.first.text():
            message = "请输入密码。"
        if message:
            self.problem.setText(message)
            self.problem.show()
            return False
        self.accept()
        return True

    def password(self) -> str:
        return self.first.text()


def ask_password(parent: QWidget | None, title: str, text: str, confirm: bool) -> str | None:
    """The password typed, or None when cancelled."""
    dialog = PasswordDialog(title, text, confirm, parent)
    return dialog.password() if dialog.exec() else None


SET_TEXT = (f"备份（或档案）将用 AES-256 加密，只有输入这个密码才能打开；其中的身份证号、电话等不会以明文离开本机。"
            f"密码至少{MIN_PASSWORD}位。请牢记：忘记密码后无法恢复。")

"""Encrypted zip files for a USB stick: AES-256 (WinZip AE-2, through pyzipper), so a backup or a year archive
with 身份证号 and phone numbers is unreadable without its password, and 7-Zip or WinRAR can open it anywhere.

The plain files are prepared on this PC (a temporary folder beside the database); only encrypted bytes are
written to the target, into a part file moved into place when complete. A wrong password is said as such and
nothing is written.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable
from pathlib import Path

from dangjian_desktop.store.connection import DatabaseError
from dangjian_desktop.store.faults import disk_fault

MIN_PASSWORD = 8
STORED = (".jpg", ".jpeg", ".png", ".pdf", ".zip", ".docx", ".xlsx")  # compressed already


class PasswordError(DatabaseError):
    """The password is too short, or does not open the file; nothing was written."""


def check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise PasswordError(f"密码至少{MIN_PASSWORD}位。请记住这个密码：忘记后备份无法打开。")
    return password


def write_encrypted(out: Path, entries: Iterable[tuple[Path, str]], password: str) -> Path:
    """Write (file, name inside) pairs into an AES-encrypted zip at `out`, replaced only once complete."""
    import pyzipper

    check_password(password)
    part = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        with pyzipper.AESZipFile(part, "w", compression=zipfile.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as z:
            z.setpassword(password.encode("utf-8"))
            z.setencryption(pyzipper.WZ_AES, nbits=256)
            for path, name in entries:
                kind = zipfile.ZIP_STORED if path.suffix.lower() in STORED else zipfile.ZIP_DEFLATED
                z.write(path, name, compress_type=kind)
        os.replace(part, out)
    except OSError as exc:
        fault = disk_fault(exc, out)
        raise (fault or DatabaseError(f"无法写入 {out}：{exc.strerror or exc}。")) from exc
    finally:
        part.unlink(missing_ok=True)
    return out


def is_encrypted(path: Path) -> bool:
    """A zip whose members are encrypted (a backup of ours, or another's)."""
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as z:
        return any(info.flag_bits & 0x1 for info in z.infolist())


def extract_encrypted(path: Path, password: str, into: Path) -> list[Path]:
    """Every member of an encrypted zip, decrypted into the folder `into`; a wrong password raises PasswordError
    before anything is written there."""
    import pyzipper

    try:
        with pyzipper.AESZipFile(path) as z:
            z.setpassword((password or "").encode("utf-8"))
            names = [n for n in z.namelist() if not n.endswith("/")]
            if not names:
                raise DatabaseError(f"{path.name} 里没有文件。")
            try:
                z.read(names[0])  # the password checked on the first member before any is written
            except RuntimeError as exc:
                raise PasswordError(f"密码不正确，无法打开 {path.name}。请注意大小写。") from exc
            written = []
            for name in names:
                target = (into / name).resolve()
                if not target.is_relative_to(into.resolve()):  # a member named ../../ stays inside
                    raise DatabaseError(f"{path.name} 中的文件名不安全（{name}），已拒绝。")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(name))
                written.append(target)
            return written
    except (zipfile.BadZipFile, pyzipper.BadZipFile, EOFError) as exc:
        raise DatabaseError(f"{path.name} 已损坏或不是本程序的加密备份。") from exc

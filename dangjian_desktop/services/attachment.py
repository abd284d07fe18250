"""Attachments: photos, scans and documents added to any record, several at once, each with a caption. Images
are turned upright and made no larger than the set long side (the original kept only when asked for); the
same file added twice to a record is kept once. Removing one keeps it (restorable) until the record goes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from dangjian_desktop.common.images import IMAGE_SUFFIXES, ImageError, prepared
from dangjian_desktop.domain.kinds import KINDS
from dangjian_desktop.domain.validation import NotFoundError, Problem, ValidationError
from dangjian_desktop.services.base import storage_faults
from dangjian_desktop.services.settings import load_settings
from dangjian_desktop.store import attachment_files as files
from dangjian_desktop.store import server_files
from dangjian_desktop.store.connection import database_path, db, on_server
from dangjian_desktop.store.models import Attachment

MAX_BYTES = 200 * 1024 * 1024  # one file: larger ones are refused (a video belongs elsewhere)
PDF_SUFFIXES = (".pdf",)
OFFICE_SUFFIXES = (".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".et", ".dps", ".odt", ".ods",
                   ".odp", ".txt", ".rtf")
KNOWN_SUFFIXES = (*IMAGE_SUFFIXES, *PDF_SUFFIXES, *OFFICE_SUFFIXES)  # what the file dialog offers first


def media_of(name: str) -> str:
    """How a file is shown: "image" (a thumbnail), "pdf", "office" or "other" (an icon)."""
    suffix = Path(name).suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        return "image"
    if suffix in PDF_SUFFIXES:
        return "pdf"
    return "office" if suffix in OFFICE_SUFFIXES else "other"


@dataclass
class AddResult:
    added: list[Attachment] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # names of files the record has already
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)

    def message(self) -> str:
        """What happened, in one Chinese text for the window and the command line."""
        parts = [f"已添加 {len(self.added)} 个附件"] if self.added else []
        if self.already:
            parts.append(f"{'、'.join(self.already)} 已经附在这条记录上，未重复添加")
        parts += [f"{name}：{why}" for name, why in self.refused]
        return "；".join(parts) + "。" if parts else "没有添加附件。"


def store() -> Path:
    """Where the files are read as files: beside the database file, or this PC's cache of the server's."""
    if on_server():
        return server_files.local_store()
    database = database_path()
    if database is None:
        raise NotFoundError("还没有打开数据库。")
    return files.store_of(database)


def _record_exists(table: str, record_id: int) -> None:
    kind = KINDS.get(table)
    if kind is None or not kind.model.select().where(kind.model.id == record_id).exists():
        raise NotFoundError("要添加附件的记录不存在，可能已被删除。")


def add(table: str, record_id: int, paths: list[Path], caption: str = "", keep_original: bool = False) -> AddResult:
    """Add files to a record. Each file is read, checked and prepared first (one that cannot be is listed with
    its reason; the others are added); the rows are written in one transaction."""
    result = AddResult()
    items = [item for item in map(lambda p: _read(Path(p), result), paths) if item is not None]
    return add_data(table, record_id, items, caption, keep_original, result)


def add_data(table: str, record_id: int, items: list[tuple[str, bytes]], caption: str = "",
             keep_original: bool = False, result: AddResult | None = None) -> AddResult:
    """Add (file name, content) pairs to a record, as `add` does with files."""
    _record_exists(table, record_id)
    caption = caption.strip()
    if len(caption) > 200:
        raise ValidationError([Problem("caption", "说明不能超过200个字。")])
    long_side = load_settings().attachment_long_side
    where, like = store(), database_path()
    result = result if result is not None else AddResult()
    there = {a.sha256 for a in attachments_of(table, record_id)}
    rows = []
    with storage_faults():
        for name, data in items:
            kept = _prepared(name, data, long_side, keep_original, result)
            if kept is None:
                continue
            data, width, height, original, name = kept
            sha = _keep(where, data, like)
            if sha in there:
                result.already.append(name)
                continue
            there.add(sha)
            original_sha = _keep(where, original, like) if original is not None else ""
            rows.append(dict(table=table, record_id=record_id, sha256=sha, name=name, caption=caption,
                             media=media_of(name), size=len(data), width=width, height=height,
                             original_sha256=original_sha))
        with db.atomic():
            result.added = [Attachment.create(**row) for row in rows]
    return result


def _keep(where: Path, data: bytes, like: Path | None) -> str:
    """Keep a file in the store (and on the server, when working on one); its SHA-256."""
    sha = files.put(where, data, like)
    if on_server():
        server_files.upload(sha, data)
    return sha


def _read(path: Path, result: AddResult) -> tuple[str, bytes] | None:
    """A file's name and content, or None when it cannot be added (said in result)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            result.refused.append((path.name, f"文件有 {size // 2**20} MB，超过 {MAX_BYTES // 2**20} MB 的上限。"))
            return None
        return path.name, path.read_bytes()
    except FileNotFoundError:
        result.refused.append((path.name, "找不到这个文件。"))
    except IsADirectoryError:
        result.refused.append((path.name, "这是一个文件夹，请选择其中的文件。"))
    except PermissionError:
        result.refused.append((path.name, "没有读取这个文件的权限。"))
    return None


def _prepared(name: str, data: bytes, long_side: int, keep_original: bool, result: AddResult):
    """(data, width, height, original or None, name) of a file to keep, or None when refused (said in result)."""
    if not data:
        result.refused.append((name, "文件是空的。"))
        return None
    if media_of(name) != "image":
        return data, None, None, None, name
    suffix = Path(name).suffix
    try:
        picture = prepared(data, suffix, long_side)
    except ImageError as exc:
        result.refused.append((name, str(exc)))
        return None
    kept_name = name if picture.suffix == suffix.lower() else str(Path(name).with_suffix(picture.suffix))
    original = data if picture.changed and keep_original else None
    return picture.data, picture.width, picture.height, original, kept_name


def attachments_of(table: str, record_id: int, removed: bool = False) -> list[Attachment]:
    """A record's attachments in the order added (the removed ones instead, when asked)."""
    query = Attachment.select().where((Attachment.table == table) & (Attachment.record_id == record_id))
    query = query.where(Attachment.removed_at.is_null(False) if removed else Attachment.removed_at.is_null())
    return list(query.order_by(Attachment.added_at, Attachment.id))


def get(attachment_id: int) -> Attachment:
    found = Attachment.get_or_none(Attachment.id == attachment_id)
    if found is None:
        raise NotFoundError("找不到这个附件，可能已被删除。")
    return found


def set_caption(attachment_id: int, caption: str) -> Attachment:
    caption = caption.strip()
    if len(caption) > 200:
        raise ValidationError([Problem("caption", "说明不能超过200个字。")])
    with storage_faults(), db.atomic():
        found = get(attachment_id)
        found.caption = caption
        found.save()
    return found


def remove(attachment_id: int) -> None:
    """Take an attachment off its record; it stays restorable (its file is kept)."""
    with storage_faults(), db.atomic():
        found = get(attachment_id)
        found.removed_at = dt.datetime.now()
        found.save()


def restore(attachment_id: int) -> None:
    with storage_faults(), db.atomic():
        found = get(attachment_id)
        found.removed_at = None
        found.save()


def file_of(attachment: Attachment) -> Path:
    """Where the attachment's file is (on a server: copied to this PC first); it may be missing: see `problems`."""
    if on_server():
        return server_files.fetch(attachment.sha256)
    return files.path_in(store(), attachment.sha256)


def file_state(attachment: Attachment) -> str:
    """"ok", "missing" or "damaged" (every byte read)."""
    file_of(attachment)
    return files.state(store(), attachment.sha256)


@dataclass(frozen=True)
class FileProblem:
    attachment: Attachment
    state: str  # missing or damaged

    def message(self) -> str:
        what = "找不到文件" if self.state == "missing" else "文件已损坏（内容与保存时不同）"
        label = KINDS[self.attachment.table].label if self.attachment.table in KINDS else self.attachment.table
        return f"{label}（编号 {self.attachment.record_id}）的附件“{self.attachment.name}”{what}"


def problems(check_content: bool = False) -> list[FileProblem]:
    """Attachments whose file is missing (a stat per file; on a server, one query), and, when asked, damaged
    (every file read; a server's are kept whole by the server)."""
    live = list(Attachment.select().where(Attachment.removed_at.is_null()).order_by(Attachment.id))
    if on_server():
        gone = server_files.missing({a.sha256 for a in live})
        return [FileProblem(a, "missing") for a in live if a.sha256 in gone]
    where = store()
    found = []
    for attachment in live:
        path = files.path_in(where, attachment.sha256)
        if check_content:
            state = files.state(where, attachment.sha256)
        else:
            state = "ok" if path.is_file() else "missing"
        if state != "ok":
            found.append(FileProblem(attachment, state))
    return found


"""Photos in the printouts: a record's images after it (the meeting register, the activity ledger), two a row with
their captions, as many as the setting allows; and a meeting's scanned 签到表, which can stand in for the printed
sheet. A photo whose file is missing is named instead of printed; nothing stops the printout."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer

from dangjian_desktop.reports.base import para, plain_table
from dangjian_desktop.services import attachment as attachments
from dangjian_desktop.services.settings import load_settings
from dangjian_desktop.store.models import Attachment

SIGN_IN_WORDS = ("签到",)  # a meeting's image attachment named or captioned so is its scanned sign-in sheet


def photos_of(table: str, record_ids: Iterable[int]) -> dict[int, list[Attachment]]:
    """The images to print with each record: the first the setting allows, in the order added (one query)."""
    limit = load_settings().print_photos
    ids = list(record_ids)
    if not limit or not ids:
        return {}
    found: dict[int, list[Attachment]] = {}
    query = (Attachment.select().where((Attachment.table == table) & Attachment.record_id.in_(ids)
                                       & (Attachment.media == "image") & Attachment.removed_at.is_null())
             .order_by(Attachment.added_at, Attachment.id))
    for a in query:
        if not _is_sign_in(a) and len(found.setdefault(a.record_id, [])) < limit:
            found[a.record_id].append(a)
    return found


def _is_sign_in(a: Attachment) -> bool:
    return any(word in a.caption or word in a.name for word in SIGN_IN_WORDS)


def sign_in_scan(meeting_id: int) -> Path | None:
    """The file of a meeting's scanned 签到表 (an image attachment named or captioned 签到…), when there is one."""
    for a in attachments.attachments_of("meeting", meeting_id):
        if a.media == "image" and _is_sign_in(a):
            path = attachments.file_of(a)
            if path.is_file():
                return path
    return None


def fitted(path: Path, width: float, height: float) -> Image:
    """An image scaled to fit the box, its proportions kept."""
    image = Image(str(path))
    scale = min(width / image.imageWidth, height / image.imageHeight)
    image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
    return image


def photo_grid(title: str, items: list[Attachment], width: float, height: float = 70 * mm) -> list[Flowable]:
    """A heading and the photos two a row, each with its caption; a missing file said by name."""
    cells, missing = [], []
    for a in items:
        path = attachments.file_of(a)
        if not path.is_file():
            missing.append(a.name)
            continue
        cells.append([fitted(path, width / 2 - 6 * mm, height), para(a.caption or a.name, "small_centre")])
    blocks: list[Flowable] = [para(title, "section")]
    if cells:
        rows = [cells[i:i + 2] + [""] * (2 - len(cells[i:i + 2])) for i in range(0, len(cells), 2)]
        blocks.append(plain_table(rows, [width / 2, width / 2], [("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                                                  ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    if missing:
        blocks.append(para(f"（照片文件缺失，未能打印：{'、'.join(missing)}）", "small_left"))
    return [Spacer(0, 3 * mm), KeepTogether(blocks[:2]), *blocks[2:]]

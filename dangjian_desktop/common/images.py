"""Photos as they are kept: turned upright by their EXIF orientation, and no larger than a set long side (a
phone's 4000-pixel photo is 2560 by default: enough to print two a row, a quarter of the bytes). An image that
needs neither is kept byte for byte. HEIC (iPhone) is read when the pillow-heif package is installed."""

from __future__ import annotations

import io
from dataclasses import dataclass

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".tif", ".tiff", ".heic", ".heif")
HEIC_SUFFIXES = (".heic", ".heif")
JPEG_QUALITY = 88


class ImageError(Exception):
    """An image that cannot be read; the message says why, in Chinese."""


@dataclass(frozen=True)
class Picture:
    data: bytes
    suffix: str  # of the kept file: the original's, or .jpg / .png when it was re-encoded
    width: int
    height: int
    changed: bool  # turned or made smaller: the original differs


def _heic_support() -> bool:
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return False
    register_heif_opener()
    return True


def prepared(data: bytes, suffix: str, long_side: int) -> Picture:
    """The image upright and at most `long_side` pixels long (0: any size)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    suffix = suffix.lower()
    if suffix in HEIC_SUFFIXES and not _heic_support():
        raise ImageError("无法读取 HEIC 格式的照片（本机没有 HEIC 解码组件）。请在手机相机设置中选择“兼容性最佳”，"
                         "或先把照片转换为 JPG 再添加。")
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            frames = getattr(opened, "n_frames", 1)
            turned = _orientation(opened) not in (0, 1)
            upright = ImageOps.exif_transpose(opened)
            width, height = upright.size
            too_big = long_side and max(width, height) > long_side
            if frames > 1 or not (turned or too_big):  # an animation, or nothing to do: as it came
                return Picture(data, suffix, width, height, False)
            if too_big:
                upright.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
            return _encoded(upright, opened.format or "")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageError("不是能读取的图片文件（可能已损坏，或格式不受支持）。") from exc


def _orientation(image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1))
    except (ValueError, TypeError):
        return 1


def _encoded(image, original_format: str) -> Picture:
    """PNG stays PNG (screenshots, scans with text); anything else becomes JPEG."""
    out = io.BytesIO()
    if original_format == "PNG":
        image.save(out, "PNG", optimize=True)
        suffix = ".png"
    else:
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        suffix = ".jpg"
    return Picture(out.getvalue(), suffix, image.width, image.height, True)


"""The demo's photos: small pictures drawn here (a sky, a building, a red banner, people in a row), not
committed binaries, attached to a few of the year's activities with captions as a clerk writes them."""

from __future__ import annotations

import datetime as dt
import io
import random

from dangjian_desktop.services.attachment import add_data
from dangjian_desktop.store.models import Activity, Attachment

WIDTH, HEIGHT = 800, 533


def photo(seed: int) -> bytes:
    """One JPEG of about 40 KB: the scene varies with the seed."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT * 3 // 5):  # the sky, lighter towards the horizon
        shade = 150 + y * 90 // HEIGHT
        draw.line([(0, y), (WIDTH, y)], fill=(shade - 60, shade - 20, 235))
    draw.rectangle([0, HEIGHT * 3 // 5, WIDTH, HEIGHT], fill=(120 + rng.randrange(40), 110, 95))
    left = rng.randrange(40, 200)
    draw.rectangle([left, 120, left + 460, HEIGHT * 3 // 5], fill=(205, 200, 190), outline=(90, 90, 90))
    for column in range(6):  # windows
        x = left + 30 + column * 72
        draw.rectangle([x, 160, x + 40, 220], fill=(120, 150, 180))
    draw.rectangle([left + 60, 250, left + 400, 290], fill=(196, 30, 36))  # the banner
    for n in range(rng.randrange(8, 14)):  # people in a row
        x = 60 + n * 52 + rng.randrange(10)
        top = HEIGHT * 3 // 5 + 20 + rng.randrange(10)
        colour = rng.choice([(40, 40, 60), (70, 70, 90), (150, 30, 30), (230, 230, 230)])
        draw.ellipse([x, top, x + 22, top + 22], fill=(230, 195, 160))
        draw.rectangle([x - 4, top + 22, x + 26, top + 90], fill=colour)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def write_photos(data: dict) -> None:
    for number, item in enumerate(data["photos"]):
        activity = Activity.get((Activity.title == item["title"]) & (Activity.date == item["date"]))
        pictures = [(f"IMG_2025{item['date'][5:7]}{item['date'][8:]}_{n + 1:03d}.jpg", photo(number * 10 + n))
                    for n in range(item["count"])]
        added = add_data("activity", activity.id, pictures, item["caption"]).added
        evening = dt.datetime.combine(activity.date, dt.time(18, 0))  # added that evening: the demo is the same
        Attachment.update(added_at=evening).where(Attachment.id.in_([a.id for a in added])).execute()  # every time

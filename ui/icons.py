"""Icons by name from resources/icons (SVG, drawn for this app)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from dangjian_desktop.common.paths import resource_path


@cache
def icon(name: str) -> QIcon:
    """`add`, `edit`, `delete`, `refresh`, `history`, `calendar`, `tags`, `search`, `leave`, `export`, `import`
    or `app`."""
    if name == "app":
        result = QIcon(str(resource_path("icons", "app.svg")))
        result.addFile(str(resource_path("icons", "app.png")))
        return result
    return QIcon(str(resource_path("icons", f"{name}.svg")))

"""Where things live: the user's data folder, the default database and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "dangjian_desktop"


def user_data_dir() -> Path:
    """The platform's usual folder for this user's application data."""
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def default_db_path() -> Path:
    return user_data_dir() / "dangjian.db"


def resource_dir() -> Path:
    """The `resources/` folder, beside the sources or inside a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)

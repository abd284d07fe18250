"""Unexpected errors: the technical details go to a log file in the user's data folder, not on screen."""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

from dangjian_desktop.common.paths import user_data_dir


def log_unexpected(error: BaseException) -> Path | None:
    """Append the error with its traceback to error.log; return the log's path, or None if it cannot be written."""
    log = user_data_dir() / "error.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n")
            handle.write("".join(traceback.format_exception(type(error), error, error.__traceback__)) + "\n")
    except OSError:
        return None
    return log

"""A page that reads its data from the core when first shown, and again after records change."""

from __future__ import annotations


class RefreshWhenShown:
    """Mix in before QWidget; the page defines `refresh()` and starts with `_stale = True` (nothing read yet).
    `refresh()` should set `_stale = False`."""

    _stale = True

    def invalidate(self) -> None:
        """Records changed: read again now if shown, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self.refresh()
        super().showEvent(event)

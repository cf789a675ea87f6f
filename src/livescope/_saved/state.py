"""What a plot leaves in a saved notebook: a snapshot trait and a static picture.

Both are refreshed when a cell ends (and when the plot is displayed), never
on every update:

- the widget's `_snapshot` trait, which Jupyter saves with the widget state,
  so a notebook reopened without the kernel shows the plot (js/data/snapshot.js);
- an `image/svg+xml` picture beside the widget view in the display output,
  for renderers that cannot run widgets (GitHub, nbviewer, nbconvert
  without widget state). Jupyter front ends prefer the widget view. The
  output carries a display id so the picture can be replaced by
  `update_display` once the data changed.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from .._core.snapshot import pack
from .._kinds import Kind
from .._picture.lines import DEFAULT_WIDTH
from .._picture.svg import scene_to_svg
from .._widget.lifetime import Shown
from .._widget.models import LivePlotWidget

SVG_MIME = "image/svg+xml"


class SavedState:
    """Keeps one plot's snapshot trait and static picture current."""

    def __init__(self, widget: LivePlotWidget) -> None:
        self._widget = widget
        self._display_id = f"livescope-{widget._uid}"
        self.shown = Shown()  # read when the plot is freed (see free_widgets)
        self._key: Hashable = None  # what the snapshot and picture show

    # `kind` is None for a plot kind that provides no exports (yet): its
    # display has no picture and its widget no snapshot.

    def mimebundle(
        self, data: Any, kind: Kind | None, text: str
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The widget view, the static picture and `text`, as one display bundle."""
        view = self._widget._repr_mimebundle_()
        assert view is not None  # None only for a widget without a view
        bundle, metadata = view
        bundle = {**bundle, "text/plain": text}
        if kind is not None:
            bundle[SVG_MIME] = scene_to_svg(kind.scene(data, DEFAULT_WIDTH))
        return bundle, metadata

    def display(self, data: Any, kind: Kind | None, text: str, key: Hashable) -> None:
        """Show the plot (widget view plus picture) under this plot's display id."""
        from IPython.display import display

        self._set_snapshot(data, kind, key)
        bundle, metadata = self.mimebundle(data, kind, text)
        display(bundle, metadata=metadata, raw=True, display_id=self._display_id)
        self.shown.value = True

    def refresh(self, data: Any, kind: Kind | None, text: str, key: Hashable) -> None:
        """Bring the snapshot and every displayed picture up to `key`, if they lag."""
        if kind is None or key == self._key:
            return
        self._set_snapshot(data, kind, key)
        if self.shown.value:
            from IPython.display import update_display

            bundle, metadata = self.mimebundle(data, kind, text)
            update_display(bundle, metadata=metadata, raw=True, display_id=self._display_id)

    def _set_snapshot(self, data: Any, kind: Kind | None, key: Hashable) -> None:
        if kind is not None and key != self._key:
            self._widget._snapshot = pack(kind.snapshot(data))
            self._key = key

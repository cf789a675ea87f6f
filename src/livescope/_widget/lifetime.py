"""What ties a widget to its plot: weakly, so a plot nothing refers to is freed."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable

import ipywidgets

Handler = Callable[[object, object, object], None]


def on_msg_weakly(widget: ipywidgets.Widget, handler: Handler) -> None:
    """Call the bound method `handler` for the widget's custom messages while its object lives.

    ipywidgets keeps every open widget in a registry, and a widget keeps its
    message callbacks: a plain bound method would keep its plot, and so its
    whole history, alive as long as the widget.
    """
    method = weakref.WeakMethod(handler)

    def forward(sender: object, content: object, buffers: object) -> None:
        live = method()
        if live is not None:
            live(sender, content, buffers)

    widget.on_msg(forward)


def call_weakly(method: Callable[[], object]) -> Callable[[], None]:
    """A callable running the bound `method` while its object lives, without keeping it alive."""
    ref = weakref.WeakMethod(method)

    def call() -> None:
        bound = ref()
        if bound is not None:
            bound()

    return call


def close_widgets(widgets: Iterable[ipywidgets.Widget]) -> None:
    """Close each widget's comm, and those of the layout and style it made for itself."""
    for widget in widgets:
        for part in (getattr(widget, "layout", None), getattr(widget, "style", None)):
            if isinstance(part, ipywidgets.Widget):
                part.close()
        widget.close()


class Shown:
    """Whether an object's widgets were displayed; read when the object is freed."""

    def __init__(self) -> None:
        self.value = False


def free_widgets(widgets: Iterable[ipywidgets.Widget], shown: Shown) -> None:
    """When a plot is freed: close widgets never displayed; leave displayed ones be.

    A displayed widget keeps its views on screen, drawn from the snapshot it
    holds (the data as of the last cell end), and its state in the saved
    notebook; only its plot and history are gone. One shown but unreferenced
    (``display(LivePlot.from_history(A))``) thus stays visible.
    """
    if not shown.value:
        close_widgets(widgets)

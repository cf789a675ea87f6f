"""`livescope serve runs.db`: a run store's runs in browser tabs, each tab its own pick.

The page lists the store's runs; a tab picks one to show and the runs of
its name to compare with it (docs/serve.md, "A run store"). One thread
owns the store's connection: it answers the tabs' messages in order and,
while a tab is open, reads the store every `POLL_INTERVAL_S`: the list of
runs (changed entries go to every tab) and the batches written since its
last look of every run a tab shows (`MirroredRun`), which go out as rows
appended, never the whole history again.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .._core.wire import Message, encode_runs
from .._kinds import REGISTRY
from .._runs.compare import can_compare
from .._runs.connect import open_store
from .._runs.read import DamagedRun, ListedRun, list_runs
from .._runs.session import MAX_RUNS
from .._runs.store import Store, StoreError, describe
from .hub import Tab, encode
from .run_mirror import Change, MirroredRun, header_state, json_safe

log = logging.getLogger("livescope")

POLL_INTERVAL_S = 0.5  # the writers write every 0.25 s; a tab shows rows at most this late
COMPARE_REFRESH_S = 2.0  # a compared run still written is sent again at most this often
_CLOSE = object()


@dataclass
class _Shown:
    """What one tab shows: `view` counts its picks and tags every message of the plot."""

    view: int = 0
    run: int | None = None
    compare: tuple[int, ...] = ()
    compared_at: float = 0.0  # when the compared runs were last sent
    compared_dirty: bool = False  # one of them grew since


class StorePage:
    """The runs of the store at `target` (an SQLite file or a ``postgresql://`` address).

    Opening it raises `StoreError` with the store's own message when it is
    missing, not a livescope store, or of a newer schema. `height` is the
    plot's height in pixels.
    """

    def __init__(
        self,
        target: str | os.PathLike[str],
        *,
        height: int = 300,
        poll_interval: float = POLL_INTERVAL_S,
    ) -> None:
        self.name = describe(target)
        self._target = target
        self._store: Store | None = open_store(target, create=False)
        self._height = height
        self._poll_interval = poll_interval
        self._events: queue.SimpleQueue[Any] = queue.SimpleQueue()
        # Touched by the store thread only:
        self._tabs: dict[Tab, _Shown] = {}
        self._listing: dict[int, ListedRun] = {}
        self._damaged: dict[int, str] = {}  # run id -> why its rows cannot be read
        self._mirrors: dict[int, MirroredRun] = {}
        self._problem = ""  # what the tabs are told is wrong with the store
        self._thread = threading.Thread(target=self._run, name="livescope-store", daemon=True)
        self._thread.start()

    # ----- the server's side (any thread) ----------------------------------------

    def attach(self, tab: Tab) -> None:
        """Show the runs in `tab`: the list now, the plot once the tab picks a run."""
        self._events.put(("attach", tab))

    def detach(self, tab: Tab) -> None:
        """`tab` went: send it nothing more."""
        self._events.put(("detach", tab))

    def handle(self, tab: Tab, text: str) -> None:
        """A tab's message; ValueError if it is not one a page sends (docs/serve.md)."""
        message = json.loads(text)
        kind = message.get("kind") if isinstance(message, dict) else None
        if kind == "pick":
            run, compare = message.get("run"), message.get("compare", [])
            if not _is_id(run) or not isinstance(compare, list) or not all(map(_is_id, compare)):
                raise ValueError(f"a pick names run ids; got {str(message)[:80]}")
            if len(compare) > MAX_RUNS:
                raise ValueError(f"at most {MAX_RUNS} runs compare with one; got {len(compare)}")
            self._events.put(("pick", tab, run, tuple(compare)))
        elif kind == "custom" and isinstance(message.get("content"), dict):
            self._events.put(("custom", tab, message.get("view"), message["content"]))
        elif kind != "update":  # view options a tab's controls set stay in that tab
            raise ValueError(f"unknown message from a page: {str(message)[:80]}")

    def close(self) -> None:
        """End the store's thread and close its connection."""
        self._events.put(_CLOSE)
        self._thread.join()

    # ----- the store's thread ------------------------------------------------------

    def _run(self) -> None:
        next_poll = 0.0
        while True:
            wait = max(0.0, next_poll - time.monotonic()) if self._tabs else None
            try:
                event = self._events.get(timeout=wait)
            except queue.Empty:
                event = None
            if event is _CLOSE:
                break
            try:
                if event is not None:
                    self._apply(event)
                if self._tabs and time.monotonic() >= next_poll:
                    self._poll()
                    next_poll = time.monotonic() + self._poll_interval
            except Exception:  # one failure must not end the page for every tab
                log.exception("livescope serve: reading %s failed", self.name)
        if self._store is not None:
            self._store.close()

    def _apply(self, event: tuple[Any, ...]) -> None:
        what, tab, *args = event
        if what == "attach":
            self._poll()
            self._tabs[tab] = _Shown()
            self._post(tab, "list", store=self.name, runs=self._entries(), reset=True)
            if self._problem:
                self._post(tab, "problem", text=self._problem)
        elif what == "detach":
            self._tabs.pop(tab, None)
            self._drop_unused()
        elif tab in self._tabs and what == "pick":
            self._pick(tab, *args)
        elif tab in self._tabs and what == "custom":
            self._custom(tab, *args)

    def _pick(self, tab: Tab, run_id: int, compare: tuple[int, ...]) -> None:
        shown = self._tabs[tab]
        listed = self._listing.get(run_id)
        if listed is None:
            self._post(tab, "problem", text=f"{self.name} has no run {run_id}", pick=True)
            return
        info = listed.info
        if info.kind not in REGISTRY:
            self._post(
                tab,
                "problem",
                text=f"run {run_id} is of kind {info.kind!r}, which this livescope cannot "
                "show; upgrade livescope (pip install -U livescope)",
                pick=True,
            )
            return
        mirror = self._mirror(run_id)
        if mirror is None:  # the store cannot be read now (the tabs were told), or the run
            if run_id in self._damaged:
                self._post(tab, "problem", text=self._damaged[run_id], pick=True)
            return
        if run_id != shown.run:
            shown.view += 1
            shown.run = run_id
            self._post(tab, "open", state=mirror.state(self._height), view=shown.view, run=run_id)
        wanted = (c for c in compare if self._comparable(listed, c))
        shown.compare = tuple(c for c in wanted if self._mirror(c) is not None)
        self._send_compared(tab, shown)
        self._drop_unused()

    def _comparable(self, picked: ListedRun, other: int) -> bool:
        """Whether run `other` draws behind `picked`: same name and kind, a plot that compares."""
        listed = self._listing.get(other)
        return (
            other != picked.info.id
            and listed is not None
            and listed.info.name == picked.info.name
            and listed.info.kind == picked.info.kind
            and _compares(picked)
        )

    def _custom(self, tab: Tab, view: object, content: dict[str, Any]) -> None:
        shown = self._tabs[tab]
        if view != shown.view or shown.run is None:
            return  # from the view of an earlier pick, already replaced
        if content.get("type") != "sync":
            return  # Stop cannot reach the process writing a run
        mirror = self._mirrors[shown.run]
        start = content.get("from")
        if content.get("generation") != mirror.generation or not isinstance(start, int):
            start = 0  # rows() starts at the first row held
        self._send_rows(tab, shown, mirror.rows(start))

    def _poll(self) -> None:
        store = self._connected()
        if store is None:
            return
        try:
            listing = {run.info.id: run for run in list_runs(store)}
            changes = {
                run_id: mirror.refresh(store, listing[run_id])
                for run_id, mirror in self._mirrors.items()
                if run_id in listing
            }
        except (*store.errors(), OSError) as error:  # type: ignore[misc]  # mypy reads no star in an except tuple
            self._lost(store, error)
            return
        self._set_problem("")
        changed = [listing[i] for i in listing if self._listing.get(i) != listing[i]]
        vanished = self._listing.keys() - listing.keys()
        self._listing = listing
        if vanished:
            self._post_all("list", store=self.name, runs=self._entries(), reset=True)
        elif changed:
            self._post_all("list", store=self.name, runs=[_entry(run) for run in changed])
        for run_id, change in changes.items():
            self._tell(run_id, change)
        now = time.monotonic()
        for tab, shown in self._tabs.items():
            if shown.compared_dirty and now - shown.compared_at >= COMPARE_REFRESH_S:
                self._send_compared(tab, shown)

    def _tell(self, run_id: int, change: Change) -> None:
        """Tell the tabs showing run `run_id` what `refresh` found."""
        mirror = self._mirrors[run_id]
        for tab, shown in self._tabs.items():
            if run_id in shown.compare and (change.start is not None or change.restarted):
                shown.compared_dirty = True
            if shown.run != run_id:
                continue
            if change.restarted:
                self._post(tab, "update", state={"columns": list(mirror.columns)}, view=shown.view)
                self._send_rows(tab, shown, mirror.rows(0))
            elif change.start is not None:
                self._send_rows(tab, shown, mirror.rows(change.start))
            if change.header:
                self._post(tab, "update", state=header_state(mirror.info), view=shown.view)

    def _send_compared(self, tab: Tab, shown: _Shown) -> None:
        assert shown.run is not None
        runs = [self._mirrors[run].recorded() for run in shown.compare]
        runs.sort(key=lambda run: run.started, reverse=True)  # newest first, as a plot's
        info = self._mirrors[shown.run].info
        live = {"label": info.label, "params": json_safe(info.params)} if runs else {}
        content, buffers = encode_runs(runs, live)
        self._post(tab, "custom", buffers, content=content, view=shown.view)
        shown.compared_at = time.monotonic()
        shown.compared_dirty = False

    def _send_rows(self, tab: Tab, shown: _Shown, messages: Iterable[Message]) -> None:
        for content, buffers in messages:
            self._post(tab, "custom", buffers, content=content, view=shown.view)

    def _mirror(self, run_id: int) -> MirroredRun | None:
        """The rows of run `run_id`, read now if no tab showed them; None if reading fails."""
        mirror = self._mirrors.get(run_id)
        if mirror is None:
            store = self._connected()
            if store is None:
                return None
            try:
                mirror = MirroredRun(store, self._listing[run_id])
            except DamagedRun as error:  # for good: reading it again would not help
                log.warning("livescope serve: %s", error)
                self._damaged[run_id] = str(error)
                return None
            except (*store.errors(), OSError, StoreError) as error:  # type: ignore[misc]
                self._lost(store, error)
                return None
            self._mirrors[run_id] = mirror
        return mirror

    def _drop_unused(self) -> None:
        used = {run for shown in self._tabs.values() for run in (shown.run, *shown.compare)}
        for run_id in self._mirrors.keys() - used:
            del self._mirrors[run_id]

    def _connected(self) -> Store | None:
        """The store's connection, opened again after a failure; None while it fails."""
        if self._store is None:
            try:
                self._store = open_store(self._target, create=False)
            except StoreError as error:
                self._set_problem(str(error))
                return None
        return self._store

    def _lost(self, store: Store, error: BaseException) -> None:
        """Reading failed (the server went, the disk failed): open it again at the next poll."""
        log.warning("livescope serve: reading %s failed: %s", self.name, error)
        self._set_problem(f"{self.name} cannot be read: {error}; trying again")
        self._store = None
        try:
            store.close()
        except (*store.errors(), OSError) as closing:  # type: ignore[misc]
            log.debug("livescope serve: closing %s failed too: %s", self.name, closing)

    def _set_problem(self, text: str) -> None:
        if text != self._problem:
            self._problem = text
            self._post_all("problem", text=text)

    def _entries(self) -> list[dict[str, Any]]:
        return [_entry(run) for run in self._listing.values()]

    def _post(self, tab: Tab, kind: str, buffers: list[Any] | None = None, **header: Any) -> None:
        tab.post(encode(kind, header, buffers))

    def _post_all(self, kind: str, **header: Any) -> None:
        message = encode(kind, header)
        for tab in self._tabs:
            tab.post(message)


def _entry(listed: ListedRun) -> dict[str, Any]:
    """A run as the page's list shows it (`compares`: its plot draws earlier runs)."""
    info = listed.info
    return {
        "id": info.id,
        "name": info.name,
        "label": info.label,
        "params": json_safe(info.params),
        "started": info.started,
        "ended": info.ended,
        "status": info.status,
        "rows": info.rows,
        "kind": info.kind,
        "compares": _compares(listed),
        "last_step": json_safe(info.last_step),
    }


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _compares(listed: ListedRun) -> bool:
    """Whether the plot of a listed run draws earlier runs (a faceted frame does not)."""
    return can_compare(listed.info.kind, listed.options)

"""The runs of a dashboard's panels: named after the dashboard, compared and recorded.

A dashboard is what a cell makes again, and its panel names are what stays
the same from one run to the next; a panel's own title need not be unique
(two dashboards may each have a "loss" panel). So a dashboard with a name
(`name=`, else its title) names each panel's run ``"<name>/<panel>"``: a
re-run dashboard cell shows every line panel's previous runs, and a store
keeps one run per panel under that name. A plot given its own ``name=``
keeps it. A dashboard without a name leaves each panel's run named as its
plot's (its name or title; an untitled one is recorded under the panel's
name, and not compared).

The dashboard's `compare`, `params`, `store` and `run` apply to every
panel: `compare` over each plot's own count, `params` under each plot's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._core.check import check_str
from .compare import (
    COMPARING_KINDS,
    Comparison,
    can_compare,
    check_compare,
    check_params,
    end_run,
)
from .writer import start_recording


@dataclass(frozen=True)
class DashboardRuns:
    """A dashboard's run arguments, checked (see `check_dashboard_runs`)."""

    name: str | None = None
    compare: int | None = None  # None: each panel's own
    params: dict[str, Any] = field(default_factory=dict)
    store: object = None
    run: str | None = None

    @property
    def given(self) -> bool:
        """Whether the dashboard has anything to say about its panels' runs."""
        return (
            self.name is not None
            or self.store is not None
            or self.compare is not None
            or (bool(self.params))
        )


def check_dashboard_runs(
    *,
    name: object,
    title: str | None,
    compare: object,
    params: object,
    store: object,
    run: object,
    kinds: list[str],
) -> DashboardRuns:
    """The run arguments of a Dashboard with panels of `kinds`; wrong ones raise."""
    check_str("name", name, optional=True)
    check_str("run", run, optional=True)
    if run is not None and store is None:
        raise TypeError(
            f"run= labels the runs recorded in a store; pass store= too; got run={run!r}"
        )
    count = None
    if compare is not None:
        count = check_compare(compare, "lines")  # the count; the kinds are checked next
        if count and not any(kind in COMPARING_KINDS for kind in kinds):
            comparing = ", ".join(repr(k) for k in COMPARING_KINDS)
            raise ValueError(
                f"compare={compare!r}: no panel can show previous runs; panels of kinds "
                f"{comparing} can, these are {', '.join(sorted(set(kinds)))} "
                "(pass compare=0 or leave it out)"
            )
    return DashboardRuns(
        name=name or title or None,  # type: ignore[arg-type]  # checked str above
        compare=count,
        params=check_params(params),
        store=store,
        run=run,  # type: ignore[arg-type]  # checked str above
    )


def name_panel_runs(plots: Mapping[str, Any], runs: DashboardRuns) -> None:
    """Name, compare and record each panel's run as the dashboard's `runs` say.

    Every panel is checked before any changes, so a wrong argument leaves the plots as
    they were.
    """
    if not runs.given:
        return
    if runs.store is not None:
        for panel, plot in plots.items():
            if plot._recorder is not None:
                raise ValueError(
                    f"panel {panel!r} records into its own store already; pass store= to the "
                    "Dashboard or to its plots, not both"
                )
    for panel, plot in plots.items():
        _name_panel_run(panel, plot, runs)


def _name_panel_run(panel: str, plot: Any, runs: DashboardRuns) -> None:
    former: Comparison = plot._comparison
    if plot._recorder is not None:
        return  # a plot with its own store keeps its own run (its name is in the store)
    name = former.name if former.named or runs.name is None else f"{runs.name}/{panel}"
    count = former.count if runs.compare is None else runs.compare
    if not can_compare(plot.kind, plot._view.options):
        count = 0  # a faceted frame panel draws none, whatever the dashboard compares
    params = {**runs.params, **former.params}
    if (name, count, params, runs.store) == (former.name, former.count, former.params, None):
        return
    comparison = former.renamed(name, count, params, runs.store)
    comparison.set_columns(plot.columns)
    try:
        recorder = start_recording(
            plot, runs.store, name=name or panel, title=None, run=runs.run, params=params
        )
    except BaseException:
        end_run(comparison.live)
        raise
    plot._take_run(comparison, recorder)

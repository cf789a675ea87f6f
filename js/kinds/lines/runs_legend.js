// The runs row of the lines legend: the live run, then each previous run
// (faded as drawn) with its start time, rows and the parameters that differ.
// Clicking a previous run hides or shows it; hovering the chart shows each
// run's values at that x.

import { differingParams, runAlpha } from "./runs.js";

function startTime(seconds) {
  return new Date(seconds * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/**
 * Build the row inside `parent` (hidden while there are no runs);
 * `onToggle(id)` runs when a previous run is clicked.
 * @param {HTMLElement} parent
 * @param {{ onToggle?: (id: string) => void, signal?: AbortSignal }} [hooks]
 */
export function createRunsLegend(parent, { onToggle = () => {}, signal } = {}) {
  const root = document.createElement("div");
  root.className = "livescope-runs";
  root.hidden = true;
  parent.appendChild(root);
  let items = [];
  let listed = ""; // the runs and whether the live run has rows, as last listed
  let liveParams = ""; // the live run's parameters that differ from the runs'

  return {
    root,
    /**
     * List the live run `live` and the previous `runs` (newest first, each
     * faded by its age). The row is rebuilt only when the runs or whether the
     * live run has `rows` change (a rebuild on every row would swallow clicks
     * on the entries); the live run's detail follows its rows in place.
     */
    listRuns(live, runs, rows) {
      const key = JSON.stringify([runs.map((run) => run.id), rows > 0]);
      if (key !== listed) {
        const params = differingParams([live.params ?? {}, ...runs.map((run) => run.params)]);
        const alphas = runs.map((_, age) => runAlpha(age));
        this.setRuns(runs.length ? runEntries(live, runs, rows, params, alphas) : []);
        listed = key;
        liveParams = params[0];
      }
      this.showLiveDetail(liveDetail(rows, liveParams));
    },

    /**
     * Show `entries`: `{ id, label, detail, alpha, live }` each, live first
     * (`id` null); an empty list hides the row.
     */
    setRuns(entries) {
      root.replaceChildren();
      root.hidden = entries.length === 0;
      items = entries.map(({ id, label, detail, alpha, live }) => {
        const item = document.createElement("span");
        item.className = "livescope-run";
        item.dataset.runId = id ?? "live";
        const toggle = document.createElement(live ? "span" : "button");
        toggle.className = "livescope-legend-toggle";
        if (!live) {
          /** @type {HTMLButtonElement} */ (toggle).type = "button";
          toggle.title = "Hide or show this run";
          toggle.setAttribute("aria-pressed", "true");
          toggle.addEventListener("click", () => onToggle(id), { signal });
        }
        const swatch = document.createElement("span");
        swatch.className = "livescope-swatch";
        swatch.style.background = "currentColor";
        swatch.style.opacity = String(alpha);
        const name = document.createElement("span");
        name.className = "livescope-legend-name";
        name.textContent = label;
        toggle.append(swatch, name);
        const info = document.createElement("span");
        info.className = "livescope-run-detail";
        info.textContent = detail;
        const value = document.createElement("span");
        value.className = "livescope-legend-value";
        item.append(toggle, info, value);
        root.appendChild(item);
        return { id, item, toggle, info, value };
      });
    },

    /** Say `detail` of the live run (first): its rows grow without the row being rebuilt. */
    showLiveDetail(detail) {
      const live = items[0];
      if (live && live.id === null && live.info.textContent !== detail) {
        live.info.textContent = detail;
      }
    },

    /** Mark the runs whose ids are in `hidden` hidden. */
    setHidden(hidden) {
      for (const { id, item, toggle } of items) {
        if (id === null) continue;
        const shown = !hidden.includes(id);
        item.classList.toggle("livescope-legend-hidden", !shown);
        toggle.setAttribute("aria-pressed", String(shown));
      }
    },

    /** Show `texts[i]` beside entry i ("" for none). */
    showValues(texts) {
      items.forEach(({ value }, i) => {
        const text = texts?.[i] ?? "";
        if (value.textContent !== text) value.textContent = text;
      });
    },
  };
}

const joined = (text, extra) => [text, extra].filter(Boolean).join(" ");

/** The live run's detail: its rows, and its parameters that differ from the others'. */
export function liveDetail(rows, params) {
  // "this run", not "live": the plot's own run may have ended (a reopened notebook, serve).
  return joined(`this run · ${rows.toLocaleString()} rows`, params);
}

/** The legend entries for the live run `live` and previous `runs` (newest first). */
export function runEntries(live, runs, rows, params, alphas) {
  return [
    {
      id: null,
      label: live.label ?? "this run",
      detail: liveDetail(rows, params[0]),
      alpha: 1,
      live: true,
    },
    ...runs.map((run, k) => ({
      id: run.id,
      label: run.label,
      detail: joined(
        `${startTime(run.started)} · ${run.rows.toLocaleString()} rows`,
        params[k + 1],
      ),
      alpha: alphas[k],
      live: false,
    })),
  ];
}

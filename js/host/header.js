// The header: title, live statistics and the Stop button.

import { formatCount, formatElapsed, formatRate, formatStep } from "./format.js";

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} className
 * @param {HTMLElement} parent
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function element(tag, className, parent, text = "") {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  parent.appendChild(node);
  return node;
}

/**
 * @param {HTMLElement} parent
 * @param {string} label
 * @param {string} name
 */
function stat(parent, label, name) {
  const wrap = element("span", `livescope-stat livescope-stat-${name}`, parent);
  element("span", "livescope-stat-label", wrap, label);
  return element("span", "livescope-stat-value", wrap, "–");
}

/**
 * Only touch the DOM when the text changes, so a frame without news is free.
 * @param {Node} node
 * @param {string} text
 */
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * The Stop button's text and tooltip: what can still write to the plot.
 * `ended`: no kernel is behind the button (a reopened notebook, a page from
 * disk); `activity` "done": the cell (or a served run) ended and no source
 * feeds the plot; "following": only a followed file or a run being written
 * does, whose writer Stop cannot reach.
 * Only "Stop" is a button to click.
 * @param {Pick<HeaderState, "ended" | "stopped" | "activity">} state
 * @returns {[string, string]}
 */
export function stopButton({ ended, stopped, activity }) {
  if (ended) return ["Ended", "No kernel runs this any more"];
  if (activity === "done") {
    return ["Done", "Nothing writes to this plot any more: its cell or its run has ended"];
  }
  if (stopped) return ["Stopped", ""];
  if (activity === "following") {
    return [
      "Following",
      "Rows come as another program writes them (a file, a run store); Stop cannot reach it",
    ];
  }
  return ["Stop", ""];
}

/**
 * What every header shows (see `createHeader`'s `update`).
 * @typedef {{
 *   title: string,
 *   stopped?: boolean,
 *   ended?: boolean,
 *   activity?: string,
 *   showStop?: boolean,
 *   note?: string,
 * }} HeaderState
 */

/**
 * What a header with statistics shows besides: the last step (null before
 * the first row), steps per second (null when unknown), seconds elapsed, and
 * the rows held and dropped.
 * @typedef {{
 *   lastStep: number | null,
 *   rate: number | null,
 *   elapsed: number,
 *   held: number,
 *   dropped?: number,
 * }} HeaderStats
 */

/**
 * @typedef {{
 *   onStop: () => void,
 *   onSavePng?: () => void,
 *   signal: AbortSignal,
 * }} HeaderHooks
 */

/**
 * Build the header inside `parent`; `onStop` runs when Stop is clicked, and
 * `onSavePng`, if given, when PNG is. Without `stats` it holds only the
 * title and the Stop button (a dashboard's). Listeners go away when `signal` aborts.
 * @overload
 * @param {HTMLElement} parent
 * @param {HeaderHooks & { stats: false }} hooks
 * @returns {{ update(state: HeaderState): void }}
 */
/**
 * @overload
 * @param {HTMLElement} parent
 * @param {HeaderHooks & { stats?: true }} hooks
 * @returns {{ update(state: HeaderState & HeaderStats): void }}
 */
/**
 * Only a header with `stats` reads them from `update`'s state.
 * @param {HTMLElement} parent
 * @param {HeaderHooks & { stats?: boolean }} hooks
 * @returns {{ update(state: HeaderState & HeaderStats): void }}
 */
export function createHeader(parent, { onStop, onSavePng, signal, stats = true }) {
  const root = element("div", "livescope-header", parent);
  const title = element("div", "livescope-title", root);
  const statsRow = element("div", "livescope-stats", root);
  const values = stats
    ? {
        step: stat(statsRow, "step", "step"),
        rate: stat(statsRow, "steps/s", "rate"),
        elapsed: stat(statsRow, "elapsed", "elapsed"),
        // Only shown once max_rows made the kernel drop rows.
        shown: element("span", "livescope-window", statsRow),
      }
    : null;
  // What sources report ("3 lines skipped") and what the host cannot do: a
  // line of its own under the header, so a long one never pushes Stop out of
  // a narrow cell.
  const note = element("div", "livescope-note", parent);
  note.hidden = true;
  const stop = element("button", "livescope-stop", root, "Stop");
  stop.type = "button";
  stop.addEventListener("click", onStop, { signal });
  if (onSavePng) {
    const png = element("button", "livescope-png", root, "PNG");
    png.type = "button";
    png.title = "Download the current view as a PNG image";
    png.addEventListener("click", onSavePng, { signal });
  }

  return {
    /**
     * Show `{ title, stopped, ended, activity, showStop, lastStep, rate, elapsed, held, dropped, note }`;
     * a plot in a dashboard hides its own Stop (`showStop: false`) and the
     * dashboard's serves. With `dropped` rows it says how many are shown.
     */
    update(state) {
      setText(title, state.title);
      title.title = state.title; // the whole title, where a narrow panel cuts it short
      title.hidden = !state.title;
      if (values) {
        setText(values.step, formatStep(state.lastStep));
        setText(values.rate, formatRate(state.rate));
        setText(values.elapsed, formatElapsed(state.elapsed));
        const dropped = state.dropped ?? 0;
        const total = formatCount(state.held + dropped);
        const shown = `showing last ${formatCount(state.held)} of ${total} rows`;
        values.shown.hidden = dropped === 0;
        setText(values.shown, dropped ? shown : "");
      }
      setText(note, state.note ?? "");
      note.hidden = !state.note;
      const [label, tip] = stopButton(state);
      setText(stop, label);
      stop.disabled = label !== "Stop";
      stop.title = tip;
      stop.hidden = state.showStop === false;
    },
  };
}

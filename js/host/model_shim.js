// An anywidget-compatible model outside Jupyter, built from a state dict.
//
// It carries what the widget code uses of a model: get/set/on/off/send/
// save_changes/widget_manager. The host that owns it feeds it from wherever
// its data comes from (a saved state, a websocket) through `receive` and
// `update`, and hears what the front end says through `send`/`saveChanges`.

/** @typedef {import("../data/typed_array.js").BinaryBuffer} BinaryBuffer */

/**
 * A listener of a model event: `change:<trait>` passes the trait's new value,
 * `msg:custom` a message's content and buffers.
 * @typedef {(...args: unknown[]) => void} Listener
 */

/**
 * Build a model over `state` (trait name -> value; binary traits as
 * DataView or ArrayBuffer).
 *
 * `send(content, buffers)` carries the front end's custom messages out
 * (default: nowhere, as for a page without a kernel). `saveChanges(changes)`
 * receives the traits the front end set since its last `save_changes()`.
 *
 * Returns `{ model, receive, update }`: `model` is what `initialize` and
 * `render` get; `receive(content, buffers)` delivers a custom message to the
 * front end; `update(patch)` changes traits as a kernel would.
 * @param {Record<string, unknown>} state
 * @param {{
 *   send?: (content: object, buffers: BinaryBuffer[]) => void,
 *   saveChanges?: (changes: Record<string, unknown>) => void,
 * }} [hooks]
 */
export function createModel(state, { send = () => {}, saveChanges = () => {} } = {}) {
  /** @type {Record<string, unknown>} */
  const values = { ...state };
  /** @type {Map<string, Listener[]>} */
  const handlers = new Map();
  /** @type {Record<string, unknown>} traits set since the last save_changes */
  let dirty = {};

  /** @type {(name: string, ...args: unknown[]) => void} */
  const emit = (name, ...args) => {
    for (const fn of [...(handlers.get(name) ?? [])]) fn(...args);
  };
  /** @type {(name: string, value: unknown) => boolean} whether it changed */
  const setValue = (name, value) => {
    if (Object.is(values[name], value)) return false;
    values[name] = value;
    emit(`change:${name}`, value);
    return true;
  };

  const model = {
    /** @param {string} name */
    get: (name) => values[name],
    /**
     * @param {string} name
     * @param {unknown} value
     */
    set(name, value) {
      if (setValue(name, value)) dirty[name] = value;
    },
    /**
     * @param {string} name
     * @param {Listener} fn
     */
    on(name, fn) {
      handlers.set(name, [...(handlers.get(name) ?? []), fn]);
    },
    /**
     * Remove `fn` from event `name`; without `fn` all of that event's, without `name` all.
     * @param {string} [name]
     * @param {Listener} [fn]
     */
    off(name, fn) {
      if (name === undefined) {
        handlers.clear();
      } else if (fn === undefined) {
        handlers.delete(name);
      } else {
        handlers.set(
          name,
          (handlers.get(name) ?? []).filter((h) => h !== fn),
        );
      }
    },
    /**
     * anywidget's signature: send(content, callbacks, buffers).
     * @param {object} content
     * @param {unknown} [_callbacks]
     * @param {BinaryBuffer[]} [buffers]
     */
    send(content, _callbacks, buffers = []) {
      send(content, buffers);
    },
    save_changes() {
      const changes = dirty;
      dirty = {};
      if (Object.keys(changes).length) saveChanges(changes);
    },
    // Keys per-manager caches in the widget code: one manager per host.
    widget_manager: {},
  };

  return {
    model,
    /**
     * @param {object} content
     * @param {BinaryBuffer[]} [buffers]
     */
    receive(content, buffers = []) {
      emit("msg:custom", content, buffers);
    },
    /** @param {Record<string, unknown>} patch */
    update(patch) {
      for (const [name, value] of Object.entries(patch)) setValue(name, value);
    },
  };
}

// An anywidget-compatible model outside Jupyter, built from a state dict.
//
// It carries what the widget code uses of a model: get/set/on/off/send/
// save_changes/widget_manager. The host that owns it feeds it from wherever
// its data comes from (a saved state, a websocket) through `receive` and
// `update`, and hears what the front end says through `send`/`saveChanges`.

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
 * @param {Record<string, any>} state
 * @param {{
 *   send?: (content: any, buffers: any[]) => void,
 *   saveChanges?: (changes: Record<string, any>) => void,
 * }} [hooks]
 */
export function createModel(state, { send = () => {}, saveChanges = () => {} } = {}) {
  const values = { ...state };
  const handlers = new Map();
  let dirty = {};

  const emit = (name, ...args) => {
    for (const fn of [...(handlers.get(name) ?? [])]) fn(...args);
  };
  const setValue = (name, value) => {
    if (Object.is(values[name], value)) return false;
    values[name] = value;
    emit(`change:${name}`, value);
    return true;
  };

  const model = {
    get: (name) => values[name],
    set(name, value) {
      if (setValue(name, value)) dirty[name] = value;
    },
    on(name, fn) {
      handlers.set(name, [...(handlers.get(name) ?? []), fn]);
    },
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
    // anywidget's signature: send(content, callbacks, buffers).
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
    receive(content, buffers = []) {
      emit("msg:custom", content, buffers);
    },
    update(patch) {
      for (const [name, value] of Object.entries(patch)) setValue(name, value);
    },
  };
}

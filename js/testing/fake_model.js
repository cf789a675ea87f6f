// A stand-in for an anywidget model in unit tests: synced state, events, and
// a record of the messages the front end sends.

export function fakeModel(state = {}) {
  const handlers = new Map();
  return {
    state,
    sent: [],
    get: (key) => state[key],
    set(key, value) {
      state[key] = value;
      this.emit(`change:${key}`);
    },
    send(content) {
      this.sent.push(content);
    },
    saved: 0,
    save_changes() {
      this.saved++;
    },
    on(name, fn) {
      handlers.set(name, [...(handlers.get(name) ?? []), fn]);
    },
    off(name, fn) {
      handlers.set(
        name,
        (handlers.get(name) ?? []).filter((h) => h !== fn),
      );
    },
    emit(name, ...args) {
      for (const fn of handlers.get(name) ?? []) fn(...args);
    },
    listeners: (name) => (handlers.get(name) ?? []).length,
    listenerCount: () => [...handlers.values()].reduce((n, list) => n + list.length, 0),
  };
}

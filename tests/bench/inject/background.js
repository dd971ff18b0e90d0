// make bench only: the first script of the measured extensions' background (the
// built extension and the floor extension; tests/bench/instrument.py puts it
// there). It only observes. For every start of the background it keeps one
// record in storage.session under "pgBench:start:<timeOrigin>":
//   origin   - performance.timeOrigin: when this background started (epoch ms);
//   entries  - its performance timeline: this script ("pg-bench:bg-script"),
//              WebAssembly compile+instantiate ("pg-bench:bg-wasm", around
//              WebAssembly.instantiate*), every message received
//              ("pg-bench:bg-received", detail: the message type), the Rust
//              handler of each message ("pg-bench:bg-handle", detail: its type;
//              wrapped by inject/background_after.js) and the bench build's own
//              crate::perf marks (storage reads: "pg:bg-storage-get:<key>").
// The number of records is the number of times the background started, which
// is how the bench checks that a background it stopped really was stopped.
// Records are written 150 ms after the last entry, so the write is not part
// of what is measured; the bench reads them from an extension page.
"use strict";
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const key = `pgBench:start:${performance.timeOrigin}`;
  const entries = [];
  let timer = null;
  const record = (entry) => {
    entries.push({ name: entry.name, type: entry.entryType, start: entry.startTime, duration: entry.duration, detail: entry.detail ?? null });
    clearTimeout(timer);
    timer = setTimeout(() => {
      api.storage.session.set({ [key]: { origin: performance.timeOrigin, entries } }).catch(() => {});
    }, 150);
  };
  new PerformanceObserver((list) => list.getEntries().forEach(record)).observe({ entryTypes: ["mark", "measure"] });
  performance.mark("pg-bench:bg-script");
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    if (typeof original !== "function") continue;
    WebAssembly[name] = function (...args) {
      const start = performance.now();
      return original.apply(this, args).then((result) => {
        performance.measure("pg-bench:bg-wasm", { start, detail: name });
        return result;
      });
    };
  }
  api.runtime.onMessage.addListener((message) => {
    performance.mark("pg-bench:bg-received", { detail: (message && message.type) || null });
    return false; // never answers: the extension's own listener does
  });
})();

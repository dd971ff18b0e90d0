// make bench only, added by tests/bench as the FIRST content script of the
// measured copy of the extension (and of the bare module's): the moment the
// browser starts running the extension's content scripts (document_idle) is
// the zero of "content script ready". It also times the loader's steps in
// this isolated world: the module's fetch ("pg-bench:content-fetch") and its
// compile + instantiate ("pg-bench:content-wasm"). Never part of dist/.
"use strict";
performance.mark("pg-bench:script-start");
(() => {
  const timed = (owner, name, measure) => {
    const original = owner[name];
    if (typeof original !== "function") return;
    owner[name] = function (...args) {
      const start = performance.now();
      const result = original.apply(this, args);
      const done = () => performance.measure(measure, { start, detail: name });
      if (result && typeof result.then === "function") result.then(done, done);
      return result;
    };
  };
  timed(globalThis, "fetch", "pg-bench:content-fetch");
  timed(WebAssembly, "instantiateStreaming", "pg-bench:content-wasm");
  timed(WebAssembly, "instantiate", "pg-bench:content-wasm");
})();

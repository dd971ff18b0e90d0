// make bench only, added by tests/bench right before the loader that calls
// `wasm_bindgen.start_content()` (the module is instantiated by then and the
// entry point attaches the observers synchronously): wraps the entry point so
// that its return marks "content script ready", and marks when every script
// before the loader has run ("pg-bench:scripts-run"). Never part of dist/.
"use strict";
performance.mark("pg-bench:scripts-run");
(() => {
  // `wasm_bindgen` is a top-level `let` of the glue: a global binding, not a property of globalThis.
  const start = typeof wasm_bindgen === "undefined" ? undefined : wasm_bindgen.start_content;
  if (typeof start !== "function") return;
  wasm_bindgen.start_content = function (...args) {
    const begun = performance.now();
    const result = start.apply(this, args);
    const ready = () => {
      performance.measure("pg-bench:start-content", { start: begun });
      performance.mark("pg-bench:content-ready");
    };
    if (result && typeof result.then === "function") result.then(ready, ready);
    else ready();
    return result;
  };
})();

// make bench only: runs in the built extension's background right after the
// wasm-bindgen glue (pkg/extension.js) and before its listeners
// (background.js); tests/bench/instrument.py puts it there. Times every call of
// the Rust message handler, from the call until its reply is ready, as the
// measure "pg-bench:bg-handle" with the message type as detail (collected by
// inject/background.js). Only observes: arguments and results pass unchanged.
"use strict";
// eslint-disable-next-line no-global-assign
wasm_bindgen = ((init) => {
  const handle = init.handle_message;
  return Object.assign((...args) => init(...args), init, {
    handle_message: (message, sender) => {
      const start = performance.now();
      const type = (message && message.type) || null;
      return handle(message, sender).then((reply) => {
        performance.measure("pg-bench:bg-handle", { start, detail: type });
        return reply;
      });
    },
  });
})(wasm_bindgen);

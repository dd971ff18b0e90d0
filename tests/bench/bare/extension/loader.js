// The bare baseline's loader: the same steps as extension/content.js (fetch and
// instantiate the module, call its entry point), with nothing else.
"use strict";
(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  await wasm_bindgen({ module_or_path: api.runtime.getURL("pkg/bare_bg.wasm") });
  wasm_bindgen.start_content();
})().catch((error) => console.error("bench bare module could not start:", error));

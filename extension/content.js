// Content script loader: instantiate the Rust core in the Purpose Jobs page's
// isolated world, then hand over to it. No logic here.
"use strict";
(async () => {
  try {
    await wasm_bindgen({ module_or_path: pgBrowser.extensionUrl("pkg/content_bg.wasm") });
  } catch (wasmBlocked) {
    // The page's CSP blocked WebAssembly (Chromium; see content_fallback.js).
    if (!globalThis.pgLoadFallbackCore) throw wasmBlocked;
    await globalThis.pgLoadFallbackCore();
  }
  wasm_bindgen.start_content();
})().catch((error) => console.error("Purpose Jobs → Greenhouse could not start:", error));

// Content script loader: instantiate the Rust core in the Purpose Jobs page's
// isolated world, then hand over to it. No logic here.
"use strict";
const pgCoreReady = (async () => {
  try {
    // The module's bytes came with the content scripts (pkg/content_module.js,
    // base64): no fetch of a web-accessible file before the core can start.
    const encoded = globalThis.pgContentModule;
    delete globalThis.pgContentModule;
    const bytes = Uint8Array.fromBase64
      ? Uint8Array.fromBase64(encoded)
      : Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0));
    await wasm_bindgen({ module_or_path: bytes });
  } catch (wasmBlocked) {
    // The page's CSP blocked WebAssembly (Chromium; see content_fallback.js).
    if (!globalThis.pgLoadFallbackCore) throw wasmBlocked;
    await globalThis.pgLoadFallbackCore();
  }
  wasm_bindgen.start_content();
})();
pgCoreReady.catch((error) => console.error("Purpose Jobs → Greenhouse could not start:", error));

// Messages from this extension's background (the keyboard command), handed
// to the Rust core. Registered at top level so none is missed while loading.
pgBrowser.api.runtime.onMessage.addListener((message, sender) => {
  if (!sender || sender.id !== pgBrowser.extensionId()) return undefined;
  pgCoreReady.then(() => wasm_bindgen.handle_background_message(message));
  return undefined; // no reply
});

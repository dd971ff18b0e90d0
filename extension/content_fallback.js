// Chromium only (the Firefox build leaves this file out): Chromium applies
// the *page's* CSP to WebAssembly compiled by content scripts
// (https://crbug.com/1385796), so on a page served with `script-src 'self'`
// the content module cannot be instantiated. The same Rust core, compiled to
// plain JavaScript by wasm2js, runs there instead; a dynamic import of a
// web-accessible module is not subject to the page's CSP.
"use strict";
globalThis.pgLoadFallbackCore = async () => {
  const { instantiate } = await import(pgBrowser.extensionUrl("pkg/content_w2j.js"));
  const realInstantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async (_bytes, imports) => ({
    instance: { exports: instantiate(imports) },
    module: null,
  });
  try {
    await wasm_bindgen({ module_or_path: new ArrayBuffer(0) });
  } finally {
    WebAssembly.instantiate = realInstantiate;
  }
};

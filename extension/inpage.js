// In-page frame loader (inpage.html, shown by the content script in an
// <iframe> on Purpose Jobs pages): instantiate the Rust core and let it draw
// the notices and the review form, out of the page's reach. No logic here.
"use strict";
wasm_bindgen({ module_or_path: pgBrowser.extensionUrl("pkg/extension_bg.wasm") })
  .then(() => wasm_bindgen.start_inpage())
  .catch((error) => console.error("Purpose Jobs → Greenhouse could not start its in-page frame:", error));

// Options page loader: instantiate the Rust core and let it run the page.
"use strict";
wasm_bindgen({ module_or_path: pgBrowser.extensionUrl("pkg/extension_bg.wasm") })
  .then(() => wasm_bindgen.start_options())
  .catch((error) => {
    document.getElementById("alert").textContent = String(error);
  });

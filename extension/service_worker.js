// Chrome's MV3 background is a classic service worker: load the shim, the
// Rust core's glue and the listeners synchronously (Firefox lists the same
// three files under `background.scripts`).
importScripts("shim.js", "pkg/extension.js", "background.js");

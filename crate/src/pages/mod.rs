//! The extension's own pages: the options page and the toolbar popup. They
//! render state and forward the user's actions to the background as typed
//! messages; they never read the stored API key.

use wasm_bindgen::prelude::*;

/// Entry point of the options page (`extension/options.js`).
#[wasm_bindgen]
pub fn start_options() {}

/// Entry point of the toolbar popup (`extension/popup.js`).
#[wasm_bindgen]
pub fn start_popup() {}

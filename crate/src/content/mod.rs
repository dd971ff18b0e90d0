//! The content-script adapter: runs in the Purpose Jobs page's isolated
//! world. Watches for the profile's Share menu, adds **Send to Greenhouse**,
//! extracts the profile at click time and shows the outcome in the page.
//! Never holds the API key: it only sends the prospect to the background.

use wasm_bindgen::prelude::*;

/// Entry point called by `extension/content.js` once the module is ready.
#[wasm_bindgen]
pub fn start_content() {
    web_sys::console::debug_1(&JsValue::from_str("Purpose Jobs → Greenhouse: content ready"));
}

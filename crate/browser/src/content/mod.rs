//! The content-script adapter: runs in the Purpose Jobs page's isolated
//! world. Watches for the profile's Share menu, adds **Send to Greenhouse**,
//! snapshots the page at click time for the background to read, and shows
//! the outcome in the page.
//! Never holds the API key and never reads extension storage: it only sends
//! typed messages to the background.
//!
//! Trust: only trusted user input (`event.isTrusted`) acts; page scripts
//! can see our menu items but their synthetic clicks and key presses do
//! nothing. Everything else the extension shows is drawn in the in-page
//! frame (`overlay`), on the extension's origin, out of the page's reach.
//!
//! The same code also runs as plain JavaScript (wasm2js) on Chromium pages
//! whose CSP blocks WebAssembly, so nothing here may depend on WebAssembly
//! itself.

mod dom;
mod flow;
mod items;
mod menu;
mod overlay;
mod reading;
mod state;
mod watch;
mod wire;

use wasm_bindgen::prelude::*;

/// Entry point called by `extension/content.js` once the module is ready:
/// attaches the Share-menu observer and nothing else.
#[wasm_bindgen]
pub fn start_content() {
    if let Err(error) = watch::start() {
        web_sys::console::error_2(
            &JsValue::from_str("Purpose Jobs → Greenhouse could not start:"),
            &error,
        );
    }
}

/// Called by `extension/content.js` for a message from the background; the
/// only one is the keyboard command ("send the profile on screen").
/// Returns true when the message was one this script handles.
#[wasm_bindgen]
pub fn handle_background_message(message: JsValue) -> bool {
    match flow::is_command(&message) {
        true => {
            flow::send_from_shortcut();
            true
        }
        false => false,
    }
}

#[cfg(test)]
mod tests;

//! Small DOM building blocks for the in-page UI: create an element with
//! attributes and text, find the page's window and document.
//!
//! Text always goes in with `set_text_content`; nothing here ever parses
//! markup (`innerHTML`), so page data can never become page code.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, Window};

/// The page's window, or an error when there is none (never in a tab).
pub fn window() -> Result<Window, JsValue> {
    web_sys::window().ok_or_else(|| JsValue::from_str("no window"))
}

/// The page's document.
pub fn document() -> Result<Document, JsValue> {
    window()?
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))
}

/// The page's current address (`location.href`), read now: single-page
/// navigation changes it without a reload.
pub fn current_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Moves keyboard focus to `el` (no-op for elements that cannot be focused).
pub fn focus(el: &Element) {
    // Every element the extension focuses is an HTML element; cast without
    // `instanceof`, which Firefox's Xray wrappers can defeat.
    let _ = el.unchecked_ref::<HtmlElement>().focus();
}

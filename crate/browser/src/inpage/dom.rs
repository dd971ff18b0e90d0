//! The frame's few DOM helpers: its document, an element with attributes
//! and text (never markup), and appending one. Shared by the notices, the
//! review form and the page report dialog.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

/// The frame's document.
pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// A new `tag` element with `attrs`, and `text` as its text (not markup).
pub fn element(
    doc: &Document,
    tag: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> Result<Element, JsValue> {
    let el = doc.create_element(tag)?;
    for (name, value) in attrs {
        el.set_attribute(name, value)?;
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    Ok(el)
}

/// Appends `child` to `parent`.
pub fn add(parent: &Element, child: Element) -> Result<(), JsValue> {
    parent.append_child(&child).map(|_| ())
}

//! Who sent a `runtime.onMessage` message, read from the `sender` object the
//! browser fills in (a page cannot forge it) and classified by the core
//! (`core::contract::trust::classify_sender`): this extension's pages, its content
//! script in a Purpose Jobs tab, or anyone else.

use wasm_bindgen::JsValue;

use crate::core::contract::trust::{classify_sender, MessageSender, SenderKind};
use crate::shim;

/// Classify the `sender` of a message.
pub fn classify(sender: &JsValue) -> SenderKind {
    let field = |name: &str| js_sys::Reflect::get(sender, &JsValue::from_str(name)).ok();
    let text = |name: &str| field(name).and_then(|value| value.as_string());
    let sender = MessageSender {
        id: text("id"),
        url: text("url"),
        has_tab: field("tab").is_some_and(|tab| tab.is_object()),
    };
    classify_sender(&sender, &shim::extension_id(), &shim::extension_url(""))
}

/// The id of the tab a message came from (`sender.tab.id`), `-1` when it
/// has none (the popup, the background itself).
pub fn tab_id(sender: &JsValue) -> i64 {
    js_sys::Reflect::get(sender, &JsValue::from_str("tab"))
        .ok()
        .filter(|tab| tab.is_object())
        .and_then(|tab| js_sys::Reflect::get(&tab, &JsValue::from_str("id")).ok())
        .and_then(|id| id.as_f64())
        .map_or(-1, |id| id as i64)
}

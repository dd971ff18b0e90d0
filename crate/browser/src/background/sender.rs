//! Who sent a `runtime.onMessage` message, read from the `sender` object the
//! browser fills in (a page cannot forge it) and classified by the core
//! (`core::messages::classify_sender`): this extension's pages, its content
//! script in a Purpose Jobs tab, or anyone else.

use wasm_bindgen::JsValue;

use crate::core::contract::messages::{classify_sender, MessageSender, SenderKind};
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

/// `sender.tab.id`: the tab a content script or the in-page frame runs in.
pub fn tab_id(sender: &JsValue) -> Option<u64> {
    let tab = js_sys::Reflect::get(sender, &JsValue::from_str("tab")).ok()?;
    let id = js_sys::Reflect::get(&tab, &JsValue::from_str("id"))
        .ok()?
        .as_f64()?;
    (id >= 0.0 && id.fract() == 0.0).then_some(id as u64)
}

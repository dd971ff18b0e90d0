//! Who sent a `runtime.onMessage` message: one of this extension's pages,
//! its content script in a Purpose Jobs tab, or anyone else.
//!
//! Decided from the `sender` object the browser fills in (a page cannot
//! forge it): `sender.id` must be this extension's id; a URL under the
//! extension's own origin is an extension page; a frame in a tab on an
//! `https://*.purpose.jobs` URL is the content script. Everything else is
//! foreign and may do nothing.

use wasm_bindgen::JsValue;

use super::contract::SenderKind;
use crate::browser;
use crate::core::links;

/// Classify the `sender` of a message.
pub fn classify(sender: &JsValue) -> SenderKind {
    let field = |name: &str| {
        js_sys::Reflect::get(sender, &JsValue::from_str(name))
            .ok()
            .and_then(|value| value.as_string())
    };
    let has_tab = js_sys::Reflect::get(sender, &JsValue::from_str("tab"))
        .map(|tab| tab.is_object())
        .unwrap_or(false);
    classify_fields(
        field("id").as_deref(),
        field("url").as_deref(),
        has_tab,
        &browser::extension_id(),
        &browser::extension_url(""),
    )
}

/// [`classify`] on plain values: the sender's extension id and URL,
/// whether it runs in a tab, our id and our origin (`…://<id>/`).
pub fn classify_fields(
    id: Option<&str>,
    url: Option<&str>,
    in_tab: bool,
    our_id: &str,
    our_origin: &str,
) -> SenderKind {
    let (Some(id), Some(url)) = (id, url) else {
        return SenderKind::Foreign;
    };
    if id != our_id || our_id.is_empty() {
        return SenderKind::Foreign;
    }
    let under_our_origin = !our_origin.is_empty() && url.starts_with(our_origin);
    let on_purpose_jobs = links::split_url(url).scheme == Some("https")
        && links::host(url).is_some_and(|host| links::host_is(&host, "purpose.jobs"));
    match (under_our_origin, in_tab && on_purpose_jobs) {
        (true, _) => SenderKind::ExtensionPage,
        (false, true) => SenderKind::ContentScript,
        (false, false) => SenderKind::Foreign,
    }
}

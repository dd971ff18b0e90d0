//! The extension module's [`Locale`]: core's error sentences and field
//! names looked up in `_locales/<lang>/messages.json` through `i18n`
//! (the shim's one `i18n.getMessage` binding). Installed when the module
//! starts, so every `ErrorReply` the background, the options page or the
//! popup builds carries the localized sentence; core falls back to its
//! English when a message is missing.

use wasm_bindgen::prelude::*;

use crate::core::contract::error_reply::{use_locale, Locale};
use crate::shim;

/// `i18n.getMessage`, through the shim.
struct I18n;

impl Locale for I18n {
    fn message(&self, key: &str, values: &[&str]) -> Option<String> {
        let substitutions: js_sys::Array = values.iter().map(|v| JsValue::from_str(v)).collect();
        let text = shim::i18n(key, &substitutions);
        (!text.is_empty()).then_some(text)
    }
}

static I18N: I18n = I18n;

/// Runs once when the extension module is instantiated (background,
/// options page, popup), before any handler.
#[wasm_bindgen(start)]
pub fn install_locale() {
    use_locale(Some(&I18N));
}

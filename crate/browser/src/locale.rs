//! The extension module's [`Locale`]: core's error sentences and field
//! names looked up in `_locales/<lang>/messages.json` through `i18n`
//! (the shim's one `i18n.getMessage` binding). Passed in wherever the
//! background, the options page or the popup words a failure
//! (`Failure::reply`); core falls back to its English when a message is
//! missing.

use wasm_bindgen::prelude::*;

use crate::core::contract::sentences::Locale;
use crate::shim;

/// `i18n.getMessage`, through the shim.
pub struct I18n;

impl Locale for I18n {
    fn message(&self, key: &str, values: &[&str]) -> Option<String> {
        let substitutions: js_sys::Array = values.iter().map(|v| JsValue::from_str(v)).collect();
        let text = shim::i18n(key, &substitutions);
        (!text.is_empty()).then_some(text)
    }
}

/// The browser's locale, for the extension module's contexts.
pub static I18N: I18n = I18n;

//! Bindings to the one browser-API shim (`extension/shim.js`, the global
//! `pgBrowser`). Every `chrome.*`/`browser.*` call of the Rust code goes
//! through here, so the difference between the two browsers stays in one
//! small JavaScript file.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `runtime.sendMessage`: resolves with the receiver's reply.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = sendMessage, catch)]
    pub fn send_message(message: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// `runtime.getURL`: absolute URL of a file in the extension.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = extensionUrl)]
    pub fn extension_url(path: &str) -> String;

    /// `runtime.id`: this extension's id.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = extensionId)]
    pub fn extension_id() -> String;

    /// `storage.local.get`.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = storageGet, catch)]
    pub fn storage_get(keys: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// `storage.local.set`.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = storageSet, catch)]
    pub fn storage_set(items: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// `storage.local.remove`.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = storageRemove, catch)]
    pub fn storage_remove(keys: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// Chromium's `storage.local.setAccessLevel({accessLevel:
    /// "TRUSTED_CONTEXTS"})`; resolves `false` where the browser has no
    /// such switch (Firefox).
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = restrictStorage, catch)]
    pub fn restrict_storage() -> Result<js_sys::Promise, JsValue>;

    /// The background's own store (IndexedDB of the extension's origin,
    /// out of content scripts' reach): `get` like `storage.local.get`.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = storeGet, catch)]
    pub fn store_get(keys: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// The background's own store: `set` like `storage.local.set`.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = storeSet, catch)]
    pub fn store_set(items: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// The background's own store: `remove` like `storage.local.remove`.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = storeRemove, catch)]
    pub fn store_remove(keys: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// `storage.session.get` (memory only; trusted contexts only).
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = sessionGet, catch)]
    pub fn session_get(keys: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// `storage.session.set`.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = sessionSet, catch)]
    pub fn session_set(items: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// `crypto.randomUUID()`: an unguessable token.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = randomToken, catch)]
    pub fn random_token() -> Result<String, JsValue>;

    /// `i18n.getMessage`: the localized string for `key` (empty when unknown).
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = i18n)]
    pub fn i18n(key: &str, substitutions: &JsValue) -> String;

    /// `runtime.openOptionsPage`.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = openOptionsPage, catch)]
    pub fn open_options_page() -> Result<js_sys::Promise, JsValue>;

    /// `alarms.create(name, { when })`.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = alarmCreate, catch)]
    pub fn alarm_create(name: &str, when_ms: f64) -> Result<JsValue, JsValue>;

    /// `alarms.clear(name)`.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = alarmClear, catch)]
    pub fn alarm_clear(name: &str) -> Result<JsValue, JsValue>;

    /// `permissions.contains({ origins })`.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = permissionsContains, catch)]
    pub fn permissions_contains(origins: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// `permissions.request({ origins })`; must run in a user gesture.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = permissionsRequest, catch)]
    pub fn permissions_request(origins: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// The id of the active tab of the current window (`tabs.query`), or
    /// `null` when there is none.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = activeTabId, catch)]
    pub fn active_tab_id() -> Result<js_sys::Promise, JsValue>;

    /// `tabs.sendMessage`.
    #[wasm_bindgen(js_namespace = pgBrowser, js_name = sendToTab, catch)]
    pub fn send_to_tab(tab_id: f64, message: &JsValue) -> Result<js_sys::Promise, JsValue>;
}

/// Serialize `value` for the wire: plain objects and arrays only (no `Map`,
/// `BigInt` or `undefined`), so both browsers' structured cloning and JSON
/// storage keep it intact.
pub fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)
}

/// Deserialize a value received from JavaScript.
pub fn from_js<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(JsValue::from)
}

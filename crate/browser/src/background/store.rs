//! Typed access to `storage.local` for the background: one JSON value per
//! key, read and written through the browser shim.
//!
//! Only the background uses this module, so only the background ever reads
//! the stored API key. Values are written JSON-compatibly (plain objects and
//! arrays), so both browsers store them the same way. This module never
//! logs a value: the settings carry the key.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::core::contract::error_reply::{ErrorKind, Failure};
use crate::shim;

/// Why extension storage could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser refused the read or write (quota, storage disabled) or the
    /// shim threw.
    Browser,
    /// A stored value no longer has the shape this version expects (written
    /// by another version, or edited by hand).
    Shape {
        /// The storage key whose value could not be read.
        key: &'static str,
    },
}

impl StoreError {
    /// The failure to reply.
    pub fn failure(&self) -> Failure {
        Failure::of(ErrorKind::Storage)
    }
}

/// The value stored under `key`, or `None` when nothing is stored there.
pub async fn get<T: DeserializeOwned>(key: &'static str) -> Result<Option<T>, StoreError> {
    let keys = JsValue::from_str(key);
    let started = crate::perf::now();
    let promise = shim::storage_get(&keys).map_err(|_| StoreError::Browser)?;
    let items = JsFuture::from(promise)
        .await
        .map_err(|_| StoreError::Browser)?;
    crate::perf::span(crate::perf::BG_STORAGE_GET, key, started);
    let value = js_sys::Reflect::get(&items, &keys).map_err(|_| StoreError::Browser)?;
    match value.is_undefined() || value.is_null() {
        true => Ok(None),
        false => shim::from_js(value)
            .map(Some)
            .map_err(|_| StoreError::Shape { key }),
    }
}

/// The value stored under `key`, or `T::default()` when nothing is stored.
/// A value of an outdated shape is an error, never silently replaced: the
/// outbox and the ledger must not lose entries to a format change.
pub async fn get_or_default<T: DeserializeOwned + Default>(
    key: &'static str,
) -> Result<T, StoreError> {
    get(key).await.map(Option::unwrap_or_default)
}

/// Store `value` under `key`, replacing what was there.
pub async fn set<T: Serialize + ?Sized>(key: &'static str, value: &T) -> Result<(), StoreError> {
    let items = js_sys::Object::new();
    let value = shim::to_js(value).map_err(|_| StoreError::Shape { key })?;
    js_sys::Reflect::set(&items, &JsValue::from_str(key), &value)
        .map_err(|_| StoreError::Browser)?;
    let started = crate::perf::now();
    let promise = shim::storage_set(&items).map_err(|_| StoreError::Browser)?;
    JsFuture::from(promise)
        .await
        .map_err(|_| StoreError::Browser)?;
    crate::perf::span(crate::perf::BG_STORAGE_SET, key, started);
    Ok(())
}

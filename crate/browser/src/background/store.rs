//! Typed access to the background's own store: one JSON value per key, kept
//! in the IndexedDB of the extension's origin (`pgBrowser.storeGet` and
//! friends in `extension/shim.js`).
//!
//! Why not `storage.local`: both browsers give content scripts
//! `storage.local` by default, so code running as our content script (a bug
//! in it, or a compromised renderer on a Purpose Jobs page) could read the
//! key and rewrite the destination, the outbox and the ledger. A content
//! script runs with the page's origin and cannot open the extension
//! origin's database. (Chromium can also close `storage.local` to content
//! scripts, which the background does at every start; Firefox cannot.)
//!
//! Earlier versions kept the values in `storage.local`: before the first
//! read or write of each background start they are moved here — copied,
//! read back and compared, and only then deleted there — so nothing is
//! lost, and a move cut short is finished at the next start.
//!
//! Only the background uses this module, so only the background ever reads
//! the stored API key. This module never logs a value: the settings carry
//! the key.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::core::contract::error_reply::{ErrorKind, Failure};
use crate::shim;

/// Why the background's store could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser refused the read or write (quota, storage disabled), the
    /// shim threw, or the values of an earlier version could not be moved
    /// (then nothing is read or written until they are).
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

/// The keys earlier versions kept in `storage.local`, moved on start.
pub const MOVED_KEYS: [&str; 3] = ["settings", "outbox", "ledger"];

thread_local! {
    // The move from `storage.local` of this background start: every read
    // and write waits for it. `None` until first needed, and again after a
    // failed move (the next access tries again).
    static MOVE: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// Waits until the values of earlier versions are in the store.
async fn ready() -> Result<(), StoreError> {
    let promise = MOVE.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| {
                wasm_bindgen_futures::future_to_promise(async {
                    move_from_local()
                        .await
                        .map(|()| JsValue::UNDEFINED)
                        .map_err(|_| JsValue::FALSE)
                })
            })
            .clone()
    });
    match JsFuture::from(promise).await {
        Ok(_) => Ok(()),
        Err(_) => {
            MOVE.with(|slot| slot.borrow_mut().take());
            Err(StoreError::Browser)
        }
    }
}

/// The store's record that the move is done: it runs once per profile,
/// never again. Otherwise a compromised content script in Firefox (where
/// `storage.local` stays open to it) could write a `settings` with its own
/// key there for the next start to "move".
const MOVED_MARK: &str = "moved_from_storage_local";

/// Moves each of [`MOVED_KEYS`] from `storage.local` into the store: copy
/// (unless the store has it already: a move cut short after the copy), read
/// back and compare, then delete from `storage.local`; then marks the move
/// done. Idempotent.
async fn move_from_local() -> Result<(), StoreError> {
    if raw_get(shim::store_get, MOVED_MARK).await?.is_some() {
        return Ok(());
    }
    for key in MOVED_KEYS {
        let Some(old) = raw_get(shim::storage_get, key).await? else {
            continue;
        };
        if raw_get(shim::store_get, key).await?.is_none() {
            raw_set(shim::store_set, key, &old).await?;
            let copied = raw_get(shim::store_get, key).await?;
            let same = match (to_json(&old), copied.as_ref().map(to_json)) {
                (Some(old), Some(Some(copied))) => old == copied,
                _ => false,
            };
            if !same {
                return Err(StoreError::Browser);
            }
        }
        let promise =
            shim::storage_remove(&JsValue::from_str(key)).map_err(|_| StoreError::Browser)?;
        JsFuture::from(promise)
            .await
            .map_err(|_| StoreError::Browser)?;
    }
    raw_set(shim::store_set, MOVED_MARK, &JsValue::TRUE).await
}

fn to_json(value: &JsValue) -> Option<serde_json::Value> {
    shim::from_js(value.clone()).ok()
}

type Call = fn(&JsValue) -> Result<js_sys::Promise, JsValue>;

/// The raw value under `key` of a `storage.local`-shaped store.
async fn raw_get(get: Call, key: &str) -> Result<Option<JsValue>, StoreError> {
    let keys = JsValue::from_str(key);
    let promise = get(&keys).map_err(|_| StoreError::Browser)?;
    let items = JsFuture::from(promise)
        .await
        .map_err(|_| StoreError::Browser)?;
    let value = js_sys::Reflect::get(&items, &keys).map_err(|_| StoreError::Browser)?;
    Ok((!value.is_undefined() && !value.is_null()).then_some(value))
}

async fn raw_set(set: Call, key: &str, value: &JsValue) -> Result<(), StoreError> {
    let items = js_sys::Object::new();
    js_sys::Reflect::set(&items, &JsValue::from_str(key), value)
        .map_err(|_| StoreError::Browser)?;
    let promise = set(&items).map_err(|_| StoreError::Browser)?;
    JsFuture::from(promise)
        .await
        .map_err(|_| StoreError::Browser)?;
    Ok(())
}

thread_local! {
    // What this background start last read or wrote under each key (`None`:
    // nothing stored there), so a send does not wait on a read per value.
    // Only the background reads or writes the store (every change goes
    // through `set` and `remove` below), so the copy is the stored value;
    // each start begins empty, and the store is read again then.
    static CACHE: RefCell<HashMap<&'static str, Cached>> = RefCell::new(HashMap::new());
    // Counts the writes of this start: a read that a write overtook must
    // not put the value it read (older) into `CACHE`.
    static WRITES: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// This start's copy of one key: the stored value (`None`: nothing there),
/// and the same value decoded, once it was (decoding settings or an outbox
/// is most of a read's cost once the store is not asked).
#[derive(Clone)]
struct Cached {
    raw: Option<JsValue>,
    typed: Option<Rc<dyn Any>>,
}

fn cached(key: &'static str) -> Option<Option<JsValue>> {
    CACHE.with(|cache| cache.borrow().get(key).map(|c| c.raw.clone()))
}

fn writes() -> u64 {
    WRITES.with(|writes| writes.get())
}

/// The decoded copy of `key`, if it is of type `T`.
fn typed<T: Clone + 'static>(key: &'static str) -> Option<T> {
    CACHE.with(|cache| {
        cache
            .borrow()
            .get(key)
            .and_then(|c| c.typed.as_ref()?.downcast_ref::<T>().cloned())
    })
}

/// Keeps `value`, decoded from the copy of `key`, unless a write came in
/// since `since` (a [`writes`] count).
fn keep_typed<T: Clone + 'static>(key: &'static str, value: &T, since: u64) {
    if writes() != since {
        return;
    }
    CACHE.with(|cache| {
        if let Some(c) = cache.borrow_mut().get_mut(key) {
            c.typed = Some(Rc::new(value.clone()));
        }
    });
}

/// Forgets the copy of `key` before a write (a failed write leaves the
/// stored value unknown: the next read asks the store).
fn invalidate(key: &'static str) {
    WRITES.with(|writes| writes.set(writes.get() + 1));
    CACHE.with(|cache| cache.borrow_mut().remove(key));
}

/// The raw value under `key`: this start's copy, or read from the store
/// (and kept).
async fn load(key: &'static str) -> Result<Option<JsValue>, StoreError> {
    if let Some(value) = cached(key) {
        return Ok(value);
    }
    let writes = WRITES.with(|writes| writes.get());
    let started = crate::perf::now();
    let stored = raw_get(shim::store_get, key).await?;
    crate::perf::span(crate::perf::BG_STORAGE_GET, key, started);
    if WRITES.with(|w| w.get()) == writes {
        let copy = Cached {
            raw: stored.clone(),
            typed: None,
        };
        CACHE.with(|cache| cache.borrow_mut().insert(key, copy));
    }
    Ok(stored)
}

/// The value stored under `key`, or `None` when nothing is stored there.
pub async fn get<T: DeserializeOwned + Clone + 'static>(
    key: &'static str,
) -> Result<Option<T>, StoreError> {
    ready().await?;
    if let Some(value) = typed::<T>(key) {
        return Ok(Some(value));
    }
    let since = writes();
    let stored = load(key).await?;
    match stored {
        None => Ok(None),
        Some(value) => {
            let value: T = shim::from_js(value).map_err(|_| StoreError::Shape { key })?;
            keep_typed(key, &value, since);
            Ok(Some(value))
        }
    }
}

/// The value stored under `key`, or `T::default()` when nothing is stored.
/// A value of an outdated shape is an error, never silently replaced: the
/// outbox and the ledger must not lose entries to a format change.
pub async fn get_or_default<T: DeserializeOwned + Default + Clone + 'static>(
    key: &'static str,
) -> Result<T, StoreError> {
    get(key).await.map(Option::unwrap_or_default)
}

/// Store `value` under `key`, replacing what was there.
pub async fn set<T: Serialize + Clone + 'static>(
    key: &'static str,
    value: &T,
) -> Result<(), StoreError> {
    let encoding = crate::perf::now();
    ready().await?;
    let typed = value;
    let value = shim::to_js(value).map_err(|_| StoreError::Shape { key })?;
    crate::perf::span(crate::perf::BG_STORAGE_ENCODE, key, encoding);
    invalidate(key);
    let writes = WRITES.with(|writes| writes.get());
    let started = crate::perf::now();
    let written = raw_set(shim::store_set, key, &value).await;
    crate::perf::span(crate::perf::BG_STORAGE_SET, key, started);
    // Kept only when no other write of this start came in between (their
    // order in the store is theirs, not this task's).
    if written.is_ok() && WRITES.with(|w| w.get()) == writes {
        let copy = Cached {
            raw: Some(value),
            typed: Some(Rc::new(typed.clone())),
        };
        CACHE.with(|cache| cache.borrow_mut().insert(key, copy));
    }
    written
}

/// Delete what is stored under `key`.
pub async fn remove(key: &'static str) -> Result<(), StoreError> {
    ready().await?;
    invalidate(key);
    let writes = WRITES.with(|writes| writes.get());
    let promise = shim::store_remove(&JsValue::from_str(key)).map_err(|_| StoreError::Browser)?;
    JsFuture::from(promise)
        .await
        .map_err(|_| StoreError::Browser)?;
    if WRITES.with(|w| w.get()) == writes {
        let copy = Cached {
            raw: None,
            typed: None,
        };
        CACHE.with(|cache| cache.borrow_mut().insert(key, copy));
    }
    Ok(())
}

/// The value stored under `key` in `storage.session` (memory only, gone
/// when the browser closes; trusted contexts only), or `None`.
pub async fn session_get<T: DeserializeOwned>(key: &'static str) -> Option<T> {
    let value = raw_get(shim::session_get, key).await.ok()??;
    shim::from_js(value).ok()
}

/// Store `value` under `key` in `storage.session` (best effort).
pub async fn session_set<T: Serialize + ?Sized>(key: &'static str, value: &T) {
    if let Ok(value) = shim::to_js(value) {
        let _ = raw_set(shim::session_set, key, &value).await;
    }
}

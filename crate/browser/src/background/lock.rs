//! One FIFO lock for the background's read-modify-write of the outbox and
//! the ledger in storage.
//!
//! Messages, alarms and wake-ups are handled concurrently (each is an async
//! task on the one JavaScript thread), and each step reads the stored
//! outbox, changes it and writes it back; without this lock two steps could
//! interleave and lose an entry. The lock is held only around storage
//! updates, never across a request to Greenhouse.

use std::cell::RefCell;
use std::future::Future;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    // The promise the next holder waits for: resolved when the current
    // holder is done.
    static TAIL: RefCell<js_sys::Promise> = RefCell::new(js_sys::Promise::resolve(&JsValue::UNDEFINED));
}

/// Run `step` once every step started before it has finished.
pub async fn exclusive<T, F: Future<Output = T>>(step: impl FnOnce() -> F) -> T {
    let mut release: Option<js_sys::Function> = None;
    let mine = js_sys::Promise::new(&mut |resolve, _reject| release = Some(resolve));
    let previous = TAIL.with(|tail| tail.replace(mine));
    // A rejected predecessor (it cannot reject: it is only ever resolved)
    // must not keep the lock forever either way.
    let _ = JsFuture::from(previous).await;
    let result = step().await;
    if let Some(release) = release {
        let _ = release.call0(&JsValue::UNDEFINED);
    }
    result
}

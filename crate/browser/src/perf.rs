//! Performance marks for `make bench` (`tests/bench/`): the moments only the
//! content script itself can see (ready, extraction) go onto the page's
//! performance timeline, where the bench reads them from the page. Marks made
//! in the content script's isolated world are visible to the page's
//! `performance` object in Chromium and in Firefox (checked by the bench).
//!
//! Every mark and measure carries the module's current WebAssembly linear
//! memory size in bytes as its `detail`, which is how the bench sees the
//! content script's memory from outside.
//!
//! Compiled to empty functions unless the cargo feature `bench` is on, so
//! `dist/` never carries any of it. It must never change what the extension
//! does: it only observes, and a mark that fails is ignored.

/// Marked when the content script is ready: module instantiated, observers
/// attached.
pub const CONTENT_READY: &str = "pg:content-ready";
/// Marked right before the page is snapshotted for reading (at click time).
pub const EXTRACT_START: &str = "pg:extract-start";
/// Measured from [`EXTRACT_START`] until the background's reading of the
/// snapshot (`Request::ReadProfile`) is back in the content script.
pub const EXTRACT: &str = "pg:extract";

/// Marked right before `extension/page_snapshot.js` walks the page.
pub const SNAPSHOT_JS_START: &str = "pg:snapshot-js-start";
/// Measured from [`SNAPSHOT_JS_START`] to the walk's string arriving in
/// Rust: the JavaScript part of an extraction.
pub const SNAPSHOT_JS: &str = "pg:snapshot-js";

/// Measured at start around the look for open shadow roots already in
/// the page (the watcher observes each one), as `pg:shadow-scan:start`: the
/// one piece of the shadow-root support every page pays at start, with or
/// without shadow roots (`tests/bench/components.py`).
pub const SHADOW_SCAN: &str = "pg:shadow-scan";

/// Measured around each read of extension storage in the background
/// (`background::store::get`), named `pg:bg-storage-get:<key>`; on the
/// background's own timeline, which the bench's background script
/// (`tests/bench/inject/background.js`) copies into `storage.session`.
pub const BG_STORAGE_GET: &str = "pg:bg-storage-get";
/// Measured around each write (`background::store::set`), like
/// [`BG_STORAGE_GET`]: `pg:bg-storage-set:<key>`.
pub const BG_STORAGE_SET: &str = "pg:bg-storage-set";
/// Measured around the encoding of a value for a write, before the write
/// itself (`background::store::set`): `pg:bg-storage-encode:<key>`.
pub const BG_STORAGE_ENCODE: &str = "pg:bg-storage-encode";

/// Measured around a step of a background handler (the snapshot's reading,
/// the send's plan and queue, the request), named `pg:bg-step:<step>`.
pub const BG_STEP: &str = "pg:bg-step";

/// A point in time for [`span`]: `performance.now()` in the bench build,
/// otherwise 0.
#[cfg(feature = "bench")]
#[inline]
pub fn now() -> f64 {
    timeline::now()
}

/// See the bench build's `now`: nothing to time here.
#[cfg(not(feature = "bench"))]
#[inline]
pub fn now() -> f64 {
    0.0
}

/// Adds the performance measure `<name>:<key>` from `start` (a [`now`]) to
/// now (bench build only; otherwise nothing). Unlike [`measure`], spans that
/// overlap (two storage reads at once) do not share a start mark.
#[inline]
pub fn span(name: &str, key: &str, start: f64) {
    #[cfg(feature = "bench")]
    timeline::span(&format!("{name}:{key}"), start);
    #[cfg(not(feature = "bench"))]
    let _ = (name, key, start);
}

/// Adds the performance mark `name` (bench build only; otherwise nothing).
#[inline]
pub fn mark(name: &str) {
    #[cfg(feature = "bench")]
    timeline::mark(name);
    #[cfg(not(feature = "bench"))]
    let _ = name;
}

/// Adds the performance measure `name` from the mark `start_mark` to now
/// (bench build only; otherwise nothing).
#[inline]
pub fn measure(name: &str, start_mark: &str) {
    #[cfg(feature = "bench")]
    timeline::measure(name, start_mark);
    #[cfg(not(feature = "bench"))]
    let _ = (name, start_mark);
}

#[cfg(feature = "bench")]
mod timeline {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        // The global `performance` (the isolated world's, which shares the
        // page's timeline; also present in workers).
        #[wasm_bindgen(js_namespace = performance, js_name = mark, catch)]
        fn performance_mark(name: &str, options: &JsValue) -> Result<JsValue, JsValue>;

        #[wasm_bindgen(js_namespace = performance, js_name = measure, catch)]
        fn performance_measure(name: &str, options: &JsValue) -> Result<JsValue, JsValue>;

        #[wasm_bindgen(js_namespace = performance, js_name = now, catch)]
        fn performance_now() -> Result<f64, JsValue>;
    }

    pub(super) fn now() -> f64 {
        performance_now().unwrap_or(0.0)
    }

    pub(super) fn span(name: &str, start: f64) {
        let options = options(None);
        let _ = js_sys::Reflect::set(
            &options,
            &JsValue::from_str("start"),
            &JsValue::from_f64(start),
        );
        let _ = performance_measure(name, &options);
    }

    /// `{ detail: <linear memory bytes>, start?: <mark> }`.
    fn options(start_mark: Option<&str>) -> JsValue {
        let options = js_sys::Object::new();
        let memory = wasm_bindgen::memory();
        let bytes = js_sys::Reflect::get(&memory, &JsValue::from_str("buffer"))
            .and_then(|buffer| js_sys::Reflect::get(&buffer, &JsValue::from_str("byteLength")))
            .unwrap_or(JsValue::NULL);
        // Failing to fill an option only loses a number in the bench's table.
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str("detail"), &bytes);
        if let Some(start) = start_mark {
            let _ = js_sys::Reflect::set(
                &options,
                &JsValue::from_str("start"),
                &JsValue::from_str(start),
            );
        }
        options.into()
    }

    pub(super) fn mark(name: &str) {
        // A missing `performance` must not stop the extension; the bench then
        // reports the metric as not measured.
        let _ = performance_mark(name, &options(None));
    }

    pub(super) fn measure(name: &str, start_mark: &str) {
        // Throws when `start_mark` was never marked; see `mark`.
        let _ = performance_measure(name, &options(Some(start_mark)));
    }
}

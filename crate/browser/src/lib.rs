//! Purpose Jobs → Greenhouse: the browser adapters around the pure core.
//!
//! [`core`] (the `purpose-greenhouse-core` crate) is pure: it never touches
//! a browser API, so `cargo test` runs it natively. Everything here is a
//! thin adapter compiled only for `wasm32`: it reads the DOM, talks to
//! `chrome.*`/`browser.*` through one shim (`shim`), and sends HTTP
//! requests, delegating every decision to `core`.
//!
//! Two WebAssembly modules are built from this crate:
//! - `content` (feature `content`): runs in the Purpose Jobs page's isolated
//!   world; adds the Share-menu item, snapshots the page at click time and
//!   draws the in-page UI. Never holds the key.
//! - `extension` (feature `extension`): runs in the background and in the
//!   extension's own pages (options, popup). The background reads profiles
//!   from the snapshots (`core::profile::reading`), and is the only context that
//!   reads the API key or talks to Greenhouse.

/// The pure core, under the name the adapters use for it.
pub use purpose_greenhouse_core as core;

#[cfg(target_arch = "wasm32")]
pub mod dom_page;

#[cfg(target_arch = "wasm32")]
pub mod shim;

#[cfg(target_arch = "wasm32")]
pub mod perf;

#[cfg(all(target_arch = "wasm32", feature = "content"))]
pub mod content;

#[cfg(all(
    target_arch = "wasm32",
    any(feature = "content", feature = "extension")
))]
pub mod text;

#[cfg(all(target_arch = "wasm32", feature = "extension"))]
pub mod inpage;

#[cfg(all(target_arch = "wasm32", feature = "extension"))]
pub mod background;

#[cfg(all(target_arch = "wasm32", feature = "extension"))]
pub mod locale;

#[cfg(all(target_arch = "wasm32", feature = "extension"))]
pub mod pages;

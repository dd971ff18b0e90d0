//! The bare baseline for `make bench`: one exported function and nothing else,
//! so its readiness is the floor that instantiating any wasm-bindgen module of
//! this toolchain costs. It must never grow features of its own.

use wasm_bindgen::prelude::*;

/// Called by the bench loader once the module is instantiated, like the real
/// content script's `start_content`; does nothing.
#[wasm_bindgen]
pub fn start_content() {}

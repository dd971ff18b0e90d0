//! The pure core: profile model, extraction rules, Greenhouse request
//! building and response interpretation, the outbox state machine and the
//! message contract between the extension's contexts.
//!
//! Invariant: nothing under `core` names `web_sys`, `js_sys`, `wasm_bindgen`
//! or `gloo` (enforced by `crate/tests/architecture.rs`). Time, randomness and
//! I/O come in as arguments.

pub mod base64;
pub mod case;
pub mod error_reply;
pub mod extract;
pub mod greenhouse;
pub mod ledger;
pub mod links;
pub mod mapping;
pub mod messages;
pub mod names;
pub mod outbox;
pub mod page;
pub mod profile;
pub mod reading;
pub mod review;
pub mod settings;
pub mod share_menu;

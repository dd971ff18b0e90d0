//! The pure core of Purpose Jobs → Greenhouse: everything the extension
//! decides, with no browser in sight. The folders are the concerns:
//!
//! - [`page`]: the page as data (the one-walk snapshot tree, its one-string
//!   wire format, case folding for keyword matching);
//! - [`profile`]: what a Purpose Jobs profile says (the model, extraction
//!   rules, names, links, Share-menu recognition, reading a snapshot);
//! - [`greenhouse`]: the Candidate Ingestion API as data (requests,
//!   lenient response readers, typed errors, mapping a profile to a prospect);
//! - [`sending`]: getting a prospect there once (the outbox, the ledger of
//!   sent candidates, the review form's rules, settings and destinations);
//! - [`contract`]: the messages between the extension's contexts (requests,
//!   trust tiers, replies, the error envelope);
//! - [`inpage`]: the in-page UI's decisions (what a click on our menu items
//!   does, what they show, which notice an outcome gives, which clicks and
//!   links to refuse).
//!
//! Invariant: this crate has no `wasm-bindgen`, `web-sys`, `js-sys` or
//! `gloo` in its dependency graph (`Cargo.toml`), so naming one is a compile
//! error. Time, randomness and I/O come in as arguments.

pub mod contract;
pub mod greenhouse;
pub mod inpage;
pub mod page;
pub mod profile;
pub mod report;
pub mod sending;

#[cfg(test)]
mod test_support;

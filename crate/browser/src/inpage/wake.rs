//! Waking the background before the review form's **Send**: the pointer
//! reaching the Send button, or focus or an edit in the form, is when a send
//! becomes likely, hundreds of milliseconds before the click. A background
//! the browser stopped while the form was open starts then (and reads what
//! a send needs: `Request::Wake`), not at the click.
//!
//! The message carries nothing (nothing from the page, no form value), and
//! is sent only on the recruiter's own events: focus and edits at most once
//! per [`EVERY_MS`], the pointer entering Send each time it does; never on a
//! timer, so it keeps nothing alive.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, Event};

use crate::core::contract::request::Request;
use crate::shim;

/// The least time between two wakes.
const EVERY_MS: f64 = 1000.0;

thread_local! {
    static LAST: Cell<f64> = const { Cell::new(f64::NEG_INFINITY) };
}

/// Listens on `doc` for the events that make a send likely.
pub fn listen(doc: &Document) {
    let on_event = Closure::<dyn FnMut(Event)>::new(on_event);
    for kind in ["pointerover", "focusin", "input"] {
        let _ = doc.add_event_listener_with_callback(kind, on_event.as_ref().unchecked_ref());
    }
    on_event.forget();
}

fn on_event(event: Event) {
    if !event.is_trusted() {
        return;
    }
    // The pointer counts only on the Send button; focus and edits anywhere.
    let on_send = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|el| {
            el.closest(&format!(
                "[data-pg-action=\"{}\"]",
                super::form::SEND_ACTION
            ))
            .ok()
            .flatten()
        })
        .is_some();
    if event.type_() == "pointerover" && !on_send {
        return;
    }
    // The pointer reaching Send always counts (it fires once per entry):
    // the background may have stopped since the form's focus woke it.
    let now = js_sys::Date::now();
    if !on_send && now - LAST.with(Cell::get) < EVERY_MS {
        return;
    }
    LAST.with(|last| last.set(now));
    wasm_bindgen_futures::spawn_local(async {
        let Ok(message) = shim::to_js(&Request::Wake) else {
            return;
        };
        if let Ok(promise) = shim::send_message(&message) {
            let _ = JsFuture::from(promise).await;
        }
    });
}

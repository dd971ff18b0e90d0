//! The extension's own frame in a Purpose Jobs tab (`extension/inpage.html`,
//! a web-accessible page the content script shows in an `<iframe>`): the
//! notices and the review form, drawn where the page cannot read or change
//! them (another origin).
//!
//! Data flow (see `core::inpage::frame`): the content script hands each
//! item to the background (`ShowInPage`), which keeps it for that tab; this
//! frame takes its tab's items (`TakeInPage`) when loaded and whenever the
//! content script pokes it. The poke carries nothing (the page could send
//! one too: all it does is make the frame ask). The frame sends the review
//! form's values to the background itself, and tells the content script
//! only its layout and "ask about the send again" (the content script
//! checks that such a message comes from this frame's window and origin).
//!
//! Never holds the key; never registers a `runtime.onMessage` listener
//! (the background answers the extension's messages).

mod dom;
mod form;
mod notices;
mod report;
mod wake;

use std::cell::RefCell;

use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Event, KeyboardEvent, MessageEvent};

use crate::core::contract::error_reply::{ErrorKind, ErrorReply, Failure};
use crate::core::contract::reply::Reply;
use crate::core::contract::request::Request;
use crate::core::inpage::frame::{FrameItem, Layout};
use crate::locale::I18N;
use crate::shim;

/// The frame's memory: the notices shown and the open form.
#[derive(Default)]
struct State {
    notices: Vec<notices::Shown>,
    form: Option<form::ReviewForm>,
    report: Option<report::ReportDialog>,
    next_id: u32,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn with<R>(f: impl FnOnce(&mut State) -> R) -> Option<R> {
    STATE.with(|cell| match cell.try_borrow_mut() {
        Ok(mut state) => Some(f(&mut state)),
        Err(_) => None,
    })
}

/// Entry point of `extension/inpage.html` (`extension/inpage.js`).
#[wasm_bindgen]
pub fn start_inpage() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        // Only "look again": anyone in the page could send it, and it
        // carries nothing.
        if event.data().as_string().as_deref() == Some(POKE) {
            take();
        } else if event.data().as_string().as_deref() == Some(ESCAPE) {
            escape();
        }
    });
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
    let on_click = Closure::<dyn FnMut(Event)>::new(on_click);
    let on_key = Closure::<dyn FnMut(KeyboardEvent)>::new(on_key);
    if let Some(doc) = window.document() {
        let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        wake::listen(&doc);
    }
    let _ = window.add_event_listener_with_callback_and_bool(
        "keydown",
        on_key.as_ref().unchecked_ref(),
        true,
    );
    let on_focus = Closure::<dyn FnMut()>::new(refocus);
    let _ = window.add_event_listener_with_callback("focus", on_focus.as_ref().unchecked_ref());
    let on_resize = Closure::<dyn FnMut()>::new(form::refit);
    let _ = window.add_event_listener_with_callback("resize", on_resize.as_ref().unchecked_ref());
    on_click.forget();
    on_key.forget();
    on_focus.forget();
    on_resize.forget();
    take();
}

/// What the content script posts to ask the frame to take its items.
pub const POKE: &str = "pg-inpage-poke";
/// What the content script posts when Escape was pressed in the page.
pub const ESCAPE: &str = "pg-inpage-escape";

/// Takes this tab's waiting items from the background and shows them.
fn take() {
    wasm_bindgen_futures::spawn_local(async {
        let frame = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
            .trim_start_matches('#')
            .to_owned();
        let items: Vec<FrameItem> = match ask(&Request::TakeInPage { frame }).await {
            Ok(items) => items,
            Err(_) => return,
        };
        for item in items {
            show(item.checked());
        }
    });
}

fn show(item: FrameItem) {
    match item {
        FrameItem::Notice {
            role,
            text,
            link,
            action,
            report,
        } => notices::show(role, &text, link.as_deref(), action, report),
        FrameItem::Review { form } => form::open(*form),
    }
}

fn dismiss_newest() {
    if let Some(Some(id)) = with(|s| s.notices.last().map(|n| n.id)) {
        notices::dismiss(id);
    }
}

/// Tells the content script how to lay the frame out (and, with
/// `refresh`, to ask the background about `candidate_id`'s send again).
fn post(layout_only: bool, refresh: Option<&str>) {
    let (count, form_open) =
        with(|s| (s.notices.len(), s.form.is_some() || s.report.is_some())).unwrap_or((0, false));
    let layout = Layout::of(count, form_open);
    // The notices column's bottom edge, plus room for its shadow.
    let height = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("notices"))
        .map(|el| el.get_bounding_client_rect().bottom() + 24.0)
        .unwrap_or(0.0);
    let message = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str(k), v);
    };
    set("pg", &JsValue::from_str("inpage"));
    set("layout", &JsValue::from_str(layout.as_str()));
    set("height", &JsValue::from_f64(height));
    if let (false, Some(id)) = (layout_only, refresh) {
        set("refresh", &JsValue::from_str(id));
    }
    if let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) {
        // Not secret: a layout and "ask again"; the parent's origin is the
        // page's, which this frame cannot know for sure.
        let _ = parent.post_message(&message, "*");
    }
}

/// The layout changed (a notice or the form came or went).
fn relayout() {
    post(true, None);
}

fn on_click(event: Event) {
    if !event.is_trusted() {
        return;
    }
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let Ok(Some(button)) = target.closest("[data-pg-action]") else {
        return;
    };
    let notice: Option<u32> = button
        .get_attribute("data-pg-notice")
        .and_then(|id| id.parse().ok());
    match (button.get_attribute("data-pg-action").as_deref(), notice) {
        (Some("close"), Some(id)) => notices::dismiss(id),
        (Some("notice"), Some(id)) => notices::act(id),
        (Some(form::SEND_ACTION), _) => form::send(),
        (Some(form::CANCEL_ACTION), _) => form::close(),
        (Some(report::OPEN_ACTION), notice) => {
            let text = match notice {
                Some(id) => notices::report_of(id),
                None => form::report_text(),
            };
            if let Some(text) = text {
                report::open(&text);
            }
        }
        (Some(report::COPY_ACTION), _) => report::copy(),
        (Some(report::DOWNLOAD_ACTION), _) => report::download(),
        (Some(report::CLOSE_ACTION), _) => report::close(),
        _ => {}
    }
}

/// Which modal is on top: the page report opens over the review form.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Top {
    Report,
    Form,
}

fn top_modal() -> Option<(Top, dom::Modal)> {
    with(|s| match (&s.report, &s.form) {
        (Some(report), _) => Some((Top::Report, report.modal.clone())),
        (None, Some(form)) => Some((Top::Form, form.modal.clone())),
        (None, None) => None,
    })
    .flatten()
}

/// Escape (in the frame, or in the page): closes the topmost modal (focus
/// goes back where it was), else dismisses the newest notice.
fn escape() {
    match top_modal() {
        Some((Top::Report, _)) => report::close(),
        Some((Top::Form, _)) => form::close(),
        None => dismiss_newest(),
    }
}

/// The frame got focus (or a modal just opened): the topmost modal takes
/// it when nothing in it has it.
pub(crate) fn refocus() {
    if let Some(target) = top_modal().and_then(|(_, modal)| modal.lost_focus()) {
        dom::focus(&target);
    }
}

fn on_key(event: KeyboardEvent) {
    if !event.is_trusted() {
        return;
    }
    let top = top_modal();
    match (event.key().as_str(), top) {
        ("Escape", Some(_)) => {
            event.prevent_default();
            escape();
        }
        ("Escape", None) => dismiss_newest(),
        ("Tab", Some((_, modal))) => modal.trap_tab(&event),
        ("Enter", Some((Top::Form, _))) => {
            let in_input = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .is_some_and(|el| el.local_name() == "input");
            if in_input {
                event.prevent_default();
                form::send();
            }
        }
        _ => {}
    }
}

/// Sends `request` to the background and waits for its value.
async fn ask<T: DeserializeOwned>(request: &Request) -> Result<T, ErrorReply> {
    let message = shim::to_js(request).map_err(|_| Failure::bad_message().reply(&I18N))?;
    let promise = shim::send_message(&message).map_err(|_| Failure::bad_message().reply(&I18N))?;
    let answer = JsFuture::from(promise)
        .await
        .map_err(|_| Failure::bad_message().reply(&I18N))?;
    match shim::from_js::<Reply<T>>(answer) {
        Ok(Reply::Ok(value)) => Ok(value),
        Ok(Reply::Err(error)) => Err(error),
        Err(_) => Err(Failure::of(ErrorKind::BadResponse).reply(&I18N)),
    }
}

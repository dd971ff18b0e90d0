//! What happens when the recruiter acts: a menu item, a notice button, the
//! review form or the keyboard shortcut. Reads the candidate from the
//! current DOM at that moment, sends it through the background (at most one
//! send in flight per candidate), and shows the outcome.
//!
//! Every handler ignores untrusted events (`event.isTrusted` false): a page
//! script can dispatch clicks on our elements but never cause a send.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent};

use super::dom;
use super::menu::{self, ItemsView};
use super::overlay::{self, Overlay};
use super::reading::{self, Candidate, Reading, Unreadable};
use super::review::{self, ReviewRequest};
use super::state;
use super::text::{action_label, notice_text, Label};
use super::wire::{self, WireError};
use crate::core::contract::messages::{GreenhouseLookup, SendOutcome, SendState, SendStatus};
use crate::core::inpage::click::{check_click, ItemOnScreen};
use crate::core::inpage::menu::{click_action, items_view, shortcut_action, ClickAction, Item};
use crate::core::inpage::notice::{
    already_sent_notice, click_refused_notice, not_set_up_notice, outcome_notice, reading_notice,
    Answer, Notice, NoticeAction, NoticeText, ReadingProblem,
};
use crate::core::sending::review::{problems, Problem, ReviewField};
use crate::core::sending::settings::Destination;

/// The `type` of the background's keyboard-command message to the tab.
const COMMAND_TYPE: &str = "SendProfileOnScreen";

// ---------------------------------------------------------------------------
// Address changes

/// Compares `location.href` with the last address seen; on a change (the
/// single-page app moved to another page) removes the layer: its notices
/// and form were about the previous page.
pub fn check_url() {
    let url = dom::current_url();
    let overlay = state::with(|s| match s.last_url == url {
        true => None,
        false => {
            s.last_url = url;
            s.menus.retain(|(_, items)| menu::is_live(items));
            s.notices.clear();
            s.review = None;
            s.overlay.take()
        }
    });
    if let Some(Some(overlay)) = overlay {
        overlay.detach();
    }
}

// ---------------------------------------------------------------------------
// Menu items

/// Inserts our items into a Share menu that just opened, showing what is
/// known about `candidate_id`, and asks the background for its status.
pub fn insert_items(container: &Element, template: &Element, candidate_id: &str) {
    let doc = match dom::document() {
        Ok(doc) => doc,
        Err(_) => return,
    };
    let prepared = state::with(|s| {
        s.menus.retain(|(_, items)| menu::is_live(items));
        let view = view_of(s, candidate_id);
        s.listeners.as_ref().map(|l| {
            (
                view,
                l.item_click
                    .as_ref()
                    .unchecked_ref::<js_sys::Function>()
                    .clone(),
                l.item_key
                    .as_ref()
                    .unchecked_ref::<js_sys::Function>()
                    .clone(),
            )
        })
    });
    let (view, on_click, on_key) = match prepared {
        Some(Some(prepared)) => prepared,
        _ => return,
    };
    match menu::insert(&doc, container, template, &view, &on_click, &on_key) {
        Ok(items) => {
            state::with(|s| s.menus.push((candidate_id.to_owned(), items)));
            refresh_status(candidate_id.to_owned());
        }
        Err(error) => web_sys::console::warn_2(
            &JsValue::from_str("Purpose Jobs → Greenhouse: could not add the menu item"),
            &error,
        ),
    }
}

fn view_of(s: &state::State, candidate_id: &str) -> ItemsView {
    items_view(
        s.in_flight.contains(candidate_id),
        s.statuses.get(candidate_id),
    )
}

/// Redraws the items of every live menu of `candidate_id`.
fn render_menus(candidate_id: &str) {
    let redraw = state::with(|s| {
        s.menus.retain(|(_, items)| menu::is_live(items));
        let view = view_of(s, candidate_id);
        s.menus
            .iter()
            .filter(|(id, _)| id == candidate_id)
            .map(|(_, items)| (items.clone(), view))
            .collect::<Vec<_>>()
    });
    for (items, view) in redraw.unwrap_or_default() {
        menu::render(&items, &view);
    }
}

/// Asks the background what it knows about `candidate_id` (sent, queued,
/// set up, Greenhouse's current status) and redraws the items.
fn refresh_status(candidate_id: String) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(status) = wire::ask_status(&candidate_id).await {
            state::with(|s| s.statuses.insert(candidate_id.clone(), status));
            render_menus(&candidate_id);
        }
    });
}

/// A menu item was clicked.
pub fn on_item_click(event: Event) {
    if !event.is_trusted() {
        return;
    }
    let item = match event
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
    {
        Some(item) => item,
        None => return,
    };
    event.prevent_default();
    // Our item is ours: the page's menu code has nothing to do with it.
    event.stop_propagation();
    if let Err(why) = check_click(&item_on_screen(&item, &event)) {
        return draw(click_refused_notice(why), None);
    }
    activate(&item);
}

/// A key was pressed on a menu item: Enter and Space activate it (a
/// `<button>` item turns them into a click by itself).
pub fn on_item_key(event: KeyboardEvent) {
    if !event.is_trusted() {
        return;
    }
    let key = event.key();
    if key != "Enter" && key != " " {
        return;
    }
    let item = match event
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
    {
        Some(item) => item,
        None => return,
    };
    if item.local_name() == "button" {
        return;
    }
    event.prevent_default();
    event.stop_propagation();
    activate(&item);
}

/// What the item does depends on the state at click time, not on what it
/// showed when drawn (`core::inpage::menu::click_action`).
fn activate(item: &Element) {
    let which = match item.get_attribute(menu::MARK).as_deref() == Some(menu::PRIMARY) {
        true => Item::Primary,
        false => Item::Secondary,
    };
    let from_url = reading::candidate_id_in(&dom::current_url());
    let known = state::with(|s| {
        // The address names the candidate; else the menu was inserted for one.
        let candidate_id = from_url.clone().unwrap_or_else(|| {
            s.menus
                .iter()
                .find(|(_, items)| {
                    items.primary.is_same_node(Some(item))
                        || items.secondary.is_same_node(Some(item))
                })
                .map(|(id, _)| id.clone())
                .unwrap_or_default()
        });
        let status = s.statuses.get(&candidate_id).cloned();
        (
            click_action(which, s.in_flight.contains(&candidate_id), status.as_ref()),
            status,
        )
    });
    let (action, status) = match known {
        Some(known) => known,
        None => return,
    };
    run(action, status.as_ref());
}

/// Carries out a click's (or the shortcut's) action.
fn run(action: ClickAction, status: Option<&SendStatus>) {
    match action {
        ClickAction::Nothing => {}
        ClickAction::Send => send_on_screen(),
        ClickAction::Review { resend } => open_review(resend),
        ClickAction::NotSetUp => draw(not_set_up_notice(), None),
        ClickAction::ShowSent => {
            if let Some(SendState::Sent { entry, .. }) = status.map(|s| &s.state) {
                draw(already_sent_notice(&entry.name, entry), None);
            }
        }
    }
}

/// A computed `opacity` ("0", "1", "0.5", "5e-05"): `str::parse::<f64>`
/// would link the float parser and its tables (about 20 KB raw) into the
/// content module for this one number. Anything unusual counts as opaque
/// but an exponent, which only very small values get.
fn opacity_of(value: &str) -> f64 {
    if value.contains('e') || value.contains('E') {
        return 0.0;
    }
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    let mut result = 0.0;
    for digit in whole.bytes() {
        match digit {
            b'0'..=b'9' => result = result * 10.0 + f64::from(digit - b'0'),
            _ => return 1.0,
        }
    }
    let mut scale = 0.1;
    for digit in fraction.bytes() {
        match digit {
            b'0'..=b'9' => result += f64::from(digit - b'0') * scale,
            _ => return 1.0,
        }
        scale /= 10.0;
    }
    result.min(1.0)
}

/// Measures `item` as the recruiter saw it when `event` (a click) reached
/// it: `core::inpage::click` decides whether that was a real click on a
/// menu item.
fn item_on_screen(item: &Element, event: &Event) -> ItemOnScreen {
    let rect = item.get_bounding_client_rect();
    let window = dom::window().ok();
    let size =
        |v: Option<Result<JsValue, JsValue>>| v.and_then(|v| v.ok()).and_then(|v| v.as_f64());
    let (viewport_width, viewport_height) = match &window {
        Some(w) => (
            size(Some(w.inner_width())).unwrap_or(0.0),
            size(Some(w.inner_height())).unwrap_or(0.0),
        ),
        None => (0.0, 0.0),
    };
    let mut opacity = 1.0;
    let mut hidden = false;
    let mut cursor = Some(item.clone());
    while let Some(el) = cursor {
        if let Some(Ok(Some(style))) = window.as_ref().map(|w| w.get_computed_style(&el)) {
            let value = |name: &str| style.get_property_value(name).unwrap_or_default();
            opacity *= opacity_of(value("opacity").trim());
            hidden |=
                value("display").trim() == "none" || value("content-visibility").trim() == "hidden";
            if el.is_same_node(Some(item)) {
                hidden |= matches!(value("visibility").trim(), "hidden" | "collapse");
            }
        }
        cursor = el.parent_element().or_else(|| {
            el.parent_node()
                .and_then(|n| n.dyn_into::<web_sys::ShadowRoot>().ok())
                .map(|root| root.host())
        });
    }
    let under_pointer = event
        .dyn_ref::<web_sys::MouseEvent>()
        // A keyboard activation of a `<button>` is a click without a
        // pointer (`detail` 0, no coordinates).
        .filter(|mouse| mouse.detail() != 0)
        .map(|mouse| {
            let (x, y) = (mouse.client_x() as f32, mouse.client_y() as f32);
            let mut hit = dom::document()
                .ok()
                .and_then(|d| d.element_from_point(x, y));
            // Into open shadow roots (a menu drawn in one).
            while let Some(root) = hit.as_ref().and_then(|h| h.shadow_root()) {
                match root.element_from_point(x, y) {
                    Some(inner) if !hit.as_ref().is_some_and(|h| h.is_same_node(Some(&inner))) => {
                        hit = Some(inner)
                    }
                    _ => break,
                }
            }
            hit.is_some_and(|hit| item.contains(Some(&hit)))
        });
    ItemOnScreen {
        width: rect.width(),
        height: rect.height(),
        viewport_width,
        viewport_height,
        opacity,
        hidden,
        under_pointer,
    }
}

// ---------------------------------------------------------------------------
// Sending

/// True for the background's keyboard-command message.
pub fn is_command(message: &JsValue) -> bool {
    js_sys::Reflect::get(message, &JsValue::from_str("type"))
        .ok()
        .and_then(|t| t.as_string())
        .is_some_and(|t| t == COMMAND_TYPE)
}

/// The keyboard shortcut: send the profile on screen (the review form when
/// something required is missing or the recruiter always reviews).
pub fn send_from_shortcut() {
    let candidate_id = reading::candidate_id_in(&dom::current_url());
    let status = state::with(|s| {
        candidate_id
            .as_ref()
            .and_then(|id| s.statuses.get(id))
            .cloned()
    })
    .flatten();
    run(shortcut_action(status.as_ref()), status.as_ref());
}

/// Reads the candidate on screen now and sends it, or says why not.
fn send_on_screen() {
    wasm_bindgen_futures::spawn_local(async {
        match reading::read_candidate().await {
            Reading::Ready(candidate) => send(candidate, false, None, false),
            Reading::Incomplete {
                draft,
                missing,
                no_name: false,
                no_candidate_id: false,
            } => show_review(draft, missing, Some(Label::ReviewMissing.text()), false),
            Reading::Incomplete {
                draft,
                missing,
                no_name,
                ..
            } => {
                let (problem, reason) = match no_name {
                    true => (ReadingProblem::NoName, Label::NoName),
                    false => (ReadingProblem::NoCandidateId, Label::NoCandidateId),
                };
                let request = review_request(draft, missing, Some(reason.text()), false);
                draw(reading_notice(problem), Some(request));
            }
            Reading::Unreadable(why) => not_readable(why),
        }
    });
}

/// Opens the review form for the candidate on screen.
fn open_review(resend: bool) {
    wasm_bindgen_futures::spawn_local(async move {
        match reading::read_candidate().await {
            Reading::Ready(candidate) => {
                let note = match resend {
                    true => Some(resend_note(&candidate)),
                    false => None,
                };
                show_review(candidate, Vec::new(), note, resend);
            }
            Reading::Incomplete { draft, missing, .. } => {
                show_review(draft, missing, Some(Label::ReviewMissing.text()), resend)
            }
            Reading::Unreadable(why) => not_readable(why),
        }
    });
}

/// Says why the candidate on screen cannot be sent: the page is changing,
/// is no profile, or the background did not answer.
fn not_readable(why: Unreadable) {
    let problem = match &why {
        Unreadable::Stale => ReadingProblem::Stale,
        Unreadable::NotAProfile => ReadingProblem::NotAProfile,
        Unreadable::NoAnswer(WireError::Refused(error)) => ReadingProblem::Refused(error),
        Unreadable::NoAnswer(WireError::Unreachable(detail)) => {
            log_unreachable(detail);
            ReadingProblem::Unreachable
        }
    };
    draw(reading_notice(problem), None);
}

fn resend_note(candidate: &Candidate) -> String {
    let id = candidate.id();
    let when = state::with(|s| match s.statuses.get(&id).map(|st| &st.state) {
        Some(SendState::Sent { entry, .. }) => Some(format_date(entry.sent_at_ms)),
        _ => None,
    })
    .flatten()
    .unwrap_or_default();
    Label::ReviewResend.with(&[&candidate.name(), &when])
}

fn format_date(ms: u64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    String::from(date.to_locale_string("default", &JsValue::UNDEFINED))
}

/// Sends `candidate` unless a send of the same candidate is in flight;
/// `reviewed`: its fields are the review form's values, for the background
/// to apply.
fn send(candidate: Candidate, reviewed: bool, destination: Option<Destination>, resend: bool) {
    let id = candidate.id();
    let started = state::with(|s| s.in_flight.insert(id.clone())).unwrap_or(false);
    if !started {
        return;
    }
    render_menus(&id);
    wasm_bindgen_futures::spawn_local(async move {
        let name = candidate.name();
        let edits = reviewed.then_some(&candidate.fields);
        let outcome = wire::ask_send(&candidate.value, edits, destination.as_ref(), resend).await;
        state::with(|s| s.in_flight.remove(&id));
        let known = remember_confirmed_send(&id, &outcome);
        show_outcome(&candidate, &name, outcome);
        render_menus(&id);
        if !known {
            refresh_status(id);
        }
    });
}

/// After a confirmed send the menu's state is known from the reply itself.
/// Asking the background again would make it look the candidate up in
/// Greenhouse (`GET candidates`): a second request per export, for a status
/// Greenhouse has just given. Returns whether the state was recorded.
fn remember_confirmed_send(candidate_id: &str, outcome: &Result<SendOutcome, WireError>) -> bool {
    let entry = match outcome {
        Ok(SendOutcome::Sent { entry }) | Ok(SendOutcome::AlreadySent { entry }) => entry.clone(),
        _ => return false,
    };
    state::with(|s| match s.statuses.get_mut(candidate_id) {
        Some(status) => {
            status.state = SendState::Sent {
                entry,
                lookup: GreenhouseLookup::NotChecked,
            };
            true
        }
        None => false,
    })
    .unwrap_or(false)
}

fn show_outcome(candidate: &Candidate, name: &str, outcome: Result<SendOutcome, WireError>) {
    let answer = match &outcome {
        Ok(outcome) => Answer::Outcome(outcome),
        Err(WireError::Refused(error)) => Answer::Refused(error),
        Err(WireError::Unreachable(detail)) => {
            log_unreachable(detail);
            Answer::Unreachable
        }
    };
    if let Some(notice) = outcome_notice(name, answer) {
        let review = match (&notice.action, &notice.text) {
            (Some(NoticeAction::FixInReview { field }), NoticeText::NotSent { reason, .. }) => {
                let marked = field
                    .map(|f| vec![(f, Problem::Invalid)])
                    .unwrap_or_default();
                Some(review_request(
                    candidate.clone(),
                    marked,
                    Some(reason.clone()),
                    false,
                ))
            }
            _ => None,
        };
        draw(notice, review);
    }
}

/// The background did not answer (the extension was reloaded or updated
/// under the page): only a page reload helps.
fn log_unreachable(detail: &str) {
    web_sys::console::warn_2(
        &JsValue::from_str("Purpose Jobs → Greenhouse: no answer from the extension:"),
        &JsValue::from_str(detail),
    );
}

/// Shows `notice`; `review` is the form its Review action opens.
fn draw(notice: Notice, review: Option<ReviewRequest>) {
    if notice.opens_options {
        open_options();
    }
    let action = match (notice.action, review) {
        (Some(NoticeAction::OpenOptions), _) => {
            Some((Label::OpenOptions, state::NoticeAction::OpenOptions))
        }
        (Some(action), Some(request)) => Some((
            action_label(action),
            state::NoticeAction::Review(Box::new(request)),
        )),
        _ => None,
    };
    let link = notice.link.map(|url| (Label::ViewInGreenhouse.text(), url));
    show_notice(
        notice.role.as_str(),
        &notice_text(&notice.text),
        link,
        action,
    );
}

fn open_options() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = wire::open_options().await;
    });
}

// ---------------------------------------------------------------------------
// The layer: notices and the review form

fn ensure_overlay() -> Option<Overlay> {
    let existing = state::with(|s| s.overlay.clone()).flatten();
    if let Some(overlay) = existing {
        if overlay.is_attached() {
            return Some(overlay);
        }
        overlay.detach();
    }
    let doc = dom::document().ok()?;
    let overlay = Overlay::attach(&doc).ok()?;
    let handlers = state::with(|s| {
        s.notices.clear();
        s.review = None;
        s.overlay = Some(overlay.clone());
        s.listeners.as_ref().map(|l| {
            (
                l.layer_click
                    .as_ref()
                    .unchecked_ref::<js_sys::Function>()
                    .clone(),
                l.window_key
                    .as_ref()
                    .unchecked_ref::<js_sys::Function>()
                    .clone(),
            )
        })
    })
    .flatten();
    if let Some((click, key)) = handlers {
        let _ = overlay
            .root
            .add_event_listener_with_callback("click", &click);
        if let Ok(window) = dom::window() {
            // Re-adding the same function is a no-op, so one per page.
            let _ = window.add_event_listener_with_callback_and_bool("keydown", &key, true);
        }
    }
    Some(overlay)
}

/// Shows a notice in the upper right corner: `role` is `"status"` (it
/// worked; dismisses itself) or `"alert"` (a problem; stays until closed).
fn show_notice(
    role: &str,
    message: &str,
    link: Option<(String, String)>,
    action: Option<(Label, state::NoticeAction)>,
) {
    let (overlay, doc) = match (ensure_overlay(), dom::document()) {
        (Some(overlay), Ok(doc)) => (overlay, doc),
        _ => return,
    };
    let id = state::with(|s| {
        s.next_notice += 1;
        s.next_notice
    })
    .unwrap_or(0);
    let built = build_notice(
        &doc,
        id,
        role,
        message,
        link,
        action.as_ref().map(|(l, _)| *l),
    );
    let element = match built {
        Ok(element) => element,
        Err(_) => return,
    };
    if overlay.notices.append_child(&element).is_err() {
        return;
    }
    state::with(|s| {
        s.notices.push(state::Notice {
            id,
            element: element.clone(),
            action: action.map(|(_, a)| a),
        })
    });
    if role == "status" {
        let dismiss = Closure::once_into_js(move || dismiss_notice(id));
        if let Ok(window) = dom::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                dismiss.unchecked_ref(),
                overlay::SUCCESS_MS,
            );
        }
    }
}

fn build_notice(
    doc: &web_sys::Document,
    id: u32,
    role: &str,
    message: &str,
    link: Option<(String, String)>,
    action: Option<Label>,
) -> Result<Element, JsValue> {
    let notice_id = id.to_string();
    let element = dom::element(doc, "div", &[("class", "notice"), ("role", role)], "")?;
    dom::append(&element, &dom::element(doc, "p", &[], message)?)?;
    if link.is_some() || action.is_some() {
        let actions = dom::element(doc, "div", &[("class", "actions")], "")?;
        if let Some((text, url)) = link {
            let anchor = dom::element(
                doc,
                "a",
                &[("target", "_blank"), ("rel", "noopener noreferrer")],
                &text,
            )?;
            // Only Greenhouse's https addresses become links: the URL came
            // from a reply (checked again where it is drawn).
            if crate::core::inpage::link::greenhouse_link(&url).is_some() {
                anchor.set_attribute("href", &url)?;
                dom::append(&actions, &anchor)?;
            }
        }
        if let Some(label) = action {
            let button = dom::element(
                doc,
                "button",
                &[
                    ("type", "button"),
                    ("class", "link"),
                    ("data-pg-action", "notice"),
                    ("data-pg-notice", &notice_id),
                ],
                &label.text(),
            )?;
            dom::append(&actions, &button)?;
        }
        dom::append(&element, &actions)?;
    }
    let close = dom::element(
        doc,
        "button",
        &[
            ("type", "button"),
            ("class", "close"),
            ("aria-label", &Label::Close.text()),
            ("data-pg-action", "close"),
            ("data-pg-notice", &notice_id),
        ],
        "×",
    )?;
    dom::append(&element, &close)?;
    Ok(element)
}

fn dismiss_notice(id: u32) {
    let removed = state::with(|s| {
        let index = s.notices.iter().position(|n| n.id == id)?;
        Some(s.notices.remove(index))
    })
    .flatten();
    if let Some(notice) = removed {
        notice.element.remove();
    }
}

fn review_request(
    draft: Candidate,
    marked: Vec<(ReviewField, Problem)>,
    notice: Option<String>,
    resend: bool,
) -> ReviewRequest {
    let status = state::with(|s| s.statuses.get(&draft.id()).cloned()).flatten();
    let setup = status.map(|s| s.setup);
    ReviewRequest {
        credited_to: setup.as_ref().and_then(|s| s.credited_to.clone()),
        destinations: setup.as_ref().and_then(|s| s.destinations.clone()),
        default_destination: setup
            .as_ref()
            .map(|s| s.default_destination.clone())
            .unwrap_or_default(),
        draft,
        marked,
        notice,
        resend,
    }
}

fn show_review(
    draft: Candidate,
    marked: Vec<(ReviewField, Problem)>,
    notice: Option<String>,
    resend: bool,
) {
    open_review_form(review_request(draft, marked, notice, resend));
}

fn open_review_form(request: ReviewRequest) {
    close_review();
    let (overlay, doc) = match (ensure_overlay(), dom::document()) {
        (Some(overlay), Ok(doc)) => (overlay, doc),
        _ => return,
    };
    if let Ok(form) = review::open(&doc, &overlay, request) {
        state::with(|s| s.review = Some(form));
    }
}

fn close_review() {
    if let Some(Some(form)) = state::with(|s| s.review.take()) {
        form.close();
    }
}

fn review_send() {
    let checked = state::with(|s| {
        s.review.as_ref().map(|form| {
            let values = form.values();
            (values.clone(), problems(&values))
        })
    })
    .flatten();
    let (values, found) = match checked {
        Some(checked) => checked,
        None => return,
    };
    if !found.is_empty() {
        // Marking moves focus: do it outside the state borrow.
        let form = state::with(|s| s.review.take()).flatten();
        if let Some(form) = form {
            review::mark(&form, &found);
            state::with(|s| s.review = Some(form));
        }
        return;
    }
    let form = match state::with(|s| s.review.take()).flatten() {
        Some(form) => form,
        None => return,
    };
    let candidate = Candidate {
        value: form.request.draft.value.clone(),
        fields: values,
    };
    let destination = form.destination();
    let resend = form.request.resend;
    form.close();
    send(candidate, true, Some(destination), resend);
}

/// A click inside the layer (delegated: one handler for every button).
pub fn on_layer_click(event: Event) {
    if !event.is_trusted() {
        return;
    }
    let target = match event.target().and_then(|t| t.dyn_into::<Element>().ok()) {
        Some(target) => target,
        None => return,
    };
    let button = match target.closest("[data-pg-action]") {
        Ok(Some(button)) => button,
        _ => return,
    };
    let notice_id: Option<u32> = button
        .get_attribute("data-pg-notice")
        .and_then(|id| id.parse().ok());
    match button.get_attribute("data-pg-action").as_deref() {
        Some("close") => {
            if let Some(id) = notice_id {
                dismiss_notice(id);
            }
        }
        Some("notice") => {
            let action = notice_id.and_then(|id| {
                state::with(|s| {
                    s.notices
                        .iter()
                        .find(|n| n.id == id)
                        .and_then(|n| n.action.clone())
                })
                .flatten()
            });
            if let Some(id) = notice_id {
                dismiss_notice(id);
            }
            match action {
                Some(state::NoticeAction::OpenOptions) => open_options(),
                Some(state::NoticeAction::Review(request)) => open_review_form(*request),
                None => {}
            }
        }
        Some(review::SEND_ACTION) => review_send(),
        Some(review::CANCEL_ACTION) => close_review(),
        _ => {}
    }
}

/// A key pressed anywhere (capture phase): Escape closes the review form
/// or the newest notice; Tab stays inside the open form; Enter in a
/// one-line field of the form sends it.
pub fn on_window_key(event: KeyboardEvent) {
    if !event.is_trusted() {
        return;
    }
    let key = event.key();
    if key != "Escape" && key != "Tab" && key != "Enter" {
        return;
    }
    let review_open = state::with(|s| s.review.is_some()).unwrap_or(false);
    match key.as_str() {
        "Escape" if review_open => {
            event.prevent_default();
            event.stop_propagation();
            close_review();
        }
        "Escape" => {
            let newest = state::with(|s| s.notices.last().map(|n| n.id)).flatten();
            if let Some(id) = newest {
                dismiss_notice(id);
            }
        }
        "Tab" if review_open => {
            let focused = state::with(|s| s.overlay.as_ref().and_then(overlay::focused)).flatten();
            let form = state::with(|s| s.review.take()).flatten();
            if let Some(form) = form {
                form.trap_tab(&event, focused.as_ref());
                state::with(|s| s.review = Some(form));
            }
        }
        "Enter" if review_open => {
            let target = event
                .composed_path()
                .get(0)
                .dyn_into::<Element>()
                .ok()
                .filter(|el| el.local_name() == "input");
            if target.is_some() {
                event.prevent_default();
                review_send();
            }
        }
        _ => {}
    }
}

//! What happens when the recruiter acts: a menu item, a notice button, the
//! review form or the keyboard shortcut. Reads the candidate from the
//! current DOM at that moment, sends it through the background (at most one
//! send in flight per candidate), and shows the outcome.
//!
//! Every handler ignores untrusted events (`event.isTrusted` false): a page
//! script can dispatch clicks on our elements but never cause a send.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent, MessageEvent};

use super::dom;
use super::menu::{self, ItemsView};
use super::overlay::Overlay;
use super::reading::{self, Candidate, Reading, Unreadable};
use super::state;
use super::wire::{self, WireError};
use crate::core::contract::reply::{GreenhouseLookup, SendOutcome, SendState, SendStatus};
use crate::core::inpage::click::{check_click, ItemOnScreen};
use crate::core::inpage::menu::{click_action, items_view, shortcut_action, ClickAction, Item};
use crate::core::inpage::notice::{
    already_sent_notice, click_refused_notice, not_set_up_notice, outcome_notice, reading_notice,
    Answer, Notice, NoticeAction, NoticeText, ReadingProblem,
};
use crate::core::sending::review::{Problem, ReviewField};
use crate::text::{action_label, notice_text, Label};

/// What the frame takes as "take what waits for you" (`crate::inpage::POKE`).
const POKE: &str = "pg-inpage-poke";
/// What the frame takes as "Escape was pressed in the page".
const ESCAPE: &str = "pg-inpage-escape";

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
            s.layout = String::new();
            s.restore_focus = None;
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
        return draw(click_refused_notice(why), None, None);
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
        ClickAction::NotSetUp => draw(not_set_up_notice(), None, None),
        ClickAction::ShowSent => {
            if let Some(SendState::Sent { entry, .. }) = status.map(|s| &s.state) {
                draw(already_sent_notice(&entry.name, entry), None, None);
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
            Reading::Ready(candidate) => send(candidate),
            Reading::Incomplete {
                draft,
                missing,
                no_name: false,
                no_candidate_id: false,
            } => {
                let report = reading::last_report().await;
                show_review(
                    draft,
                    missing,
                    Some(Label::ReviewMissing.text()),
                    false,
                    report,
                )
            }
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
                let report = reading::last_report().await;
                let mut request = review_request(draft, missing, Some(reason.text()), false);
                request.report = report.clone();
                draw(reading_notice(problem), Some(request), report);
            }
            Reading::Unreadable(why) => not_readable(why).await,
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
                let report = reading::last_report().await;
                show_review(candidate, Vec::new(), note, resend, report);
            }
            Reading::Incomplete { draft, missing, .. } => {
                let report = reading::last_report().await;
                show_review(
                    draft,
                    missing,
                    Some(Label::ReviewMissing.text()),
                    resend,
                    report,
                )
            }
            Reading::Unreadable(why) => not_readable(why).await,
        }
    });
}

/// Says why the candidate on screen cannot be sent: the page is changing,
/// is no profile, or the background did not answer. The alert offers the
/// page report when the background can make one.
async fn not_readable(why: Unreadable) {
    let problem = match &why {
        Unreadable::Stale => ReadingProblem::Stale,
        Unreadable::NotAProfile => ReadingProblem::NotAProfile,
        Unreadable::NoAnswer(WireError::Refused(error)) => ReadingProblem::Refused(error),
        Unreadable::NoAnswer(WireError::Unreachable(detail)) => {
            log_unreachable(detail);
            ReadingProblem::Unreachable
        }
    };
    let report = match problem {
        ReadingProblem::Unreachable => None,
        _ => reading::last_report().await,
    };
    draw(reading_notice(problem), None, report);
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
fn send(candidate: Candidate) {
    let id = candidate.id();
    let started = state::with(|s| s.in_flight.insert(id.clone())).unwrap_or(false);
    if !started {
        return;
    }
    render_menus(&id);
    wasm_bindgen_futures::spawn_local(async move {
        let name = candidate.name();
        // The review form sends from the in-page frame itself: here only
        // the candidate as read, unreviewed.
        let outcome = wire::ask_send(&candidate.value, None, None, false).await;
        state::with(|s| s.in_flight.remove(&id));
        let known = remember_confirmed_send(&id, &outcome);
        show_outcome(&candidate, &name, outcome).await;
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

async fn show_outcome(candidate: &Candidate, name: &str, outcome: Result<SendOutcome, WireError>) {
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
        let review = match review {
            Some(mut request) => {
                request.report = reading::last_report().await;
                Some(request)
            }
            None => None,
        };
        draw(notice, review, None);
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

/// Shows `notice`; `review` is the form its Review action opens, `report`
/// the page report its **Report this page** button shows.
fn draw(notice: Notice, review: Option<ReviewRequest>, report: Option<String>) {
    if notice.opens_options {
        open_options();
    }
    let action = match (notice.action, review) {
        (Some(NoticeAction::OpenOptions), _) => Some((Label::OpenOptions, None)),
        (Some(action), Some(request)) => Some((action_label(action), Some(request))),
        _ => None,
    };
    let link = notice.link.map(|url| (Label::ViewInGreenhouse.text(), url));
    show_notice(
        notice.role.as_str(),
        &notice_text(&notice.text),
        link,
        action,
        report.as_deref(),
    );
}

fn open_options() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = wire::open_options().await;
    });
}

// ---------------------------------------------------------------------------
// The in-page frame: notices and the review form

/// What the review form opens with.
#[derive(Debug, Clone)]
pub struct ReviewRequest {
    /// The candidate as it would be sent, with the values the form starts from.
    pub draft: Candidate,
    /// Fields marked from the start.
    pub marked: Vec<(ReviewField, Problem)>,
    /// A sentence above the fields (why the form opened), if any.
    pub notice: Option<String>,
    /// Sending again a candidate already sent: the form asks to confirm.
    pub resend: bool,
    /// The page report the form's **Report this page** button shows.
    pub report: Option<String>,
}

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
        s.overlay = Some(overlay.clone());
        s.layout = String::new();
        s.listeners.as_ref().map(|l| {
            (
                l.frame_message
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
    if let (Some((message, key)), Ok(window)) = (handlers, dom::window()) {
        // Re-adding the same function is a no-op, so one of each per page.
        let _ = window.add_event_listener_with_callback("message", &message);
        let _ = window.add_event_listener_with_callback_and_bool("keydown", &key, true);
    }
    Some(overlay)
}

/// Hands `item` (a `core::inpage::frame::FrameItem`, as JavaScript) to the
/// background for this tab's frame, then asks the frame to take it.
fn show_in_frame(item: JsValue) {
    let Some(overlay) = ensure_overlay() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        if wire::show_in_page(item).await.is_ok() {
            overlay.poke(POKE);
        }
    });
}

/// Shows a notice in the frame: `role` is `"status"` (it worked; dismisses
/// itself) or `"alert"` (a problem; stays until closed).
fn show_notice(
    role: &str,
    message: &str,
    link: Option<(String, String)>,
    action: Option<(Label, Option<ReviewRequest>)>,
    report: Option<&str>,
) {
    let action = action.and_then(|(label, review)| match (label, review) {
        (Label::OpenOptions, _) => Some(wire::options_action()),
        (label, Some(review)) => Some(wire::review_action(&label.text(), &review_form(&review))),
        _ => None,
    });
    let link = link.map(|(_, url)| url);
    show_in_frame(wire::notice_item(
        role,
        message,
        link.as_deref(),
        action,
        report,
    ));
}

fn review_form(request: &ReviewRequest) -> JsValue {
    wire::review_form(
        &request.draft.value,
        &request.draft.fields,
        &request.marked,
        request.notice.as_deref(),
        request.resend,
        request.report.as_deref(),
    )
}

fn review_request(
    draft: Candidate,
    marked: Vec<(ReviewField, Problem)>,
    notice: Option<String>,
    resend: bool,
) -> ReviewRequest {
    // The recruiter sees what the background took out of the name or title.
    let notice = match (notice, draft.removed_invisible) {
        (notice, false) => notice,
        (None, true) => Some(Label::RemovedInvisible.text()),
        (Some(notice), true) => Some(format!("{notice} {}", Label::RemovedInvisible.text())),
    };
    ReviewRequest {
        draft,
        marked,
        notice,
        resend,
        report: None,
    }
}

fn show_review(
    draft: Candidate,
    marked: Vec<(ReviewField, Problem)>,
    notice: Option<String>,
    resend: bool,
    report: Option<String>,
) {
    let mut request = review_request(draft, marked, notice, resend);
    request.report = report;
    show_in_frame(wire::review_item(&review_form(&request)));
}

/// A message to the page's window: only the in-page frame's layout
/// requests count, from that frame's own window and the extension's origin
/// (no page script can send from there).
pub fn on_frame_message(event: MessageEvent) {
    let Some(Some(overlay)) = state::with(|s| s.overlay.clone()) else {
        return;
    };
    let from_frame = match (event.source(), overlay.frame.content_window()) {
        (Some(source), Some(frame)) => js_sys::Object::is(&source, &frame),
        _ => false,
    };
    if !from_frame || event.origin() != overlay.origin {
        return;
    }
    let data = event.data();
    let field = |name: &str| js_sys::Reflect::get(&data, &JsValue::from_str(name)).ok();
    if field("pg").and_then(|v| v.as_string()).as_deref() != Some("inpage") {
        return;
    }
    let layout = field("layout")
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let height = field("height").and_then(|v| v.as_f64()).unwrap_or(0.0);
    if let Some(candidate_id) = field("refresh").and_then(|v| v.as_string()) {
        refresh_status(candidate_id);
    }
    overlay.lay_out(&layout, height);
    let previous =
        state::with(|s| std::mem::replace(&mut s.layout, layout.clone())).unwrap_or_default();
    match (previous == "modal", layout == "modal") {
        (false, true) => {
            let before = dom::document().ok().and_then(|d| d.active_element());
            state::with(|s| s.restore_focus = before);
            // Focus moves into the frame, where the form's first field waits.
            let _ = overlay.frame.focus();
        }
        (true, false) => {
            if let Some(Some(previous)) = state::with(|s| s.restore_focus.take()) {
                dom::focus(&previous);
            }
        }
        _ => {}
    }
}

/// A key pressed in the page (capture phase): Escape dismisses the frame's
/// newest notice (or closes its form).
pub fn on_window_key(event: KeyboardEvent) {
    if !event.is_trusted() || event.key() != "Escape" {
        return;
    }
    if let Some(Some(overlay)) = state::with(|s| s.overlay.clone()) {
        overlay.poke(ESCAPE);
    }
}

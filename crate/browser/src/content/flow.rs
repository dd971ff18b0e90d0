//! What happens when the recruiter acts: a menu item, a notice button, the
//! review form or the keyboard shortcut. Reads the candidate from the
//! current DOM at that moment, sends it through the background (at most one
//! send in flight per candidate), and shows the outcome.
//!
//! Every handler ignores untrusted events (`event.isTrusted` false): a page
//! script can dispatch clicks on our elements but never cause a send.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{KeyboardEvent, MessageEvent};

use super::dom;
use super::items::{refresh_status, render_menus, run};
use super::menu::{self};
use super::overlay::Overlay;
use super::reading::{self, Candidate, Reading, Unreadable};
use super::state;
use super::wire::{self, WireError};
use crate::core::contract::reply::{GreenhouseLookup, SendOutcome, SendState};
use crate::core::inpage::menu::shortcut_action;
use crate::core::inpage::notice::{
    outcome_notice, reading_notice, Answer, Notice, NoticeAction, NoticeText, ReadingProblem,
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
pub(super) fn send_on_screen() {
    // One send at a time for the candidate the address names; the one
    // message reads and sends (`Request::SendProfile`).
    let id = reading::candidate_id_in(&dom::current_url()).unwrap_or_default();
    if !state::with(|s| s.in_flight.insert(id.clone())).unwrap_or(false) {
        return;
    }
    render_menus(&id);
    wasm_bindgen_futures::spawn_local(async move {
        let (read, sent) = reading::read_and_send().await;
        state::with(|s| s.in_flight.remove(&id));
        render_menus(&id);
        match read {
            Reading::Ready(candidate) => {
                let outcome = match sent {
                    Some(Ok(outcome)) => Ok(outcome),
                    Some(Err(error)) => Err(WireError::Refused(error)),
                    None => Err(WireError::Unreachable("reply without an outcome".into())),
                };
                finish(candidate, outcome)
            }
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
pub(super) fn open_review(resend: bool) {
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

/// Shows what happened to the send of `candidate` and redraws its items.
fn finish(candidate: Candidate, outcome: Result<SendOutcome, WireError>) {
    let id = candidate.id();
    let known = remember_confirmed_send(&id, &outcome);
    render_menus(&id);
    if !known {
        refresh_status(id, false);
    }
    wasm_bindgen_futures::spawn_local(async move {
        show_outcome(&candidate, &candidate.name(), outcome).await;
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
pub(super) fn draw(notice: Notice, review: Option<ReviewRequest>, report: Option<String>) {
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
        if wire::show_in_page(&overlay.secret, item).await.is_ok() {
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
        // The frame asks after its own send: Greenhouse has just answered.
        refresh_status(candidate_id, true);
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

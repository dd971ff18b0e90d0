//! The review form, in the frame: a modal dialog with every field that will
//! be sent, editable, the destination, the line saying how Greenhouse will
//! record the prospect, and **Send** / **Cancel**. **Send** sends from here
//! (`Request::SendProspect` with the typed values): what the recruiter typed
//! never passes through the page.
//!
//! Field list and checks are `core::sending::review`; values are set as
//! `value`/text, never as markup. The DOM is `build`, the destinations
//! offered `destinations`; the dialog shell (focus trap, Escape, focus
//! given back) is the frame's `dom::modal`.

mod build;
mod destinations;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement};

use self::build::{build, field_id, get_value};
use super::dom::{focus, Modal};
use super::{ask, notices, post, relayout, with};
use crate::core::contract::reply::{SendOutcome, SendStatus};
use crate::core::contract::request::Request;
use crate::core::inpage::frame::{FrameAction, FrameRole, ReviewOpen};
use crate::core::inpage::notice::{outcome_notice, Answer, NoticeAction, NoticeText, Role};
use crate::core::sending::review::{problems, Problem, ReviewField, ReviewFields};
use crate::core::sending::settings::Destination;
use crate::text::{action_label, notice_text, Label};

/// `data-pg-action` of the form's Send button.
pub const SEND_ACTION: &str = "review-send";
/// `data-pg-action` of the form's Cancel button.
pub const CANCEL_ACTION: &str = "review-cancel";

/// The open form.
pub struct ReviewForm {
    /// Its shell (focus starts at the first field that needs input).
    pub modal: Modal,
    inputs: Vec<(ReviewField, Element)>,
    destination: Element,
    choices: Vec<Destination>,
    request: ReviewOpen,
}

/// Opens the form for `request` (after asking the background for the
/// destinations and the connected user).
pub fn open(request: ReviewOpen) {
    wasm_bindgen_futures::spawn_local(async move {
        let status: Option<SendStatus> = ask(&Request::GetSendStatus {
            external_id: request.fields.candidate_id.trim().to_owned(),
            without_lookup: false,
        })
        .await
        .ok();
        close_quietly();
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Ok(form) = build(&doc, request, status.as_ref()) {
            let marked = marks_of(&form.request);
            build::fit_text_areas(&form);
            with(|s| s.form = Some(form));
            // Opened from the page, the frame does not have focus yet: the
            // content script notes where focus is in the page (to give it
            // back on close) and then focuses the frame, whose `focus`
            // event puts it on the field (`super::refocus`). Focusing the
            // field now would take focus before the page's was noted.
            let take_focus = doc.has_focus().unwrap_or(false);
            mark(&marked, take_focus);
            relayout();
        }
    });
}

fn marks_of(request: &ReviewOpen) -> Vec<(ReviewField, Problem)> {
    let find = |key: &str| ReviewField::ALL.into_iter().find(|f| f.key() == key);
    request
        .missing
        .iter()
        .filter_map(|k| find(k).map(|f| (f, Problem::Missing)))
        .chain(
            request
                .invalid
                .iter()
                .filter_map(|k| find(k).map(|f| (f, Problem::Invalid))),
        )
        .collect()
}

impl ReviewForm {
    fn values(&self) -> ReviewFields {
        let mut values = self.request.fields.clone();
        for (field, input) in &self.inputs {
            values.set(*field, get_value(input));
        }
        values
    }

    fn destination(&self) -> Destination {
        let index = self
            .destination
            .unchecked_ref::<HtmlSelectElement>()
            .selected_index();
        usize::try_from(index)
            .ok()
            .and_then(|i| self.choices.get(i).cloned())
            .unwrap_or_default()
    }
}

/// Marks `problems` (clearing the other fields' marks); the first marked
/// field, else the first field, is where focus starts, and with
/// `take_focus` it takes focus now.
fn mark(problems: &[(ReviewField, Problem)], take_focus: bool) {
    let target = with(|s| {
        let form = s.form.as_mut()?;
        for (field, input) in &form.inputs {
            let hint_id = format!("{}-hint", field_id(*field));
            let hint = input.next_element_sibling();
            match problems.iter().find(|(f, _)| f == field) {
                Some((_, problem)) => {
                    let _ = input.set_attribute("aria-invalid", "true");
                    let _ = input.set_attribute("aria-describedby", &hint_id);
                    if let Some(hint) = hint {
                        let text = match problem {
                            Problem::Missing => Label::Required.text(),
                            Problem::Invalid => Label::Invalid.text(),
                        };
                        hint.set_text_content(Some(&text));
                        let _ = hint.remove_attribute("hidden");
                    }
                }
                None => {
                    let _ = input.remove_attribute("aria-invalid");
                    let _ = input.remove_attribute("aria-describedby");
                    if let Some(hint) = hint {
                        let _ = hint.set_attribute("hidden", "");
                    }
                }
            }
        }
        let target = problems
            .first()
            .and_then(|(f, _)| form.inputs.iter().find(|(g, _)| g == f))
            .or_else(|| form.inputs.first())
            .map(|(_, input)| input.clone())?;
        form.modal.set_start(&target);
        Some(target)
    })
    .flatten();
    // Focus outside the state borrow: it may dispatch events.
    if let (true, Some(target)) = (take_focus, target) {
        focus(&target);
    }
}

fn close_quietly() -> Option<ReviewForm> {
    let form = with(|s| s.form.take()).flatten()?;
    form.modal.clone().close(true);
    Some(form)
}

/// The frame changed size (it turns modal after the form is built):
/// the text areas fit their text at the new width.
pub fn refit() {
    with(|s| {
        if let Some(form) = &s.form {
            build::fit_text_areas(form);
        }
    });
}

/// The page report the open form offers, if any.
pub fn report_text() -> Option<String> {
    with(|s| s.form.as_ref().and_then(|f| f.request.report.clone())).flatten()
}

/// Closes the form (Cancel, Escape); the content script gives focus back
/// to where it was in the page.
pub fn close() {
    if close_quietly().is_some() {
        relayout();
    }
}

/// **Send**: checks the values, then sends them from here.
pub fn send() {
    let checked = with(|s| {
        s.form.as_ref().map(|f| {
            let values = f.values();
            let found = problems(&values);
            (values, found)
        })
    })
    .flatten();
    let Some((values, found)) = checked else {
        return;
    };
    if !found.is_empty() {
        return mark(&found, true);
    }
    let Some(form) = close_quietly() else { return };
    let destination = form.destination();
    let name = format!("{} {}", values.first_name.trim(), values.last_name.trim())
        .trim()
        .to_owned();
    let id = values.candidate_id.trim().to_owned();
    let request = Request::SendProspect {
        candidate: form.request.candidate.clone(),
        edits: Some(Box::new(values.clone())),
        destination: Some(destination),
        resend: form.request.resend,
    };
    let draft = form.request.clone();
    relayout();
    post(false, Some(&id));
    wasm_bindgen_futures::spawn_local(async move {
        let reply: Result<SendOutcome, _> = ask(&request).await;
        let answer = match &reply {
            Ok(outcome) => Answer::Outcome(outcome),
            Err(error) => Answer::Refused(error),
        };
        if let Some(notice) = outcome_notice(&name, answer) {
            let action = match (notice.action, &notice.text) {
                (Some(NoticeAction::OpenOptions), _) => Some(FrameAction::OpenOptions),
                (
                    Some(action @ NoticeAction::FixInReview { field }),
                    NoticeText::NotSent { reason, .. },
                ) => {
                    let mut again = draft.clone();
                    again.fields = values.clone();
                    again.missing = Vec::new();
                    again.invalid = field.map(|f| vec![f.key().to_owned()]).unwrap_or_default();
                    again.notice = Some(reason.clone());
                    Some(FrameAction::Review {
                        label: action_label(action).text(),
                        form: Box::new(again),
                    })
                }
                _ => None,
            };
            let role = match notice.role {
                Role::Status => FrameRole::Status,
                Role::Alert => FrameRole::Alert,
            };
            notices::show(
                role,
                &notice_text(&notice.text),
                notice.link.as_deref(),
                action,
                None,
            );
        }
        post(false, Some(&id));
    });
}

//! The review form, in the frame: a modal dialog with every field that will
//! be sent, editable, the destination, the line saying how Greenhouse will
//! record the prospect, and **Send** / **Cancel**. **Send** sends from here
//! (`Request::SendProspect` with the typed values): what the recruiter typed
//! never passes through the page.
//!
//! Field list and checks are `core::sending::review`; values are set as
//! `value`/text, never as markup.

use super::dom::{add, element};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement,
    KeyboardEvent,
};

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
    backdrop: Element,
    dialog: Element,
    inputs: Vec<(ReviewField, Element)>,
    destination: Element,
    choices: Vec<Destination>,
    request: ReviewOpen,
}

fn field_label(field: ReviewField) -> Label {
    match field {
        ReviewField::FirstName => Label::FirstName,
        ReviewField::LastName => Label::LastName,
        ReviewField::CandidateId => Label::CandidateId,
        ReviewField::Email => Label::Email,
        ReviewField::Title => Label::Title,
        ReviewField::Company => Label::Company,
        ReviewField::Links => Label::Links,
        ReviewField::ResumeUrl => Label::ResumeUrl,
        ReviewField::Notes => Label::Notes,
    }
}

fn field_id(field: ReviewField) -> &'static str {
    match field {
        ReviewField::FirstName => "pg-first-name",
        ReviewField::LastName => "pg-last-name",
        ReviewField::CandidateId => "pg-candidate-id",
        ReviewField::Email => "pg-email",
        ReviewField::Title => "pg-title",
        ReviewField::Company => "pg-company",
        ReviewField::Links => "pg-links",
        ReviewField::ResumeUrl => "pg-resume",
        ReviewField::Notes => "pg-notes",
    }
}

fn focus(el: &Element) {
    if let Some(el) = el.dyn_ref::<HtmlElement>() {
        let _ = el.focus();
    }
}

/// The destination choices: no pool, each pool stage, each job; the
/// default destination is always among them.
fn destination_choices(status: Option<&SendStatus>) -> (Vec<(Destination, String)>, Destination) {
    let setup = status.map(|s| &s.setup);
    let default = setup
        .map(|s| s.default_destination.clone())
        .unwrap_or_default();
    let mut choices = vec![(Destination::NoPool, Label::NoPool.text())];
    if let Some(lists) = setup.and_then(|s| s.destinations.as_ref()) {
        for pool in &lists.pools {
            match pool.stages.is_empty() {
                true => choices.push((
                    Destination::Pool {
                        pool_id: pool.id,
                        stage_id: None,
                    },
                    Label::PoolStage.with(&[&pool.name, "—"]),
                )),
                false => {
                    for stage in &pool.stages {
                        choices.push((
                            Destination::Pool {
                                pool_id: pool.id,
                                stage_id: Some(stage.id),
                            },
                            Label::PoolStage.with(&[&pool.name, &stage.name]),
                        ));
                    }
                }
            }
        }
        for job in &lists.jobs {
            choices.push((
                Destination::Job { job_id: job.id },
                Label::Job.with(&[&job.name]),
            ));
        }
    }
    if !choices.iter().any(|(d, _)| *d == default) {
        let name = match &default {
            Destination::NoPool => Label::NoPool.text(),
            Destination::Pool { pool_id, stage_id } => Label::PoolStage.with(&[
                &format!("#{pool_id}"),
                &stage_id
                    .map(|s| format!("#{s}"))
                    .unwrap_or_else(|| "—".into()),
            ]),
            Destination::Job { job_id } => Label::Job.with(&[&format!("#{job_id}")]),
        };
        choices.push((default.clone(), name));
    }
    (choices, default)
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
            with(|s| s.form = Some(form));
            relayout();
            mark(&marked);
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

fn build(
    doc: &Document,
    request: ReviewOpen,
    status: Option<&SendStatus>,
) -> Result<ReviewForm, JsValue> {
    let body = doc.body().ok_or_else(|| JsValue::from_str("no body"))?;
    let backdrop = element(doc, "div", &[("class", "backdrop")], "")?;
    let dialog = element(
        doc,
        "div",
        &[
            ("class", "dialog"),
            ("role", "dialog"),
            ("aria-modal", "true"),
            ("aria-labelledby", "pg-review-title"),
        ],
        "",
    )?;
    backdrop.append_child(&dialog)?;
    add(
        &dialog,
        element(
            doc,
            "h2",
            &[("id", "pg-review-title")],
            &Label::ReviewTitle.text(),
        )?,
    )?;
    let notice = element(
        doc,
        "p",
        &[("class", "problem"), ("id", "pg-review-notice")],
        "",
    )?;
    match &request.notice {
        Some(text) => {
            notice.set_text_content(Some(text));
            dialog.set_attribute("aria-describedby", "pg-review-notice")?;
        }
        None => notice.set_attribute("hidden", "")?,
    }
    dialog.append_child(&notice)?;

    let values = request.fields.clone();
    let mut inputs = Vec::new();
    for field in ReviewField::ALL {
        // The candidate id is the page's: only asked for when it is missing.
        if field == ReviewField::CandidateId && !values.candidate_id.trim().is_empty() {
            continue;
        }
        let row = element(doc, "div", &[("class", "field")], "")?;
        let id = field_id(field);
        add(
            &row,
            element(doc, "label", &[("for", id)], &field_label(field).text())?,
        )?;
        let input = match field.is_multiline() {
            true => element(doc, "textarea", &[("id", id), ("rows", "3")], "")?,
            false => {
                let kind = match field {
                    ReviewField::Email => "email",
                    ReviewField::ResumeUrl => "url",
                    _ => "text",
                };
                element(
                    doc,
                    "input",
                    &[("id", id), ("type", kind), ("autocomplete", "off")],
                    "",
                )?
            }
        };
        if field.is_required() {
            input.set_attribute("aria-required", "true")?;
        }
        set_value(&input, values.get(field));
        row.append_child(&input)?;
        add(
            &row,
            element(
                doc,
                "span",
                &[
                    ("class", "hint"),
                    ("id", &format!("{id}-hint")),
                    ("hidden", ""),
                ],
                "",
            )?,
        )?;
        // Greenhouse fetches the resume itself, without the recruiter's
        // session: say so, in one line (the notes carry the link too).
        if field == ReviewField::ResumeUrl {
            add(
                &row,
                element(
                    doc,
                    "span",
                    &[("class", "note"), ("id", &format!("{id}-note"))],
                    &Label::ResumeFetchNote.text(),
                )?,
            )?;
        }
        dialog.append_child(&row)?;
        inputs.push((field, input));
    }

    let row = element(doc, "div", &[("class", "field")], "")?;
    add(
        &row,
        element(
            doc,
            "label",
            &[("for", "pg-destination")],
            &Label::Destination.text(),
        )?,
    )?;
    let select = element(doc, "select", &[("id", "pg-destination")], "")?;
    let (listed, default) = destination_choices(status);
    let mut choices = Vec::new();
    for (index, (destination, name)) in listed.into_iter().enumerate() {
        let option = element(doc, "option", &[("value", &index.to_string())], &name)?;
        if destination == default {
            option.set_attribute("selected", "")?;
        }
        select.append_child(&option)?;
        choices.push(destination);
    }
    row.append_child(&select)?;
    dialog.append_child(&row)?;

    let source = match status.and_then(|s| s.setup.credited_to.as_deref()) {
        Some(name) => Label::SourceLine.with(&[name]),
        None => Label::SourceLineUnknownUser.text(),
    };
    add(&dialog, element(doc, "p", &[("class", "source")], &source)?)?;

    let buttons = element(doc, "div", &[("class", "buttons")], "")?;
    if request.report.is_some() {
        add(&buttons, super::report::button(doc, None)?)?;
    }
    add(
        &buttons,
        element(
            doc,
            "button",
            &[("type", "button"), ("data-pg-action", CANCEL_ACTION)],
            &Label::Cancel.text(),
        )?,
    )?;
    let send_text = match request.resend {
        true => Label::SendAgain.text(),
        false => Label::Send.text(),
    };
    add(
        &buttons,
        element(
            doc,
            "button",
            &[
                ("type", "button"),
                ("class", "primary"),
                ("data-pg-action", SEND_ACTION),
            ],
            &send_text,
        )?,
    )?;
    dialog.append_child(&buttons)?;
    body.append_child(&backdrop)?;
    Ok(ReviewForm {
        backdrop,
        dialog,
        inputs,
        destination: select,
        choices,
        request,
    })
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

    fn focusables(&self) -> Vec<Element> {
        let mut found = Vec::new();
        if let Ok(list) = self
            .dialog
            .query_selector_all("input, textarea, select, button, a[href]")
        {
            for index in 0..list.length() {
                if let Some(el) = list.get(index).and_then(|n| n.dyn_into::<Element>().ok()) {
                    if !el.has_attribute("disabled") {
                        found.push(el);
                    }
                }
            }
        }
        found
    }
}

/// Marks `problems` (clearing the other fields' marks); focus moves to the
/// first marked field, else the first field.
fn mark(problems: &[(ReviewField, Problem)]) {
    let target = with(|s| {
        let form = s.form.as_ref()?;
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
        problems
            .first()
            .and_then(|(f, _)| form.inputs.iter().find(|(g, _)| g == f))
            .or_else(|| form.inputs.first())
            .map(|(_, input)| input.clone())
    })
    .flatten();
    // Focus outside the state borrow: it may dispatch events.
    if let Some(target) = target {
        focus(&target);
    }
}

/// Keeps Tab and Shift+Tab inside the form.
pub fn trap_tab(event: &KeyboardEvent) {
    let Some(all) = with(|s| s.form.as_ref().map(|f| (f.focusables(), f.dialog.clone()))).flatten()
    else {
        return;
    };
    let (all, dialog) = all;
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        return;
    };
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let inside = focused.as_ref().is_some_and(|f| dialog.contains(Some(f)));
    let target = match (event.shift_key(), focused.as_ref()) {
        _ if !inside => Some(first),
        (false, Some(f)) if f.is_same_node(Some(last)) => Some(first),
        (true, Some(f)) if f.is_same_node(Some(first)) => Some(last),
        _ => None,
    };
    if let Some(target) = target {
        event.prevent_default();
        focus(target);
    }
}

fn close_quietly() -> Option<ReviewForm> {
    let form = with(|s| s.form.take()).flatten()?;
    form.backdrop.remove();
    Some(form)
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
        return mark(&found);
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

fn set_value(input: &Element, value: &str) {
    match input.local_name().as_str() {
        "input" => input.unchecked_ref::<HtmlInputElement>().set_value(value),
        "textarea" => input
            .unchecked_ref::<HtmlTextAreaElement>()
            .set_value(value),
        _ => {}
    }
}

fn get_value(input: &Element) -> String {
    match input.local_name().as_str() {
        "input" => input.unchecked_ref::<HtmlInputElement>().value(),
        "textarea" => input.unchecked_ref::<HtmlTextAreaElement>().value(),
        _ => String::new(),
    }
}

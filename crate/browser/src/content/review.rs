//! The review form: a modal dialog in the extension's layer with every
//! field that will be sent, editable, the destination, the line saying how
//! Greenhouse will record the prospect, and **Send** / **Cancel**.
//!
//! This module only draws the form and moves strings in and out of it; the
//! field list and the checks are `core::review`, sending is the caller's.
//! Values are set through `value`/`set_text_content`, never as markup.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Document, Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, KeyboardEvent,
};

use super::dom;
use super::overlay::Overlay;
use super::reading::Candidate;
use super::text::Label;
use crate::core::contract::reply::DestinationChoices;
use crate::core::sending::review::{Problem, ReviewField, ReviewFields};
use crate::core::sending::settings::Destination;

/// `data-pg-action` of the form's Send button.
pub const SEND_ACTION: &str = "review-send";
/// `data-pg-action` of the form's Cancel button.
pub const CANCEL_ACTION: &str = "review-cancel";

/// What to open the form with.
#[derive(Debug, Clone)]
pub struct ReviewRequest {
    /// The candidate as it would be sent (possibly missing required
    /// fields), with the values the form starts from.
    pub draft: Candidate,
    /// Fields to mark from the start (e.g. the last name of a single-word
    /// name, or the field Greenhouse refused).
    pub marked: Vec<(ReviewField, Problem)>,
    /// A sentence shown above the fields (why the form opened), if any.
    pub notice: Option<String>,
    /// Sending again a candidate already sent: the form asks to confirm.
    pub resend: bool,
    /// The connected Greenhouse user's name, for the "Credited to" line.
    pub credited_to: Option<String>,
    /// Jobs and pools to choose from, when the background has them.
    pub destinations: Option<DestinationChoices>,
    /// The destination chosen in the options page.
    pub default_destination: Destination,
}

/// The open form.
pub struct ReviewDialog {
    /// The backdrop covering the page (the form's outermost element).
    pub backdrop: Element,
    /// The element with `role="dialog"`.
    pub dialog: Element,
    /// Each field's input, in form order.
    pub inputs: Vec<(ReviewField, Element)>,
    /// The destination `<select>`.
    pub destination: Element,
    /// The destinations the `<select>`'s options stand for, by index.
    pub choices: Vec<Destination>,
    /// The request the form was opened with.
    pub request: ReviewRequest,
    /// Where focus was before the form opened, to restore it on close.
    pub restore_focus: Option<Element>,
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

/// The choices of the destination `<select>`: no pool, then each pool
/// stage, then each job; the default destination is always among them.
fn destination_choices(request: &ReviewRequest) -> Vec<(Destination, String)> {
    let mut choices = vec![(Destination::NoPool, Label::NoPool.text())];
    if let Some(lists) = &request.destinations {
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
    if !choices
        .iter()
        .any(|(d, _)| *d == request.default_destination)
    {
        // Chosen in the options page but not in the cached lists: keep it,
        // named by its ids, rather than silently sending elsewhere.
        let name = match &request.default_destination {
            Destination::NoPool => Label::NoPool.text(),
            Destination::Pool { pool_id, stage_id } => Label::PoolStage.with(&[
                &format!("#{pool_id}"),
                &stage_id
                    .map(|s| format!("#{s}"))
                    .unwrap_or_else(|| "—".into()),
            ]),
            Destination::Job { job_id } => Label::Job.with(&[&format!("#{job_id}")]),
        };
        choices.push((request.default_destination.clone(), name));
    }
    choices
}

/// Builds the form in `overlay`, fills it, marks `request.marked` and moves
/// focus to the first marked field (or the first field).
pub fn open(
    doc: &Document,
    overlay: &Overlay,
    request: ReviewRequest,
) -> Result<ReviewDialog, JsValue> {
    let restore_focus = doc.active_element();
    let backdrop = dom::element(doc, "div", &[("class", "backdrop")], "")?;
    let dialog = dom::element(
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
    dom::append(&backdrop, &dialog)?;
    let title = dom::element(
        doc,
        "h2",
        &[("id", "pg-review-title")],
        &Label::ReviewTitle.text(),
    )?;
    dom::append(&dialog, &title)?;
    let notice = dom::element(
        doc,
        "p",
        &[("class", "problem"), ("id", "pg-review-notice")],
        "",
    )?;
    match &request.notice {
        Some(text) => notice.set_text_content(Some(text)),
        None => notice.set_attribute("hidden", "")?,
    }
    dom::append(&dialog, &notice)?;
    if request.notice.is_some() {
        dialog.set_attribute("aria-describedby", "pg-review-notice")?;
    }

    let values = request.draft.fields.clone();
    let mut inputs = Vec::new();
    for field in ReviewField::ALL {
        // The candidate id is the page's: only asked for when it is missing.
        if field == ReviewField::CandidateId && !values.candidate_id.trim().is_empty() {
            continue;
        }
        let row = dom::element(doc, "div", &[("class", "field")], "")?;
        let id = field_id(field);
        let label = dom::element(doc, "label", &[("for", id)], &field_label(field).text())?;
        dom::append(&row, &label)?;
        let input = match field.is_multiline() {
            true => dom::element(doc, "textarea", &[("id", id), ("rows", "3")], "")?,
            false => {
                let kind = match field {
                    ReviewField::Email => "email",
                    ReviewField::ResumeUrl => "url",
                    _ => "text",
                };
                dom::element(
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
        dom::append(&row, &input)?;
        let hint = dom::element(
            doc,
            "span",
            &[
                ("class", "hint"),
                ("id", &format!("{id}-hint")),
                ("hidden", ""),
            ],
            "",
        )?;
        dom::append(&row, &hint)?;
        // Greenhouse fetches the resume itself, without the recruiter's
        // session: say so, in one line (the notes carry the link too).
        if field == ReviewField::ResumeUrl {
            let note_id = format!("{id}-note");
            let note = dom::element(
                doc,
                "span",
                &[("class", "note"), ("id", &note_id)],
                &Label::ResumeFetchNote.text(),
            )?;
            dom::append(&row, &note)?;
        }
        dom::append(&dialog, &row)?;
        inputs.push((field, input));
    }

    let row = dom::element(doc, "div", &[("class", "field")], "")?;
    let label = dom::element(
        doc,
        "label",
        &[("for", "pg-destination")],
        &Label::Destination.text(),
    )?;
    dom::append(&row, &label)?;
    let select = dom::element(doc, "select", &[("id", "pg-destination")], "")?;
    let mut choices = Vec::new();
    for (index, (destination, name)) in destination_choices(&request).into_iter().enumerate() {
        let option = dom::element(doc, "option", &[("value", &index.to_string())], &name)?;
        if destination == request.default_destination {
            option.set_attribute("selected", "")?;
        }
        dom::append(&select, &option)?;
        choices.push(destination);
    }
    dom::append(&row, &select)?;
    dom::append(&dialog, &row)?;

    let source = match &request.credited_to {
        Some(name) => Label::SourceLine.with(&[name]),
        None => Label::SourceLineUnknownUser.text(),
    };
    dom::append(
        &dialog,
        &dom::element(doc, "p", &[("class", "source")], &source)?,
    )?;

    let buttons = dom::element(doc, "div", &[("class", "buttons")], "")?;
    let cancel = dom::element(
        doc,
        "button",
        &[("type", "button"), ("data-pg-action", CANCEL_ACTION)],
        &Label::Cancel.text(),
    )?;
    let send_text = match request.resend {
        true => Label::SendAgain.text(),
        false => Label::Send.text(),
    };
    let send = dom::element(
        doc,
        "button",
        &[
            ("type", "button"),
            ("class", "primary"),
            ("data-pg-action", SEND_ACTION),
        ],
        &send_text,
    )?;
    dom::append(&buttons, &cancel)?;
    dom::append(&buttons, &send)?;
    dom::append(&dialog, &buttons)?;

    overlay.layer.append_child(&backdrop)?;
    let form = ReviewDialog {
        backdrop,
        dialog,
        inputs,
        destination: select,
        choices,
        request,
        restore_focus,
    };
    let marked = form.request.marked.clone();
    mark(&form, &marked);
    let first = marked
        .first()
        .and_then(|(field, _)| form.input(*field))
        .or_else(|| form.inputs.first().map(|(_, input)| input.clone()));
    if let Some(first) = first {
        dom::focus(&first);
    }
    Ok(form)
}

impl ReviewDialog {
    /// The input of `field`, when the form shows it.
    pub fn input(&self, field: ReviewField) -> Option<Element> {
        self.inputs
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, input)| input.clone())
    }

    /// The values as typed now (fields the form does not show keep the
    /// draft's value).
    pub fn values(&self) -> ReviewFields {
        let mut values = self.request.draft.fields.clone();
        for (field, input) in &self.inputs {
            values.set(*field, get_value(input));
        }
        values
    }

    /// The destination chosen now.
    pub fn destination(&self) -> Destination {
        let index = self
            .destination
            .unchecked_ref::<HtmlSelectElement>()
            .selected_index();
        usize::try_from(index)
            .ok()
            .and_then(|i| self.choices.get(i).cloned())
            .unwrap_or_default()
    }

    /// Removes the form and gives focus back to where it was.
    pub fn close(self) {
        self.backdrop.remove();
        if let Some(previous) = self.restore_focus {
            dom::focus(&previous);
        }
    }

    /// Every element of the form that takes focus, in tab order.
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

    /// Keeps Tab and Shift+Tab inside the form. `focused` is the element
    /// with focus in the layer. Returns true when it moved focus itself.
    pub fn trap_tab(&self, event: &KeyboardEvent, focused: Option<&Element>) -> bool {
        let all = self.focusables();
        let (first, last) = match (all.first(), all.last()) {
            (Some(first), Some(last)) => (first, last),
            _ => return false,
        };
        let inside = focused.is_some_and(|f| self.dialog.contains(Some(f)));
        let target = match (event.shift_key(), focused) {
            _ if !inside => Some(first),
            (false, Some(f)) if f.is_same_node(Some(last)) => Some(first),
            (true, Some(f)) if f.is_same_node(Some(first)) => Some(last),
            _ => None,
        };
        match target {
            Some(target) => {
                event.prevent_default();
                dom::focus(target);
                true
            }
            None => false,
        }
    }
}

/// Marks `problems` on the form (and clears the marks of the other
/// fields); focus moves to the first marked field.
pub fn mark(form: &ReviewDialog, problems: &[(ReviewField, Problem)]) {
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
    if let Some(input) = problems.first().and_then(|(f, _)| form.input(*f)) {
        dom::focus(&input);
    }
}

// Cast by tag name rather than `instanceof`: in Firefox content scripts
// page elements are seen through Xray wrappers.
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

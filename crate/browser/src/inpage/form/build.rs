//! The review form's DOM: one labelled control per field that will be
//! sent (values set as `value`, never as markup), the destination, the
//! line saying how Greenhouse records the prospect, and **Report this
//! page** / **Cancel** / **Send**, inside the frame's modal shell
//! (`super::super::dom::modal`).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlInputElement, HtmlTextAreaElement};

use super::destinations::destination_choices;
use super::{ReviewForm, CANCEL_ACTION, SEND_ACTION};
use crate::core::contract::reply::SendStatus;
use crate::core::inpage::frame::ReviewOpen;
use crate::core::sending::review::ReviewField;
use crate::inpage::dom::{add, element, modal, Modal};
use crate::text::Label;

pub fn field_label(field: ReviewField) -> Label {
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

pub fn field_id(field: ReviewField) -> &'static str {
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

/// Builds the form for `request` in a new modal.
pub fn build(
    doc: &Document,
    request: ReviewOpen,
    status: Option<&SendStatus>,
) -> Result<ReviewForm, JsValue> {
    let modal = modal(doc, "pg-review", &Label::ReviewTitle.text())?;
    match fill(doc, &modal, &request, status) {
        Ok((inputs, destination, choices)) => Ok(ReviewForm {
            modal,
            inputs,
            destination,
            choices,
            request,
        }),
        Err(error) => {
            modal.close(false);
            Err(error)
        }
    }
}

/// How tall a text area grows to show its text (then it scrolls).
const MAX_TEXT_AREA_PX: i32 = 320;

/// Makes the form's text areas as tall as their text (up to
/// [`MAX_TEXT_AREA_PX`]): the recruiter sees what will be sent without
/// scrolling inside a field. Called again when the frame's size changes.
pub fn fit_text_areas(form: &ReviewForm) {
    for (_, input) in &form.inputs {
        let Some(area) = input.dyn_ref::<HtmlTextAreaElement>() else {
            continue;
        };
        let style = area.style();
        let _ = style.remove_property("height");
        // Borders are outside scrollHeight; `box-sizing: border-box` counts them.
        let borders = area.offset_height() - area.client_height();
        let needed = area.scroll_height() + borders;
        if needed > area.offset_height() {
            let _ = style.set_property("height", &format!("{}px", needed.min(MAX_TEXT_AREA_PX)));
        }
    }
}

/// The controls of one field, in order, with the field each holds.
type Inputs = Vec<(ReviewField, Element)>;

/// The form's content, in `modal`: the fields, the destination (its
/// `<select>` and what each option stands for), the source line, the buttons.
fn fill(
    doc: &Document,
    modal: &Modal,
    request: &ReviewOpen,
    status: Option<&SendStatus>,
) -> Result<
    (
        Inputs,
        Element,
        Vec<crate::core::sending::settings::Destination>,
    ),
    JsValue,
> {
    let dialog = &modal.dialog;
    let notice = element(
        doc,
        "p",
        &[("class", "problem"), ("id", "pg-review-notice")],
        "",
    )?;
    match &request.notice {
        Some(text) => {
            notice.set_text_content(Some(text));
            modal.described_by("pg-review-notice")?;
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
    add(dialog, element(doc, "p", &[("class", "source")], &source)?)?;

    let buttons = element(doc, "div", &[("class", "buttons")], "")?;
    if request.report.is_some() {
        add(&buttons, crate::inpage::report::button(doc, None)?)?;
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
    Ok((inputs, select, choices))
}

pub fn set_value(input: &Element, value: &str) {
    match input.local_name().as_str() {
        "input" => input.unchecked_ref::<HtmlInputElement>().set_value(value),
        "textarea" => input
            .unchecked_ref::<HtmlTextAreaElement>()
            .set_value(value),
        _ => {}
    }
}

pub fn get_value(input: &Element) -> String {
    match input.local_name().as_str() {
        "input" => input.unchecked_ref::<HtmlInputElement>().value(),
        "textarea" => input.unchecked_ref::<HtmlTextAreaElement>().value(),
        _ => String::new(),
    }
}

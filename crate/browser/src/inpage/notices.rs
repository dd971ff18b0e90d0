//! The frame's notices (upper right; `role="status"` for success,
//! `role="alert"` for problems), each with at most one link (**View in
//! Greenhouse**, only to Greenhouse) and one button. Text is set as text.

use super::dom::{add, document, element};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use super::{form, relayout, with};
use crate::core::inpage::frame::{FrameAction, FrameRole};
use crate::core::inpage::link::greenhouse_link;
use crate::text::Label;

/// How long a success notice stays before it dismisses itself.
const SUCCESS_MS: i32 = 8_000;

/// One notice shown.
pub struct Shown {
    /// Its id (`data-pg-notice` on its buttons).
    pub id: u32,
    element: Element,
    action: Option<FrameAction>,
    report: Option<String>,
}

/// Shows a notice.
pub fn show(
    role: FrameRole,
    text: &str,
    link: Option<&str>,
    action: Option<FrameAction>,
    report: Option<String>,
) {
    let Some(doc) = document() else { return };
    let Some(column) = doc.get_element_by_id("notices") else {
        return;
    };
    let Some(id) = with(|s| {
        s.next_id += 1;
        s.next_id
    }) else {
        return;
    };
    let role_name = match role {
        FrameRole::Status => "status",
        FrameRole::Alert => "alert",
    };
    let label = match &action {
        Some(FrameAction::OpenOptions) => Some(Label::OpenOptions.text()),
        Some(FrameAction::Review { label, .. }) => Some(label.clone()),
        None => None,
    };
    let Ok(built) = build(
        &doc,
        id,
        role_name,
        text,
        link,
        label.as_deref(),
        report.is_some(),
    ) else {
        return;
    };
    if column.append_child(&built).is_err() {
        return;
    }
    with(|s| {
        s.notices.push(Shown {
            id,
            element: built,
            action,
            report,
        })
    });
    relayout();
    if role == FrameRole::Status {
        let dismiss = Closure::once_into_js(move || dismiss(id));
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                dismiss.unchecked_ref(),
                SUCCESS_MS,
            );
        }
    }
}

fn build(
    doc: &Document,
    id: u32,
    role: &str,
    message: &str,
    link: Option<&str>,
    action: Option<&str>,
    report: bool,
) -> Result<Element, JsValue> {
    let notice_id = id.to_string();
    let notice = element(doc, "div", &[("class", "notice"), ("role", role)], "")?;
    add(&notice, element(doc, "p", &[], message)?)?;
    let link = link.and_then(greenhouse_link);
    if link.is_some() || action.is_some() || report {
        let actions = element(doc, "div", &[("class", "actions")], "")?;
        if let Some(url) = link {
            let anchor = element(
                doc,
                "a",
                &[
                    ("href", url),
                    ("target", "_blank"),
                    ("rel", "noopener noreferrer"),
                ],
                &Label::ViewInGreenhouse.text(),
            )?;
            actions.append_child(&anchor)?;
        }
        if let Some(label) = action {
            let button = element(
                doc,
                "button",
                &[
                    ("type", "button"),
                    ("class", "link"),
                    ("data-pg-action", "notice"),
                    ("data-pg-notice", &notice_id),
                ],
                label,
            )?;
            actions.append_child(&button)?;
        }
        if report {
            add(&actions, super::report::button(doc, Some(id))?)?;
        }
        notice.append_child(&actions)?;
    }
    let close = element(
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
    notice.append_child(&close)?;
    Ok(notice)
}

/// Removes notice `id`.
pub fn dismiss(id: u32) {
    let removed = with(|s| {
        let index = s.notices.iter().position(|n| n.id == id)?;
        Some(s.notices.remove(index))
    })
    .flatten();
    if let Some(notice) = removed {
        notice.element.remove();
        relayout();
    }
}

/// The page report notice `id` offers, if any.
pub fn report_of(id: u32) -> Option<String> {
    with(|s| {
        s.notices
            .iter()
            .find(|n| n.id == id)
            .and_then(|n| n.report.clone())
    })
    .flatten()
}

/// Notice `id`'s button was clicked: do its action and dismiss it.
pub fn act(id: u32) {
    let action = with(|s| {
        s.notices
            .iter()
            .find(|n| n.id == id)
            .and_then(|n| n.action.clone())
    })
    .flatten();
    dismiss(id);
    match action {
        Some(FrameAction::OpenOptions) => {
            wasm_bindgen_futures::spawn_local(async {
                let _ = super::ask::<serde_json::Value>(
                    &crate::core::contract::request::Request::OpenOptions,
                )
                .await;
            });
        }
        Some(FrameAction::Review { form: request, .. }) => form::open(*request),
        None => {}
    }
}

//! The page report dialog, in the frame: the report (made by the
//! background from the page snapshot, see `core::report`) in a read-only
//! text area labelled **Page report**, with **Copy**, **Download** and
//! **Close**. Nothing leaves the browser unless the recruiter copies or
//! downloads it: no request is made. The report is set as the text area's
//! value, never as markup.

use super::dom::{add, document, element, modal, Modal};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlTextAreaElement};

use super::{refocus, relayout, with};
use crate::text::Label;

/// `data-pg-action` of a **Report this page** button.
pub const OPEN_ACTION: &str = "report-open";
/// `data-pg-action` of **Copy**.
pub const COPY_ACTION: &str = "report-copy";
/// `data-pg-action` of **Download**.
pub const DOWNLOAD_ACTION: &str = "report-download";
/// `data-pg-action` of **Close**.
pub const CLOSE_ACTION: &str = "report-close";
/// The file **Download** saves.
pub const FILE_NAME: &str = "purpose-jobs-page-report.html";

/// The open dialog.
pub struct ReportDialog {
    /// Its shell (focus starts at the report; given back on close).
    pub modal: Modal,
    text: HtmlTextAreaElement,
    status: Element,
}

/// A **Report this page** button (in a notice or the review form).
pub fn button(doc: &Document, notice: Option<u32>) -> Result<Element, JsValue> {
    let button = element(
        doc,
        "button",
        &[
            ("type", "button"),
            ("class", "link"),
            ("data-pg-action", OPEN_ACTION),
        ],
        &Label::ReportPage.text(),
    )?;
    if let Some(id) = notice {
        button.set_attribute("data-pg-notice", &id.to_string())?;
    }
    Ok(button)
}

/// Opens the dialog with `report`; focus moves to the report.
pub fn open(report: &str) {
    if let Some(Some(old)) = with(|s| s.report.take()) {
        old.modal.close(false);
    }
    let Some(doc) = document() else { return };
    let Ok(mut dialog) = build(&doc, report) else {
        return;
    };
    dialog.modal.set_start(&dialog.text);
    super::dom::focus(&dialog.text);
    dialog.text.set_selection_range(0, 0).ok();
    with(|s| s.report = Some(dialog));
    relayout();
    // Opened from a notice, the frame turns modal and the content script
    // focuses it (which puts the frame's focus on its body): the report
    // takes it back then.
    let later = Closure::once_into_js(refocus);
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 150);
    }
}

fn build(doc: &Document, report: &str) -> Result<ReportDialog, JsValue> {
    let modal = modal(doc, "pg-report", &Label::ReportPage.text())?;
    match fill(doc, &modal, report) {
        Ok((text, status)) => Ok(ReportDialog {
            modal,
            text,
            status,
        }),
        Err(error) => {
            modal.close(false);
            Err(error)
        }
    }
}

/// The dialog's content: the explanation, the report, Close, Download, Copy.
fn fill(
    doc: &Document,
    modal: &Modal,
    report: &str,
) -> Result<(HtmlTextAreaElement, Element), JsValue> {
    let dialog = &modal.dialog;
    modal.described_by("pg-report-explain")?;
    add(
        dialog,
        element(
            doc,
            "p",
            &[("id", "pg-report-explain"), ("class", "source")],
            &Label::ReportExplain.text(),
        )?,
    )?;
    let field = element(doc, "div", &[("class", "field")], "")?;
    add(
        &field,
        element(
            doc,
            "label",
            &[("for", "pg-report-text")],
            &Label::PageReport.text(),
        )?,
    )?;
    let text: HtmlTextAreaElement = element(
        doc,
        "textarea",
        &[
            ("id", "pg-report-text"),
            ("readonly", ""),
            ("rows", "12"),
            ("spellcheck", "false"),
            ("class", "report"),
        ],
        "",
    )?
    .dyn_into()?;
    // As text: the text area's value, never markup.
    text.set_value(report);
    field.append_child(&text)?;
    dialog.append_child(&field)?;
    let status = element(doc, "p", &[("role", "status"), ("class", "source")], "")?;
    dialog.append_child(&status)?;
    let buttons = element(doc, "div", &[("class", "buttons")], "")?;
    for (action, label, class) in [
        (CLOSE_ACTION, Label::Close, ""),
        (DOWNLOAD_ACTION, Label::ReportDownload, ""),
        (COPY_ACTION, Label::ReportCopy, "primary"),
    ] {
        add(
            &buttons,
            element(
                doc,
                "button",
                &[
                    ("type", "button"),
                    ("class", class),
                    ("data-pg-action", action),
                ],
                &label.text(),
            )?,
        )?;
    }
    dialog.append_child(&buttons)?;
    Ok((text, status))
}

/// Closes the dialog (Close, Escape); focus goes back to where it was.
pub fn close() {
    if let Some(Some(dialog)) = with(|s| s.report.take()) {
        relayout();
        dialog.modal.close(true);
    }
}

fn call(target: &JsValue, method: &str, args: &js_sys::Array) -> Result<JsValue, JsValue> {
    let function: js_sys::Function = js_sys::Reflect::get(target, &method.into())?.dyn_into()?;
    function.apply(target, args)
}

/// **Copy**: the clipboard API from the frame, else select and copy.
pub fn copy() {
    let Some(Some((text, status))) = with(|s| {
        s.report
            .as_ref()
            .map(|d| (d.text.clone(), d.status.clone()))
    }) else {
        return;
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let value = text.value();
    let done = status.clone();
    let copied = move || done.set_text_content(Some(&Label::ReportCopied.text()));
    let fallback = {
        let text = text.clone();
        move || {
            text.select();
            let copy = js_sys::Array::of1(&"copy".into());
            document()
                .map(JsValue::from)
                .and_then(|doc| call(&doc, "execCommand", &copy).ok())
                .and_then(|r| r.as_bool())
                .unwrap_or(false)
        }
    };
    let clipboard = js_sys::Reflect::get(&window, &"navigator".into())
        .and_then(|navigator| js_sys::Reflect::get(&navigator, &"clipboard".into()))
        .ok()
        .filter(|c| c.is_object());
    let promise = clipboard.and_then(|c| {
        call(&c, "writeText", &js_sys::Array::of1(&value.into()))
            .ok()
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    });
    match promise {
        Some(promise) => wasm_bindgen_futures::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            if ok || fallback() {
                copied();
            }
        }),
        None => {
            if fallback() {
                copied();
            }
        }
    }
}

/// **Download**: the report as an HTML file, from a Blob in this frame.
pub fn download() {
    let Some(Some(text)) = with(|s| s.report.as_ref().map(|d| d.text.value())) else {
        return;
    };
    let _ = save(&text);
}

fn save(text: &str) -> Result<(), JsValue> {
    let global = js_sys::global();
    let blob_class: js_sys::Function = js_sys::Reflect::get(&global, &"Blob".into())?.dyn_into()?;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"type".into(), &"text/html;charset=utf-8".into())?;
    let parts = js_sys::Array::of1(&text.into());
    let blob = js_sys::Reflect::construct(&blob_class, &js_sys::Array::of2(&parts, &options))?;
    let url_class = js_sys::Reflect::get(&global, &"URL".into())?;
    let url = call(&url_class, "createObjectURL", &js_sys::Array::of1(&blob))?;
    let doc = document().ok_or_else(|| JsValue::from_str("no document"))?;
    let link = element(&doc, "a", &[("download", FILE_NAME), ("hidden", "")], "")?;
    link.set_attribute("href", &url.as_string().unwrap_or_default())?;
    let body = doc.body().ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
        link.click();
    }
    link.remove();
    // Revoked later: the download may still be reading it.
    let revoke = Closure::once_into_js(move || {
        let _ = call(&url_class, "revokeObjectURL", &js_sys::Array::of1(&url));
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

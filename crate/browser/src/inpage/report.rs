//! The page report dialog, in the frame: the report (made by the
//! background from the page snapshot, see `core::report`) in a read-only
//! text area labelled **Page report**, with **Copy**, **Download** and
//! **Close**. Nothing leaves the browser unless the recruiter copies or
//! downloads it: no request is made. The report is set as the text area's
//! value, never as markup.

use super::dom::{add, document, element};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlTextAreaElement, KeyboardEvent};

use super::{relayout, with};
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
    backdrop: Element,
    dialog: Element,
    text: HtmlTextAreaElement,
    status: Element,
    /// What had focus in the frame before it opened.
    restore: Option<Element>,
}

fn focus(el: &Element) {
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
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

/// Whether the dialog is open.
pub fn is_open() -> bool {
    with(|s| s.report.is_some()).unwrap_or(false)
}

/// Opens the dialog with `report`; focus moves to the report.
pub fn open(report: &str) {
    close_quietly();
    let Some(doc) = document() else { return };
    let restore = doc.active_element();
    let Ok(dialog) = build(&doc, report, restore) else {
        return;
    };
    focus(&dialog.text);
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

/// The frame got focus (or the dialog just opened): when nothing in it has
/// focus, the report takes it.
pub fn refocus() {
    let Some(Some(text)) = with(|s| s.report.as_ref().map(|d| d.text.clone())) else {
        return;
    };
    let active = document().and_then(|d| d.active_element());
    if active.is_none_or(|el| el.local_name() == "body") {
        focus(&text);
    }
}

fn build(doc: &Document, report: &str, restore: Option<Element>) -> Result<ReportDialog, JsValue> {
    let body = doc.body().ok_or_else(|| JsValue::from_str("no body"))?;
    let backdrop = element(doc, "div", &[("class", "backdrop")], "")?;
    let dialog = element(
        doc,
        "div",
        &[
            ("class", "dialog"),
            ("role", "dialog"),
            ("aria-modal", "true"),
            ("aria-labelledby", "pg-report-title"),
            ("aria-describedby", "pg-report-explain"),
        ],
        "",
    )?;
    backdrop.append_child(&dialog)?;
    add(
        &dialog,
        element(
            doc,
            "h2",
            &[("id", "pg-report-title")],
            &Label::ReportPage.text(),
        )?,
    )?;
    add(
        &dialog,
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
    body.append_child(&backdrop)?;
    Ok(ReportDialog {
        backdrop,
        dialog,
        text,
        status,
        restore,
    })
}

fn close_quietly() -> Option<Option<Element>> {
    let dialog = with(|s| s.report.take()).flatten()?;
    dialog.backdrop.remove();
    Some(dialog.restore)
}

/// Closes the dialog (Close, Escape); focus goes back to where it was.
pub fn close() {
    if let Some(restore) = close_quietly() {
        relayout();
        if let Some(el) = restore.filter(|el| el.is_connected()) {
            focus(&el);
        }
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

/// Keeps Tab and Shift+Tab inside the dialog.
pub fn trap_tab(event: &KeyboardEvent) {
    let Some(Some(dialog)) = with(|s| s.report.as_ref().map(|d| d.dialog.clone())) else {
        return;
    };
    let Ok(list) = dialog.query_selector_all("textarea, button") else {
        return;
    };
    let all: Vec<Element> = (0..list.length())
        .filter_map(|i| list.get(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .collect();
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        return;
    };
    let focused = document().and_then(|d| d.active_element());
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

//! Small DOM helpers shared by the options page and the toolbar popup:
//! find elements by id, show text, fill `data-i18n` texts, listen to events.
//!
//! Page data is only ever inserted as text (`textContent`), never as HTML,
//! so nothing Greenhouse or a profile returns can run as markup.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::shim;

/// The page's document, when there is one.
pub fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|window| window.document())
}

/// The element with `id`, cast to `T`.
pub fn by_id<T: JsCast>(id: &str) -> Option<T> {
    document()
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<T>().ok())
}

/// Replace the text of the element with `id` (empty text hides status and
/// alert regions through the stylesheet).
pub fn set_text(id: &str, text: &str) {
    if let Some(element) = by_id::<web_sys::Element>(id) {
        element.set_text_content(Some(text));
    }
}

/// Show or hide the element with `id` (the `hidden` attribute).
pub fn set_hidden(id: &str, hidden: bool) {
    if let Some(element) = by_id::<web_sys::HtmlElement>(id) {
        element.set_hidden(hidden);
    }
}

/// Enable or disable the button with `id`.
pub fn set_disabled(id: &str, disabled: bool) {
    if let Some(button) = by_id::<web_sys::HtmlButtonElement>(id) {
        button.set_disabled(disabled);
    }
}

/// The localized message `key` (from `_locales`), or `fallback` when the
/// browser has none, with `$1`… filled from `substitutions`.
pub fn message(key: &str, fallback: &str, substitutions: &[&str]) -> String {
    let list: js_sys::Array = substitutions.iter().map(|s| JsValue::from_str(s)).collect();
    let localized = shim::i18n(key, &list);
    match localized.is_empty() {
        false => localized,
        true => substitutions
            .iter()
            .enumerate()
            .fold(fallback.to_owned(), |text, (index, value)| {
                text.replace(&format!("${}", index + 1), value)
            }),
    }
}

/// Replace the text of every `[data-i18n]` element with its localized
/// message; the English in the HTML stays when a message is missing.
pub fn localize_page() {
    let Some(document) = document() else { return };
    let Ok(nodes) = document.query_selector_all("[data-i18n]") else {
        return;
    };
    for index in 0..nodes.length() {
        let Some(element) = nodes
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let Some(key) = element.get_attribute("data-i18n") else {
            continue;
        };
        let localized = shim::i18n(&key, &JsValue::UNDEFINED);
        if !localized.is_empty() {
            element.set_text_content(Some(&localized));
        }
    }
}

/// Call `handler` on every `event` of the element with `id`, for the life of
/// the page.
pub fn on(id: &str, event: &str, handler: impl FnMut(web_sys::Event) + 'static) {
    let Some(target) = by_id::<web_sys::EventTarget>(id) else {
        return;
    };
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    // The page lives as long as its listeners; nothing to free earlier.
    closure.forget();
}

/// The value of the input with `id` (empty when missing).
pub fn input_value(id: &str) -> String {
    by_id::<web_sys::HtmlInputElement>(id)
        .map(|input| input.value())
        .unwrap_or_default()
}

/// Set the value of the input with `id`.
pub fn set_input_value(id: &str, value: &str) {
    if let Some(input) = by_id::<web_sys::HtmlInputElement>(id) {
        input.set_value(value);
    }
}

/// Whether the checkbox or radio button with `id` is checked.
pub fn is_checked(id: &str) -> bool {
    by_id::<web_sys::HtmlInputElement>(id)
        .map(|input| input.checked())
        .unwrap_or(false)
}

/// Check or uncheck the checkbox or radio button with `id`.
pub fn set_checked(id: &str, checked: bool) {
    if let Some(input) = by_id::<web_sys::HtmlInputElement>(id) {
        input.set_checked(checked);
    }
}

/// The selected value of the `<select>` with `id` (empty when none).
pub fn select_value(id: &str) -> String {
    by_id::<web_sys::HtmlSelectElement>(id)
        .map(|select| select.value())
        .unwrap_or_default()
}

/// Replace the options of the `<select>` with `id` by `(value, label)`
/// pairs, selecting `selected` when present. Labels are set as text.
pub fn fill_select(id: &str, choices: &[(String, String)], selected: Option<&str>) {
    let (Some(select), Some(document)) = (by_id::<web_sys::HtmlSelectElement>(id), document())
    else {
        return;
    };
    select.set_text_content(None);
    for (value, label) in choices {
        let Ok(option) = document.create_element("option") else {
            continue;
        };
        let _ = option.set_attribute("value", value);
        option.set_text_content(Some(label));
        let _ = select.append_child(&option);
    }
    if let Some(selected) = selected {
        select.set_value(selected);
    }
}

/// Create an element `tag` with `text` as its text content.
pub fn element_with_text(tag: &str, text: &str) -> Option<web_sys::Element> {
    let element = document()?.create_element(tag).ok()?;
    element.set_text_content(Some(text));
    Some(element)
}

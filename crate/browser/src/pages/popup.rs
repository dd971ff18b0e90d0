//! The toolbar popup: the connection ("Connected as …" or a link to set up),
//! the last 20 sends with their state and a link to each prospect, and
//! Retry / Discard for sends that are queued or failed, and "Clear
//! history" (`pages::history`).
//!
//! Names and reasons are shown as text only; a prospect link is only made
//! from an `http(s)` URL.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};

use super::{ask, dom, history, wire};
use crate::core::contract::reply::{SendList, SendListItem, SendListStatus};
use crate::core::page::url;
use crate::core::sending::settings::SettingsView;
use crate::shim;

/// Wire the popup and show the current state.
pub fn start() {
    dom::localize_page();
    dom::on("setup", "click", |event| {
        event.prevent_default();
        open_options();
    });
    dom::on("options-link", "click", |event| {
        event.prevent_default();
        open_options();
    });
    history::wire_buttons(show_list);
    spawn_local(refresh());
}

fn open_options() {
    if let Ok(promise) = shim::open_options_page() {
        spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

async fn refresh() {
    match ask::<SettingsView>(&wire::get_settings()).await {
        Ok(settings) => show_connection(&settings),
        Err(error) => dom::set_text("alert", &error.message),
    }
    match ask::<SendList>(&wire::list_sends()).await {
        Ok(list) => show_list(&list),
        Err(error) => dom::set_text("alert", &error.message),
    }
}

fn show_connection(settings: &SettingsView) {
    match &settings.connected_user {
        Some(user) => {
            let text = dom::message("popupConnectedAs", "Connected as $1", &[&user.full_name]);
            dom::set_text("connection", &text);
            dom::set_hidden("setup", true);
        }
        None => {
            let text = dom::message("popupNotConnected", "Not connected to Greenhouse.", &[]);
            dom::set_text("connection", &text);
            dom::set_hidden("setup", false);
        }
    }
}

fn show_list(list: &SendList) {
    dom::set_hidden("empty", !list.items.is_empty());
    let Some(element) = dom::by_id::<web_sys::Element>("sends") else {
        return;
    };
    element.set_text_content(None);
    for send in &list.items {
        if let Some(item) = send_item(send) {
            let _ = element.append_child(&item);
        }
    }
}

fn send_item(send: &SendListItem) -> Option<web_sys::Element> {
    let state = state_name(send.status);
    let item = dom::document()?.create_element("li").ok()?;
    let _ = item.set_attribute("data-external-id", &send.external_id);
    let _ = item.set_attribute("data-state", state);
    let name = dom::element_with_text("span", &send.name)?;
    let _ = name.set_attribute("class", "name");
    let _ = item.append_child(&name);

    let meta = dom::element_with_text("span", "")?;
    let _ = meta.set_attribute("class", "meta");
    let label = dom::element_with_text("span", &state_label(send.status))?;
    let _ = label.set_attribute("class", &format!("state-{state}"));
    let _ = meta.append_child(&label);
    let separator = dom::element_with_text("span", " · ")?;
    let _ = meta.append_child(&separator);
    let time = dom::element_with_text("time", &local_time(send.at_ms))?;
    let _ = meta.append_child(&time);
    if let Some(url) = send
        .profile_url
        .as_deref()
        .filter(|url| url::is_web_url(url))
    {
        let separator = dom::element_with_text("span", " · ")?;
        let _ = meta.append_child(&separator);
        let text = dom::message("popupViewInGreenhouse", "View in Greenhouse", &[]);
        let link = dom::element_with_text("a", &text)?;
        let _ = link.set_attribute("href", url);
        let _ = link.set_attribute("target", "_blank");
        let _ = link.set_attribute("rel", "noopener noreferrer");
        let _ = meta.append_child(&link);
    }
    let _ = item.append_child(&meta);

    if matches!(send.status, SendListStatus::Queued | SendListStatus::Failed) {
        let actions = dom::element_with_text("span", "")?;
        let _ = actions.set_attribute("class", "actions");
        let retry = action_button("popupRetry", "Retry", &send.external_id, Action::Retry)?;
        let discard = action_button(
            "popupDiscard",
            "Discard",
            &send.external_id,
            Action::Discard,
        )?;
        let _ = actions.append_child(&retry);
        let _ = actions.append_child(&discard);
        let _ = item.append_child(&actions);
    }
    let mut notes: Vec<String> = send
        .error
        .iter()
        .map(|error| error.message.clone())
        .collect();
    if send.possible_duplicate {
        notes.push(dom::message(
            "popupPossibleDuplicate",
            "An earlier attempt got no answer: check Greenhouse for a duplicate.",
            &[],
        ));
    }
    if !notes.is_empty() {
        let reason = dom::element_with_text("span", &notes.join(" "))?;
        let _ = reason.set_attribute("class", "reason");
        let _ = item.append_child(&reason);
    }
    Some(item)
}

fn state_name(status: SendListStatus) -> &'static str {
    match status {
        SendListStatus::Sent => "sent",
        SendListStatus::Queued => "queued",
        SendListStatus::Sending => "sending",
        SendListStatus::Failed => "failed",
    }
}

fn state_label(status: SendListStatus) -> String {
    match status {
        SendListStatus::Sent => dom::message("popupStateSent", "Sent", &[]),
        SendListStatus::Queued => dom::message("popupStateQueued", "Queued", &[]),
        SendListStatus::Sending => dom::message("popupStateSending", "Sending", &[]),
        SendListStatus::Failed => dom::message("popupStateFailed", "Failed", &[]),
    }
}

fn local_time(at_ms: u64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at_ms as f64));
    date.to_locale_string("default", &JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default()
}

#[derive(Clone, Copy)]
enum Action {
    Retry,
    Discard,
}

fn action_button(
    key: &str,
    fallback: &str,
    external_id: &str,
    action: Action,
) -> Option<web_sys::Element> {
    let button = dom::element_with_text("button", &dom::message(key, fallback, &[]))?;
    let _ = button.set_attribute("type", "button");
    let external_id = external_id.to_owned();
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
        let external_id = external_id.clone();
        spawn_local(async move {
            dom::set_text("alert", "");
            let result = match action {
                Action::Retry => ask::<SendList>(&wire::retry(&external_id)).await,
                Action::Discard => ask::<SendList>(&wire::discard(&external_id)).await,
            };
            match result {
                Ok(list) => show_list(&list),
                Err(error) => dom::set_text("alert", &error.message),
            }
        });
    });
    let _ = button.add_event_listener_with_callback("click", closure.as_ref().unchecked_ref());
    // The button lives until the list is redrawn; the popup itself is short-lived.
    closure.forget();
    Some(button)
}

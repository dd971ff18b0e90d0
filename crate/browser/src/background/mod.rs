//! The background adapter: the only context that reads the API key and talks
//! to Greenhouse. Routes typed messages by sender, persists settings, the
//! outbox and the ledger in extension storage, and schedules retries.
//!
//! Every message is answered with the reply envelope, never with an
//! exception, and no reply ever carries the key. Nothing here logs a
//! request, a setting or a reply.

mod frames;
mod http;
mod lock;
mod sender;
mod sending;
mod setup;
mod status;
mod store;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::core::contract::error_reply::ErrorReply;
use crate::core::contract::messages::{authorize, parse_request_value, Reply, Request, SenderKind};
use crate::core::profile::reading;
use crate::core::sending::review;
use crate::shim;

/// The message the content script handles for the keyboard shortcut
/// (`crate::content::flow`): "send the profile on screen".
pub const SEND_FROM_SHORTCUT: &str = "SendProfileOnScreen";

/// The `commands` name of the keyboard shortcut in the manifest.
pub const SEND_COMMAND: &str = "send-to-greenhouse";

/// Milliseconds since the Unix epoch, from the browser's clock.
fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Handle one `runtime.onMessage` message; resolves with the reply envelope.
#[wasm_bindgen]
pub async fn handle_message(message: JsValue, sender: JsValue) -> JsValue {
    let reply: Reply<serde_json::Value> = answer(message, sender).await.into();
    shim::to_js(&reply).unwrap_or(JsValue::NULL)
}

async fn answer(message: JsValue, sender: JsValue) -> Result<serde_json::Value, ErrorReply> {
    let kind = sender::classify(&sender);
    // Nothing from outside is even parsed.
    if kind == SenderKind::Foreign {
        return Err(ErrorReply::not_allowed());
    }
    if carries_oversized_snapshot(&message) {
        return Err(ErrorReply::bad_message());
    }
    let message: serde_json::Value =
        shim::from_js(message).map_err(|_| ErrorReply::bad_message())?;
    let request = parse_request_value(message)?;
    authorize(&request, kind)?;
    match request {
        // Per tab: the browser says which tab a message came from.
        Request::ShowInPage { frame, item } => {
            let tab = sender::tab_id(&sender).ok_or_else(ErrorReply::not_allowed)?;
            frames::keep(tab, &frame, item);
            Ok(serde_json::Value::Null)
        }
        Request::TakeInPage { frame } => {
            let tab = sender::tab_id(&sender).ok_or_else(ErrorReply::not_allowed)?;
            value(&frames::take(tab, &frame))
        }
        request => dispatch(request).await,
    }
}

/// A `ReadProfile` snapshot over the limit is refused before it is copied
/// into WebAssembly memory (which never shrinks): a hostile page with one
/// huge text would otherwise grow the background for as long as it runs.
fn carries_oversized_snapshot(message: &JsValue) -> bool {
    use wasm_bindgen::JsCast;
    js_sys::Reflect::get(message, &JsValue::from_str("snapshot"))
        .ok()
        .and_then(|snapshot| snapshot.dyn_into::<js_sys::JsString>().ok())
        .is_some_and(|snapshot| snapshot.length() as usize > reading::MAX_SNAPSHOT_UNITS)
}

/// Serialize a reply value; every value type here serializes.
fn value<T: Serialize>(value: &T) -> Result<serde_json::Value, ErrorReply> {
    serde_json::to_value(value).map_err(|_| ErrorReply::bad_message())
}

async fn dispatch(request: Request) -> Result<serde_json::Value, ErrorReply> {
    match request {
        Request::SendProspect {
            candidate,
            edits,
            destination,
            resend,
        } => {
            let candidate = match edits {
                Some(edits) => review::apply(&candidate, &edits),
                None => *candidate,
            };
            value(&sending::send_prospect(candidate, destination, resend).await?)
        }
        Request::ReadProfile { snapshot, url } => value(&reading::read_snapshot(snapshot, url)?),
        Request::GetSendStatus { external_id } => value(&status::status_of(&external_id).await?),
        Request::OpenOptions => {
            let promise = shim::open_options_page().map_err(|_| ErrorReply::not_allowed())?;
            let _ = JsFuture::from(promise).await;
            Ok(serde_json::Value::Null)
        }
        // The content script loads its JavaScript fallback itself
        // (`extension/content_fallback.js`); nothing to do here.
        Request::LoadFallbackCore => Ok(serde_json::Value::Null),
        Request::GetSettings => value(&setup::load().await?.view()),
        Request::Connect { api_key, email } => {
            let api_key = api_key.filter(|key| !key.is_empty());
            value(&setup::connect(api_key, &email).await?)
        }
        Request::Disconnect => value(&setup::disconnect().await?),
        Request::GetDestinations { refresh } => value(&setup::destinations(refresh).await?),
        Request::SaveSettings {
            default_destination,
            prospect_owner_email,
            always_review,
        } => value(
            &setup::save_preferences(default_destination, prospect_owner_email, always_review)
                .await?,
        ),
        Request::ListSends => value(&status::list().await?),
        Request::RetrySend { external_id } => {
            // The outcome shows in the list (queued, failed or sent).
            sending::retry(&external_id).await?;
            value(&status::list().await?)
        }
        Request::DiscardSend { external_id } => {
            sending::discard(&external_id).await?;
            value(&status::list().await?)
        }
        // Answered in `answer`, which knows the sender's tab.
        Request::ShowInPage { .. } | Request::TakeInPage { .. } => Err(ErrorReply::bad_message()),
    }
}

/// Handle an `alarms.onAlarm` event (outbox retries).
#[wasm_bindgen]
pub async fn handle_alarm(name: String) {
    if name == sending::RETRY_ALARM {
        let _ = sending::resume().await;
    }
}

/// Handle the browser waking the background (`startup`, `installed`,
/// `online`): resume the outbox from storage.
#[wasm_bindgen]
pub async fn handle_wake(reason: String) {
    let _ = reason;
    let _ = sending::resume().await;
}

/// Handle a keyboard command (`commands.onCommand`): ask the content script
/// of that tab to send the profile on screen.
#[wasm_bindgen]
pub async fn handle_command(command: String, tab_id: Option<f64>) {
    if command != SEND_COMMAND {
        return;
    }
    // Browsers that do not pass the tab with the command: the active one.
    let tab_id = match tab_id {
        Some(tab_id) => Some(tab_id),
        None => match shim::active_tab_id() {
            Ok(promise) => JsFuture::from(promise)
                .await
                .ok()
                .and_then(|id| id.as_f64()),
            Err(_) => None,
        },
    };
    let Some(tab_id) = tab_id else { return };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &message,
        &JsValue::from_str("type"),
        &JsValue::from_str(SEND_FROM_SHORTCUT),
    );
    // No content script in that tab (not a Purpose Jobs page): nothing to do.
    if let Ok(promise) = shim::send_to_tab(tab_id, &message) {
        let _ = JsFuture::from(promise).await;
    }
}

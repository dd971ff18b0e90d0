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
mod readings;
mod sender;
mod sending;
mod setup;
mod status;
mod store;
mod warm_up;

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::core::contract::error_reply::{ErrorKind, Failure};
use crate::core::contract::reply::{DestinationChoices, Reply, SendOutcome, SentProfile};
use crate::core::contract::request::{parse_request_value, Request};
use crate::core::contract::trust::{authorize, SenderKind};
use crate::core::profile::reading;
use crate::core::sending::guard::{self, SendRate};
use crate::core::sending::review;
use crate::locale::I18N;
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
    // The reply boundary: a failure is worded here, in the browser's locale.
    let reply: Reply<serde_json::Value> = answer(message, sender)
        .await
        .map_err(|failure| failure.reply(&I18N))
        .into();
    shim::to_js(&reply).unwrap_or(JsValue::NULL)
}

thread_local! {
    // Sends per tab in this background start (a restart forgets them,
    // which only ever allows a few more).
    static SEND_RATE: RefCell<SendRate> = RefCell::new(SendRate::default());
}

async fn answer(message: JsValue, sender: JsValue) -> Result<serde_json::Value, Failure> {
    crate::perf::span(crate::perf::BG_STEP, "enter", crate::perf::now());
    let kind = sender::classify(&sender);
    let tab = sender::tab_id(&sender);
    // Nothing from outside is even parsed.
    if kind == SenderKind::Foreign {
        return Err(Failure::not_allowed());
    }
    if carries_oversized_snapshot(&message) {
        return Err(Failure::bad_message());
    }
    let started = crate::perf::now();
    let message: serde_json::Value = shim::from_js(message).map_err(|_| Failure::bad_message())?;
    let request = parse_request_value(message)?;
    crate::perf::span(crate::perf::BG_STEP, "parse", started);
    authorize(&request, kind)?;
    dispatch(request, tab).await
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

/// The sender's tab, for what only a tab may ask (the in-page frame's
/// items); `sender::tab_id` is negative for a sender outside any tab.
fn in_tab(tab: i64) -> Result<u64, Failure> {
    u64::try_from(tab).map_err(|_| Failure::not_allowed())
}

/// Serialize a reply value; every value type here serializes.
fn value<T: Serialize>(value: &T) -> Result<serde_json::Value, Failure> {
    serde_json::to_value(value).map_err(|_| Failure::bad_message())
}

async fn dispatch(request: Request, tab: i64) -> Result<serde_json::Value, Failure> {
    match request {
        Request::SendProspect {
            candidate: token,
            edits,
            destination,
            resend,
        } => {
            SEND_RATE.with(|rate| rate.borrow_mut().allow(tab, now_ms()))?;
            // Only what this background read, for this tab: an unknown or
            // expired token is refused like any message it cannot use.
            let read = readings::get(&token, tab)
                .await
                .ok_or_else(Failure::bad_message)?;
            let mut candidate = match edits {
                Some(edits) => review::apply(&read, &edits),
                None => read,
            };
            guard::clean_names(&mut candidate);
            guard::check_candidate(&candidate)?;
            let outcome = sending::send_prospect(candidate, destination, resend).await?;
            // Queued or sent: the reading has served. A failure keeps it
            // for "Fix in review".
            if matches!(
                outcome,
                SendOutcome::Sent { .. } | SendOutcome::Queued { .. } | SendOutcome::InProgress
            ) {
                readings::forget(&token).await;
            }
            value(&outcome)
        }
        Request::ReadProfile { snapshot, url } => {
            let read = reading::read_snapshot(snapshot, url)?;
            let token = match read.candidate() {
                Some(candidate) => Some(
                    readings::keep(candidate.clone(), tab)
                        .await
                        .ok_or_else(|| Failure::of(ErrorKind::Storage))?,
                ),
                None => None,
            };
            // Stale and NotAProfile carry no candidate, so no token.
            value(&read.map(|_| token))
        }
        Request::SendProfile { snapshot, url } => send_profile(snapshot, url, tab).await,
        Request::Wake => {
            // A send is likely: have what it reads ready. Nothing is read
            // from the page, nothing leaves for Greenhouse.
            sending::preload().await;
            readings::preload().await;
            warm_up::soon();
            Ok(serde_json::Value::Null)
        }
        Request::ReportPage { snapshot, url } => value(&crate::core::report::report_snapshot(
            snapshot,
            url,
            env!("CARGO_PKG_VERSION"),
        )?),
        Request::GetSendStatus {
            external_id,
            without_lookup,
        } => {
            let status = status::status_of(&external_id, !without_lookup).await?;
            // The Share menu opened: a click on Send may follow. Queued
            // only now, so its timer cannot fire while this status is
            // still being read (it would delay the reply).
            warm_up::soon();
            value(&status)
        }
        Request::OpenOptions => {
            let promise = shim::open_options_page().map_err(|_| Failure::not_allowed())?;
            let _ = JsFuture::from(promise).await;
            Ok(serde_json::Value::Null)
        }
        Request::GetSettings => value(&setup::load().await?.view()),
        Request::Connect { api_key, email } => {
            let api_key = api_key.filter(|key| !key.is_empty());
            value(&setup::connect(api_key, &email).await?)
        }
        Request::Disconnect => value(&setup::disconnect().await?),
        Request::GetDestinations { refresh } => {
            let destinations = setup::destinations(refresh).await?;
            value(&DestinationChoices::of(&destinations, &I18N))
        }
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
        Request::ClearHistory => {
            sending::clear_history().await?;
            value(&status::list().await?)
        }
        // Per tab: the browser says which tab a message came from.
        Request::ShowInPage { frame, item } => {
            frames::keep(in_tab(tab)?, &frame, item);
            Ok(serde_json::Value::Null)
        }
        Request::TakeInPage { frame } => value(&frames::take(in_tab(tab)?, &frame)),
    }
}

/// `SendProfile`: `ReadProfile` and `SendProspect` in one message. A ready
/// reading is checked and sent as a `SendProspect` of its token would be
/// (rate, names, required fields, then the core's plan); its refusal comes
/// back as that `SendProspect`'s error would. The reading is kept under its
/// token unless its send was queued or made (then it has served, as a
/// `SendProspect`'s does): a review may still send it.
async fn send_profile(
    snapshot: String,
    url: String,
    tab: i64,
) -> Result<serde_json::Value, Failure> {
    let started = crate::perf::now();
    let read = reading::read_snapshot(snapshot, url)?;
    crate::perf::span(crate::perf::BG_STEP, "read", started);
    let sent = match &read {
        reading::ProfileReading::Ready { candidate, .. } => {
            let mut candidate = candidate.clone();
            guard::clean_names(&mut candidate);
            let checked = SEND_RATE
                .with(|rate| rate.borrow_mut().allow(tab, now_ms()))
                .and_then(|()| guard::check_candidate(&candidate));
            Some(match checked {
                Ok(()) => sending::send_prospect(candidate, None, false).await,
                Err(failure) => Err(failure),
            })
        }
        _ => None,
    };
    let served = matches!(
        sent,
        Some(Ok(SendOutcome::Sent { .. }
            | SendOutcome::Queued { .. }
            | SendOutcome::InProgress))
    );
    let token = match (read.candidate(), served) {
        // Named in the reply, kept nowhere: nothing can be sent under it.
        (Some(_), true) => Some(crate::core::sending::readings::ReadingToken {
            token: shim::random_token().map_err(|_| Failure::of(ErrorKind::Storage))?,
        }),
        (Some(candidate), false) => Some(
            readings::keep(candidate.clone(), tab)
                .await
                .ok_or_else(|| Failure::of(ErrorKind::Storage))?,
        ),
        (None, _) => None,
    };
    let (outcome, error) = match sent {
        Some(Ok(outcome)) => (Some(outcome), None),
        Some(Err(failure)) => (None, Some(failure.reply(&I18N))),
        None => (None, None),
    };
    value(&SentProfile {
        reading: read.map(|_| token),
        outcome,
        error,
    })
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

//! The content script's side of the message contract: send a typed
//! request (`core::contract::request`) to the background and read its typed reply.
//!
//! A content script may only have a page snapshot read, submit a prospect,
//! ask about sends and ask for the options page; it never reads settings,
//! storage or the key.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::core::contract::error_reply::ErrorReply;
use crate::core::contract::read_reply::{
    read_profile_reading, read_reply, read_send_outcome, read_send_status, MalformedReply,
    ReplyValue,
};
use crate::core::contract::reply::{SendOutcome, SendStatus};
use crate::core::profile::reading::ProfileReading;
use crate::core::sending::review::{ReviewField, ReviewFields};
use crate::core::sending::settings::Destination;
use crate::shim;

/// Why a request got no usable answer.
#[derive(Debug, Clone)]
pub enum WireError {
    /// The background refused or failed the request and said why.
    Refused(ErrorReply),
    /// No answer at all: the extension was reloaded or updated under the
    /// page ("Extension context invalidated"), or the reply could not be
    /// read. Only a page reload helps.
    Unreachable(String),
}

/// Asks the background to read the candidate on a page from its snapshot
/// (`Request::ReadProfile`).
pub async fn ask_reading(
    snapshot: JsValue,
    url: &str,
) -> Result<ProfileReading<JsReply>, WireError> {
    let reply = exchange(&read_profile_message(snapshot, url)).await?;
    value_of(read_reply(&reply, read_profile_reading))
}

/// Asks the background for a profile's send status (`Request::GetSendStatus`).
pub async fn ask_status(external_id: &str) -> Result<SendStatus, WireError> {
    let reply = exchange(&status_message(external_id)).await?;
    value_of(read_reply(&reply, read_send_status))
}

/// Submits a candidate as the background read it, with the review form's
/// values if the recruiter reviewed it (`Request::SendProspect`), and
/// waits for what happened to it.
pub async fn ask_send(
    candidate: &JsValue,
    edits: Option<&ReviewFields>,
    destination: Option<&Destination>,
    resend: bool,
) -> Result<SendOutcome, WireError> {
    let reply = exchange(&send_message(candidate, edits, destination, resend)).await?;
    value_of(read_reply(&reply, read_send_outcome))
}

/// Asks the background to open the options page (`Request::OpenOptions`).
pub async fn open_options() -> Result<(), WireError> {
    let reply = exchange(&message("OpenOptions").into()).await?;
    match read_reply(&reply, |_| Ok(())).map_err(malformed)? {
        Ok(_) => Ok(()),
        Err(error) => Err(WireError::Refused(error)),
    }
}

// The requests are written as JavaScript objects, in the JSON form serde
// gives `core::contract::request::Request` (the browser tests check each against
// it): the candidate goes back exactly as the background sent it, and no
// serializer is linked into the content module.

/// `{"type": "ReadProfile", "snapshot", "url"}`.
pub fn read_profile_message(snapshot: JsValue, url: &str) -> JsValue {
    let message = message("ReadProfile");
    set(&message, "snapshot", &snapshot);
    set(&message, "url", &url.into());
    message.into()
}

/// `{"type": "GetSendStatus", "external_id"}`.
pub fn status_message(external_id: &str) -> JsValue {
    let message = message("GetSendStatus");
    set(&message, "external_id", &external_id.into());
    message.into()
}

/// `{"type": "SendProspect", "candidate", "edits", "destination", "resend"}`.
pub fn send_message(
    candidate: &JsValue,
    edits: Option<&ReviewFields>,
    destination: Option<&Destination>,
    resend: bool,
) -> JsValue {
    let message = message("SendProspect");
    set(&message, "candidate", candidate);
    if let Some(edits) = edits {
        let fields = Object::new();
        for field in ReviewField::ALL {
            set(&fields, field.key(), &edits.get(field).into());
        }
        set(&message, "edits", &fields);
    }
    if let Some(destination) = destination {
        set(&message, "destination", &destination_value(destination));
    }
    set(&message, "resend", &resend.into());
    message.into()
}

fn destination_value(destination: &Destination) -> JsValue {
    let value = Object::new();
    let number = |n: u64| JsValue::from_f64(n as f64);
    match destination {
        Destination::NoPool => set(&value, "kind", &"no_pool".into()),
        Destination::Pool { pool_id, stage_id } => {
            set(&value, "kind", &"pool".into());
            set(&value, "pool_id", &number(*pool_id));
            if let Some(stage_id) = stage_id {
                set(&value, "stage_id", &number(*stage_id));
            }
        }
        Destination::Job { job_id } => {
            set(&value, "kind", &"job".into());
            set(&value, "job_id", &number(*job_id));
        }
    }
    value.into()
}

fn message(kind: &str) -> Object {
    let message = Object::new();
    set(&message, "type", &kind.into());
    message
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &key.into(), value);
}

/// The value of a reply that must have one.
fn value_of<T>(
    reply: Result<Result<Option<T>, ErrorReply>, MalformedReply>,
) -> Result<T, WireError> {
    match reply.map_err(malformed)? {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(WireError::Unreachable("reply without a value".into())),
        Err(error) => Err(WireError::Refused(error)),
    }
}

/// Sends `message` to the background and returns its reply as the browser
/// hands it over. The reply is read field by field from the JavaScript
/// value (`core::contract::read_reply::read_reply`), not through serde: serde's
/// decoders and `serde_json`'s parser were over a third of the content
/// module.
async fn exchange(message: &JsValue) -> Result<JsReply, WireError> {
    let promise = shim::send_message(message).map_err(unreachable)?;
    JsFuture::from(promise)
        .await
        .map(JsReply)
        .map_err(unreachable)
}

/// A reply (or a part of one) as the browser handed it over, read field by
/// field through the core's [`ReplyValue`].
#[derive(Debug, Clone)]
pub struct JsReply(pub JsValue);

impl ReplyValue for JsReply {
    fn field(&self, name: &str) -> Option<Self> {
        if !self.0.is_object() {
            return None;
        }
        js_sys::Reflect::get(&self.0, &JsValue::from_str(name))
            .ok()
            .filter(|value| !value.is_null() && !value.is_undefined())
            .map(JsReply)
    }
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn elements(&self) -> Option<Vec<Self>> {
        js_sys::Array::is_array(&self.0)
            .then(|| js_sys::Array::from(&self.0).iter().map(JsReply).collect())
    }
}

fn malformed(error: MalformedReply) -> WireError {
    WireError::Unreachable(format!("malformed reply: {}", error.0))
}

fn unreachable(error: JsValue) -> WireError {
    WireError::Unreachable(
        error
            .as_string()
            .unwrap_or_else(|| String::from(js_sys::Error::from(error).message())),
    )
}

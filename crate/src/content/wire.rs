//! The content script's side of the message contract: send a typed
//! request (`core::messages`) to the background and read its typed reply.
//!
//! A content script may only submit a prospect, ask about sends and ask for
//! the options page; it never reads settings, storage or the key.

use serde::de::{DeserializeOwned, IgnoredAny};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::browser;
use crate::core::error_reply::ErrorReply;
use crate::core::messages::{
    MalformedReply, ReplyEnvelope, Request, SendOutcome, SendOutcomeWire, SendStatus,
    SendStatusWire,
};

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

/// Asks the background for a profile's send status.
pub async fn ask_status(request: &Request) -> Result<SendStatus, WireError> {
    let wire: SendStatusWire = ask(request).await?;
    SendStatus::try_from(wire).map_err(malformed)
}

/// Submits a profile and waits for what happened to it.
pub async fn ask_send(request: &Request) -> Result<SendOutcome, WireError> {
    let wire: SendOutcomeWire = ask(request).await?;
    SendOutcome::try_from(wire).map_err(malformed)
}

/// Sends a request whose reply value is `null` (e.g. `OpenOptions`) and
/// waits for the background to answer it.
pub async fn tell(request: &Request) -> Result<(), WireError> {
    ask_optional::<IgnoredAny>(request).await.map(|_| ())
}

/// Sends `request` and reads its reply's value, which must not be `null`.
async fn ask<T: DeserializeOwned>(request: &Request) -> Result<T, WireError> {
    ask_optional(request)
        .await?
        .ok_or(WireError::Unreachable("reply without a value".into()))
}

/// Sends `request` to the background and waits for its reply's value
/// (`None` when it is `null`).
///
/// Both ways go through JSON text (`JSON.parse`/`JSON.stringify` on the
/// JavaScript side, `serde_json` on ours) rather than `serde-wasm-bindgen`:
/// one serde backend instead of two keeps the content module small, and
/// the wire format is JSON-compatible by construction. Replies are read
/// through the plain mirrors in `core::messages` (`ReplyEnvelope`,
/// `SendStatusWire`, `SendOutcomeWire`), whose decoders are a fraction of
/// the size of the rich types' own.
async fn ask_optional<T: DeserializeOwned>(request: &Request) -> Result<Option<T>, WireError> {
    let json = serde_json::to_string(request).map_err(|e| WireError::Unreachable(e.to_string()))?;
    let message = js_sys::JSON::parse(&json).map_err(unreachable)?;
    let promise = browser::send_message(&message).map_err(unreachable)?;
    let answer = JsFuture::from(promise).await.map_err(unreachable)?;
    let text = js_sys::JSON::stringify(&answer)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| WireError::Unreachable("no reply".into()))?;
    let envelope = serde_json::from_str::<ReplyEnvelope<T>>(&text)
        .map_err(|error| WireError::Unreachable(error.to_string()))?;
    match envelope.into_result().map_err(malformed)? {
        Ok(value) => Ok(value),
        Err(error) => Err(WireError::Refused(error)),
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

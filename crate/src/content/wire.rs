//! The content script's side of the message contract: send a typed
//! request (`core::messages`) to the background and read its typed reply.
//!
//! A content script may only submit a prospect, ask about sends and ask for
//! the options page; it never reads settings, storage or the key.

use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::browser;
use crate::core::error_reply::ErrorReply;
use crate::core::messages::{Reply, Request};

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

/// Sends `request` to the background and waits for its reply's value.
///
/// Both ways go through JSON text (`JSON.parse`/`JSON.stringify` on the
/// JavaScript side, `serde_json` on ours) rather than `serde-wasm-bindgen`:
/// one serde backend instead of two keeps the content module small, and
/// the wire format is JSON-compatible by construction.
pub async fn ask<T: DeserializeOwned>(request: &Request) -> Result<T, WireError> {
    let json = serde_json::to_string(request).map_err(|e| WireError::Unreachable(e.to_string()))?;
    let message = js_sys::JSON::parse(&json).map_err(unreachable)?;
    let promise = browser::send_message(&message).map_err(unreachable)?;
    let answer = JsFuture::from(promise).await.map_err(unreachable)?;
    let text = js_sys::JSON::stringify(&answer)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| WireError::Unreachable("no reply".into()))?;
    match serde_json::from_str::<Reply<T>>(&text) {
        Ok(Reply::Ok(value)) => Ok(value),
        Ok(Reply::Err(error)) => Err(WireError::Refused(error)),
        Err(error) => Err(WireError::Unreachable(error.to_string())),
    }
}

fn unreachable(error: JsValue) -> WireError {
    WireError::Unreachable(
        error
            .as_string()
            .unwrap_or_else(|| String::from(js_sys::Error::from(error).message())),
    )
}

//! The content script's side of the message contract: send a typed
//! request (`core::messages`) to the background and read its typed reply.
//!
//! A content script may only submit a prospect, ask about sends and ask for
//! the options page; it never reads settings, storage or the key.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::browser;
use crate::core::error_reply::ErrorReply;
use crate::core::messages::{
    read_reply, read_send_outcome, read_send_status, MalformedReply, ReplyValue, Request,
    SendOutcome, SendStatus,
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
    let reply = exchange(request).await?;
    value_of(read_reply(&reply, read_send_status))
}

/// Submits a profile and waits for what happened to it.
pub async fn ask_send(request: &Request) -> Result<SendOutcome, WireError> {
    let reply = exchange(request).await?;
    value_of(read_reply(&reply, read_send_outcome))
}

/// Sends a request whose reply value is `null` (e.g. `OpenOptions`) and
/// waits for the background to answer it.
pub async fn tell(request: &Request) -> Result<(), WireError> {
    let reply = exchange(request).await?;
    match read_reply(&reply, |_| Ok(())).map_err(malformed)? {
        Ok(_) => Ok(()),
        Err(error) => Err(WireError::Refused(error)),
    }
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

/// Sends `request` to the background and returns its reply as the browser
/// hands it over.
///
/// The request goes as JSON text (`serde_json`, then `JSON.parse`):
/// serializing is cheap. The reply is read field by field from the
/// JavaScript value (`core::messages::read_reply`), not through serde:
/// serde's decoders and `serde_json`'s parser were over a third of the
/// content module.
async fn exchange(request: &Request) -> Result<JsValue, WireError> {
    // A request always serializes (string keys, no floats); not formatting
    // serde_json's error keeps its messages out of the module.
    let json = serde_json::to_string(request)
        .map_err(|_| WireError::Unreachable("the request could not be written".into()))?;
    let message = js_sys::JSON::parse(&json).map_err(unreachable)?;
    let promise = browser::send_message(&message).map_err(unreachable)?;
    JsFuture::from(promise).await.map_err(unreachable)
}

impl ReplyValue for JsValue {
    fn field(&self, name: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        js_sys::Reflect::get(self, &JsValue::from_str(name))
            .ok()
            .filter(|value| !value.is_null() && !value.is_undefined())
    }
    fn string(&self) -> Option<String> {
        self.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn elements(&self) -> Option<Vec<Self>> {
        js_sys::Array::is_array(self).then(|| js_sys::Array::from(self).to_vec())
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

//! The extension's own pages: the options page and the toolbar popup. They
//! render state and forward the user's actions to the background as typed
//! messages; they never read the stored API key (the background never
//! replies with it) and never touch storage themselves.

mod dom;
mod history;
mod options;
mod popup;
mod wire;

use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::core::contract::error_reply::{ErrorKind, ErrorReply, Failure};
use crate::core::contract::reply::Reply;
use crate::core::contract::request::Request;
use crate::locale::I18N;
use crate::shim;

/// Entry point of the options page (`extension/options.js`).
#[wasm_bindgen]
pub fn start_options() {
    options::start();
}

/// Entry point of the toolbar popup (`extension/popup.js`).
#[wasm_bindgen]
pub fn start_popup() {
    popup::start();
}

/// Send `request` to the background and wait for its value, or the error it
/// answered with. A reply of another shape is a `bad_message` error.
async fn ask<T: DeserializeOwned>(request: &Request) -> Result<T, ErrorReply> {
    let message = shim::to_js(request).map_err(|_| Failure::bad_message().reply(&I18N))?;
    // No answer at all is the extension failing, not storage.
    let promise =
        shim::send_message(&message).map_err(|_| Failure::of(ErrorKind::Internal).reply(&I18N))?;
    let answer = JsFuture::from(promise)
        .await
        .map_err(|_| Failure::of(ErrorKind::Internal).reply(&I18N))?;
    match shim::from_js::<Reply<T>>(answer) {
        Ok(Reply::Ok(value)) => Ok(value),
        Ok(Reply::Err(error)) => Err(error),
        Err(_) => Err(Failure::bad_message().reply(&I18N)),
    }
}

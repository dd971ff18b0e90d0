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
    read_profile_reading, read_reply, read_send_status, read_sent_profile, MalformedReply,
    ReplyValue, SentProfileValue,
};
use crate::core::contract::reply::SendStatus;
use crate::core::profile::reading::ProfileReading;
use crate::core::sending::review::{Problem, ReviewField, ReviewFields};
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

/// Asks the background to read the candidate on a page from its snapshot
/// and, when it is ready, to send it at once (`Request::SendProfile`): the
/// reading and, for a ready one, the send's outcome or its refusal.
pub async fn ask_send_profile(
    snapshot: JsValue,
    url: &str,
) -> Result<SentProfileValue<JsReply>, WireError> {
    let reply = exchange(&send_profile_message(snapshot, url)).await?;
    value_of(read_reply(&reply, read_sent_profile))
}

/// Asks the background for a profile's send status (`Request::GetSendStatus`).
/// `without_lookup`: the review form has just sent it (Greenhouse is not
/// asked again).
pub async fn ask_status(external_id: &str, without_lookup: bool) -> Result<SendStatus, WireError> {
    let reply = exchange(&status_message(external_id, without_lookup)).await?;
    value_of(read_reply(&reply, read_send_status))
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

/// Hands an item to the background for this tab's in-page frame
/// (`Request::ShowInPage`).
pub async fn show_in_page(frame: &str, item: JsValue) -> Result<(), WireError> {
    let message = message("ShowInPage");
    set(&message, "frame", &frame.into());
    set(&message, "item", &item);
    let reply = exchange(&message.into()).await?;
    match read_reply(&reply, |_| Ok(())).map_err(malformed)? {
        Ok(_) => Ok(()),
        Err(error) => Err(WireError::Refused(error)),
    }
}

// The in-page frame's items (`core::inpage::frame::FrameItem`), in the JSON
// form serde gives them.

/// `{"kind": "notice", "role", "text", "link", "action", "report"}`.
pub fn notice_item(
    role: &str,
    text: &str,
    link: Option<&str>,
    action: Option<JsValue>,
    report: Option<&str>,
) -> JsValue {
    let item = kind("notice");
    set(&item, "role", &role.into());
    set(&item, "text", &text.into());
    if let Some(link) = link {
        set(&item, "link", &link.into());
    }
    if let Some(action) = action {
        set(&item, "action", &action);
    }
    if let Some(report) = report {
        set(&item, "report", &report.into());
    }
    item.into()
}

/// `{"kind": "review", "form"}`: the form, opened at once.
pub fn review_item(form: &JsValue) -> JsValue {
    let item = kind("review");
    set(&item, "form", form);
    item.into()
}

/// `{"kind": "open_options"}`.
pub fn options_action() -> JsValue {
    kind("open_options").into()
}

/// `{"kind": "review", "label", "form"}`.
pub fn review_action(label: &str, form: &JsValue) -> JsValue {
    let action = kind("review");
    set(&action, "label", &label.into());
    set(&action, "form", form);
    action.into()
}

/// `{"candidate", "fields", "missing", "invalid", "notice", "resend", "report"}`.
pub fn review_form(
    candidate: &JsValue,
    fields: &ReviewFields,
    marked: &[(ReviewField, Problem)],
    notice: Option<&str>,
    resend: bool,
    report: Option<&str>,
) -> JsValue {
    let form = Object::new();
    set(&form, "candidate", candidate);
    set(&form, "fields", &fields_value(fields));
    let keys = |wanted: Problem| {
        let list = js_sys::Array::new();
        for (field, problem) in marked {
            if *problem == wanted {
                list.push(&field.key().into());
            }
        }
        list
    };
    set(&form, "missing", &keys(Problem::Missing));
    set(&form, "invalid", &keys(Problem::Invalid));
    if let Some(notice) = notice {
        set(&form, "notice", &notice.into());
    }
    set(&form, "resend", &resend.into());
    if let Some(report) = report {
        set(&form, "report", &report.into());
    }
    form.into()
}

fn kind(name: &str) -> Object {
    let object = Object::new();
    set(&object, "kind", &name.into());
    object
}

fn fields_value(fields: &ReviewFields) -> JsValue {
    let value = Object::new();
    for field in ReviewField::ALL {
        set(&value, field.key(), &fields.get(field).into());
    }
    value.into()
}

/// `{"type": "ReadProfile", "snapshot", "url"}`.
pub fn read_profile_message(snapshot: JsValue, url: &str) -> JsValue {
    snapshot_message("ReadProfile", snapshot, url)
}

/// `{"type": "SendProfile", "snapshot", "url"}`.
pub fn send_profile_message(snapshot: JsValue, url: &str) -> JsValue {
    snapshot_message("SendProfile", snapshot, url)
}

/// `{"type": kind, "snapshot", "url"}`: the requests that carry a snapshot.
fn snapshot_message(kind: &str, snapshot: JsValue, url: &str) -> JsValue {
    let message = message(kind);
    set(&message, "snapshot", &snapshot);
    set(&message, "url", &url.into());
    message.into()
}

/// Asks the background for the page report of a snapshot
/// (`Request::ReportPage`): `None` when it cannot make one.
pub async fn ask_report(snapshot: JsValue, url: &str) -> Option<String> {
    let reply = exchange(&report_page_message(snapshot, url)).await.ok()?;
    match read_reply(&reply, text_value) {
        Ok(Ok(Some(Some(text)))) => Some(text),
        _ => None,
    }
}

fn text_value(value: &JsReply) -> Result<Option<String>, MalformedReply> {
    Ok(value.string())
}

/// `{"type": "ReportPage", "snapshot", "url"}`.
pub fn report_page_message(snapshot: JsValue, url: &str) -> JsValue {
    snapshot_message("ReportPage", snapshot, url)
}

/// `{"type": "GetSendStatus", "external_id", "without_lookup"}` (the last
/// only when set).
pub fn status_message(external_id: &str, without_lookup: bool) -> JsValue {
    let message = message("GetSendStatus");
    set(&message, "external_id", &external_id.into());
    if without_lookup {
        set(&message, "without_lookup", &true.into());
    }
    message.into()
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

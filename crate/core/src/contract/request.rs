//! Every request a context can send the background ([`Request`], one tagged
//! enum), and reading one from the wire strictly: anything but a known
//! request of the right shape is `bad_message`.
//!
//! On the wire everything is plain JSON (`#[serde(tag = "type")]`), pinned by
//! the golden files in `crate/core/tests/golden/messages/`. The API key may
//! arrive in a [`Request::Connect`]; `Debug` never shows it.

use serde::{Deserialize, Serialize};

use crate::contract::error_reply::Failure;
use crate::contract::trust::Tier;
use crate::greenhouse::requests::ApiKey;
use crate::inpage::frame::FrameItem;
use crate::sending::readings::ReadingToken;
use crate::sending::review::ReviewFields;
use crate::sending::settings::Destination;

/// Every request a context can send to the background. Each variant's doc
/// names the reply value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum Request {
    /// Content-script tier. Send a profile to Greenhouse. Replies
    /// [`SendOutcome`](crate::contract::reply::SendOutcome).
    SendProspect {
        /// The background's handle on the candidate it read with
        /// [`Request::ReadProfile`] (the reading's `candidate` or `draft`,
        /// passed back as is): only what the background read is sent,
        /// never a candidate a content script wrote
        /// ([`readings`](crate::sending::readings)).
        candidate: ReadingToken,
        /// The review form's values, when the recruiter reviewed the
        /// candidate: applied to `candidate` before sending
        /// ([`apply`](crate::sending::review::apply)).
        /// Boxed: nine strings dwarf every other request.
        #[serde(default)]
        edits: Option<Box<ReviewFields>>,
        /// Where to send it; `null` means the default destination.
        #[serde(default)]
        destination: Option<Destination>,
        /// Whether the user confirmed "Send again…" for a profile already
        /// sent; otherwise such a send replies `already_sent`.
        #[serde(default)]
        resend: bool,
    },
    /// Content-script tier. Read the candidate on a page from its snapshot
    /// (`core::page::wire`, taken by the content script at click time).
    /// Replies [`ProfileReading`](crate::profile::reading::ProfileReading).
    ReadProfile {
        /// The page's body in the wire format, at most
        /// [`MAX_SNAPSHOT_UNITS`](crate::profile::reading::MAX_SNAPSHOT_UNITS)
        /// long.
        snapshot: String,
        /// The page's address.
        url: String,
    },
    /// Content-script tier. Read the candidate on a page from its snapshot
    /// and, when the reading is ready, send it at once: the common path of
    /// "Send to Greenhouse" in one message instead of `ReadProfile` then
    /// `SendProspect`. The background reads, checks and sends exactly as
    /// those two would. Replies [`SentProfile`](crate::contract::reply::SentProfile):
    /// the reading, and the outcome when it was sent (none when the reading
    /// is not ready or the send was refused: then the content script falls
    /// back to `SendProspect` with the reading's token, kept for it).
    SendProfile {
        /// The page's body in the wire format, as for
        /// [`Request::ReadProfile`].
        snapshot: String,
        /// The page's address.
        url: String,
    },
    /// Content-script tier. Carries nothing: a send became likely (the
    /// review form opened, or the pointer or focus reached its Send
    /// button), so the background starts now and reads what a send needs,
    /// instead of at the click. Reads nothing from the page, sends nothing
    /// to Greenhouse. Replies `null`.
    Wake,
    /// Content-script tier. Whether a profile was sent, is queued or failed,
    /// plus what the in-page UI needs to offer a send. Replies [`SendStatus`](crate::contract::reply::SendStatus).
    GetSendStatus {
        /// The Purpose Jobs candidate id.
        external_id: String,
        /// Do not ask Greenhouse for a sent candidate's current status: the
        /// review form has just sent it, and Greenhouse's confirmation is
        /// its status (one request per export). Written only when set.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        without_lookup: bool,
    },
    /// Content-script tier. Open the options page (e.g. when not set up).
    /// Replies `null`.
    OpenOptions,
    /// Extension-page tier. Replies [`SettingsView`](crate::sending::settings::SettingsView).
    GetSettings,
    /// Extension-page tier. Validate the key and email with `GET
    /// current_user`, and store them only if Greenhouse accepts them.
    /// Replies `SettingsView`.
    Connect {
        /// The new key; `null` keeps the stored one (e.g. only the email
        /// changed).
        #[serde(default)]
        api_key: Option<ApiKey>,
        /// The recruiter's Greenhouse login.
        email: String,
    },
    /// Extension-page tier. Remove the integration: forget the key and
    /// everything cached from Greenhouse. Replies `SettingsView`.
    Disconnect,
    /// Extension-page tier. Jobs and prospect pools to choose from. Replies
    /// [`DestinationChoices`](crate::contract::reply::DestinationChoices).
    GetDestinations {
        /// Load them from Greenhouse even if cached.
        #[serde(default)]
        refresh: bool,
    },
    /// Extension-page tier. Store the preferences. Replies `SettingsView`.
    SaveSettings {
        /// Where sends go by default.
        default_destination: Destination,
        /// Owner of new prospects; `null` or empty for none.
        #[serde(default)]
        prospect_owner_email: Option<String>,
        /// Whether "Send to Greenhouse" always opens the review form.
        #[serde(default)]
        always_review: bool,
    },
    /// Extension-page tier. Queued, failed and recent sends. Replies
    /// [`SendList`](crate::contract::reply::SendList).
    ListSends,
    /// Extension-page tier. Retry a queued or failed send now. Replies
    /// [`SendList`](crate::contract::reply::SendList).
    RetrySend {
        /// The Purpose Jobs candidate id.
        external_id: String,
    },
    /// Extension-page tier. Drop a queued or failed send. Replies
    /// [`SendList`](crate::contract::reply::SendList).
    DiscardSend {
        /// The Purpose Jobs candidate id.
        external_id: String,
    },
    /// Content-script tier. Show `item` in the extension's own frame in the
    /// sender's tab (`core::inpage::frame`): the background keeps it until
    /// that frame takes it. Replies `null`.
    ShowInPage {
        /// The frame's secret: the random fragment of the `inpage.html`
        /// address the content script gave its frame (the page cannot read
        /// it: the frame is in a closed shadow root). A copy of
        /// `inpage.html` the page itself frames does not know it, so it
        /// gets nothing.
        frame: String,
        /// What to show.
        item: FrameItem,
    },
    /// In-page-frame tier: only `inpage.html` in a tab. The items waiting
    /// for the sender's tab and `frame` (its own address's fragment),
    /// oldest first; they are removed. Replies a list of [`FrameItem`].
    TakeInPage {
        /// The frame's secret, as in `ShowInPage`.
        frame: String,
    },
    /// Extension-page tier. "Clear history": delete the ledger and the
    /// outbox (queued and failed sends are dropped, not sent). Replies
    /// [`SendList`](crate::contract::reply::SendList) (then empty).
    ClearHistory,
    /// Content-script tier. The page report of a snapshot ("Report this
    /// page", [`crate::report`]): the page's structure and the site's own
    /// words, none of the candidate's data. Replies the report (a string).
    ReportPage {
        /// The page's body in the wire format, as for
        /// [`Request::ReadProfile`].
        snapshot: String,
        /// The page's address.
        url: String,
    },
}

impl Request {
    /// The tier of this request.
    pub fn tier(&self) -> Tier {
        match self {
            Request::SendProspect { .. }
            | Request::ReadProfile { .. }
            | Request::SendProfile { .. }
            | Request::Wake
            | Request::GetSendStatus { .. }
            | Request::OpenOptions
            | Request::ReportPage { .. }
            | Request::ShowInPage { .. } => Tier::ContentScript,
            Request::TakeInPage { .. } => Tier::InPageFrame,
            Request::GetSettings
            | Request::Connect { .. }
            | Request::Disconnect
            | Request::GetDestinations { .. }
            | Request::SaveSettings { .. }
            | Request::ListSends
            | Request::RetrySend { .. }
            | Request::DiscardSend { .. }
            | Request::ClearHistory => Tier::ExtensionPage,
        }
    }

    /// The `type` string of this request, for logs (never log the request
    /// itself: a `Connect` carries the key).
    pub fn type_name(&self) -> &'static str {
        match self {
            Request::SendProspect { .. } => "SendProspect",
            Request::ReadProfile { .. } => "ReadProfile",
            Request::SendProfile { .. } => "SendProfile",
            Request::Wake => "Wake",
            Request::GetSendStatus { .. } => "GetSendStatus",
            Request::OpenOptions => "OpenOptions",
            Request::GetSettings => "GetSettings",
            Request::Connect { .. } => "Connect",
            Request::Disconnect => "Disconnect",
            Request::GetDestinations { .. } => "GetDestinations",
            Request::SaveSettings { .. } => "SaveSettings",
            Request::ListSends => "ListSends",
            Request::RetrySend { .. } => "RetrySend",
            Request::DiscardSend { .. } => "DiscardSend",
            Request::ClearHistory => "ClearHistory",
            Request::ReportPage { .. } => "ReportPage",
            Request::ShowInPage { .. } => "ShowInPage",
            Request::TakeInPage { .. } => "TakeInPage",
        }
    }
}

/// Reads a request from JSON text; anything but a known request of the right
/// shape is a `bad_message` error.
pub fn parse_request(json: &str) -> Result<Request, Failure> {
    serde_json::from_str(json)
        .map_err(|_| Failure::bad_message())
        .and_then(parse_request_value)
}

/// Reads a request from a JSON value (e.g. converted from a JS object).
pub fn parse_request_value(value: serde_json::Value) -> Result<Request, Failure> {
    let keys: Vec<String> = match &value {
        serde_json::Value::Object(object) => object.keys().cloned().collect(),
        _ => return Err(Failure::bad_message()),
    };
    let request: Request = serde_json::from_value(value).map_err(|_| Failure::bad_message())?;
    // serde's `deny_unknown_fields` does not reach the field-less variants of
    // an internally tagged enum (`{"type": "GetSettings", "extra": 1}` would
    // pass), so check every key against what the parsed request writes.
    let known = serde_json::to_value(&request).map_err(|_| Failure::bad_message())?;
    match keys.iter().all(|key| known.get(key).is_some()) {
        true => Ok(request),
        false => Err(Failure::bad_message()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;
    use crate::inpage::frame::FrameRole;

    pub(crate) fn every_request() -> Vec<Request> {
        vec![
            Request::SendProspect {
                candidate: ReadingToken {
                    token: "t-1".into(),
                },
                edits: None,
                destination: None,
                resend: false,
            },
            Request::ReadProfile {
                snapshot: String::new(),
                url: "https://purpose.jobs/candidates/1".into(),
            },
            Request::SendProfile {
                snapshot: String::new(),
                url: "https://purpose.jobs/candidates/1".into(),
            },
            Request::Wake,
            Request::GetSendStatus {
                external_id: "pj-1".into(),
                without_lookup: false,
            },
            Request::OpenOptions,
            Request::GetSettings,
            Request::Connect {
                api_key: None,
                email: "a@b.c".into(),
            },
            Request::Disconnect,
            Request::GetDestinations { refresh: true },
            Request::SaveSettings {
                default_destination: Destination::NoPool,
                prospect_owner_email: None,
                always_review: false,
            },
            Request::ListSends,
            Request::RetrySend {
                external_id: "pj-1".into(),
            },
            Request::DiscardSend {
                external_id: "pj-1".into(),
            },
            Request::ClearHistory,
            Request::ShowInPage {
                frame: "f".into(),
                item: FrameItem::Notice {
                    role: FrameRole::Alert,
                    text: "t".into(),
                    link: None,
                    action: None,
                    report: Some("<!doctype html>".into()),
                },
            },
            Request::TakeInPage { frame: "f".into() },
        ]
    }

    #[test]
    fn type_names_match_the_wire_tag() {
        for request in every_request() {
            let value = serde_json::to_value(&request).unwrap();
            assert_eq!(value["type"], request.type_name());
        }
    }

    #[test]
    fn malformed_messages_are_bad_message() {
        let cases = [
            "",
            "null",
            "[]",
            "{}",
            r#"{"type":"StealKey"}"#,
            r#"{"type":"getSettings"}"#,
            r#"{"type":"GetSendStatus"}"#,
            r#"{"type":"GetSendStatus","external_id":42}"#,
            r#"{"type":"GetSendStatus","externalId":"pj-1"}"#,
            r#"{"type":"SendProspect","candidate":{"first_name":"A"}}"#,
            r#"{"type":"SendProspect","candidate":{"prospect":true,"first_name":"A","last_name":"B","external_id":"1","emails":[{"email":"x","type":"bogus"}]}}"#,
            r#"{"type":"SendProspect","candidate":{"prospect":true,"first_name":"A","last_name":"B","external_id":"1"},"resnd":true}"#,
            // A candidate written by the content script, not the token of a reading.
            r#"{"type":"SendProspect","candidate":{"prospect":true,"first_name":"A","last_name":"B","external_id":"1"}}"#,
            r#"{"type":"SendProspect","candidate":{"token":"t","first_name":"A"}}"#,
            r#"{"type":"SendProspect","candidate":{"token":5}}"#,
            r#"{"type":"SaveSettings","default_destination":{"kind":"moon"}}"#,
            r#"{"type":"Connect","api_key":"k"}"#,
            r#"{"type":"GetSettings","extra":true}"#,
            r#"{"type":"OpenOptions","api_key":"k"}"#,
            // Waking carries nothing.
            r#"{"type":"Wake","snapshot":"x"}"#,
            r#"{"type":"GetSendStatus","external_id":"pj-1","without_lookup":"yes"}"#,
            r#"{"type":"SendProfile","snapshot":"x"}"#,
            r#"{"type":"SendProfile","snapshot":1,"url":"https://purpose.jobs/candidates/1"}"#,
        ];
        for json in cases {
            assert_eq!(parse_request(json), Err(Failure::bad_message()), "{json}");
        }
    }

    #[test]
    fn optional_fields_may_be_left_out() {
        let cases = [
            (
                r#"{"type":"SendProspect","candidate":{"token":"t-1"}}"#,
                Request::SendProspect {
                    candidate: ReadingToken {
                        token: "t-1".into(),
                    },
                    edits: None,
                    destination: None,
                    resend: false,
                },
            ),
            (
                r#"{"type":"GetSendStatus","external_id":"pj-1","without_lookup":true}"#,
                Request::GetSendStatus {
                    external_id: "pj-1".into(),
                    without_lookup: true,
                },
            ),
            (
                r#"{"type":"GetDestinations"}"#,
                Request::GetDestinations { refresh: false },
            ),
            (
                r#"{"type":"Connect","email":"a@b.c"}"#,
                Request::Connect {
                    api_key: None,
                    email: "a@b.c".into(),
                },
            ),
            (
                r#"{"type":"SaveSettings","default_destination":{"kind":"no_pool"}}"#,
                Request::SaveSettings {
                    default_destination: Destination::NoPool,
                    prospect_owner_email: None,
                    always_review: false,
                },
            ),
        ];
        for (json, expected) in cases {
            assert_eq!(parse_request(json), Ok(expected.clone()), "{json}");
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            assert_eq!(parse_request_value(value), Ok(expected), "{json}");
        }
    }

    #[test]
    fn connect_debug_does_not_show_the_key() {
        let request =
            parse_request(r#"{"type":"Connect","api_key":"SECRET-1","email":"a@b.c"}"#).unwrap();
        assert!(!format!("{request:?}").contains("SECRET-1"));
        assert_eq!(request.type_name(), "Connect");
    }
}

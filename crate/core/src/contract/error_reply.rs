//! The one error shape JavaScript sees, `{kind, message, field, advice}`
//! ([`ErrorReply`]), and the typed cause the core passes around and stores
//! until then ([`Failure`]).
//!
//! Errors stay typed until the reply boundary: the outbox and the settings
//! keep a [`Failure`] (what went wrong, the field at fault, what to do next),
//! never a sentence in whatever locale was active; the background makes the
//! sentence when it replies, in the [`Locale`] it passes in
//! ([`Failure::reply`]). JavaScript and the content script branch on
//! [`ErrorKind`] and [`Advice`] only (stable snake_case strings) and show
//! [`ErrorReply::message`] as text.

use serde::{Deserialize, Serialize};

use crate::contract::sentences::{field_label, English, Locale, Text};

/// What went wrong, as a stable snake_case string on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Greenhouse answered 401: bad key, unknown or disabled On-Behalf-Of user.
    Unauthorized,
    /// Greenhouse answered 403: the user lacks a permission.
    Forbidden,
    /// Greenhouse answered 404: the job, pool or stage does not exist (any more).
    NotFound,
    /// Greenhouse refused the data (400, 422), or the background refused a
    /// candidate that misses a required field before sending it.
    Validation,
    /// Greenhouse answered 429: too many requests.
    RateLimited,
    /// Greenhouse answered 5xx.
    Server,
    /// No answer: offline, DNS failure, refused or dropped connection.
    Network,
    /// No answer within the request timeout (20 s), or 408.
    Timeout,
    /// An answer that could not be understood (e.g. a 200 with a garbage body).
    BadResponse,
    /// A message that is not a known request or has the wrong shape.
    BadMessage,
    /// A request from a context that may not make it (a content script
    /// asking for settings, another extension, a web page).
    NotAllowed,
    /// No API key and email are stored yet.
    NotConnected,
    /// The browser has not granted the `api.greenhouse.io` host permission.
    HostPermission,
    /// Greenhouse returned nothing for a candidate this extension sent
    /// (no permission to read candidates, merged or deleted).
    NotVisible,
    /// A retry or discard named a send that is not in the outbox.
    UnknownSend,
    /// A discard named a send whose request is out and unanswered.
    SendInProgress,
    /// Extension storage could not be read or written.
    Storage,
    /// The background refused a send: one tab sent more than
    /// `SendRate::MAX_SENDS` within `SendRate::WINDOW_MS`
    /// (`core::sending::guard`).
    TooManySends,
    /// The extension itself failed: the background's core threw instead of
    /// answering (`extension/background.js` replies this), or an extension
    /// page could not reach the background at all.
    Internal,
}

impl ErrorKind {
    /// Every kind, e.g. to read one back from its wire string.
    pub const ALL: [ErrorKind; 19] = [
        ErrorKind::Unauthorized,
        ErrorKind::Forbidden,
        ErrorKind::NotFound,
        ErrorKind::Validation,
        ErrorKind::RateLimited,
        ErrorKind::Server,
        ErrorKind::Network,
        ErrorKind::Timeout,
        ErrorKind::BadResponse,
        ErrorKind::BadMessage,
        ErrorKind::NotAllowed,
        ErrorKind::NotConnected,
        ErrorKind::HostPermission,
        ErrorKind::NotVisible,
        ErrorKind::UnknownSend,
        ErrorKind::SendInProgress,
        ErrorKind::Storage,
        ErrorKind::TooManySends,
        ErrorKind::Internal,
    ];

    /// The wire string, e.g. `"rate_limited"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Validation => "validation",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Server => "server",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::BadResponse => "bad_response",
            ErrorKind::BadMessage => "bad_message",
            ErrorKind::NotAllowed => "not_allowed",
            ErrorKind::NotConnected => "not_connected",
            ErrorKind::HostPermission => "host_permission",
            ErrorKind::NotVisible => "not_visible",
            ErrorKind::UnknownSend => "unknown_send",
            ErrorKind::SendInProgress => "send_in_progress",
            ErrorKind::Storage => "storage",
            ErrorKind::TooManySends => "too_many_sends",
            ErrorKind::Internal => "internal",
        }
    }
}

/// An error flattened for JavaScript: branch on `kind` (and `advice`),
/// show `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReply {
    /// What went wrong.
    pub kind: ErrorKind,
    /// Plain words for the recruiter: what happened and what to do.
    pub message: String,
    /// For [`ErrorKind::Validation`]: the `NewCandidate` field at fault when
    /// known (e.g. `"last_name"`), so the review form can open on it;
    /// `null` otherwise.
    #[serde(default)]
    pub field: Option<String>,
    /// What happens next or what to do, when the message says so (e.g. the
    /// send is queued): the fact a UI decides on, never the sentence.
    #[serde(default)]
    pub advice: Option<Advice>,
}

/// What the recruiter should do next, appended to the cause of a failure
/// that retrying may fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Advice {
    /// The send waits in the outbox and will be retried automatically.
    Queued,
    /// Nothing is queued (setup, loading destinations): try again later.
    TryAgain,
    /// The outbox gave up: the user can retry from the toolbar popup.
    RetryFromPopup,
    /// Greenhouse may have created the prospect already: look before resending.
    CheckGreenhouse,
}

impl Advice {
    /// Every advice, e.g. to read one back from its wire string.
    pub const ALL: [Advice; 4] = [
        Advice::Queued,
        Advice::TryAgain,
        Advice::RetryFromPopup,
        Advice::CheckGreenhouse,
    ];

    /// The wire string, e.g. `"queued"` (serde's, without serde: the content
    /// script's reply reader links no deserializer).
    pub fn as_str(self) -> &'static str {
        match self {
            Advice::Queued => "queued",
            Advice::TryAgain => "try_again",
            Advice::RetryFromPopup => "retry_from_popup",
            Advice::CheckGreenhouse => "check_greenhouse",
        }
    }

    /// The sentence for this advice.
    pub fn text(self) -> Text {
        match self {
            Advice::Queued => Text::AdviceQueued,
            Advice::TryAgain => Text::AdviceTryAgain,
            Advice::RetryFromPopup => Text::AdviceRetryFromPopup,
            Advice::CheckGreenhouse => Text::AdviceCheckGreenhouse,
        }
    }
}

/// A failure as data: what went wrong, which sentence says it and with
/// what, and what to do next. Stored as is (the outbox, the settings'
/// destinations) and made into an [`ErrorReply`] only where a reply is
/// made, in the locale of that moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The sentence that says it; `None` for the kind's own sentence
    /// (and in records stored before causes were typed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    /// The field at fault (validation), by its `NewCandidate` or setting
    /// name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The HTTP status, for a Greenhouse server error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// What to do next, said after the cause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<Advice>,
}

impl Failure {
    /// The failure `kind` with its own sentence, no field and no advice.
    /// For kinds whose sentence needs details, use the specific
    /// constructors or `ApiError::failure`.
    pub fn of(kind: ErrorKind) -> Self {
        Failure {
            kind,
            text: None,
            field: None,
            status: None,
            advice: None,
        }
    }

    /// A message that is not a known request or has the wrong shape.
    pub fn bad_message() -> Self {
        Failure::of(ErrorKind::BadMessage)
    }

    /// A request the sender may not make.
    pub fn not_allowed() -> Self {
        Failure::of(ErrorKind::NotAllowed)
    }

    /// A candidate refused because `field` (a `NewCandidate` field name
    /// such as `"last_name"`) is missing or invalid.
    pub fn missing_field(field: &str) -> Self {
        Failure {
            text: Some(Text::ValidationField),
            field: Some(field.to_owned()),
            ..Failure::of(ErrorKind::Validation)
        }
    }

    /// A setting refused on the options page, naming the field.
    pub fn invalid_setting(field: &str) -> Self {
        Failure {
            text: Some(Text::InvalidSetting),
            field: Some(field.to_owned()),
            ..Failure::of(ErrorKind::Validation)
        }
    }

    /// The same failure with `advice` said after it.
    pub fn with_advice(self, advice: Option<Advice>) -> Self {
        Failure { advice, ..self }
    }

    /// The sentence that says the cause.
    pub fn text(&self) -> Text {
        self.text.unwrap_or(match self.kind {
            ErrorKind::Unauthorized => Text::Unauthorized,
            ErrorKind::Forbidden => Text::Forbidden,
            ErrorKind::NotFound => Text::NotFound,
            // A stored record from before causes were typed still names its field.
            ErrorKind::Validation if self.field.is_some() => Text::ValidationField,
            ErrorKind::Validation => Text::ValidationGeneral,
            ErrorKind::RateLimited => Text::RateLimited,
            ErrorKind::Server => Text::ServerGeneral,
            ErrorKind::Network => Text::Network,
            ErrorKind::Timeout => Text::Timeout,
            ErrorKind::BadResponse => Text::BadResponse,
            ErrorKind::BadMessage => Text::BadMessage,
            ErrorKind::NotAllowed => Text::NotAllowed,
            ErrorKind::NotConnected => Text::NotConnected,
            ErrorKind::HostPermission => Text::HostPermission,
            ErrorKind::NotVisible => Text::NotVisible,
            ErrorKind::UnknownSend => Text::UnknownSend,
            ErrorKind::SendInProgress => Text::SendInProgress,
            ErrorKind::Storage => Text::Storage,
            ErrorKind::TooManySends => Text::TooManySends,
            ErrorKind::Internal => Text::Internal,
        })
    }

    /// The reply for JavaScript, its sentence in `locale`: the cause, then
    /// the advice.
    pub fn reply(&self, locale: &dyn Locale) -> ErrorReply {
        let text = self.text();
        let status = self.status.map(|status| status.to_string());
        let field = self
            .field
            .as_deref()
            .map(|field| field_label(field, locale));
        let values: Vec<&str> = text
            .placeholders()
            .iter()
            .map(|name| match *name {
                "status" => status.as_deref().unwrap_or_default(),
                _ => field.as_deref().unwrap_or_default(),
            })
            .collect();
        let cause = text.sentence(locale, &values);
        let message = match self.advice {
            Some(advice) => format!("{cause} {}", advice.text().sentence(locale, &[])),
            None => cause,
        };
        ErrorReply {
            kind: self.kind,
            message,
            field: self.field.clone(),
            advice: self.advice,
        }
    }

    /// The reply in the core's English (native code and tests).
    pub fn english(&self) -> ErrorReply {
        self.reply(&English)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn kind_strings_match_serde() {
        for kind in ErrorKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            let reply = Failure::of(kind).english();
            assert_eq!(reply.kind, kind);
            assert!(!reply.message.is_empty());
            assert!(!reply.message.contains('{'), "{kind:?}: {}", reply.message);
        }
    }

    #[test]
    fn missing_field_names_the_field_in_words() {
        let cases = [
            ("last_name", "Greenhouse needs a valid last name."),
            ("first_name", "Greenhouse needs a valid first name."),
            ("emails", "Greenhouse needs a valid email."),
            ("nickname", "Greenhouse needs a valid nickname."),
        ];
        for (field, start) in cases {
            let reply = Failure::missing_field(field).english();
            assert_eq!(reply.kind, ErrorKind::Validation);
            assert_eq!(reply.field.as_deref(), Some(field));
            assert!(reply.message.starts_with(start), "{}", reply.message);
        }
    }

    #[test]
    fn error_reply_wire_format() {
        let reply = Failure::missing_field("last_name").english();
        let json = serde_json::to_value(&reply).unwrap();
        assert_eq!(json["kind"], "validation");
        assert_eq!(json["field"], "last_name");
        assert!(json["advice"].is_null());
        let without_field = serde_json::to_value(Failure::bad_message().english()).unwrap();
        assert!(without_field["field"].is_null());
        let back: ErrorReply = serde_json::from_str(r#"{"kind":"network","message":"m"}"#).unwrap();
        assert_eq!(back.field, None);
        assert_eq!(back.advice, None);
    }

    #[test]
    fn a_failure_is_stored_as_data_and_worded_when_replied() {
        let failure = Failure {
            text: Some(Text::Server),
            status: Some(502),
            ..Failure::of(ErrorKind::Server)
        }
        .with_advice(Some(Advice::Queued));
        let stored = serde_json::to_value(&failure).unwrap();
        assert_eq!(
            stored,
            serde_json::json!({"kind": "server", "text": "error_server_status", "status": 502, "advice": "queued"})
        );
        assert!(!stored.to_string().contains("Greenhouse"));
        let back: Failure = serde_json::from_value(stored).unwrap();
        assert_eq!(back, failure);
        let reply = back.english();
        assert_eq!(reply.advice, Some(Advice::Queued));
        assert_eq!(
            reply.message,
            "Greenhouse had a problem on its side (error 502). The send is queued and will be \
             retried automatically."
        );
    }

    #[test]
    fn a_reply_stored_before_causes_were_typed_reads_as_its_kind() {
        let old: Failure = serde_json::from_str(
            r#"{"kind":"network","message":"Greenhouse could not be reached.","field":null}"#,
        )
        .unwrap();
        assert_eq!(old, Failure::of(ErrorKind::Network));
    }
}

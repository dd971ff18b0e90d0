//! The one error shape JavaScript sees, `{kind, message, field}`, and every
//! sentence the background can say about a failure.
//!
//! JavaScript branches on [`ErrorKind`] only (a stable snake_case string) and
//! shows [`ErrorReply::message`] as text. Each sentence lives once, in
//! [`Text`], under a stable key that is a `_locales` message name; the field
//! names those sentences mention live in [`FieldLabel`] the same way.
//! `extension/_locales/en/messages.json` holds each under its key (a native
//! test keeps it equal to the English here). Sentences come from the
//! [`Locale`] installed with [`use_locale`] (the extension module installs
//! one backed by `i18n.getMessage`), and fall back to the English here when
//! none is installed or it has no such message. Nothing here may ever
//! include the API key or Greenhouse's own error wording (it is for
//! debugging, not for recruiters).

use std::cell::Cell;

use serde::{Deserialize, Serialize};

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
}

impl ErrorKind {
    /// Every kind, e.g. to read one back from its wire string.
    pub const ALL: [ErrorKind; 17] = [
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
        }
    }
}

/// An error flattened for JavaScript: branch on `kind`, show `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReply {
    /// What went wrong.
    pub kind: ErrorKind,
    /// Plain English for the recruiter: what happened and what to do.
    pub message: String,
    /// For [`ErrorKind::Validation`]: the `NewCandidate` field at fault when
    /// known (e.g. `"last_name"`), so the review form can open on it;
    /// `null` otherwise.
    #[serde(default)]
    pub field: Option<String>,
    /// What happens next, when the sentence ends with an [`Advice`] (e.g.
    /// [`Advice::Queued`]: "will be retried automatically"), so a caller
    /// decides on this typed fact and never on the sentence's words.
    /// Absent on the wire when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<Advice>,
}

impl ErrorReply {
    /// The reply for `kind` with its sentence from [`Text`] and no field.
    /// For kinds whose sentence needs details, use the specific constructors
    /// or `ApiError::reply`.
    pub fn of(kind: ErrorKind) -> Self {
        let text = match kind {
            ErrorKind::Unauthorized => Text::Unauthorized,
            ErrorKind::Forbidden => Text::Forbidden,
            ErrorKind::NotFound => Text::NotFound,
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
        };
        ErrorReply {
            kind,
            message: text.sentence(&[]),
            field: None,
            advice: None,
        }
    }

    /// A message that is not a known request or has the wrong shape.
    pub fn bad_message() -> Self {
        ErrorReply::of(ErrorKind::BadMessage)
    }

    /// A request the sender may not make.
    pub fn not_allowed() -> Self {
        ErrorReply::of(ErrorKind::NotAllowed)
    }

    /// A candidate refused before sending because `field` (a `NewCandidate`
    /// field name such as `"last_name"`) is missing or invalid.
    pub fn missing_field(field: &str) -> Self {
        ErrorReply {
            kind: ErrorKind::Validation,
            message: Text::ValidationField.sentence(&[&field_label(field)]),
            field: Some(field.to_owned()),
            advice: None,
        }
    }
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

    /// The wire string, e.g. `"queued"`.
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

/// Every sentence, each under a stable key. Placeholders are `{name}` in
/// the English here and `$NAME$` (content `$1`, `$2`… in the order of
/// [`Text::placeholders`]) in `messages.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Text {
    /// 401.
    Unauthorized,
    /// 403.
    Forbidden,
    /// 404.
    NotFound,
    /// 400/422 naming a field; placeholder `{field}`.
    ValidationField,
    /// 400/422 without a field.
    ValidationGeneral,
    /// A setting refused on the options page; placeholder `{field}`.
    InvalidSetting,
    /// 429 (cause only; followed by an [`Advice`]).
    RateLimited,
    /// 5xx with its status; placeholder `{status}` (cause only).
    Server,
    /// 5xx when the status is not known (cause only).
    ServerGeneral,
    /// No connection (cause only).
    Network,
    /// No answer in time (cause only).
    Timeout,
    /// Unreadable answer (cause only).
    BadResponse,
    /// Unknown or malformed message.
    BadMessage,
    /// Sender not allowed.
    NotAllowed,
    /// Not set up.
    NotConnected,
    /// Host permission missing.
    HostPermission,
    /// Candidate not returned by `GET candidates`.
    NotVisible,
    /// Retry or discard of something not queued.
    UnknownSend,
    /// Discard while the request is out.
    SendInProgress,
    /// Storage failure.
    Storage,
    /// [`Advice::Queued`].
    AdviceQueued,
    /// [`Advice::TryAgain`].
    AdviceTryAgain,
    /// [`Advice::RetryFromPopup`].
    AdviceRetryFromPopup,
    /// [`Advice::CheckGreenhouse`].
    AdviceCheckGreenhouse,
}

impl Text {
    /// Every entry, for tests and for generating `_locales/en/messages.json`.
    pub const ALL: [Text; 24] = [
        Text::Unauthorized,
        Text::Forbidden,
        Text::NotFound,
        Text::ValidationField,
        Text::ValidationGeneral,
        Text::InvalidSetting,
        Text::RateLimited,
        Text::Server,
        Text::ServerGeneral,
        Text::Network,
        Text::Timeout,
        Text::BadResponse,
        Text::BadMessage,
        Text::NotAllowed,
        Text::NotConnected,
        Text::HostPermission,
        Text::NotVisible,
        Text::UnknownSend,
        Text::SendInProgress,
        Text::Storage,
        Text::AdviceQueued,
        Text::AdviceTryAgain,
        Text::AdviceRetryFromPopup,
        Text::AdviceCheckGreenhouse,
    ];

    /// The stable key, a valid `_locales` message name.
    pub fn key(self) -> &'static str {
        match self {
            Text::Unauthorized => "error_unauthorized",
            Text::Forbidden => "error_forbidden",
            Text::NotFound => "error_not_found",
            Text::ValidationField => "error_validation_field",
            Text::ValidationGeneral => "error_validation",
            Text::InvalidSetting => "error_invalid_setting",
            Text::RateLimited => "error_rate_limited",
            Text::Server => "error_server_status",
            Text::ServerGeneral => "error_server",
            Text::Network => "error_network",
            Text::Timeout => "error_timeout",
            Text::BadResponse => "error_bad_response",
            Text::BadMessage => "error_bad_message",
            Text::NotAllowed => "error_not_allowed",
            Text::NotConnected => "error_not_connected",
            Text::HostPermission => "error_host_permission",
            Text::NotVisible => "error_not_visible",
            Text::UnknownSend => "error_unknown_send",
            Text::SendInProgress => "error_send_in_progress",
            Text::Storage => "error_storage",
            Text::AdviceQueued => "advice_queued",
            Text::AdviceTryAgain => "advice_try_again",
            Text::AdviceRetryFromPopup => "advice_retry_from_popup",
            Text::AdviceCheckGreenhouse => "advice_check_greenhouse",
        }
    }

    /// The names of the placeholders, in the order of their values in
    /// [`Text::sentence`] (and of `$1`, `$2`… in `messages.json`).
    pub fn placeholders(self) -> &'static [&'static str] {
        match self {
            Text::ValidationField | Text::InvalidSetting => &["field"],
            Text::Server => &["status"],
            _ => &[],
        }
    }

    /// The sentence in the installed [`Locale`] with its placeholders
    /// replaced by `values` (in the order of [`Text::placeholders`]); the
    /// English one when the locale has none.
    pub fn sentence(self, values: &[&str]) -> String {
        localized(self.key(), values).unwrap_or_else(|| {
            self.placeholders()
                .iter()
                .zip(values)
                .fold(self.english().to_owned(), |text, (name, value)| {
                    fill(&text, name, value)
                })
        })
    }

    /// The English sentence.
    pub fn english(self) -> &'static str {
        match self {
            Text::Unauthorized => {
                "Greenhouse did not accept the API key or the email. Open the extension options: \
                 the key must be a Candidate Ingestion (Partner) key created for purpose.jobs, and \
                 the email must be the login of an active Greenhouse user."
            }
            Text::Forbidden => {
                "Your Greenhouse user is not allowed to do this. Ask a Greenhouse admin for the \
                 permission, or choose another destination in the extension options."
            }
            Text::NotFound => {
                "Greenhouse could not find the chosen job, prospect pool or stage. Open the \
                 extension options and choose the destination again."
            }
            Text::ValidationField => {
                "Greenhouse needs a valid {field}. Fix it in the review form and send again."
            }
            Text::ValidationGeneral => {
                "Greenhouse refused the candidate's details. Check them in the review form and \
                 send again."
            }
            Text::InvalidSetting => "Enter a valid {field} in the extension options.",
            Text::RateLimited => "Greenhouse is receiving too many requests right now.",
            Text::Server => "Greenhouse had a problem on its side (error {status}).",
            Text::ServerGeneral => "Greenhouse had a problem on its side.",
            Text::Network => "Greenhouse could not be reached.",
            Text::Timeout => "Greenhouse did not answer in time.",
            Text::BadResponse => "Greenhouse sent an answer the extension could not read.",
            Text::BadMessage => {
                "The extension received a request it does not understand. Reload the page and \
                 try again."
            }
            Text::NotAllowed => "This part of the extension is not allowed to do that.",
            Text::NotConnected => {
                "The extension is not connected to Greenhouse yet. Open the extension options \
                 and add the integration."
            }
            Text::HostPermission => {
                "The browser does not let the extension reach api.greenhouse.io. Open the \
                 extension options and grant the permission."
            }
            Text::NotVisible => {
                "Greenhouse did not return this candidate: your user may not be allowed to read \
                 candidates, or the candidate was merged or deleted."
            }
            Text::UnknownSend => "This send is no longer waiting to be sent.",
            Text::SendInProgress => {
                "This send is on its way to Greenhouse. Wait for the answer, then try again."
            }
            Text::Storage => {
                "The browser could not save the extension's data. Check that it has disk space, \
                 then try again."
            }
            Text::AdviceQueued => "The send is queued and will be retried automatically.",
            Text::AdviceTryAgain => "Try again in a moment.",
            Text::AdviceRetryFromPopup => {
                "The extension stopped retrying: retry it from the extension's toolbar button."
            }
            Text::AdviceCheckGreenhouse => {
                "The prospect may have been created: check Greenhouse before sending again."
            }
        }
    }
}

/// Replaces the placeholder `{name}` in `template` with `value`.
pub fn fill(template: &str, name: &str, value: &str) -> String {
    template.replace(&format!("{{{name}}}"), value)
}

/// How a `NewCandidate` field is called in the review form, for sentences,
/// in the installed [`Locale`]. Unknown field names (Greenhouse may name
/// any) are shown as they came.
pub fn field_label(field: &str) -> String {
    match FieldLabel::of(field) {
        Some(label) => label.text(),
        None => field.to_owned(),
    }
}

/// A field named in a sentence ("Greenhouse needs a valid {field}."), each
/// under a stable `_locales` key like [`Text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldLabel {
    /// `first_name`.
    FirstName,
    /// `last_name`.
    LastName,
    /// `external_id`.
    CandidateId,
    /// `emails`, and the email setting.
    Email,
    /// `phone_numbers`.
    PhoneNumber,
    /// `addresses`.
    Address,
    /// `social_media`, `websites`.
    Link,
    /// `resume`.
    ResumeUrl,
    /// `job_id`.
    Job,
    /// `prospect_pool_id`.
    ProspectPool,
    /// `prospect_pool_stage_id`.
    ProspectPoolStage,
    /// `prospect_owner_email`.
    ProspectOwnerEmail,
    /// The API key setting.
    ApiKey,
    /// The default destination setting.
    DefaultDestination,
}

impl FieldLabel {
    /// Every entry, for tests.
    pub const ALL: [FieldLabel; 14] = [
        FieldLabel::FirstName,
        FieldLabel::LastName,
        FieldLabel::CandidateId,
        FieldLabel::Email,
        FieldLabel::PhoneNumber,
        FieldLabel::Address,
        FieldLabel::Link,
        FieldLabel::ResumeUrl,
        FieldLabel::Job,
        FieldLabel::ProspectPool,
        FieldLabel::ProspectPoolStage,
        FieldLabel::ProspectOwnerEmail,
        FieldLabel::ApiKey,
        FieldLabel::DefaultDestination,
    ];

    /// The label of a `NewCandidate` field or setting name as Greenhouse or
    /// the settings validation names it, if it is a known one.
    pub fn of(field: &str) -> Option<FieldLabel> {
        Some(match field {
            "first_name" => FieldLabel::FirstName,
            "last_name" => FieldLabel::LastName,
            "external_id" => FieldLabel::CandidateId,
            "emails" | "email" => FieldLabel::Email,
            "phone_numbers" | "phone_number" => FieldLabel::PhoneNumber,
            "addresses" | "address" => FieldLabel::Address,
            "social_media" | "websites" | "url" => FieldLabel::Link,
            "resume" => FieldLabel::ResumeUrl,
            "job_id" => FieldLabel::Job,
            "prospect_pool_id" => FieldLabel::ProspectPool,
            "prospect_pool_stage_id" => FieldLabel::ProspectPoolStage,
            "prospect_owner_email" => FieldLabel::ProspectOwnerEmail,
            "api_key" => FieldLabel::ApiKey,
            "default_destination" => FieldLabel::DefaultDestination,
            _ => return None,
        })
    }

    /// The stable key, a valid `_locales` message name.
    pub fn key(self) -> &'static str {
        match self {
            FieldLabel::FirstName => "field_first_name",
            FieldLabel::LastName => "field_last_name",
            FieldLabel::CandidateId => "field_candidate_id",
            FieldLabel::Email => "field_email",
            FieldLabel::PhoneNumber => "field_phone_number",
            FieldLabel::Address => "field_address",
            FieldLabel::Link => "field_link",
            FieldLabel::ResumeUrl => "field_resume_url",
            FieldLabel::Job => "field_job",
            FieldLabel::ProspectPool => "field_prospect_pool",
            FieldLabel::ProspectPoolStage => "field_prospect_pool_stage",
            FieldLabel::ProspectOwnerEmail => "field_prospect_owner_email",
            FieldLabel::ApiKey => "field_api_key",
            FieldLabel::DefaultDestination => "field_default_destination",
        }
    }

    /// The English words, as they read inside a sentence.
    pub fn english(self) -> &'static str {
        match self {
            FieldLabel::FirstName => "first name",
            FieldLabel::LastName => "last name",
            FieldLabel::CandidateId => "Purpose Jobs candidate id",
            FieldLabel::Email => "email",
            FieldLabel::PhoneNumber => "phone number",
            FieldLabel::Address => "address",
            FieldLabel::Link => "link",
            FieldLabel::ResumeUrl => "resume URL",
            FieldLabel::Job => "job",
            FieldLabel::ProspectPool => "prospect pool",
            FieldLabel::ProspectPoolStage => "prospect pool stage",
            FieldLabel::ProspectOwnerEmail => "prospect owner email",
            FieldLabel::ApiKey => "API key",
            FieldLabel::DefaultDestination => "default destination",
        }
    }

    /// The words in the installed [`Locale`]; the English ones when the
    /// locale has none.
    pub fn text(self) -> String {
        localized(self.key(), &[]).unwrap_or_else(|| self.english().to_owned())
    }
}

/// Where [`Text`] and [`FieldLabel`] read their words from, by `_locales`
/// message name. Implemented by the extension module with
/// `i18n.getMessage`; core itself never touches a browser API.
pub trait Locale {
    /// The message `key` with `$1`, `$2`… replaced by `values` in order;
    /// `None` or empty when the locale has no such message.
    fn message(&self, key: &str, values: &[&str]) -> Option<String>;
}

thread_local! {
    static LOCALE: Cell<Option<&'static dyn Locale>> = const { Cell::new(None) };
}

/// Makes every sentence built on this thread from now on come from
/// `locale`; `None` goes back to English. The extension module calls it
/// once when it starts (WebAssembly has one thread); native code and tests
/// get English unless they install one.
pub fn use_locale(locale: Option<&'static dyn Locale>) {
    LOCALE.with(|current| current.set(locale));
}

/// The installed locale's non-empty message `key`, if any.
fn localized(key: &str, values: &[&str]) -> Option<String> {
    LOCALE
        .with(Cell::get)
        .and_then(|locale| locale.message(key, values))
        .filter(|text| !text.is_empty())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn keys_are_unique_locale_message_names() {
        let mut seen = HashSet::new();
        for text in Text::ALL {
            let key = text.key();
            assert!(seen.insert(key), "duplicate key {key}");
            assert!(
                key.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@'),
                "{key} is not a valid _locales message name"
            );
        }
        assert_eq!(seen.len(), Text::ALL.len());
    }

    #[test]
    fn sentences_are_plain_text_ending_with_a_full_stop() {
        for text in Text::ALL {
            let english = text.english();
            assert!(english.ends_with('.'), "{:?}: {english}", text);
            assert!(!english.contains("  "), "{:?}: {english}", text);
            assert!(!english.contains('<'), "{:?}: {english}", text);
        }
    }

    #[test]
    fn kind_strings_match_serde() {
        for kind in ErrorKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            let reply = ErrorReply::of(kind);
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
            let reply = ErrorReply::missing_field(field);
            assert_eq!(reply.kind, ErrorKind::Validation);
            assert_eq!(reply.field.as_deref(), Some(field));
            assert!(reply.message.starts_with(start), "{}", reply.message);
        }
    }

    #[test]
    fn error_reply_wire_format() {
        let reply = ErrorReply::missing_field("last_name");
        let json = serde_json::to_value(&reply).unwrap();
        assert_eq!(json["kind"], "validation");
        assert_eq!(json["field"], "last_name");
        let without_field = serde_json::to_value(ErrorReply::bad_message()).unwrap();
        assert!(without_field["field"].is_null());
        let back: ErrorReply = serde_json::from_str(r#"{"kind":"network","message":"m"}"#).unwrap();
        assert_eq!(back.field, None);
    }
}

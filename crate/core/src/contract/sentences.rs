//! Every sentence the background can say about a failure, and the field
//! names those sentences mention, each once under a stable key that is a
//! `_locales` message name ([`Text`], [`FieldLabel`]).
//!
//! `extension/_locales/en/messages.json` holds each under its key (a native
//! test keeps it equal to the English here). A sentence is made in the
//! [`Locale`] passed in (the extension module's is backed by
//! `i18n.getMessage`), falling back to the English here when it has no such
//! message. Nothing here may ever include the API key or Greenhouse's own
//! error wording (it is for debugging, not for recruiters).

use serde::{Deserialize, Serialize};

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
    /// 429 (cause only; followed by an [`Advice`](crate::contract::error_reply::Advice)).
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
    /// Sends refused for coming too fast from one tab.
    TooManySends,
    /// The extension itself failed.
    Internal,
    /// [`crate::contract::error_reply::Advice::Queued`].
    AdviceQueued,
    /// [`crate::contract::error_reply::Advice::TryAgain`].
    AdviceTryAgain,
    /// [`crate::contract::error_reply::Advice::RetryFromPopup`].
    AdviceRetryFromPopup,
    /// [`crate::contract::error_reply::Advice::CheckGreenhouse`].
    AdviceCheckGreenhouse,
}

impl Text {
    /// Every entry, for tests and for generating `_locales/en/messages.json`.
    pub const ALL: [Text; 26] = [
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
        Text::TooManySends,
        Text::Internal,
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
            Text::TooManySends => "error_too_many_sends",
            Text::Internal => "error_internal",
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

    /// The sentence in `locale` with its placeholders replaced by `values`
    /// (in the order of [`Text::placeholders`]); the English one when the
    /// locale has none.
    pub fn sentence(self, locale: &dyn Locale, values: &[&str]) -> String {
        localized(locale, self.key(), values).unwrap_or_else(|| {
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
            Text::TooManySends => {
                "Not sent: this page sent too many candidates in a few seconds. Wait ten \
                 seconds, then send again."
            }
            Text::Internal => {
                "Something went wrong inside the extension. Reload the page and try again."
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
/// in `locale`. Unknown field names (Greenhouse may name any) are shown as
/// they came.
pub fn field_label(field: &str, locale: &dyn Locale) -> String {
    match FieldLabel::of(field) {
        Some(label) => label.text(locale),
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

    /// The words in `locale`; the English ones when the locale has none.
    pub fn text(self, locale: &dyn Locale) -> String {
        localized(locale, self.key(), &[]).unwrap_or_else(|| self.english().to_owned())
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let key = String::deserialize(deserializer)?;
        Text::ALL
            .into_iter()
            .find(|text| text.key() == key)
            .ok_or_else(|| serde::de::Error::custom("unknown sentence key"))
    }
}

/// Where [`Text`] and [`FieldLabel`] read their words from, by `_locales`
/// message name. Implemented by the extension module with
/// `i18n.getMessage`; core itself never touches a browser API. Passed in
/// wherever a sentence is made (the reply boundary), never held globally.
pub trait Locale {
    /// The message `key` with `$1`, `$2`… replaced by `values` in order;
    /// `None` or empty when the locale has no such message.
    fn message(&self, key: &str, values: &[&str]) -> Option<String>;
}

/// The English built into the core: every sentence's fallback, and the
/// locale of native code and tests.
#[derive(Debug, Clone, Copy, Default)]
pub struct English;

impl Locale for English {
    fn message(&self, _key: &str, _values: &[&str]) -> Option<String> {
        None
    }
}

/// `locale`'s non-empty message `key`, if any.
fn localized(locale: &dyn Locale, key: &str, values: &[&str]) -> Option<String> {
    locale.message(key, values).filter(|text| !text.is_empty())
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
    fn a_sentence_comes_from_the_locale_passed_in() {
        struct Marker;
        impl Locale for Marker {
            fn message(&self, key: &str, values: &[&str]) -> Option<String> {
                Some(format!("[{key}:{}]", values.join(",")))
            }
        }
        assert_eq!(
            Text::Server.sentence(&Marker, &["502"]),
            "[error_server_status:502]"
        );
        assert_eq!(
            Text::Server.sentence(&English, &["502"]),
            "Greenhouse had a problem on its side (error 502)."
        );
        assert_eq!(field_label("last_name", &English), "last name");
    }

    #[test]
    fn texts_are_stored_by_key() {
        for text in Text::ALL {
            let json = serde_json::to_string(&text).unwrap();
            assert_eq!(json, format!("\"{}\"", text.key()));
            assert_eq!(serde_json::from_str::<Text>(&json).unwrap(), text);
        }
        assert!(serde_json::from_str::<Text>("\"error_nonsense\"").is_err());
    }
}

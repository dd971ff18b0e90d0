//! Keeps `extension/_locales/en/messages.json` and the English of
//! `core::contract::sentences` one text: every [`Text`] and [`FieldLabel`] key is a
//! message there whose English, with its `$NAME$` placeholders written back
//! as `{name}`, equals the Rust English. Then plays the extension's part with
//! a [`Locale`] that resolves messages the way `i18n.getMessage` does, and
//! checks that every error sentence the background can build comes out of
//! the locale (and out equal to the English for `en`, which the end-to-end
//! tests read), and that a missing message falls back to English.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use purpose_greenhouse_core::contract::error_reply::{ErrorKind, ErrorReply, Failure};
use purpose_greenhouse_core::contract::sentences::{English, FieldLabel, Locale, Text};
use purpose_greenhouse_core::greenhouse::error::{ApiError, Situation};
use purpose_greenhouse_core::sending::settings::invalid_setting;

fn messages() -> BTreeMap<String, Value> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../extension/_locales/en/messages.json");
    let text = std::fs::read_to_string(&path).expect("read messages.json");
    serde_json::from_str(&text).expect("messages.json is a JSON object")
}

/// The `$NAME$` placeholders of `message`, lower case, in order.
fn placeholders_in(message: &str) -> Vec<String> {
    message
        .split('$')
        .skip(1)
        .step_by(2)
        .map(str::to_lowercase)
        .collect()
}

/// The Rust spelling of a `messages.json` entry for a message with
/// `placeholders` (`$1`, `$2`… in that order): `$NAME$` becomes `{name}`.
fn as_rust(key: &str, entry: &Value, placeholders: &[&str]) -> String {
    let message = entry["message"]
        .as_str()
        .unwrap_or_else(|| panic!("{key}: no message"));
    let description = entry["description"].as_str().unwrap_or_default();
    assert!(!description.is_empty(), "{key}: no description");
    let declared = entry
        .get("placeholders")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        declared.len(),
        placeholders.len(),
        "{key}: placeholders {declared:?}, Rust has {placeholders:?}"
    );
    let mut rust = message.to_owned();
    for (index, name) in placeholders.iter().enumerate() {
        let content = declared
            .get(*name)
            .and_then(|placeholder| placeholder["content"].as_str());
        assert_eq!(
            content,
            Some(format!("${}", index + 1).as_str()),
            "{key}: placeholder {name} must be ${}",
            index + 1
        );
        rust = rust.replace(
            &format!("${}$", name.to_uppercase()),
            &format!("{{{name}}}"),
        );
    }
    for used in placeholders_in(message) {
        assert!(
            placeholders.contains(&used.as_str()),
            "{key}: ${used}$ is not declared"
        );
    }
    rust
}

#[test]
fn every_error_sentence_is_in_messages_json_with_the_same_english() {
    let messages = messages();
    for text in Text::ALL {
        let entry = messages
            .get(text.key())
            .unwrap_or_else(|| panic!("{} ({text:?}) is missing from messages.json", text.key()));
        assert_eq!(
            as_rust(text.key(), entry, text.placeholders()),
            text.english(),
            "{text:?}"
        );
    }
}

#[test]
fn every_field_label_is_in_messages_json_with_the_same_english() {
    let messages = messages();
    for label in FieldLabel::ALL {
        let entry = messages
            .get(label.key())
            .unwrap_or_else(|| panic!("{} ({label:?}) is missing from messages.json", label.key()));
        assert_eq!(
            as_rust(label.key(), entry, &[]),
            label.english(),
            "{label:?}"
        );
    }
}

#[test]
fn rust_placeholders_are_the_ones_its_english_uses() {
    for text in Text::ALL {
        let mut used: Vec<&str> = text
            .english()
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        used.sort_unstable();
        let mut declared = text.placeholders().to_vec();
        declared.sort_unstable();
        assert_eq!(used, declared, "{text:?}");
    }
}

#[test]
fn the_content_scripts_retry_sentence_is_the_queued_advice() {
    // `content::flow` ends a queued notice with this sentence unless the
    // reason's advice (`queued`) already says it.
    let messages = messages();
    assert_eq!(
        messages["contentWillRetry"]["message"],
        messages[Text::AdviceQueued.key()]["message"]
    );
}

/// A locale answering from a `messages.json` the way `i18n.getMessage`
/// does: `$NAME$` → the placeholder's content → `$n` → the n-th value.
struct JsonLocale {
    messages: BTreeMap<String, Value>,
    /// Applied to every message found, to tell it from the Rust English.
    mark: fn(String) -> String,
}

impl Locale for JsonLocale {
    fn message(&self, key: &str, values: &[&str]) -> Option<String> {
        let entry = self.messages.get(key)?;
        let mut text = entry["message"].as_str()?.to_owned();
        if let Some(placeholders) = entry.get("placeholders").and_then(Value::as_object) {
            for (name, placeholder) in placeholders {
                let content = placeholder["content"].as_str()?;
                let index: usize = content.trim_start_matches('$').parse().ok()?;
                let value = values.get(index - 1).copied().unwrap_or_default();
                text = text.replace(&format!("${}$", name.to_uppercase()), value);
            }
        }
        Some((self.mark)(text))
    }
}

/// Every failure core can report, with a name for failure messages.
fn every_failure() -> Vec<(String, Failure)> {
    let mut replies: Vec<(String, Failure)> = ErrorKind::ALL
        .iter()
        .map(|kind| (format!("{kind:?}"), Failure::of(*kind)))
        .collect();
    let errors = [
        ApiError::Unauthorized,
        ApiError::Forbidden,
        ApiError::NotFound,
        ApiError::Validation {
            field: Some("last_name".into()),
            message: "Greenhouse wording".into(),
        },
        ApiError::Validation {
            field: Some("nickname".into()),
            message: "Greenhouse wording".into(),
        },
        ApiError::Validation {
            field: None,
            message: "Greenhouse wording".into(),
        },
        ApiError::RateLimited {
            retry_after_secs: Some(3),
        },
        ApiError::Server { status: 503 },
        ApiError::Network,
        ApiError::Timeout,
        ApiError::BadResponse,
    ];
    for error in errors {
        for situation in [Situation::Request, Situation::Queued, Situation::GaveUp] {
            replies.push((format!("{error:?} {situation:?}"), error.failure(situation)));
        }
    }
    for field in ["first_name", "last_name", "external_id", "emails", "resume"] {
        replies.push((format!("missing {field}"), Failure::missing_field(field)));
    }
    for field in [
        "email",
        "api_key",
        "prospect_owner_email",
        "default_destination",
    ] {
        replies.push((format!("setting {field}"), invalid_setting(field)));
    }
    replies
}

/// Every error reply core can build, worded in `locale`.
fn every_reply(locale: &dyn Locale) -> Vec<(String, ErrorReply)> {
    every_failure()
        .into_iter()
        .map(|(name, failure)| (name, failure.reply(locale)))
        .collect()
}

#[test]
fn the_english_locale_gives_the_rust_english() {
    let english = every_reply(&English);
    let locale = JsonLocale {
        messages: messages(),
        mark: |text| text,
    };
    for ((name, reply), (_, expected)) in every_reply(&locale).into_iter().zip(english) {
        assert_eq!(reply, expected, "{name}");
    }
}

#[test]
fn sentences_and_field_names_come_from_the_locale() {
    let english = every_reply(&English);
    let locale = JsonLocale {
        messages: messages(),
        mark: |text| format!("«{text}»"),
    };
    for ((name, reply), (_, expected)) in every_reply(&locale).into_iter().zip(english) {
        assert!(reply.message.starts_with('«'), "{name}: {}", reply.message);
        assert_eq!(reply.kind, expected.kind, "{name}");
        assert_eq!(reply.field, expected.field, "{name}");
        assert_eq!(
            reply.message.replace(['«', '»'], ""),
            expected.message,
            "{name}"
        );
    }
    assert_eq!(
        Failure::missing_field("last_name").reply(&locale).message,
        "«Greenhouse needs a valid «last name». Fix it in the review form and send again.»"
    );
    assert_eq!(
        ApiError::Server { status: 502 }
            .failure(Situation::Queued)
            .reply(&locale)
            .message,
        "«Greenhouse had a problem on its side (error 502).» «The send is queued and will be \
         retried automatically.»"
    );
    // A field Greenhouse names that has no label is shown as it came.
    assert_eq!(
        Failure::missing_field("nickname").reply(&locale).message,
        "«Greenhouse needs a valid nickname. Fix it in the review form and send again.»"
    );
}

#[test]
fn a_missing_or_empty_message_falls_back_to_english() {
    let english = every_reply(&English);
    let mut partial = messages();
    partial.remove(Text::ValidationField.key());
    partial.insert(
        FieldLabel::LastName.key().into(),
        serde_json::json!({"message": ""}),
    );
    let locale = JsonLocale {
        messages: partial,
        mark: |text| match text.is_empty() {
            true => text,
            false => format!("«{text}»"),
        },
    };
    assert_eq!(
        Failure::missing_field("last_name").reply(&locale).message,
        "Greenhouse needs a valid last name. Fix it in the review form and send again."
    );
    assert_eq!(
        Failure::missing_field("first_name").reply(&locale).message,
        "Greenhouse needs a valid «first name». Fix it in the review form and send again."
    );
    let not_connected = english
        .iter()
        .find(|(name, _)| name == "NotConnected")
        .map(|(_, reply)| reply.message.clone())
        .unwrap();
    assert_eq!(
        Failure::of(ErrorKind::NotConnected).reply(&locale).message,
        format!("«{not_connected}»")
    );
}

//! The replies: the `{ok, value | error}` [`Reply`] envelope and the value
//! types a request can get back ([`SendOutcome`], [`SendStatus`],
//! [`SendList`], …). No reply type has a field that could carry the API key
//! (a test serializes every reply and looks for it).
//!
//! On the wire everything is plain JSON (no maps keyed by non-strings,
//! `null` rather than absent fields), pinned by the golden files in
//! `crate/core/tests/golden/messages/`.

use serde::de::DeserializeOwned;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use crate::contract::error_reply::{ErrorKind, ErrorReply, Failure};
use crate::contract::records::{Application, JobChoice, PoolChoice, SentRecord};
use crate::contract::sentences::Locale;
use crate::greenhouse::error::{ApiError, Situation};
use crate::greenhouse::responses::CandidateStatus;
use crate::profile::reading::ProfileReading;
use crate::sending::outbox::Delivery;
use crate::sending::settings::{Destination, Destinations};

/// The reply envelope: `{"ok": true, "value": …}` or
/// `{"ok": false, "error": {"kind", "message", "field"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply<T> {
    /// The request succeeded with this value.
    Ok(T),
    /// The request failed.
    Err(ErrorReply),
}

impl<T> From<Result<T, ErrorReply>> for Reply<T> {
    fn from(result: Result<T, ErrorReply>) -> Self {
        match result {
            Ok(value) => Reply::Ok(value),
            Err(error) => Reply::Err(error),
        }
    }
}

impl<T: Serialize> Serialize for Reply<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut envelope = serializer.serialize_struct("Reply", 2)?;
        match self {
            Reply::Ok(value) => {
                envelope.serialize_field("ok", &true)?;
                envelope.serialize_field("value", value)?;
            }
            Reply::Err(error) => {
                envelope.serialize_field("ok", &false)?;
                envelope.serialize_field("error", error)?;
            }
        }
        envelope.end()
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Reply<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Envelope {
            ok: bool,
            #[serde(default)]
            value: serde_json::Value,
            #[serde(default)]
            error: Option<ErrorReply>,
        }
        let envelope = Envelope::deserialize(deserializer)?;
        match (envelope.ok, envelope.error) {
            (true, None) => serde_json::from_value(envelope.value)
                .map(Reply::Ok)
                .map_err(serde::de::Error::custom),
            (false, Some(error)) => Ok(Reply::Err(error)),
            (true, Some(_)) => Err(serde::de::Error::custom("ok reply with an error")),
            (false, None) => Err(serde::de::Error::custom("failed reply without an error")),
        }
    }
}

/// The reply to `SendProfile`: the background's reading of the snapshot
/// (its candidate named by a token, as for `ReadProfile`) and, for a ready
/// reading, what happened to its send (`outcome`) or why it was refused
/// (`error`: what a `SendProspect` of it would have replied). Neither for a
/// reading that is not ready: nothing was sent. The token is kept whenever
/// the reading may still be sent (not ready, refused, failed, already
/// sent: "Fix in review" and "Send again…" send it from the review form).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentProfile<C> {
    /// The reading, as `ReadProfile` replies it.
    pub reading: ProfileReading<C>,
    /// What happened to the send, when one was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<SendOutcome>,
    /// Why a ready reading was not sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorReply>,
}

/// What happened to a `SendProspect`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SendOutcome {
    /// Greenhouse confirmed: show "`<Name>` was sent to Greenhouse" with the
    /// entry's `profile_url`.
    Sent {
        /// The ledger entry just recorded.
        entry: SentRecord,
    },
    /// Not confirmed yet; the outbox will retry on its own.
    Queued {
        /// Why it is not sent yet (`null` when no attempt failed).
        reason: Option<ErrorReply>,
        /// When the next attempt is due (milliseconds since the Unix epoch).
        next_attempt_at_ms: u64,
    },
    /// A request for this candidate is already out (a second click): wait
    /// for it; nothing new was sent.
    InProgress,
    /// Greenhouse refused it, or the outbox gave up; the entry stays in the
    /// outbox as failed until the user retries or discards it.
    Failed {
        /// Why, and what to do.
        error: ErrorReply,
    },
    /// Sent before and `resend` was not set: offer "View in Greenhouse" and
    /// "Send again…".
    AlreadySent {
        /// The earlier send.
        entry: SentRecord,
    },
}

impl SendOutcome {
    /// What the outbox's `delivery` means for the recruiter, worded in
    /// `locale`.
    pub fn from_delivery(delivery: Delivery, locale: &dyn Locale) -> Self {
        match delivery {
            Delivery::Delivered(entry) => SendOutcome::Sent {
                entry: SentRecord::from(&entry),
            },
            Delivery::Retrying { at_ms, reason } => SendOutcome::Queued {
                reason: Some(reason.reply(locale)),
                next_attempt_at_ms: at_ms,
            },
            Delivery::Failed { reason } => SendOutcome::Failed {
                error: reason.reply(locale),
            },
        }
    }
}

/// A profile's send state plus what the in-page UI needs to offer a send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendStatus {
    /// The Purpose Jobs candidate id asked about.
    pub external_id: String,
    /// Where its send stands (flattened: `"state": "queued"`, …).
    #[serde(flatten)]
    pub state: SendState,
    /// Connection and destination choices for the menu item and review form.
    pub setup: SendSetup,
}

/// Where one profile's send stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SendState {
    /// Never sent (or forgotten) and not queued.
    NotSent,
    /// A request is out.
    Sending {
        /// When it left.
        since_ms: u64,
    },
    /// Waiting for an automatic retry.
    Queued {
        /// Requests sent so far.
        attempts: u32,
        /// When the next attempt is due.
        next_attempt_at_ms: u64,
        /// The latest failure, `null` before the first attempt.
        reason: Option<ErrorReply>,
        /// Whether a request went out without an answer.
        possible_duplicate: bool,
    },
    /// Given up; the user may retry ("Send again") or discard.
    Failed {
        /// Why, and what to do.
        error: ErrorReply,
        /// Whether a request went out without an answer.
        possible_duplicate: bool,
    },
    /// Confirmed by Greenhouse.
    Sent {
        /// The ledger entry.
        entry: SentRecord,
        /// The candidate's applications as Greenhouse reports them now.
        lookup: GreenhouseLookup,
    },
}

/// What `GET candidates?candidate_ids=` said about a sent candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum GreenhouseLookup {
    /// Not asked (no connection, or the adapter did not look it up).
    NotChecked,
    /// Greenhouse returned the candidate.
    Found {
        /// Its applications: status, stage, job.
        applications: Vec<Application>,
    },
    /// Greenhouse returned nothing or refused (no permission to read
    /// candidates, merged, deleted): say so instead of failing.
    NotVisible {
        /// Worded for the recruiter.
        reason: ErrorReply,
    },
}

impl GreenhouseLookup {
    /// Interprets the answer to `GET candidates?candidate_ids=<id>` for the
    /// candidate with Greenhouse id `greenhouse_candidate_id`. An empty
    /// answer and a 403/404 are "not visible"; other failures keep their own
    /// reason.
    pub fn from_result(
        result: Result<Vec<CandidateStatus>, ApiError>,
        greenhouse_candidate_id: u64,
        locale: &dyn Locale,
    ) -> GreenhouseLookup {
        let not_visible = || GreenhouseLookup::NotVisible {
            reason: Failure::of(ErrorKind::NotVisible).reply(locale),
        };
        match result {
            Ok(candidates) => match candidates
                .into_iter()
                .find(|candidate| candidate.id == greenhouse_candidate_id)
            {
                Some(candidate) => GreenhouseLookup::Found {
                    applications: candidate
                        .applications
                        .into_iter()
                        .map(Application::from)
                        .collect(),
                },
                None => not_visible(),
            },
            Err(ApiError::Forbidden | ApiError::NotFound) => not_visible(),
            Err(error) => GreenhouseLookup::NotVisible {
                reason: error.failure(Situation::Request).reply(locale),
            },
        }
    }
}

/// What a content script needs to offer a send, without anything secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendSetup {
    /// Whether a validated key is stored; if not, the menu item opens the
    /// options page.
    pub connected: bool,
    /// Name of the Greenhouse user sends are credited to ("Credited to …").
    pub credited_to: Option<String>,
    /// Whether the main item opens the review form.
    pub always_review: bool,
    /// The destination the review form starts with.
    pub default_destination: Destination,
    /// Cached jobs and pools for the review form's destination choice.
    pub destinations: Option<DestinationChoices>,
}

/// The jobs and prospect pools a recruiter can choose from, as a reply:
/// the stored [`Destinations`] with their load failures worded.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DestinationChoices {
    /// Jobs (`GET jobs`).
    pub jobs: Vec<JobChoice>,
    /// Prospect pools with their stages (`GET prospect_pools`).
    pub pools: Vec<PoolChoice>,
    /// Why the jobs could not be loaded, when they could not (e.g. 403).
    pub jobs_error: Option<ErrorReply>,
    /// Why the pools could not be loaded, when they could not.
    pub pools_error: Option<ErrorReply>,
    /// When they were loaded (milliseconds since the Unix epoch).
    pub fetched_at_ms: u64,
}

impl DestinationChoices {
    /// The reply for the stored `destinations`, worded in `locale`.
    pub fn of(destinations: &Destinations, locale: &dyn Locale) -> Self {
        DestinationChoices {
            jobs: destinations.jobs.iter().map(JobChoice::from).collect(),
            pools: destinations.pools.iter().map(PoolChoice::from).collect(),
            jobs_error: destinations.jobs_error.as_ref().map(|f| f.reply(locale)),
            pools_error: destinations.pools_error.as_ref().map(|f| f.reply(locale)),
            fetched_at_ms: destinations.fetched_at_ms,
        }
    }
}

/// Sends for the toolbar popup: those needing attention first (failed, then
/// sending and queued), then the last confirmed ones, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SendList {
    /// The items.
    pub items: Vec<SendListItem>,
}

/// One line of the popup's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendListItem {
    /// The Purpose Jobs candidate id (for `RetrySend`/`DiscardSend`).
    pub external_id: String,
    /// Candidate name.
    pub name: String,
    /// Where the send stands.
    pub status: SendListStatus,
    /// Sent: when confirmed; queued: next attempt; sending: since; failed:
    /// when queued (milliseconds since the Unix epoch).
    pub at_ms: u64,
    /// "View in Greenhouse" link, for sent items.
    pub profile_url: Option<String>,
    /// Why it is queued or failed.
    pub error: Option<ErrorReply>,
    /// Whether Greenhouse may hold this prospect twice.
    pub possible_duplicate: bool,
}

/// The status column of the popup's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SendListStatus {
    /// Confirmed by Greenhouse.
    Sent,
    /// Waiting for an automatic retry.
    Queued,
    /// A request is out.
    Sending,
    /// Given up: retry or discard.
    Failed,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::contract::sentences::English;
    use crate::test_support::{ledger_entry, T0};

    #[test]
    fn reply_envelope() {
        let ok: Reply<SendList> = Reply::Ok(SendList::default());
        assert_eq!(
            serde_json::to_value(&ok).unwrap(),
            serde_json::json!({"ok": true, "value": {"items": []}})
        );
        let unit: Reply<()> = Reply::Ok(());
        assert_eq!(
            serde_json::to_string(&unit).unwrap(),
            r#"{"ok":true,"value":null}"#
        );
        assert_eq!(
            serde_json::from_str::<Reply<()>>(r#"{"ok":true,"value":null}"#).unwrap(),
            unit
        );
        let err: Reply<()> = Reply::Err(Failure::not_allowed().english());
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["ok"], false);
        assert_eq!(json["error"]["kind"], "not_allowed");
        assert!(json.get("value").is_none());
        let refused = [
            r#"{"ok":true,"error":{"kind":"network","message":"m"}}"#,
            r#"{"ok":false}"#,
            r#"{"ok":true,"value":{"items":[]},"extra":1}"#,
            r#"{"value":null}"#,
        ];
        for json in refused {
            assert!(
                serde_json::from_str::<Reply<SendList>>(json).is_err(),
                "{json}"
            );
        }
        let from: Reply<u8> = Err(Failure::bad_message().english()).into();
        assert_eq!(from, Reply::Err(Failure::bad_message().english()));
    }

    #[test]
    fn deliveries_become_outcomes() {
        let entry = ledger_entry("pj-1", 9, T0);
        let reason = Failure::of(ErrorKind::Network);
        let cases = [
            (
                Delivery::Delivered(entry.clone()),
                SendOutcome::Sent {
                    entry: SentRecord::from(&entry),
                },
            ),
            (
                Delivery::Retrying {
                    at_ms: T0,
                    reason: reason.clone(),
                },
                SendOutcome::Queued {
                    reason: Some(reason.english()),
                    next_attempt_at_ms: T0,
                },
            ),
            (
                Delivery::Failed {
                    reason: reason.clone(),
                },
                SendOutcome::Failed {
                    error: reason.english(),
                },
            ),
        ];
        for (delivery, expected) in cases {
            assert_eq!(SendOutcome::from_delivery(delivery, &English), expected);
        }
    }

    #[test]
    fn greenhouse_lookup() {
        let status = |id| CandidateStatus {
            id,
            name: "Grace Hopper".into(),
            external_id: "pj-1".into(),
            applications: vec![crate::greenhouse::responses::ApplicationStatus {
                id: Some(1),
                job: None,
                status: Some("active".into()),
                stage: Some("New".into()),
                profile_url: None,
            }],
        };
        let found = GreenhouseLookup::from_result(Ok(vec![status(2), status(9)]), 9, &English);
        let GreenhouseLookup::Found { applications } = found else {
            panic!("{found:?}")
        };
        assert_eq!(applications[0].stage.as_deref(), Some("New"));
        let cases = [
            (Ok(vec![]), ErrorKind::NotVisible),
            (Ok(vec![status(2)]), ErrorKind::NotVisible),
            (Err(ApiError::Forbidden), ErrorKind::NotVisible),
            (Err(ApiError::NotFound), ErrorKind::NotVisible),
            (Err(ApiError::Network), ErrorKind::Network),
            (Err(ApiError::Unauthorized), ErrorKind::Unauthorized),
        ];
        for (result, kind) in cases {
            let lookup = GreenhouseLookup::from_result(result.clone(), 9, &English);
            let GreenhouseLookup::NotVisible { reason } = lookup else {
                panic!("{result:?}")
            };
            assert_eq!(reason.kind, kind, "{result:?}");
        }
    }
}

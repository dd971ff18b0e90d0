//! The content script's reader of replies: the few reply types a content
//! script gets, read field by field from the value the browser hands it
//! ([`ReplyValue`]) into the same rich types serde gives.

use crate::contract::error_reply::{Advice, ErrorKind, ErrorReply};
use crate::contract::records::{Application, JobChoice, PoolChoice, SentRecord, StageChoice};
use crate::contract::reply::{
    DestinationChoices, GreenhouseLookup, SendOutcome, SendSetup, SendState, SendStatus,
};
use crate::profile::reading::ProfileReading;
use crate::sending::review::{ReviewField, ReviewFields};
use crate::sending::settings::Destination;

/// The reply to `SendProfile` ([`SentProfile`](crate::contract::reply::SentProfile)):
/// the reading and, for a ready one, the send's outcome or its refusal.
pub type SentProfileValue<V> = (ProfileReading<V>, Option<Result<SendOutcome, ErrorReply>>);

/// A reply lacked a field that its tag (`state`, `outcome`, `result`,
/// `kind`) requires, a field had the wrong type, or the envelope was
/// inconsistent. Happens only when the background and the content script
/// disagree on the contract (e.g. an extension update under an open page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MalformedReply(
    /// The field at fault, or `"ok"` for an inconsistent envelope.
    pub &'static str,
);

// The content script's decoding of replies. The content module ships to every
// Purpose Jobs page, and serde's decoders for the reply types above (a
// `flatten`, internally tagged enums that buffer into serde's `Content`, the
// lenient Greenhouse-response deserializers, `Reply`'s pass through
// `serde_json::Value`), with `serde_json`'s parser and error messages, were
// over a third of its size even as plain derived mirrors. So the content
// script reads the few reply types it gets field by field from the value
// the browser hands it ([`ReplyValue`]), into the same rich types: the wire
// format and what the UI sees stay as they are. The golden tests check that
// this decoding and serde's agree on every reply a content script can get.

/// A JSON-shaped value a reply is read from: the JavaScript value the
/// browser hands the content script, or a `serde_json::Value` (tests).
pub trait ReplyValue: Sized {
    /// Property `name` of an object; `None` when absent or `null`, or when
    /// this is not an object.
    fn field(&self, name: &str) -> Option<Self>;
    /// The string, if this is one.
    fn string(&self) -> Option<String>;
    /// The number, if this is one.
    fn number(&self) -> Option<f64>;
    /// The boolean, if this is one.
    fn boolean(&self) -> Option<bool>;
    /// The elements, if this is an array.
    fn elements(&self) -> Option<Vec<Self>>;
}

impl ReplyValue for serde_json::Value {
    fn field(&self, name: &str) -> Option<Self> {
        self.get(name).filter(|value| !value.is_null()).cloned()
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn elements(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
}

/// Reads one JSON value as a `T`, or `None` if it has another type.
type Read<V, T> = fn(&V) -> Result<T, MalformedReply>;

/// A field that must be there.
fn required<V: ReplyValue, T>(
    value: &V,
    name: &'static str,
    read: Read<V, T>,
) -> Result<T, MalformedReply> {
    match value.field(name) {
        Some(field) => read(&field).map_err(|_| MalformedReply(name)),
        None => Err(MalformedReply(name)),
    }
}

/// A field that may be absent or `null`.
fn optional<V: ReplyValue, T>(
    value: &V,
    name: &'static str,
    read: Read<V, T>,
) -> Result<Option<T>, MalformedReply> {
    match value.field(name) {
        Some(field) => read(&field).map(Some).map_err(|_| MalformedReply(name)),
        None => Ok(None),
    }
}

fn text<V: ReplyValue>(value: &V) -> Result<String, MalformedReply> {
    value.string().ok_or(MalformedReply("string"))
}

fn flag<V: ReplyValue>(value: &V) -> Result<bool, MalformedReply> {
    value.boolean().ok_or(MalformedReply("boolean"))
}

/// A non-negative whole number (ids, times, counts) that a JavaScript
/// number holds exactly.
fn whole<V: ReplyValue>(value: &V) -> Result<u64, MalformedReply> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    match value.number() {
        Some(number) if (0.0..=EXACT).contains(&number) && number.fract() == 0.0 => {
            Ok(number as u64)
        }
        _ => Err(MalformedReply("number")),
    }
}

fn list<V: ReplyValue, T>(value: &V, read: Read<V, T>) -> Result<Vec<T>, MalformedReply> {
    value
        .elements()
        .ok_or(MalformedReply("array"))?
        .iter()
        .map(read)
        .collect()
}

fn advice<V: ReplyValue>(value: &V) -> Result<Advice, MalformedReply> {
    let name = text(value)?;
    Advice::ALL
        .into_iter()
        .find(|advice| advice.as_str() == name)
        .ok_or(MalformedReply("advice"))
}

fn error_reply<V: ReplyValue>(value: &V) -> Result<ErrorReply, MalformedReply> {
    let kind = required(value, "kind", text)?;
    Ok(ErrorReply {
        kind: ErrorKind::ALL
            .into_iter()
            .find(|known| known.as_str() == kind)
            .ok_or(MalformedReply("kind"))?,
        message: required(value, "message", text)?,
        field: optional(value, "field", text)?,
        advice: optional(value, "advice", advice)?,
    })
}

fn ledger_entry<V: ReplyValue>(value: &V) -> Result<SentRecord, MalformedReply> {
    Ok(SentRecord {
        external_id: required(value, "external_id", text)?,
        greenhouse_candidate_id: required(value, "greenhouse_candidate_id", whole)?,
        profile_url: optional(value, "profile_url", text)?,
        sent_at_ms: required(value, "sent_at_ms", whole)?,
        sent_by: required(value, "sent_by", text)?,
        name: required(value, "name", text)?,
        possible_duplicate: required(value, "possible_duplicate", flag)?,
        earlier_candidate_ids: optional(value, "earlier_candidate_ids", |ids| list(ids, whole))?
            .unwrap_or_default(),
    })
}

fn application<V: ReplyValue>(value: &V) -> Result<Application, MalformedReply> {
    Ok(Application {
        id: optional(value, "id", whole)?,
        job: optional(value, "job", text)?,
        status: optional(value, "status", text)?,
        stage: optional(value, "stage", text)?,
        profile_url: optional(value, "profile_url", text)?,
    })
}

fn lookup<V: ReplyValue>(value: &V) -> Result<GreenhouseLookup, MalformedReply> {
    Ok(match required(value, "result", text)?.as_str() {
        "not_checked" => GreenhouseLookup::NotChecked,
        "found" => GreenhouseLookup::Found {
            applications: required(value, "applications", |items| list(items, application))?,
        },
        "not_visible" => GreenhouseLookup::NotVisible {
            reason: required(value, "reason", error_reply)?,
        },
        _ => return Err(MalformedReply("result")),
    })
}

fn destination<V: ReplyValue>(value: &V) -> Result<Destination, MalformedReply> {
    Ok(match required(value, "kind", text)?.as_str() {
        "no_pool" => Destination::NoPool,
        "pool" => Destination::Pool {
            pool_id: required(value, "pool_id", whole)?,
            stage_id: optional(value, "stage_id", whole)?,
        },
        "job" => Destination::Job {
            job_id: required(value, "job_id", whole)?,
        },
        _ => return Err(MalformedReply("kind")),
    })
}

fn job<V: ReplyValue>(value: &V) -> Result<JobChoice, MalformedReply> {
    Ok(JobChoice {
        id: required(value, "id", whole)?,
        name: optional(value, "name", text)?.unwrap_or_default(),
        status: optional(value, "status", text)?.unwrap_or_default(),
        public: optional(value, "public", flag)?.unwrap_or_default(),
    })
}

fn pool_stage<V: ReplyValue>(value: &V) -> Result<StageChoice, MalformedReply> {
    Ok(StageChoice {
        id: required(value, "id", whole)?,
        name: optional(value, "name", text)?.unwrap_or_default(),
    })
}

fn pool<V: ReplyValue>(value: &V) -> Result<PoolChoice, MalformedReply> {
    Ok(PoolChoice {
        id: required(value, "id", whole)?,
        name: optional(value, "name", text)?.unwrap_or_default(),
        stages: optional(value, "stages", |items| list(items, pool_stage))?.unwrap_or_default(),
    })
}

fn destinations<V: ReplyValue>(value: &V) -> Result<DestinationChoices, MalformedReply> {
    Ok(DestinationChoices {
        jobs: optional(value, "jobs", |items| list(items, job))?.unwrap_or_default(),
        pools: optional(value, "pools", |items| list(items, pool))?.unwrap_or_default(),
        jobs_error: optional(value, "jobs_error", error_reply)?,
        pools_error: optional(value, "pools_error", error_reply)?,
        fetched_at_ms: optional(value, "fetched_at_ms", whole)?.unwrap_or_default(),
    })
}

fn send_setup_of<V: ReplyValue>(value: &V) -> Result<SendSetup, MalformedReply> {
    Ok(SendSetup {
        connected: required(value, "connected", flag)?,
        credited_to: optional(value, "credited_to", text)?,
        always_review: required(value, "always_review", flag)?,
        default_destination: required(value, "default_destination", destination)?,
        destinations: optional(value, "destinations", destinations)?,
    })
}

/// Reads a [`SendStatus`] the way the background writes it.
pub fn read_send_status<V: ReplyValue>(value: &V) -> Result<SendStatus, MalformedReply> {
    let possible_duplicate = || required(value, "possible_duplicate", flag);
    let state = match required(value, "state", text)?.as_str() {
        "not_sent" => SendState::NotSent,
        "sending" => SendState::Sending {
            since_ms: required(value, "since_ms", whole)?,
        },
        "queued" => SendState::Queued {
            attempts: u32::try_from(required(value, "attempts", whole)?)
                .map_err(|_| MalformedReply("attempts"))?,
            next_attempt_at_ms: required(value, "next_attempt_at_ms", whole)?,
            reason: optional(value, "reason", error_reply)?,
            possible_duplicate: possible_duplicate()?,
        },
        "failed" => SendState::Failed {
            error: required(value, "error", error_reply)?,
            possible_duplicate: possible_duplicate()?,
        },
        "sent" => SendState::Sent {
            entry: required(value, "entry", ledger_entry)?,
            lookup: required(value, "lookup", lookup)?,
        },
        _ => return Err(MalformedReply("state")),
    };
    Ok(SendStatus {
        external_id: required(value, "external_id", text)?,
        state,
        setup: required(value, "setup", send_setup_of)?,
    })
}

/// Reads a [`SendOutcome`] the way the background writes it.
pub fn read_send_outcome<V: ReplyValue>(value: &V) -> Result<SendOutcome, MalformedReply> {
    Ok(match required(value, "outcome", text)?.as_str() {
        "sent" => SendOutcome::Sent {
            entry: required(value, "entry", ledger_entry)?,
        },
        "queued" => SendOutcome::Queued {
            reason: optional(value, "reason", error_reply)?,
            next_attempt_at_ms: required(value, "next_attempt_at_ms", whole)?,
        },
        "in_progress" => SendOutcome::InProgress,
        "failed" => SendOutcome::Failed {
            error: required(value, "error", error_reply)?,
        },
        "already_sent" => SendOutcome::AlreadySent {
            entry: required(value, "entry", ledger_entry)?,
        },
        _ => return Err(MalformedReply("outcome")),
    })
}

/// Reads the review form's values the way serde writes [`ReviewFields`].
pub fn read_review_fields<V: ReplyValue>(value: &V) -> Result<ReviewFields, MalformedReply> {
    let mut fields = ReviewFields::default();
    for field in ReviewField::ALL {
        fields.set(field, required(value, field.key(), text)?);
    }
    Ok(fields)
}

/// Reads a [`ProfileReading`] the way the background writes it, keeping the
/// candidate as the value it came as (the content script only passes it
/// back with `SendProspect`).
pub fn read_profile_reading<V: ReplyValue>(value: &V) -> Result<ProfileReading<V>, MalformedReply> {
    Ok(match required(value, "reading", text)?.as_str() {
        "ready" => ProfileReading::Ready {
            candidate: value
                .field("candidate")
                .ok_or(MalformedReply("candidate"))?,
            fields: required(value, "fields", read_review_fields)?,
            removed_invisible: optional(value, "removed_invisible", flag)?.unwrap_or_default(),
        },
        "incomplete" => ProfileReading::Incomplete {
            draft: value.field("draft").ok_or(MalformedReply("draft"))?,
            fields: required(value, "fields", read_review_fields)?,
            no_name: required(value, "no_name", flag)?,
            no_candidate_id: required(value, "no_candidate_id", flag)?,
            removed_invisible: optional(value, "removed_invisible", flag)?.unwrap_or_default(),
        },
        "stale" => ProfileReading::Stale,
        "not_a_profile" => ProfileReading::NotAProfile,
        _ => return Err(MalformedReply("reading")),
    })
}

/// Reads a [`SentProfile`](crate::contract::reply::SentProfile) value.
pub fn read_sent_profile<V: ReplyValue>(value: &V) -> Result<SentProfileValue<V>, MalformedReply> {
    let sent = match (
        optional(value, "outcome", read_send_outcome)?,
        optional(value, "error", error_reply)?,
    ) {
        (Some(outcome), None) => Some(Ok(outcome)),
        (None, Some(error)) => Some(Err(error)),
        (None, None) => None,
        (Some(_), Some(_)) => return Err(MalformedReply("outcome")),
    };
    Ok((required(value, "reading", read_profile_reading)?, sent))
}

/// Reads a [`Reply`](crate::contract::reply::Reply) envelope: the value (read by `read`; `None` when it is
/// absent or `null`) or the background's error. An ok reply with an error,
/// or a failed one without, is malformed.
pub fn read_reply<V: ReplyValue, T>(
    reply: &V,
    read: Read<V, T>,
) -> Result<Result<Option<T>, ErrorReply>, MalformedReply> {
    match (
        required(reply, "ok", flag)?,
        optional(reply, "error", error_reply)?,
    ) {
        (true, None) => optional(reply, "value", read).map(Ok),
        (false, Some(error)) => Ok(Err(error)),
        (true, Some(_)) | (false, None) => Err(MalformedReply("ok")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::contract::error_reply::Failure;

    #[test]
    fn every_error_kind_reads_back_from_its_wire_string() {
        // Exhaustive: a new kind does not compile here until it has an
        // index, and then the list below must grow to hold it.
        let index = |kind: ErrorKind| match kind {
            ErrorKind::Unauthorized => 0,
            ErrorKind::Forbidden => 1,
            ErrorKind::NotFound => 2,
            ErrorKind::Validation => 3,
            ErrorKind::RateLimited => 4,
            ErrorKind::Server => 5,
            ErrorKind::Network => 6,
            ErrorKind::Timeout => 7,
            ErrorKind::BadResponse => 8,
            ErrorKind::BadMessage => 9,
            ErrorKind::NotAllowed => 10,
            ErrorKind::NotConnected => 11,
            ErrorKind::HostPermission => 12,
            ErrorKind::NotVisible => 13,
            ErrorKind::UnknownSend => 14,
            ErrorKind::SendInProgress => 15,
            ErrorKind::Storage => 16,
            ErrorKind::TooManySends => 17,
            ErrorKind::Internal => 18,
        };
        for (position, kind) in ErrorKind::ALL.into_iter().enumerate() {
            assert_eq!(index(kind), position, "{kind:?}");
            let reply = serde_json::to_value(Failure::of(kind).english()).unwrap();
            assert_eq!(error_reply(&reply), Ok(Failure::of(kind).english()));
        }
    }
}

//! The durable outbox: every send waits here, persisted, from the click until
//! Greenhouse confirms it, as a pure state machine.
//!
//! The background adapter persists an [`Outbox`] in extension storage after
//! every change, asks it what to send ([`Outbox::due`]), records that a
//! request left ([`Outbox::mark_in_flight`]), feeds back the result
//! ([`Outbox::on_response`]) and schedules `chrome.alarms` at
//! [`Outbox::next_wake_at`]. After a restart it calls [`Outbox::recover`].
//!
//! Guarantees: one entry per Purpose Jobs candidate; a confirmed send leaves
//! the outbox at once and is never sent again automatically; failures that
//! retrying may fix ([`ApiError::is_retryable`]) are retried with
//! exponential backoff and jitter, never sooner than Greenhouse's
//! `Retry-After`, up to [`MAX_ATTEMPTS`] attempts or [`MAX_AGE_MS`]; others
//! fail at once and wait for the user. When a request left and no answer came
//! back, the retry still happens (Greenhouse has no idempotency key), but the
//! entry and then the ledger say the prospect may exist twice.
//!
//! No I/O, no clock, no randomness here: time comes in as `now_ms`
//! (milliseconds since the Unix epoch) and randomness as a `jitter` value.

use serde::{Deserialize, Serialize};

use crate::contract::error_reply::{ErrorKind, Failure};
use crate::greenhouse::candidate::NewCandidate;
use crate::greenhouse::error::{ApiError, Situation};
use crate::greenhouse::responses::CreatedCandidate;
use crate::sending::ledger::LedgerEntry;

/// How long the adapter waits for Greenhouse before aborting a request and
/// reporting [`ApiError::Timeout`]; also how old an in-flight entry must be
/// for [`Outbox::recover`] to consider its request lost.
pub const REQUEST_TIMEOUT_MS: u64 = 20_000;
/// Attempts (requests sent) after which a retryable failure becomes final.
pub const MAX_ATTEMPTS: u32 = 12;
/// Age (since the send was queued or last retried by the user) after which a
/// retryable failure becomes final.
pub const MAX_AGE_MS: u64 = 24 * 60 * 60 * 1000;
/// Delay before the first retry; doubled for every further attempt.
pub const BASE_DELAY_MS: u64 = 2_000;
/// Longest delay between attempts, jitter included.
pub const MAX_DELAY_MS: u64 = 15 * 60 * 1000;
/// Shortest wait after a 429 without a readable `Retry-After`: Greenhouse's
/// rate-limit window is 10 seconds.
pub const RATE_LIMIT_WINDOW_MS: u64 = 10_000;
/// Longest `Retry-After` honoured; a longer one is treated as this.
pub const MAX_RETRY_AFTER_MS: u64 = 60 * 60 * 1000;

/// All sends not yet confirmed by Greenhouse.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Outbox {
    /// The entries, in the order they were queued; one per `external_id`.
    #[serde(default)]
    pub entries: Vec<OutboxEntry>,
}

/// One send waiting for Greenhouse's confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// The Purpose Jobs candidate id: the entry's key.
    pub external_id: String,
    /// The body to `POST`, destination already applied.
    pub candidate: NewCandidate,
    /// When the send was queued, or last retried by the user.
    pub queued_at_ms: u64,
    /// Requests sent for it so far (since queued or retried by the user).
    pub attempts: u32,
    /// When it may be sent (again).
    pub next_attempt_at_ms: u64,
    /// Where it stands (flattened: `"state": "pending"`, plus `since_ms` or
    /// `reason` when the state has one).
    #[serde(flatten)]
    pub state: EntryState,
    /// Whether some request for it left and no answer came back, so
    /// Greenhouse may have created the prospect already.
    pub request_went_out_without_answer: bool,
    /// The latest failure, worded for the current state, `null` before any.
    #[serde(default)]
    pub last_error: Option<Failure>,
    /// The `On-Behalf-Of` email of the latest request, credited in the ledger.
    #[serde(default)]
    pub sent_as: Option<String>,
}

/// Where an [`OutboxEntry`] stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum EntryState {
    /// Waiting to be sent at `next_attempt_at_ms`.
    Pending,
    /// A request left at `since_ms` and has not been answered.
    InFlight {
        /// When the request left.
        since_ms: u64,
    },
    /// Given up: waits for the user to retry or discard it.
    Failed {
        /// Why, worded for the recruiter.
        reason: Failure,
    },
}

/// What [`Outbox::enqueue`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enqueued {
    /// A new entry, due now.
    Added,
    /// The candidate was already queued or failed: its body was replaced and
    /// it is pending again. A pending entry keeps its schedule (so a click
    /// cannot skip Greenhouse's `Retry-After`); a failed one is due now.
    Updated,
    /// A request for this candidate is out: nothing changed.
    InFlight,
}

/// What a response did to its entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Greenhouse confirmed: the entry left the outbox; record this in the
    /// ledger.
    Delivered(LedgerEntry),
    /// A failure that may pass: the entry is pending again.
    Retrying {
        /// When the next attempt is due.
        at_ms: u64,
        /// Why, worded as "queued and will be retried".
        reason: Failure,
    },
    /// A failure the user must act on: the entry is failed.
    Failed {
        /// Why, worded with what to do.
        reason: Failure,
    },
}

/// Why an outbox operation was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutboxError {
    /// No entry has this `external_id` (never queued, confirmed, or
    /// discarded).
    UnknownSend,
    /// The entry's request is out: it cannot be discarded or retried until
    /// the answer (or the timeout) comes.
    SendInProgress,
    /// A failure was reported for an entry with no request out (a late
    /// answer after [`Outbox::recover`] already gave up on the request);
    /// nothing changed.
    NotInFlight,
    /// [`Outbox::mark_in_flight`] on an entry that is not pending.
    NotPending,
}

impl OutboxError {
    /// The refusal as a failure to reply.
    pub fn failure(&self) -> Failure {
        match self {
            OutboxError::SendInProgress => Failure::of(ErrorKind::SendInProgress),
            OutboxError::UnknownSend | OutboxError::NotInFlight | OutboxError::NotPending => {
                Failure::of(ErrorKind::UnknownSend)
            }
        }
    }
}

impl Outbox {
    /// The entry for this Purpose Jobs candidate, if queued.
    pub fn get(&self, external_id: &str) -> Option<&OutboxEntry> {
        self.entries
            .iter()
            .find(|entry| entry.external_id == external_id)
    }

    fn get_mut(&mut self, external_id: &str) -> Option<&mut OutboxEntry> {
        self.entries
            .iter_mut()
            .find(|entry| entry.external_id == external_id)
    }

    /// Queues `candidate` (destination applied) under its `external_id`.
    /// Queuing a candidate twice keeps one entry: see [`Enqueued`].
    pub fn enqueue(&mut self, candidate: NewCandidate, now_ms: u64) -> Enqueued {
        match self.get_mut(&candidate.external_id) {
            Some(entry) => match entry.state {
                EntryState::InFlight { .. } => Enqueued::InFlight,
                EntryState::Pending => {
                    entry.candidate = candidate;
                    Enqueued::Updated
                }
                EntryState::Failed { .. } => {
                    entry.candidate = candidate;
                    entry.restart(now_ms);
                    Enqueued::Updated
                }
            },
            None => {
                self.entries.push(OutboxEntry {
                    external_id: candidate.external_id.clone(),
                    candidate,
                    queued_at_ms: now_ms,
                    attempts: 0,
                    next_attempt_at_ms: now_ms,
                    state: EntryState::Pending,
                    request_went_out_without_answer: false,
                    last_error: None,
                    sent_as: None,
                });
                Enqueued::Added
            }
        }
    }

    /// Whether this candidate's entry is pending and due at `now_ms`.
    pub fn is_due(&self, external_id: &str, now_ms: u64) -> bool {
        self.get(external_id)
            .is_some_and(|entry| entry.is_due(now_ms))
    }

    /// The entries to send now, most overdue first.
    pub fn due(&self, now_ms: u64) -> Vec<&OutboxEntry> {
        let mut due: Vec<&OutboxEntry> = self
            .entries
            .iter()
            .filter(|entry| entry.is_due(now_ms))
            .collect();
        due.sort_by_key(|entry| (entry.next_attempt_at_ms, entry.queued_at_ms));
        due
    }

    /// Records that the request for this entry is leaving now, sent as
    /// `on_behalf_of`. Persist the outbox before sending, so a restart
    /// knows a request may have gone out.
    pub fn mark_in_flight(
        &mut self,
        external_id: &str,
        on_behalf_of: &str,
        now_ms: u64,
    ) -> Result<&OutboxEntry, OutboxError> {
        let entry = self.get_mut(external_id).ok_or(OutboxError::UnknownSend)?;
        match entry.state {
            EntryState::Pending => {
                entry.state = EntryState::InFlight { since_ms: now_ms };
                entry.attempts = entry.attempts.saturating_add(1);
                entry.sent_as = Some(on_behalf_of.to_owned());
                Ok(entry)
            }
            EntryState::InFlight { .. } | EntryState::Failed { .. } => Err(OutboxError::NotPending),
        }
    }

    /// Applies Greenhouse's answer (or the adapter's `Network`/`Timeout`) for
    /// this entry. A confirmation removes the entry whatever its state (a
    /// confirmed send must never be sent again) and returns the ledger entry.
    /// A failure needs the entry in flight. `jitter` is any random value; it
    /// spreads retries out.
    pub fn on_response(
        &mut self,
        external_id: &str,
        result: Result<CreatedCandidate, ApiError>,
        now_ms: u64,
        jitter: u64,
    ) -> Result<Delivery, OutboxError> {
        let index = self
            .entries
            .iter()
            .position(|entry| entry.external_id == external_id)
            .ok_or(OutboxError::UnknownSend)?;
        match result {
            Ok(created) => {
                let entry = self.entries.remove(index);
                Ok(Delivery::Delivered(entry.ledger_entry(&created, now_ms)))
            }
            Err(error) => {
                let entry = &mut self.entries[index];
                match entry.state {
                    EntryState::InFlight { .. } => Ok(entry.fail(&error, now_ms, jitter)),
                    EntryState::Pending | EntryState::Failed { .. } => {
                        Err(OutboxError::NotInFlight)
                    }
                }
            }
        }
    }

    /// After a restart of the background (or on any wake-up): every request
    /// in flight for [`REQUEST_TIMEOUT_MS`] or more can no longer be answered,
    /// so its entry is handled as a [`ApiError::Timeout`]: retried (marked
    /// "may have been created") or failed. Also applies when the clock went
    /// backwards past the request's start. Returns the ids it changed.
    pub fn recover(&mut self, now_ms: u64, jitter: u64) -> Vec<String> {
        let mut recovered = Vec::new();
        for entry in &mut self.entries {
            if let EntryState::InFlight { since_ms } = entry.state {
                let lost = now_ms < since_ms || now_ms - since_ms >= REQUEST_TIMEOUT_MS;
                if lost {
                    entry.fail(&ApiError::Timeout, now_ms, jitter);
                    recovered.push(entry.external_id.clone());
                }
            }
        }
        recovered
    }

    /// The user's "Retry": a failed or pending entry becomes due now with a
    /// fresh budget of attempts and age.
    pub fn retry(&mut self, external_id: &str, now_ms: u64) -> Result<&OutboxEntry, OutboxError> {
        let entry = self.get_mut(external_id).ok_or(OutboxError::UnknownSend)?;
        match entry.state {
            EntryState::InFlight { .. } => Err(OutboxError::SendInProgress),
            EntryState::Pending | EntryState::Failed { .. } => {
                entry.restart(now_ms);
                Ok(entry)
            }
        }
    }

    /// The user's "Discard": removes a pending or failed entry and returns
    /// it. An entry in flight cannot be discarded: its answer may still
    /// confirm a prospect that must reach the ledger.
    pub fn discard(&mut self, external_id: &str) -> Result<OutboxEntry, OutboxError> {
        let index = self
            .entries
            .iter()
            .position(|entry| entry.external_id == external_id)
            .ok_or(OutboxError::UnknownSend)?;
        match self.entries[index].state {
            EntryState::InFlight { .. } => Err(OutboxError::SendInProgress),
            EntryState::Pending | EntryState::Failed { .. } => Ok(self.entries.remove(index)),
        }
    }

    /// When the background must wake up next (for `chrome.alarms`): the
    /// earliest pending attempt, or the moment an in-flight request counts
    /// as lost. `None` when nothing waits (only failed entries, or none).
    pub fn next_wake_at(&self) -> Option<u64> {
        self.entries
            .iter()
            .filter_map(|entry| match entry.state {
                EntryState::Pending => Some(entry.next_attempt_at_ms),
                EntryState::InFlight { since_ms } => {
                    Some(since_ms.saturating_add(REQUEST_TIMEOUT_MS))
                }
                EntryState::Failed { .. } => None,
            })
            .min()
    }
}

impl OutboxEntry {
    /// Whether it is pending and its next attempt is due at `now_ms`.
    pub fn is_due(&self, now_ms: u64) -> bool {
        matches!(self.state, EntryState::Pending) && self.next_attempt_at_ms <= now_ms
    }

    /// The candidate's name as sent.
    pub fn name(&self) -> String {
        candidate_name(&self.candidate)
    }

    fn restart(&mut self, now_ms: u64) {
        self.state = EntryState::Pending;
        self.attempts = 0;
        self.queued_at_ms = now_ms;
        self.next_attempt_at_ms = now_ms;
        self.last_error = None;
    }

    fn fail(&mut self, error: &ApiError, now_ms: u64, jitter: u64) -> Delivery {
        if error.may_have_been_applied() {
            self.request_went_out_without_answer = true;
        }
        let at_ms = now_ms.saturating_add(retry_delay_ms(self.attempts, error, jitter));
        let out_of_budget =
            self.attempts >= MAX_ATTEMPTS || at_ms.saturating_sub(self.queued_at_ms) > MAX_AGE_MS;
        match error.is_retryable() && !out_of_budget {
            true => {
                let reason = error.failure(Situation::Queued);
                self.state = EntryState::Pending;
                self.next_attempt_at_ms = at_ms;
                self.last_error = Some(reason.clone());
                Delivery::Retrying { at_ms, reason }
            }
            false => {
                let reason = error.failure(Situation::GaveUp);
                self.state = EntryState::Failed {
                    reason: reason.clone(),
                };
                self.last_error = Some(reason.clone());
                Delivery::Failed { reason }
            }
        }
    }

    fn ledger_entry(&self, created: &CreatedCandidate, now_ms: u64) -> LedgerEntry {
        LedgerEntry {
            external_id: self.external_id.clone(),
            greenhouse_candidate_id: created.id,
            profile_url: created.profile_url.clone(),
            sent_at_ms: now_ms,
            sent_by: self.sent_as.clone().unwrap_or_default(),
            name: self.name(),
            possible_duplicate: self.request_went_out_without_answer,
            earlier_candidate_ids: Vec::new(),
        }
    }
}

/// "First Last" of a candidate, trimmed.
pub fn candidate_name(candidate: &NewCandidate) -> String {
    format!(
        "{} {}",
        candidate.first_name.trim(),
        candidate.last_name.trim()
    )
    .trim()
    .to_owned()
}

/// The wait before the next attempt after `attempts` requests failed with
/// `error`: `BASE_DELAY_MS · 2^(attempts-1)` capped at `MAX_DELAY_MS`, of
/// which a random half is kept ("equal jitter", so retries of many clients
/// spread out but never come sooner than half the backoff); never less than
/// Greenhouse's `Retry-After` (capped at `MAX_RETRY_AFTER_MS`), or than the
/// rate-limit window after a 429 without one.
pub fn retry_delay_ms(attempts: u32, error: &ApiError, jitter: u64) -> u64 {
    let exponent = attempts.saturating_sub(1).min(20);
    let backoff = BASE_DELAY_MS
        .saturating_mul(1 << exponent)
        .min(MAX_DELAY_MS);
    let half = backoff / 2;
    let jittered = half + jitter % (backoff - half + 1);
    let floor = match error {
        ApiError::RateLimited {
            retry_after_secs: Some(seconds),
        } => seconds.saturating_mul(1000).min(MAX_RETRY_AFTER_MS),
        ApiError::RateLimited {
            retry_after_secs: None,
        } => RATE_LIMIT_WINDOW_MS,
        _ => 0,
    };
    jittered.max(floor)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const T0: u64 = 1_767_225_600_000;
    const EMAIL: &str = "ada@example.com";

    fn candidate(external_id: &str) -> NewCandidate {
        NewCandidate {
            prospect: true,
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            external_id: external_id.into(),
            ..NewCandidate::default()
        }
    }

    fn created(id: u64, external_id: &str) -> CreatedCandidate {
        CreatedCandidate {
            id,
            application_id: Some(id + 1),
            external_id: external_id.into(),
            profile_url: Some(format!("https://app.greenhouse.io/people/{id}")),
        }
    }

    /// Sends every due entry at `now` and answers with `answer`.
    fn attempt(
        outbox: &mut Outbox,
        id: &str,
        now: u64,
        answer: Result<CreatedCandidate, ApiError>,
    ) -> Delivery {
        assert!(outbox.is_due(id, now), "{id} not due at {now}: {outbox:?}");
        outbox.mark_in_flight(id, EMAIL, now).unwrap();
        outbox.on_response(id, answer, now + 100, 0).unwrap()
    }

    fn next_at(delivery: &Delivery) -> u64 {
        match delivery {
            Delivery::Retrying { at_ms, .. } => *at_ms,
            other => panic!("expected a retry, got {other:?}"),
        }
    }

    #[test]
    fn success_at_once_moves_to_the_ledger() {
        let mut outbox = Outbox::default();
        assert_eq!(outbox.enqueue(candidate("pj-1"), T0), Enqueued::Added);
        let delivery = attempt(&mut outbox, "pj-1", T0, Ok(created(7, "pj-1")));
        let Delivery::Delivered(entry) = delivery else {
            panic!("{delivery:?}")
        };
        assert_eq!(entry.external_id, "pj-1");
        assert_eq!(entry.greenhouse_candidate_id, 7);
        assert_eq!(entry.sent_by, EMAIL);
        assert_eq!(entry.name, "Ada Lovelace");
        assert_eq!(entry.sent_at_ms, T0 + 100);
        assert!(!entry.possible_duplicate);
        assert!(outbox.entries.is_empty());
        assert_eq!(outbox.next_wake_at(), None);
    }

    #[test]
    fn server_error_then_success() {
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("pj-1"), T0);
        let first = attempt(
            &mut outbox,
            "pj-1",
            T0,
            Err(ApiError::Server { status: 500 }),
        );
        let at = next_at(&first);
        assert!((T0 + 100 + 1_000..=T0 + 100 + 2_000).contains(&at), "{at}");
        let Delivery::Retrying { reason, .. } = &first else {
            unreachable!()
        };
        assert_eq!(reason.kind, ErrorKind::Server);
        assert!(
            reason.english().message.contains("queued"),
            "{}",
            reason.english().message
        );
        assert!(outbox.due(at - 1).is_empty());
        assert_eq!(outbox.next_wake_at(), Some(at));
        let second = attempt(&mut outbox, "pj-1", at, Ok(created(7, "pj-1")));
        let Delivery::Delivered(entry) = second else {
            panic!("{second:?}")
        };
        // A 500 is an answer: nothing may have been created twice.
        assert!(!entry.possible_duplicate);
        assert!(outbox.entries.is_empty());
    }

    #[test]
    fn rate_limited_waits_for_retry_after() {
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("pj-1"), T0);
        let limited = ApiError::RateLimited {
            retry_after_secs: Some(2),
        };
        let first = attempt(&mut outbox, "pj-1", T0, Err(limited));
        let at = next_at(&first);
        assert!(at >= T0 + 100 + 2_000, "{at}");
        assert!(!outbox.is_due("pj-1", T0 + 100 + 1_999));
        let second = attempt(&mut outbox, "pj-1", at, Ok(created(7, "pj-1")));
        assert!(matches!(second, Delivery::Delivered(_)));
    }

    #[test]
    fn long_retry_after_is_honoured_and_capped() {
        let cases = [
            (Some(2), 0, 2_000),
            (Some(2), u64::MAX, 2_000),
            (Some(120), 0, 120_000),
            (Some(86_400), 0, MAX_RETRY_AFTER_MS),
            (None, 0, RATE_LIMIT_WINDOW_MS),
        ];
        for (seconds, jitter, expected) in cases {
            let error = ApiError::RateLimited {
                retry_after_secs: seconds,
            };
            assert_eq!(retry_delay_ms(1, &error, jitter), expected, "{seconds:?}");
        }
    }

    #[test]
    fn three_dropped_connections_then_success_flags_a_possible_duplicate() {
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("pj-1"), T0);
        let mut now = T0;
        for drop in 1..=3 {
            let delivery = attempt(&mut outbox, "pj-1", now, Err(ApiError::Network));
            now = next_at(&delivery);
            let entry = outbox.get("pj-1").unwrap();
            assert_eq!(entry.attempts, drop);
            assert!(entry.request_went_out_without_answer);
        }
        let last = attempt(&mut outbox, "pj-1", now, Ok(created(7, "pj-1")));
        let Delivery::Delivered(entry) = last else {
            panic!("{last:?}")
        };
        assert!(entry.possible_duplicate);
        assert!(outbox.entries.is_empty());
    }

    #[test]
    fn unauthorized_fails_at_once_and_nothing_is_retried() {
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("pj-1"), T0);
        outbox.enqueue(candidate("pj-2"), T0);
        let delivery = attempt(&mut outbox, "pj-1", T0, Err(ApiError::Unauthorized));
        let Delivery::Failed { reason } = delivery else {
            panic!("{delivery:?}")
        };
        assert_eq!(reason.kind, ErrorKind::Unauthorized);
        assert!(reason.english().message.contains("extension options"));
        // Kept for the user, never due again on its own.
        let entry = outbox.get("pj-1").unwrap();
        assert!(matches!(entry.state, EntryState::Failed { .. }));
        for later in [T0, T0 + 60_000, T0 + MAX_AGE_MS * 2] {
            assert!(!outbox.is_due("pj-1", later));
        }
        // Other entries are unaffected.
        assert!(outbox.is_due("pj-2", T0));
    }

    #[test]
    fn non_retryable_failures() {
        let cases = [
            ApiError::Unauthorized,
            ApiError::Forbidden,
            ApiError::NotFound,
            ApiError::Validation {
                field: Some("last_name".into()),
                message: String::new(),
            },
            ApiError::BadResponse,
        ];
        for error in cases {
            let mut outbox = Outbox::default();
            outbox.enqueue(candidate("pj-1"), T0);
            let delivery = attempt(&mut outbox, "pj-1", T0, Err(error.clone()));
            assert!(matches!(delivery, Delivery::Failed { .. }), "{error:?}");
            assert_eq!(outbox.next_wake_at(), None, "{error:?}");
            assert_eq!(
                outbox.get("pj-1").unwrap().request_went_out_without_answer,
                error == ApiError::BadResponse,
                "{error:?}"
            );
        }
    }

    #[test]
    fn gives_up_after_max_attempts() {
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("pj-1"), T0);
        let mut now = T0;
        let mut sent = 0;
        let reason = loop {
            let delivery = attempt(&mut outbox, "pj-1", now, Err(ApiError::Timeout));
            sent += 1;
            match delivery {
                Delivery::Retrying { at_ms, .. } => now = at_ms,
                Delivery::Failed { reason } => break reason,
                Delivery::Delivered(_) => unreachable!(),
            }
            assert!(sent <= MAX_ATTEMPTS, "never gave up");
        };
        assert_eq!(sent, MAX_ATTEMPTS);
        assert_eq!(reason.kind, ErrorKind::Timeout);
        assert!(
            reason.english().message.contains("toolbar button"),
            "{}",
            reason.english().message
        );
        assert!(now - T0 < MAX_AGE_MS);
        assert_eq!(outbox.next_wake_at(), None);
    }

    #[test]
    fn gives_up_when_too_old() {
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("pj-1"), T0);
        // The browser was closed for a day: the first attempt comes late.
        let late = T0 + MAX_AGE_MS;
        let delivery = attempt(&mut outbox, "pj-1", late, Err(ApiError::Network));
        assert!(matches!(delivery, Delivery::Failed { .. }), "{delivery:?}");
    }

    #[test]
    fn backoff_grows_stays_jittered_and_capped() {
        for attempts in 1..=40 {
            let exponent = (attempts - 1).min(20);
            let full = (BASE_DELAY_MS << exponent).min(MAX_DELAY_MS);
            for jitter in [0, 1, 7, 999_999, u64::MAX] {
                let delay = retry_delay_ms(attempts, &ApiError::Network, jitter);
                assert!(
                    delay >= full / 2 && delay <= full,
                    "{attempts} {jitter}: {delay}"
                );
                assert!(delay <= MAX_DELAY_MS);
            }
        }
        assert_eq!(retry_delay_ms(1, &ApiError::Network, 0), 1_000);
        assert_eq!(retry_delay_ms(3, &ApiError::Network, 0), 4_000);
        assert_eq!(retry_delay_ms(3, &ApiError::Network, 4_000), 8_000);
        assert_eq!(retry_delay_ms(0, &ApiError::Network, 0), 1_000);
    }

    #[test]
    fn different_jitter_spreads_retries() {
        let delays: std::collections::HashSet<u64> = (0..50)
            .map(|jitter| retry_delay_ms(4, &ApiError::Network, jitter * 97))
            .collect();
        assert!(delays.len() > 10, "{delays:?}");
    }

    #[test]
    fn restart_with_an_entry_in_flight() {
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("pj-1"), T0);
        outbox.mark_in_flight("pj-1", EMAIL, T0).unwrap();
        // The service worker dies; storage holds the outbox.
        let stored = serde_json::to_string(&outbox).unwrap();
        let mut restarted: Outbox = serde_json::from_str(&stored).unwrap();
        assert_eq!(restarted, outbox);
        assert_eq!(restarted.next_wake_at(), Some(T0 + REQUEST_TIMEOUT_MS));
        // Too early: the request might still be answered.
        assert!(restarted.recover(T0 + REQUEST_TIMEOUT_MS - 1, 0).is_empty());
        assert!(restarted.due(T0 + REQUEST_TIMEOUT_MS - 1).is_empty());
        let recovered = restarted.recover(T0 + REQUEST_TIMEOUT_MS, 0);
        assert_eq!(recovered, ["pj-1"]);
        let entry = restarted.get("pj-1").unwrap();
        assert_eq!(entry.state, EntryState::Pending);
        assert!(entry.request_went_out_without_answer);
        assert_eq!(entry.attempts, 1);
        let at = restarted.next_wake_at().unwrap();
        assert!(at > T0 + REQUEST_TIMEOUT_MS);
        let delivery = attempt(&mut restarted, "pj-1", at, Ok(created(7, "pj-1")));
        let Delivery::Delivered(entry) = delivery else {
            panic!("{delivery:?}")
        };
        assert!(entry.possible_duplicate);
    }

    #[test]
    fn recovery_after_the_clock_went_back() {
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("pj-1"), T0);
        outbox.mark_in_flight("pj-1", EMAIL, T0).unwrap();
        assert_eq!(outbox.recover(T0 - 3_600_000, 0), ["pj-1"]);
    }

    #[test]
    fn a_late_failure_after_recovery_changes_nothing() {
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("pj-1"), T0);
        outbox.mark_in_flight("pj-1", EMAIL, T0).unwrap();
        outbox.recover(T0 + REQUEST_TIMEOUT_MS, 0);
        let before = outbox.clone();
        assert_eq!(
            outbox.on_response("pj-1", Err(ApiError::Timeout), T0 + REQUEST_TIMEOUT_MS, 0),
            Err(OutboxError::NotInFlight)
        );
        assert_eq!(outbox, before);
        // A late confirmation still counts: it must reach the ledger.
        let late = outbox.on_response("pj-1", Ok(created(7, "pj-1")), T0 + 30_000, 0);
        assert!(matches!(late, Ok(Delivery::Delivered(_))));
    }

    #[test]
    fn a_confirmed_send_is_never_repeated() {
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("pj-1"), T0);
        attempt(&mut outbox, "pj-1", T0, Ok(created(7, "pj-1")));
        for later in [T0, T0 + 1_000_000] {
            assert!(outbox.due(later).is_empty());
            assert!(outbox.recover(later, 0).is_empty());
        }
        assert_eq!(
            outbox.on_response("pj-1", Err(ApiError::Network), T0, 0),
            Err(OutboxError::UnknownSend)
        );
        assert_eq!(
            outbox.mark_in_flight("pj-1", EMAIL, T0).unwrap_err(),
            OutboxError::UnknownSend
        );
    }

    #[test]
    fn duplicate_enqueue_keeps_one_entry() {
        let mut outbox = Outbox::default();
        assert_eq!(outbox.enqueue(candidate("pj-1"), T0), Enqueued::Added);
        let mut edited = candidate("pj-1");
        edited.last_name = "Byron".into();
        assert_eq!(outbox.enqueue(edited.clone(), T0 + 5), Enqueued::Updated);
        assert_eq!(outbox.entries.len(), 1);
        assert_eq!(outbox.get("pj-1").unwrap().candidate, edited);
        assert_eq!(outbox.get("pj-1").unwrap().queued_at_ms, T0);

        // While in flight, a second click changes nothing.
        outbox.mark_in_flight("pj-1", EMAIL, T0 + 10).unwrap();
        assert_eq!(
            outbox.enqueue(candidate("pj-1"), T0 + 11),
            Enqueued::InFlight
        );
        assert_eq!(outbox.get("pj-1").unwrap().candidate, edited);
        assert_eq!(outbox.entries.len(), 1);
        assert!(outbox.due(T0 + 11).is_empty());
    }

    #[test]
    fn enqueue_keeps_a_rate_limit_schedule_but_restarts_a_failed_send() {
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("pj-1"), T0);
        let limited = ApiError::RateLimited {
            retry_after_secs: Some(30),
        };
        let at = next_at(&attempt(&mut outbox, "pj-1", T0, Err(limited)));
        outbox.enqueue(candidate("pj-1"), T0 + 1_000);
        assert!(!outbox.is_due("pj-1", T0 + 1_000));
        assert_eq!(outbox.get("pj-1").unwrap().next_attempt_at_ms, at);

        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("pj-2"), T0);
        attempt(&mut outbox, "pj-2", T0, Err(ApiError::Unauthorized));
        assert_eq!(
            outbox.enqueue(candidate("pj-2"), T0 + 1_000),
            Enqueued::Updated
        );
        let entry = outbox.get("pj-2").unwrap();
        assert_eq!((entry.attempts, entry.queued_at_ms), (0, T0 + 1_000));
        assert_eq!(entry.last_error, None);
        assert!(outbox.is_due("pj-2", T0 + 1_000));
    }

    #[test]
    fn user_retry_and_discard() {
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("failed"), T0);
        outbox.enqueue(candidate("pending"), T0);
        outbox.enqueue(candidate("flying"), T0);
        attempt(&mut outbox, "failed", T0, Err(ApiError::Forbidden));
        next_at(&attempt(&mut outbox, "pending", T0, Err(ApiError::Network)));
        outbox.mark_in_flight("flying", EMAIL, T0).unwrap();

        let cases = [
            ("failed", Ok(())),
            ("pending", Ok(())),
            ("flying", Err(OutboxError::SendInProgress)),
            ("missing", Err(OutboxError::UnknownSend)),
        ];
        let now = T0 + 500;
        for (id, expected) in cases {
            let mut copy = outbox.clone();
            let retried = copy.retry(id, now).map(|entry| {
                assert_eq!(entry.state, EntryState::Pending);
                assert_eq!((entry.attempts, entry.next_attempt_at_ms), (0, now));
            });
            assert_eq!(retried, expected, "retry {id}");
            if expected.is_ok() {
                assert!(copy.is_due(id, now), "{id}");
            }
            let mut copy = outbox.clone();
            let discarded = copy
                .discard(id)
                .map(|entry| assert_eq!(entry.external_id, id));
            assert_eq!(discarded, expected, "discard {id}");
            assert_eq!(copy.get(id).is_some(), expected.is_err() && id != "missing");
        }
        // Retrying keeps the "may have been created" flag of the lost request.
        let mut copy = outbox.clone();
        assert!(
            copy.retry("pending", now)
                .unwrap()
                .request_went_out_without_answer
        );
    }

    #[test]
    fn next_wake_is_the_earliest_moment_something_is_due() {
        let mut outbox = Outbox::default();
        assert_eq!(outbox.next_wake_at(), None);
        outbox.enqueue(candidate("a"), T0 + 50_000);
        outbox.enqueue(candidate("b"), T0 + 10_000);
        assert_eq!(outbox.next_wake_at(), Some(T0 + 10_000));
        outbox.mark_in_flight("b", EMAIL, T0 + 10_000).unwrap();
        assert_eq!(
            outbox.next_wake_at(),
            Some(T0 + 10_000 + REQUEST_TIMEOUT_MS)
        );
        outbox.mark_in_flight("a", EMAIL, T0 + 50_000).unwrap();
        outbox
            .on_response("a", Err(ApiError::Unauthorized), T0 + 50_000, 0)
            .unwrap();
        assert_eq!(
            outbox.next_wake_at(),
            Some(T0 + 10_000 + REQUEST_TIMEOUT_MS)
        );
    }

    #[test]
    fn due_is_ordered_and_skips_other_states() {
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("late"), T0 + 3);
        outbox.enqueue(candidate("early"), T0 + 1);
        outbox.enqueue(candidate("future"), T0 + 100);
        outbox.enqueue(candidate("flying"), T0);
        outbox.mark_in_flight("flying", EMAIL, T0).unwrap();
        let ids: Vec<&str> = outbox
            .due(T0 + 10)
            .iter()
            .map(|e| e.external_id.as_str())
            .collect();
        assert_eq!(ids, ["early", "late"]);
    }

    #[test]
    fn mark_in_flight_needs_a_pending_entry() {
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("pj-1"), T0);
        outbox.mark_in_flight("pj-1", EMAIL, T0).unwrap();
        assert_eq!(
            outbox.mark_in_flight("pj-1", EMAIL, T0).unwrap_err(),
            OutboxError::NotPending
        );
        assert_eq!(
            outbox.mark_in_flight("x", EMAIL, T0).unwrap_err(),
            OutboxError::UnknownSend
        );
    }

    #[test]
    fn errors_reply_in_plain_words() {
        assert_eq!(
            OutboxError::SendInProgress.failure().kind,
            ErrorKind::SendInProgress
        );
        assert_eq!(
            OutboxError::UnknownSend.failure().kind,
            ErrorKind::UnknownSend
        );
    }

    #[test]
    fn storage_format() {
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("pj-1"), T0);
        outbox.enqueue(candidate("pj-2"), T0);
        attempt(&mut outbox, "pj-2", T0, Err(ApiError::Forbidden));
        let value = serde_json::to_value(&outbox).unwrap();
        assert_eq!(value["entries"][0]["state"], "pending");
        assert_eq!(value["entries"][1]["state"], "failed");
        assert_eq!(value["entries"][1]["reason"]["kind"], "forbidden");
        assert_eq!(value["entries"][0]["candidate"]["external_id"], "pj-1");
        let back: Outbox = serde_json::from_value(value).unwrap();
        assert_eq!(back, outbox);
        assert_eq!(
            serde_json::from_str::<Outbox>("{}").unwrap(),
            Outbox::default()
        );
    }

    #[test]
    fn names_are_trimmed() {
        let mut odd = candidate("pj-1");
        odd.first_name = " Ada ".into();
        odd.last_name = String::new();
        assert_eq!(candidate_name(&odd), "Ada");
    }
}

//! Sending prospects: the outbox adapter. Persists every send in storage
//! before its request leaves, sends exactly one `POST candidates` per
//! attempt, moves confirmed sends to the ledger, and schedules `alarms` for
//! retries. Every decision (retry or not, when, duplicates) is the core
//! outbox's; this module only persists, sends and schedules.
//!
//! Never keeps a send only in memory: the outbox in storage is the truth, so
//! a stopped service worker resumes where it was.

use serde::{Deserialize, Serialize};

use super::{http, lock, now_ms, setup, store};
use crate::browser;
use crate::core::error_reply::{ErrorKind, ErrorReply};
use crate::core::greenhouse::candidate::NewCandidate;
use crate::core::greenhouse::error::ApiError;
use crate::core::greenhouse::requests::{self, Credentials};
use crate::core::greenhouse::responses;
use crate::core::ledger::{Ledger, LedgerEntry};
use crate::core::outbox::{Delivery, Enqueued, Outbox, OutboxEntry};
use crate::core::settings::{apply_destination, Destination};

/// Storage key of the [`Outbox`].
pub const OUTBOX_KEY: &str = "outbox";
/// Storage key of the [`Ledger`].
pub const LEDGER_KEY: &str = "ledger";
/// Name of the one alarm that wakes the background for outbox retries.
pub const RETRY_ALARM: &str = "outbox-retry";

/// What became of one send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Greenhouse confirmed it; the ledger has it.
    Sent(LedgerEntry),
    /// It waits in the outbox for an automatic retry at `at_ms`.
    Queued {
        /// When the next attempt is due.
        at_ms: u64,
        /// Why it is waiting (`null` when it simply is not due yet).
        reason: Option<ErrorReply>,
    },
    /// Its request is out right now (a second click while sending).
    InFlight,
    /// Greenhouse refused it, or the outbox gave up: the user must act.
    Failed(ErrorReply),
    /// It was already sent and no resend was asked for.
    AlreadySent(LedgerEntry),
}

/// The stored outbox (empty when none).
pub async fn load_outbox() -> Result<Outbox, ErrorReply> {
    store::get_or_default(OUTBOX_KEY)
        .await
        .map_err(|error| error.reply())
}

/// The stored ledger (empty when none).
pub async fn load_ledger() -> Result<Ledger, ErrorReply> {
    store::get_or_default(LEDGER_KEY)
        .await
        .map_err(|error| error.reply())
}

async fn save_outbox(outbox: &Outbox) -> Result<(), ErrorReply> {
    store::set(OUTBOX_KEY, outbox)
        .await
        .map_err(|error| error.reply())
}

/// `SendProspect`: shape `candidate` for the destination (the override, or
/// the default from the settings), queue it, and deliver it now.
pub async fn send_prospect(
    candidate: NewCandidate,
    destination: Option<Destination>,
    resend: bool,
) -> Result<Outcome, ErrorReply> {
    let settings = setup::load().await?;
    let credentials = setup::connected_credentials(&settings)?;
    if !resend {
        let ledger = load_ledger().await?;
        if let Some(entry) = ledger.lookup(&candidate.external_id) {
            return Ok(Outcome::AlreadySent(entry.clone()));
        }
    }
    let destination = destination.unwrap_or_else(|| settings.default_destination.clone());
    let candidate = apply_destination(
        candidate,
        &destination,
        settings.prospect_owner_email.as_deref(),
    );
    let external_id = candidate.external_id.clone();
    let enqueued = lock::exclusive(|| async {
        let mut outbox = load_outbox().await?;
        let enqueued = outbox.enqueue(candidate, now_ms());
        save_outbox(&outbox).await?;
        Ok::<_, ErrorReply>(enqueued)
    })
    .await?;
    match enqueued {
        Enqueued::InFlight => Ok(Outcome::InFlight),
        Enqueued::Added | Enqueued::Updated => deliver(&external_id, &credentials).await,
    }
}

/// Deliver the outbox entry `external_id` if it is due: mark it in flight
/// (persisted), send the one request, apply the answer, persist, schedule
/// the next wake-up. When it is not due, say when it will be.
pub async fn deliver(external_id: &str, credentials: &Credentials) -> Result<Outcome, ErrorReply> {
    let leaving = lock::exclusive(|| async {
        let mut outbox = load_outbox().await?;
        let now = now_ms();
        let entry = match outbox.is_due(external_id, now) {
            true => outbox
                .mark_in_flight(external_id, &credentials.on_behalf_of, now)
                .ok()
                .cloned(),
            false => None,
        };
        if entry.is_some() {
            save_outbox(&outbox).await?;
        }
        Ok::<_, ErrorReply>((entry, outbox))
    })
    .await?;
    let entry = match leaving {
        (Some(entry), _) => entry,
        (None, outbox) => {
            schedule(&outbox);
            return Ok(waiting(outbox.get(external_id)));
        }
    };
    let request = requests::create_candidate(credentials, &entry.candidate);
    let result = match http::send(&request).await {
        Ok(response) => responses::interpret_created_candidate(&response, now_ms()),
        Err(error) => Err(error),
    };
    let no_permission =
        matches!(result, Err(ApiError::Network)) && !setup::has_host_permission().await;
    let delivery = lock::exclusive(|| async {
        let mut outbox = load_outbox().await?;
        let delivery = outbox.on_response(external_id, result, now_ms(), jitter());
        save_outbox(&outbox).await?;
        if let Ok(Delivery::Delivered(ledger_entry)) = &delivery {
            let mut ledger = load_ledger().await?;
            ledger.record(ledger_entry.clone());
            store::set(LEDGER_KEY, &ledger)
                .await
                .map_err(|error| error.reply())?;
        }
        schedule(&outbox);
        Ok::<_, ErrorReply>((delivery, outbox))
    })
    .await?;
    Ok(match delivery {
        (Ok(Delivery::Delivered(ledger_entry)), _) => Outcome::Sent(ledger_entry),
        (Ok(Delivery::Retrying { at_ms, reason }), _) => Outcome::Queued {
            at_ms,
            reason: Some(match no_permission {
                true => ErrorReply::of(ErrorKind::HostPermission),
                false => reason,
            }),
        },
        (Ok(Delivery::Failed { reason }), _) => Outcome::Failed(reason),
        // The entry changed under us (discarded, or recovered as lost while
        // the answer was on its way): report what the outbox holds now.
        (Err(_), outbox) => waiting(outbox.get(external_id)),
    })
}

/// What an entry that is not being sent right now stands for.
fn waiting(entry: Option<&OutboxEntry>) -> Outcome {
    use crate::core::outbox::EntryState;
    match entry {
        Some(entry) => match &entry.state {
            EntryState::Pending => Outcome::Queued {
                at_ms: entry.next_attempt_at_ms,
                reason: entry.last_error.clone(),
            },
            EntryState::InFlight { .. } => Outcome::InFlight,
            EntryState::Failed { reason } => Outcome::Failed(reason.clone()),
        },
        // Gone: discarded meanwhile (a confirmation returns `Sent` earlier).
        None => Outcome::Failed(ErrorReply::of(ErrorKind::UnknownSend)),
    }
}

/// A wake-up (alarm, browser start, install, back online): give up on
/// requests that can no longer be answered, then deliver every due entry.
pub async fn resume() -> Result<(), ErrorReply> {
    let due: Vec<String> = lock::exclusive(|| async {
        let mut outbox = load_outbox().await?;
        let now = now_ms();
        if !outbox.recover(now, jitter()).is_empty() {
            save_outbox(&outbox).await?;
        }
        schedule(&outbox);
        Ok::<_, ErrorReply>(
            outbox
                .due(now)
                .into_iter()
                .map(|entry| entry.external_id.clone())
                .collect(),
        )
    })
    .await?;
    if due.is_empty() {
        return Ok(());
    }
    let settings = setup::load().await?;
    // Not connected (the integration was removed): the entries wait until
    // it is set up again, then the user retries them.
    let Ok(credentials) = setup::connected_credentials(&settings) else {
        return Ok(());
    };
    for external_id in due {
        deliver(&external_id, &credentials).await?;
    }
    Ok(())
}

/// The user's "Retry" of a queued or failed send: due now, fresh budget,
/// delivered at once.
pub async fn retry(external_id: &str) -> Result<Outcome, ErrorReply> {
    let settings = setup::load().await?;
    let credentials = setup::connected_credentials(&settings)?;
    lock::exclusive(|| async {
        let mut outbox = load_outbox().await?;
        outbox
            .retry(external_id, now_ms())
            .map_err(|error| error.reply())?;
        save_outbox(&outbox).await
    })
    .await?;
    deliver(external_id, &credentials).await
}

/// The user's "Discard" of a queued or failed send.
pub async fn discard(external_id: &str) -> Result<(), ErrorReply> {
    lock::exclusive(|| async {
        let mut outbox = load_outbox().await?;
        outbox.discard(external_id).map_err(|error| error.reply())?;
        schedule(&outbox);
        save_outbox(&outbox).await
    })
    .await
}

/// Set the retry alarm to the outbox's next wake-up (or leave none).
fn schedule(outbox: &Outbox) {
    match outbox.next_wake_at() {
        // An alarm in the past fires at once; Chrome delays alarms of packed
        // extensions to at least 30 s, which only slows the retry down.
        Some(at_ms) => {
            let _ = browser::alarm_create(RETRY_ALARM, at_ms as f64);
        }
        None => {
            let _ = browser::alarm_clear(RETRY_ALARM);
        }
    }
}

/// A random value for the outbox's retry jitter.
fn jitter() -> u64 {
    (js_sys::Math::random() * 1_000_000_000.0) as u64
}

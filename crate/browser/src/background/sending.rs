//! Sending prospects: the outbox adapter. Persists every send in storage
//! before its request leaves, sends exactly one `POST candidates` per
//! attempt, moves confirmed sends to the ledger, and schedules `alarms` for
//! retries. Every decision (retry or not, when, duplicates) is the core
//! outbox's; this module only persists, sends and schedules.
//!
//! Never keeps a send only in memory: the outbox in storage is the truth, so
//! a stopped service worker resumes where it was.

use super::{http, lock, now_ms, setup, store};
use crate::core::contract::error_reply::{ErrorKind, Failure};
use crate::core::contract::reply::SendOutcome;
use crate::core::greenhouse::candidate::NewCandidate;
use crate::core::greenhouse::error::ApiError;
use crate::core::greenhouse::requests::{self, Credentials};
use crate::core::greenhouse::responses;
use crate::core::sending::guard;
use crate::core::sending::ledger::Ledger;
use crate::core::sending::outbox::{Delivery, Enqueued, EntryState, Outbox, OutboxEntry};
use crate::core::sending::plan::{plan_send, SendPlan};
use crate::core::sending::settings::Destination;
use crate::locale::I18N;
use crate::shim;

/// Storage key of the [`Outbox`].
pub const OUTBOX_KEY: &str = "outbox";
/// Storage key of the [`Ledger`].
pub const LEDGER_KEY: &str = "ledger";
/// Name of the one alarm that wakes the background for outbox retries.
pub const RETRY_ALARM: &str = "outbox-retry";

/// The stored outbox (empty when none).
pub async fn load_outbox() -> Result<Outbox, Failure> {
    store::get_or_default(OUTBOX_KEY)
        .await
        .map_err(|error| error.failure())
}

/// The stored ledger (empty when none), without entries past
/// [`Ledger::MAX_AGE_MS`] (they leave storage at the next write or wake-up).
pub async fn load_ledger() -> Result<Ledger, Failure> {
    let mut ledger: Ledger = store::get_or_default(LEDGER_KEY)
        .await
        .map_err(|error| error.failure())?;
    ledger.prune(now_ms());
    Ok(ledger)
}

async fn save_outbox(outbox: &Outbox) -> Result<(), Failure> {
    store::set(OUTBOX_KEY, outbox)
        .await
        .map_err(|error| error.failure())
}

/// `SendProspect`: the core plans it (not connected, required fields,
/// already sent, already on its way, destination and owner applied); a body
/// to send is queued in storage, then delivered with one request.
pub async fn send_prospect(
    candidate: NewCandidate,
    destination: Option<Destination>,
    resend: bool,
) -> Result<SendOutcome, Failure> {
    let started = crate::perf::now();
    let settings = setup::load().await?;
    guard::check_destination(&settings, destination.as_ref())?;
    let ledger = load_ledger().await?;
    crate::perf::span(crate::perf::BG_STEP, "settings+ledger", started);
    let connected = setup::connected_credentials(&settings);
    let queued = lock::exclusive(|| async {
        let mut outbox = load_outbox().await?;
        // Nothing is written or sent before the plan accepts the send: the
        // warm-up (`warm_up::rehearse`) calls this function with a
        // candidate the plan refuses.
        let plan = plan_send(
            &settings,
            &ledger,
            &outbox,
            candidate,
            destination.as_ref(),
            resend,
        )?;
        let candidate = match plan {
            SendPlan::Reply(outcome) => return Ok(Queued::Answered(outcome)),
            SendPlan::Send(candidate) => candidate,
        };
        let external_id = candidate.external_id.clone();
        if let Enqueued::InFlight = outbox.enqueue(*candidate, now_ms()) {
            return Ok(Queued::Answered(SendOutcome::InProgress));
        }
        let leaving = match &connected {
            Ok(credentials) => take_due(&mut outbox, &external_id, credentials).map(|entry| {
                http::start(requests::create_candidate(credentials, &entry.candidate))
            }),
            Err(_) => None,
        };
        let Some(leaving) = leaving else {
            save_outbox(&outbox).await?;
            return Ok(Queued::Waiting(external_id, outbox));
        };
        // The request has left; the entry, queued and marked in flight,
        // is written right behind it in the same task (one write), a few
        // milliseconds before the request could be answered: a worker
        // stopped while the request is out (the browser stops only idle
        // ones, and this one is handling a message) finds it in storage,
        // as before. Waiting for the write first cost every click 2–7 ms
        // (README "Performance", issue 12). If the write fails, the
        // answer is applied to this task's copy and written again.
        crate::perf::span(crate::perf::BG_STEP, "plan+queue", started);
        let written = save_outbox(&outbox).await.is_ok();
        schedule(&outbox);
        Ok::<_, Failure>(Queued::Leaving {
            external_id,
            leaving,
            unsaved: (!written).then_some(outbox),
        })
    })
    .await?;
    match queued {
        Queued::Answered(outcome) => Ok(outcome),
        Queued::Waiting(external_id, outbox) => {
            connected?;
            schedule(&outbox);
            Ok(waiting(outbox.get(external_id.as_str())))
        }
        Queued::Leaving {
            external_id,
            leaving,
            unsaved,
        } => {
            let started = crate::perf::now();
            let sent = leaving.answer().await;
            crate::perf::span(crate::perf::BG_STEP, "request", started);
            apply_answer(&external_id, sent, unsaved).await
        }
    }
}

/// Where `send_prospect`'s step under the lock left a send.
enum Queued {
    /// The plan answered without a request (already sent, on its way, a
    /// required field missing, ...).
    Answered(SendOutcome),
    /// Queued, not sent now (not connected, or not due).
    Waiting(String, Outbox),
    /// Its request is out; `unsaved`: the outbox this task could not write.
    Leaving {
        external_id: String,
        leaving: http::Leaving,
        unsaved: Option<Outbox>,
    },
}

/// Marks the outbox entry `external_id` in flight if it is due; the entry
/// to send (then `outbox` must be saved: before its request leaves in
/// `deliver`, right behind it in `send_prospect`). The warm-up runs it on
/// an outbox of its own.
pub(super) fn take_due(
    outbox: &mut Outbox,
    external_id: &str,
    credentials: &Credentials,
) -> Option<OutboxEntry> {
    let now = now_ms();
    match outbox.is_due(external_id, now) {
        true => outbox
            .mark_in_flight(external_id, &credentials.on_behalf_of, now)
            .ok()
            .cloned(),
        false => None,
    }
}

/// Reads what a send needs (settings, ledger, outbox) into the store's copy
/// and runs their decoding once, so the next send waits on neither
/// (`Request::Wake`). Errors are left for the send to meet.
pub async fn preload() {
    let _ = setup::load().await;
    let _ = load_ledger().await;
    let _ = load_outbox().await;
}

/// Deliver the outbox entry `external_id` if it is due: mark it in flight
/// (persisted), send the one request, apply the answer, persist, schedule
/// the next wake-up. When it is not due, say when it will be.
pub async fn deliver(external_id: &str, credentials: &Credentials) -> Result<SendOutcome, Failure> {
    let leaving = lock::exclusive(|| async {
        let mut outbox = load_outbox().await?;
        let entry = take_due(&mut outbox, external_id, credentials);
        if entry.is_some() {
            save_outbox(&outbox).await?;
            // Wake up after the timeout even if this worker is stopped
            // while the request is out: the entry then counts as lost and
            // is retried from storage.
            schedule(&outbox);
        }
        Ok::<_, Failure>((entry, outbox))
    })
    .await?;
    send_taken(external_id, credentials, leaving).await
}

/// Sends the entry `deliver` (or `send_prospect`) took, if any, and applies
/// the answer; without one, says when the entry will be sent.
async fn send_taken(
    external_id: &str,
    credentials: &Credentials,
    leaving: (Option<OutboxEntry>, Outbox),
) -> Result<SendOutcome, Failure> {
    let entry = match leaving {
        (Some(entry), _) => entry,
        (None, outbox) => {
            schedule(&outbox);
            return Ok(waiting(outbox.get(external_id)));
        }
    };
    let request = requests::create_candidate(credentials, &entry.candidate);
    let started = crate::perf::now();
    let sent = http::send(&request).await;
    crate::perf::span(crate::perf::BG_STEP, "request", started);
    apply_answer(external_id, sent, None).await
}

/// Applies Greenhouse's answer (or its absence) to the outbox entry
/// `external_id`, moves a confirmed send to the ledger and schedules the
/// next wake-up. `unsaved`: the outbox as the sender meant to store it when
/// that write failed (what the store holds then is unknown).
async fn apply_answer(
    external_id: &str,
    sent: Result<crate::core::greenhouse::HttpResponse, ApiError>,
    unsaved: Option<Outbox>,
) -> Result<SendOutcome, Failure> {
    let result = match sent {
        Ok(response) => responses::interpret_created_candidate(&response, now_ms()),
        Err(error) => Err(error),
    };
    let no_permission =
        matches!(result, Err(ApiError::Network)) && !setup::has_host_permission().await;
    let delivery = lock::exclusive(|| async {
        let mut outbox = match unsaved {
            Some(outbox) => outbox,
            None => load_outbox().await?,
        };
        let delivery = outbox.on_response(external_id, result, now_ms(), jitter());
        save_outbox(&outbox).await?;
        if let Ok(Delivery::Delivered(ledger_entry)) = &delivery {
            let mut ledger = load_ledger().await?;
            ledger.record(ledger_entry.clone());
            store::set(LEDGER_KEY, &ledger)
                .await
                .map_err(|error| error.failure())?;
        }
        schedule(&outbox);
        Ok::<_, Failure>((delivery, outbox))
    })
    .await?;
    Ok(match delivery {
        (Ok(Delivery::Retrying { at_ms, .. }), _) if no_permission => SendOutcome::Queued {
            reason: Some(Failure::of(ErrorKind::HostPermission).reply(&I18N)),
            next_attempt_at_ms: at_ms,
        },
        (Ok(delivery), _) => SendOutcome::from_delivery(delivery, &I18N),
        // The entry changed under us (discarded, or recovered as lost while
        // the answer was on its way): report what the outbox holds now.
        (Err(_), outbox) => waiting(outbox.get(external_id)),
    })
}

/// What an entry that is not being sent right now stands for.
fn waiting(entry: Option<&OutboxEntry>) -> SendOutcome {
    match entry {
        Some(entry) => match &entry.state {
            EntryState::Pending => SendOutcome::Queued {
                reason: entry.last_error.as_ref().map(|f| f.reply(&I18N)),
                next_attempt_at_ms: entry.next_attempt_at_ms,
            },
            EntryState::InFlight { .. } => SendOutcome::InProgress,
            EntryState::Failed { reason } => SendOutcome::Failed {
                error: reason.reply(&I18N),
            },
        },
        // Gone: discarded meanwhile (a confirmation returns `Sent` earlier).
        None => SendOutcome::Failed {
            error: Failure::of(ErrorKind::UnknownSend).reply(&I18N),
        },
    }
}

/// A wake-up (alarm, browser start, install, back online): give up on
/// requests that can no longer be answered, then deliver every due entry.
pub async fn resume() -> Result<(), Failure> {
    let due: Vec<String> = lock::exclusive(|| async {
        // The ledger keeps no entry past its age limit in storage either.
        let mut ledger: Ledger = store::get_or_default(LEDGER_KEY)
            .await
            .map_err(|error| error.failure())?;
        if ledger.prune(now_ms()) {
            store::set(LEDGER_KEY, &ledger)
                .await
                .map_err(|error| error.failure())?;
        }
        let mut outbox = load_outbox().await?;
        let now = now_ms();
        if !outbox.recover(now, jitter()).is_empty() {
            save_outbox(&outbox).await?;
        }
        schedule(&outbox);
        Ok::<_, Failure>(
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
pub async fn retry(external_id: &str) -> Result<SendOutcome, Failure> {
    let settings = setup::load().await?;
    let credentials = setup::connected_credentials(&settings)?;
    lock::exclusive(|| async {
        let mut outbox = load_outbox().await?;
        outbox
            .retry(external_id, now_ms())
            .map_err(|error| error.failure())?;
        save_outbox(&outbox).await
    })
    .await?;
    deliver(external_id, &credentials).await
}

/// The user's "Discard" of a queued or failed send.
pub async fn discard(external_id: &str) -> Result<(), Failure> {
    lock::exclusive(|| async {
        let mut outbox = load_outbox().await?;
        outbox
            .discard(external_id)
            .map_err(|error| error.failure())?;
        schedule(&outbox);
        save_outbox(&outbox).await
    })
    .await
}

/// "Clear history": delete the ledger and the outbox. A request that is
/// out meanwhile finds no entry to confirm and records nothing.
pub async fn clear_history() -> Result<(), Failure> {
    lock::exclusive(|| async {
        store::remove(OUTBOX_KEY)
            .await
            .map_err(|error| error.failure())?;
        store::remove(LEDGER_KEY)
            .await
            .map_err(|error| error.failure())?;
        let _ = shim::alarm_clear(RETRY_ALARM);
        Ok(())
    })
    .await
}

/// Set the retry alarm to the outbox's next wake-up (or leave none).
fn schedule(outbox: &Outbox) {
    match outbox.next_wake_at() {
        // An alarm in the past fires at once; Chrome delays alarms of packed
        // extensions to at least 30 s, which only slows the retry down.
        Some(at_ms) => {
            let _ = shim::alarm_create(RETRY_ALARM, at_ms as f64);
        }
        None => {
            let _ = shim::alarm_clear(RETRY_ALARM);
        }
    }
}

/// A random value for the outbox's retry jitter.
fn jitter() -> u64 {
    (js_sys::Math::random() * 1_000_000_000.0) as u64
}

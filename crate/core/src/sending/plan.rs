//! The pure parts of answering the send requests: what a `SendProspect`
//! leads to ([`plan_send`]), where one profile's send stands
//! ([`send_status`]) and the popup's list ([`send_list`]), from the
//! settings, the ledger and the outbox. Nothing here performs I/O or reads a
//! clock.

use crate::contract::error_reply::{ErrorKind, Failure};
use crate::contract::records::SentRecord;
use crate::contract::reply::{
    DestinationChoices, GreenhouseLookup, SendList, SendListItem, SendListStatus, SendOutcome,
    SendSetup, SendState, SendStatus,
};
use crate::contract::sentences::Locale;
use crate::greenhouse::candidate::{missing_fields, NewCandidate};
use crate::sending::ledger::Ledger;
use crate::sending::outbox::{EntryState, Outbox};
use crate::sending::settings::{apply_destination, Destination, Settings};

/// How many confirmed sends the popup lists.
pub const SEND_LIST_LIMIT: usize = 20;

/// What to do with a `SendProspect` before any request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendPlan {
    /// Queue this body (destination and owner applied) and send it.
    Send(Box<NewCandidate>),
    /// Reply this without sending (already sent, or already on its way).
    Reply(SendOutcome),
}

/// Decides what a `SendProspect` leads to, in this order: refused when not
/// connected (`not_connected`) or when a required field is blank
/// (`validation` naming `first_name`, `last_name` or `external_id`); a
/// reply of `in_progress` when its request is out; `already_sent` when the
/// ledger has it and `resend` is false; otherwise the body to queue, shaped
/// for `destination` (or the default one) and the prospect owner.
pub fn plan_send(
    settings: &Settings,
    ledger: &Ledger,
    outbox: &Outbox,
    candidate: NewCandidate,
    destination: Option<&Destination>,
    resend: bool,
) -> Result<SendPlan, Failure> {
    if !settings.is_connected() {
        return Err(Failure::of(ErrorKind::NotConnected));
    }
    if let Some(field) = missing_fields(&candidate).first() {
        return Err(Failure::missing_field(field.api_name()));
    }
    if let Some(entry) = outbox.get(&candidate.external_id) {
        if let EntryState::InFlight { .. } = entry.state {
            return Ok(SendPlan::Reply(SendOutcome::InProgress));
        }
    }
    if let (Some(entry), false) = (ledger.lookup(&candidate.external_id), resend) {
        return Ok(SendPlan::Reply(SendOutcome::AlreadySent {
            entry: SentRecord::from(entry),
        }));
    }
    let destination = destination.unwrap_or(&settings.default_destination);
    Ok(SendPlan::Send(Box::new(apply_destination(
        candidate,
        destination,
        settings.prospect_owner_email.as_deref(),
    ))))
}

/// What the content script may know about the connection and destinations,
/// worded in `locale`.
pub fn send_setup(settings: &Settings, locale: &dyn Locale) -> SendSetup {
    SendSetup {
        connected: settings.is_connected(),
        credited_to: settings
            .connected_user
            .as_ref()
            .map(|user| user.full_name.clone()),
        always_review: settings.always_review,
        default_destination: settings.default_destination.clone(),
        destinations: settings
            .destinations
            .as_ref()
            .map(|destinations| DestinationChoices::of(destinations, locale)),
    }
}

/// The status of one profile's send, with the Greenhouse lookup not done
/// (the adapter may replace it using [`GreenhouseLookup::from_result`]).
/// The outbox wins over the ledger: a resend in progress is shown as such.
/// Failures are worded in `locale`.
pub fn send_status(
    external_id: &str,
    settings: &Settings,
    ledger: &Ledger,
    outbox: &Outbox,
    locale: &dyn Locale,
) -> SendStatus {
    let state = match (outbox.get(external_id), ledger.lookup(external_id)) {
        (Some(entry), _) => match &entry.state {
            EntryState::InFlight { since_ms } => SendState::Sending {
                since_ms: *since_ms,
            },
            EntryState::Pending => SendState::Queued {
                attempts: entry.attempts,
                next_attempt_at_ms: entry.next_attempt_at_ms,
                reason: entry.last_error.as_ref().map(|f| f.reply(locale)),
                possible_duplicate: entry.request_went_out_without_answer,
            },
            EntryState::Failed { reason } => SendState::Failed {
                error: reason.reply(locale),
                possible_duplicate: entry.request_went_out_without_answer,
            },
        },
        (None, Some(entry)) => SendState::Sent {
            entry: SentRecord::from(entry),
            lookup: GreenhouseLookup::NotChecked,
        },
        (None, None) => SendState::NotSent,
    };
    SendStatus {
        external_id: external_id.to_owned(),
        state,
        setup: send_setup(settings, locale),
    }
}

/// The popup's list: every outbox entry (failed first, then sending, then
/// queued) and the last `limit` confirmed sends not also in the outbox.
/// Failures are worded in `locale`.
pub fn send_list(ledger: &Ledger, outbox: &Outbox, limit: usize, locale: &dyn Locale) -> SendList {
    let mut waiting: Vec<SendListItem> = outbox
        .entries
        .iter()
        .map(|entry| {
            let (status, at_ms, error) = match &entry.state {
                EntryState::Failed { reason } => (
                    SendListStatus::Failed,
                    entry.queued_at_ms,
                    Some(reason.reply(locale)),
                ),
                EntryState::InFlight { since_ms } => (SendListStatus::Sending, *since_ms, None),
                EntryState::Pending => (
                    SendListStatus::Queued,
                    entry.next_attempt_at_ms,
                    entry.last_error.as_ref().map(|f| f.reply(locale)),
                ),
            };
            SendListItem {
                external_id: entry.external_id.clone(),
                name: entry.name(),
                status,
                at_ms,
                profile_url: None,
                error,
                possible_duplicate: entry.request_went_out_without_answer,
            }
        })
        .collect();
    waiting.sort_by_key(|item| {
        let rank = match item.status {
            SendListStatus::Failed => 0,
            SendListStatus::Sending => 1,
            SendListStatus::Queued => 2,
            SendListStatus::Sent => 3,
        };
        (rank, item.at_ms)
    });
    let sent = ledger
        .entries
        .iter()
        .rev()
        .filter(|entry| outbox.get(&entry.external_id).is_none())
        .take(limit)
        .map(|entry| SendListItem {
            external_id: entry.external_id.clone(),
            name: entry.name.clone(),
            status: SendListStatus::Sent,
            at_ms: entry.sent_at_ms,
            profile_url: entry.profile_url.clone(),
            error: None,
            possible_duplicate: entry.possible_duplicate,
        });
    waiting.extend(sent);
    SendList { items: waiting }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::contract::sentences::English;
    use crate::greenhouse::error::ApiError;
    use crate::greenhouse::responses::CreatedCandidate;
    use crate::sending::outbox::Delivery;
    use crate::test_support::{candidate, connected, ledger_entry, T0};

    #[test]
    fn planning_a_send() {
        let settings = connected();
        let mut ledger = Ledger::default();
        ledger.record(ledger_entry("sent", 9, T0));
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("flying"), T0);
        outbox
            .mark_in_flight("flying", "ada@example.com", T0)
            .unwrap();
        outbox.enqueue(candidate("queued"), T0);

        let plan = |candidate: NewCandidate, destination: Option<&Destination>, resend| {
            plan_send(&settings, &ledger, &outbox, candidate, destination, resend)
        };
        // Not connected.
        assert_eq!(
            plan_send(
                &Settings::default(),
                &ledger,
                &outbox,
                candidate("x"),
                None,
                false
            )
            .unwrap_err()
            .kind,
            ErrorKind::NotConnected
        );
        // Required fields.
        for (field, blank) in [("first_name", 0), ("last_name", 1), ("external_id", 2)] {
            let mut incomplete = candidate("x");
            match blank {
                0 => incomplete.first_name = " ".into(),
                1 => incomplete.last_name = String::new(),
                _ => incomplete.external_id = String::new(),
            }
            let error = plan(incomplete, None, false).unwrap_err();
            assert_eq!(error.field.as_deref(), Some(field));
        }
        assert_eq!(
            plan(candidate("flying"), None, true),
            Ok(SendPlan::Reply(SendOutcome::InProgress))
        );
        assert_eq!(
            plan(candidate("sent"), None, false),
            Ok(SendPlan::Reply(SendOutcome::AlreadySent {
                entry: SentRecord::from(&ledger_entry("sent", 9, T0))
            }))
        );
        let Ok(SendPlan::Send(body)) = plan(candidate("sent"), None, true) else {
            panic!("resend must send")
        };
        assert_eq!(body.external_id, "sent");
        let Ok(SendPlan::Send(body)) = plan(
            candidate("new"),
            Some(&Destination::Job { job_id: 5 }),
            false,
        ) else {
            panic!("new must send")
        };
        assert_eq!((body.prospect, body.job_id), (false, Some(5)));
        let Ok(SendPlan::Send(body)) = plan(candidate("queued"), None, false) else {
            panic!("queued must send")
        };
        assert!(body.prospect);
    }

    #[test]
    fn plan_uses_the_default_destination_and_owner() {
        let mut settings = connected();
        settings.default_destination = Destination::Pool {
            pool_id: 10,
            stage_id: Some(101),
        };
        settings.prospect_owner_email = Some("owner@example.com".into());
        let plan = plan_send(
            &settings,
            &Ledger::default(),
            &Outbox::default(),
            candidate("pj-1"),
            None,
            false,
        );
        let Ok(SendPlan::Send(body)) = plan else {
            panic!("{plan:?}")
        };
        assert_eq!(body.prospect_pool_id, Some(10));
        assert_eq!(body.prospect_pool_stage_id, Some(101));
        assert_eq!(
            body.prospect_owner_email.as_deref(),
            Some("owner@example.com")
        );
    }

    #[test]
    fn status_of_each_state() {
        let settings = connected();
        let mut ledger = Ledger::default();
        ledger.record(ledger_entry("sent", 9, T0));
        ledger.record(ledger_entry("resending", 8, T0));
        let mut outbox = Outbox::default();
        for id in ["flying", "queued", "failed", "resending"] {
            outbox.enqueue(candidate(id), T0);
        }
        outbox
            .mark_in_flight("flying", "ada@example.com", T0)
            .unwrap();
        outbox
            .mark_in_flight("queued", "ada@example.com", T0)
            .unwrap();
        outbox
            .on_response("queued", Err(ApiError::Network), T0, 0)
            .unwrap();
        outbox
            .mark_in_flight("failed", "ada@example.com", T0)
            .unwrap();
        outbox
            .on_response("failed", Err(ApiError::Forbidden), T0, 0)
            .unwrap();

        let state = |id: &str| send_status(id, &settings, &ledger, &outbox, &English).state;
        assert_eq!(state("nothing"), SendState::NotSent);
        assert_eq!(state("flying"), SendState::Sending { since_ms: T0 });
        let SendState::Queued {
            attempts,
            possible_duplicate,
            reason,
            ..
        } = state("queued")
        else {
            panic!()
        };
        assert_eq!((attempts, possible_duplicate), (1, true));
        assert_eq!(reason.unwrap().kind, ErrorKind::Network);
        let SendState::Failed { error, .. } = state("failed") else {
            panic!()
        };
        assert_eq!(error.kind, ErrorKind::Forbidden);
        assert_eq!(
            state("sent"),
            SendState::Sent {
                entry: SentRecord::from(&ledger_entry("sent", 9, T0)),
                lookup: GreenhouseLookup::NotChecked
            }
        );
        assert!(matches!(state("resending"), SendState::Queued { .. }));

        let status = send_status("sent", &settings, &ledger, &outbox, &English);
        assert_eq!(status.external_id, "sent");
        assert!(status.setup.connected);
        assert_eq!(status.setup.credited_to.as_deref(), Some("Ada Lovelace"));
        let unconnected = send_status("sent", &Settings::default(), &ledger, &outbox, &English);
        assert!(!unconnected.setup.connected);
    }

    #[test]
    fn the_popup_list_puts_attention_first() {
        let mut ledger = Ledger::default();
        for index in 0..25 {
            ledger.record(ledger_entry(&format!("sent-{index}"), index, T0 + index));
        }
        ledger.record(ledger_entry("queued", 100, T0 - 5));
        let mut outbox = Outbox::default();
        for id in ["queued", "flying", "failed"] {
            outbox.enqueue(candidate(id), T0);
        }
        outbox.mark_in_flight("flying", "a@b.c", T0).unwrap();
        outbox.mark_in_flight("failed", "a@b.c", T0).unwrap();
        outbox
            .on_response("failed", Err(ApiError::Unauthorized), T0, 0)
            .unwrap();
        let list = send_list(&ledger, &outbox, SEND_LIST_LIMIT, &English);
        let summary: Vec<(&str, SendListStatus)> = list
            .items
            .iter()
            .take(5)
            .map(|item| (item.external_id.as_str(), item.status))
            .collect();
        assert_eq!(
            summary,
            [
                ("failed", SendListStatus::Failed),
                ("flying", SendListStatus::Sending),
                ("queued", SendListStatus::Queued),
                ("sent-24", SendListStatus::Sent),
                ("sent-23", SendListStatus::Sent),
            ]
        );
        assert_eq!(list.items.len(), 3 + SEND_LIST_LIMIT);
        assert_eq!(
            list.items[0].error.as_ref().unwrap().kind,
            ErrorKind::Unauthorized
        );
        assert_eq!(
            list.items[3].profile_url.as_deref(),
            Some("https://app.greenhouse.io/people/24")
        );
        assert_eq!(list.items[0].name, "Grace Hopper");
        assert!(
            send_list(&Ledger::default(), &Outbox::default(), 20, &English)
                .items
                .is_empty()
        );
    }

    #[test]
    fn a_full_send_through_the_pure_pieces() {
        let settings = connected();
        let mut ledger = Ledger::default();
        let mut outbox = Outbox::default();
        let Ok(SendPlan::Send(body)) =
            plan_send(&settings, &ledger, &outbox, candidate("pj-1"), None, false)
        else {
            panic!()
        };
        outbox.enqueue(*body, T0);
        let credentials = settings.credentials().unwrap();
        outbox
            .mark_in_flight("pj-1", &credentials.on_behalf_of, T0)
            .unwrap();
        let created = CreatedCandidate {
            id: 77,
            application_id: None,
            external_id: "pj-1".into(),
            profile_url: Some("https://app.greenhouse.io/people/77".into()),
        };
        let delivery = outbox.on_response("pj-1", Ok(created), T0 + 50, 0).unwrap();
        let Delivery::Delivered(entry) = &delivery else {
            panic!("{delivery:?}")
        };
        ledger.record(entry.clone());
        let outcome = SendOutcome::from_delivery(delivery, &English);
        assert!(matches!(outcome, SendOutcome::Sent { .. }), "{outcome:?}");
        let again = plan_send(&settings, &ledger, &outbox, candidate("pj-1"), None, false);
        assert!(matches!(
            again,
            Ok(SendPlan::Reply(SendOutcome::AlreadySent { .. }))
        ));
        let status = send_status("pj-1", &settings, &ledger, &outbox, &English);
        assert!(matches!(status.state, SendState::Sent { .. }));
    }
}

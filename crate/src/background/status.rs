//! What the background knows about sends, for the in-page menu item
//! (`GetSendStatus`) and the toolbar popup (`GetRecentSends`).
//!
//! A live look-up of a sent candidate (`GET candidates?candidate_ids=`)
//! never fails the status: a 403 or an empty answer becomes `not_visible`.

use super::contract::{ApplicationStatus, RecentSend, RecentSends, SendStatus};
use super::{http, now_ms, sending, setup};
use crate::core::error_reply::ErrorReply;
use crate::core::greenhouse::error::ApiError;
use crate::core::greenhouse::requests;
use crate::core::greenhouse::responses;
use crate::core::outbox::EntryState;

/// How many sends the popup lists.
pub const RECENT_LIMIT: usize = 20;

/// `GetSendStatus` for one Purpose Jobs candidate.
pub async fn send_status(external_id: &str) -> Result<SendStatus, ErrorReply> {
    let settings = setup::load().await?;
    let ledger = sending::load_ledger().await?;
    let outbox = sending::load_outbox().await?;
    let sent = ledger.lookup(external_id).cloned();
    let credentials = setup::connected_credentials(&settings).ok();
    let (application, not_visible) = match (&sent, &credentials) {
        (Some(entry), Some(credentials)) => {
            let request = requests::candidates_by_id(credentials, &[entry.greenhouse_candidate_id]);
            let found = match http::send(&request).await {
                Ok(response) => responses::interpret_candidates(&response, now_ms()),
                Err(error) => Err(error),
            };
            match found {
                // Answered: the candidate is there, or it is not visible.
                Ok(candidates) => {
                    let application = candidates
                        .iter()
                        .find(|candidate| candidate.id == entry.greenhouse_candidate_id)
                        .and_then(|candidate| candidate.applications.first())
                        .map(|application| ApplicationStatus {
                            status: application.status.clone().unwrap_or_default(),
                            stage: application.stage.clone(),
                        });
                    let not_visible = application.is_none();
                    (application, not_visible)
                }
                // The user may not read candidates (403), or it is gone.
                Err(ApiError::Forbidden | ApiError::NotFound) => (None, true),
                // No answer or a passing failure: simply no live status.
                Err(_) => (None, false),
            }
        }
        _ => (None, false),
    };
    Ok(SendStatus {
        sent,
        queued: outbox.get(external_id).is_some(),
        connected: credentials.is_some(),
        connected_user: settings
            .connected_user
            .as_ref()
            .map(|user| user.full_name.clone()),
        always_review: settings.always_review,
        default_destination: settings.default_destination.clone(),
        destinations: settings.destinations.clone(),
        application,
        not_visible,
    })
}

/// `GetRecentSends`: queued and failed sends first (they need attention),
/// then the latest confirmed ones, at most [`RECENT_LIMIT`].
pub async fn recent_sends() -> Result<RecentSends, ErrorReply> {
    let settings = setup::load().await?;
    let ledger = sending::load_ledger().await?;
    let outbox = sending::load_outbox().await?;
    let mut sends: Vec<RecentSend> = outbox
        .entries
        .iter()
        .rev()
        .map(|entry| {
            let (state, reason) = match &entry.state {
                EntryState::Pending => (
                    "queued",
                    entry.last_error.as_ref().map(|e| e.message.clone()),
                ),
                EntryState::InFlight { .. } => ("sending", None),
                EntryState::Failed { reason } => ("failed", Some(reason.message.clone())),
            };
            RecentSend {
                external_id: entry.external_id.clone(),
                name: entry.name(),
                state: state.to_owned(),
                at_ms: entry.queued_at_ms,
                profile_url: None,
                reason,
                possible_duplicate: entry.request_went_out_without_answer,
            }
        })
        .collect();
    let room = RECENT_LIMIT.saturating_sub(sends.len());
    sends.extend(
        ledger
            .recent(RECENT_LIMIT)
            .into_iter()
            .filter(|entry| outbox.get(&entry.external_id).is_none())
            .take(room)
            .map(|entry| RecentSend {
                external_id: entry.external_id.clone(),
                name: entry.name.clone(),
                state: "sent".to_owned(),
                at_ms: entry.sent_at_ms,
                profile_url: entry.profile_url.clone(),
                reason: None,
                possible_duplicate: entry.possible_duplicate,
            }),
    );
    sends.truncate(RECENT_LIMIT);
    Ok(RecentSends {
        settings: settings.view(),
        sends,
    })
}

//! What the background knows about sends, for the in-page menu item
//! (`GetSendStatus`) and the toolbar popup (`ListSends`). The core builds
//! both; this module reads storage and, for a sent candidate, asks
//! Greenhouse for its current status.
//!
//! The live look-up (`GET candidates?candidate_ids=`) never fails the
//! status: a 403 or an empty answer becomes "not visible".

use super::{http, now_ms, sending, setup};
use crate::core::contract::error_reply::Failure;
use crate::core::contract::reply::{GreenhouseLookup, SendList, SendState, SendStatus};
use crate::core::greenhouse::requests;
use crate::core::greenhouse::responses;
use crate::core::sending::plan::{send_list, send_status, SEND_LIST_LIMIT};
use crate::locale::I18N;

/// `GetSendStatus` for one Purpose Jobs candidate; `look_up`: ask
/// Greenhouse about a sent one.
pub async fn status_of(external_id: &str, look_up: bool) -> Result<SendStatus, Failure> {
    let settings = setup::load().await?;
    let ledger = sending::load_ledger().await?;
    let outbox = sending::load_outbox().await?;
    let mut status = send_status(external_id, &settings, &ledger, &outbox, &I18N);
    let credentials = setup::connected_credentials(&settings)
        .ok()
        .filter(|_| look_up);
    if let (SendState::Sent { entry, lookup }, Some(credentials)) = (&mut status.state, credentials)
    {
        let id = entry.greenhouse_candidate_id;
        let request = requests::candidates_by_id(&credentials, &[id]);
        let result = match http::send(&request).await {
            Ok(response) => responses::interpret_candidates(&response, now_ms()),
            Err(error) => Err(error),
        };
        *lookup = GreenhouseLookup::from_result(result, id, &I18N);
    }
    Ok(status)
}

/// `ListSends`: failed, sending and queued sends, then the last confirmed
/// ones.
pub async fn list() -> Result<SendList, Failure> {
    let ledger = sending::load_ledger().await?;
    let outbox = sending::load_outbox().await?;
    Ok(send_list(&ledger, &outbox, SEND_LIST_LIMIT, &I18N))
}

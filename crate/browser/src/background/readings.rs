//! The candidates the background read (`ReadProfile`), kept until their
//! send (`SendProspect` names the token): in memory, and in
//! `storage.session` so a background stopped in between still has them
//! (memory only, trusted contexts only, gone when the browser closes). The
//! rules are the core's (`core::sending::readings`).

use std::cell::RefCell;

use super::{now_ms, store};
use crate::core::greenhouse::candidate::NewCandidate;
use crate::core::sending::readings::{ReadingToken, Readings};
use crate::shim;

/// `storage.session` key of the kept [`Readings`].
const SESSION_KEY: &str = "readings";

thread_local! {
    // `None` until read from `storage.session` in this background start.
    static KEPT: RefCell<Option<Readings>> = const { RefCell::new(None) };
}

/// Runs `change` on the kept readings (read from `storage.session` first
/// after a restart) and stores them again when `change` says they changed.
async fn with<T>(change: impl FnOnce(&mut Readings) -> (T, bool)) -> T {
    if KEPT.with(|kept| kept.borrow().is_none()) {
        let stored: Readings = store::session_get(SESSION_KEY).await.unwrap_or_default();
        KEPT.with(|kept| {
            kept.borrow_mut().get_or_insert(stored);
        });
    }
    // Changed in memory at once (no await in between), stored after: two
    // messages handled at the same time cannot lose each other's change.
    let (result, snapshot) = KEPT.with(|kept| {
        let mut kept = kept.borrow_mut();
        let readings = kept.get_or_insert_with(Readings::default);
        let (result, changed) = change(readings);
        (result, changed.then(|| readings.clone()))
    });
    if let Some(snapshot) = snapshot {
        store::session_set(SESSION_KEY, &snapshot).await;
    }
    result
}

/// Keeps `candidate`, read for `tab`, and returns its new token; `None`
/// when the browser gives no random token.
pub async fn keep(candidate: NewCandidate, tab: i64) -> Option<ReadingToken> {
    let token = shim::random_token()
        .ok()
        .filter(|token| !token.is_empty())?;
    let now = now_ms();
    let kept = token.clone();
    with(move |readings| {
        readings.keep(kept, tab, candidate, now);
        ((), true)
    })
    .await;
    Some(ReadingToken { token })
}

/// The candidate read under `token` for `tab`, if still kept.
pub async fn get(token: &ReadingToken, tab: i64) -> Option<NewCandidate> {
    let now = now_ms();
    with(|readings| (readings.get(&token.token, tab, now).cloned(), false)).await
}

/// Forgets the reading under `token` (its send was queued).
pub async fn forget(token: &ReadingToken) {
    with(|readings| {
        readings.forget(&token.token);
        ((), true)
    })
    .await
}

/// Reads the kept readings from `storage.session` if this background start
/// has not yet (`Request::Wake`: the review form's Send is likely next).
pub async fn preload() {
    with(|_| ((), false)).await
}

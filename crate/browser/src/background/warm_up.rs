//! Once per background start, at its first message: run the click's code on
//! a made-up profile (`core::profile::reading::WARM_UP_SNAPSHOT`) so the
//! browser compiles it then, not at the recruiter's click.
//!
//! Browsers compile a WebAssembly function on its first call (V8 lazily, in
//! its baseline tier). A background stopped while the recruiter read the
//! profile is started by the Share menu's status request; without this, the
//! click that follows 0.3–1 s later paid for compiling the snapshot's
//! reading, the send's plan and the request's body (the bench's
//! "SendProfile: read" was 12 ms with the background just started, 4 ms
//! when it had run before: README "Performance", issue 12).
//!
//! Pure work only: nothing is read from any page, stored or sent, and it
//! runs after the first message's reply has gone (a timer, not a
//! keep-alive: it runs once and ends).

use std::cell::Cell;

use wasm_bindgen::prelude::*;

use super::{http, setup};
use crate::core::contract::reply::SentProfile;
use crate::core::greenhouse::requests::{self, ApiKey, Credentials};
use crate::core::profile::reading::{read_snapshot, WARM_UP_SNAPSHOT, WARM_UP_URL};
use crate::core::sending::guard;
use crate::core::sending::ledger::Ledger;
use crate::core::sending::outbox::Outbox;
use crate::core::sending::plan::plan_send;
use crate::core::sending::readings::ReadingToken;
use crate::shim;

thread_local! {
    static DONE: Cell<bool> = const { Cell::new(false) };
}

/// Runs the warm-up once per start, after the current message's reply.
pub fn soon() {
    if DONE.with(|done| done.replace(true)) {
        return;
    }
    let run = Closure::once_into_js(|| wasm_bindgen_futures::spawn_local(run()));
    http::set_timeout(&run, 0);
}

async fn run() {
    let started = crate::perf::now();
    let Ok(reading) = read_snapshot(WARM_UP_SNAPSHOT.to_owned(), WARM_UP_URL.to_owned()) else {
        return;
    };
    let candidate = reading.candidate().cloned();
    // The reply's way out, as `send_profile` writes it.
    let reply = SentProfile {
        reading: reading.map(|_| None::<ReadingToken>),
        outcome: None,
        error: None,
    };
    if let Ok(reply) = serde_json::to_value(&reply) {
        let _ = shim::to_js(&reply);
    }
    if let Some(mut candidate) = candidate {
        guard::clean_names(&mut candidate);
        let _ = guard::check_candidate(&candidate);
        // The stored settings (already read for the first message), so the
        // plan takes the branches a real send takes; an empty history, so
        // it plans a send. Nothing planned here is queued.
        if let Ok(settings) = setup::load().await {
            let _ = plan_send(
                &settings,
                &Ledger::default(),
                &Outbox::default(),
                candidate.clone(),
                None,
                false,
            );
        }
        let made_up = Credentials {
            api_key: ApiKey::new("warm-up"),
            on_behalf_of: "warm-up@example.invalid".to_owned(),
        };
        let _ = requests::create_candidate(&made_up, &candidate);
    }
    crate::perf::span(crate::perf::BG_STEP, "warm-up", started);
}

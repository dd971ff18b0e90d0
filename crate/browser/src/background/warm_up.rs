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
//! Nothing is read from any page, stored or sent: it reads what a send
//! reads from storage, then repeats pure work ([`REHEARSALS`] times, so
//! the hot parts reach V8's optimizing tier). It runs after the first
//! message's reply has gone (timers, not a keep-alive: it runs once and
//! ends).

use std::cell::Cell;

use super::{http, sending, setup};
use crate::core::contract::reply::SentProfile;
use crate::core::contract::request::{parse_request_value, Request};
use crate::core::greenhouse::requests::{self, ApiKey, Credentials};
use crate::core::profile::reading::{read_snapshot, WARM_UP_SNAPSHOT, WARM_UP_URL};
use crate::core::sending::guard;
use crate::core::sending::ledger::Ledger;
use crate::core::sending::outbox::Outbox;
use crate::core::sending::plan::{plan_send, SendPlan};
use crate::core::sending::readings::ReadingToken;
use crate::shim;

/// Rehearsals of the click per start. The first one compiles the click's
/// code in V8's baseline tier; V8 moves a WebAssembly function to its
/// optimizing tier only once it has run enough, and a click on a background
/// with one rehearsal behind it took 3 ms to read instead of 0.5 ms (the
/// bench's "SendProfile: read", half the running exports). Each takes
/// 1–3 ms in the baseline tier; the worker turns to any message between two.
const REHEARSALS: u32 = 6;

thread_local! {
    static DONE: Cell<bool> = const { Cell::new(false) };
}

/// Runs the warm-up once per start, after the current message's reply.
pub fn soon() {
    if DONE.with(|done| done.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        next_task().await;
        run().await;
    });
}

async fn run() {
    let started = crate::perf::now();
    // What a send reads from storage (settings, history, outbox), into the
    // store's cache; the click then finds it there.
    sending::preload().await;
    for _ in 0..REHEARSALS {
        rehearse().await;
        next_task().await;
    }
    crate::perf::span(crate::perf::BG_STEP, "warm-up", started);
}

/// The click's way through the background on the made-up profile: its
/// message parsed, the snapshot read, the reply written, the send planned
/// and queued in an outbox of its own, the request built. Nothing is
/// stored or sent.
async fn rehearse() {
    let message = Request::SendProfile {
        snapshot: WARM_UP_SNAPSHOT.to_owned(),
        url: WARM_UP_URL.to_owned(),
    };
    if let Ok(message) = shim::to_js(&message) {
        let _ = shim::from_js::<serde_json::Value>(message).map(parse_request_value);
    }
    let Ok(reading) = read_snapshot(WARM_UP_SNAPSHOT.to_owned(), WARM_UP_URL.to_owned()) else {
        return;
    };
    let candidate = reading.candidate().cloned();
    let reply = SentProfile {
        reading: reading.map(|_| None::<ReadingToken>),
        outcome: None,
        error: None,
    };
    if let Ok(reply) = serde_json::to_value(&reply) {
        let _ = shim::to_js(&reply);
    }
    let Some(mut candidate) = candidate else {
        return;
    };
    guard::clean_names(&mut candidate);
    let _ = guard::check_candidate(&candidate);
    // The stored settings, so the plan takes the branches a real send
    // takes; an empty history, so it plans a send.
    if let Ok(settings) = setup::load().await {
        let plan = plan_send(
            &settings,
            &Ledger::default(),
            &Outbox::default(),
            candidate.clone(),
            None,
            false,
        );
        if let Ok(SendPlan::Send(planned)) = plan {
            let mut outbox = Outbox::default();
            let _ = outbox.enqueue(*planned, 0);
            let _ = shim::to_js(&outbox);
        }
    }
    let made_up = Credentials {
        api_key: ApiKey::new("warm-up"),
        on_behalf_of: "warm-up@example.invalid".to_owned(),
    };
    let request = requests::create_candidate(&made_up, &candidate);
    if let Ok(controller) = web_sys::AbortController::new() {
        let _ = http::prepare(&request, &controller.signal());
    }
}

/// Resolves in a later task (a timer), so a message that came in meanwhile
/// is handled first.
async fn next_task() {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        http::set_timeout(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
}

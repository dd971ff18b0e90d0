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
//! reads from storage, then repeats the click's work on copies of its own
//! ([`REHEARSALS`] times, so the hot parts reach V8's optimizing tier):
//! pure work, the send itself refused by its plan before any write, and a
//! fetch of the extension's own manifest, which never leaves the browser.
//! It runs after the first message's reply has gone (timers, not a
//! keep-alive: it runs once and ends).

use std::cell::Cell;

use super::{http, sending, setup};
use crate::core::contract::reply::{SendOutcome, SentProfile};
use crate::core::contract::request::{parse_request_value, Request};
use crate::core::greenhouse::candidate::missing_fields;
use crate::core::greenhouse::requests::{self, ApiKey, Credentials};
use crate::core::greenhouse::{responses, HttpRequest, HttpResponse, Method};
use crate::core::profile::reading::{read_snapshot, WARM_UP_SNAPSHOT, WARM_UP_URL};
use crate::core::sending::guard::{self, SendRate};
use crate::core::sending::ledger::Ledger;
use crate::core::sending::outbox::{Delivery, Outbox};
use crate::core::sending::plan::{plan_send, SendPlan};
use crate::core::sending::readings::ReadingToken;
use crate::locale::I18N;
use crate::shim;

/// Rehearsals of the click per start. The first one compiles the click's
/// code in V8's baseline tier; V8 moves a WebAssembly function to its
/// optimizing tier only once it has run enough, and a click on a background
/// with one rehearsal behind it took 3 ms to read instead of 0.5 ms (the
/// bench's "SendProfile: read", half the running exports). The worker
/// turns to any message between two, and while each one's fetch is out.
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

/// The click's way through the background on the made-up profile, up to
/// its request and back: its message parsed, the snapshot read, the send
/// planned and queued in an outbox of its own, Greenhouse's confirmation
/// read into that outbox and a ledger of its own, the reply written, the
/// send itself refused by its plan, the request built, and the request's
/// task run with a fetch of the extension's own manifest. Nothing is stored
/// or sent.
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
    let Some(mut candidate) = reading.candidate().cloned() else {
        return;
    };
    guard::clean_names(&mut candidate);
    let _ = guard::check_candidate(&candidate);
    // The stored settings, so the plan takes the branches a real send
    // takes; an empty history, so it plans a send.
    let mut outcome = None;
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
            let external_id = planned.external_id.clone();
            let mut outbox = Outbox::default();
            let _ = outbox.enqueue(*planned, 0);
            let _ = sending::take_due(&mut outbox, &external_id, &made_up());
            let _ = shim::to_js(&outbox);
            outcome = confirm(&mut outbox, &external_id);
        }
    }
    let reply = SentProfile {
        reading: reading.map(|_| None::<ReadingToken>),
        outcome,
        error: None,
    };
    if let Ok(reply) = serde_json::to_value(&reply) {
        let _ = shim::to_js(&reply);
    }
    // The send rate: this start's (created now, as the click would) and a
    // count on a copy of its own.
    super::SEND_RATE.with(|_| ());
    let _ = SendRate::default().allow(-1, 0);
    // The send itself, refused before it reads a page or writes or sends
    // anything: `send_prospect` asks `plan_send` before its first write,
    // and `plan_send` refuses a candidate with a required field missing.
    // The very function, not a copy of its steps: V8 compiles each
    // function on its first call, and this one (with its lock's) was most
    // of what the click still compiled.
    let mut unsendable = candidate.clone();
    unsendable.last_name.clear();
    if !missing_fields(&unsendable).is_empty() {
        let _ = sending::send_prospect(unsendable, None, false).await;
    }
    let request = requests::create_candidate(&made_up(), &candidate);
    if let Ok(controller) = web_sys::AbortController::new() {
        let _ = http::prepare(&request, &controller.signal());
    }
    // The request's task, its timeout and its answer read, with a fetch of
    // a file of this extension: nothing leaves the browser, and the
    // worker's first fetch (the browser setting up its loading, ~0.5 ms
    // more for the call and as much for the request to leave) is not the
    // click's.
    let local = HttpRequest {
        method: Method::Get,
        url: shim::extension_url(LOCAL_FILE),
        headers: Vec::new(),
        body: None,
    };
    let _ = http::start(local).answer().await;
}

/// The extension's own file the warm-up fetches (small, in every build).
const LOCAL_FILE: &str = "manifest.json";

/// Greenhouse's answer to the in-flight entry `external_id` of the
/// warm-up's own `outbox`, as `sending::apply_answer` reads it: the
/// confirmation, the entry moved to a ledger, the outcome worded.
fn confirm(outbox: &mut Outbox, external_id: &str) -> Option<SendOutcome> {
    let created = HttpResponse {
        status: 201,
        headers: vec![("content-type".to_owned(), "application/json".to_owned())],
        body: format!(r#"{{"id":1,"application_id":2,"external_id":"{external_id}"}}"#),
    };
    let result = responses::interpret_created_candidate(&created, 0);
    let delivery = outbox.on_response(external_id, result, 0, 0).ok()?;
    if let Delivery::Delivered(entry) = &delivery {
        let mut ledger = Ledger::default();
        ledger.record(entry.clone());
        let _ = shim::to_js(&ledger);
    }
    Some(SendOutcome::from_delivery(delivery, &I18N))
}

/// Credentials for the warm-up's request bodies, which are never sent.
fn made_up() -> Credentials {
    Credentials {
        api_key: ApiKey::new("warm-up"),
        on_behalf_of: "warm-up@example.invalid".to_owned(),
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

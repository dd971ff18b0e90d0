//! Pins the wire format of the message contract between the extension's
//! contexts: every request and every reply value has a golden JSON file in
//! `tests/golden/messages/`, checked both ways (our serialization must equal
//! the file, and the file must parse back to the same value). JavaScript is
//! written against these files.
//!
//! After an intended change of the format, regenerate them with
//! `UPDATE_GOLDEN=1 cargo test -p purpose-greenhouse-core --test messages` and
//! review the diff. Also proves that no reply can carry the API key.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::path::PathBuf;

use serde::de::DeserializeOwned;
use serde::Serialize;

use purpose_greenhouse_core::contract::error_reply::{ErrorKind, ErrorReply, Failure};
use purpose_greenhouse_core::contract::read_reply::{
    read_profile_reading, read_reply, read_send_outcome, read_send_status, read_sent_profile,
    MalformedReply,
};
use purpose_greenhouse_core::contract::records::SentRecord;
use purpose_greenhouse_core::contract::reply::{
    DestinationChoices, GreenhouseLookup, Reply, SendList, SendOutcome, SendState, SendStatus,
    SentProfile,
};
use purpose_greenhouse_core::contract::request::{parse_request, Request};
use purpose_greenhouse_core::contract::sentences::English;
use purpose_greenhouse_core::greenhouse::base64;
use purpose_greenhouse_core::greenhouse::candidate::{
    Address, AddressKind, Email, EmailKind, NewCandidate, PhoneKind, PhoneNumber, SocialMedia,
    Website, WebsiteKind,
};
use purpose_greenhouse_core::greenhouse::error::{ApiError, Situation};
use purpose_greenhouse_core::greenhouse::requests::{self, ApiKey};
use purpose_greenhouse_core::greenhouse::responses::{
    ApplicationStatus, CandidateStatus, CreatedCandidate, CurrentUser, Job, PoolStage, ProspectPool,
};
use purpose_greenhouse_core::inpage::frame::{FrameAction, FrameItem, FrameRole, ReviewOpen};
use purpose_greenhouse_core::page::{wire, READ_ATTRIBUTES};
use purpose_greenhouse_core::profile::reading::ProfileReading;
use purpose_greenhouse_core::sending::ledger::{Ledger, LedgerEntry};
use purpose_greenhouse_core::sending::outbox::{Delivery, Outbox};
use purpose_greenhouse_core::sending::plan::{send_list, send_status, SEND_LIST_LIMIT};
use purpose_greenhouse_core::sending::readings::ReadingToken;
use purpose_greenhouse_core::sending::review::ReviewFields;
use purpose_greenhouse_core::sending::settings::{
    Destination, Destinations, Settings, SettingsView,
};

const T0: u64 = 1_767_225_600_000;
const KEY: &str = "gh-TEST-KEY-5f3a9c01";

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/messages")
}

/// Serializes `value`, compares it with `<name>.json`, and parses the file
/// back into the same value.
fn check<T: Serialize + DeserializeOwned + PartialEq + Debug>(name: &str, value: &T) {
    let path = golden_dir().join(format!("{name}.json"));
    let actual = serde_json::to_string_pretty(value).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(actual, expected, "{name}: the wire format changed");
    let parsed: T = serde_json::from_str(&expected)
        .unwrap_or_else(|error| panic!("{name}: the golden file does not parse: {error}"));
    assert_eq!(
        &parsed, value,
        "{name}: the golden file parses to another value"
    );
}

fn full_candidate() -> NewCandidate {
    NewCandidate {
        prospect: true,
        first_name: "Grace".into(),
        last_name: "Hopper".into(),
        external_id: "pj-4711".into(),
        job_id: None,
        company: Some("Navy".into()),
        title: Some("Rear Admiral".into()),
        resume: Some("https://files.purpose.jobs/resumes/4711.pdf".into()),
        phone_numbers: vec![PhoneNumber {
            phone_number: "+1 555 0100".into(),
            kind: PhoneKind::Mobile,
        }],
        emails: vec![Email {
            email: "grace@example.com".into(),
            kind: EmailKind::Personal,
        }],
        addresses: vec![Address {
            address: "Arlington\nVirginia".into(),
            kind: AddressKind::Home,
        }],
        social_media: vec![SocialMedia {
            url: "https://www.linkedin.com/in/grace".into(),
        }],
        websites: vec![Website {
            url: "https://grace.example.com".into(),
            kind: WebsiteKind::Personal,
        }],
        notes: Some("Skills: COBOL, compilers\n<script>alert(1)</script>".into()),
        prospect_pool_id: None,
        prospect_pool_stage_id: None,
        prospect_owner_email: None,
    }
}

fn minimal_candidate() -> NewCandidate {
    NewCandidate {
        prospect: true,
        first_name: "Ada".into(),
        last_name: "Lovelace".into(),
        external_id: "pj-1815".into(),
        ..NewCandidate::default()
    }
}

fn user() -> CurrentUser {
    CurrentUser {
        id: 4080,
        full_name: "Ada Lovelace".into(),
        first_name: "Ada".into(),
        last_name: "Lovelace".into(),
        email: "ada@example.com".into(),
    }
}

fn destinations() -> Destinations {
    Destinations {
        jobs: vec![
            Job {
                id: 5,
                name: "Compiler Engineer".into(),
                status: "open".into(),
                public: true,
            },
            Job {
                id: 6,
                name: "Confidential Role".into(),
                status: "open".into(),
                public: false,
            },
        ],
        pools: vec![ProspectPool {
            id: 10,
            name: "Engineering".into(),
            stages: vec![
                PoolStage {
                    id: 101,
                    name: "New".into(),
                },
                PoolStage {
                    id: 102,
                    name: "Contacted".into(),
                },
            ],
        }],
        jobs_error: None,
        pools_error: None,
        fetched_at_ms: T0,
    }
}

/// Settings as after "Add Integration" and loading destinations.
fn connected_settings() -> Settings {
    let mut settings = Settings::default();
    let credentials = settings
        .credentials_to_validate(Some(&ApiKey::new(KEY)), "ada@example.com")
        .unwrap();
    settings.connected(credentials, &user());
    settings.destinations = Some(destinations());
    settings
        .save(
            Destination::Pool {
                pool_id: 10,
                stage_id: Some(101),
            },
            Some("owner@example.com"),
            true,
        )
        .unwrap();
    settings
}

fn ledger_entry(external_id: &str, id: u64) -> LedgerEntry {
    LedgerEntry {
        external_id: external_id.into(),
        greenhouse_candidate_id: id,
        profile_url: Some(format!(
            "https://app.greenhouse.io/people/{id}?application_id={}",
            id + 1
        )),
        sent_at_ms: T0,
        sent_by: "ada@example.com".into(),
        name: "Grace Hopper".into(),
        possible_duplicate: false,
        earlier_candidate_ids: Vec::new(),
    }
}

/// A ledger and outbox with a send in every state.
fn every_send_state() -> (Ledger, Outbox) {
    let mut ledger = Ledger::default();
    ledger.record(ledger_entry("pj-sent", 17681532));
    let mut outbox = Outbox::default();
    for id in ["pj-sending", "pj-queued", "pj-failed"] {
        let mut candidate = full_candidate();
        candidate.external_id = id.into();
        outbox.enqueue(candidate, T0);
    }
    outbox
        .mark_in_flight("pj-sending", "ada@example.com", T0)
        .unwrap();
    outbox
        .mark_in_flight("pj-queued", "ada@example.com", T0)
        .unwrap();
    outbox
        .on_response("pj-queued", Err(ApiError::Network), T0 + 20_000, 0)
        .unwrap();
    outbox
        .mark_in_flight("pj-failed", "ada@example.com", T0)
        .unwrap();
    outbox
        .on_response(
            "pj-failed",
            Err(ApiError::Validation {
                field: Some("emails".into()),
                message: "Invalid email".into(),
            }),
            T0 + 300,
            0,
        )
        .unwrap();
    (ledger, outbox)
}

/// A page snapshot in the wire format (`core::page::wire`): a heading, as `extension/page_snapshot.js` writes them.
fn encode_html_sample() -> String {
    let element = |tag: &str| {
        let absent: String = READ_ATTRIBUTES.iter().map(|_| wire::ABSENT).collect();
        format!("{}{tag}{absent}", wire::OPEN)
    };
    format!(
        "{main}{h1}{text}Grace Hopper{close}{close}",
        main = element("main"),
        h1 = element("h1"),
        text = wire::TEXT,
        close = wire::CLOSE,
    )
}

/// Every reply a `ReadProfile` can get: the candidate stays in the
/// background, the reply names it by a token.
fn profile_readings() -> Vec<(&'static str, ProfileReading<ReadingToken>)> {
    let ready = full_candidate();
    let mut draft = minimal_candidate();
    draft.last_name = String::new();
    let token = |token: &str| ReadingToken {
        token: token.into(),
    };
    vec![
        (
            "reply-profile-reading-ready",
            ProfileReading::Ready {
                fields: ReviewFields::of(&ready),
                candidate: token("6f9619ff-8b86-4011-b42d-00c04fc964ff"),
                removed_invisible: false,
            },
        ),
        (
            "reply-profile-reading-incomplete",
            ProfileReading::Incomplete {
                fields: ReviewFields::of(&draft),
                draft: token("0b3c2d1e-5f4a-4b6c-8d7e-9f0a1b2c3d4e"),
                no_name: false,
                no_candidate_id: false,
                removed_invisible: true,
            },
        ),
        ("reply-profile-reading-stale", ProfileReading::Stale),
        (
            "reply-profile-reading-not-a-profile",
            ProfileReading::NotAProfile,
        ),
    ]
}

#[test]
fn every_profile_reading_is_pinned_and_the_content_script_reads_it() {
    for (name, reading) in profile_readings() {
        check(name, &Reply::Ok(reading.clone()));
        let json = std::fs::read_to_string(golden_dir().join(format!("{name}.json"))).unwrap();
        // The content script keeps the candidate as the value it came as.
        let as_sent: Reply<ProfileReading<serde_json::Value>> =
            serde_json::from_str(&json).unwrap();
        assert_eq!(
            content_decoding(&json, read_profile_reading),
            Ok(rich(as_sent)),
            "{name}"
        );
    }
    let reply = |value: &str| format!(r#"{{"ok":true,"value":{value}}}"#);
    for json in [
        reply(r#"{"reading":"ready","fields":{}}"#),
        reply(r#"{"reading":"ready","candidate":{}}"#),
        reply(r#"{"reading":"incomplete","draft":{},"fields":{},"no_name":false}"#),
        reply(r#"{"reading":"maybe"}"#),
        reply(r#"{}"#),
    ] {
        assert!(
            content_decoding(&json, read_profile_reading).is_err(),
            "{json}"
        );
    }
}

/// `SendProfile`'s replies: sent at once (the token names nothing kept),
/// refused, or only read (the token is kept for the review form).
#[test]
fn replies_to_send_profile_are_pinned_and_the_content_script_reads_them() {
    let mut readings = profile_readings().into_iter();
    let (_, ready) = readings.next().unwrap();
    let (_, incomplete) = readings.next().unwrap();
    let sent = SendOutcome::Sent {
        entry: SentRecord::from(&ledger_entry("pj-4711", 17681532)),
    };
    let cases = [
        (
            "reply-sent-profile-sent",
            SentProfile {
                reading: ready.clone(),
                outcome: Some(sent),
                error: None,
            },
        ),
        (
            "reply-sent-profile-refused",
            SentProfile {
                reading: ready,
                outcome: None,
                error: Some(Failure::of(ErrorKind::NotConnected).english()),
            },
        ),
        (
            "reply-sent-profile-incomplete",
            SentProfile {
                reading: incomplete,
                outcome: None,
                error: None,
            },
        ),
    ];
    for (name, reply) in cases {
        check(name, &Reply::Ok(reply));
        let json = std::fs::read_to_string(golden_dir().join(format!("{name}.json"))).unwrap();
        let as_sent: Reply<SentProfile<serde_json::Value>> = serde_json::from_str(&json).unwrap();
        assert_eq!(
            content_decoding(&json, read_sent_profile),
            Ok(rich(as_sent).map(|sent| {
                let refused = sent.error.map(Err);
                (sent.reading, sent.outcome.map(Ok).or(refused))
            })),
            "{name}"
        );
    }
    let reply = |value: &str| format!(r#"{{"ok":true,"value":{value}}}"#);
    for json in [
        reply(r#"{"outcome":{"outcome":"in_progress"}}"#),
        reply(r#"{"reading":{"reading":"stale"},"outcome":{"outcome":"maybe"}}"#),
        reply(r#"{"reading":{"reading":"maybe"}}"#),
        reply(
            r#"{"reading":{"reading":"stale"},"outcome":{"outcome":"in_progress"},"error":{"kind":"internal","message":"m"}}"#,
        ),
    ] {
        assert!(
            content_decoding(&json, read_sent_profile).is_err(),
            "{json}"
        );
    }
}

/// One sample of every request, with the golden file it is pinned by. The
/// exhaustive `match` makes a new variant fail to compile until it has one.
fn requests() -> Vec<(&'static str, Request)> {
    let samples = vec![
        Request::SendProspect {
            candidate: ReadingToken {
                token: "6f9619ff-8b86-4011-b42d-00c04fc964ff".into(),
            },
            edits: Some(Box::new(ReviewFields::of(&full_candidate()))),
            destination: Some(Destination::Pool {
                pool_id: 10,
                stage_id: Some(101),
            }),
            resend: false,
        },
        Request::ReadProfile {
            snapshot: encode_html_sample(),
            url: "https://purpose.jobs/candidates/4711".into(),
        },
        Request::SendProfile {
            snapshot: encode_html_sample(),
            url: "https://purpose.jobs/candidates/4711".into(),
        },
        Request::Wake,
        Request::GetSendStatus {
            external_id: "pj-4711".into(),
            without_lookup: false,
        },
        Request::OpenOptions,
        Request::GetSettings,
        Request::Connect {
            api_key: Some(ApiKey::new("an-example-key")),
            email: "ada@example.com".into(),
        },
        Request::Disconnect,
        Request::GetDestinations { refresh: true },
        Request::SaveSettings {
            default_destination: Destination::Job { job_id: 5 },
            prospect_owner_email: Some("owner@example.com".into()),
            always_review: true,
        },
        Request::ListSends,
        Request::RetrySend {
            external_id: "pj-failed".into(),
        },
        Request::DiscardSend {
            external_id: "pj-failed".into(),
        },
        Request::ReportPage {
            snapshot: "\u{1}body\u{3}\u{3}\u{3}\u{3}\u{3}\u{3}\u{3}\u{3}\u{3}\u{3}\u{4}".into(),
            url: "https://app.purpose.jobs/candidates/48213".into(),
        },
        Request::ClearHistory,
        Request::ShowInPage {
            frame: "3f9c0a7d5e21b6c4".into(),
            item: FrameItem::Notice {
                role: FrameRole::Status,
                text: "Ada Lovelace was sent to Greenhouse".into(),
                link: Some("https://app.greenhouse.io/people/17681532".into()),
                action: Some(FrameAction::Review {
                    label: "Review and fix".into(),
                    form: Box::new(ReviewOpen {
                        candidate: ReadingToken {
                            token: "0b3c2d1e-5f4a-4b6c-8d7e-9f0a1b2c3d4e".into(),
                        },
                        fields: ReviewFields::of(&minimal_candidate()),
                        missing: vec!["last_name".into()],
                        invalid: Vec::new(),
                        notice: Some("Greenhouse needs the marked fields.".into()),
                        resend: false,
                        report: Some(
                            "<!doctype html>\n<!-- purpose-greenhouse page report -->".into(),
                        ),
                    }),
                }),
                report: None,
            },
        },
        Request::TakeInPage {
            frame: "3f9c0a7d5e21b6c4".into(),
        },
    ];
    samples
        .into_iter()
        .map(|request| {
            let name = match &request {
                Request::SendProspect { .. } => "request-send-prospect",
                Request::ReadProfile { .. } => "request-read-profile",
                Request::SendProfile { .. } => "request-send-profile",
                Request::Wake => "request-wake",
                Request::GetSendStatus { .. } => "request-get-send-status",
                Request::OpenOptions => "request-open-options",
                Request::GetSettings => "request-get-settings",
                Request::Connect { .. } => "request-connect",
                Request::Disconnect => "request-disconnect",
                Request::GetDestinations { .. } => "request-get-destinations",
                Request::SaveSettings { .. } => "request-save-settings",
                Request::ListSends => "request-list-sends",
                Request::RetrySend { .. } => "request-retry-send",
                Request::DiscardSend { .. } => "request-discard-send",
                Request::ReportPage { .. } => "request-report-page",
                Request::ClearHistory => "request-clear-history",
                Request::ShowInPage { .. } => "request-show-in-page",
                Request::TakeInPage { .. } => "request-take-in-page",
            };
            (name, request)
        })
        .collect()
}

#[test]
fn every_request_is_pinned() {
    let requests = requests();
    let names: BTreeSet<&str> = requests.iter().map(|(name, _)| *name).collect();
    assert_eq!(names.len(), requests.len(), "one sample per variant");
    for (name, request) in &requests {
        check(name, request);
        // The same text through the adapter's entry point.
        let text = std::fs::read_to_string(golden_dir().join(format!("{name}.json"))).unwrap();
        assert_eq!(parse_request(&text).as_ref(), Ok(request), "{name}");
    }
}

#[test]
fn variants_of_requests_that_javascript_also_sends() {
    let minimal = Request::SendProspect {
        candidate: ReadingToken {
            token: "0b3c2d1e-5f4a-4b6c-8d7e-9f0a1b2c3d4e".into(),
        },
        edits: None,
        destination: None,
        resend: true,
    };
    check("request-send-prospect-minimal", &minimal);
    check(
        "request-connect-keep-key",
        &Request::Connect {
            api_key: None,
            email: "ada@example.com".into(),
        },
    );
    check(
        "request-save-settings-no-pool",
        &Request::SaveSettings {
            default_destination: Destination::NoPool,
            prospect_owner_email: None,
            always_review: false,
        },
    );
}

#[test]
fn replies_to_settings_requests() {
    let settings = connected_settings();
    check::<Reply<SettingsView>>("reply-settings-connected", &Reply::Ok(settings.view()));
    let mut removed = settings.clone();
    removed.disconnect();
    check::<Reply<SettingsView>>("reply-settings-disconnected", &Reply::Ok(removed.view()));
    check::<Reply<DestinationChoices>>(
        "reply-destinations",
        &Reply::Ok(DestinationChoices::of(&destinations(), &English)),
    );
    let partial =
        Destinations::from_results(Ok(destinations().jobs), Err(ApiError::Forbidden), T0).unwrap();
    check::<Reply<DestinationChoices>>(
        "reply-destinations-partial",
        &Reply::Ok(DestinationChoices::of(&partial, &English)),
    );
    check::<Reply<SettingsView>>(
        "reply-error-unauthorized",
        &Reply::Err(ApiError::Unauthorized.failure(Situation::Request).english()),
    );
    check::<Reply<SettingsView>>(
        "reply-error-network",
        &Reply::Err(ApiError::Network.failure(Situation::Request).english()),
    );
}

#[test]
fn replies_without_a_value() {
    check::<Reply<()>>("reply-done", &Reply::Ok(()));
    check::<Reply<()>>(
        "reply-error-bad-message",
        &Reply::Err(Failure::bad_message().english()),
    );
    check::<Reply<()>>(
        "reply-error-not-allowed",
        &Reply::Err(Failure::not_allowed().english()),
    );
    check::<Reply<()>>(
        "reply-error-not-connected",
        &Reply::Err(Failure::of(ErrorKind::NotConnected).english()),
    );
    check::<Reply<()>>(
        "reply-error-missing-last-name",
        &Reply::Err(Failure::missing_field("last_name").english()),
    );
    // The one reply `extension/background.js` writes itself, when the core
    // throws instead of answering: the content script must read it.
    check::<Reply<()>>(
        "reply-error-internal",
        &Reply::Err(Failure::of(ErrorKind::Internal).english()),
    );
}

#[test]
fn replies_to_send_prospect() {
    let sent = SendOutcome::Sent {
        entry: SentRecord::from(&ledger_entry("pj-4711", 17681532)),
    };
    let queued = SendOutcome::Queued {
        reason: Some(
            ApiError::Server { status: 503 }
                .failure(Situation::Queued)
                .english(),
        ),
        next_attempt_at_ms: T0 + 2_000,
    };
    let failed = SendOutcome::Failed {
        error: ApiError::Validation {
            field: Some("emails".into()),
            message: "Invalid email".into(),
        }
        .failure(Situation::GaveUp)
        .english(),
    };
    let mut duplicate = ledger_entry("pj-4711", 17681532);
    duplicate.possible_duplicate = true;
    duplicate.earlier_candidate_ids = vec![17681500];
    let cases = [
        ("reply-send-outcome-sent", sent),
        ("reply-send-outcome-queued", queued),
        ("reply-send-outcome-in-progress", SendOutcome::InProgress),
        ("reply-send-outcome-failed", failed),
        (
            "reply-send-outcome-already-sent",
            SendOutcome::AlreadySent {
                entry: SentRecord::from(&duplicate),
            },
        ),
    ];
    for (name, outcome) in cases {
        check::<Reply<SendOutcome>>(name, &Reply::Ok(outcome));
    }
}

#[test]
fn replies_to_get_send_status() {
    let settings = connected_settings();
    let (ledger, outbox) = every_send_state();
    let status = |id: &str| send_status(id, &settings, &ledger, &outbox, &English);
    let found = GreenhouseLookup::from_result(
        Ok(vec![CandidateStatus {
            id: 17681532,
            name: "Grace Hopper".into(),
            external_id: "pj-sent".into(),
            applications: vec![ApplicationStatus {
                id: Some(26234709),
                job: None,
                status: Some("active".into()),
                stage: Some("New".into()),
                profile_url: Some(
                    "https://app.greenhouse.io/people/17681532?application_id=26234709".into(),
                ),
            }],
        }]),
        17681532,
        &English,
    );
    let with_lookup = |lookup: GreenhouseLookup| {
        let mut sent = status("pj-sent");
        match &mut sent.state {
            SendState::Sent { lookup: slot, .. } => *slot = lookup,
            other => panic!("{other:?}"),
        }
        sent
    };
    let not_connected = send_status("pj-4711", &Settings::default(), &ledger, &outbox, &English);
    let cases = [
        ("reply-send-status-not-sent", status("pj-4711")),
        ("reply-send-status-not-connected", not_connected),
        ("reply-send-status-sending", status("pj-sending")),
        ("reply-send-status-queued", status("pj-queued")),
        ("reply-send-status-failed", status("pj-failed")),
        ("reply-send-status-sent", status("pj-sent")),
        ("reply-send-status-sent-found", with_lookup(found)),
        (
            "reply-send-status-sent-not-visible",
            with_lookup(GreenhouseLookup::from_result(
                Ok(vec![]),
                17681532,
                &English,
            )),
        ),
    ];
    for (name, status) in cases {
        check::<Reply<SendStatus>>(name, &Reply::Ok(status));
    }
}

#[test]
fn replies_to_send_list_requests() {
    let (ledger, outbox) = every_send_state();
    let list = send_list(&ledger, &outbox, SEND_LIST_LIMIT, &English);
    assert_eq!(list.items.len(), 4);
    check::<Reply<SendList>>("reply-send-list", &Reply::Ok(list));
    check::<Reply<SendList>>("reply-send-list-empty", &Reply::Ok(SendList::default()));
    let unknown = Reply::<SendList>::Err(
        purpose_greenhouse_core::sending::outbox::OutboxError::UnknownSend
            .failure()
            .english(),
    );
    check("reply-error-unknown-send", &unknown);
}

#[test]
fn no_golden_file_is_left_unchecked() {
    // Every file must be named by a test in this file, so a renamed fixture
    // cannot linger and mislead the JavaScript side.
    let source = include_str!("messages.rs");
    for entry in std::fs::read_dir(golden_dir()).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        let name = file.strip_suffix(".json").expect("only .json files");
        assert!(
            source.contains(&format!("\"{name}\"")),
            "{file} is not checked by any test"
        );
    }
}

/// Every serialized reply a connected background could produce, from the
/// real builders.
fn every_reply_json(settings: &Settings) -> Vec<String> {
    let (mut ledger, mut outbox) = every_send_state();
    let mut out = Vec::new();
    let mut push = |json: String| out.push(json);
    push(serde_json::to_string(&Reply::Ok(settings.view())).unwrap());
    let mut removed = settings.clone();
    removed.disconnect();
    push(serde_json::to_string(&Reply::Ok(removed.view())).unwrap());
    let destinations = settings.destinations.as_ref();
    let choices = destinations.map(|d| DestinationChoices::of(d, &English));
    push(serde_json::to_string(&Reply::Ok(choices)).unwrap());
    for id in ["pj-sent", "pj-sending", "pj-queued", "pj-failed", "pj-none"] {
        let status = send_status(id, settings, &ledger, &outbox, &English);
        push(serde_json::to_string(&Reply::Ok(status)).unwrap());
    }
    push(serde_json::to_string(&Reply::Ok(send_list(&ledger, &outbox, 20, &English))).unwrap());
    let errors = [
        ApiError::Unauthorized,
        ApiError::Forbidden,
        ApiError::NotFound,
        ApiError::Validation {
            field: Some("api_key".into()),
            message: KEY.into(),
        },
        ApiError::Validation {
            field: None,
            message: KEY.into(),
        },
        ApiError::RateLimited {
            retry_after_secs: Some(2),
        },
        ApiError::Server { status: 500 },
        ApiError::Network,
        ApiError::Timeout,
        ApiError::BadResponse,
    ];
    for error in &errors {
        for situation in [Situation::Request, Situation::Queued, Situation::GaveUp] {
            push(
                serde_json::to_string(&Reply::<()>::Err(error.failure(situation).english()))
                    .unwrap(),
            );
        }
    }
    // A send through to the ledger, with the outcome replied at each step.
    let candidate = minimal_candidate();
    outbox.enqueue(candidate.clone(), T0);
    let credentials = settings.credentials().unwrap();
    outbox
        .mark_in_flight(&candidate.external_id, &credentials.on_behalf_of, T0)
        .unwrap();
    let retry = outbox
        .on_response(&candidate.external_id, Err(ApiError::Timeout), T0, 0)
        .unwrap();
    push(serde_json::to_string(&Reply::Ok(SendOutcome::from_delivery(retry, &English))).unwrap());
    outbox
        .mark_in_flight(
            &candidate.external_id,
            &credentials.on_behalf_of,
            T0 + 5_000,
        )
        .unwrap();
    let created = CreatedCandidate {
        id: 1,
        application_id: Some(2),
        external_id: candidate.external_id.clone(),
        profile_url: Some("https://app.greenhouse.io/people/1".into()),
    };
    let delivered = outbox
        .on_response(&candidate.external_id, Ok(created), T0 + 5_100, 0)
        .unwrap();
    if let Delivery::Delivered(entry) = &delivered {
        ledger.record(entry.clone());
    }
    let outcome = SendOutcome::from_delivery(delivered, &English);
    push(serde_json::to_string(&Reply::Ok(outcome)).unwrap());
    push(serde_json::to_string(&Reply::Ok(send_list(&ledger, &outbox, 20, &English))).unwrap());
    out
}

#[test]
fn no_reply_ever_contains_the_api_key() {
    let settings = connected_settings();
    let basic = base64::encode(format!("{KEY}:").as_bytes());
    // The key is really in the stored settings and the request...
    assert!(serde_json::to_string(&settings).unwrap().contains(KEY));
    let request = requests::current_user(&settings.credentials().unwrap());
    assert_eq!(
        request.header("Authorization"),
        Some(format!("Basic {basic}").as_str())
    );
    // ...and in none of the replies.
    let replies = every_reply_json(&settings);
    assert!(replies.len() > 40, "{}", replies.len());
    for json in replies {
        assert!(!json.contains(KEY), "key in reply: {json}");
        assert!(!json.contains(&basic), "encoded key in reply: {json}");
        assert!(
            !json.contains("api_key\":\""),
            "a key field in reply: {json}"
        );
    }
    // Nor in anything printed for debugging.
    for printed in [
        format!("{settings:?}"),
        format!("{:?}", settings.credentials()),
        format!("{request:?}"),
        format!(
            "{:?}",
            parse_request(&format!(
                r#"{{"type":"Connect","api_key":"{KEY}","email":"a@b.c"}}"#
            ))
        ),
    ] {
        assert!(!printed.contains(KEY), "{printed}");
        assert!(!printed.contains(&basic), "{printed}");
    }
}

/// A reply as the rich types read it.
fn rich<T>(reply: Reply<T>) -> Result<T, ErrorReply> {
    match reply {
        Reply::Ok(value) => Ok(value),
        Reply::Err(error) => Err(error),
    }
}

/// Reads a golden reply the way the content script does.
fn content_decoding<T>(
    json: &str,
    read: fn(&serde_json::Value) -> Result<T, MalformedReply>,
) -> Result<Result<T, ErrorReply>, String> {
    let reply: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    match read_reply(&reply, read).map_err(|e| e.0.to_owned())? {
        Ok(Some(value)) => Ok(Ok(value)),
        Ok(None) => Err("no value".into()),
        Err(error) => Ok(Err(error)),
    }
}

#[test]
fn the_content_script_reads_every_send_reply_as_the_rich_types_do() {
    let mut checked = 0;
    for entry in std::fs::read_dir(golden_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let json = std::fs::read_to_string(&path).unwrap();
        let (content, rich) = match name.as_str() {
            n if n.starts_with("reply-send-status-") || n.starts_with("reply-error-") => (
                format!("{:?}", content_decoding(&json, read_send_status)),
                format!(
                    "{:?}",
                    Ok::<_, String>(rich(
                        serde_json::from_str::<Reply<SendStatus>>(&json).unwrap()
                    ))
                ),
            ),
            n if n.starts_with("reply-send-outcome-") => (
                format!("{:?}", content_decoding(&json, read_send_outcome)),
                format!(
                    "{:?}",
                    Ok::<_, String>(rich(
                        serde_json::from_str::<Reply<SendOutcome>>(&json).unwrap()
                    ))
                ),
            ),
            _ => continue,
        };
        assert_eq!(content, rich, "{name}");
        checked += 1;
    }
    // 8 statuses, 5 outcomes, 7 errors.
    assert!(checked >= 20, "only {checked} golden replies checked");
}

#[test]
fn the_content_script_refuses_replies_that_break_the_contract() {
    let status = |value: &str| format!(r#"{{"ok":true,"value":{value}}}"#);
    let setup = r#""setup":{"connected":true,"credited_to":null,"always_review":false,"default_destination":{"kind":"no_pool"},"destinations":null}"#;
    let refused = [
        status(&format!(r#"{{"external_id":"x","state":"sent",{setup}}}"#)),
        status(&format!(
            r#"{{"external_id":"x","state":"sending",{setup}}}"#
        )),
        status(&format!(
            r#"{{"external_id":"x","state":"flying",{setup}}}"#
        )),
        status(r#"{"external_id":"x","state":"not_sent"}"#),
        // A job destination without its id.
        status(&format!(
            r#"{{"external_id":"x","state":"not_sent",{}}}"#,
            setup.replace("no_pool", "job")
        )),
        r#"{"ok":true,"error":{"kind":"network","message":"m"}}"#.to_owned(),
        r#"{"ok":false}"#.to_owned(),
        r#"{"ok":true,"value":null}"#.to_owned(),
        r#"{"ok":true,"value":{}}"#.to_owned(),
        r#"{"ok":"yes","value":null}"#.to_owned(),
    ];
    for json in refused {
        assert!(content_decoding(&json, read_send_status).is_err(), "{json}");
    }
    let ok = status(&format!(
        r#"{{"external_id":"x","state":"not_sent",{setup}}}"#
    ));
    assert!(matches!(
        content_decoding(&ok, read_send_status),
        Ok(Ok(SendStatus {
            state: SendState::NotSent,
            ..
        }))
    ));
    for json in [
        status(r#"{"outcome":"sent"}"#),
        status(r#"{"outcome":"queued","reason":null}"#),
        status(r#"{"outcome":"failed"}"#),
        status(r#"{"outcome":"lost"}"#),
        status(r#"{"outcome":"queued","next_attempt_at_ms":1.5}"#),
        status(r#"{"outcome":"queued","next_attempt_at_ms":-1}"#),
        status(r#"{"outcome":"queued","next_attempt_at_ms":"1"}"#),
        status(r#"{"outcome":"failed","error":{"kind":"moon","message":"m"}}"#),
    ] {
        assert!(
            content_decoding(&json, read_send_outcome).is_err(),
            "{json}"
        );
    }
}

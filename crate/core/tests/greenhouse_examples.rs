//! Conformance with Greenhouse's own JSON examples for the Candidate
//! Ingestion API (`tests/greenhouse-doc-examples/`, a copy of
//! `../shared/greenhouse-doc-examples/`): every response example goes through
//! the parser the extension uses for that endpoint, and every request
//! example is compared with what the extension sends (the sandbox tests feed
//! the request examples to the sandbox, `tests/sandbox/test_doc_examples.py`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use purpose_greenhouse_core::contract::records::Application;
use purpose_greenhouse_core::contract::reply::GreenhouseLookup;
use purpose_greenhouse_core::contract::sentences::English;
use purpose_greenhouse_core::greenhouse::candidate::NewCandidate;
use purpose_greenhouse_core::greenhouse::error::{from_response, ApiError};
use purpose_greenhouse_core::greenhouse::http::HttpResponse;
use purpose_greenhouse_core::greenhouse::responses::{self, ApplicationState};

const NOW_MS: u64 = 1_700_000_000_000;

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/greenhouse-doc-examples")
}

fn example(name: &str) -> String {
    std::fs::read_to_string(examples_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn ok(body: String) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![],
        body,
    }
}

fn json_files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json"))
        .collect()
}

/// Every example file is covered by one of the tests below: a new example
/// copied in without a test fails here.
#[test]
fn every_example_has_a_conformance_test() {
    let covered: BTreeSet<String> = [
        "errors-response-1.json",
        "get-candidates-request-1.json",
        "get-candidates-response-1.json",
        "get-current_user-response-1.json",
        "get-jobs-response-1.json",
        "get-prospect_pools-response-1.json",
        "post-candidates-request-1.json",
        "post-candidates-response-1.json",
        "post-tracking_link-request-1.json",
        "post-tracking_link-response-1.json",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(json_files(&examples_dir()), covered);
}

/// The copy in the repository is the shared one, byte for byte, when the
/// shared folder is present (it is read-only and outside the repository).
#[test]
fn the_copy_matches_the_shared_examples() {
    let shared =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/greenhouse-doc-examples");
    if !shared.is_dir() {
        eprintln!("no {}: nothing to compare", shared.display());
        return;
    }
    let names = json_files(&shared);
    assert_eq!(names, json_files(&examples_dir()));
    for name in names
        .iter()
        .chain(std::iter::once(&"README.md".to_string()))
    {
        let theirs = std::fs::read(shared.join(name)).unwrap();
        let ours = std::fs::read(examples_dir().join(name)).unwrap();
        assert!(theirs == ours, "{name} differs from the shared copy");
    }
}

#[test]
fn get_candidates_one_object_is_read_with_its_status() {
    let read =
        responses::interpret_candidates(&ok(example("get-candidates-response-1.json")), NOW_MS)
            .expect("Greenhouse's own example is readable");
    assert_eq!(read.len(), 1);
    let candidate = &read[0];
    assert_eq!(candidate.id, 17681532);
    assert_eq!(candidate.external_id, "24680");
    let application = &candidate.applications[0];
    assert_eq!(application.job.as_deref(), Some("Auror"));
    assert_eq!(application.status.as_deref(), Some("Active"));
    assert_eq!(application.state(), ApplicationState::Active);
    assert_eq!(application.stage.as_deref(), Some("Application Review"));
    // The recruiter is shown the status, not "not visible in Greenhouse".
    let asked: serde_json::Value =
        serde_json::from_str(&example("get-candidates-request-1.json")).unwrap();
    let id = asked["candidate_ids"].as_u64().unwrap();
    match GreenhouseLookup::from_result(Ok(read.clone()), id, &English) {
        GreenhouseLookup::Found { applications } => {
            let expected: Vec<Application> = candidate
                .applications
                .iter()
                .cloned()
                .map(Application::from)
                .collect();
            assert_eq!(applications, expected);
            assert_eq!(applications[0].state(), ApplicationState::Active);
        }
        other => panic!("{other:?}"),
    }
    // The same answer as an array, and an empty answer.
    let array = format!("[{}]", example("get-candidates-response-1.json"));
    assert_eq!(
        responses::interpret_candidates(&ok(array), NOW_MS),
        Ok(read)
    );
    assert_eq!(
        responses::interpret_candidates(&ok(String::new()), NOW_MS),
        Ok(vec![])
    );
}

#[test]
fn current_user_example() {
    let user =
        responses::interpret_current_user(&ok(example("get-current_user-response-1.json")), NOW_MS)
            .unwrap();
    assert_eq!(user.id, 1234);
    assert_eq!(user.full_name, "Ron Weasley");
    assert_eq!(user.email, "rweasley@hogwarts.edu");
    assert_eq!(user.display_name(), "Ron Weasley");
}

#[test]
fn jobs_example() {
    let jobs = responses::interpret_jobs(&ok(example("get-jobs-response-1.json")), NOW_MS).unwrap();
    let read: Vec<(u64, &str, &str, bool)> = jobs
        .iter()
        .map(|job| (job.id, job.name.as_str(), job.status.as_str(), job.public))
        .collect();
    assert_eq!(
        read,
        [
            (146859, "Auror", "open", true),
            (150050, "Professor", "open", true),
            (147886, "Caretaker", "open", false)
        ]
    );
}

#[test]
fn prospect_pools_example_with_stages_as_an_array() {
    let pools = responses::interpret_prospect_pools(
        &ok(example("get-prospect_pools-response-1.json")),
        NOW_MS,
    )
    .unwrap();
    assert_eq!(pools.len(), 2);
    assert_eq!(pools[0].id, 123);
    assert_eq!(pools[1].name, "Cold Outreach: Sourced");
    let stages: Vec<u64> = pools
        .iter()
        .flat_map(|p| p.stages.iter().map(|s| s.id))
        .collect();
    assert_eq!(stages, (1957..=1966).collect::<Vec<_>>());
    assert_eq!(pools[0].stages[2].name, "1st. Follow Up Sent");
}

#[test]
fn created_candidate_example() {
    let created = responses::interpret_created_candidate(
        &ok(example("post-candidates-response-1.json")),
        NOW_MS,
    )
    .unwrap();
    assert_eq!(created.id, 12345);
    assert_eq!(created.application_id, Some(17681532));
    assert_eq!(created.external_id, "24680");
    assert_eq!(
        created.profile_url.as_deref(),
        Some("https://app.greenhouse.io/people/17681532?application_id=26234709")
    );
}

#[test]
fn error_example() {
    let response = HttpResponse {
        status: 422,
        headers: vec![],
        body: example("errors-response-1.json"),
    };
    assert_eq!(
        from_response(&response, NOW_MS),
        ApiError::Validation {
            field: Some("email".into()),
            message: "Your request included invalid JSON.".into()
        }
    );
}

/// The request example, read into what the extension sends: every field it
/// names is one `NewCandidate` has, and ours sends `prospect` as a real
/// boolean where the example writes the string `"true"`.
#[test]
fn post_candidates_request_example_names_our_fields() {
    let mut example: serde_json::Value =
        serde_json::from_str(&example("post-candidates-request-1.json")).unwrap();
    assert_eq!(example["prospect"], serde_json::json!("true"));
    example["prospect"] = serde_json::json!(true);
    let candidate: NewCandidate = serde_json::from_value(example.clone())
        .expect("every field of the example is a NewCandidate field");
    assert!(candidate.prospect);
    assert_eq!(
        candidate.resume.as_deref(),
        Some("https://hogwarts.com/resume")
    );
    let ours = serde_json::to_value(&candidate).unwrap();
    assert_eq!(ours["prospect"], serde_json::json!(true));
    let keys = |v: &serde_json::Value| -> BTreeSet<String> {
        v.as_object().unwrap().keys().cloned().collect()
    };
    assert_eq!(keys(&ours), keys(&example));
    assert_eq!(ours, example);
}

/// The extension never asks for tracking links; the examples are still
/// valid JSON of the documented shape (nothing else to conform to).
#[test]
fn tracking_link_examples_are_the_documented_shape() {
    let request: serde_json::Value =
        serde_json::from_str(&example("post-tracking_link-request-1.json")).unwrap();
    assert!(request["job_id"].is_u64());
    let response: serde_json::Value =
        serde_json::from_str(&example("post-tracking_link-response-1.json")).unwrap();
    assert!(response["tracking_link"]
        .as_str()
        .unwrap()
        .starts_with("http"));
}

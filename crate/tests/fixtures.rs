//! Fixture tests: every page in `tests/fixtures/` read natively (scraper)
//! through the same extractor the browser runs, compared with its golden
//! files through one `check(name)`.
//!
//! A fixture is checked in the state a recruiter clicks in: rendered (late
//! renders are rendered, see `support::HtmlPage::render_late`) and with the
//! Share menu open. The closed-menu state must give the same profile when
//! the URL names the candidate. Golden files: `<name>.profile.json` (the
//! `CandidateProfile`, or `{"error": ParseError}`). Write new ones with
//! `UPDATE_GOLDEN=1 cargo test --test fixtures` and review every line.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use purpose_greenhouse::core::extract::{candidate_id_from_url, extract_profile, ParseError};
use purpose_greenhouse::core::profile::{CandidateProfile, ProfileField};
use serde_json::{json, Value};
use support::{assert_golden, entry, index, load, HtmlPage};

fn profile_json(result: &Result<CandidateProfile, ParseError>) -> Value {
    match result {
        Ok(profile) => serde_json::to_value(profile).unwrap(),
        Err(error) => json!({ "error": error }),
    }
}

/// Reads a fixture in its click-time state and compares it with its goldens.
fn check(name: &str) {
    let entry = entry(name);
    let mut page = load(name);
    if page.has_late_render() {
        // Before the data arrives the page names the candidate but shows no
        // name: never a profile to send.
        match extract_profile(&page) {
            Err(ParseError::MissingRequired { missing, .. }) => {
                assert_eq!(missing, [ProfileField::Name])
            }
            other => panic!("{name}: skeleton state gave {other:?}"),
        }
        assert!(page.render_late() > 0);
    }
    let closed = extract_profile(&page);
    let opened = page.open_share_menu().is_some();
    let result = extract_profile(&page);

    match entry.kind.as_str() {
        "not-profile" => assert!(
            matches!(result, Err(ParseError::NotAProfile { .. })),
            "{name}: {result:?}"
        ),
        "profile" => assert!(
            !matches!(result, Err(ParseError::NotAProfile { .. })),
            "{name}: {result:?}"
        ),
        other => panic!("{name}: unknown kind {other}"),
    }
    if opened && candidate_id_from_url(&entry.url).is_some() {
        assert_eq!(
            closed, result,
            "{name}: opening the Share menu changed the profile"
        );
    }
    assert_golden(&format!("{name}.profile.json"), &profile_json(&result));
}

#[test]
fn every_fixture_is_checked_here() {
    let source = include_str!("fixtures.rs");
    for entry in index() {
        let call = format!("check(\"{}\")", entry.fixture);
        assert!(
            source.contains(&call),
            "fixture {} has no test calling {call}",
            entry.fixture
        );
        assert!(!entry.notes.is_empty());
    }
}

#[test]
fn semantic() {
    check("semantic");
}

#[test]
fn div_soup() {
    check("div-soup");
}

#[test]
fn uppercase_labels() {
    check("uppercase-labels");
}

#[test]
fn portal_menu() {
    check("portal-menu");
}

#[test]
fn inline_menu() {
    check("inline-menu");
}

#[test]
fn search_panel() {
    check("search-panel");
}

#[test]
fn late_render() {
    check("late-render");
}

#[test]
fn spa_navigation() {
    check("spa-navigation");
}

#[test]
fn minimal() {
    check("minimal");
}

#[test]
fn full() {
    check("full");
}

#[test]
fn unicode() {
    check("unicode");
}

#[test]
fn hostile() {
    check("hostile");
}

#[test]
fn single_word_name() {
    check("single-word-name");
}

#[test]
fn copy_link_id() {
    check("copy-link-id");
}

#[test]
fn job_page() {
    check("job-page");
}

#[test]
fn search_no_candidate() {
    check("search-no-candidate");
}

#[test]
fn settings() {
    check("settings");
}

/// The SPA fixture after "Next candidate": in each state of the navigation
/// the page gives the candidate the URL names, or an error, never the
/// previous candidate under the new id.
#[test]
fn spa_navigation_to_the_next_candidate() {
    let mut page = load("spa-navigation");
    page.open_share_menu();
    let first = extract_profile(&page).unwrap();
    assert_eq!(first.candidate_id, "10001");

    // The URL already says 10002 while candidate 10001's open menu is shown.
    page.push_url_only("/candidates/10002");
    assert_eq!(
        extract_profile(&page),
        Err(ParseError::StaleProfile {
            url_id: "10002".into(),
            page_id: "10001".into()
        })
    );

    let mut page = load("spa-navigation");
    assert!(page.navigate("/candidates/10002"));
    page.open_share_menu();
    let second = extract_profile(&page).unwrap();
    assert_eq!(second.candidate_id, "10002");
    assert_eq!(second.full_name, "Aiko Tanaka");
    assert_golden(
        "spa-navigation.next.profile.json",
        &profile_json(&Ok(second)),
    );
}

/// With the Share menu closed the copy-link fixture names no candidate: the
/// profile is recognised, but the id is reported missing.
#[test]
fn copy_link_id_needs_the_open_menu() {
    let page = load("copy-link-id");
    match extract_profile(&page) {
        Err(ParseError::MissingRequired { missing, partial }) => {
            assert_eq!(missing, [ProfileField::CandidateId]);
            assert_eq!(partial.full_name, "Fatima Al-Sayed");
        }
        other => panic!("{other:?}"),
    }
}

/// A page that is not HTML at all still gives an answer, not a panic.
#[test]
fn empty_and_broken_pages() {
    let page = HtmlPage::parse("", "https://app.purpose.jobs/candidates/1");
    assert!(matches!(
        extract_profile(&page),
        Err(ParseError::MissingRequired { .. })
    ));
    let page = HtmlPage::parse("<h1>Jane Doe", "https://app.purpose.jobs/candidates/1");
    assert_eq!(extract_profile(&page).unwrap().full_name, "Jane Doe");
    let page = HtmlPage::parse("<p>hi</p>", "about:blank");
    assert!(matches!(
        extract_profile(&page),
        Err(ParseError::NotAProfile { .. })
    ));
    let deep = format!("{}<h1>Deep Name</h1>", "<div>".repeat(5000));
    let page = HtmlPage::parse(&deep, "https://app.purpose.jobs/candidates/2");
    let _ = extract_profile(&page);
}

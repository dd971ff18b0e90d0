//! Fixture tests: every page in `tests/fixtures/` read natively (scraper)
//! through the same extractor the browser runs, compared with its golden
//! files through one `check(name)`.
//!
//! A fixture is checked in the state a recruiter clicks in: rendered (late
//! renders are rendered, see `support::HtmlPage::render_late`) and with the
//! Share menu open. The closed-menu state must give the same profile when
//! the URL names the candidate. Golden files: `<name>.profile.json` (the
//! `CandidateProfile`, or `{"error": ParseError}`) and `<name>.payload.json`
//! (the Greenhouse `NewCandidate`, or `{"error": ...}`: the mapping's missing
//! fields with the draft, or the parse error) and `<name>.menu.json` (the
//! recognised Share menu's shape, `null` when the page has none). Write new
//! ones with
//! `UPDATE_GOLDEN=1 cargo test --test fixtures` and review every line.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod golden_json;
mod support;

use golden_json::{payload_json, profile_json};
use purpose_greenhouse_core::greenhouse::mapping::to_new_candidate;
use purpose_greenhouse_core::page::wire::{encode, WireDoc};
use purpose_greenhouse_core::page::{Page, MAX_NODES};
use purpose_greenhouse_core::profile::extract::{
    candidate_id_from_url, extract_profile, ParseError,
};
use purpose_greenhouse_core::profile::reading::{read_profile, required_gaps, ProfileReading};
use purpose_greenhouse_core::profile::share_menu::{
    find_profile_share_menu, find_share_menu, recognise_share_menu,
};
use purpose_greenhouse_core::profile::ProfileField;
use purpose_greenhouse_core::sending::review::ReviewFields;
use serde_json::Value;
use support::{assert_golden, entry, index, load, HtmlPage};

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
    assert!(
        find_share_menu(&page).is_none(),
        "{name}: a Share menu before it was opened"
    );
    let menu_node = page.open_share_menu();
    let opened = menu_node.is_some();
    let result = extract_profile(&page);

    // The Share menu: recognised on the whole page and from the node that
    // was added; offered only on profile pages.
    let menu = find_share_menu(&page);
    if let (Some(node), Some(menu)) = (menu_node, &menu) {
        let added = recognise_share_menu(&page, &node).expect("the added node is recognised");
        assert_eq!(added.container, menu.container);
        assert_eq!(added.template_item, menu.template_item);
        assert!(added.share_button.is_none());
        assert!(menu.share_button.is_some(), "{name}: no Share button");
    }
    assert_eq!(opened, menu.is_some(), "{name}: opened menu not recognised");
    assert_eq!(
        find_profile_share_menu(&page).is_some(),
        opened && entry.kind == "profile",
        "{name}: menu offered on the wrong page"
    );
    let shape = menu
        .map(|m| serde_json::to_value(m.shape).unwrap())
        .unwrap_or(Value::Null);
    assert_golden(&format!("{name}.menu.json"), &shape);

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
    assert_golden(&format!("{name}.payload.json"), &payload_json(&result));

    // The browser reads the page through its one-string form: the same
    // profile and menu must come out of it.
    let through_wire = wire_copy(&page);
    assert_eq!(extract_profile(&through_wire), result, "{name}: wire form");
    assert_eq!(
        find_share_menu(&through_wire).map(|m| m.shape),
        find_share_menu(&page).map(|m| m.shape),
        "{name}: wire form"
    );

    // What the background replies when the content script sends this
    // page's snapshot (`Request::ReadProfile`).
    let reading = read_profile(&through_wire);
    let complete = result.as_ref().ok().map(to_new_candidate);
    match (&reading, &result, complete) {
        (
            ProfileReading::Ready {
                candidate, fields, ..
            },
            Ok(_),
            Some(Ok(expected)),
        ) => {
            assert_eq!(candidate, &expected, "{name}: reading");
            assert_eq!(fields, &ReviewFields::of(candidate), "{name}: reading");
        }
        (
            ProfileReading::Incomplete { draft, fields, .. },
            Ok(_) | Err(ParseError::MissingRequired { .. }),
            _,
        ) => {
            assert_eq!(fields, &ReviewFields::of(draft), "{name}: reading");
            assert!(
                !required_gaps(fields).is_empty(),
                "{name}: nothing to review"
            );
        }
        (ProfileReading::Stale, Err(ParseError::StaleProfile { .. }), _)
        | (ProfileReading::NotAProfile, Err(ParseError::NotAProfile { .. }), _) => {}
        (reading, result, _) => panic!("{name}: read as {reading:?} from {result:?}"),
    }
}

/// `page` written in the wire format and read back.
fn wire_copy<P: Page>(page: &P) -> WireDoc {
    let text = match page.root() {
        Some(root) => encode(page, root, MAX_NODES),
        None => String::new(),
    };
    WireDoc::parse(text, page.url())
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
    let second = Ok(second);
    assert_golden("spa-navigation.next.profile.json", &profile_json(&second));
    assert_golden("spa-navigation.next.payload.json", &payload_json(&second));
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

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Fragments of profile-like markup, shuffled into arbitrary pages.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            "\\PC{0,30}".prop_map(|t| t.replace('<', "&lt;")),
            Just("<h1>".to_string()),
            Just("</h1>".to_string()),
            Just("<dl><dt>Skills</dt><dd>".to_string()),
            Just("</dd></dl>".to_string()),
            Just("<h2>Target salary</h2>".to_string()),
            Just("<ul><li>".to_string()),
            Just("</li></ul>".to_string()),
            Just("<a href=\"mailto:x@y.z\">Send Email</a>".to_string()),
            Just("<a href=\"https://github.com/x\">".to_string()),
            Just("<a href=\"javascript:1\">".to_string()),
            Just("</a>".to_string()),
            Just("<p><strong>Pronouns:</strong> ".to_string()),
            Just("<div role=\"heading\" aria-level=\"1\">".to_string()),
            Just("</div>".to_string()),
            Just("<span>(she/her)</span>".to_string()),
            Just("<template>".to_string()),
            Just("<nav>".to_string()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any page reads the same through its wire form.
        #[test]
        fn any_page_reads_the_same_through_its_wire_form(
            pieces in proptest::collection::vec(piece(), 0..40),
        ) {
            let page = HtmlPage::parse(&pieces.concat(), "https://app.purpose.jobs/candidates/7");
            prop_assert_eq!(extract_profile(&wire_copy(&page)), extract_profile(&page));
        }

        /// Any page gives a profile with a name and id, or an error; its
        /// payload has the required fields, or names what is missing.
        #[test]
        fn any_page_gives_a_profile_or_an_error(
            pieces in proptest::collection::vec(piece(), 0..40),
            id in proptest::option::of("[0-9]{1,8}"),
        ) {
            let url = match &id {
                Some(id) => format!("https://app.purpose.jobs/candidates/{id}"),
                None => "https://app.purpose.jobs/saved".to_string(),
            };
            let page = HtmlPage::parse(&pieces.concat(), &url);
            match extract_profile(&page) {
                Ok(profile) => {
                    prop_assert!(!profile.full_name.is_empty());
                    prop_assert!(!profile.candidate_id.is_empty());
                    prop_assert_eq!(profile.full_name.trim(), profile.full_name.as_str());
                    for link in &profile.links {
                        prop_assert!(link.url.starts_with("https://") || link.url.starts_with("http://"));
                    }
                    match to_new_candidate(&profile) {
                        Ok(candidate) => prop_assert!(!candidate.last_name.is_empty()),
                        Err(missing) => prop_assert!(!missing.missing.is_empty()),
                    }
                }
                Err(ParseError::MissingRequired { missing, .. }) => prop_assert!(!missing.is_empty()),
                Err(_) => {}
            }
        }
    }
}

/// A menu that already has the extension's item says so, and a menu-like
/// list of unrelated items is not a Share menu.
#[test]
fn share_menu_with_our_item_and_look_alikes() {
    let html = r#"<body><h1>Ada Lovelace</h1>
        <ul role="menu"><li role="menuitem">Share with Team</li><li role="menuitem">Copy Candidate Link</li>
        <li role="menuitem">Send to Greenhouse</li></ul></body>"#;
    let page = HtmlPage::parse(html, "https://app.purpose.jobs/candidates/1");
    let menu = find_share_menu(&page).unwrap();
    assert!(menu.shape.has_greenhouse_item);
    assert_eq!(menu.shape.items.len(), 3);
    assert!(find_profile_share_menu(&page).is_some());

    let html = r#"<body><h1>Ada Lovelace</h1><ul><li>Share your screen</li><li>Copy</li><li>Link</li></ul>
        <p>Share with Team members from the settings page, or copy the link below.</p></body>"#;
    let page = HtmlPage::parse(html, "https://app.purpose.jobs/candidates/1");
    assert!(find_share_menu(&page).is_none());
}

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

/// The background's warm-up snapshot is the `full` fixture as the browser
/// snapshots it at a click, and reads as a candidate ready to send (so the
/// warm-up runs the whole reading path).
#[test]
fn warm_up_snapshot_is_the_full_fixture() {
    use purpose_greenhouse_core::profile::reading::{read_snapshot, WARM_UP_SNAPSHOT, WARM_UP_URL};
    let mut page = load("full");
    assert!(page.open_share_menu().is_some());
    assert_eq!(entry("full").url, WARM_UP_URL);
    let text = encode(&page, page.root().unwrap(), MAX_NODES);
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/profile/warm_up.snapshot");
        std::fs::write(path, &text).unwrap();
        return;
    }
    assert!(
        text == WARM_UP_SNAPSHOT,
        "warm_up.snapshot is not the full fixture's: UPDATE_GOLDEN=1"
    );
    let reading = read_snapshot(WARM_UP_SNAPSHOT.to_owned(), WARM_UP_URL.to_owned()).unwrap();
    assert!(
        matches!(reading, ProfileReading::Ready { .. }),
        "{reading:?}"
    );
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
fn component_card() {
    check("component-card");
}

#[test]
fn popover_menu() {
    check("popover-menu");
}

#[test]
fn slotted_parts() {
    check("slotted-parts");
}

#[test]
fn candidate_list() {
    check("candidate-list");
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

/// Every value exactly as on the page: arbitrary text (any Unicode, quotes,
/// angle brackets, the separators `;` `,` `/` `·` ` - `, leading and trailing
/// punctuation) put in one field of the semantic fixture is read and sent
/// verbatim, apart from the whitespace collapsing the page itself shows.
mod verbatim {
    use super::*;
    use proptest::prelude::*;

    /// Where a value goes in `semantic.html`: the text replaced, and how
    /// the profile and the notes carry it.
    #[derive(Debug, Clone, Copy)]
    enum Field {
        Skill,
        /// The only item of its list (one `<li>`): never split.
        OnlyValue,
        Interest,
        Location,
        Salary,
        Experience,
        SearchStatus,
        Summary,
    }

    const FIELDS: [Field; 8] = [
        Field::Skill,
        Field::OnlyValue,
        Field::Interest,
        Field::Location,
        Field::Salary,
        Field::Experience,
        Field::SearchStatus,
        Field::Summary,
    ];

    fn page_with(field: Field, html_value: &str) -> String {
        let page = std::fs::read_to_string(support::fixtures_dir().join("semantic.html")).unwrap();
        let (from, to) = match field {
            Field::Skill => (
                "<li>Distributed systems</li>".to_string(),
                format!("<li>{html_value}</li>"),
            ),
            Field::OnlyValue => (
                "<li>Transparency</li>\n        <li>Mentorship</li>".to_string(),
                format!("<li>{html_value}</li>"),
            ),
            Field::Interest => (
                "<li>Education</li>".to_string(),
                format!("<li>{html_value}</li>"),
            ),
            Field::Location => (
                "<dd>Remote</dd>".to_string(),
                format!("<dd>{html_value}</dd>"),
            ),
            Field::Salary => (
                "<dd>$180,000 – $210,000</dd>".to_string(),
                format!("<dd>{html_value}</dd>"),
            ),
            Field::Experience => (
                "<dd>10+ years</dd>".to_string(),
                format!("<dd>{html_value}</dd>"),
            ),
            Field::SearchStatus => (
                "<dd>Actively looking</dd>".to_string(),
                format!("<dd>{html_value}</dd>"),
            ),
            Field::Summary => (
                "<p>Lately: compilers, distributed schedulers and teaching.</p>".to_string(),
                format!("<p>{html_value}</p>"),
            ),
        };
        assert!(page.contains(&from), "{from}");
        page.replacen(&from, &to, 1)
    }

    fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    /// Text that is a value, not a label or a control: a word of its own
    /// ("Qz") surrounded by anything.
    fn value() -> impl Strategy<Value = String> {
        let part = prop_oneof![
            "\\PC{0,6}",
            "[;,/·\\-–—:()\\[\\]\"'<>&!?.*#@+|]{0,4}",
            Just(" - ".to_string()),
            Just(" · ".to_string()),
            Just(";--".to_string()),
            Just("  \t ".to_string()),
        ];
        (
            proptest::collection::vec(part.clone(), 0..4),
            proptest::collection::vec(part, 0..4),
        )
            .prop_map(|(before, after)| format!("{}Qz{}", before.concat(), after.concat()))
    }

    /// What the page shows of `text`: whitespace runs collapsed, trimmed.
    fn shown(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_text_in_any_field_is_sent_verbatim(text in value(), which in 0..FIELDS.len()) {
            let field = FIELDS[which];
            let html = page_with(field, &escape(&text));
            let page = HtmlPage::parse(&html, "https://app.purpose.jobs/candidates/48213");
            let profile = extract_profile(&page).expect("the semantic page still reads");
            let want = shown(&text);
            let notes = to_new_candidate(&profile).unwrap().notes.unwrap_or_default();
            let lines: Vec<&str> = notes.lines().collect();
            let item = format!("- {want}");
            match field {
                Field::Skill => prop_assert!(profile.skills.contains(&want), "{:?}", profile.skills),
                Field::OnlyValue => prop_assert_eq!(&profile.values, &vec![want.clone()]),
                Field::Interest => prop_assert!(profile.interests.contains(&want), "{:?}", profile.interests),
                Field::Location => prop_assert!(profile.target_locations.contains(&want), "{:?}", profile.target_locations),
                Field::Salary => prop_assert_eq!(profile.salary_range.as_deref(), Some(want.as_str())),
                Field::Experience => prop_assert_eq!(profile.experience.as_deref(), Some(want.as_str())),
                Field::SearchStatus => prop_assert_eq!(profile.job_search_status.as_deref(), Some(want.as_str())),
                Field::Summary => prop_assert!(profile.summary.as_deref().unwrap_or_default().ends_with(&want)),
            }
            let line = match field {
                Field::Skill | Field::OnlyValue | Field::Interest | Field::Location => item,
                Field::Salary => format!("Salary range: {want}"),
                Field::Experience => format!("Experience: {want}"),
                Field::SearchStatus => format!("Job search status: {want}"),
                Field::Summary => want.clone(),
            };
            prop_assert!(lines.contains(&line.as_str()), "{line:?} not a line of {notes:?}");
        }
    }

    /// The example of the issue, pinned: `C;--` stays `C;--`.
    #[test]
    fn a_value_with_separators_is_one_item() {
        for text in ["C;--", "R&D / Ops", "A, B", "x · y", "left - right"] {
            let html = page_with(Field::OnlyValue, &escape(text));
            let page = HtmlPage::parse(&html, "https://app.purpose.jobs/candidates/48213");
            let profile = extract_profile(&page).unwrap();
            assert_eq!(profile.values, [text]);
            let notes = to_new_candidate(&profile).unwrap().notes.unwrap();
            assert!(
                notes.contains(&format!("Values:\n- {text}\nInterests:")),
                "{notes}"
            );
        }
    }
}

/// Shadow roots are read as the page renders them: slotted light-DOM parts
/// in their slots (fallback content replaced), unassigned light DOM left
/// out, a closed root only marked; the wire form keeps the marks.
#[test]
fn shadow_roots_are_read_as_rendered() {
    use purpose_greenhouse_core::page::{ShadowMode, Tree};
    let page = load("slotted-parts");
    let tree = Tree::capture_page(&page);
    let text = tree.text(0);
    assert!(text.contains("Kwame Mensah-Bonsu"), "{text}");
    assert!(text.contains("Pronouns he/him"), "{text}");
    for absent in [
        "assigned to no slot",
        "Unnamed candidate",
        "not given",
        "Sponsored",
    ] {
        assert!(!text.contains(absent), "{absent:?} in {text}");
    }
    let mode = |tag: &str| {
        tree.nodes
            .iter()
            .find(|n| n.tag.as_deref() == Some(tag))
            .and_then(|n| n.attrs.shadow)
    };
    assert_eq!(mode("pj-profile"), Some(ShadowMode::Open));
    assert_eq!(mode("pj-ad-slot"), Some(ShadowMode::Closed));
    assert_eq!(mode("article"), None);
    let wire = wire_copy(&page);
    let again = Tree::from_wire(&wire);
    let modes = |t: &Tree<usize>| -> Vec<Option<ShadowMode>> {
        t.nodes.iter().map(|n| n.attrs.shadow).collect()
    };
    assert_eq!(modes(&again), modes(&tree.clone().map_handles(|_| 0)));
    assert_eq!(again.text(0), text);
}

/// The page report of every fixture (in the click-time state) keeps the
/// site's words and none of the candidate's: no value of the golden
/// profile, no id, no email, no personal part of a URL.
#[test]
fn page_reports_keep_labels_and_hide_the_candidate() {
    use purpose_greenhouse_core::page::Tree;
    use purpose_greenhouse_core::report::{page_report, MAX_REPORT_BYTES};
    fn strings(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::String(s) => out.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            Value::Object(map) => map
                .iter()
                .filter(|(k, _)| {
                    !["kind", "reason", "warnings", "missing", "field"].contains(&k.as_str())
                })
                .for_each(|(_, v)| strings(v, out)),
            _ => {}
        }
    }
    for entry in index() {
        let name = entry.fixture.as_str();
        let mut page = load(name);
        page.render_late();
        let opened = page.open_share_menu().is_some();
        let tree = Tree::capture_page(&page);
        let report = page_report(&tree, "9.9.9-test");
        assert!(report.len() <= MAX_REPORT_BYTES, "{name}");
        assert!(report.contains("version: 9.9.9-test"), "{name}");
        assert!(
            report.contains("<!-- purpose-greenhouse page report"),
            "{name}"
        );
        let golden: Value = serde_json::from_str(
            &std::fs::read_to_string(support::fixtures_dir().join(format!("{name}.profile.json")))
                .unwrap(),
        )
        .unwrap();
        let mut values = Vec::new();
        strings(&golden, &mut values);
        let mut secret: Vec<String> = Vec::new();
        for value in values {
            secret.push(value.clone());
            // The personal parts of URLs and emails.
            // Purpose Jobs' own routes ("resumes", "candidates") are the
            // site's words; ids and names in its paths are not.
            let own_url = value.contains(".purpose.jobs/") || value.contains("//purpose.jobs/");
            for part in value.split(['/', '@', '?', '=', '&', '#']) {
                let route = part.split('.').next().unwrap_or("");
                let route_word = !route.is_empty()
                    && route
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_');
                // Short parts ("team", "in") are words anyone's URL has.
                let short = part.chars().filter(|c| c.is_alphanumeric()).count() < 5;
                if !(short || own_url && route_word) {
                    secret.push(part.to_string());
                }
            }
        }
        // Every word of the name.
        for name in [
            golden.get("full_name"),
            golden.pointer("/error/partial/full_name"),
        ]
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        {
            secret.extend(name.split_whitespace().map(str::to_string));
        }
        // Link schemes are kept ("javascript:" is no candidate's word).
        let lower = report.to_lowercase().replace("javascript:", "");
        for value in secret {
            let value = value
                .trim()
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            let chars = value.chars().count();
            // Short words ("Go", "R", "UX") and the site's own parts of
            // URLs are no secret; everything else must not appear.
            let site = [
                "https",
                "http",
                "mailto",
                "static",
                "candidates",
                "resume.pdf",
                "app.purpose.jobs",
            ];
            // Hosts of well-known sites are kept (the report keeps them).
            let known_host = [
                "linkedin.com",
                "github.com",
                "gitlab.com",
                "twitter.com",
                "x.com",
                "dribbble.com",
                "behance.net",
                "medium.com",
                "substack.com",
                "instagram.com",
                "facebook.com",
                "youtube.com",
                "stackoverflow.com",
                "purpose.jobs",
            ]
            .iter()
            .any(|h| value == *h || value.ends_with(&format!(".{h}")));
            let own_host = value.ends_with(".purpose.jobs");
            if chars < 4 || own_host || known_host || site.contains(&value.as_str()) {
                continue;
            }
            assert!(
                !lower.contains(&value),
                "{name}: the report shows {value:?}:\n{report}"
            );
        }
        if golden.get("candidate_id").is_some() {
            assert!(report.contains("found: "), "{name}");
        }
        // The menu's words stay, however the page marks its items up
        // (buttons, links, menu items, bare divs).
        let menu: Value = serde_json::from_str(
            &std::fs::read_to_string(support::fixtures_dir().join(format!("{name}.menu.json")))
                .unwrap(),
        )
        .unwrap();
        if opened {
            for item in menu["items"].as_array().unwrap() {
                let item = item.as_str().unwrap().to_lowercase();
                assert!(
                    lower.contains(&item),
                    "{name}: the menu item {item:?} is gone:\n{report}"
                );
            }
        }
    }
    let mut page = load("semantic");
    page.open_share_menu();
    let report = page_report(&Tree::capture_page(&page), "1");
    for label in [
        "Skills",
        "Values",
        "Interests",
        "Target locations",
        "Job search status",
        "Professional summary",
        "Send Email",
        "Share with Team",
        "aria-label=\"Candidate actions\"",
        "role=\"menu\"",
    ] {
        assert!(report.contains(label), "{label} missing:\n{report}");
    }
    // Labels in bare divs and spans stay too: the words the extractor reads
    // as a field's label (what a relabelled field changes).
    let cases: &[(&str, &[&str])] = &[
        (
            "div-soup",
            &[
                "About",
                "Salary range",
                "Experience level",
                "Looking for",
                "Open to",
                "Top skills",
                "What I value",
                "Interested in",
            ],
        ),
        (
            "uppercase-labels",
            &[
                "PRONOUNS:",
                "CURRENT TITLE",
                "TARGET SALARY",
                "YEARS OF EXPERIENCE",
                "JOB SEARCH STATUS",
                "SKILLS",
                "INTERESTS",
            ],
        ),
    ];
    for (name, labels) in cases {
        let mut page = load(name);
        page.open_share_menu();
        let report = page_report(&Tree::capture_page(&page), "1");
        for label in *labels {
            assert!(
                report.contains(&format!(">{label}<")),
                "{name}: {label} missing:\n{report}"
            );
        }
    }
    let page = load("slotted-parts");
    let report = page_report(&Tree::capture_page(&page), "1");
    assert!(report.contains("data-report-shadow=\"open\""));
    assert!(report.contains("data-report-shadow=\"closed\""));
    assert!(
        report.contains("shadow roots: 4 open, 1 closed"),
        "{report}"
    );
}

/// The report of `html` at `url` (the page as it is: no menu opened).
fn report_of(html: &str, url: &str) -> String {
    use purpose_greenhouse_core::page::Tree;
    let page = support::HtmlPage::parse(html, url);
    purpose_greenhouse_core::report::page_report(&Tree::capture_page(&page), "1")
}

/// On a list page every card is a person: the headings that name them (and
/// the texts of links to their pages) are masked, whatever the card's
/// markup, while the site's own headings stay.
#[test]
fn page_reports_hide_every_person_on_a_list_page() {
    use purpose_greenhouse_core::page::Tree;
    use purpose_greenhouse_core::report::page_report;
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "candidate-list",
            &[
                "Priya",
                "Raman",
                "Tomás",
                "Neill",
                "Amara",
                "Okafor",
                "Mensah",
                "Kenji",
                "Watanabe",
                "Zoë",
                "Dubois",
                "王芳",
                "Ecosia",
                "Fairtrade",
                "Dublin",
            ],
            &[
                "<h1>Search candidates</h1>",
                "<h2>Filters</h2>",
                "<h3>Location</h3>",
                "<h3>Experience Level</h3>",
                "<h2>Recommended For You</h2>",
                "<h4>Skills</h4>",
                "<h4>Top skills</h4>",
                "View profile",
                "Share with team",
                "Copy search link",
                "aria-label=\"Open profile\"",
            ],
        ),
        (
            "search-no-candidate",
            &["Lena", "Vogel", "Diego", "Álvarez", "Fairphone"],
            &[
                "<h1>Search candidates</h1>",
                "Share with Team",
                "Copy Search Link",
            ],
        ),
        (
            // The selected candidate's panel next to the other results.
            "search-panel",
            &["Mei Lin", "Jonas", "Berg", "Amara", "Diallo"],
            &[
                "<h1>Search candidates</h1>",
                "<h3>Skills</h3>",
                "<h3>Values</h3>",
            ],
        ),
    ];
    for (name, hidden, kept) in cases {
        let mut page = support::load(name);
        page.open_share_menu();
        let report = page_report(&Tree::capture_page(&page), "1");
        for word in *hidden {
            assert!(
                !report.to_lowercase().contains(&word.to_lowercase()),
                "{name}: the report shows {word:?}:\n{report}"
            );
        }
        for label in *kept {
            assert!(
                report.contains(label),
                "{name}: {label:?} is gone:\n{report}"
            );
        }
    }
    // A profile page's own sections and links keep their words: no card,
    // and a link's text that is no name.
    let report = report_of(
        r#"<main><article><h1>Ada Lovelace</h1><p>Engineer</p>
        <h2>Work History</h2><a href="/candidates/1815/notes">Open Notes</a>
        <div role="menu"><a role="menuitem" href="/candidates/1815">Copy Candidate Link</a></div>
        <p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur.</p>
        </article></main>"#,
        "https://app.purpose.jobs/candidates/1815",
    );
    for label in ["<h2>Work History</h2>", "Copy Candidate Link"] {
        assert!(report.contains(label), "{label:?} is gone:\n{report}");
    }
    assert!(!report.contains("Lovelace"), "{report}");
    // A link to a person's page whose text is a name, anywhere.
    let report = report_of(
        r#"<main><h1>Team</h1><p>Reviewed by <a href="https://www.linkedin.com/in/someone">Grace Hopper</a></p></main>"#,
        "https://app.purpose.jobs/search?q=x",
    );
    assert!(
        !report.contains("Grace") && !report.contains("Hopper"),
        "{report}"
    );
    assert!(report.contains("<h1>Team</h1>"), "{report}");
}

/// A menu's words are the site's however its items are marked up: a
/// popover of bare divs (no role), a role="menu" of divs, a role-less div of
/// buttons and links. Its items still hide the candidate's values and
/// identifying shapes.
#[test]
fn page_reports_keep_the_words_of_role_less_menus() {
    let profile = r#"<main><h1>Ada Lovelace</h1><p>Engineer at Analytical Engines</p>
        <a href="mailto:ada.1815@relay.purpose.jobs">Send Email</a></main>"#;
    let menus = [
        // The Share menu as bare divs in a popover (no role anywhere).
        r#"<div class="pop"><div class="menu">
            <div tabindex="0">Share with team</div>
            <div tabindex="0">Copy candidate link</div>
            <div tabindex="0">Message Ada</div>
            <div tabindex="0">ada.1815@relay.purpose.jobs</div></div></div>"#,
        // A role="menu" whose items carry no role.
        r#"<div role="menu"><div>Share with team</div><div>Copy candidate link</div>
            <div>Message Ada</div><div>ada.1815@relay.purpose.jobs</div></div>"#,
        // A role-less div popover of buttons and links.
        r#"<div class="pop"><button>Share with team</button><a href="/candidates/1815">Copy candidate link</a>
            <button>Message Ada</button><a href="mailto:ada.1815@relay.purpose.jobs">ada.1815@relay.purpose.jobs</a></div>"#,
    ];
    for menu in menus {
        let report = report_of(
            &format!("{profile}{menu}"),
            "https://app.purpose.jobs/candidates/1815",
        );
        assert!(report.contains("read: profile"), "{report}");
        for label in ["Share with team", "Copy candidate link", "Send Email"] {
            assert!(
                report.contains(label),
                "{label:?} is gone:\n{menu}\n{report}"
            );
        }
        for secret in ["Ada", "Lovelace", "1815", "ada.1815", "Analytical"] {
            assert!(
                !report.contains(secret),
                "{secret:?} shows:\n{menu}\n{report}"
            );
        }
        assert!(
            report.contains("Xxxxxxx Xxx"),
            "the item with the name is masked:\n{report}"
        );
    }
    // Text that is in no menu and no label stays masked: a div of bare
    // divs that is not a menu (tags of someone else's card, say).
    let report = report_of(
        r#"<main><h1>Search</h1><div class="tags"><div>Figma</div><div>Design systems</div></div></main>"#,
        "https://app.purpose.jobs/search?q=x",
    );
    assert!(
        !report.contains("Figma") && report.contains("Xxxxx"),
        "{report}"
    );
}

/// Reports are capped: a page of many nodes, and one whose single text is
/// larger than the cap, both give at most MAX_REPORT_BYTES and say where the
/// report was cut; the structure before the cut is kept.
#[test]
fn page_reports_are_capped_in_size() {
    use purpose_greenhouse_core::report::MAX_REPORT_BYTES;
    let many = format!(
        "<main><h1>Results</h1>{}</main>",
        "<div><h2>Skills</h2><p>Lorem ipsum dolor sit amet</p></div>".repeat(20_000)
    );
    let huge = format!(
        "<main><h1>Results</h1><p>{}</p><p>after</p></main>",
        "word ".repeat(300_000)
    );
    for html in [many, huge] {
        let report = report_of(&html, "https://app.purpose.jobs/search?q=x");
        assert!(report.len() <= MAX_REPORT_BYTES, "{} bytes", report.len());
        assert!(report.contains("<h1>Results</h1>"), "{}", &report[..2000]);
        assert!(
            report.contains("<!-- report cut at the size limit -->"),
            "{}",
            &report[report.len() - 500..]
        );
        assert!(report.ends_with("</html>\n"));
    }
}

//! The page report: an HTML document made from a page snapshot that keeps
//! what a fix needs (the page's structure and the site's own words) and
//! none of the candidate's data, for a recruiter to send when the extension
//! cannot read a page (or reads a field wrong). Pure: the snapshot in, one
//! string out; nothing leaves the browser unless the recruiter copies or
//! downloads the text.
//!
//! Kept: element names (the composed tree, hosts of open shadow roots marked
//! `data-report-shadow="open"` with their rendered content as children,
//! closed ones `data-report-shadow="closed"`), roles, the ARIA attributes
//! and `download`, link schemes, the hosts of well-known sites and of
//! Purpose Jobs, and the shape of every path. The site's own words stay:
//! texts of headings, labels, term and header cells, buttons, links, menu
//! items (however marked up: the items of a `role="menu"` and of the Share
//! menu the extension recognises, a popover of bare `div`s too),
//! `aria-label`/`title`/`alt` values, and the words the extractor reads as
//! a field's label in any element ("Top skills" in a `div`), EXCEPT where such a text contains
//! anything the extractor read as the candidate's (as whole words) or
//! anything shaped like an email, URL, phone number or id, and except other
//! people's names: on a list page the headings of person cards and the
//! texts of links to a person's page that are shaped like a name, and such
//! names in their `alt`/`title`/`aria-label` (`people`;
//! the extractor reads one candidate at most, but every card is a person),
//! and the path segment after `people/`, `profile/`, ... in a link. Every other
//! text, and every masked word, is replaced by a placeholder of the same
//! shape ([`mask`]: letters by `x`/`X`, digits by `0`, the rest kept, length
//! kept). A comment at the top names the extension version and what the
//! extractor read (fields found and missed, or why nothing was read).
//! Capped at [`MAX_REPORT_BYTES`].

use std::fmt::Write as _;

use crate::contract::error_reply::Failure;
use crate::page::url::split_url;
use crate::page::wire::WireDoc;
use crate::page::{ShadowMode, Tree};
use crate::profile::extract::{extract_from_tree, ParseError};
use crate::profile::reading::MAX_SNAPSHOT_UNITS;
use crate::profile::CandidateProfile;

mod html;
mod mask;
mod people;

use html::*;
pub use mask::mask;
use mask::*;

/// Most bytes a report has; the rest of the page is left out (and the
/// report says so).
pub const MAX_REPORT_BYTES: usize = 512 * 1024;

/// `Request::ReportPage`: the report of a page snapshot in the wire format
/// (`core::page::wire`), refused like `ReadProfile` when over
/// [`MAX_SNAPSHOT_UNITS`].
pub fn report_snapshot(snapshot: String, url: String, version: &str) -> Result<String, Failure> {
    if snapshot.len() > MAX_SNAPSHOT_UNITS && snapshot.encode_utf16().count() > MAX_SNAPSHOT_UNITS {
        return Err(Failure::bad_message());
    }
    let tree = Tree::from_wire(&WireDoc::parse(snapshot, url));
    Ok(page_report(&tree, version))
}

/// The report of the page `tree` was read from, made by extension version
/// `version`. Runs the extractor on `tree` itself, so the report says what
/// this version reads there.
pub fn page_report<N>(tree: &Tree<N>, version: &str) -> String {
    let read = extract_from_tree(tree);
    let secrets = Secrets::of(&read);
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<!doctype html>\n<!-- purpose-greenhouse page report\n");
    let _ = writeln!(out, "version: {}", clean_comment(version));
    let _ = writeln!(
        out,
        "url: {}",
        clean_comment(&mask_url(&tree.url, &secrets))
    );
    match &read {
        Ok(profile) => {
            let (found, missed) = fields(profile);
            let _ = writeln!(out, "read: profile");
            let _ = writeln!(out, "found: {}", found.join(", "));
            let _ = writeln!(out, "missed: {}", missed.join(", "));
        }
        Err(ParseError::MissingRequired { missing, partial }) => {
            let (found, _) = fields(partial);
            let names: Vec<String> = missing.iter().map(|f| format!("{f:?}")).collect();
            let _ = writeln!(out, "read: missing required fields");
            let _ = writeln!(out, "found: {}", found.join(", "));
            let _ = writeln!(out, "missed: {}", names.join(", "));
        }
        Err(ParseError::NotAProfile { reason }) => {
            let _ = writeln!(out, "read: not a profile ({reason:?})");
        }
        Err(ParseError::StaleProfile { .. }) => {
            let _ = writeln!(
                out,
                "read: stale profile (the address names another candidate)"
            );
        }
    }
    let open = tree
        .nodes
        .iter()
        .filter(|n| n.attrs.shadow == Some(ShadowMode::Open))
        .count();
    let closed = tree
        .nodes
        .iter()
        .filter(|n| n.attrs.shadow == Some(ShadowMode::Closed))
        .count();
    let _ = writeln!(
        out,
        "shadow roots: {open} open, {closed} closed (closed ones cannot be read)"
    );
    let _ = writeln!(
        out,
        "snapshot: {} nodes{}",
        tree.nodes.len(),
        if tree.truncated { ", truncated" } else { "" }
    );
    out.push_str("-->\n<html><head><meta charset=\"utf-8\"><title>Page report</title></head>\n");
    let body_start = out.len();
    let truncated = write_nodes(tree, &secrets, &mut out);
    if truncated {
        out.push_str("\n<!-- report cut at the size limit -->\n");
    }
    if !tree.nodes.is_empty() && tree.tag(0) != "body" {
        out.insert_str(body_start, "<body>\n");
        out.push_str("</body>\n");
    }
    out.push_str("</html>\n");
    out
}

/// Which profile fields the extractor found and which it did not.
fn fields(profile: &CandidateProfile) -> (Vec<&'static str>, Vec<&'static str>) {
    let some = |o: &Option<String>| o.as_deref().is_some_and(|v| !v.is_empty());
    let all = [
        ("name", !profile.full_name.is_empty()),
        ("candidate id", !profile.candidate_id.is_empty()),
        ("pronouns", some(&profile.pronouns)),
        ("headline", some(&profile.headline)),
        ("title", some(&profile.title)),
        ("company", some(&profile.company)),
        ("email", some(&profile.relay_email)),
        ("links", !profile.links.is_empty()),
        ("resume", some(&profile.resume_url)),
        ("summary", some(&profile.summary)),
        ("target locations", !profile.target_locations.is_empty()),
        ("salary range", some(&profile.salary_range)),
        ("experience", some(&profile.experience)),
        ("job search status", some(&profile.job_search_status)),
        ("skills", !profile.skills.is_empty()),
        ("values", !profile.values.is_empty()),
        ("interests", !profile.interests.is_empty()),
    ];
    let found = all.iter().filter(|(_, f)| *f).map(|(n, _)| *n).collect();
    let missed = all.iter().filter(|(_, f)| !*f).map(|(n, _)| *n).collect();
    (found, missed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_the_shape() {
        assert_eq!(mask("Ada Lovelace, 1815"), "Xxx Xxxxxxxx, 0000");
        assert_eq!(mask("ünï-Ω 7"), "xxx-X 0");
        assert_eq!(mask("a@b.co").len(), "a@b.co".len());
    }

    #[test]
    fn identifying_shapes() {
        for text in [
            "ada@x.org",
            "see https://a.dev",
            "ada.dev",
            "linkedin.com/in/ada",
            "+1 (555) 123-4567",
            "id 48213",
            "3f2b9c1e-7a4d",
        ] {
            assert!(looks_identifying(text), "{text}");
        }
        for text in [
            "Skills",
            "Target salary",
            "Share with Team",
            "Top 3 skills",
            "Copy Candidate Link",
        ] {
            assert!(!looks_identifying(text), "{text}");
        }
    }

    #[test]
    fn urls_keep_scheme_known_hosts_and_route_words() {
        let secrets = Secrets {
            phrases: vec![vec!["ada".into()]],
        };
        assert_eq!(
            mask_url(
                "https://app.purpose.jobs/candidates/48213?tab=profile",
                &secrets
            ),
            "https://app.purpose.jobs/candidates/00000?tab=xxxxxxx"
        );
        assert_eq!(
            mask_url("https://github.com/ada", &secrets),
            "https://github.com/xxx"
        );
        assert_eq!(
            mask_url("https://ada.dev/blog", &secrets),
            "https://xxx.xxx/xxxx"
        );
        assert_eq!(
            mask_url("/static/resume.pdf", &secrets),
            "/static/resume.pdf"
        );
        assert_eq!(
            mask_url("mailto:ada.48213@relay.purpose.jobs", &secrets),
            "mailto:xxx.00000@relay.purpose.jobs"
        );
        assert_eq!(
            mask_url("mailto:ada@gmail.com", &secrets),
            "mailto:xxx@xxxxx.xxx"
        );
        assert_eq!(
            mask_url("javascript:alert(1)", &secrets),
            "javascript:xxxxx(0)"
        );
    }

    #[test]
    fn candidate_words_are_found_as_whole_words() {
        let secrets = Secrets {
            phrases: vec![vec!["r".into()], vec!["ada".into(), "lovelace".into()]],
        };
        assert!(secrets.in_text("About Ada Lovelace"));
        assert!(!secrets.in_text("Resume"));
        assert!(secrets.in_text("R & Python"));
        assert!(!secrets.in_text("Ada"));
    }
}

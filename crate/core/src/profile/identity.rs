//! Which candidate a URL names, and whether a URL is a page that is never a
//! candidate profile (jobs, settings, search without a candidate).
//!
//! Only URLs are read here: `/candidates/<id>`, `?candidate=<id>` (also in a
//! `#/...` route). Nothing here reads the page.

use crate::page::url::{percent_decode, query_param, split_url};

/// Query parameters that select a candidate (first match wins).
const ID_PARAMS: &[&str] = &["candidate", "candidateId", "candidate_id", "candidateID"];
/// Path segments followed by a candidate id.
const ID_SEGMENTS: &[&str] = &["candidates", "candidate"];
/// First path segments of pages that are never a profile (unless the URL
/// selects a candidate, e.g. a panel over a job's applicants).
const NON_PROFILE_SECTIONS: &[&str] = &[
    "jobs",
    "job",
    "settings",
    "search",
    "companies",
    "company",
    "account",
    "billing",
    "integrations",
    "team",
    "messages",
    "inbox",
    "login",
    "signin",
    "signup",
    "dashboard",
    "admin",
    "help",
    "candidates",
    "candidate",
];

/// The candidate id a URL names, if any.
pub fn candidate_id_from_url(url: &str) -> Option<String> {
    let parts = split_url(url);
    let fragment_route = parts
        .fragment
        .filter(|f| f.starts_with('/') || f.starts_with("!/"));
    // The query names the candidate shown in a panel over the page.
    let from_query = ID_PARAMS
        .iter()
        .find_map(|name| query_param(url, name))
        .filter(|id| is_candidate_id(id));
    let from_fragment_query = fragment_route.and_then(|route| {
        let query = split_url(route).query?;
        let pseudo = format!("x:?{query}");
        ID_PARAMS
            .iter()
            .find_map(|name| query_param(&pseudo, name))
            .filter(|id| is_candidate_id(id))
    });
    from_query
        .or(from_fragment_query)
        .or_else(|| id_in_path(parts.path))
        .or_else(|| {
            fragment_route
                .and_then(|route| id_in_path(split_url(route.trim_start_matches('!')).path))
        })
}

fn id_in_path(path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segments.windows(2).find_map(|pair| {
        let id = percent_decode(pair[1]);
        match ID_SEGMENTS.iter().any(|s| s.eq_ignore_ascii_case(pair[0])) && is_candidate_id(&id) {
            true => Some(id),
            false => None,
        }
    })
}

/// True for numeric ids, UUIDs, and opaque tokens (6 to 64 of
/// `[A-Za-z0-9_-]` with at least one digit, so "search" or "new" never are).
pub fn is_candidate_id(id: &str) -> bool {
    let len = id.len();
    let numeric = (1..=20).contains(&len) && id.bytes().all(|b| b.is_ascii_digit());
    let token = (6..=64).contains(&len)
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && id.bytes().any(|b| b.is_ascii_digit());
    numeric || token
}

/// True when the URL's first path segment names a section that is never a
/// profile (`/jobs/...`, `/settings/...`, `/search`, `/candidates` without
/// an id).
pub fn is_non_profile_section(url: &str) -> bool {
    let path = split_url(url).path;
    match path.split('/').find(|s| !s.is_empty()) {
        Some(first) => NON_PROFILE_SECTIONS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(first)),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_from_urls() {
        let cases = [
            ("https://app.purpose.jobs/candidates/48213", Some("48213")),
            ("https://app.purpose.jobs/candidates/48213/", Some("48213")),
            (
                "https://app.purpose.jobs/candidates/48213?tab=profile#notes",
                Some("48213"),
            ),
            (
                "https://app.purpose.jobs/candidates/3f2b9c1e-7a4d-4e8b-9c2f-1d5e6a7b8c90",
                Some("3f2b9c1e-7a4d-4e8b-9c2f-1d5e6a7b8c90"),
            ),
            (
                "https://app.purpose.jobs/search?q=climate&candidate=66104",
                Some("66104"),
            ),
            (
                "https://app.purpose.jobs/jobs/4512/candidates/777",
                Some("777"),
            ),
            ("https://app.purpose.jobs/#/candidates/31", Some("31")),
            (
                "https://app.purpose.jobs/app#/search?candidate=9",
                Some("9"),
            ),
            ("https://app.purpose.jobs/candidates", None),
            ("https://app.purpose.jobs/candidates/search", None),
            ("https://app.purpose.jobs/candidates/new", None),
            ("https://app.purpose.jobs/search?q=designer", None),
            ("https://app.purpose.jobs/search?candidate=", None),
            (
                "https://app.purpose.jobs/search?candidate=%3Cscript%3E",
                None,
            ),
            ("https://app.purpose.jobs/jobs/4512", None),
            ("not a url", None),
        ];
        for (url, expected) in cases {
            assert_eq!(candidate_id_from_url(url).as_deref(), expected, "{url}");
        }
    }

    #[test]
    fn knows_non_profile_sections() {
        assert!(is_non_profile_section("https://app.purpose.jobs/jobs/4512"));
        assert!(is_non_profile_section(
            "https://app.purpose.jobs/settings/integrations"
        ));
        assert!(is_non_profile_section(
            "https://app.purpose.jobs/search?q=x"
        ));
        assert!(!is_non_profile_section("https://app.purpose.jobs/saved"));
        assert!(!is_non_profile_section("https://app.purpose.jobs/"));
    }
}

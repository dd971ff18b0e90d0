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
//! items and `aria-label`/`title`/`alt` values, EXCEPT where such a text
//! contains anything the extractor read as the candidate's (as whole words)
//! or anything shaped like an email, URL, phone number or id. Every other
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

/// Most bytes a report has; the rest of the page is left out (and the
/// report says so).
pub const MAX_REPORT_BYTES: usize = 512 * 1024;

/// Hosts whose names are kept in links (sites, not people); any other host
/// is masked like a personal site.
const KNOWN_HOSTS: &[&str] = &[
    "purpose.jobs",
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
    "google.com",
    "greenhouse.io",
];

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

/// Everything the extractor read as the candidate's, as lowercase word
/// sequences to look for in texts.
struct Secrets {
    phrases: Vec<Vec<String>>,
}

impl Secrets {
    fn of(read: &Result<CandidateProfile, ParseError>) -> Secrets {
        let profile = match read {
            Ok(profile) => Some(profile),
            Err(ParseError::MissingRequired { partial, .. }) => Some(partial.as_ref()),
            _ => None,
        };
        let mut values: Vec<String> = Vec::new();
        if let Some(p) = profile {
            values.push(p.full_name.clone());
            values.extend(p.full_name.split_whitespace().map(str::to_string));
            values.push(p.candidate_id.clone());
            for v in [
                &p.pronouns,
                &p.headline,
                &p.title,
                &p.company,
                &p.relay_email,
                &p.resume_url,
                &p.summary,
                &p.salary_range,
                &p.experience,
                &p.job_search_status,
            ]
            .into_iter()
            .flatten()
            {
                values.push(v.clone());
            }
            values.extend(p.links.iter().map(|l| l.url.clone()));
            // The personal parts of links: path segments after the host
            // (user names: five characters or more, so that a route word
            // such as "team" does not hide the site's "Share with Team").
            for url in p
                .links
                .iter()
                .map(|l| l.url.as_str())
                .chain(p.resume_url.as_deref())
            {
                let path = split_url(url).path;
                values.extend(
                    path.split('/')
                        .filter(|segment| {
                            segment.chars().filter(|c| c.is_alphanumeric()).count() >= 5
                        })
                        .map(str::to_string),
                );
            }
            for list in [&p.target_locations, &p.skills, &p.values, &p.interests] {
                values.extend(list.iter().cloned());
            }
        }
        let phrases = values
            .iter()
            .map(|v| words(v))
            .filter(|w| !w.is_empty())
            .collect();
        Secrets { phrases }
    }

    /// True when `text` contains one of the candidate's values as whole
    /// words.
    fn in_text(&self, text: &str) -> bool {
        let have = words(text);
        self.phrases.iter().any(|phrase| {
            have.windows(phrase.len())
                .any(|window| window == phrase.as_slice())
        })
    }
}

/// The alphanumeric words of `text`, lowercase.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The placeholder of the same shape: letters by `x` (`X` for capitals),
/// digits by `0`, everything else (spaces, punctuation) kept.
pub fn mask(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_numeric() => '0',
            c if c.is_uppercase() => 'X',
            c if c.is_alphabetic() => 'x',
            c => c,
        })
        .collect()
}

/// True when `text` has something shaped like an email, a URL, a phone
/// number or an id.
fn looks_identifying(text: &str) -> bool {
    for token in text.split_whitespace() {
        let token = token.trim_matches(|c: char| !c.is_alphanumeric());
        if token.contains('@') || token.contains("://") || token.starts_with("www.") {
            return true;
        }
        // A host with a path (linkedin.com/in/someone).
        if let Some((host, _)) = token.split_once('/') {
            if host.contains('.') && !host.starts_with('.') && !host.ends_with('.') {
                return true;
            }
        }
        // A host name: letters and dots with a dot inside (ada.dev).
        if let Some((left, right)) = token.rsplit_once('.') {
            if !left.is_empty()
                && right.len() >= 2
                && right.chars().all(|c| c.is_ascii_alphabetic())
                && left
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
            {
                return true;
            }
        }
        let digits = token.chars().filter(char::is_ascii_digit).count();
        let letters = token.chars().filter(|c| c.is_alphabetic()).count();
        // An id: four digits or more in one token, or letters and digits
        // mixed in a long token (UUIDs, hashes).
        if digits >= 4 || (digits > 0 && letters > 0 && token.len() >= 8) {
            return true;
        }
    }
    // A phone number: seven digits or more in digits, spaces and + - ( ) .
    let phone_digits = text
        .split(|c: char| !(c.is_ascii_digit() || " +-().".contains(c)))
        .map(|run| run.chars().filter(char::is_ascii_digit).count())
        .max()
        .unwrap_or(0);
    phone_digits >= 7
}

/// Elements whose own text is the site's words.
fn is_label_element(tag: &str, role: &str) -> bool {
    matches!(
        tag,
        "h1" | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "label"
            | "dt"
            | "th"
            | "button"
            | "a"
            | "legend"
            | "caption"
            | "summary"
            | "option"
    ) || matches!(
        role,
        "heading"
            | "button"
            | "link"
            | "menuitem"
            | "menuitemcheckbox"
            | "menuitemradio"
            | "columnheader"
            | "rowheader"
            | "tab"
            | "option"
            | "term"
    )
}

/// A site word as kept, or masked when it holds the candidate's data.
fn site_words(text: &str, secrets: &Secrets) -> String {
    match secrets.in_text(text) || looks_identifying(text) {
        true => mask(text),
        false => text.to_string(),
    }
}

fn mask_url(url: &str, secrets: &Secrets) -> String {
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    if let Some(address) = lower.strip_prefix("mailto:") {
        let original = &trimmed["mailto:".len()..];
        let (local, domain) = original.split_once('@').unwrap_or((original, ""));
        let keep_domain = address.split_once('@').is_some_and(|(_, d)| {
            let d = d.split('?').next().unwrap_or("");
            d == "purpose.jobs" || d.ends_with(".purpose.jobs")
        });
        let domain = domain.split('?').next().unwrap_or("");
        return match (domain.is_empty(), keep_domain) {
            (true, _) => format!("mailto:{}", mask(local)),
            (false, true) => format!("mailto:{}@{domain}", mask(local)),
            (false, false) => format!("mailto:{}@{}", mask(local), mask(domain)),
        };
    }
    let parts = split_url(trimmed);
    let mut out = String::new();
    if let Some(scheme) = &parts.scheme {
        out.push_str(&scheme.to_ascii_lowercase());
        out.push(':');
        if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https")
            && parts.authority.is_none()
        {
            // javascript:, tel:, data: ...: the scheme says enough.
            out.push_str(&mask(parts.path));
            return out;
        }
    }
    let mut own_site = parts.authority.is_none();
    if let Some(authority) = &parts.authority {
        let host = authority
            .rsplit('@')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let host = host.split(':').next().unwrap_or("").to_string();
        let known = KNOWN_HOSTS
            .iter()
            .any(|k| host == *k || host.ends_with(&format!(".{k}")));
        own_site = host == "purpose.jobs" || host.ends_with(".purpose.jobs");
        out.push_str("//");
        out.push_str(&match known {
            true => host,
            false => mask(&host),
        });
    }
    let segments: Vec<String> = parts
        .path
        .split('/')
        .map(|segment| {
            let keep = own_site && is_route_word(segment) && !secrets.in_text(segment);
            match keep {
                true => segment.to_string(),
                false => mask(segment),
            }
        })
        .collect();
    out.push_str(&segments.join("/"));
    if let Some(query) = &parts.query {
        out.push('?');
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, value)) => format!("{}={}", name_or_mask(name), mask(value)),
                None => name_or_mask(pair),
            })
            .collect();
        out.push_str(&pairs.join("&"));
    }
    if let Some(fragment) = &parts.fragment {
        out.push('#');
        out.push_str(&mask(fragment));
    }
    out
}

fn name_or_mask(name: &str) -> String {
    match is_route_word(name) {
        true => name.to_string(),
        false => mask(name),
    }
}

/// A path segment or parameter name that is a word of the site's routes
/// (`candidates`, `resume.pdf`), not an id or a name.
fn is_route_word(segment: &str) -> bool {
    let (stem, extension) = match segment.rsplit_once('.') {
        Some((stem, ext))
            if (1..=5).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            (stem, ext)
        }
        _ => (segment, ""),
    };
    let _ = extension;
    !stem.is_empty()
        && stem.len() <= 24
        && stem
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_')
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

fn clean_comment(text: &str) -> String {
    text.replace("--", "- -").replace('>', "&gt;")
}

/// A tag as written: lowercase letters, digits and dashes only.
fn safe_tag(tag: &str) -> String {
    let ok = !tag.is_empty()
        && tag.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    match ok {
        true => tag.to_ascii_lowercase(),
        false => "x-element".to_string(),
    }
}

const VOID: &[&str] = &[
    "br", "img", "hr", "wbr", "input", "meta", "link", "source", "area", "col",
];

/// Writes every node of `tree`; true when it stopped at the size limit.
fn write_nodes<N>(tree: &Tree<N>, secrets: &Secrets, out: &mut String) -> bool {
    // Elements still open, innermost last, each with whether its text is
    // the site's words.
    let mut open: Vec<(usize, bool)> = Vec::new();
    let limit = MAX_REPORT_BYTES.saturating_sub(4096);
    for id in 0..tree.nodes.len() {
        while let Some(&(parent, _)) = open.last() {
            if id < tree.nodes[parent].end {
                break;
            }
            open.pop();
            close(tree, parent, out);
        }
        if out.len() > limit {
            while let Some((parent, _)) = open.pop() {
                close(tree, parent, out);
            }
            return true;
        }
        let node = &tree.nodes[id];
        let Some(tag) = node.tag.as_deref() else {
            let labelled = open.last().is_some_and(|&(_, label)| label);
            let text = match labelled {
                true => site_words(&node.text, secrets),
                false => mask(&node.text),
            };
            escape(&text, out);
            continue;
        };
        let tag = safe_tag(tag);
        let a = &node.attrs;
        out.push('<');
        out.push_str(&tag);
        let attr = |name: &str, value: &str, out: &mut String| {
            let _ = write!(out, " {name}=\"");
            escape(value, out);
            out.push('"');
        };
        if let Some(role) = &a.role {
            attr("role", role, out);
        }
        if let Some(label) = &a.aria_label {
            attr("aria-label", &site_words(label, secrets), out);
        }
        if let Some(level) = &a.aria_level {
            attr("aria-level", &mask_unless_small(level), out);
        }
        if let Some(popup) = &a.aria_haspopup {
            attr("aria-haspopup", popup, out);
        }
        if let Some(href) = &a.href {
            attr("href", &mask_url(href, secrets), out);
        }
        if let Some(title) = &a.title {
            attr("title", &site_words(title, secrets), out);
        }
        if let Some(alt) = &a.alt {
            attr("alt", &site_words(alt, secrets), out);
        }
        if a.download {
            attr("download", "", out);
        }
        match a.shadow {
            Some(ShadowMode::Open) => attr("data-report-shadow", "open", out),
            Some(ShadowMode::Closed) => attr("data-report-shadow", "closed", out),
            None => {}
        }
        out.push('>');
        let inherited = open.last().is_some_and(|&(_, label)| label);
        let label = inherited || is_label_element(&tag, a.role.as_deref().unwrap_or(""));
        // A label element holding the candidate's data is masked whole.
        let label = label
            && !{
                let text = tree.text(id);
                secrets.in_text(&text) || looks_identifying(&text)
            };
        match VOID.contains(&tag.as_str()) {
            true => {}
            false => open.push((id, label)),
        }
    }
    while let Some((parent, _)) = open.pop() {
        close(tree, parent, out);
    }
    false
}

fn mask_unless_small(value: &str) -> String {
    match value.trim().len() <= 2 && value.trim().chars().all(|c| c.is_ascii_digit()) {
        true => value.trim().to_string(),
        false => mask(value),
    }
}

fn close<N>(tree: &Tree<N>, id: usize, out: &mut String) {
    if let Some(tag) = tree.nodes[id].tag.as_deref() {
        let _ = write!(out, "</{}>", safe_tag(tag));
    }
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

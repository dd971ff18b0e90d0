//! The background's own checks on a send: it trusts nothing a content
//! script says. A content script runs beside a page we do not control, and
//! a bug in it or a compromised renderer could send anything; so before a
//! candidate is queued the background checks, itself, what the review form
//! and the content script checked already:
//!
//! - [`check_candidate`]: links are `http`/`https` only; a resume URL is
//!   `http`/`https` on a public host name (Greenhouse fetches it from its
//!   servers: no IP literals, `localhost`, single-label or reserved names);
//!   every text has a bounded length;
//! - [`check_destination`]: the destination is one loaded from Greenhouse
//!   (or the default one chosen on the options page);
//! - [`SendRate`]: at most [`SendRate::MAX_SENDS`] sends per tab in
//!   [`SendRate::WINDOW_MS`] (a person does not send 26 candidates in two
//!   seconds);
//! - [`strip_invisible`]: bidirectional controls and zero-width characters
//!   go from names and titles (a name that displays as something else).
//!
//! Pure: time comes in as an argument. A host name that resolves to a
//! private address cannot be told from its name; that check is
//! Greenhouse's, on its side.

use std::collections::{HashMap, VecDeque};

use crate::contract::error_reply::{ErrorKind, Failure};
use crate::greenhouse::candidate::NewCandidate;
use crate::page::url::{host, split_url};
use crate::sending::settings::{Destination, Settings};

/// The longest name, title or company, in characters.
pub const MAX_SHORT_TEXT: usize = 255;
/// The longest notes, in characters.
pub const MAX_NOTES: usize = 20_000;
/// The longest URL (link or resume), in characters.
pub const MAX_URL: usize = 2_048;
/// The most links (social profiles and websites together).
pub const MAX_LINKS: usize = 50;
/// The most emails, phone numbers or addresses, each.
pub const MAX_ENTRIES: usize = 20;

/// Bidirectional controls (U+202A–202E, U+2066–2069, U+200E/200F, U+061C)
/// and zero-width characters (U+200B–200D, U+2060, U+FEFF).
pub fn is_invisible_control(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}' | '\u{200F}' | '\u{061C}'
        | '\u{200B}'..='\u{200D}'
        | '\u{2060}' | '\u{FEFF}')
}

/// `text` without [`is_invisible_control`] characters, and whether any
/// were removed.
pub fn strip_invisible(text: &str) -> (String, bool) {
    match text.chars().any(is_invisible_control) {
        false => (text.to_owned(), false),
        true => (
            text.chars().filter(|c| !is_invisible_control(*c)).collect(),
            true,
        ),
    }
}

/// Removes [`is_invisible_control`] characters from the candidate's names,
/// title and company; returns whether any were removed.
pub fn clean_names(candidate: &mut NewCandidate) -> bool {
    let mut removed = false;
    let mut clean = |text: &mut String| {
        let (cleaned, changed) = strip_invisible(text);
        if changed {
            *text = cleaned.trim().to_owned();
            removed = true;
        }
    };
    clean(&mut candidate.first_name);
    clean(&mut candidate.last_name);
    if let Some(title) = candidate.title.as_mut() {
        clean(title);
    }
    if let Some(company) = candidate.company.as_mut() {
        clean(company);
    }
    removed
}

/// Whether `url` is an absolute `http:`/`https:` URL with a host.
fn is_http_url(url: &str) -> bool {
    let scheme_ok = split_url(url)
        .scheme
        .is_some_and(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"));
    scheme_ok && host(url).is_some()
}

/// Top-level names that never reach the public internet (RFC 6761, RFC
/// 6762, RFC 8375, ICANN's `.internal`) and common private-network ones.
const PRIVATE_SUFFIXES: [&str; 11] = [
    "localhost",
    "local",
    "internal",
    "intranet",
    "test",
    "invalid",
    "example",
    "arpa",
    "home",
    "lan",
    "corp",
];

/// Whether `host` (lowercase, as [`host`] gives it) is a public host name:
/// not an IP literal in any notation (`[::1]`, `127.0.0.1`, `0x7f.1`,
/// `2130706433`), not single-label, not under a private or reserved name.
pub fn is_public_host(host: &str) -> bool {
    if host.starts_with('[') || host.contains(':') {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|label| label.is_empty()) {
        return false;
    }
    let last = labels[labels.len() - 1];
    // A numeric last label makes the whole name an IPv4 address to URL
    // parsers (decimal, octal or hex parts): WHATWG URL "ends in a number".
    let numeric = |label: &str| {
        let hex = label
            .strip_prefix("0x")
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_hexdigit()));
        hex || label.chars().all(|c| c.is_ascii_digit())
    };
    if numeric(last) {
        return false;
    }
    let valid = |label: &str| {
        label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || !c.is_ascii())
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    labels.iter().all(|label| valid(label)) && !PRIVATE_SUFFIXES.contains(&last)
}

/// Whether `url` is a resume URL Greenhouse may fetch: `http`/`https` on a
/// public host name, no credentials in it.
pub fn is_public_web_url(url: &str) -> bool {
    let credentials = split_url(url)
        .authority
        .is_some_and(|authority| authority.contains('@'));
    is_http_url(url) && !credentials && host(url).is_some_and(|host| is_public_host(&host))
}

fn too_long(text: &str, limit: usize) -> bool {
    text.chars().count() > limit
}

/// The background's check of a candidate about to be queued: the first
/// field at fault as a `validation` error naming it (the review form opens
/// on it), or `Ok`.
pub fn check_candidate(candidate: &NewCandidate) -> Result<(), Failure> {
    let refuse = |field: &str| Err(Failure::missing_field(field));
    let short = [
        ("first_name", Some(&candidate.first_name)),
        ("last_name", Some(&candidate.last_name)),
        ("external_id", Some(&candidate.external_id)),
        ("title", candidate.title.as_ref()),
        ("company", candidate.company.as_ref()),
        (
            "prospect_owner_email",
            candidate.prospect_owner_email.as_ref(),
        ),
    ];
    for (field, value) in short {
        if value.is_some_and(|value| too_long(value, MAX_SHORT_TEXT)) {
            return refuse(field);
        }
    }
    if candidate
        .notes
        .as_ref()
        .is_some_and(|notes| too_long(notes, MAX_NOTES))
    {
        return refuse("notes");
    }
    if let Some(resume) = &candidate.resume {
        if too_long(resume, MAX_URL) || !is_public_web_url(resume) {
            return refuse("resume");
        }
    }
    let links: Vec<&str> = candidate
        .social_media
        .iter()
        .map(|s| s.url.as_str())
        .chain(candidate.websites.iter().map(|w| w.url.as_str()))
        .collect();
    if links.len() > MAX_LINKS
        || links
            .iter()
            .any(|url| too_long(url, MAX_URL) || !is_http_url(url))
    {
        return refuse("websites");
    }
    if candidate.emails.len() > MAX_ENTRIES
        || candidate
            .emails
            .iter()
            .any(|e| too_long(&e.email, MAX_SHORT_TEXT))
    {
        return refuse("emails");
    }
    if candidate.phone_numbers.len() > MAX_ENTRIES
        || candidate
            .phone_numbers
            .iter()
            .any(|p| too_long(&p.phone_number, MAX_SHORT_TEXT))
    {
        return refuse("phone_numbers");
    }
    if candidate.addresses.len() > MAX_ENTRIES
        || candidate
            .addresses
            .iter()
            .any(|a| too_long(&a.address, MAX_NOTES))
    {
        return refuse("addresses");
    }
    Ok(())
}

/// Whether a send may go to `destination` (`None`: the default one): the
/// default chosen on the options page, "no pool", or one of the jobs and
/// pools loaded from Greenhouse.
pub fn check_destination(
    settings: &Settings,
    destination: Option<&Destination>,
) -> Result<(), Failure> {
    let Some(destination) = destination else {
        return Ok(());
    };
    let loaded = settings
        .destinations
        .as_ref()
        .is_some_and(|loaded| loaded.contains(destination));
    match *destination == Destination::NoPool
        || *destination == settings.default_destination
        || loaded
    {
        true => Ok(()),
        false => Err(Failure::missing_field("destination")),
    }
}

/// Sends per tab in a sliding window: the background's brake on a content
/// script that sends far faster than a person clicks.
#[derive(Debug, Clone, Default)]
pub struct SendRate {
    /// When each tab's recent sends were allowed, oldest first.
    recent: HashMap<i64, VecDeque<u64>>,
}

impl SendRate {
    /// The most sends one tab may make in [`SendRate::WINDOW_MS`].
    pub const MAX_SENDS: usize = 5;
    /// The window, in milliseconds.
    pub const WINDOW_MS: u64 = 10_000;

    /// Counts a send from `tab` at `now_ms` if the tab is under the limit;
    /// otherwise the `too_many_sends` error (nothing counted).
    pub fn allow(&mut self, tab: i64, now_ms: u64) -> Result<(), Failure> {
        // Forget tabs that have been quiet for a window.
        self.recent.retain(|_, times| {
            times
                .back()
                .is_some_and(|last| now_ms.saturating_sub(*last) < Self::WINDOW_MS)
        });
        let times = self.recent.entry(tab).or_default();
        while times
            .front()
            .is_some_and(|first| now_ms.saturating_sub(*first) >= Self::WINDOW_MS)
        {
            times.pop_front();
        }
        match times.len() < Self::MAX_SENDS {
            true => {
                times.push_back(now_ms);
                Ok(())
            }
            false => Err(Failure::of(ErrorKind::TooManySends)),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::greenhouse::candidate::{SocialMedia, Website, WebsiteKind};
    use crate::greenhouse::responses::{Job, ProspectPool};
    use crate::sending::settings::Destinations;

    #[test]
    fn invisible_controls_are_removed_and_reported() {
        let cases = [
            ("Ada", "Ada", false),
            ("A\u{200B}da", "Ada", true),
            ("\u{202E}ecalevoL", "ecalevoL", true),
            ("\u{2066}Ada\u{2069}", "Ada", true),
            ("Ada\u{200E}\u{200F}\u{061C}", "Ada", true),
            ("\u{FEFF}A\u{2060}d\u{200C}a\u{200D}", "Ada", true),
            ("\u{202A}\u{202B}\u{202C}\u{202D}\u{2067}\u{2068}", "", true),
            // Other format characters and scripts stay.
            ("Zoë 李 أحمد", "Zoë 李 أحمد", false),
        ];
        for (text, expected, removed) in cases {
            assert_eq!(
                strip_invisible(text),
                (expected.to_owned(), removed),
                "{text:?}"
            );
        }
    }

    #[test]
    fn clean_names_touches_names_title_and_company_only() {
        let mut candidate = NewCandidate {
            first_name: "Ad\u{200B}a".into(),
            last_name: "Lovelace".into(),
            title: Some("\u{202E}reenigne".into()),
            company: Some("Analytical".into()),
            notes: Some("keep\u{200B}this".into()),
            ..NewCandidate::default()
        };
        assert!(clean_names(&mut candidate));
        assert_eq!(candidate.first_name, "Ada");
        assert_eq!(candidate.title.as_deref(), Some("reenigne"));
        assert_eq!(candidate.notes.as_deref(), Some("keep\u{200B}this"));
        assert!(!clean_names(&mut candidate));
    }

    #[test]
    fn public_hosts() {
        let cases = [
            ("cdn.purpose.jobs", true),
            ("files.example.com", true),
            ("xn--bcher-kva.example.org", true),
            ("bücher.de", true),
            ("169.254.169.254", false),
            ("127.0.0.1", false),
            ("10.0.0.1", false),
            ("0x7f.1", false),
            ("2130706433", false),
            ("[::1]", false),
            ("[fd00::1]", false),
            ("[::ffff:169.254.169.254]", false),
            ("localhost", false),
            ("api.localhost", false),
            ("metadata", false),
            ("printer.local", false),
            ("db.internal", false),
            ("a..b", false),
            ("-x.com", false),
            ("x_y.com", false),
        ];
        for (host, expected) in cases {
            assert_eq!(is_public_host(host), expected, "{host}");
        }
    }

    #[test]
    fn resume_urls() {
        let cases = [
            ("https://cdn.purpose.jobs/r/ada.pdf", true),
            ("http://files.example.com/cv.pdf", true),
            ("HTTPS://CDN.PURPOSE.JOBS/r.pdf", true),
            ("https://169.254.169.254/latest/meta-data/", false),
            ("http://[::1]/x", false),
            ("http://localhost:8080/x", false),
            ("https://user:pw@cdn.purpose.jobs/r.pdf", false),
            ("ftp://cdn.purpose.jobs/r.pdf", false),
            ("javascript:alert(1)", false),
            ("data:application/pdf;base64,AAAA", false),
            ("/relative.pdf", false),
        ];
        for (url, expected) in cases {
            assert_eq!(is_public_web_url(url), expected, "{url}");
        }
    }

    fn sendable() -> NewCandidate {
        NewCandidate {
            prospect: true,
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            external_id: "48213".into(),
            ..NewCandidate::default()
        }
    }

    #[test]
    fn candidates_are_checked_field_by_field() {
        type Change = fn(&mut NewCandidate);
        let cases: [(&str, Change, Option<&str>); 9] = [
            ("as read", |_| {}, None),
            (
                "a web link",
                |c| {
                    c.social_media.push(SocialMedia {
                        url: "https://github.com/ada".into(),
                    })
                },
                None,
            ),
            (
                "javascript link",
                |c| {
                    c.social_media.push(SocialMedia {
                        url: "javascript:alert(1)".into(),
                    })
                },
                Some("websites"),
            ),
            (
                "data website",
                |c| {
                    c.websites.push(Website {
                        url: "data:text/html,<b>x</b>".into(),
                        kind: WebsiteKind::Other,
                    })
                },
                Some("websites"),
            ),
            (
                "metadata resume",
                |c| c.resume = Some("http://169.254.169.254/latest/meta-data/".into()),
                Some("resume"),
            ),
            (
                "public resume",
                |c| c.resume = Some("https://cdn.purpose.jobs/r/ada.pdf".into()),
                None,
            ),
            (
                "long last name",
                |c| c.last_name = "x".repeat(MAX_SHORT_TEXT + 1),
                Some("last_name"),
            ),
            (
                "long notes",
                |c| c.notes = Some("x".repeat(MAX_NOTES + 1)),
                Some("notes"),
            ),
            (
                "too many links",
                |c| {
                    for i in 0..=MAX_LINKS {
                        c.social_media.push(SocialMedia {
                            url: format!("https://example.com/{i}"),
                        });
                    }
                },
                Some("websites"),
            ),
        ];
        for (name, change, field) in cases {
            let mut candidate = sendable();
            change(&mut candidate);
            let got = check_candidate(&candidate).err();
            assert_eq!(
                got.as_ref().and_then(|e| e.field.as_deref()),
                field,
                "{name}"
            );
            if let Some(error) = got {
                assert_eq!(error.kind, ErrorKind::Validation, "{name}");
            }
        }
    }

    #[test]
    fn destinations_must_be_loaded_or_the_default() {
        let mut settings = Settings {
            default_destination: Destination::Pool {
                pool_id: 7,
                stage_id: Some(70),
            },
            ..Settings::default()
        };
        settings.destinations = Some(Destinations {
            jobs: vec![Job {
                id: 11,
                name: "Engineer".into(),
                status: "open".into(),
                public: true,
            }],
            pools: vec![ProspectPool {
                id: 7,
                name: "Design".into(),
                stages: Vec::new(),
            }],
            ..Destinations::default()
        });
        let cases = [
            (None, true),
            (Some(Destination::NoPool), true),
            (Some(Destination::Job { job_id: 11 }), true),
            (Some(Destination::Job { job_id: 12 }), false),
            (
                Some(Destination::Pool {
                    pool_id: 7,
                    stage_id: Some(70),
                }),
                true,
            ),
            (
                Some(Destination::Pool {
                    pool_id: 8,
                    stage_id: None,
                }),
                false,
            ),
        ];
        for (destination, allowed) in cases {
            assert_eq!(
                check_destination(&settings, destination.as_ref()).is_ok(),
                allowed,
                "{destination:?}"
            );
        }
        settings.destinations = None;
        assert!(check_destination(&settings, Some(&Destination::Job { job_id: 11 })).is_err());
    }

    #[test]
    fn sends_are_limited_per_tab_in_a_sliding_window() {
        let mut rate = SendRate::default();
        let t0 = 1_000_000;
        for i in 0..SendRate::MAX_SENDS as u64 {
            assert!(rate.allow(1, t0 + i * 100).is_ok(), "send {i}");
        }
        let refused = rate.allow(1, t0 + 1_000).unwrap_err();
        assert_eq!(refused.kind, ErrorKind::TooManySends);
        // Another tab has its own budget.
        assert!(rate.allow(2, t0 + 1_000).is_ok());
        // A refused send is not counted: once the first send leaves the
        // window, one more is allowed, then the limit holds again.
        assert!(rate.allow(1, t0 + SendRate::WINDOW_MS).is_ok());
        assert!(rate.allow(1, t0 + SendRate::WINDOW_MS + 1).is_err());
        assert!(rate.allow(1, t0 + SendRate::WINDOW_MS + 100).is_ok());
        // 26 sends in 1.9 s: five go, the rest are refused.
        let mut burst = SendRate::default();
        let allowed = (0..26)
            .filter(|i| burst.allow(9, t0 + i * 73).is_ok())
            .count();
        assert_eq!(allowed, SendRate::MAX_SENDS);
        // A quiet tab is forgotten.
        assert!(burst.allow(9, t0 + 60_000).is_ok());
        assert_eq!(burst.recent.len(), 1);
    }
}

//! What the report hides: the candidate's values (as whole words) and
//! anything shaped like an email, URL, phone number or id, each replaced by
//! a placeholder of the same shape ([`mask`]); URLs keep their scheme, the
//! hosts of well-known sites and the shape of their path.

use super::*;

/// Hosts whose names are kept in links (sites, not people); any other host
/// is masked like a personal site.
pub(super) const KNOWN_HOSTS: &[&str] = &[
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

/// Everything the extractor read as the candidate's, as lowercase word
/// sequences to look for in texts.
/// The candidate's values the report must not show, as runs of words.
pub(super) struct Secrets {
    pub(super) phrases: Vec<Vec<String>>,
}

impl Secrets {
    pub(super) fn of(read: &Result<CandidateProfile, ParseError>) -> Secrets {
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
    pub(super) fn in_text(&self, text: &str) -> bool {
        let have = words(text);
        self.phrases.iter().any(|phrase| {
            have.windows(phrase.len())
                .any(|window| window == phrase.as_slice())
        })
    }
}

/// The alphanumeric words of `text`, lowercase.
pub(super) fn words(text: &str) -> Vec<String> {
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
pub(super) fn looks_identifying(text: &str) -> bool {
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

/// A site word as kept, or masked when it holds the candidate's data.
pub(super) fn site_words(text: &str, secrets: &Secrets) -> String {
    match secrets.in_text(text) || looks_identifying(text) {
        true => mask(text),
        false => text.to_string(),
    }
}

pub(super) fn mask_url(url: &str, secrets: &Secrets) -> String {
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
    let raw: Vec<&str> = parts.path.split('/').collect();
    let segments: Vec<String> = raw
        .iter()
        .enumerate()
        .map(|(i, segment)| {
            // The segment after `people/`, `profile/`, ... names a person
            // (`/people/ada-lovelace`), however word-like it is.
            let names_a_person = i > 0
                && super::people::PERSON_SEGMENTS
                    .contains(&raw[i - 1].to_ascii_lowercase().as_str());
            let keep =
                own_site && is_route_word(segment) && !names_a_person && !secrets.in_text(segment);
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

pub(super) fn name_or_mask(name: &str) -> String {
    match is_route_word(name) {
        true => name.to_string(),
        false => mask(name),
    }
}

/// A path segment or parameter name that is a word of the site's routes
/// (`candidates`, `resume.pdf`), not an id or a name.
pub(super) fn is_route_word(segment: &str) -> bool {
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

pub(super) fn mask_unless_small(value: &str) -> String {
    match value.trim().len() <= 2 && value.trim().chars().all(|c| c.is_ascii_digit()) {
        true => value.trim().to_string(),
        false => mask(value),
    }
}

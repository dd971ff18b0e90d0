//! Reading values out of visible text: pronouns, job-search phrases,
//! "Title at Company" headlines, separated lists, and length limits.
//!
//! Text is never interpreted as markup: `<b>` in a value is four characters
//! of the value. Nothing here panics on any input.

use crate::page::case::fold;
use crate::profile::{ProfileField, Warning};

/// Longest text kept for one field; longer text is cut (with a warning).
pub const MAX_FIELD_CHARS: usize = 20_000;
/// Longest list item kept.
pub const MAX_ITEM_CHARS: usize = 500;
/// Most items kept in one list.
pub const MAX_ITEMS: usize = 200;

const PRONOUN_WORDS: &[&str] = &[
    "she", "her", "hers", "he", "him", "his", "they", "them", "theirs", "their", "ze", "hir",
    "zir", "xe", "xem", "xyr", "ey", "em", "eir", "fae", "faer", "it", "its", "any", "all", "ask",
    "él", "ella", "elle", "ille", "iel", "sie", "er", "hen", "lei", "lui", "il", "elu",
];

/// The pronouns in `text` when the whole text is a pronoun set such as
/// "she/her", "(they/them)" or "he/él"; the parentheses are dropped.
pub fn as_pronouns(text: &str) -> Option<String> {
    let inner = text
        .trim()
        .trim_start_matches(['(', '[', '·', '|', ','])
        .trim_end_matches([')', ']', '·', '|', ','])
        .trim();
    let lower = fold(inner);
    if lower == "any pronouns" || lower == "any/all" {
        return Some(inner.to_string());
    }
    let parts: Vec<&str> = lower.split('/').map(str::trim).collect();
    let shaped = (2..=4).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().count() <= 8 && p.chars().all(char::is_alphabetic));
    match shaped && parts.iter().any(|p| PRONOUN_WORDS.contains(p)) {
        true => Some(inner.to_string()),
        false => None,
    }
}

const STATUS_PHRASES: &[&str] = &[
    "actively looking",
    "actively searching",
    "casually looking",
    "passively looking",
    "not looking",
    "not actively looking",
    "open to offers",
    "open to opportunities",
    "open to work",
    "open to the right opportunity",
    "ready to interview",
    "just browsing",
];

/// True when a short unlabelled text is a job-search status ("Actively
/// looking", "Open to offers").
pub fn is_status_phrase(text: &str) -> bool {
    let lower = fold(text);
    lower.chars().count() <= 60 && STATUS_PHRASES.iter().any(|p| lower.starts_with(p))
}

/// Splits a headline into (title, company) when it reads "Title at
/// Company", "Title · Company", "Title @ Company", "Title | Company" or
/// "Title • Company".
pub fn split_headline(headline: &str) -> Option<(String, String)> {
    for separator in [" · ", " • ", " | ", " @ ", " at "] {
        if let Some((title, company)) = headline.split_once(separator) {
            let (title, company) = (title.trim(), company.trim());
            if !title.is_empty() && !company.is_empty() {
                return Some((title.to_string(), company.to_string()));
            }
        }
    }
    None
}

/// Splits one text holding several list items. Locations are never split
/// on commas ("Chicago, IL"); tags are.
pub fn split_list(text: &str, commas: bool) -> Vec<String> {
    let mut items = vec![text.to_string()];
    let mut separators: Vec<&str> = vec![";", " · ", "·", " • ", "•", " | ", " / "];
    if commas {
        separators.push(",");
    }
    for separator in separators {
        items = items
            .iter()
            .flat_map(|item| {
                item.split(separator)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
    }
    items
        .into_iter()
        .map(|item| item.trim().to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

/// True for list entries that are controls, not items ("+3 more").
pub fn is_list_control(text: &str) -> bool {
    let lower = fold(text);
    lower == "…"
        || lower == "..."
        || lower.starts_with("show ")
        || lower.starts_with("see all")
        || lower.starts_with("view all")
        || (lower.starts_with('+') && lower.ends_with("more"))
}

/// Cuts `text` to [`MAX_FIELD_CHARS`] characters, noting it in `warnings`.
pub fn limit_field(field: ProfileField, text: String, warnings: &mut Vec<Warning>) -> String {
    limit(field, text, MAX_FIELD_CHARS, warnings)
}

/// Cuts a list item to [`MAX_ITEM_CHARS`] characters, noting it.
pub fn limit_item(field: ProfileField, text: String, warnings: &mut Vec<Warning>) -> String {
    limit(field, text, MAX_ITEM_CHARS, warnings)
}

fn limit(field: ProfileField, text: String, max: usize, warnings: &mut Vec<Warning>) -> String {
    // A text of at most `max` bytes has at most `max` characters.
    if text.len() <= max {
        return text;
    }
    match text.char_indices().nth(max) {
        Some((cut, _)) => {
            warnings.push(Warning::Truncated {
                field,
                kept_chars: max,
            });
            text[..cut].to_string()
        }
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_pronouns() {
        let cases = [
            ("she/her", Some("she/her")),
            ("(he/him)", Some("he/him")),
            (" They / Them ", Some("They / Them")),
            ("she/they", Some("she/they")),
            ("he/él", Some("he/él")),
            ("elle/ella", Some("elle/ella")),
            ("Any pronouns", Some("Any pronouns")),
            ("CI/CD", None),
            ("A/B", None),
            ("Remote/Hybrid", None),
            ("she", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(as_pronouns(text).as_deref(), expected, "{text:?}");
        }
    }

    #[test]
    fn splits_headlines() {
        let cases = [
            ("Staff Engineer at Acme", Some(("Staff Engineer", "Acme"))),
            (
                "Product Designer · Lumen Health",
                Some(("Product Designer", "Lumen Health")),
            ),
            ("Head of Growth @ Verde", Some(("Head of Growth", "Verde"))),
            (
                "数据科学家 at 株式会社テスト",
                Some(("数据科学家", "株式会社テスト")),
            ),
            ("Builder of calm software", None),
            ("at Acme", None),
        ];
        for (text, expected) in cases {
            let got = split_headline(text);
            let expected = expected.map(|(t, c)| (t.to_string(), c.to_string()));
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn splits_lists() {
        assert_eq!(
            split_list("Python, SQL,  dbt ,", true),
            ["Python", "SQL", "dbt"]
        );
        assert_eq!(
            split_list("Chicago, IL; Denver, CO; Remote (US)", false),
            ["Chicago, IL", "Denver, CO", "Remote (US)"]
        );
        assert_eq!(
            split_list("Accra, Ghana · Lisbon, Portugal · Remote", false),
            ["Accra, Ghana", "Lisbon, Portugal", "Remote"]
        );
        assert_eq!(
            split_list("Lagos, Nigeria / London, UK", false),
            ["Lagos, Nigeria", "London, UK"]
        );
        assert_eq!(split_list("CI/CD", true), ["CI/CD"]);
    }

    #[test]
    fn limits_on_char_boundaries() {
        let mut warnings = Vec::new();
        let text = "é".repeat(MAX_FIELD_CHARS + 5);
        let cut = limit_field(ProfileField::Summary, text, &mut warnings);
        assert_eq!(cut.chars().count(), MAX_FIELD_CHARS);
        assert_eq!(
            warnings,
            [Warning::Truncated {
                field: ProfileField::Summary,
                kept_chars: MAX_FIELD_CHARS
            }]
        );
        let short = limit_field(ProfileField::Summary, "ok".into(), &mut warnings);
        assert_eq!(short, "ok");
        assert_eq!(warnings.len(), 1);
    }
}

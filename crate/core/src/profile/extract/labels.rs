//! The visible words a profile uses for its fields, and what they mean.
//!
//! Matching is case-insensitive and tolerant of redesign wording: an exact
//! phrase table first ("Target Salary", "Desired compensation", "Looking
//! for", "Open to"...), then keywords for short label-like texts ("Salary
//! expectations (USD)"). This module only classifies strings; it never looks
//! at markup and never at class names.

use crate::page::case::fold_char;
use crate::profile::LinkKind;

/// What a label announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Pronouns.
    Pronouns,
    /// A headline.
    Headline,
    /// Current title.
    Title,
    /// Current company.
    Company,
    /// Professional summary.
    Summary,
    /// Target locations (a list).
    Locations,
    /// Salary range.
    Salary,
    /// Years of experience / experience level.
    Experience,
    /// Job search status.
    Status,
    /// Skills (a list).
    Skills,
    /// Values (a list).
    Values,
    /// Interests (a list).
    Interests,
    /// The resume link.
    Resume,
    /// A group of links with no particular kind ("Links", "Elsewhere").
    Links,
    /// A link of a known kind ("LinkedIn", "Portfolio", "Blog").
    Link(LinkKind),
}

impl Label {
    /// True for labels whose value is one or more links.
    pub fn is_links(self) -> bool {
        matches!(self, Label::Resume | Label::Links | Label::Link(_))
    }

    /// A bit for sets of labels (profile-root scoring).
    pub fn bit(self) -> u32 {
        let n = match self {
            Label::Pronouns => 0,
            Label::Headline => 1,
            Label::Title => 2,
            Label::Company => 3,
            Label::Summary => 4,
            Label::Locations => 5,
            Label::Salary => 6,
            Label::Experience => 7,
            Label::Status => 8,
            Label::Skills => 9,
            Label::Values => 10,
            Label::Interests => 11,
            Label::Resume => 12,
            Label::Links => 13,
            Label::Link(_) => 14,
        };
        1 << n
    }
}

/// Label texts are short; longer texts are values, never labels.
pub const MAX_LABEL_CHARS: usize = 48;

const EXACT: &[(&str, Label)] = &[
    ("pronouns", Label::Pronouns),
    ("pronoun", Label::Pronouns),
    ("preferred pronouns", Label::Pronouns),
    ("my pronouns", Label::Pronouns),
    ("headline", Label::Headline),
    ("tagline", Label::Headline),
    ("title", Label::Title),
    ("current title", Label::Title),
    ("job title", Label::Title),
    ("current job title", Label::Title),
    ("current role", Label::Title),
    ("role", Label::Title),
    ("current position", Label::Title),
    ("position", Label::Title),
    ("company", Label::Company),
    ("current company", Label::Company),
    ("employer", Label::Company),
    ("current employer", Label::Company),
    ("organization", Label::Company),
    ("organisation", Label::Company),
    ("summary", Label::Summary),
    ("professional summary", Label::Summary),
    ("profile summary", Label::Summary),
    ("about", Label::Summary),
    ("about me", Label::Summary),
    ("about the candidate", Label::Summary),
    ("bio", Label::Summary),
    ("biography", Label::Summary),
    ("overview", Label::Summary),
    ("introduction", Label::Summary),
    ("intro", Label::Summary),
    ("in my words", Label::Summary),
    ("in their words", Label::Summary),
    ("personal statement", Label::Summary),
    ("locations", Label::Locations),
    ("location", Label::Locations),
    ("target locations", Label::Locations),
    ("target location", Label::Locations),
    ("open to", Label::Locations),
    ("preferred locations", Label::Locations),
    ("preferred location", Label::Locations),
    ("desired locations", Label::Locations),
    ("desired location", Label::Locations),
    ("location preferences", Label::Locations),
    ("locations of interest", Label::Locations),
    ("work locations", Label::Locations),
    ("based in", Label::Locations),
    ("target salary", Label::Salary),
    ("target salary range", Label::Salary),
    ("salary range", Label::Salary),
    ("salary", Label::Salary),
    ("desired salary", Label::Salary),
    ("desired compensation", Label::Salary),
    ("compensation", Label::Salary),
    ("target compensation", Label::Salary),
    ("salary expectations", Label::Salary),
    ("expected salary", Label::Salary),
    ("expected compensation", Label::Salary),
    ("pay range", Label::Salary),
    ("desired pay", Label::Salary),
    ("base salary", Label::Salary),
    ("years of experience", Label::Experience),
    ("years experience", Label::Experience),
    ("experience", Label::Experience),
    ("experience level", Label::Experience),
    ("level of experience", Label::Experience),
    ("total experience", Label::Experience),
    ("seniority", Label::Experience),
    ("seniority level", Label::Experience),
    ("career level", Label::Experience),
    ("level", Label::Experience),
    ("yoe", Label::Experience),
    ("job search status", Label::Status),
    ("job search", Label::Status),
    ("search status", Label::Status),
    ("status", Label::Status),
    ("job status", Label::Status),
    ("job seeking status", Label::Status),
    ("looking for", Label::Status),
    ("availability", Label::Status),
    ("where i am in my search", Label::Status),
    ("skills", Label::Skills),
    ("skill", Label::Skills),
    ("top skills", Label::Skills),
    ("key skills", Label::Skills),
    ("core skills", Label::Skills),
    ("technical skills", Label::Skills),
    ("expertise", Label::Skills),
    ("skills and expertise", Label::Skills),
    ("areas of expertise", Label::Skills),
    ("specialties", Label::Skills),
    ("values", Label::Values),
    ("core values", Label::Values),
    ("work values", Label::Values),
    ("my values", Label::Values),
    ("what i value", Label::Values),
    ("what i care about", Label::Values),
    ("values i care about", Label::Values),
    ("interests", Label::Interests),
    ("interested in", Label::Interests),
    ("areas of interest", Label::Interests),
    ("industries", Label::Interests),
    ("industries of interest", Label::Interests),
    ("causes", Label::Interests),
    ("causes i care about", Label::Interests),
    ("passions", Label::Interests),
    ("hobbies", Label::Interests),
    ("resume", Label::Resume),
    ("résumé", Label::Resume),
    ("resumé", Label::Resume),
    ("cv", Label::Resume),
    ("resume / cv", Label::Resume),
    ("resume/cv", Label::Resume),
    ("curriculum vitae", Label::Resume),
    ("links", Label::Links),
    ("elsewhere", Label::Links),
    ("profiles", Label::Links),
    ("social", Label::Links),
    ("social links", Label::Links),
    ("social profiles", Label::Links),
    ("social media", Label::Links),
    ("online", Label::Links),
    ("find me online", Label::Links),
    ("websites", Label::Links),
    ("linkedin", Label::Link(LinkKind::Linkedin)),
    ("linkedin profile", Label::Link(LinkKind::Linkedin)),
    ("github", Label::Link(LinkKind::Github)),
    ("twitter", Label::Link(LinkKind::Twitter)),
    ("x", Label::Link(LinkKind::Twitter)),
    ("x (twitter)", Label::Link(LinkKind::Twitter)),
    ("dribbble", Label::Link(LinkKind::Dribbble)),
    ("behance", Label::Link(LinkKind::Behance)),
    ("stack overflow", Label::Link(LinkKind::StackOverflow)),
    ("stackoverflow", Label::Link(LinkKind::StackOverflow)),
    ("medium", Label::Link(LinkKind::Medium)),
    ("portfolio", Label::Link(LinkKind::Portfolio)),
    ("portfolio website", Label::Link(LinkKind::Portfolio)),
    ("website", Label::Link(LinkKind::PersonalSite)),
    ("personal website", Label::Link(LinkKind::PersonalSite)),
    ("personal site", Label::Link(LinkKind::PersonalSite)),
    ("homepage", Label::Link(LinkKind::PersonalSite)),
    ("blog", Label::Link(LinkKind::Blog)),
];

/// Keywords for label-like texts the table does not list (first match wins).
const KEYWORDS: &[(&str, Label)] = &[
    ("pronoun", Label::Pronouns),
    ("pronouns", Label::Pronouns),
    ("salary", Label::Salary),
    ("compensation", Label::Salary),
    ("experience", Label::Experience),
    ("skills", Label::Skills),
    ("skill", Label::Skills),
    ("values", Label::Values),
    ("interests", Label::Interests),
    ("locations", Label::Locations),
    ("location", Label::Locations),
    ("summary", Label::Summary),
    ("resume", Label::Resume),
    ("résumé", Label::Resume),
];

/// Lowercases and strips what decorates a label: a trailing colon or
/// asterisk, "(optional)", icons and punctuation around it.
pub fn normalize_label(text: &str) -> String {
    // One pass: lowercase, "&" as "and", whitespace collapsed.
    let mut out = String::with_capacity(text.len() + 4);
    let mut space = false;
    for c in text.chars() {
        match c {
            '&' => {
                out.push_str(" and ");
                space = false;
            }
            c if c.is_whitespace() => space = true,
            c => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                match c.is_ascii() {
                    true => out.push(c.to_ascii_lowercase()),
                    false => out.push(fold_char(c)),
                }
            }
        }
    }
    let out = match out.contains("(optional)") {
        true => out.replace("(optional)", " "),
        false => out,
    };
    let trimmed = out.trim_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '(');
    let trimmed = trimmed.trim_start_matches(['(', ')']).trim();
    match trimmed.contains("  ") {
        true => trimmed.split_whitespace().collect::<Vec<_>>().join(" "),
        false => trimmed.to_string(),
    }
}

/// What a short visible text labels, if it is a label.
pub fn classify_label(text: &str) -> Option<Label> {
    if text.chars().count() > MAX_LABEL_CHARS {
        return None;
    }
    let norm = normalize_label(text);
    // "Salary: $100k" is a label with its value, not a label.
    if norm.is_empty() || norm.contains(':') {
        return None;
    }
    if let Some((_, label)) = EXACT.iter().find(|(phrase, _)| *phrase == norm) {
        return Some(*label);
    }
    // Keywords only for label-like texts: few words, no digits or currency
    // (so "5+ years of experience" stays a value).
    let words: Vec<&str> = norm.split(' ').collect();
    let label_like = words.len() <= 4
        && !norm
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '¥' | '%' | '@'));
    match label_like {
        true => KEYWORDS
            .iter()
            .find(|(kw, _)| {
                words
                    .iter()
                    .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == *kw)
            })
            .map(|(_, label)| *label),
        false => None,
    }
}

/// Headings that name a section, never a person.
const GENERIC_HEADINGS: &[&str] = &[
    "profile",
    "candidate",
    "candidate profile",
    "candidates",
    "details",
    "contact",
    "contact info",
    "preferences",
    "job preferences",
    "search",
    "search candidates",
    "search results",
    "results",
    "dashboard",
    "settings",
    "saved",
    "purpose jobs",
    "jobs",
    "loading",
    "loading profile",
    "share",
    "actions",
    "more",
    "curated",
    "active",
    "passive",
    "notes",
    "activity",
];

/// True for a heading text that names a section rather than a person.
pub fn is_generic_heading(text: &str) -> bool {
    let norm = normalize_label(text);
    norm.is_empty() || GENERIC_HEADINGS.contains(&norm.as_str()) || classify_label(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_label_wording() {
        let cases: &[(&str, Option<Label>)] = &[
            ("Target Salary", Some(Label::Salary)),
            ("TARGET SALARY", Some(Label::Salary)),
            ("Salary range:", Some(Label::Salary)),
            ("Desired compensation", Some(Label::Salary)),
            ("Salary expectations (USD)", Some(Label::Salary)),
            ("Years of experience", Some(Label::Experience)),
            ("Experience level", Some(Label::Experience)),
            ("5+ years of experience", None),
            ("Job search status", Some(Label::Status)),
            ("Looking for", Some(Label::Status)),
            ("Status", Some(Label::Status)),
            ("Locations", Some(Label::Locations)),
            ("Target locations", Some(Label::Locations)),
            ("Open to", Some(Label::Locations)),
            ("Open to offers", None),
            ("📍 Location", Some(Label::Locations)),
            ("Pronouns *", Some(Label::Pronouns)),
            ("Skills & Expertise", Some(Label::Skills)),
            ("What I value", Some(Label::Values)),
            ("Causes I care about", Some(Label::Interests)),
            ("Résumé", Some(Label::Resume)),
            ("LinkedIn", Some(Label::Link(LinkKind::Linkedin))),
            ("Portfolio", Some(Label::Link(LinkKind::Portfolio))),
            ("Elsewhere", Some(Label::Links)),
            ("Share with Team", None),
            ("Send Email", None),
            ("Ada Lovelace", None),
            (
                "I have lots of experience with many different teams and skills",
                None,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(classify_label(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn generic_headings_are_not_names() {
        assert!(is_generic_heading("Details"));
        assert!(is_generic_heading("Skills"));
        assert!(is_generic_heading("Search candidates"));
        assert!(!is_generic_heading("Ada Lovelace"));
    }
}

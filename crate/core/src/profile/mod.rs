//! The candidate as read from a Purpose Jobs profile page: [`CandidateProfile`],
//! its links and the warnings collected while reading it.
//!
//! This is plain data. It crosses to JavaScript and back (serde), so it holds
//! no page handles, and it never decides how a field maps to Greenhouse
//! (that is `mapping`'s job).

pub mod email;
pub mod extract;
pub mod identity;
pub mod links;
pub mod names;
pub mod reading;
pub mod share_menu;

use serde::{Deserialize, Serialize};

/// Everything a candidate profile shows, text kept verbatim (whitespace
/// normalised).
///
/// `full_name` and `candidate_id` are never empty in a profile returned by
/// `extract_profile`; they may be empty in the partial profile carried by
/// its `MissingRequired` error.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CandidateProfile {
    /// The candidate's name as displayed (the profile's main heading),
    /// without pronouns shown next to it.
    pub full_name: String,
    /// Pronouns, e.g. "she/her".
    pub pronouns: Option<String>,
    /// The headline under the name, e.g. "Staff Engineer at Acme".
    pub headline: Option<String>,
    /// Current title, from the headline or a labelled field.
    pub title: Option<String>,
    /// Current company, from the headline or a labelled field.
    pub company: Option<String>,
    /// The "Send Email" relay address (Purpose Jobs forwards it to the
    /// candidate; it is not the candidate's own address).
    pub relay_email: Option<String>,
    /// Social profiles and websites, absolute URLs, in page order, without
    /// duplicates; the resume and the relay email are not in this list.
    pub links: Vec<ProfileLink>,
    /// Absolute URL of the resume document.
    pub resume_url: Option<String>,
    /// The professional summary; paragraphs separated by a blank line.
    pub summary: Option<String>,
    /// Target locations, one entry each.
    pub target_locations: Vec<String>,
    /// Target salary range as shown, e.g. "$140,000 – $170,000".
    pub salary_range: Option<String>,
    /// Years of experience or experience level as shown.
    pub experience: Option<String>,
    /// Where the candidate is in their job search, e.g. "Actively looking".
    pub job_search_status: Option<String>,
    /// Skill tags.
    pub skills: Vec<String>,
    /// Value tags.
    pub values: Vec<String>,
    /// Interest tags.
    pub interests: Vec<String>,
    /// The Purpose Jobs candidate id (numeric or UUID-like).
    pub candidate_id: String,
    /// The page URL the profile was read from; when that URL names no
    /// candidate, the candidate's own link ("Copy Candidate Link").
    pub profile_url: String,
    /// What was odd on the page but tolerated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// One link shown on the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileLink {
    /// Absolute http(s) URL.
    pub url: String,
    /// What the link points to.
    pub kind: LinkKind,
}

/// What a profile link points to. Social kinds go to Greenhouse's
/// `social_media`, the others to `websites`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// linkedin.com.
    Linkedin,
    /// github.com.
    Github,
    /// x.com or twitter.com.
    Twitter,
    /// dribbble.com.
    Dribbble,
    /// behance.net.
    Behance,
    /// stackoverflow.com and the Stack Exchange sites.
    StackOverflow,
    /// medium.com.
    Medium,
    /// Another social network (Instagram, Mastodon, GitLab, ...).
    OtherSocial,
    /// A portfolio site.
    Portfolio,
    /// A personal site or homepage.
    PersonalSite,
    /// A blog.
    Blog,
    /// Any other website.
    OtherWebsite,
}

impl LinkKind {
    /// True for social profiles (Greenhouse `social_media`), false for
    /// websites.
    pub fn is_social(self) -> bool {
        matches!(
            self,
            LinkKind::Linkedin
                | LinkKind::Github
                | LinkKind::Twitter
                | LinkKind::Dribbble
                | LinkKind::Behance
                | LinkKind::StackOverflow
                | LinkKind::Medium
                | LinkKind::OtherSocial
        )
    }
}

/// A labelled field of the profile, as named in warnings and errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileField {
    /// The candidate's name.
    Name,
    /// The Purpose Jobs candidate id.
    CandidateId,
    /// Pronouns.
    Pronouns,
    /// Headline.
    Headline,
    /// Current title.
    Title,
    /// Current company.
    Company,
    /// Relay email.
    RelayEmail,
    /// Resume link.
    Resume,
    /// Professional summary.
    Summary,
    /// Target locations.
    TargetLocations,
    /// Salary range.
    SalaryRange,
    /// Experience.
    Experience,
    /// Job search status.
    JobSearchStatus,
    /// Skills.
    Skills,
    /// Values.
    Values,
    /// Interests.
    Interests,
}

/// Something odd on the page that extraction tolerated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Warning {
    /// The same field was shown twice with different values; the first one
    /// was kept and `ignored` was dropped.
    DuplicateField {
        /// The field.
        field: ProfileField,
        /// The value that was dropped.
        ignored: String,
    },
    /// A link's target could not be made into an absolute http(s) URL (e.g.
    /// `javascript:` or a malformed address); it was left out.
    UnusableLink {
        /// The raw `href`.
        href: String,
    },
    /// A `mailto:` link did not hold a usable address; it was left out.
    UnusableEmail {
        /// The raw `href`.
        href: String,
    },
    /// More than one relay address was shown; the first was kept.
    SeveralEmails {
        /// The address that was dropped.
        ignored: String,
    },
    /// More than one resume link was shown; the first was kept.
    SeveralResumes {
        /// The URL that was dropped.
        ignored: String,
    },
    /// The page URL names no candidate; the id was read from the page's
    /// "Copy Candidate Link" target instead.
    CandidateIdFromLink,
    /// A text was longer than the limit and was cut to `kept_chars`.
    Truncated {
        /// The field.
        field: ProfileField,
        /// How many characters were kept.
        kept_chars: usize,
    },
    /// The page had more elements than the reader looks at; the rest was
    /// not read.
    PageTooLarge {
        /// How many nodes were read.
        nodes_read: usize,
    },
}

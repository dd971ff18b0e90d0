//! From a [`CandidateProfile`] to the Greenhouse prospect it becomes
//! ([`NewCandidate`], the body of `POST /v1/partner/candidates`).
//!
//! Every structured field goes to its Greenhouse field; everything else goes
//! into `notes`, one labelled line each, values verbatim, so a recruiter
//! reads it as it was shown. A required field that cannot be filled (a
//! single-word name has no last name) is never invented: [`to_new_candidate`]
//! returns [`MissingFields`] with the partially filled draft, for a review
//! form with that field marked. This module never sends anything.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::greenhouse::candidate::{
    missing_fields, Email, EmailKind, NewCandidate, RequiredField, SocialMedia, Website,
    WebsiteKind,
};
use crate::profile::names::split_name;
use crate::profile::{CandidateProfile, LinkKind};

/// The mapping error: required fields are empty. Happens when the name has
/// a single word (no last name), or when the profile came without a name or
/// candidate id. `draft` holds everything else, ready for a review form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingFields {
    /// The empty required fields, in form order.
    pub missing: Vec<RequiredField>,
    /// The payload with those fields empty.
    pub draft: Box<NewCandidate>,
}

impl fmt::Display for MissingFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.missing.iter().map(|m| m.api_name()).collect();
        write!(f, "required fields are empty: {}", names.join(", "))
    }
}

impl std::error::Error for MissingFields {}

/// The Greenhouse prospect for `profile`, or the draft and what it lacks.
pub fn to_new_candidate(profile: &CandidateProfile) -> Result<NewCandidate, MissingFields> {
    let draft = draft_new_candidate(profile);
    let missing = missing_fields(&draft);
    match missing.is_empty() {
        true => Ok(draft),
        false => Err(MissingFields {
            missing,
            draft: Box::new(draft),
        }),
    }
}

/// The prospect with every field that can be filled, required or not.
pub fn draft_new_candidate(profile: &CandidateProfile) -> NewCandidate {
    let name = split_name(&profile.full_name);
    let social_media = profile
        .links
        .iter()
        .filter(|l| l.kind.is_social())
        .map(|l| SocialMedia { url: l.url.clone() })
        .collect();
    let websites = profile
        .links
        .iter()
        .filter(|l| !l.kind.is_social())
        .map(|l| Website {
            url: l.url.clone(),
            kind: website_kind(l.kind),
        })
        .collect();
    NewCandidate {
        prospect: true,
        first_name: name.first_name,
        last_name: name.last_name.unwrap_or_default(),
        external_id: profile.candidate_id.trim().to_string(),
        company: profile.company.clone(),
        title: profile.title.clone(),
        resume: profile.resume_url.clone(),
        emails: profile
            .relay_email
            .iter()
            .map(|email| Email {
                email: email.clone(),
                kind: EmailKind::Other,
            })
            .collect(),
        social_media,
        websites,
        notes: Some(notes(profile, &name.dropped)),
        ..NewCandidate::default()
    }
}

fn website_kind(kind: LinkKind) -> WebsiteKind {
    match kind {
        LinkKind::Portfolio => WebsiteKind::Portfolio,
        LinkKind::PersonalSite => WebsiteKind::Personal,
        LinkKind::Blog => WebsiteKind::Blog,
        _ => WebsiteKind::Other,
    }
}

/// The notes: a source line with the profile URL, the resume link (Greenhouse
/// fetches the resume from it without the recruiter's Purpose Jobs session;
/// a recruiter logged in to Purpose Jobs can still open it from here), then
/// one line per field that has no structured place in Greenhouse, then the
/// summary.
///
/// A list is written one item per line as a bullet list (`Skills:` then
/// `- Rust`, `- C;--`): items are single-line texts, so no item, whatever
/// separator it contains (`;`, `,`, `/`, `·`, ` - `), can be mistaken for
/// two, and every item is written exactly as read.
pub fn notes(profile: &CandidateProfile, dropped_from_name: &[String]) -> String {
    let mut lines = vec![format!("Source: purpose.jobs — {}", profile.profile_url)];
    if let Some(resume) = profile.resume_url.as_deref().filter(|r| !r.is_empty()) {
        lines.push(format!("Resume: {resume}"));
    }
    let line = |lines: &mut Vec<String>, label: &str, value: Option<&str>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            lines.push(format!("{label}: {value}"));
        }
    };
    let list = |lines: &mut Vec<String>, label: &str, items: &[String]| {
        let items: Vec<&String> = items.iter().filter(|item| !item.is_empty()).collect();
        if !items.is_empty() {
            lines.push(format!("{label}:"));
            lines.extend(items.into_iter().map(|item| format!("- {item}")));
        }
    };
    line(&mut lines, "Pronouns", profile.pronouns.as_deref());
    if !dropped_from_name.is_empty() {
        line(
            &mut lines,
            "Shown with the name",
            Some(&dropped_from_name.join(" ")),
        );
    }
    // The headline is only repeated when it did not become title/company.
    if profile.title.is_none() || profile.company.is_none() {
        line(&mut lines, "Headline", profile.headline.as_deref());
    }
    list(&mut lines, "Target locations", &profile.target_locations);
    line(&mut lines, "Salary range", profile.salary_range.as_deref());
    line(&mut lines, "Experience", profile.experience.as_deref());
    line(
        &mut lines,
        "Job search status",
        profile.job_search_status.as_deref(),
    );
    list(&mut lines, "Skills", &profile.skills);
    list(&mut lines, "Values", &profile.values);
    list(&mut lines, "Interests", &profile.interests);
    if let Some(summary) = profile.summary.as_deref().filter(|s| !s.is_empty()) {
        lines.push(String::new());
        lines.push("Summary:".to_string());
        lines.push(summary.to_string());
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::ProfileLink;

    fn profile(name: &str, id: &str) -> CandidateProfile {
        CandidateProfile {
            full_name: name.to_string(),
            candidate_id: id.to_string(),
            profile_url: format!("https://app.purpose.jobs/candidates/{id}"),
            ..CandidateProfile::default()
        }
    }

    #[test]
    fn maps_every_field() {
        let link = |url: &str, kind| ProfileLink {
            url: url.into(),
            kind,
        };
        let full = CandidateProfile {
            pronouns: Some("she/her".into()),
            headline: Some("Engineer at Acme".into()),
            title: Some("Engineer".into()),
            company: Some("Acme".into()),
            relay_email: Some("r@relay.purpose.jobs".into()),
            links: vec![
                link("https://github.com/a", LinkKind::Github),
                link("https://a.dev/", LinkKind::Portfolio),
                link("https://x.com/a", LinkKind::Twitter),
                link("https://a.me/", LinkKind::PersonalSite),
                link("https://a.blog/", LinkKind::Blog),
                link("https://a.org/", LinkKind::OtherWebsite),
            ],
            resume_url: Some("https://app.purpose.jobs/r.pdf".into()),
            summary: Some("One.\n\nTwo.".into()),
            target_locations: vec!["Chicago, IL".into(), "Remote".into()],
            salary_range: Some("$1 – $2".into()),
            experience: Some("3 years".into()),
            job_search_status: Some("Open".into()),
            skills: vec!["Rust".into(), "<b>".into()],
            values: vec!["Care".into()],
            interests: vec!["Sea".into()],
            ..profile("Ada de Lovelace, PhD", "7")
        };
        let got = to_new_candidate(&full).unwrap();
        let url = |u: &str| u.to_string();
        assert!(got.prospect);
        assert_eq!(
            (got.first_name.as_str(), got.last_name.as_str()),
            ("Ada", "de Lovelace")
        );
        assert_eq!(got.external_id, "7");
        assert_eq!(got.title.as_deref(), Some("Engineer"));
        assert_eq!(got.company.as_deref(), Some("Acme"));
        assert_eq!(
            got.resume.as_deref(),
            Some("https://app.purpose.jobs/r.pdf")
        );
        assert_eq!(
            got.emails,
            [Email {
                email: "r@relay.purpose.jobs".into(),
                kind: EmailKind::Other
            }]
        );
        let social: Vec<String> = got.social_media.iter().map(|s| s.url.clone()).collect();
        assert_eq!(
            social,
            [url("https://github.com/a"), url("https://x.com/a")]
        );
        let sites: Vec<(String, WebsiteKind)> = got
            .websites
            .iter()
            .map(|w| (w.url.clone(), w.kind))
            .collect();
        assert_eq!(
            sites,
            [
                (url("https://a.dev/"), WebsiteKind::Portfolio),
                (url("https://a.me/"), WebsiteKind::Personal),
                (url("https://a.blog/"), WebsiteKind::Blog),
                (url("https://a.org/"), WebsiteKind::Other),
            ]
        );
        assert_eq!(
            got.notes.as_deref(),
            Some(
                "Source: purpose.jobs — https://app.purpose.jobs/candidates/7\n\
                 Resume: https://app.purpose.jobs/r.pdf\n\
                 Pronouns: she/her\n\
                 Shown with the name: PhD\n\
                 Target locations:\n\
                 - Chicago, IL\n\
                 - Remote\n\
                 Salary range: $1 – $2\n\
                 Experience: 3 years\n\
                 Job search status: Open\n\
                 Skills:\n\
                 - Rust\n\
                 - <b>\n\
                 Values:\n\
                 - Care\n\
                 Interests:\n\
                 - Sea\n\
                 \n\
                 Summary:\n\
                 One.\n\nTwo."
            )
        );
    }

    #[test]
    fn reports_missing_required_fields_with_the_draft() {
        let cases: &[(&str, &str, &[RequiredField])] = &[
            ("Ada Lovelace", "7", &[]),
            ("Teller", "7", &[RequiredField::LastName]),
            (
                "",
                "7",
                &[RequiredField::FirstName, RequiredField::LastName],
            ),
            ("Ada Lovelace", "", &[RequiredField::ExternalId]),
            (
                "  ",
                " ",
                &[
                    RequiredField::FirstName,
                    RequiredField::LastName,
                    RequiredField::ExternalId,
                ],
            ),
        ];
        for (name, id, missing) in cases {
            match to_new_candidate(&profile(name, id)) {
                Ok(candidate) => assert!(missing.is_empty(), "{name:?}: {candidate:?}"),
                Err(error) => {
                    assert_eq!(error.missing, *missing, "{name:?}");
                    assert!(error.draft.prospect);
                    assert!(error
                        .draft
                        .notes
                        .as_deref()
                        .unwrap_or("")
                        .starts_with("Source: purpose.jobs — "));
                }
            }
        }
        let error = to_new_candidate(&profile("Teller", "60606")).unwrap_err();
        assert_eq!(error.draft.first_name, "Teller");
        assert_eq!(error.draft.external_id, "60606");
        assert_eq!(error.to_string(), "required fields are empty: last_name");
        assert_eq!(
            serde_json::to_value(RequiredField::LastName).unwrap(),
            "last_name"
        );
    }

    #[test]
    fn headline_goes_to_notes_only_when_it_did_not_split() {
        let with_split = CandidateProfile {
            headline: Some("Engineer at Acme".into()),
            title: Some("Engineer".into()),
            company: Some("Acme".into()),
            ..profile("Ada Lovelace", "1")
        };
        assert!(!notes(&with_split, &[]).contains("Headline"));
        let without = CandidateProfile {
            headline: Some("Builder of calm software".into()),
            ..profile("Ada Lovelace", "1")
        };
        assert!(notes(&without, &[]).contains("\nHeadline: Builder of calm software"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn payloads_have_required_fields_or_a_clear_error(
                name in "\\PC{0,40}",
                id in "[0-9a-f-]{0,12}",
                skills in proptest::collection::vec("\\PC{0,20}", 0..5),
                summary in proptest::option::of("\\PC{0,200}"),
            ) {
                let profile = CandidateProfile {
                    full_name: name,
                    candidate_id: id,
                    skills,
                    summary,
                    profile_url: "https://app.purpose.jobs/candidates/1".into(),
                    ..CandidateProfile::default()
                };
                match to_new_candidate(&profile) {
                    Ok(candidate) => {
                        prop_assert!(candidate.prospect);
                        prop_assert!(!candidate.first_name.trim().is_empty());
                        prop_assert!(!candidate.last_name.trim().is_empty());
                        prop_assert!(!candidate.external_id.trim().is_empty());
                        let json = serde_json::to_string(&candidate).unwrap();
                        let back: NewCandidate = serde_json::from_str(&json).unwrap();
                        prop_assert_eq!(back, candidate);
                    }
                    Err(error) => {
                        prop_assert!(!error.missing.is_empty());
                        prop_assert_eq!(missing_fields(&error.draft), error.missing);
                    }
                }
            }
        }
    }
}

//! The review form's data, without the form: a [`NewCandidate`] shown as
//! plain text fields ([`ReviewFields`]), the recruiter's edits applied back
//! to it ([`apply`]), and the check that must pass before sending
//! ([`problems`]).
//!
//! Pure: the in-page form (the `content` adapter) only moves strings between
//! these fields and its inputs. Nothing here knows about the DOM, and
//! nothing here invents a value the recruiter did not type or the page did
//! not show (a missing last name stays empty and is reported).

use serde::{Deserialize, Serialize};

use crate::greenhouse::candidate::{
    Email, EmailKind, NewCandidate, RequiredField, SocialMedia, Website, WebsiteKind,
};
use crate::page::url::is_web_url;
use crate::profile::email::is_email_address;
use crate::profile::links::classify_link;

/// One field of the review form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewField {
    /// Given names.
    FirstName,
    /// Surname, labelled **Last name**.
    LastName,
    /// The Purpose Jobs candidate id (`external_id`); shown only when the
    /// page did not give it.
    CandidateId,
    /// The email address (Purpose Jobs' relay address).
    Email,
    /// Current title.
    Title,
    /// Current company.
    Company,
    /// Social profiles and websites, one URL per line.
    Links,
    /// Absolute URL of the resume.
    ResumeUrl,
    /// Notes.
    Notes,
}

impl ReviewField {
    /// Every field, in the order the form shows them.
    pub const ALL: [ReviewField; 9] = [
        ReviewField::FirstName,
        ReviewField::LastName,
        ReviewField::CandidateId,
        ReviewField::Email,
        ReviewField::Title,
        ReviewField::Company,
        ReviewField::Links,
        ReviewField::ResumeUrl,
        ReviewField::Notes,
    ];

    /// The field the review form shows for a `NewCandidate` field name as
    /// Greenhouse or the background names it (`"last_name"`, `"emails"`),
    /// `None` for fields the form does not show.
    pub fn from_candidate_field(name: &str) -> Option<ReviewField> {
        match name {
            "first_name" => Some(ReviewField::FirstName),
            "last_name" => Some(ReviewField::LastName),
            "external_id" => Some(ReviewField::CandidateId),
            "emails" | "email" => Some(ReviewField::Email),
            "title" => Some(ReviewField::Title),
            "company" => Some(ReviewField::Company),
            "social_media" | "websites" | "url" => Some(ReviewField::Links),
            "resume" => Some(ReviewField::ResumeUrl),
            "notes" => Some(ReviewField::Notes),
            _ => None,
        }
    }

    /// The field's name in [`ReviewFields`]' JSON form.
    pub fn key(self) -> &'static str {
        match self {
            ReviewField::FirstName => "first_name",
            ReviewField::LastName => "last_name",
            ReviewField::CandidateId => "candidate_id",
            ReviewField::Email => "email",
            ReviewField::Title => "title",
            ReviewField::Company => "company",
            ReviewField::Links => "links",
            ReviewField::ResumeUrl => "resume_url",
            ReviewField::Notes => "notes",
        }
    }

    /// True for fields Greenhouse requires ([`RequiredField::ALL`]).
    pub fn is_required(self) -> bool {
        RequiredField::ALL
            .into_iter()
            .any(|required| ReviewField::from_candidate_field(required.api_name()) == Some(self))
    }

    /// True for fields edited in a multi-line box.
    pub fn is_multiline(self) -> bool {
        matches!(self, ReviewField::Links | ReviewField::Notes)
    }
}

/// The review form's values, one string per field, as the recruiter sees
/// and edits them. Also on the wire: the background sends them with a
/// reading (`core::reading`), the content script sends the edited ones back
/// with `Request::SendProspect`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReviewFields {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Purpose Jobs candidate id.
    pub candidate_id: String,
    /// Email (the first address of the candidate).
    pub email: String,
    /// Title.
    pub title: String,
    /// Company.
    pub company: String,
    /// Links, one URL per line.
    pub links: String,
    /// Resume URL.
    pub resume_url: String,
    /// Notes.
    pub notes: String,
}

impl ReviewFields {
    /// The form's values for `candidate`.
    pub fn of(candidate: &NewCandidate) -> ReviewFields {
        let links: Vec<&str> = candidate
            .social_media
            .iter()
            .map(|s| s.url.as_str())
            .chain(candidate.websites.iter().map(|w| w.url.as_str()))
            .collect();
        ReviewFields {
            first_name: candidate.first_name.clone(),
            last_name: candidate.last_name.clone(),
            candidate_id: candidate.external_id.clone(),
            email: candidate
                .emails
                .first()
                .map(|e| e.email.clone())
                .unwrap_or_default(),
            title: candidate.title.clone().unwrap_or_default(),
            company: candidate.company.clone().unwrap_or_default(),
            links: links.join("\n"),
            resume_url: candidate.resume.clone().unwrap_or_default(),
            notes: candidate.notes.clone().unwrap_or_default(),
        }
    }

    /// The value of one field.
    pub fn get(&self, field: ReviewField) -> &str {
        match field {
            ReviewField::FirstName => &self.first_name,
            ReviewField::LastName => &self.last_name,
            ReviewField::CandidateId => &self.candidate_id,
            ReviewField::Email => &self.email,
            ReviewField::Title => &self.title,
            ReviewField::Company => &self.company,
            ReviewField::Links => &self.links,
            ReviewField::ResumeUrl => &self.resume_url,
            ReviewField::Notes => &self.notes,
        }
    }

    /// Sets one field.
    pub fn set(&mut self, field: ReviewField, value: String) {
        let slot = match field {
            ReviewField::FirstName => &mut self.first_name,
            ReviewField::LastName => &mut self.last_name,
            ReviewField::CandidateId => &mut self.candidate_id,
            ReviewField::Email => &mut self.email,
            ReviewField::Title => &mut self.title,
            ReviewField::Company => &mut self.company,
            ReviewField::Links => &mut self.links,
            ReviewField::ResumeUrl => &mut self.resume_url,
            ReviewField::Notes => &mut self.notes,
        };
        *slot = value;
    }
}

/// What is wrong with a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A required field is empty (or only whitespace).
    Missing,
    /// The value is not of the expected form: an email without `@`, a link
    /// or resume that is not an absolute http(s) URL.
    Invalid,
}

/// The fields that must be fixed before sending, in form order; empty when
/// the values can be sent.
pub fn problems(fields: &ReviewFields) -> Vec<(ReviewField, Problem)> {
    let mut found = Vec::new();
    for field in ReviewField::ALL {
        let value = fields.get(field).trim();
        let problem = match field {
            _ if field.is_required() && value.is_empty() => Some(Problem::Missing),
            ReviewField::Email if !value.is_empty() && !is_email_address(value) => {
                Some(Problem::Invalid)
            }
            ReviewField::ResumeUrl if !value.is_empty() && !is_web_url(value) => {
                Some(Problem::Invalid)
            }
            ReviewField::Links if link_lines(value).any(|l| !is_web_url(l)) => {
                Some(Problem::Invalid)
            }
            _ => None,
        };
        if let Some(problem) = problem {
            found.push((field, problem));
        }
    }
    found
}

fn link_lines(value: &str) -> impl Iterator<Item = &str> {
    value.lines().map(str::trim).filter(|l| !l.is_empty())
}

fn optional(value: &str) -> Option<String> {
    match value.trim() {
        "" => None,
        trimmed => Some(trimmed.to_owned()),
    }
}

/// `draft` with the form's values applied: text fields trimmed, empty
/// optional fields left out. Links keep their kind when they were in the
/// draft; new ones are classified by their URL. Fields the form does not
/// show (destination, phone numbers, addresses) are kept as they are.
pub fn apply(draft: &NewCandidate, fields: &ReviewFields) -> NewCandidate {
    let mut candidate = draft.clone();
    candidate.first_name = fields.first_name.trim().to_owned();
    candidate.last_name = fields.last_name.trim().to_owned();
    candidate.external_id = fields.candidate_id.trim().to_owned();
    candidate.title = optional(&fields.title);
    candidate.company = optional(&fields.company);
    candidate.resume = optional(&fields.resume_url);
    candidate.notes = optional(&fields.notes);
    candidate.emails = match optional(&fields.email) {
        Some(email) => {
            let kind = draft
                .emails
                .iter()
                .find(|e| e.email == email)
                .map(|e| e.kind)
                .unwrap_or(EmailKind::Other);
            vec![Email { email, kind }]
        }
        None => Vec::new(),
    };
    candidate.social_media = Vec::new();
    candidate.websites = Vec::new();
    for url in link_lines(&fields.links) {
        if candidate.social_media.iter().any(|s| s.url == url)
            || candidate.websites.iter().any(|w| w.url == url)
        {
            continue;
        }
        let known_social = draft.social_media.iter().any(|s| s.url == url);
        let known_site = draft.websites.iter().find(|w| w.url == url);
        match (known_social, known_site) {
            (true, _) => candidate.social_media.push(SocialMedia {
                url: url.to_owned(),
            }),
            (false, Some(site)) => candidate.websites.push(site.clone()),
            (false, None) => {
                let kind = classify_link(url, "");
                match kind.is_social() {
                    true => candidate.social_media.push(SocialMedia {
                        url: url.to_owned(),
                    }),
                    false => candidate.websites.push(Website {
                        url: url.to_owned(),
                        kind: website_kind(kind),
                    }),
                }
            }
        }
    }
    candidate
}

fn website_kind(kind: crate::profile::LinkKind) -> WebsiteKind {
    use crate::profile::LinkKind;
    match kind {
        LinkKind::Portfolio => WebsiteKind::Portfolio,
        LinkKind::PersonalSite => WebsiteKind::Personal,
        LinkKind::Blog => WebsiteKind::Blog,
        _ => WebsiteKind::Other,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn each_field_key_is_its_json_name() {
        let mut fields = ReviewFields::default();
        for (i, field) in ReviewField::ALL.into_iter().enumerate() {
            fields.set(field, format!("value {i}"));
        }
        let json = serde_json::to_value(&fields).unwrap();
        assert_eq!(json.as_object().unwrap().len(), ReviewField::ALL.len());
        for field in ReviewField::ALL {
            assert_eq!(json[field.key()], fields.get(field), "{field:?}");
        }
    }

    fn draft() -> NewCandidate {
        NewCandidate {
            prospect: true,
            first_name: "Cher".into(),
            last_name: String::new(),
            external_id: "10452".into(),
            title: Some("Singer".into()),
            emails: vec![Email {
                email: "relay+1@purpose.jobs".into(),
                kind: EmailKind::Other,
            }],
            social_media: vec![SocialMedia {
                url: "https://www.linkedin.com/in/cher".into(),
            }],
            websites: vec![Website {
                url: "https://cher.example/work".into(),
                kind: WebsiteKind::Portfolio,
            }],
            notes: Some("Source: purpose.jobs".into()),
            ..NewCandidate::default()
        }
    }

    #[test]
    fn single_word_name_reports_the_missing_last_name_only() {
        let fields = ReviewFields::of(&draft());
        assert_eq!(fields.last_name, "");
        assert_eq!(
            problems(&fields),
            vec![(ReviewField::LastName, Problem::Missing)]
        );
    }

    #[test]
    fn fields_round_trip_unchanged() {
        let original = draft();
        let back = apply(&original, &ReviewFields::of(&original));
        assert_eq!(back, original);
    }

    #[test]
    fn edits_are_applied_trimmed_and_empty_optionals_dropped() {
        let mut fields = ReviewFields::of(&draft());
        fields.last_name = "  Sarkisian ".into();
        fields.title = "   ".into();
        fields.company = "Cher Inc.".into();
        let sent = apply(&draft(), &fields);
        assert_eq!(sent.last_name, "Sarkisian");
        assert_eq!(sent.title, None);
        assert_eq!(sent.company.as_deref(), Some("Cher Inc."));
        assert!(problems(&fields).is_empty());
    }

    #[test]
    fn links_keep_their_kind_and_new_ones_are_classified() {
        let mut fields = ReviewFields::of(&draft());
        fields.links = format!(
            "{}\n\nhttps://github.com/cher\nhttps://cher.example/blog/\nhttps://github.com/cher",
            fields.links
        );
        let sent = apply(&draft(), &fields);
        let social: Vec<&str> = sent.social_media.iter().map(|s| s.url.as_str()).collect();
        assert_eq!(
            social,
            vec![
                "https://www.linkedin.com/in/cher",
                "https://github.com/cher"
            ]
        );
        assert_eq!(sent.websites[0].kind, WebsiteKind::Portfolio);
        assert_eq!(sent.websites[1].url, "https://cher.example/blog/");
        assert_eq!(sent.websites[1].kind, WebsiteKind::Blog);
        assert_eq!(sent.websites.len(), 2);
    }

    #[test]
    fn malformed_values_are_reported_not_sent() {
        let mut fields = ReviewFields::of(&draft());
        fields.last_name = "X".into();
        fields.email = "not an email".into();
        fields.resume_url = "javascript:alert(1)".into();
        fields.links = "https://ok.example\nftp://nope".into();
        assert_eq!(
            problems(&fields),
            vec![
                (ReviewField::Email, Problem::Invalid),
                (ReviewField::Links, Problem::Invalid),
                (ReviewField::ResumeUrl, Problem::Invalid),
            ]
        );
    }

    #[test]
    fn hostile_text_goes_through_verbatim() {
        let mut fields = ReviewFields::of(&draft());
        fields.last_name = "<img src=x onerror=alert(1)> \"O'Brien\"".into();
        fields.notes = "<script>alert(1)</script>\nDROP TABLE;".into();
        let sent = apply(&draft(), &fields);
        assert_eq!(sent.last_name, "<img src=x onerror=alert(1)> \"O'Brien\"");
        assert_eq!(
            sent.notes.as_deref(),
            Some("<script>alert(1)</script>\nDROP TABLE;")
        );
    }

    #[test]
    fn candidate_field_names_map_to_form_fields() {
        assert_eq!(
            ReviewField::from_candidate_field("last_name"),
            Some(ReviewField::LastName)
        );
        assert_eq!(
            ReviewField::from_candidate_field("emails"),
            Some(ReviewField::Email)
        );
        assert_eq!(ReviewField::from_candidate_field("job_id"), None);
    }
}

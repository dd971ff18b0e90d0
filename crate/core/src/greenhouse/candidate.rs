//! The body of `POST /v1/partner/candidates`: one prospect or candidate, field
//! for field as Greenhouse's Candidate Ingestion API names them.
//!
//! Optional fields are left out of the JSON when empty, so a payload is never
//! refused for an empty array element. Enum-valued `type` fields are Rust
//! enums, so a payload can never carry a value Greenhouse would reject.

use serde::{Deserialize, Serialize};

/// A Greenhouse field that must not be empty, named as in the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequiredField {
    /// `first_name`.
    FirstName,
    /// `last_name`.
    LastName,
    /// `external_id` (the Purpose Jobs candidate id).
    ExternalId,
}

impl RequiredField {
    /// Every required field, in form order: the one list of what Greenhouse
    /// requires (the background's check before sending, the mapping's
    /// draft and the review form all read it).
    pub const ALL: [RequiredField; 3] = [
        RequiredField::FirstName,
        RequiredField::LastName,
        RequiredField::ExternalId,
    ];

    /// The API name of the field (`"last_name"`).
    pub fn api_name(self) -> &'static str {
        match self {
            RequiredField::FirstName => "first_name",
            RequiredField::LastName => "last_name",
            RequiredField::ExternalId => "external_id",
        }
    }

    /// The field's value in `candidate`.
    pub fn value(self, candidate: &NewCandidate) -> &str {
        match self {
            RequiredField::FirstName => &candidate.first_name,
            RequiredField::LastName => &candidate.last_name,
            RequiredField::ExternalId => &candidate.external_id,
        }
    }
}

/// The required fields that are empty (or blank) in `candidate`, in form
/// order.
pub fn missing_fields(candidate: &NewCandidate) -> Vec<RequiredField> {
    RequiredField::ALL
        .into_iter()
        .filter(|field| field.value(candidate).trim().is_empty())
        .collect()
}

/// One candidate or prospect as sent to Greenhouse.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewCandidate {
    /// `true` creates a prospect; `false` needs [`NewCandidate::job_id`].
    pub prospect: bool,
    /// Required by Greenhouse.
    pub first_name: String,
    /// Required by Greenhouse.
    pub last_name: String,
    /// The Purpose Jobs candidate id. Required by Greenhouse.
    pub external_id: String,
    /// Job to add the candidate or prospect to; required when not a prospect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_id: Option<u64>,
    /// Current company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Current title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Absolute URL of a resume Greenhouse fetches and attaches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume: Option<String>,
    /// Phone numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phone_numbers: Vec<PhoneNumber>,
    /// Email addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<Email>,
    /// Postal addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    /// Social profile URLs (LinkedIn, GitHub, X, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub social_media: Vec<SocialMedia>,
    /// Websites with their kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub websites: Vec<Website>,
    /// Plain-text notes: everything without a structured field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Prospect pool to put a prospect in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prospect_pool_id: Option<u64>,
    /// Stage of [`NewCandidate::prospect_pool_id`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prospect_pool_stage_id: Option<u64>,
    /// Email of the Greenhouse user who owns the prospect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prospect_owner_email: Option<String>,
}

/// A phone number entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneNumber {
    /// The number as shown.
    pub phone_number: String,
    /// Its kind.
    #[serde(rename = "type")]
    pub kind: PhoneKind,
}

/// Greenhouse's phone number types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhoneKind {
    /// Mobile phone.
    Mobile,
    /// Home phone.
    Home,
    /// Work phone.
    Work,
    /// Anything else.
    Other,
}

/// An email entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    /// The address.
    pub email: String,
    /// Its kind.
    #[serde(rename = "type")]
    pub kind: EmailKind,
}

/// Greenhouse's email types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailKind {
    /// A personal address.
    Personal,
    /// A work address.
    Work,
    /// Anything else, e.g. Purpose Jobs' relay address.
    Other,
}

/// A postal address entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Free text; may contain newlines.
    pub address: String,
    /// Its kind.
    #[serde(rename = "type")]
    pub kind: AddressKind,
}

/// Greenhouse's address types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressKind {
    /// Home address.
    Home,
    /// Work address.
    Work,
    /// Anything else.
    Other,
}

/// A social profile link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SocialMedia {
    /// Absolute URL of the profile.
    pub url: String,
}

/// A website entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Website {
    /// Absolute URL.
    pub url: String,
    /// Its kind.
    #[serde(rename = "type")]
    pub kind: WebsiteKind,
}

/// Greenhouse's website types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WebsiteKind {
    /// A personal site.
    Personal,
    /// A company site.
    Company,
    /// A portfolio.
    Portfolio,
    /// A blog.
    Blog,
    /// Anything else.
    Other,
}

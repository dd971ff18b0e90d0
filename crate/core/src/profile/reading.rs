//! From a captured page to what "Send to Greenhouse" can do with it: send
//! the candidate as read, or show the review form first because something
//! Greenhouse requires is missing.
//!
//! The background runs this (`Request::ReadProfile`) on the snapshot the
//! content script takes at click time. Keeping the extraction rules here,
//! behind the message, keeps them out of the content module, which every
//! Purpose Jobs page loads and compiles; the background compiles them once
//! and keeps them warm between pages.

use serde::{Deserialize, Serialize};

use crate::contract::error_reply::Failure;
use crate::greenhouse::candidate::NewCandidate;
use crate::greenhouse::mapping::to_new_candidate;
use crate::page::wire::WireDoc;
use crate::page::Page;
use crate::profile::extract::{extract_profile, ParseError};
use crate::profile::{CandidateProfile, ProfileField};
use crate::sending::guard::clean_names;
use crate::sending::review::{problems, Problem, ReviewField, ReviewFields};

/// A snapshot the background reads once per start, before any real one
/// (`background::warm_up`): the `full` fixture's page with its Share menu
/// open, made-up data only. A started background has compiled none of its
/// reading code (browsers compile WebAssembly functions lazily, in a fast
/// baseline tier, on their first call); reading this at the first message
/// compiles it while the recruiter is still moving to the menu item, not at
/// the click. Kept equal to the fixture by `tests/fixtures.rs`
/// (`UPDATE_GOLDEN=1` writes it).
pub const WARM_UP_SNAPSHOT: &str = include_str!("warm_up.snapshot");
/// The URL [`WARM_UP_SNAPSHOT`] was taken at.
pub const WARM_UP_URL: &str = "https://app.purpose.jobs/candidates/1048576";

/// The longest page snapshot the background reads, in UTF-16 code units
/// (JavaScript's `length`, so the background can refuse a longer one before
/// copying it into WebAssembly memory, which never shrinks). Far above a
/// profile page (5 KB for the full fixture; the snapshot also stops at a
/// node limit, but not inside a long text), low enough that a page cannot
/// make the background hold hundreds of MB.
pub const MAX_SNAPSHOT_UNITS: usize = 2 * 1024 * 1024;

/// The candidate on screen, as read from a snapshot of the page. `C` is the
/// candidate: a [`NewCandidate`] where it is built (the background), and
/// the value as received where it is only passed back (the content script,
/// which returns it with `Request::SendProspect` without decoding it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reading", rename_all = "snake_case", deny_unknown_fields)]
pub enum ProfileReading<C = NewCandidate> {
    /// Everything Greenhouse requires is there.
    Ready {
        /// The candidate as it will be sent (destination applied at send).
        candidate: C,
        /// The same candidate as the review form shows it.
        fields: ReviewFields,
        /// Bidirectional controls or zero-width characters were removed
        /// from the name, title or company (the review form says so).
        #[serde(default)]
        removed_invisible: bool,
    },
    /// Something required is missing: nothing may be sent as is.
    Incomplete {
        /// What could be read, for the review form to complete.
        draft: C,
        /// The draft as the review form shows it.
        fields: ReviewFields,
        /// The page has no candidate name at all (an alert says so).
        no_name: bool,
        /// The page does not say which candidate it shows.
        no_candidate_id: bool,
        /// Bidirectional controls or zero-width characters were removed
        /// from the name, title or company (the review form says so).
        #[serde(default)]
        removed_invisible: bool,
    },
    /// The address names the next candidate while the page still shows the
    /// previous one (single-page navigation in progress).
    Stale,
    /// The page is not a candidate profile.
    NotAProfile,
}

/// Reads the candidate on the page a content script captured: `snapshot`
/// in the wire format (`core::page::wire`), served at `url`. Refuses a
/// snapshot over [`MAX_SNAPSHOT_UNITS`] as a bad message.
pub fn read_snapshot(snapshot: String, url: String) -> Result<ProfileReading, Failure> {
    if is_oversized(snapshot.len(), || snapshot.encode_utf16().count()) {
        return Err(Failure::bad_message());
    }
    Ok(read_profile(&WireDoc::parse(snapshot, url)))
}

/// Whether a snapshot of `utf8_len` bytes, whose length in UTF-16 units
/// `utf16_len` gives, is over [`MAX_SNAPSHOT_UNITS`]; counts the units
/// only when the bytes leave it open (a unit is 1 to 3 bytes).
fn is_oversized(utf8_len: usize, utf16_len: impl FnOnce() -> usize) -> bool {
    match utf8_len {
        n if n <= MAX_SNAPSHOT_UNITS => false,
        n if n > 3 * MAX_SNAPSHOT_UNITS => true,
        _ => utf16_len() > MAX_SNAPSHOT_UNITS,
    }
}

/// Reads the candidate on `page`.
pub fn read_profile<P: Page>(page: &P) -> ProfileReading {
    let (profile, missing_in_page) = match extract_profile(page) {
        Ok(profile) => (profile, Vec::new()),
        Err(ParseError::MissingRequired { missing, partial }) => (*partial, missing),
        Err(ParseError::StaleProfile { .. }) => return ProfileReading::Stale,
        Err(ParseError::NotAProfile { .. }) => return ProfileReading::NotAProfile,
    };
    reading_of(profile, &missing_in_page)
}

fn reading_of(profile: CandidateProfile, missing_in_page: &[ProfileField]) -> ProfileReading {
    let no_name =
        missing_in_page.contains(&ProfileField::Name) || profile.full_name.trim().is_empty();
    let no_candidate_id = missing_in_page.contains(&ProfileField::CandidateId)
        || profile.candidate_id.trim().is_empty();
    let (mut candidate, complete) = match to_new_candidate(&profile) {
        Ok(candidate) => (candidate, true),
        Err(missing) => (*missing.draft, false),
    };
    // A name that displays as something else (U+202E, zero-width joiners)
    // is neither sent nor shown.
    let removed_invisible = clean_names(&mut candidate);
    let complete = complete && !candidate.first_name.is_empty() && !candidate.last_name.is_empty();
    let fields = ReviewFields::of(&candidate);
    match complete && !no_name && !no_candidate_id {
        true => ProfileReading::Ready {
            candidate,
            fields,
            removed_invisible,
        },
        false => ProfileReading::Incomplete {
            draft: candidate,
            fields,
            no_name,
            no_candidate_id,
            removed_invisible,
        },
    }
}

impl<C> ProfileReading<C> {
    /// The same reading with its candidate replaced by `change(candidate)`
    /// (the background replies with a token in its place).
    pub fn map<D>(self, change: impl FnOnce(C) -> D) -> ProfileReading<D> {
        match self {
            ProfileReading::Ready {
                candidate,
                fields,
                removed_invisible,
            } => ProfileReading::Ready {
                candidate: change(candidate),
                fields,
                removed_invisible,
            },
            ProfileReading::Incomplete {
                draft,
                fields,
                no_name,
                no_candidate_id,
                removed_invisible,
            } => ProfileReading::Incomplete {
                draft: change(draft),
                fields,
                no_name,
                no_candidate_id,
                removed_invisible,
            },
            ProfileReading::Stale => ProfileReading::Stale,
            ProfileReading::NotAProfile => ProfileReading::NotAProfile,
        }
    }

    /// The candidate (or draft) of a readable page.
    pub fn candidate(&self) -> Option<&C> {
        match self {
            ProfileReading::Ready { candidate, .. } => Some(candidate),
            ProfileReading::Incomplete { draft, .. } => Some(draft),
            ProfileReading::Stale | ProfileReading::NotAProfile => None,
        }
    }
}

/// The required fields `fields` leaves empty, as the review form marks them.
pub fn required_gaps(fields: &ReviewFields) -> Vec<(ReviewField, Problem)> {
    problems(fields)
        .into_iter()
        .filter(|(_, problem)| *problem == Problem::Missing)
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::contract::error_reply::ErrorKind;

    fn profile(full_name: &str, candidate_id: &str) -> CandidateProfile {
        CandidateProfile {
            full_name: full_name.into(),
            candidate_id: candidate_id.into(),
            ..CandidateProfile::default()
        }
    }

    #[test]
    fn a_full_profile_is_ready_with_its_form_fields() {
        match reading_of(profile("Ada Lovelace", "48213"), &[]) {
            ProfileReading::Ready {
                candidate, fields, ..
            } => {
                assert_eq!(candidate.first_name, "Ada");
                assert_eq!(candidate.last_name, "Lovelace");
                assert_eq!(candidate.external_id, "48213");
                assert_eq!(fields, ReviewFields::of(&candidate));
            }
            other => panic!("expected ready, got {other:?}"),
        }
    }

    #[test]
    fn a_single_word_name_needs_the_review_form() {
        let reading = reading_of(profile("Prince", "48213"), &[]);
        match &reading {
            ProfileReading::Incomplete {
                fields,
                no_name,
                no_candidate_id,
                ..
            } => {
                assert_eq!(fields.first_name, "Prince");
                assert!(fields.last_name.is_empty());
                assert!(!no_name && !no_candidate_id);
                assert_eq!(
                    required_gaps(fields),
                    vec![(ReviewField::LastName, Problem::Missing)]
                );
            }
            other => panic!("expected incomplete, got {other:?}"),
        }
        match &reading {
            ProfileReading::Incomplete { fields, .. } => assert_eq!(fields.candidate_id, "48213"),
            other => panic!("expected incomplete, got {other:?}"),
        }
    }

    #[test]
    fn a_profile_without_name_or_id_says_which_is_missing() {
        match reading_of(profile("", "48213"), &[ProfileField::Name]) {
            ProfileReading::Incomplete {
                no_name,
                no_candidate_id,
                ..
            } => assert!(no_name && !no_candidate_id),
            other => panic!("expected incomplete, got {other:?}"),
        }
        let reading = reading_of(profile("Ada Lovelace", ""), &[ProfileField::CandidateId]);
        match &reading {
            ProfileReading::Incomplete {
                no_name,
                no_candidate_id,
                ..
            } => assert!(!no_name && *no_candidate_id),
            other => panic!("expected incomplete, got {other:?}"),
        }
        match &reading {
            ProfileReading::Incomplete { fields, .. } => assert!(fields.candidate_id.is_empty()),
            other => panic!("expected incomplete, got {other:?}"),
        }
    }

    #[test]
    fn names_that_display_as_something_else_are_cleaned_and_flagged() {
        let mut shown = profile("\u{202E}ecalevoL\u{202C} A\u{200B}da", "48213");
        shown.headline = Some("Engi\u{2066}neer\u{2069}".into());
        match reading_of(shown, &[]) {
            ProfileReading::Ready {
                candidate,
                fields,
                removed_invisible,
            } => {
                assert!(removed_invisible);
                assert_eq!(candidate.first_name, "ecalevoL");
                assert_eq!(candidate.last_name, "Ada");
                assert_eq!(fields.first_name, "ecalevoL");
                assert!(!format!("{candidate:?}").contains('\u{202E}'));
            }
            other => panic!("expected ready, got {other:?}"),
        }
        match reading_of(profile("Ada Lovelace", "48213"), &[]) {
            ProfileReading::Ready {
                removed_invisible, ..
            } => assert!(!removed_invisible),
            other => panic!("expected ready, got {other:?}"),
        }
    }

    #[test]
    fn an_oversized_snapshot_is_a_bad_message() {
        let url = "https://purpose.jobs/jobs".to_owned();
        let huge = " ".repeat(MAX_SNAPSHOT_UNITS + 1);
        let error = read_snapshot(huge, url.clone()).unwrap_err();
        assert_eq!(error.kind, ErrorKind::BadMessage);
        let at_limit = " ".repeat(MAX_SNAPSHOT_UNITS);
        assert_eq!(
            read_snapshot(at_limit, url.clone()).unwrap(),
            ProfileReading::NotAProfile
        );
        // Counted in UTF-16 units, as JavaScript does: "é" is 2 bytes, 1 unit.
        let accented = "é".repeat(MAX_SNAPSHOT_UNITS);
        assert!(read_snapshot(accented.clone(), url.clone()).is_ok());
        let error = read_snapshot(accented + "é", url).unwrap_err();
        assert_eq!(error.kind, ErrorKind::BadMessage);
    }

    #[test]
    fn the_reply_names_its_kind_and_round_trips() {
        let reading = reading_of(profile("Prince", "48213"), &[]);
        let json = serde_json::to_value(&reading).unwrap();
        assert_eq!(json["reading"], "incomplete");
        assert_eq!(json["fields"]["first_name"], "Prince");
        let back: ProfileReading = serde_json::from_value(json).unwrap();
        assert_eq!(back, reading);
        let other = serde_json::to_value(ProfileReading::<NewCandidate>::NotAProfile).unwrap();
        assert_eq!(other, serde_json::json!({"reading": "not_a_profile"}));
    }
}

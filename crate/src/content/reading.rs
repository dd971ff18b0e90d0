//! Reading the page for the in-page UI, through the pure extractor
//! (`core::extract`, `core::mapping`, `core::share_menu`) over the web-sys
//! page adapter (`dom_page`): is this a profile, which candidate, where is
//! the Share menu, and the candidate to send, read at the moment it is
//! needed from the current DOM.
//!
//! This module never interprets the page itself: every rule about what a
//! profile or a Share menu looks like lives in the core.

use web_sys::{Element, Node};

use crate::core::extract::{candidate_id_from_url, extract_profile, ParseError};
use crate::core::greenhouse::candidate::NewCandidate;
use crate::core::mapping::to_new_candidate;
use crate::core::page::Page;
use crate::core::profile::{CandidateProfile, ProfileField};
use crate::core::review::{Problem, ReviewField};
use crate::core::share_menu::recognise_share_menu;
use crate::dom_page::DomPage;
use crate::perf;

/// The candidate on screen, read now.
#[derive(Debug, Clone)]
pub enum Reading {
    /// Everything Greenhouse requires is there.
    Ready {
        /// The candidate as it will be sent (destination applied by the
        /// background).
        candidate: NewCandidate,
    },
    /// Something required is missing: nothing may be sent as is.
    Incomplete {
        /// What could be read, to fill the review form with.
        draft: NewCandidate,
        /// The fields that are missing.
        missing: Vec<(ReviewField, Problem)>,
        /// The page has no candidate name at all (an alert says so).
        no_name: bool,
        /// The page does not say which candidate it shows.
        no_candidate_id: bool,
    },
    /// The address names the next candidate while the page still shows
    /// the previous one (single-page navigation in progress).
    Stale,
    /// The page is not a candidate profile.
    NotAProfile,
}

/// Reads the candidate on screen from the current DOM.
pub fn read_candidate() -> Reading {
    let page = match DomPage::current() {
        Some(page) => page,
        None => return Reading::NotAProfile,
    };
    perf::mark(perf::EXTRACT_START);
    let extracted = extract_profile(&page);
    perf::measure(perf::EXTRACT, perf::EXTRACT_START);
    let (profile, missing_in_page) = match extracted {
        Ok(profile) => (profile, Vec::new()),
        Err(ParseError::MissingRequired { missing, partial }) => (*partial, missing),
        Err(ParseError::StaleProfile { .. }) => return Reading::Stale,
        Err(ParseError::NotAProfile { .. }) => return Reading::NotAProfile,
    };
    to_reading(profile, &missing_in_page)
}

fn to_reading(profile: CandidateProfile, missing_in_page: &[ProfileField]) -> Reading {
    let no_name =
        missing_in_page.contains(&ProfileField::Name) || profile.full_name.trim().is_empty();
    let no_candidate_id = missing_in_page.contains(&ProfileField::CandidateId)
        || profile.candidate_id.trim().is_empty();
    match to_new_candidate(&profile) {
        Ok(candidate) if !no_name && !no_candidate_id => Reading::Ready { candidate },
        Ok(candidate) => Reading::Incomplete {
            missing: required_gaps(&candidate),
            draft: candidate,
            no_name,
            no_candidate_id,
        },
        Err(missing) => {
            let draft = *missing.draft;
            Reading::Incomplete {
                missing: required_gaps(&draft),
                draft,
                no_name,
                no_candidate_id,
            }
        }
    }
}

/// The required fields `draft` leaves empty, as the review form marks them.
fn required_gaps(draft: &NewCandidate) -> Vec<(ReviewField, Problem)> {
    crate::core::review::problems(&crate::core::review::ReviewFields::of(draft))
        .into_iter()
        .filter(|(_, problem)| *problem == Problem::Missing)
        .collect()
}

/// The Purpose Jobs candidate id the address names, if any (cheap: no DOM).
pub fn candidate_id_in(url: &str) -> Option<String> {
    candidate_id_from_url(url)
}

/// A profile's Share menu that just appeared.
#[derive(Debug, Clone)]
pub struct OpenedMenu {
    /// The element holding the menu's items.
    pub container: Element,
    /// The element of one of the menu's own items that carries its action
    /// (the item itself, or e.g. the `button` inside an `li`).
    pub template: Element,
    /// The Purpose Jobs id of the candidate the menu is for (empty when
    /// the page does not say).
    pub candidate_id: String,
}

/// The profile's Share menu in `added` (an element the page just
/// inserted), if `added` is or holds one, the page is a candidate profile,
/// and the menu has no Greenhouse item yet.
///
/// Cheap when the address names a candidate: only `added` is read. When it
/// does not (a profile card on another page), the whole page is read once,
/// and only because a Share menu just opened.
pub fn opened_menu(added: &Element) -> Option<OpenedMenu> {
    let page = DomPage::current()?;
    let node: Node = added.clone().into();
    let menu = recognise_share_menu(&page, &node.into())?;
    if menu.shape.has_greenhouse_item {
        return None;
    }
    let candidate_id = match candidate_id_from_url(&page.url()) {
        Some(id) => id,
        None => match extract_profile(&page) {
            Ok(profile) => profile.candidate_id,
            Err(ParseError::MissingRequired { partial, .. }) => partial.candidate_id,
            Err(ParseError::StaleProfile { url_id, .. }) => url_id,
            Err(ParseError::NotAProfile { .. }) => return None,
        },
    };
    Some(OpenedMenu {
        container: menu.container.element()?,
        template: menu.template_action.element()?,
        candidate_id,
    })
}

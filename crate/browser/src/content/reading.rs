//! Reading the page for the in-page UI: is this a profile, which
//! candidate, where is the Share menu, and the candidate to send, read at
//! the moment it is needed from the current DOM.
//!
//! This module never interprets the page itself. The Share menu rules run
//! here, over the web-sys page adapter (`dom_page`), because a menu must
//! get its item the moment it opens. The profile rules (`core::extract`,
//! `core::mapping`) run in the background on a snapshot taken at click time
//! (`Request::ReadProfile`): they are most of the extension's code, and the
//! content module is compiled on every Purpose Jobs page.

use wasm_bindgen::JsValue;
use web_sys::{Element, Node};

use super::wire::{self, JsReply, WireError};
use crate::core::contract::error_reply::ErrorReply;
use crate::core::contract::reply::SendOutcome;
use crate::core::page::Page;
use crate::core::profile::identity::candidate_id_from_url;
use crate::core::profile::reading::{required_gaps, ProfileReading};
use crate::core::profile::share_menu::recognise_share_menu;
use crate::core::sending::review::{Problem, ReviewField, ReviewFields};
use crate::dom_page::DomPage;
use crate::perf;

/// The candidate on screen, as the background read it.
#[derive(Debug, Clone)]
pub enum Reading {
    /// Everything Greenhouse requires is there.
    Ready(Candidate),
    /// Something required is missing: the review form must complete it.
    Incomplete {
        /// What could be read.
        draft: Candidate,
        /// The required fields the draft leaves empty, as the form marks
        /// them.
        missing: Vec<(ReviewField, Problem)>,
        /// The page has no candidate name at all (an alert says so).
        no_name: bool,
        /// The page does not say which candidate it shows.
        no_candidate_id: bool,
    },
    /// Nothing to send or review, and why.
    Unreadable(Unreadable),
}

/// Why the candidate on screen cannot be read.
#[derive(Debug, Clone)]
pub enum Unreadable {
    /// The address names the next candidate while the page still shows
    /// the previous one (single-page navigation in progress).
    Stale,
    /// The page is not a candidate profile.
    NotAProfile,
    /// The background refused or did not answer.
    NoAnswer(WireError),
}

impl From<Result<ProfileReading<JsReply>, WireError>> for Reading {
    fn from(reply: Result<ProfileReading<JsReply>, WireError>) -> Reading {
        match reply {
            Ok(ProfileReading::Ready {
                candidate,
                fields,
                removed_invisible,
            }) => Reading::Ready(Candidate {
                value: candidate.0,
                fields,
                removed_invisible,
            }),
            Ok(ProfileReading::Incomplete {
                draft,
                fields,
                no_name,
                no_candidate_id,
                removed_invisible,
            }) => Reading::Incomplete {
                missing: required_gaps(&fields),
                draft: Candidate {
                    value: draft.0,
                    fields,
                    removed_invisible,
                },
                no_name,
                no_candidate_id,
            },
            Ok(ProfileReading::Stale) => Reading::Unreadable(Unreadable::Stale),
            Ok(ProfileReading::NotAProfile) => Reading::Unreadable(Unreadable::NotAProfile),
            Err(error) => Reading::Unreadable(Unreadable::NoAnswer(error)),
        }
    }
}

/// The candidate as the background read it: the background's handle on it
/// to send back as is, and the same candidate as the review form shows it
/// (after a review, the values the recruiter typed, applied by the
/// background at send).
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The background's handle on the candidate it read (`{"token": …}`,
    /// `core::sending::readings::ReadingToken`), never decoded here: the
    /// background sends only what it read itself.
    pub value: JsValue,
    /// Its review form values.
    pub fields: ReviewFields,
    /// Whether the background removed bidirectional controls or zero-width
    /// characters from the name or title (the form says so).
    pub removed_invisible: bool,
}

impl Candidate {
    /// The Purpose Jobs candidate id, as the form shows it.
    pub fn id(&self) -> String {
        self.fields.candidate_id.trim().to_owned()
    }

    /// The name to show ("Ada Lovelace").
    pub fn name(&self) -> String {
        format!(
            "{} {}",
            self.fields.first_name.trim(),
            self.fields.last_name.trim()
        )
        .trim()
        .to_owned()
    }
}

/// Reads the candidate on screen: a snapshot of the current DOM, read by
/// the background.
pub async fn read_candidate() -> Reading {
    let Some((snapshot, url)) = snapshot_now() else {
        return Reading::Unreadable(Unreadable::NotAProfile);
    };
    let reply = wire::ask_reading(snapshot, &url).await;
    perf::measure(perf::EXTRACT, perf::EXTRACT_START);
    reply.into()
}

/// Reads the candidate on screen and, when it is ready, has the background
/// send it in the same message (`Request::SendProfile`): the reading and,
/// for a ready one, the send's outcome or why it was refused.
pub async fn read_and_send() -> (Reading, Option<Result<SendOutcome, ErrorReply>>) {
    let Some((snapshot, url)) = snapshot_now() else {
        return (Reading::Unreadable(Unreadable::NotAProfile), None);
    };
    let reply = wire::ask_send_profile(snapshot, &url).await;
    perf::measure(perf::EXTRACT, perf::EXTRACT_START);
    match reply {
        Ok((reading, sent)) => (Ok(reading).into(), sent),
        Err(error) => (Err(error).into(), None),
    }
}

/// A snapshot of the current DOM and its address, kept for the page report.
fn snapshot_now() -> Option<(JsValue, String)> {
    let page = DomPage::current()?;
    perf::mark(perf::EXTRACT_START);
    let snapshot = page.snapshot_text();
    let url = page.url();
    LAST_SNAPSHOT.with(|last| *last.borrow_mut() = Some((snapshot.clone(), url.clone())));
    Some((snapshot, url))
}

thread_local! {
    /// The snapshot last read (and its address): the page report is made
    /// from the same snapshot the recruiter's reading came from.
    static LAST_SNAPSHOT: std::cell::RefCell<Option<(JsValue, String)>> =
        const { std::cell::RefCell::new(None) };
}

/// The page report of the snapshot last read (`Request::ReportPage`; the
/// background makes it, nothing leaves the browser): `None` when nothing
/// was read yet or the background cannot make one.
pub async fn last_report() -> Option<String> {
    let (snapshot, url) = LAST_SNAPSHOT.with(|last| last.borrow().clone())?;
    wire::ask_report(snapshot, &url).await
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
    /// The Purpose Jobs id of the candidate the menu is for, when the
    /// address names one; `None` when only the page can say (a profile
    /// card on another page: see [`candidate_of_page`]).
    pub candidate_id: Option<String>,
}

/// The Share menu in `added` (an element the page just inserted), if
/// `added` is or holds one and the menu has no Greenhouse item yet. Cheap:
/// only `added` is read.
pub fn opened_menu(added: &Element) -> Option<OpenedMenu> {
    let page = DomPage::current()?;
    let node: Node = added.clone().into();
    let menu = recognise_share_menu(&page, &node.into())?;
    if menu.shape.has_greenhouse_item {
        return None;
    }
    Some(OpenedMenu {
        container: menu.container.element()?,
        template: menu.template_action.element()?,
        candidate_id: candidate_id_from_url(&page.url()),
    })
}

/// The candidate the page shows when its address does not say: `None`
/// when the page is not a candidate profile (its Share menu gets no item)
/// or cannot be read now; `Some("")` for a profile without an id.
pub async fn candidate_of_page() -> Option<String> {
    match read_candidate().await {
        Reading::Ready(candidate)
        | Reading::Incomplete {
            draft: candidate, ..
        } => Some(candidate.fields.candidate_id),
        Reading::Unreadable(_) => None,
    }
}

//! The profile extractor: [`extract_profile`] reads a [`CandidateProfile`]
//! from any [`Page`].
//!
//! Robust by construction: it never looks at class names or ids. It finds
//! fields by their visible labels (see `labels`), by link targets (`mailto:`,
//! known social hosts, documents), by `aria-label`s and roles, and by
//! structure (`dt`/`dd`, `th`/`td`, a label followed by its value, a heading
//! followed by its list). The page is walked once into a [`Tree`]; all the
//! rest is plain Rust over that snapshot.
//!
//! Errors are kept for "this is not a candidate profile", for missing
//! required data (name, candidate id) and for a profile that does not match
//! its URL (stale after navigation). Everything else gives a partial profile
//! plus [`Warning`]s; nothing here panics on any page.

mod fields;
mod label_hits;
mod labels;
mod links;
mod root;
mod text;

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::page::case::fold;
use crate::page::url::{host, host_is, is_web_url, percent_decode, resolve_url};
use crate::page::{is_phrasing, NodeId, Page, Tree};
use crate::profile::email::is_email_address;
use crate::profile::links::{classify_link, is_document_url};
use crate::profile::{CandidateProfile, ProfileField, ProfileLink, Warning};

use crate::profile::identity;
pub use crate::profile::identity::{candidate_id_from_url, is_candidate_id};
/// A heading that names a section ("Skills", "Search results"), never a
/// person: the page report keeps it on a list of people.
pub(crate) use labels::is_generic_heading as is_section_heading;

/// Whether a short text is one of the words the extractor reads as a field's
/// label ("Top skills", "Salary range", "PRONOUNS:"), in any element: the
/// page report keeps them in `div`s and `span`s too.
pub(crate) fn is_label_text(text: &str) -> bool {
    classify_label(text).is_some()
}
use labels::{classify_label, is_generic_heading, Label, MAX_LABEL_CHARS};
use text::{
    as_pronouns, is_list_control, is_status_phrase, limit_field, limit_item, split_headline,
    split_list, MAX_ITEMS,
};

/// Why a page gave no profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ParseError {
    /// The page is not a candidate profile: a job page, search results with
    /// no candidate selected, settings, or a page with no profile on it.
    NotAProfile {
        /// What gave it away.
        reason: NotAProfileReason,
    },
    /// The page is a candidate profile but its name or candidate id cannot
    /// be read. `partial` holds everything that was read, for a form the
    /// user can complete.
    MissingRequired {
        /// The fields that could not be read.
        missing: Vec<ProfileField>,
        /// The rest of the profile.
        partial: Box<CandidateProfile>,
    },
    /// The URL names one candidate while the page's own candidate link names
    /// another: the page is between two candidates (navigation without a page
    /// load) and what it shows may be the previous one. Nothing is read;
    /// try again once the page has settled.
    StaleProfile {
        /// The candidate id in the URL.
        url_id: String,
        /// The candidate id in the page's "Copy Candidate Link".
        page_id: String,
    },
}

/// What showed that a page is not a candidate profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotAProfileReason {
    /// The URL is a section that never shows one profile (`/jobs/...`,
    /// `/settings/...`, `/search` without `candidate=`, `/candidates`).
    NonProfileUrl,
    /// The URL names no candidate and the page shows no profile.
    NoProfileContent,
}

impl ParseError {
    /// A stable machine-readable kind, for JavaScript to branch on.
    pub fn kind(&self) -> &'static str {
        match self {
            ParseError::NotAProfile { .. } => "not_a_profile",
            ParseError::MissingRequired { .. } => "missing_required",
            ParseError::StaleProfile { .. } => "stale_profile",
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::NotAProfile { .. } => write!(f, "This page is not a candidate profile."),
            ParseError::MissingRequired { missing, .. } => {
                let names: Vec<&str> = missing
                    .iter()
                    .map(|m| match m {
                        ProfileField::Name => "the candidate's name",
                        ProfileField::CandidateId => "the candidate id",
                        _ => "a required field",
                    })
                    .collect();
                write!(f, "Could not read {} on this profile.", names.join(" and "))
            }
            ParseError::StaleProfile { .. } => {
                write!(
                    f,
                    "The profile is still changing to another candidate; try again in a moment."
                )
            }
        }
    }
}

impl std::error::Error for ParseError {}

/// Reads the candidate profile shown on `page`, walking it once.
pub fn extract_profile<P: Page>(page: &P) -> Result<CandidateProfile, ParseError> {
    extract_from_tree(&Tree::capture_page(page))
}

/// True when `page` shows a candidate profile (even one whose name or id is
/// missing): the pages that get the "Send to Greenhouse" menu item.
pub fn is_candidate_profile<P: Page>(page: &P) -> bool {
    !matches!(extract_profile(page), Err(ParseError::NotAProfile { .. }))
}

/// Reads the profile from a snapshot already taken.
pub fn extract_from_tree<N>(tree: &Tree<N>) -> Result<CandidateProfile, ParseError> {
    Reader::new(tree).read()
}

/// A label found on the page.
#[derive(Debug, Clone)]
struct LabelHit {
    node: NodeId,
    label: Label,
    /// The label's own text (for link kinds).
    text: String,
    /// The value when it sits in the same text ("Salary: $100k").
    inline: Option<String>,
    /// The value is the labelled element's content (`aria-label`).
    inside: bool,
}

/// Where a label's value is.
enum Region {
    Nodes(Vec<NodeId>),
    Text(String),
}

const RELAY_EMAIL_BIT: u32 = 1 << 20;
const EXCLUDED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "menu",
    "menubar",
    "listbox",
    "tooltip",
    "status",
    "alert",
    "search",
    "tablist",
];
const INTERACTIVE_ROLES: &[&str] = &[
    "button", "link", "tab", "menuitem", "option", "switch", "checkbox",
];
const MAX_INLINE_LABELLED_CHARS: usize = 400;

struct Reader<'t, N> {
    tree: &'t Tree<N>,
    /// Inside navigation, banners, footers, menus and the like.
    excluded: Vec<bool>,
    /// Inside a link, button or other control.
    interactive: Vec<bool>,
    /// Inside a `dd` or `td`: a value, never a label.
    value_cell: Vec<bool>,
    /// The subtree holds non-whitespace text.
    visible: Vec<bool>,
    hits: Vec<LabelHit>,
    warnings: Vec<Warning>,
}

impl<'t, N> Reader<'t, N> {
    fn new(tree: &'t Tree<N>) -> Self {
        let n = tree.nodes.len();
        let mut excluded = vec![false; n];
        let mut interactive = vec![false; n];
        let mut value_cell = vec![false; n];
        let mut sectioned = vec![false; n];
        for id in 0..n {
            let (pe, pi, pv, ps) = match tree.nodes[id].parent {
                Some(p) => (excluded[p], interactive[p], value_cell[p], sectioned[p]),
                None => (false, false, false, false),
            };
            let tag = tree.tag(id);
            let role = tree.role(id);
            // header/footer are the page's banner/contentinfo unless inside
            // sectioning content (HTML-AAM).
            let landmark = matches!(tag, "header" | "footer") && !ps && role.is_empty();
            excluded[id] = pe || tag == "nav" || landmark || EXCLUDED_ROLES.contains(&role);
            interactive[id] = pi
                || matches!(tag, "a" | "button" | "option" | "summary")
                || INTERACTIVE_ROLES.contains(&role);
            value_cell[id] = pv || matches!(tag, "dd" | "td");
            sectioned[id] = ps || matches!(tag, "article" | "aside" | "main" | "nav" | "section");
        }
        let mut visible: Vec<bool> = tree
            .nodes
            .iter()
            .map(|node| node.tag.is_none() && !node.text.trim().is_empty())
            .collect();
        for id in (1..n).rev() {
            if let (true, Some(p)) = (visible[id], tree.nodes[id].parent) {
                visible[p] = true;
            }
        }
        Reader {
            tree,
            excluded,
            interactive,
            value_cell,
            visible,
            hits: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn read(mut self) -> Result<CandidateProfile, ParseError> {
        let tree = self.tree;
        let url = tree.url.clone();
        if tree.truncated {
            self.warnings.push(Warning::PageTooLarge {
                nodes_read: tree.nodes.len(),
            });
        }
        let url_id = candidate_id_from_url(&url);
        let copy_link = self.copy_link();
        let link_id = copy_link.as_ref().map(|(_, id)| id.clone());
        if let (Some(url_id), Some(page_id)) = (&url_id, &link_id) {
            if url_id != page_id {
                return Err(ParseError::StaleProfile {
                    url_id: url_id.clone(),
                    page_id: page_id.clone(),
                });
            }
        }
        if url_id.is_none() && link_id.is_none() && identity::is_non_profile_section(&url) {
            return Err(ParseError::NotAProfile {
                reason: NotAProfileReason::NonProfileUrl,
            });
        }
        if tree.nodes.is_empty() {
            return match url_id {
                Some(id) => {
                    Err(self.missing(vec![ProfileField::Name], id, CandidateProfile::default()))
                }
                None => Err(ParseError::NotAProfile {
                    reason: NotAProfileReason::NoProfileContent,
                }),
            };
        }

        self.find_labels();
        let (root, heading) = self.profile_root();
        let mut profile = CandidateProfile {
            profile_url: url.clone(),
            ..CandidateProfile::default()
        };
        if let Some(heading) = heading {
            self.read_name(heading, &mut profile);
        }
        let link_hints = self.read_labelled_fields(root, &mut profile);
        if let Some(heading) = heading {
            self.read_under_name(heading, root, &mut profile);
        }
        self.read_links(root, &link_hints, &mut profile);

        let candidate_id = match (url_id, link_id) {
            (Some(id), _) => Some(id),
            (None, Some(id)) => {
                // The page URL does not name the candidate; their link does.
                if let Some((link, _)) = copy_link {
                    profile.profile_url = link;
                }
                self.warnings.push(Warning::CandidateIdFromLink);
                Some(id)
            }
            (None, None) => None,
        };
        if candidate_id.is_none() && !self.looks_like_profile(root, &profile) {
            return Err(ParseError::NotAProfile {
                reason: NotAProfileReason::NoProfileContent,
            });
        }
        let mut missing = Vec::new();
        if profile.full_name.is_empty() {
            missing.push(ProfileField::Name);
        }
        match candidate_id {
            Some(id) if missing.is_empty() => {
                profile.candidate_id = id;
                profile.warnings = self.warnings;
                Ok(profile)
            }
            Some(id) => Err(self.missing(missing, id, profile)),
            None => {
                missing.push(ProfileField::CandidateId);
                Err(self.missing(missing, String::new(), profile))
            }
        }
    }

    fn missing(
        &mut self,
        missing: Vec<ProfileField>,
        id: String,
        mut profile: CandidateProfile,
    ) -> ParseError {
        profile.candidate_id = id;
        profile.profile_url = self.tree.url.clone();
        profile.warnings = std::mem::take(&mut self.warnings);
        ParseError::MissingRequired {
            missing,
            partial: Box::new(profile),
        }
    }

    /// Without a candidate id anywhere, a page counts as a profile only when
    /// it clearly shows one: a name and candidate-only fields.
    fn looks_like_profile(&self, root: NodeId, profile: &CandidateProfile) -> bool {
        let kinds = self
            .hits
            .iter()
            .filter(|h| self.tree.contains(root, h.node))
            .fold(0u32, |mask, h| mask | h.label.bit());
        let candidate_only = [
            profile.pronouns.is_some(),
            profile.relay_email.is_some(),
            profile.resume_url.is_some(),
            profile.job_search_status.is_some(),
            !profile.values.is_empty(),
            !profile.interests.is_empty(),
        ]
        .iter()
        .filter(|&&b| b)
        .count();
        !profile.full_name.is_empty() && kinds.count_ones() >= 3 && candidate_only >= 2
    }

    // ----- identity -------------------------------------------------------

    /// The candidate link behind an open "Copy Candidate Link" anchor
    /// (absolute URL and the id it names), looked for anywhere: the menu may
    /// be a portal.
    fn copy_link(&self) -> Option<(String, String)> {
        let tree = self.tree;
        (0..tree.nodes.len()).find_map(|id| {
            let href = tree.nodes[id].attrs.href.as_deref()?;
            // Cheap first: only a link to a candidate can be the candidate link.
            if !href.to_ascii_lowercase().contains("candidate") {
                return None;
            }
            let label = fold(&tree.accessible_label(id));
            match label.contains("copy") && label.contains("link") {
                true => {
                    let url = resolve_url(&tree.url, href)?;
                    candidate_id_from_url(&url).map(|id| (url, id))
                }
                false => None,
            }
        })
    }
}

fn is_heading<N>(tree: &Tree<N>, id: NodeId) -> bool {
    matches!(tree.tag(id), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") || tree.role(id) == "heading"
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
}

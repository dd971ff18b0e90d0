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

mod labels;
mod text;

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::page::case::fold;
use crate::page::url::{host, host_is, is_web_url, percent_decode, resolve_url};
use crate::page::{is_phrasing, NodeId, Page, Tree};
use crate::profile::links::{classify_link, is_document_url};
use crate::profile::{CandidateProfile, ProfileField, ProfileLink, Warning};

use crate::profile::identity;
pub use crate::profile::identity::{candidate_id_from_url, is_candidate_id};
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

    // ----- labels ---------------------------------------------------------

    fn find_labels(&mut self) {
        let tree = self.tree;
        let n = tree.nodes.len();
        let mut id = 0;
        while id < n {
            let node = &tree.nodes[id];
            let skip = node.tag.is_none()
                || self.excluded[id]
                || self.interactive[id]
                || self.value_cell[id]
                || !self.visible[id];
            if skip {
                id += 1;
                continue;
            }
            if let Some(hit) = self.label_at(id) {
                let end = match hit.inside {
                    true => id + 1,
                    false => node.end,
                };
                self.hits.push(hit);
                id = end;
                continue;
            }
            id += 1;
        }
    }

    fn label_at(&self, id: NodeId) -> Option<LabelHit> {
        let tree = self.tree;
        let node = &tree.nodes[id];
        let tag = tree.tag(id);
        if matches!(
            tag,
            "li" | "ul"
                | "ol"
                | "dl"
                | "table"
                | "tbody"
                | "thead"
                | "tr"
                | "body"
                | "html"
                | "main"
        ) {
            return None;
        }
        // A labelled container: <section aria-label="Skills">.
        if let Some(aria) = &node.attrs.aria_label {
            if let Some(label) = classify_label(aria) {
                if tree.element_children(id).next().is_some() {
                    return Some(LabelHit {
                        node: id,
                        label,
                        text: aria.clone(),
                        inline: None,
                        inside: true,
                    });
                }
            }
        }
        if node.text_chars > MAX_INLINE_LABELLED_CHARS {
            return None;
        }
        // A container of several texts is neither a label nor "Label: value"
        // unless it is one run of phrasing content: skip it without its text.
        let texty_children = tree
            .element_children(id)
            .filter(|&c| self.visible[c])
            .count();
        if texty_children > 1 && !self.is_leaf_block(id) {
            return None;
        }
        let text = tree.text(id);
        if text.chars().count() <= MAX_LABEL_CHARS {
            if let Some(label) = classify_label(&text) {
                if texty_children <= 1 {
                    return Some(LabelHit {
                        node: id,
                        label,
                        text,
                        inline: None,
                        inside: false,
                    });
                }
            }
        }
        // "Label: value" in one run of text.
        let (name, value) = text.split_once(':')?;
        let value = value.trim();
        match (classify_label(name), value.is_empty()) {
            (Some(label), false) if self.is_leaf_block(id) => Some(LabelHit {
                node: id,
                label,
                text: name.trim().to_string(),
                inline: Some(value.to_string()),
                inside: false,
            }),
            _ => None,
        }
    }

    /// An element holding phrasing content only (no blocks inside).
    fn is_leaf_block(&self, id: NodeId) -> bool {
        let tree = self.tree;
        (id + 1..tree.nodes[id].end).all(|k| tree.nodes[k].tag.as_deref().is_none_or(is_phrasing))
    }

    // Hits are found in document order, so they are sorted by node.
    fn hit_at(&self, id: NodeId) -> Option<&LabelHit> {
        let i = self.hits.partition_point(|h| h.node < id);
        self.hits.get(i).filter(|h| h.node == id)
    }

    fn holds_label(&self, id: NodeId) -> bool {
        let i = self.hits.partition_point(|h| h.node < id);
        self.hits
            .get(i)
            .is_some_and(|h| self.tree.contains(id, h.node))
    }

    // ----- profile root and name -------------------------------------------

    /// The element holding the profile, and the heading with the name.
    fn profile_root(&self) -> (NodeId, Option<NodeId>) {
        let tree = self.tree;
        let n = tree.nodes.len();
        let mut mask = vec![0u32; n];
        for hit in &self.hits {
            mask[hit.node] |= hit.label.bit();
        }
        for (id, node) in tree.nodes.iter().enumerate() {
            let is_mailto = node
                .attrs
                .href
                .as_deref()
                .is_some_and(|h| h.trim().to_ascii_lowercase().starts_with("mailto:"));
            if is_mailto && !self.excluded[id] {
                mask[id] |= RELAY_EMAIL_BIT;
            }
        }
        for id in (1..n).rev() {
            if let Some(p) = tree.nodes[id].parent {
                mask[p] |= mask[id];
            }
        }
        let best = mask[0].count_ones();
        let fields_root = match best {
            0 => None,
            _ => (0..n)
                .filter(|&id| {
                    mask[id].count_ones() == best
                        && tree
                            .element_children(id)
                            .all(|c| mask[c].count_ones() < best)
                })
                .max_by_key(|&id| {
                    let hits = self
                        .hits
                        .iter()
                        .filter(|h| tree.contains(id, h.node))
                        .count();
                    (hits, std::cmp::Reverse(id))
                }),
        };
        let start = fields_root.unwrap_or_else(|| {
            (0..n)
                .find(|&id| {
                    (tree.tag(id) == "main" || tree.role(id) == "main") && !self.excluded[id]
                })
                .unwrap_or(0)
        });
        let headings: Vec<(NodeId, u8)> = (0..n)
            .filter_map(|id| self.name_heading_level(id).map(|l| (id, l)))
            .collect();
        let root = std::iter::once(start)
            .chain(tree.ancestors(start))
            .find(|&a| headings.iter().any(|&(h, _)| tree.contains(a, h)))
            .unwrap_or(start);
        let heading = headings
            .iter()
            .filter(|&&(h, _)| tree.contains(root, h))
            .min_by_key(|&&(h, level)| (level, h))
            .map(|&(h, _)| h);
        (root, heading)
    }

    /// The level of a heading that may hold a person's name.
    fn name_heading_level(&self, id: NodeId) -> Option<u8> {
        let tree = self.tree;
        let tag = tree.tag(id);
        let level = match tag.as_bytes() {
            [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
            _ if tree.role(id) == "heading" => Some(
                tree.nodes[id]
                    .attrs
                    .aria_level
                    .as_deref()
                    .and_then(|l| l.trim().parse::<u8>().ok())
                    .unwrap_or(2)
                    .clamp(1, 6),
            ),
            _ => None,
        }?;
        if self.excluded[id]
            || !self.visible[id]
            || self.hit_at(id).is_some()
            || tree.nodes[id].text_chars > 400
        {
            return None;
        }
        let text = tree.text(id);
        match text.chars().count() <= 150
            && text.chars().any(char::is_alphabetic)
            && !is_generic_heading(&text)
        {
            true => Some(level),
            false => None,
        }
    }

    /// The name from its heading, with pronouns shown inside it split off.
    fn read_name(&mut self, heading: NodeId, profile: &mut CandidateProfile) {
        let tree = self.tree;
        let pronoun_child = (heading + 1..tree.nodes[heading].end)
            .filter(|&k| tree.is_element(k) && self.visible[k])
            .find(|&k| as_pronouns(&tree.text(k)).is_some());
        let name = match pronoun_child {
            Some(child) => {
                profile.pronouns = as_pronouns(&tree.text(child));
                tree.text_without(heading, child)
            }
            None => {
                let text = tree.text(heading);
                // "Jane Doe (she/her)" as one text.
                match text.rfind('(').map(|i| text.split_at(i)) {
                    Some((name, tail))
                        if as_pronouns(tail).is_some() && !name.trim().is_empty() =>
                    {
                        profile.pronouns = as_pronouns(tail);
                        name.trim().to_string()
                    }
                    _ => text,
                }
            }
        };
        profile.full_name = limit_field(ProfileField::Name, name, &mut self.warnings);
    }

    /// Unlabelled lines right under the name: pronouns, a status badge and
    /// the headline ("Title at Company").
    fn read_under_name(&mut self, heading: NodeId, root: NodeId, profile: &mut CandidateProfile) {
        let tree = self.tree;
        let end = tree.nodes[root].end;
        let mut k = tree.nodes[heading].end;
        let mut seen = 0;
        while k < end && seen < 4 {
            let node = &tree.nodes[k];
            if node.tag.is_none() || !self.visible[k] {
                k += 1;
                continue;
            }
            if self.excluded[k] {
                k = node.end;
                continue;
            }
            if self.interactive[k] || self.holds_label(k) {
                break;
            }
            if !self.is_leaf_block(k) {
                k += 1;
                continue;
            }
            let text = tree.text(k);
            seen += 1;
            k = node.end;
            if let (None, Some(pronouns)) = (&profile.pronouns, as_pronouns(&text)) {
                profile.pronouns = Some(pronouns);
                continue;
            }
            if is_status_phrase(&text) {
                if profile.job_search_status.is_none() {
                    profile.job_search_status = Some(text);
                }
                continue;
            }
            let initials = text.chars().count() <= 3 && text.chars().all(|c| c.is_uppercase());
            if initials || text.chars().count() > 200 {
                continue;
            }
            if let (None, Some((title, company))) = (&profile.title, split_headline(&text)) {
                if profile.company.is_none() {
                    profile.title = Some(title);
                    profile.company = Some(company);
                }
            }
            profile.headline = Some(limit_field(
                ProfileField::Headline,
                text,
                &mut self.warnings,
            ));
            break;
        }
    }

    // ----- labelled fields --------------------------------------------------

    /// Reads every labelled field inside `root`; returns the link hints
    /// (link element → the label of the row it sits in).
    fn read_labelled_fields(
        &mut self,
        root: NodeId,
        profile: &mut CandidateProfile,
    ) -> Vec<(NodeId, Label, String)> {
        let tree = self.tree;
        let hits: Vec<LabelHit> = self
            .hits
            .iter()
            .filter(|h| tree.contains(root, h.node))
            .cloned()
            .collect();
        let mut link_hints = Vec::new();
        for hit in hits {
            let region = self.region(&hit);
            if hit.label.is_links() {
                if let Region::Nodes(nodes) = &region {
                    for &node in nodes {
                        for k in node..tree.nodes[node].end {
                            if tree.nodes[k].attrs.href.is_some() {
                                link_hints.push((k, hit.label, hit.text.clone()));
                            }
                        }
                    }
                }
                continue;
            }
            match hit.label {
                Label::Skills => {
                    self.set_list(ProfileField::Skills, &region, true, &mut profile.skills)
                }
                Label::Values => {
                    self.set_list(ProfileField::Values, &region, true, &mut profile.values)
                }
                Label::Interests => self.set_list(
                    ProfileField::Interests,
                    &region,
                    true,
                    &mut profile.interests,
                ),
                Label::Locations => self.set_list(
                    ProfileField::TargetLocations,
                    &region,
                    false,
                    &mut profile.target_locations,
                ),
                Label::Summary => {
                    let value = self.paragraphs(&region);
                    self.set(ProfileField::Summary, value, &mut profile.summary);
                }
                Label::Experience => {
                    let value = self.scalar(&region);
                    match (&mut profile.experience, value) {
                        (Some(old), Some(new)) if *old != new => {
                            // Years and level are both experience: keep both.
                            old.push_str("; ");
                            old.push_str(&new);
                        }
                        (slot, value) => {
                            if slot.is_none() {
                                *slot = value.map(|v| {
                                    limit_field(ProfileField::Experience, v, &mut self.warnings)
                                });
                            }
                        }
                    }
                }
                Label::Pronouns => {
                    let value = self.scalar(&region);
                    self.set(ProfileField::Pronouns, value, &mut profile.pronouns);
                }
                Label::Salary => {
                    let value = self.scalar(&region);
                    self.set(ProfileField::SalaryRange, value, &mut profile.salary_range);
                }
                Label::Status => {
                    let value = self.scalar(&region);
                    self.set(
                        ProfileField::JobSearchStatus,
                        value,
                        &mut profile.job_search_status,
                    );
                }
                Label::Title => {
                    let value = self.scalar(&region);
                    self.set(ProfileField::Title, value, &mut profile.title);
                }
                Label::Company => {
                    let value = self.scalar(&region);
                    self.set(ProfileField::Company, value, &mut profile.company);
                }
                Label::Headline => {
                    let value = self.scalar(&region);
                    self.set(ProfileField::Headline, value, &mut profile.headline);
                }
                Label::Resume | Label::Links | Label::Link(_) => {}
            }
        }
        link_hints
    }

    /// Where the value of a label is: the `dd`s after a `dt`, the `td` after
    /// a `th`, the elements after a label or heading up to the next label or
    /// heading, or the text after the label in its parent.
    fn region(&self, hit: &LabelHit) -> Region {
        let tree = self.tree;
        if let Some(text) = &hit.inline {
            return Region::Text(text.clone());
        }
        if hit.inside {
            return Region::Nodes(vec![hit.node]);
        }
        let siblings = tree.next_element_siblings(hit.node);
        let nodes: Vec<NodeId> = match tree.tag(hit.node) {
            "dt" => siblings
                .iter()
                .copied()
                .take_while(|&s| tree.tag(s) == "dd")
                .collect(),
            "th" => siblings
                .iter()
                .copied()
                .take(1)
                .filter(|&s| tree.tag(s) == "td")
                .collect(),
            _ => siblings
                .iter()
                .copied()
                .take_while(|&s| !self.holds_label(s) && !is_heading(tree, s))
                .filter(|&s| !self.excluded[s])
                .collect(),
        };
        if !nodes.is_empty() {
            return Region::Nodes(nodes);
        }
        // "<p><strong>Pronouns:</strong> they/them</p>".
        if let Some(parent) = tree.nodes[hit.node].parent {
            if tree.nodes[parent].text_chars <= MAX_INLINE_LABELLED_CHARS * 4 {
                let rest = tree.text_without(parent, hit.node);
                let rest = rest.trim_start_matches([':', '-', '–', '—', ' ']).trim();
                if !rest.is_empty() && tree.text(parent).starts_with(&hit.text) {
                    return Region::Text(rest.to_string());
                }
            }
        }
        Region::Nodes(Vec::new())
    }

    fn scalar(&self, region: &Region) -> Option<String> {
        let text = match region {
            Region::Text(text) => text.clone(),
            Region::Nodes(nodes) => nodes
                .iter()
                .map(|&n| self.tree.text(n))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("; "),
        };
        match text.is_empty() {
            true => None,
            false => Some(text),
        }
    }

    fn paragraphs(&self, region: &Region) -> Option<String> {
        let text = match region {
            Region::Text(text) => text.clone(),
            Region::Nodes(nodes) => self.items(nodes).join("\n\n"),
        };
        match text.is_empty() {
            true => None,
            false => Some(text),
        }
    }

    /// True when an element under `nodes` (or one of them) is a list item
    /// (`li`, `role="listitem"`).
    fn has_list_item(&self, nodes: &[NodeId]) -> bool {
        let tree = self.tree;
        nodes.iter().any(|&node| {
            (node..tree.nodes[node].end.max(node + 1)).any(|id| {
                self.visible[id]
                    && tree.is_element(id)
                    && (tree.tag(id) == "li" || tree.role(id) == "listitem")
            })
        })
    }

    /// The texts of the items under `nodes`: list items, chips, or
    /// paragraphs; a container with one text-bearing child is looked
    /// through. Iterative: pages may nest deeply.
    fn items(&self, nodes: &[NodeId]) -> Vec<String> {
        let tree = self.tree;
        let mut out = Vec::new();
        let mut stack: Vec<NodeId> = nodes.iter().rev().copied().collect();
        while let Some(id) = stack.pop() {
            if !self.visible[id] || self.excluded[id] || !tree.is_element(id) {
                continue;
            }
            let kids: Vec<NodeId> = tree
                .element_children(id)
                .filter(|&c| self.visible[c])
                .collect();
            let loose_text = tree.nodes[id]
                .children
                .iter()
                .any(|&c| !tree.is_element(c) && !tree.nodes[c].text.trim().is_empty());
            let phrasing_only = kids.iter().all(|&c| is_phrasing(tree.tag(c)));
            let is_item_box = matches!(tree.tag(id), "li" | "p" | "dd" | "td");
            let take_whole =
                loose_text || kids.is_empty() || (is_item_box && phrasing_only && kids.len() < 2);
            match take_whole {
                true => out.push(tree.text(id)),
                false => stack.extend(kids.iter().rev()),
            }
        }
        out.retain(|t| !t.is_empty());
        out
    }

    fn set_list(
        &mut self,
        field: ProfileField,
        region: &Region,
        commas: bool,
        slot: &mut Vec<String>,
    ) {
        let mut items = match region {
            Region::Text(text) => split_list(text, commas),
            Region::Nodes(nodes) => {
                let items = self.items(nodes);
                // One text is split on separators, unless the page marks it
                // up as a list item: then it is one item, as shown ("C;--").
                match items.len() == 1 && !self.has_list_item(nodes) {
                    true => split_list(&items[0], commas),
                    false => items,
                }
            }
        };
        items.retain(|item| !is_list_control(item));
        let mut kept: Vec<String> = Vec::new();
        for item in items {
            let item = limit_item(field, item, &mut self.warnings);
            if !kept.contains(&item) {
                kept.push(item);
            }
        }
        if kept.len() > MAX_ITEMS {
            kept.truncate(MAX_ITEMS);
            self.warnings.push(Warning::Truncated {
                field,
                kept_chars: MAX_ITEMS,
            });
        }
        match (slot.is_empty(), kept.is_empty()) {
            (_, true) => {}
            (true, false) => *slot = kept,
            (false, false) => {
                if *slot != kept {
                    self.warnings.push(Warning::DuplicateField {
                        field,
                        ignored: kept.join("; "),
                    });
                }
            }
        }
    }

    fn set(&mut self, field: ProfileField, value: Option<String>, slot: &mut Option<String>) {
        let Some(value) = value else { return };
        let value = limit_field(field, value, &mut self.warnings);
        match slot {
            None => *slot = Some(value),
            Some(old) if *old == value => {}
            Some(_) => self.warnings.push(Warning::DuplicateField {
                field,
                ignored: value,
            }),
        }
    }

    // ----- links -----------------------------------------------------------

    fn read_links(
        &mut self,
        root: NodeId,
        hints: &[(NodeId, Label, String)],
        profile: &mut CandidateProfile,
    ) {
        let tree = self.tree;
        let page_host = host(&tree.url).unwrap_or_default();
        for id in root..tree.nodes[root].end {
            let Some(href) = tree.nodes[id].attrs.href.as_deref() else {
                continue;
            };
            if self.excluded[id] {
                continue;
            }
            let href = href.trim();
            let hint = hints.iter().find(|(k, _, _)| *k == id);
            let lower = href.to_ascii_lowercase();
            if lower.starts_with("mailto:") {
                self.read_email(href, profile);
                continue;
            }
            if href.is_empty()
                || href.starts_with('#')
                || lower.starts_with("tel:")
                || lower.starts_with("sms:")
            {
                continue;
            }
            let absolute = resolve_url(&tree.url, href).filter(|u| is_web_url(u));
            let Some(absolute) = absolute else {
                if hint.is_some() {
                    self.warnings.push(Warning::UnusableLink {
                        href: href.to_string(),
                    });
                }
                continue;
            };
            let label = tree.accessible_label(id);
            let resume_word = words(&label).any(|w| {
                matches!(
                    w.as_str(),
                    "resume" | "résumé" | "resumé" | "cv" | "curriculum"
                )
            });
            let is_resume = matches!(hint, Some((_, Label::Resume, _)))
                || tree.nodes[id].attrs.download
                || is_document_url(&absolute)
                || resume_word;
            if is_resume {
                match &profile.resume_url {
                    None => profile.resume_url = Some(absolute),
                    Some(first) if *first == absolute => {}
                    Some(_) => self
                        .warnings
                        .push(Warning::SeveralResumes { ignored: absolute }),
                }
                continue;
            }
            let link_host = host(&absolute).unwrap_or_default();
            if link_host == page_host || host_is(&link_host, "purpose.jobs") {
                continue;
            }
            let context = match hint {
                Some((_, _, row)) => format!("{row} {label}"),
                None => label,
            };
            let kind = match (classify_link(&absolute, &context), hint) {
                (kind, _) if kind.is_social() => kind,
                (_, Some((_, Label::Link(kind), _))) => *kind,
                (kind, _) => kind,
            };
            if !profile.links.iter().any(|l| l.url == absolute) {
                profile.links.push(ProfileLink {
                    url: absolute,
                    kind,
                });
            }
        }
    }

    fn read_email(&mut self, href: &str, profile: &mut CandidateProfile) {
        let raw = &href[7..];
        let raw = raw.split('?').next().unwrap_or("");
        let decoded = percent_decode(raw);
        let address = decoded.split(',').next().unwrap_or("").trim().to_string();
        if !is_email(&address) {
            self.warnings.push(Warning::UnusableEmail {
                href: href.to_string(),
            });
            return;
        }
        match &profile.relay_email {
            None => profile.relay_email = Some(address),
            Some(first) if first.eq_ignore_ascii_case(&address) => {}
            Some(_) => self
                .warnings
                .push(Warning::SeveralEmails { ignored: address }),
        }
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

fn is_email(address: &str) -> bool {
    match address.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && address.chars().count() <= 254
                && !address
                    .chars()
                    .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '(' | ')' | ','))
        }
        None => false,
    }
}

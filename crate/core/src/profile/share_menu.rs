//! Recognising the candidate profile's Share menu, so the in-page adapter can
//! add "Send to Greenhouse" to it.
//!
//! The menu is rendered anew each time it opens: in a portal at the end of
//! `<body>` or inline in the button group, as `div`s, `ul`/`li` or buttons,
//! with `role="menu"`/`menuitem` or without. It is recognised by its items'
//! visible text ("Share with Team", "Copy Candidate Link", in tolerant
//! wording), never by class names. This module only recognises: it never
//! inserts anything, and it does not decide whether the page is a profile
//! (a job page has a Share menu too): [`find_profile_share_menu`] combines
//! both for the caller.

use serde::{Deserialize, Serialize};

use crate::page::case::fold;
use crate::page::{NodeId, Page, Tree};
use crate::profile::extract::is_candidate_profile;

/// How the menu's items are built (the tag of one item).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// `<li>` items of a `ul`/`ol`.
    Li,
    /// `<div>` items.
    Div,
    /// `<button>` items.
    Button,
    /// `<a>` items.
    Anchor,
    /// Anything else (`span`, custom elements).
    Other,
}

/// What the recognised menu looks like: plain data, for tests and logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareMenuShape {
    /// Tag of the container the items sit in.
    pub container_tag: String,
    /// Role of the container, if any.
    pub container_role: Option<String>,
    /// Tag of the items.
    pub item_kind: ItemKind,
    /// Role of the template item, if any (`"menuitem"`, `"none"`).
    pub item_role: Option<String>,
    /// Tag of the element inside the template item that carries the
    /// action (the item itself, or e.g. the `button` in an `li`).
    pub action_tag: String,
    /// Role of that element, if any.
    pub action_role: Option<String>,
    /// The visible text of every item, in order.
    pub items: Vec<String>,
    /// True when an item already mentions Greenhouse (the extension's own
    /// item is there: do not add a second one).
    pub has_greenhouse_item: bool,
    /// The accessible label of the Share up-arrow, when it was found.
    pub share_button_label: Option<String>,
}

/// A recognised Share menu, with handles into the page.
#[derive(Debug, Clone)]
pub struct ShareMenu<N> {
    /// The element to insert the new item into.
    pub container: N,
    /// The item whose structure and role the new item should copy (a direct
    /// child of `container`; not the "Copy Candidate Link" anchor when
    /// another item exists).
    pub template_item: N,
    /// The element inside `template_item` that carries the action (may be
    /// `template_item` itself).
    pub template_action: N,
    /// The last item: insert the new one after it.
    pub last_item: N,
    /// The Share button's up-arrow, when found (whole-page searches only).
    pub share_button: Option<N>,
    /// What the menu looks like.
    pub shape: ShareMenuShape,
}

/// Which known item a text names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KnownItem {
    ShareWithTeam,
    CopyLink,
}

fn known_item(text: &str) -> Option<KnownItem> {
    let lower = fold(text);
    if lower.chars().count() > 60 {
        return None;
    }
    let team = [
        "team",
        "teammate",
        "colleague",
        "coworker",
        "co-worker",
        "hiring manager",
    ];
    match () {
        _ if lower.contains("share") && team.iter().any(|w| lower.contains(w)) => {
            Some(KnownItem::ShareWithTeam)
        }
        _ if lower.contains("copy") && lower.contains("link") => Some(KnownItem::CopyLink),
        _ => None,
    }
}

/// The Share menu anywhere on the page, with the Share button. Does not
/// check that the page is a candidate profile.
pub fn find_share_menu<P: Page>(page: &P) -> Option<ShareMenu<P::Node>> {
    let tree = Tree::capture_page(page);
    let mut menu = recognise_in(&tree)?;
    if let Some(button) = share_button_in(&tree) {
        menu.shape.share_button_label = Some(tree.accessible_label(button));
        menu.share_button = Some(tree.nodes[button].handle.clone());
    }
    Some(menu)
}

/// The Share menu of a candidate profile page, `None` on any other page
/// (job pages have Share menus too).
pub fn find_profile_share_menu<P: Page>(page: &P) -> Option<ShareMenu<P::Node>> {
    match is_candidate_profile(page) {
        true => find_share_menu(page),
        false => None,
    }
}

/// Whether `element` (e.g. a node just added to the page) is or holds the
/// Share menu. Reads only that subtree, so `share_button` is `None`.
pub fn recognise_share_menu<P: Page>(page: &P, element: &P::Node) -> Option<ShareMenu<P::Node>> {
    recognise_in(&Tree::capture(page, element.clone()))
}

/// The Share button's up-arrow (the part that opens the menu), if any.
pub fn find_share_button<P: Page>(page: &P) -> Option<P::Node> {
    let tree = Tree::capture_page(page);
    share_button_in(&tree).map(|id| tree.nodes[id].handle.clone())
}

fn recognise_in<N: Clone>(tree: &Tree<N>) -> Option<ShareMenu<N>> {
    let (container, matched) = recognise_container(tree)?;
    describe(tree, container, &matched)
}

/// The items of the Share menu in `tree` (the element children of its
/// container), however they are marked up: empty when there is none. The
/// page report keeps their words as a menu's.
pub fn share_menu_items<N>(tree: &Tree<N>) -> Vec<NodeId> {
    match recognise_container(tree) {
        Some((container, _)) => tree.element_children(container).collect(),
        None => Vec::new(),
    }
}

/// The Share menu's container in `tree`, with the known items matched.
fn recognise_container<N>(tree: &Tree<N>) -> Option<(NodeId, Vec<(NodeId, KnownItem)>)> {
    let n = tree.nodes.len();
    // Innermost elements whose text names a known item.
    let matched: Vec<(NodeId, KnownItem)> = (0..n)
        .filter(|&id| tree.is_element(id) && tree.nodes[id].text_chars <= 200)
        .filter_map(|id| {
            let kind = known_item(&item_text(tree, id))?;
            let inner_match = tree
                .element_children(id)
                .any(|c| known_item(&item_text(tree, c)) == Some(kind));
            match inner_match {
                true => None,
                false => Some((id, kind)),
            }
        })
        .collect();
    let container = matched
        .iter()
        .find_map(|&(item, kind)| container_for(tree, item, kind, &matched))?;
    Some((container, matched))
}

/// Whether an element with this tag and role (ASCII lowercase) can be a
/// menu's container: a menu or list by role or by tag.
pub fn is_menu_like(tag: &str, role: &str) -> bool {
    matches!(role, "menu" | "listbox" | "menubar") || matches!(tag, "ul" | "ol" | "menu")
}

/// Whether an element added to `parent` may be an item of a menu that stays
/// in the page while its items come and go, so that `parent` is worth
/// reading: the parent is menu-like, or the child has an item's role.
pub fn may_be_item_of(parent_tag: &str, parent_role: &str, child_role: &str) -> bool {
    is_menu_like(parent_tag, parent_role)
        || matches!(
            child_role,
            "menuitem" | "menuitemradio" | "menuitemcheckbox" | "option"
        )
}

fn item_text<N>(tree: &Tree<N>, id: NodeId) -> String {
    let text = tree.text(id);
    match (text.is_empty(), &tree.nodes[id].attrs.aria_label) {
        (true, Some(label)) => label.clone(),
        _ => text,
    }
}

/// The menu element around a known item: the nearest ancestor that also
/// holds the other known item, or that is a menu or list.
fn container_for<N>(
    tree: &Tree<N>,
    item: NodeId,
    kind: KnownItem,
    matched: &[(NodeId, KnownItem)],
) -> Option<NodeId> {
    let container = tree.ancestors(item).take(6).find(|&a| {
        let holds_other = matched
            .iter()
            .any(|&(m, k)| k != kind && tree.contains(a, m));
        holds_other || is_menu_like(tree.tag(a), tree.role(a))
    })?;
    let items = tree.element_children(container).count();
    match (1..=15).contains(&items) && tree.nodes[container].text_chars <= 600 {
        true => Some(container),
        false => None,
    }
}

fn describe<N: Clone>(
    tree: &Tree<N>,
    container: NodeId,
    matched: &[(NodeId, KnownItem)],
) -> Option<ShareMenu<N>> {
    let items: Vec<NodeId> = tree.element_children(container).collect();
    let item_of = |m: NodeId| items.iter().copied().find(|&i| tree.contains(i, m));
    let known: Vec<NodeId> = matched.iter().filter_map(|&(m, _)| item_of(m)).collect();
    let template = known
        .iter()
        .copied()
        .find(|&i| tree.tag(i) != "a" && tree.nodes[i].attrs.href.is_none())
        .or_else(|| known.first().copied())?;
    let action = (template..tree.nodes[template].end)
        .find(|&k| {
            tree.is_element(k)
                && (matches!(tree.tag(k), "button" | "a")
                    || matches!(tree.role(k), "menuitem" | "button" | "option"))
        })
        .unwrap_or(template);
    let last = items.last().copied()?;
    let texts: Vec<String> = items
        .iter()
        .map(|&i| item_text(tree, i))
        .filter(|t| !t.is_empty())
        .collect();
    let role = |id: NodeId| match tree.role(id) {
        "" => None,
        role => Some(role.to_string()),
    };
    let item_kind = match tree.tag(template) {
        "li" => ItemKind::Li,
        "div" => ItemKind::Div,
        "button" => ItemKind::Button,
        "a" => ItemKind::Anchor,
        _ => ItemKind::Other,
    };
    Some(ShareMenu {
        container: tree.nodes[container].handle.clone(),
        template_item: tree.nodes[template].handle.clone(),
        template_action: tree.nodes[action].handle.clone(),
        last_item: tree.nodes[last].handle.clone(),
        share_button: None,
        shape: ShareMenuShape {
            container_tag: tree.tag(container).to_string(),
            container_role: role(container),
            item_kind,
            item_role: role(template),
            action_tag: tree.tag(action).to_string(),
            action_role: role(action),
            has_greenhouse_item: texts.iter().any(|t| fold(t).contains("greenhouse")),
            items: texts,
            share_button_label: None,
        },
    })
}

/// The up-arrow of the Share split button: a control that opens a popup
/// and says "share", or the control right after a "Share" button.
fn share_button_in<N>(tree: &Tree<N>) -> Option<NodeId> {
    let n = tree.nodes.len();
    let is_control = |id: NodeId| tree.tag(id) == "button" || tree.role(id) == "button";
    let label = |id: NodeId| fold(&tree.accessible_label(id));
    let with_popup = (0..n).find(|&id| {
        is_control(id)
            && tree.nodes[id]
                .attrs
                .aria_haspopup
                .as_deref()
                .is_some_and(|v| v != "false")
            && label(id).contains("share")
    });
    let named = || {
        (0..n).find(|&id| {
            let l = label(id);
            is_control(id)
                && l.contains("share")
                && ["option", "menu", "more"].iter().any(|w| l.contains(w))
        })
    };
    let after_share = || {
        (0..n).find_map(|id| {
            let shares = is_control(id)
                && tree
                    .text(id)
                    .trim_start_matches(['⤴', ' '])
                    .eq_ignore_ascii_case("share");
            match shares {
                true => tree
                    .next_element_siblings(id)
                    .first()
                    .copied()
                    .filter(|&s| is_control(s)),
                false => None,
            }
        })
    };
    with_popup.or_else(named).or_else(after_share)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_item_wording() {
        let cases = [
            ("Share with Team", Some(KnownItem::ShareWithTeam)),
            ("SHARE WITH TEAM", Some(KnownItem::ShareWithTeam)),
            ("Share with your team", Some(KnownItem::ShareWithTeam)),
            ("Share with a colleague", Some(KnownItem::ShareWithTeam)),
            ("Copy Candidate Link", Some(KnownItem::CopyLink)),
            ("Copy link", Some(KnownItem::CopyLink)),
            ("Copy profile link", Some(KnownItem::CopyLink)),
            ("Share", None),
            ("Send to Lever", None),
            ("Team settings", None),
        ];
        for (text, expected) in cases {
            assert_eq!(known_item(text), expected, "{text}");
        }
    }

    #[test]
    fn items_added_to_a_kept_menu_make_its_container_worth_reading() {
        assert!(may_be_item_of("div", "menu", ""));
        assert!(may_be_item_of("ul", "", ""));
        assert!(may_be_item_of("div", "", "menuitem"));
        assert!(may_be_item_of("div", "", "option"));
        // An ordinary container gaining an ordinary child (the app rendering).
        assert!(!may_be_item_of("div", "", ""));
        assert!(!may_be_item_of("main", "region", "article"));
    }
}

//! Writing the report's HTML: the composed tree's elements with their kept
//! attributes, the site's own words or their placeholders, escaped; void
//! elements and comments written safely.

use super::*;
use crate::page::NodeId;
use crate::report::people;

/// Elements whose own text is the site's words.
pub(super) fn is_label_element(tag: &str, role: &str) -> bool {
    matches!(
        tag,
        "h1" | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "label"
            | "dt"
            | "th"
            | "button"
            | "a"
            | "legend"
            | "caption"
            | "summary"
            | "option"
    ) || matches!(
        role,
        "heading"
            | "button"
            | "link"
            | "menuitem"
            | "menuitemcheckbox"
            | "menuitemradio"
            | "columnheader"
            | "rowheader"
            | "tab"
            | "option"
            | "term"
    )
}

pub(super) fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

pub(super) fn clean_comment(text: &str) -> String {
    text.replace("--", "- -").replace('>', "&gt;")
}

/// A tag as written: lowercase letters, digits and dashes only.
pub(super) fn safe_tag(tag: &str) -> String {
    let ok = !tag.is_empty()
        && tag.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    match ok {
        true => tag.to_ascii_lowercase(),
        false => "x-element".to_string(),
    }
}

pub(super) const VOID: &[&str] = &[
    "br", "img", "hr", "wbr", "input", "meta", "link", "source", "area", "col",
];

/// How an open element's text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Words {
    /// The site's words: kept unless they hold the candidate's data.
    Site,
    /// Masked; a label element inside may keep its own words.
    Masked,
    /// Masked with everything inside: another person's name (a heading of
    /// a person's card on a list page, `people`).
    Person,
}

/// The items of the page's menus whatever their markup, and everything in
/// them: the element children of a `role="menu"`/`"menubar"`/`"listbox"`
/// and of the Share menu as the extension recognises it (a popover of bare
/// `div`s too). Their words are the site's, like a `role="menuitem"`'s.
fn in_menu_items<N>(tree: &Tree<N>) -> Vec<bool> {
    let mut inside = vec![false; tree.nodes.len()];
    let mut items: Vec<NodeId> = crate::profile::share_menu::share_menu_items(tree);
    for id in 0..tree.nodes.len() {
        if tree.is_element(id) && matches!(tree.role(id), "menu" | "menubar" | "listbox") {
            items.extend(tree.element_children(id));
        }
    }
    for item in items {
        inside[item..tree.nodes[item].end].fill(true);
    }
    inside
}

/// Writes every node of `tree`; true when it stopped at the size limit.
pub(super) fn write_nodes<N>(tree: &Tree<N>, secrets: &Secrets, out: &mut String) -> bool {
    // Elements still open, innermost last, each with how its text is
    // written.
    let mut open: Vec<(usize, Words)> = Vec::new();
    let menu_items = in_menu_items(tree);
    let limit = MAX_REPORT_BYTES.saturating_sub(4096);
    // Bytes the closing tags of the open elements will take: the cut
    // leaves room for them, however deep the page nests.
    let mut closing = 0usize;
    let close_len = |id: usize| {
        tree.nodes[id]
            .tag
            .as_deref()
            .map_or(0, |t| safe_tag(t).len() + 3)
    };
    let cut = |open: &mut Vec<(usize, Words)>, out: &mut String| {
        while let Some((parent, _)) = open.pop() {
            close(tree, parent, out);
        }
        true
    };
    for id in 0..tree.nodes.len() {
        while let Some(&(parent, _)) = open.last() {
            if id < tree.nodes[parent].end {
                break;
            }
            open.pop();
            closing -= close_len(parent);
            close(tree, parent, out);
        }
        // Where this node starts: a node that does not fit is left out
        // whole (one text or attribute can be larger than the cap).
        let mark = out.len();
        if mark + closing > limit {
            return cut(&mut open, out);
        }
        let node = &tree.nodes[id];
        let Some(tag) = node.tag.as_deref() else {
            let labelled = match open.last() {
                Some(&(_, Words::Site)) => true,
                // A field's label in a `div` or `span` ("Top skills"): the
                // extractor's own vocabulary, no one's data.
                Some(&(_, Words::Masked)) => crate::profile::extract::is_label_text(&node.text),
                _ => false,
            };
            let text = match labelled {
                true => site_words(&node.text, secrets),
                false => mask(&node.text),
            };
            escape(&text, out);
            if out.len() + closing > limit {
                out.truncate(mark);
                return cut(&mut open, out);
            }
            continue;
        };
        let tag = safe_tag(tag);
        let a = &node.attrs;
        out.push('<');
        out.push_str(&tag);
        let attr = |name: &str, value: &str, out: &mut String| {
            let _ = write!(out, " {name}=\"");
            escape(value, out);
            out.push('"');
        };
        if let Some(role) = &a.role {
            attr("role", role, out);
        }
        // Another person's name in an attribute (an avatar's alt, "View
        // Lena Vogel's profile"): masked like the heading it repeats.
        let in_menu = menu_items.get(id) == Some(&true);
        let person = |value: &str| !in_menu && people::attribute_names_a_person(tree, id, value);
        let words_of = |value: &str| match person(value) {
            true => mask(value),
            false => site_words(value, secrets),
        };
        if let Some(label) = &a.aria_label {
            attr("aria-label", &words_of(label), out);
        }
        if let Some(level) = &a.aria_level {
            attr("aria-level", &mask_unless_small(level), out);
        }
        if let Some(popup) = &a.aria_haspopup {
            attr("aria-haspopup", popup, out);
        }
        if let Some(href) = &a.href {
            attr("href", &mask_url(href, secrets), out);
        }
        if let Some(title) = &a.title {
            attr("title", &words_of(title), out);
        }
        if let Some(alt) = &a.alt {
            attr("alt", &words_of(alt), out);
        }
        if a.download {
            attr("download", "", out);
        }
        match a.shadow {
            Some(ShadowMode::Open) => attr("data-report-shadow", "open", out),
            Some(ShadowMode::Closed) => attr("data-report-shadow", "closed", out),
            None => {}
        }
        out.push('>');
        let parent = open.last().map(|&(_, words)| words);
        let words = match parent {
            Some(Words::Person) => Words::Person,
            _ => {
                let label = parent == Some(Words::Site)
                    || menu_items.get(id) == Some(&true)
                    || is_label_element(&tag, a.role.as_deref().unwrap_or(""));
                let text = || tree.text(id);
                match label {
                    false => Words::Masked,
                    // A label element holding the candidate's data is masked whole.
                    true if {
                        let text = text();
                        secrets.in_text(&text) || looks_identifying(&text)
                    } =>
                    {
                        Words::Masked
                    }
                    // Another person's name (a list page's card).
                    true if menu_items.get(id) != Some(&true)
                        && people::is_other_persons_name(tree, id, &text()) =>
                    {
                        Words::Person
                    }
                    true => Words::Site,
                }
            }
        };
        let own_close = match VOID.contains(&tag.as_str()) {
            true => 0,
            false => close_len(id),
        };
        if out.len() + closing + own_close > limit {
            out.truncate(mark);
            return cut(&mut open, out);
        }
        if own_close > 0 {
            closing += own_close;
            open.push((id, words));
        }
    }
    while let Some((parent, _)) = open.pop() {
        close(tree, parent, out);
    }
    false
}

pub(super) fn close<N>(tree: &Tree<N>, id: usize, out: &mut String) {
    if let Some(tag) = tree.nodes[id].tag.as_deref() {
        let _ = write!(out, "</{}>", safe_tag(tag));
    }
}

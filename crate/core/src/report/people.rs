//! Other people on the page: on a search or list page the extractor reads
//! one candidate (or none), but every card of the list is a person, and the
//! heading of a person's card is that person's name. A heading is masked as
//! a name when it is in a person's context and shaped like a name:
//!
//! - context: the heading is inside a link to a person's page, holds one,
//!   or is a heading of a card (`li`, `article`, `role="listitem"`,
//!   `"article"`, `"row"`) that holds one, the card small enough to be one
//!   person's (a profile page's own sections are no card);
//! - shape: one to six words of letters (with `'`, `’`, `-`, `.`), each
//!   capitalised, in a script without case, or a name particle (`de`,
//!   `van`, …), nothing in parentheses counted (pronouns), and not one of
//!   the site's section headings ("Experience", "Skills", "Search
//!   results": the extractor's own label vocabulary).
//!
//! A link to a person's page is one whose address names a candidate (as the
//! extension reads ids) or has a path segment such as `people/`, `profile/`,
//! `users/` followed by another.

use crate::page::url::split_url;
use crate::page::{NodeId, Tree};
use crate::profile::extract::{candidate_id_from_url, is_label_text, is_section_heading};

/// Path segments followed by a person's id or name on many sites.
pub(super) const PERSON_SEGMENTS: &[&str] = &[
    "candidates",
    "candidate",
    "people",
    "person",
    "profile",
    "profiles",
    "users",
    "user",
    "members",
    "member",
    "talent",
    "in",
];

/// Lowercase words that are part of names ("Juan de la Cruz").
const PARTICLES: &[&str] = &[
    "de", "del", "della", "da", "das", "do", "dos", "di", "du", "la", "le", "van", "von", "der",
    "den", "ter", "ten", "zu", "y", "e", "bin", "ibn", "al", "el", "af", "av",
];

/// Most text a card of one person has (a list page's card is a name, a
/// title and a few tags; a profile page's sections are much longer).
const MAX_CARD_CHARS: usize = 800;

/// Whether `href` is a link to a person's page.
pub(super) fn is_person_link(href: &str) -> bool {
    if candidate_id_from_url(href).is_some() {
        return true;
    }
    let segments: Vec<String> = split_url(href.trim())
        .path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    segments
        .windows(2)
        .any(|pair| PERSON_SEGMENTS.contains(&pair[0].as_str()))
}

/// Whether `text` is shaped like a person's name and is no section heading.
pub(super) fn looks_like_a_name(text: &str) -> bool {
    // Pronouns and notes in parentheses are no part of the shape.
    let mut outside = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = outside
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 6 || outside.chars().count() > 60 {
        return false;
    }
    let letters = |w: &str| {
        w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
    };
    let capitalised = |w: &str| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(|c| c.is_uppercase() || !c.is_lowercase())
    };
    let shaped = words
        .iter()
        .all(|w| letters(w) && (capitalised(w) || PARTICLES.contains(&w.to_lowercase().as_str())))
        && words.iter().any(|w| capitalised(w));
    shaped && !is_section_heading(text)
}

/// Whether the heading `id` is in the context of a person's card or link.
pub(super) fn in_person_context<N>(tree: &Tree<N>, id: NodeId) -> bool {
    let person_link = |k: NodeId| {
        tree.is_element(k)
            && tree.nodes[k]
                .attrs
                .href
                .as_deref()
                .is_some_and(is_person_link)
    };
    let holds_link = |outer: NodeId| (outer..tree.nodes[outer].end).any(person_link);
    if holds_link(id) || tree.ancestors(id).any(person_link) {
        return true;
    }
    let card = tree.ancestors(id).find(|&a| {
        matches!(tree.tag(a), "li" | "article")
            || matches!(tree.role(a), "listitem" | "article" | "row")
    });
    card.is_some_and(|card| tree.nodes[card].text_chars <= MAX_CARD_CHARS && holds_link(card))
}

/// Whether the label element `id` with text `text` is a person's name: a
/// heading in a person's context, or a link to a person's page, shaped like
/// a name.
pub(super) fn is_other_persons_name<N>(tree: &Tree<N>, id: NodeId, text: &str) -> bool {
    let person_link = tree.nodes[id]
        .attrs
        .href
        .as_deref()
        .is_some_and(is_person_link);
    (person_link || is_heading(tree, id))
        && looks_like_a_name(text)
        && (person_link || in_person_context(tree, id))
}

/// Whether an `aria-label`, `title` or `alt` of element `id` names a
/// person: on a link to a person's page or in a person's card (an avatar's
/// `alt`, "View Lena Vogel's profile"), a value shaped like a name, or one
/// with a capitalised word after its first that is no label or section
/// word of the site ("Message Priya"; "Open Profile" stays).
pub(super) fn attribute_names_a_person<N>(tree: &Tree<N>, id: NodeId, value: &str) -> bool {
    let words: Vec<&str> = value.split_whitespace().collect();
    let inner_name = words.iter().skip(1).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let w = w
            .strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .unwrap_or(w);
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(char::is_alphabetic)
            && !is_section_heading(w)
            && !is_label_text(w)
    });
    let person_link = tree.nodes[id]
        .attrs
        .href
        .as_deref()
        .is_some_and(is_person_link);
    (inner_name || looks_like_a_name(value)) && (person_link || in_person_context(tree, id))
}

/// Whether element `id` is a heading.
pub(super) fn is_heading<N>(tree: &Tree<N>, id: NodeId) -> bool {
    matches!(tree.tag(id), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") || tree.role(id) == "heading"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_links() {
        for href in [
            "/search?q=designer&candidate=3001",
            "https://app.purpose.jobs/candidates/48213",
            "/people/lena-vogel",
            "https://www.linkedin.com/in/lena",
            "/profile/abc",
        ] {
            assert!(is_person_link(href), "{href}");
        }
        for href in [
            "/search?q=designer",
            "/jobs/4512",
            "/settings",
            "#",
            "/profile",
        ] {
            assert!(!is_person_link(href), "{href}");
        }
    }

    #[test]
    fn name_shapes() {
        for text in [
            "Lena Vogel",
            "Diego Álvarez",
            "Juan Carlos de la Cruz, Jr.",
            "Mei Lin (she/her)",
            "Teller",
            "O’Brien-Smith",
            "王芳",
        ] {
            assert!(looks_like_a_name(text), "{text}");
        }
        for text in [
            "Experience",
            "Skills",
            "Search results",
            "Top skills",
            "124 results",
            "product designer at fairphone",
            "Lena Vogel 2",
            "",
        ] {
            assert!(!looks_like_a_name(text), "{text}");
        }
    }
}

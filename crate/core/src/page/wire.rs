//! The one-string form of a DOM subtree, and [`WireDoc`], the [`Page`] that
//! reads it.
//!
//! In the browser, walking the DOM from Rust costs a JavaScript crossing per
//! node and per attribute, each copying a string: thousands for one profile.
//! Instead `extension/page_snapshot.js` walks the subtree in JavaScript and
//! returns it as ONE string in this format; Rust parses it here (pure, so
//! tested natively) and walks the result with the usual [`Tree::walk`]
//! rules. The JavaScript only serializes: every rule stays in Rust.
//!
//! The format, in document order (preorder), with separator characters that
//! never occur in the values (the encoder replaces them with U+FFFD):
//!
//! - an element: [`OPEN`], its local name, then for each name of
//!   [`READ_ATTRIBUTES`] in order either [`PRESENT`] and the value or
//!   [`ABSENT`]; then its children; then [`CLOSE`];
//!   an element hosting a shadow root has [`SHADOW_OPEN`] or
//!   [`SHADOW_CLOSED`] right after its attributes; an open root's host is
//!   written with the children it is rendered with (its shadow root's, with
//!   each `<slot>` holding the light-DOM nodes assigned to it, or its own
//!   children when none are: the composed tree); a closed root's host with
//!   its light-DOM children;
//! - a text or CDATA node: [`TEXT`] and its data;
//! - other nodes (comments, ...) are left out;
//! - [`INVISIBLE_TAGS`] elements are written without their children;
//! - [`TRUNCATED`] at the end when the encoder stopped at its node limit.
//!
//! Elements and text nodes are numbered in the order they are written; the
//! encoder hands the page's own nodes over in the same order, so a number is
//! also a handle to the live node. The parser accepts any string without
//! panicking: missing closes are closed at the end, stray ones ignored.

use super::{NodeKind, Page, ShadowMode, Tree, INVISIBLE_TAGS, READ_ATTRIBUTES};

/// Starts an element.
pub const OPEN: char = '\u{1}';
/// Starts the value of an attribute that is present.
pub const PRESENT: char = '\u{2}';
/// Marks an attribute that is absent.
pub const ABSENT: char = '\u{3}';
/// Ends an element.
pub const CLOSE: char = '\u{4}';
/// Starts a text node.
pub const TEXT: char = '\u{5}';
/// Ends the string when the encoder stopped early.
pub const TRUNCATED: char = '\u{6}';
/// After an element's attributes: it hosts an open shadow root.
pub const SHADOW_OPEN: char = '\u{7}';
/// After an element's attributes: it hosts a closed shadow root.
pub const SHADOW_CLOSED: char = '\u{8}';

fn is_separator(byte: u8) -> bool {
    (1..=8).contains(&byte)
}

/// Byte range of a value inside the wire string.
type Span = (u32, u32);

#[derive(Debug, Clone)]
enum WireKind {
    Element {
        tag: String,
        attrs: [Option<Span>; READ_ATTRIBUTES.len()],
        shadow: Option<ShadowMode>,
    },
    Text(Span),
}

#[derive(Debug, Clone)]
struct WireNode {
    kind: WireKind,
    first_child: Option<usize>,
    next_sibling: Option<usize>,
}

/// A parsed wire string: a [`Page`] whose nodes are numbered as written.
#[derive(Debug, Clone)]
pub struct WireDoc {
    text: String,
    nodes: Vec<WireNode>,
    url: String,
    truncated: bool,
}

impl WireDoc {
    /// Parses `text` (never fails; see the module docs) for a page at `url`.
    pub fn parse(text: String, url: String) -> WireDoc {
        let mut doc = WireDoc {
            nodes: Vec::new(),
            url,
            truncated: false,
            text: String::new(),
        };
        let bytes = text.as_bytes();
        // Open elements, each with its last child so far.
        let mut open: Vec<(usize, Option<usize>)> = Vec::new();
        // The previous top-level node (several only in malformed input).
        let mut last_top: Option<usize> = None;
        let mut i = 0;
        while i < bytes.len() {
            let marker = bytes[i];
            i += 1;
            let kind = match marker {
                b'\x01' => {
                    let (tag_end, next) = value_end(bytes, i);
                    let tag = text[i..tag_end].to_ascii_lowercase();
                    i = next;
                    let mut attrs = [None; READ_ATTRIBUTES.len()];
                    for slot in attrs.iter_mut() {
                        match bytes.get(i) {
                            Some(b'\x02') => {
                                let (end, next) = value_end(bytes, i + 1);
                                *slot = Some((i as u32 + 1, end as u32));
                                i = next;
                            }
                            Some(b'\x03') => i += 1,
                            _ => break,
                        }
                    }
                    let shadow = match bytes.get(i) {
                        Some(b'\x07') => Some(ShadowMode::Open),
                        Some(b'\x08') => Some(ShadowMode::Closed),
                        _ => None,
                    };
                    if shadow.is_some() {
                        i += 1;
                    }
                    WireKind::Element { tag, attrs, shadow }
                }
                b'\x05' => {
                    let (end, next) = value_end(bytes, i);
                    let span = (i as u32, end as u32);
                    i = next;
                    WireKind::Text(span)
                }
                b'\x04' => {
                    open.pop();
                    continue;
                }
                b'\x06' => {
                    doc.truncated = true;
                    continue;
                }
                // A shadow marker out of place (malformed input).
                b'\x07' | b'\x08' => continue,
                // Stray value bytes (malformed input): skip to a separator.
                _ => {
                    i = value_end(bytes, i).1;
                    continue;
                }
            };
            let id = doc.nodes.len();
            let is_element = matches!(kind, WireKind::Element { .. });
            doc.nodes.push(WireNode {
                kind,
                first_child: None,
                next_sibling: None,
            });
            let previous = match open.last_mut() {
                Some((parent, last_child)) => {
                    if last_child.is_none() {
                        doc.nodes[*parent].first_child = Some(id);
                    }
                    last_child.replace(id)
                }
                None => last_top.replace(id),
            };
            if let Some(previous) = previous {
                doc.nodes[previous].next_sibling = Some(id);
            }
            if is_element {
                open.push((id, None));
            }
        }
        doc.text = text;
        doc
    }

    /// True when the encoder stopped at its node limit.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    fn value(&self, (start, end): Span) -> String {
        self.text
            .get(start as usize..end as usize)
            .unwrap_or_default()
            .to_owned()
    }
}

/// Where the value starting at byte `i` ends (the next separator or the
/// end), and where to go on from. Separators are ASCII, so both are char
/// boundaries.
fn value_end(bytes: &[u8], i: usize) -> (usize, usize) {
    let end = bytes[i.min(bytes.len())..]
        .iter()
        .position(|&b| is_separator(b))
        .map_or(bytes.len(), |offset| i + offset);
    (end, end)
}

impl Page for WireDoc {
    type Node = usize;

    fn url(&self) -> String {
        self.url.clone()
    }

    fn root(&self) -> Option<usize> {
        match self.nodes.is_empty() {
            true => None,
            false => Some(0),
        }
    }

    fn first_child(&self, node: &usize) -> Option<usize> {
        self.nodes.get(*node)?.first_child
    }

    fn next_sibling(&self, node: &usize) -> Option<usize> {
        self.nodes.get(*node)?.next_sibling
    }

    fn kind(&self, node: &usize) -> NodeKind {
        match self.nodes.get(*node).map(|n| &n.kind) {
            Some(WireKind::Element { tag, .. }) => NodeKind::Element(tag.clone()),
            Some(WireKind::Text(span)) => NodeKind::Text(self.value(*span)),
            None => NodeKind::Other,
        }
    }

    fn attr(&self, node: &usize, name: &str) -> Option<String> {
        let index = READ_ATTRIBUTES.iter().position(|&n| n == name)?;
        match &self.nodes.get(*node)?.kind {
            WireKind::Element { attrs, .. } => attrs[index].map(|span| self.value(span)),
            WireKind::Text(_) => None,
        }
    }

    fn shadow(&self, node: &usize) -> Option<ShadowMode> {
        match &self.nodes.get(*node)?.kind {
            WireKind::Element { shadow, .. } => *shadow,
            WireKind::Text(_) => None,
        }
    }
}

/// Writes the subtree of `start` in the wire format, reading at most
/// `max_nodes` elements and text nodes: the reference for
/// `extension/page_snapshot.js`, which must give the same string (checked
/// by the fixture tests).
pub fn encode<P: Page>(page: &P, start: P::Node, max_nodes: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    // Elements whose children are being written (each owes a CLOSE).
    let mut open: Vec<P::Node> = Vec::new();
    let mut cursor = Some(start);
    while let Some(node) = cursor.take() {
        if count >= max_nodes {
            out.push(TRUNCATED);
            return out;
        }
        let mut first_child = None;
        match page.kind(&node) {
            NodeKind::Element(tag) => {
                count += 1;
                out.push(OPEN);
                push_clean(&mut out, &tag);
                for name in READ_ATTRIBUTES {
                    match page.attr(&node, name) {
                        Some(value) => {
                            out.push(PRESENT);
                            push_clean(&mut out, &value);
                        }
                        None => out.push(ABSENT),
                    }
                }
                match page.shadow(&node) {
                    Some(ShadowMode::Open) => out.push(SHADOW_OPEN),
                    Some(ShadowMode::Closed) => out.push(SHADOW_CLOSED),
                    None => {}
                }
                if !INVISIBLE_TAGS.contains(&tag.as_str()) {
                    first_child = page.first_child(&node);
                }
                if first_child.is_none() {
                    out.push(CLOSE);
                }
            }
            NodeKind::Text(data) => {
                count += 1;
                out.push(TEXT);
                push_clean(&mut out, &data);
            }
            NodeKind::Other => {}
        }
        if let Some(child) = first_child {
            open.push(node);
            cursor = Some(child);
            continue;
        }
        // Next: the sibling, or up until an ancestor has one; never past
        // `start` (when nothing is open, `current` is `start`).
        let mut current = node;
        while cursor.is_none() {
            if open.is_empty() {
                return out;
            }
            match page.next_sibling(&current) {
                Some(sibling) => cursor = Some(sibling),
                None => {
                    out.push(CLOSE);
                    match open.pop() {
                        Some(parent) => current = parent,
                        None => return out,
                    }
                }
            }
        }
    }
    out
}

fn push_clean(out: &mut String, value: &str) {
    for c in value.chars() {
        match c.is_ascii() && is_separator(c as u8) {
            true => out.push('\u{FFFD}'),
            false => out.push(c),
        }
    }
}

impl Tree<usize> {
    /// The snapshot of a whole wire string (its first node and subtree).
    pub fn from_wire(doc: &WireDoc) -> Tree<usize> {
        let mut tree = match doc.root() {
            Some(root) => Tree::walk(doc, root),
            None => Tree::empty(doc.url()),
        };
        tree.truncated |= doc.truncated();
        tree
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(values: [Option<&str>; 10]) -> String {
        values
            .iter()
            .map(|v| match v {
                Some(v) => format!("{PRESENT}{v}"),
                None => ABSENT.to_string(),
            })
            .collect()
    }

    fn none() -> String {
        attrs([None; 10])
    }

    #[test]
    fn parses_elements_text_and_attributes() {
        let mut role = [None; 10];
        role[2] = Some("Heading");
        role[9] = Some("1");
        let wire = format!(
            "{OPEN}body{}{OPEN}div{}{TEXT}Ada Lovelace{CLOSE}{TEXT} tail{CLOSE}",
            none(),
            attrs(role)
        );
        let doc = WireDoc::parse(wire, "https://x/".into());
        assert_eq!(doc.root(), Some(0));
        assert_eq!(doc.kind(&0), NodeKind::Element("body".into()));
        assert_eq!(doc.first_child(&0), Some(1));
        assert_eq!(doc.attr(&1, "role").as_deref(), Some("Heading"));
        assert_eq!(doc.attr(&1, "aria-level").as_deref(), Some("1"));
        assert_eq!(doc.attr(&1, "href"), None);
        assert_eq!(doc.attr(&1, "not-read"), None);
        assert_eq!(doc.kind(&2), NodeKind::Text("Ada Lovelace".into()));
        assert_eq!(doc.next_sibling(&1), Some(3));
        assert_eq!(doc.next_sibling(&2), None);
        assert_eq!(doc.kind(&3), NodeKind::Text(" tail".into()));
        assert!(!doc.truncated());
        let tree = Tree::from_wire(&doc);
        assert_eq!(tree.text(0), "Ada Lovelace tail");
        assert_eq!(tree.role(1), "heading");
    }

    #[test]
    fn empty_and_present_but_empty_attributes_differ() {
        let mut hidden = [None; 10];
        hidden[0] = Some("");
        let wire = format!("{OPEN}p{}{TEXT}gone{CLOSE}", attrs(hidden));
        let doc = WireDoc::parse(wire, String::new());
        assert_eq!(doc.attr(&0, "hidden").as_deref(), Some(""));
        assert_eq!(doc.attr(&0, "alt"), None);
    }

    #[test]
    fn malformed_input_never_panics_and_keeps_what_it_can() {
        for wire in [
            String::new(),
            "plain text".into(),
            format!("{CLOSE}{CLOSE}{OPEN}"),
            format!("{OPEN}div{PRESENT}"),
            format!("{OPEN}div{}{TEXT}unclosed", none()),
            format!("{TEXT}a{TEXT}b{CLOSE}{OPEN}é{}", none()),
            format!("{OPEN}{PRESENT}{PRESENT}{ABSENT}{TRUNCATED}{TEXT}"),
        ] {
            let doc = WireDoc::parse(wire.clone(), String::new());
            let tree = Tree::from_wire(&doc);
            for id in 0..tree.nodes.len() {
                let _ = tree.text(id);
            }
        }
        let doc = WireDoc::parse(format!("{OPEN}div{}{TEXT}unclosed", none()), String::new());
        assert_eq!(Tree::from_wire(&doc).text(0), "unclosed");
        let doc = WireDoc::parse(format!("{OPEN}div{}{TRUNCATED}", none()), String::new());
        assert!(Tree::from_wire(&doc).truncated);
    }

    #[test]
    fn separators_in_values_are_replaced_not_parsed() {
        let mut page_text = String::from("a");
        page_text.push(OPEN);
        page_text.push('b');
        let doc = WireDoc::parse(format!("{OPEN}p{}{CLOSE}", none()), String::new());
        let mut out = String::new();
        push_clean(&mut out, &page_text);
        assert_eq!(out, "a\u{FFFD}b");
        assert_eq!(doc.nodes.len(), 1);
    }

    #[test]
    fn invisible_elements_are_written_without_children() {
        let wire = format!(
            "{OPEN}div{n}{OPEN}script{n}{CLOSE}{TEXT}shown{CLOSE}",
            n = none()
        );
        let doc = WireDoc::parse(wire.clone(), String::new());
        let again = encode(&doc, 0, usize::MAX);
        assert_eq!(again, wire);
        assert_eq!(Tree::from_wire(&doc).text(0), "shown");
    }

    #[test]
    fn shadow_markers_follow_the_attributes() {
        let wire = format!(
            "{OPEN}pj-card{n}{SHADOW_OPEN}{OPEN}slot{n}{TEXT}Ada{CLOSE}{CLOSE}{OPEN}x-menu{n}{SHADOW_CLOSED}{TEXT}light{CLOSE}",
            n = none()
        );
        let doc = WireDoc::parse(format!("{OPEN}body{}{wire}{CLOSE}", none()), String::new());
        assert_eq!(doc.shadow(&1), Some(ShadowMode::Open));
        assert_eq!(doc.shadow(&2), None);
        assert_eq!(doc.kind(&3), NodeKind::Text("Ada".into()));
        assert_eq!(doc.shadow(&4), Some(ShadowMode::Closed));
        assert_eq!(doc.kind(&5), NodeKind::Text("light".into()));
        assert_eq!(
            encode(&doc, 0, usize::MAX),
            format!("{OPEN}body{}{wire}{CLOSE}", none())
        );
        let tree = Tree::from_wire(&doc);
        assert_eq!(tree.nodes[1].attrs.shadow, Some(ShadowMode::Open));
        assert_eq!(tree.nodes[4].attrs.shadow, Some(ShadowMode::Closed));
        // A slot runs on inline: "Ada" and "light" are two blocks' texts.
        assert_eq!(tree.text(1), "Ada");
        // Separators 7 and 8 in values are replaced too.
        let mut out = String::new();
        push_clean(&mut out, "a\u{7}b\u{8}c");
        assert_eq!(out, "a\u{FFFD}b\u{FFFD}c");
        // Out of place: ignored.
        let doc = WireDoc::parse(
            format!("{SHADOW_OPEN}{OPEN}p{}{SHADOW_CLOSED}{CLOSE}", none()),
            String::new(),
        );
        assert_eq!(doc.nodes.len(), 1);
    }

    #[test]
    fn encoding_stops_at_the_node_limit() {
        let wire = format!("{OPEN}div{n}{TEXT}a{TEXT}b{TEXT}c{CLOSE}", n = none());
        let doc = WireDoc::parse(wire, String::new());
        let cut = encode(&doc, 0, 2);
        assert!(cut.ends_with(TRUNCATED));
        let doc = WireDoc::parse(cut, String::new());
        assert!(doc.truncated());
        assert_eq!(doc.nodes.len(), 2);
    }
}

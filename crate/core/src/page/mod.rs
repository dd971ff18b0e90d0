//! [`Page`]: the tiny read-only view of a DOM that extraction reads through,
//! and [`Tree`]: a snapshot taken in ONE walk over it.
//!
//! Nothing here may call the page more than once per node: [`Tree::walk`]
//! walks it once (first child / next sibling, a handful of attributes per
//! element) and everything else (text, structure, searching) runs on the
//! snapshot in Rust. In the browser even one call per node is too many (each
//! is a JavaScript crossing that copies a string), so the DOM adapter
//! overrides [`Page::capture`] to read a whole subtree in one call, in the
//! one-string form of [`wire`]. This module never interprets what the page
//! means.

pub mod case;
mod query;
pub mod url;

pub mod wire;

pub use query::normalize_space;

/// What a node is, as far as extraction cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// An element, with its local name in ASCII lowercase (`"div"`).
    Element(String),
    /// A text node (or CDATA), with its data.
    Text(String),
    /// Anything else (comments, processing instructions, doctypes).
    Other,
}

/// A read-only view of a document: enough to walk it once.
///
/// Implemented over `web_sys` in the browser, over a parsed HTML file in
/// native tests, and over a [`wire::WireDoc`]. Implementations should make
/// each method one cheap call, or override [`Page::capture`].
pub trait Page {
    /// A handle to one node. Cloning must be cheap (a reference).
    type Node: Clone;

    /// The page URL (`location.href`).
    fn url(&self) -> String;
    /// Where reading starts: the `<body>` (or the document element when there
    /// is no body).
    fn root(&self) -> Option<Self::Node>;
    /// The first child node (of any kind).
    fn first_child(&self, node: &Self::Node) -> Option<Self::Node>;
    /// The next sibling node (of any kind).
    fn next_sibling(&self, node: &Self::Node) -> Option<Self::Node>;
    /// What the node is.
    fn kind(&self, node: &Self::Node) -> NodeKind;
    /// The value of an attribute, `None` when absent. Only ever called on
    /// nodes whose [`Page::kind`] is an element, so an implementation need
    /// not check the node type again (in the browser that check is one more
    /// call per attribute).
    fn attr(&self, node: &Self::Node, name: &str) -> Option<String>;

    /// Whether the element hosts a shadow root, and which kind. When it
    /// hosts an OPEN one, [`Page::first_child`] and [`Page::next_sibling`]
    /// walk the tree as it is rendered (the composed tree): the host's
    /// children are its shadow root's, and a `<slot>`'s children are the
    /// light-DOM nodes assigned to it (its own children when none are). A
    /// closed root cannot be read: the host keeps its light-DOM children and
    /// is only marked. The default, for pages without shadow roots, is
    /// `None`. Only called on elements.
    fn shadow(&self, _node: &Self::Node) -> Option<ShadowMode> {
        None
    }

    /// A snapshot of the subtree of `start` (see [`Tree::walk`]). The default
    /// walks it with the methods above; an adapter whose calls are expensive
    /// reads the subtree in one go instead and must give the same tree.
    fn capture(&self, start: Self::Node) -> Tree<Self::Node>
    where
        Self: Sized,
    {
        Tree::walk(self, start)
    }
}

/// The kind of shadow root an element hosts ([`Page::shadow`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShadowMode {
    /// `attachShadow({mode: "open"})` or `<template shadowrootmode="open">`:
    /// read like the light DOM.
    Open,
    /// A closed root: its content cannot be read, only that it is there.
    Closed,
}

/// Every attribute [`Tree::walk`] reads (through [`Page::attr`]): an adapter
/// that reads elements in bulk fetches exactly these.
pub const READ_ATTRIBUTES: [&str; 10] = [
    "hidden",
    "aria-hidden",
    "role",
    "aria-label",
    "href",
    "title",
    "download",
    "aria-haspopup",
    "alt",
    "aria-level",
];

/// Elements whose content is never visible text: [`Tree::walk`] leaves them
/// out with everything inside, so a bulk reader need not descend into them.
pub const INVISIBLE_TAGS: [&str; 13] = [
    "script", "style", "template", "noscript", "head", "iframe", "object", "canvas", "video",
    "audio", "select", "textarea", "input",
];

/// Index of a node in a [`Tree`].
pub type NodeId = usize;

/// Most nodes one snapshot reads; a page larger than this is read in part.
pub const MAX_NODES: usize = 60_000;

fn is_invisible_tag(tag: &str) -> bool {
    INVISIBLE_TAGS.contains(&tag)
}

/// Elements that do not break a line of text: their text runs into the
/// text around them.
fn is_inline(tag: &str) -> bool {
    matches!(
        tag,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "wbr"
            | "font"
            // `display: contents`: slotted content runs on as if inline.
            | "slot"
    )
}

/// True for elements that hold phrasing (inline) content only: text
/// formatting, `span`, images and icons. Anything else starts a block.
pub fn is_phrasing(tag: &str) -> bool {
    is_inline(tag)
        || matches!(
            tag,
            "span" | "img" | "svg" | "br" | "label" | "title" | "picture"
        )
}

/// An element's attributes that extraction reads, fetched once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attrs {
    /// `role`, ASCII lowercase.
    pub role: Option<String>,
    /// `aria-label`.
    pub aria_label: Option<String>,
    /// `href` (links only).
    pub href: Option<String>,
    /// `title` (links, buttons and images only).
    pub title: Option<String>,
    /// `alt` (images only).
    pub alt: Option<String>,
    /// `aria-level` (headings by role only).
    pub aria_level: Option<String>,
    /// `aria-haspopup` (buttons only).
    pub aria_haspopup: Option<String>,
    /// `download` present (links only).
    pub download: bool,
    /// The shadow root the element hosts ([`Page::shadow`]).
    pub shadow: Option<ShadowMode>,
}

/// One node of a [`Tree`].
#[derive(Debug, Clone)]
pub struct TreeNode<N> {
    /// The page's handle for the node.
    pub handle: N,
    /// The parent, `None` for the snapshot's root.
    pub parent: Option<NodeId>,
    /// One past the last descendant: descendants are `id + 1 .. end`.
    pub end: NodeId,
    /// Element children and text children, in order.
    pub children: Vec<NodeId>,
    /// Element tag (lowercase), or `None` for text.
    pub tag: Option<String>,
    /// Text data (text nodes only).
    pub text: String,
    /// Attributes (elements only).
    pub attrs: Attrs,
    /// Characters of text in the subtree (saturating).
    pub text_chars: usize,
}

/// A snapshot of a page (or of one element's subtree) in document order.
#[derive(Debug, Clone)]
pub struct Tree<N> {
    /// Nodes in document order; node 0 is the root.
    pub nodes: Vec<TreeNode<N>>,
    /// The page URL.
    pub url: String,
    /// True when the page had more than [`MAX_NODES`] nodes.
    pub truncated: bool,
}

impl<N: Clone> Tree<N> {
    /// Reads the whole page (from [`Page::root`]) in one walk.
    pub fn capture_page<P: Page<Node = N>>(page: &P) -> Tree<N> {
        match page.root() {
            Some(root) => Tree::capture(page, root),
            None => Tree::empty(page.url()),
        }
    }

    /// The snapshot of an empty page.
    pub fn empty(url: String) -> Tree<N> {
        Tree {
            nodes: Vec::new(),
            url,
            truncated: false,
        }
    }

    /// Reads the subtree of `start` as the page chooses to ([`Page::capture`]).
    pub fn capture<P: Page<Node = N>>(page: &P, start: N) -> Tree<N> {
        page.capture(start)
    }

    /// Reads the subtree of `start` in one walk over the per-node methods.
    /// Hidden elements (`hidden`, `aria-hidden="true"`) and non-visible ones
    /// ([`INVISIBLE_TAGS`]) are left out with their content.
    pub fn walk<P: Page<Node = N>>(page: &P, start: N) -> Tree<N> {
        let mut tree = Tree {
            nodes: Vec::new(),
            url: page.url(),
            truncated: false,
        };
        let root_tag = match page.kind(&start) {
            NodeKind::Element(tag) => tag,
            NodeKind::Text(text) => {
                tree.push_text(start, None, text);
                tree.finish();
                return tree;
            }
            NodeKind::Other => return tree,
        };
        let root_attrs = read_attrs(page, &start, &root_tag);
        let root = tree.push_element(start, None, root_tag, root_attrs);
        // Explicit stack: hostile pages may nest deeper than the call stack.
        let mut open = vec![root];
        let mut cursor = page.first_child(&tree.nodes[root].handle);
        loop {
            match cursor {
                Some(node) => {
                    if tree.nodes.len() >= MAX_NODES {
                        tree.truncated = true;
                        for &id in open.iter().rev() {
                            tree.nodes[id].end = tree.nodes.len();
                        }
                        break;
                    }
                    let parent = open.last().copied();
                    match page.kind(&node) {
                        NodeKind::Text(text) => {
                            tree.push_text(node, parent, text);
                            let id = tree.nodes.len() - 1;
                            cursor = page.next_sibling(&tree.nodes[id].handle);
                        }
                        NodeKind::Element(tag) => {
                            if is_skipped(page, &node, &tag) {
                                cursor = page.next_sibling(&node);
                                continue;
                            }
                            let attrs = read_attrs(page, &node, &tag);
                            let is_svg = tag == "svg";
                            let id = tree.push_element(node, parent, tag, attrs);
                            if is_svg {
                                // Icons: only their <title> says anything; do
                                // not pay a page call per path.
                                tree.capture_svg_titles(page, id);
                                tree.nodes[id].end = tree.nodes.len();
                                cursor = page.next_sibling(&tree.nodes[id].handle);
                            } else {
                                open.push(id);
                                cursor = page.first_child(&tree.nodes[id].handle);
                            }
                        }
                        NodeKind::Other => cursor = page.next_sibling(&node),
                    }
                }
                None => match open.pop() {
                    Some(done) => {
                        tree.nodes[done].end = tree.nodes.len();
                        match open.is_empty() {
                            true => break,
                            false => cursor = page.next_sibling(&tree.nodes[done].handle),
                        }
                    }
                    None => break,
                },
            }
        }
        tree.finish();
        tree
    }

    fn capture_svg_titles<P: Page<Node = N>>(&mut self, page: &P, svg: NodeId) {
        let mut cursor = page.first_child(&self.nodes[svg].handle);
        while let Some(node) = cursor {
            if let NodeKind::Element(tag) = page.kind(&node) {
                if tag == "title" {
                    let mut text = String::new();
                    let mut inner = page.first_child(&node);
                    while let Some(child) = inner {
                        if let NodeKind::Text(t) = page.kind(&child) {
                            text.push_str(&t);
                        }
                        inner = page.next_sibling(&child);
                    }
                    let title = self.push_element(node.clone(), Some(svg), tag, Attrs::default());
                    self.push_text(node.clone(), Some(title), text);
                    self.nodes[title].end = self.nodes.len();
                }
            }
            cursor = page.next_sibling(&node);
        }
    }

    fn push_element(
        &mut self,
        handle: N,
        parent: Option<NodeId>,
        tag: String,
        attrs: Attrs,
    ) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(TreeNode {
            handle,
            parent,
            end: id + 1,
            children: Vec::new(),
            tag: Some(tag),
            text: String::new(),
            attrs,
            text_chars: 0,
        });
        if let Some(p) = parent {
            self.nodes[p].children.push(id);
        }
        id
    }

    fn push_text(&mut self, handle: N, parent: Option<NodeId>, text: String) {
        let id = self.nodes.len();
        let chars = text.chars().count();
        self.nodes.push(TreeNode {
            handle,
            parent,
            end: id + 1,
            children: Vec::new(),
            tag: None,
            text,
            attrs: Attrs::default(),
            text_chars: chars,
        });
        if let Some(p) = parent {
            self.nodes[p].children.push(id);
        }
    }

    /// Sums text lengths up the tree (children come after parents).
    fn finish(&mut self) {
        for id in (1..self.nodes.len()).rev() {
            let chars = self.nodes[id].text_chars;
            if let Some(p) = self.nodes[id].parent {
                self.nodes[p].text_chars = self.nodes[p].text_chars.saturating_add(chars);
            }
        }
    }
}

fn is_skipped<P: Page>(page: &P, node: &P::Node, tag: &str) -> bool {
    is_invisible_tag(tag)
        || page.attr(node, "hidden").is_some()
        || page
            .attr(node, "aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// A `role` attribute as extraction compares it: trimmed, ASCII lowercase.
pub fn normalize_role(raw: &str) -> String {
    raw.trim().to_ascii_lowercase()
}

fn read_attrs<P: Page>(page: &P, node: &P::Node, tag: &str) -> Attrs {
    let role = page.attr(node, "role").map(|r| normalize_role(&r));
    let mut attrs = Attrs {
        aria_label: page.attr(node, "aria-label"),
        ..Attrs::default()
    };
    match tag {
        "a" | "area" => {
            attrs.href = page.attr(node, "href");
            attrs.title = page.attr(node, "title");
            attrs.download = page.attr(node, "download").is_some();
        }
        "button" => {
            attrs.title = page.attr(node, "title");
            attrs.aria_haspopup = page.attr(node, "aria-haspopup");
        }
        "img" => {
            attrs.alt = page.attr(node, "alt");
            attrs.title = page.attr(node, "title");
        }
        _ => {}
    }
    match role.as_deref() {
        Some("heading") => attrs.aria_level = page.attr(node, "aria-level"),
        Some("button") | Some("link") | Some("menuitem") => {
            if attrs.title.is_none() {
                attrs.title = page.attr(node, "title");
            }
            if attrs.aria_haspopup.is_none() {
                attrs.aria_haspopup = page.attr(node, "aria-haspopup");
            }
        }
        _ => {}
    }
    attrs.role = role;
    attrs.shadow = page.shadow(node);
    attrs
}

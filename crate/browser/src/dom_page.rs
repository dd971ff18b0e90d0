//! [`DomPage`]: the extractor's [`Page`] over the live DOM (`web_sys`).
//!
//! A snapshot ([`Page::capture`]) is ONE call into JavaScript
//! (`extension/page_snapshot.js`), which returns the subtree in the string
//! form of `core::page::wire` plus the nodes it wrote; the per-node methods
//! (one call each) remain for single nodes. This adapter never interprets
//! the page (every rule lives in `core::extract` and `core::share_menu`),
//! never changes it, and never panics: a missing window, document or
//! attribute is `None`.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node};

use crate::core::page::wire::WireDoc;
use crate::core::page::{
    NodeKind, Page, ShadowMode, Tree, INVISIBLE_TAGS, MAX_NODES, READ_ATTRIBUTES,
};

#[wasm_bindgen]
extern "C" {
    /// `extension/page_snapshot.js`: the subtree of `root` as one string,
    /// each node written pushed to `handles` in order (an array, or `null`
    /// when the nodes are not needed).
    #[wasm_bindgen(js_name = pgPageSnapshot)]
    fn page_snapshot(
        root: &Node,
        attributes: &str,
        invisible_tags: &str,
        max_nodes: u32,
        handles: &JsValue,
    ) -> JsValue;

    /// `extension/page_snapshot.js`: the first child in the composed tree
    /// (an open shadow root's first child, a slot's first assigned node).
    #[wasm_bindgen(js_name = pgComposedFirstChild)]
    fn composed_first_child(node: &Node) -> Option<Node>;

    /// `extension/page_snapshot.js`: the next sibling in the composed tree.
    #[wasm_bindgen(js_name = pgComposedNextSibling)]
    fn composed_next_sibling(node: &Node) -> Option<Node>;

    /// `extension/page_snapshot.js`: `"open"`, `"closed"` or `null`.
    #[wasm_bindgen(js_name = pgShadowMode)]
    fn shadow_mode(element: &Node) -> Option<String>;
}

/// The subtree of `root` in the wire format, as a JavaScript string (timed
/// for the bench); see [`page_snapshot`].
fn snapshot_of(root: &Node, handles: &JsValue) -> JsValue {
    crate::perf::mark(crate::perf::SNAPSHOT_JS_START);
    let text = page_snapshot(
        root,
        &READ_ATTRIBUTES.join(" "),
        &INVISIBLE_TAGS.join(" "),
        SNAPSHOT_MAX_NODES,
        handles,
    );
    crate::perf::measure(crate::perf::SNAPSHOT_JS, crate::perf::SNAPSHOT_JS_START);
    text
}

/// A node of a [`DomPage`]: a live DOM node, or one of a snapshot, which
/// stays a number until [`DomNode::node`] asks JavaScript for it (most
/// snapshot nodes are never needed as DOM nodes).
#[derive(Debug, Clone)]
pub struct DomNode(Handle);

#[derive(Debug, Clone)]
enum Handle {
    Live(Node),
    Captured(Rc<js_sys::Array>, u32),
}

impl DomNode {
    /// The DOM node.
    pub fn node(&self) -> Option<Node> {
        match &self.0 {
            Handle::Live(node) => Some(node.clone()),
            Handle::Captured(handles, index) => handles.get(*index).dyn_into().ok(),
        }
    }

    /// The DOM element, when the node is one.
    pub fn element(&self) -> Option<Element> {
        self.node()?.dyn_into().ok()
    }
}

impl From<Node> for DomNode {
    fn from(node: Node) -> DomNode {
        DomNode(Handle::Live(node))
    }
}

/// The same DOM node (JavaScript `===`).
impl PartialEq for DomNode {
    fn eq(&self, other: &DomNode) -> bool {
        match (&self.0, &other.0) {
            (Handle::Captured(a, i), Handle::Captured(b, j)) if Rc::ptr_eq(a, b) => i == j,
            _ => self.node() == other.node(),
        }
    }
}

/// A document read through the [`Page`] trait, with the URL it stands for.
#[derive(Debug, Clone)]
pub struct DomPage {
    document: Document,
    url: String,
}

impl DomPage {
    /// The current window's document at `location.href`; `None` where there
    /// is no window (a worker).
    pub fn current() -> Option<DomPage> {
        let window = web_sys::window()?;
        let url = window.location().href().ok()?;
        Some(DomPage {
            document: window.document()?,
            url,
        })
    }

    /// Any document (e.g. one parsed with `DOMParser`) read as if it were
    /// served at `url`.
    pub fn new(document: Document, url: String) -> DomPage {
        DomPage { document, url }
    }

    /// The document.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The whole page ([`Page::root`]) in the wire format, as a JavaScript
    /// string: what [`Page::capture`] reads, for the background to read.
    pub fn snapshot_text(&self) -> JsValue {
        match self.root().and_then(|root| root.node()) {
            Some(root) => snapshot_of(&root, &JsValue::NULL),
            None => JsValue::from_str(""),
        }
    }
}

/// The snapshot leaves out what the walk skips (hidden subtrees), so it may
/// read more nodes than the tree keeps.
const SNAPSHOT_MAX_NODES: u32 = (2 * MAX_NODES) as u32;

impl Page for DomPage {
    type Node = DomNode;

    fn url(&self) -> String {
        self.url.clone()
    }

    fn root(&self) -> Option<DomNode> {
        let root: Node = match self.document.body() {
            Some(body) => body.into(),
            None => self.document.document_element()?.into(),
        };
        Some(root.into())
    }

    // The composed tree, as `page_snapshot.js` writes it (see `Page::shadow`).
    fn first_child(&self, node: &DomNode) -> Option<DomNode> {
        composed_first_child(&node.node()?).map(Into::into)
    }

    fn next_sibling(&self, node: &DomNode) -> Option<DomNode> {
        composed_next_sibling(&node.node()?).map(Into::into)
    }

    fn kind(&self, node: &DomNode) -> NodeKind {
        let Some(node) = node.node() else {
            return NodeKind::Other;
        };
        match node.node_type() {
            // The node type was just checked: no `instanceof` round trip.
            Node::ELEMENT_NODE => NodeKind::Element(
                node.unchecked_ref::<Element>()
                    .local_name()
                    .to_ascii_lowercase(),
            ),
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                NodeKind::Text(node.node_value().unwrap_or_default())
            }
            _ => NodeKind::Other,
        }
    }

    fn attr(&self, node: &DomNode, name: &str) -> Option<String> {
        // The walker only asks elements (see `Page::attr`): no `instanceof`
        // round trip per attribute.
        node.node()?.unchecked_ref::<Element>().get_attribute(name)
    }

    fn shadow(&self, node: &DomNode) -> Option<ShadowMode> {
        match shadow_mode(&node.node()?).as_deref() {
            Some("open") => Some(ShadowMode::Open),
            Some("closed") => Some(ShadowMode::Closed),
            _ => None,
        }
    }

    fn capture(&self, start: DomNode) -> Tree<DomNode> {
        let Some(root) = start.node() else {
            return Tree::empty(self.url.clone());
        };
        let handles = js_sys::Array::new();
        let text = snapshot_of(&root, &handles).as_string().unwrap_or_default();
        let handles = Rc::new(handles);
        Tree::from_wire(&WireDoc::parse(text, self.url.clone()))
            .map_handles(|index| DomNode(Handle::Captured(handles.clone(), index as u32)))
    }
}

//! [`DomPage`]: the extractor's [`Page`] over the live DOM (`web_sys`).
//!
//! Each method is one or two calls into JavaScript, and the extractor walks
//! the page once, so reading a whole profile costs a few calls per node. This
//! adapter never interprets the page (every rule lives in `core::extract` and
//! `core::share_menu`), never changes it, and never panics: a missing
//! window, document or attribute is `None`.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node};

use crate::core::page::{NodeKind, Page};

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
}

impl Page for DomPage {
    type Node = Node;

    fn url(&self) -> String {
        self.url.clone()
    }

    fn root(&self) -> Option<Node> {
        match self.document.body() {
            Some(body) => Some(body.into()),
            None => self.document.document_element().map(Into::into),
        }
    }

    fn first_child(&self, node: &Node) -> Option<Node> {
        node.first_child()
    }

    fn next_sibling(&self, node: &Node) -> Option<Node> {
        node.next_sibling()
    }

    fn kind(&self, node: &Node) -> NodeKind {
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

    fn attr(&self, node: &Node, name: &str) -> Option<String> {
        // The walker only asks elements (see `Page::attr`): no `instanceof`
        // round trip per attribute.
        node.unchecked_ref::<Element>().get_attribute(name)
    }
}

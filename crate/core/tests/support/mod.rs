//! Test support: [`HtmlPage`], the [`Page`] trait over a parsed HTML file
//! (scraper), and the page behaviours of `tests/fixtures/static/site.js`
//! replayed on the parsed tree, so native tests can reach every state a
//! browser shows: late rendering, an open Share menu, SPA navigation.
//!
//! The replays follow the same data attributes as `site.js` (see its header)
//! and must stay in step with it. This module never decides what a page
//! means: that is the extractor's job.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;

use ego_tree::NodeId;
use purpose_greenhouse_core::page::{NodeKind, Page, ShadowMode};
use scraper::{Html, Node};

/// A fixture page parsed natively, with the URL it is served at.
///
/// Declarative shadow DOM (`<template shadowrootmode="open|closed">` as a
/// child of its host) is attached as a browser's parser does, and the tree
/// is kept in its rendered (composed) form, the one [`Page`] walks in the
/// browser: an open root's host holds the root's content, each `<slot>` the
/// light-DOM nodes assigned to it (by `slot="name"`, the rest to the default
/// slot; unassigned ones are not rendered and dropped), its own children when
/// none are; a closed root's host keeps its light-DOM children and is only
/// marked. `static/site.js` does the same for templates it clones into the
/// page, and `crate/browser/tests/web_extract.rs` for the parsed documents.
pub struct HtmlPage {
    html: Html,
    url: String,
    shadow: HashMap<NodeId, ShadowMode>,
}

impl HtmlPage {
    /// Parses a whole document.
    pub fn parse(html: &str, url: &str) -> Self {
        let mut page = HtmlPage {
            html: Html::parse_document(html),
            url: url.to_string(),
            shadow: HashMap::new(),
        };
        page.attach_shadow_roots();
        page
    }

    /// The shadow root `host` has, if any.
    pub fn shadow_of(&self, host: NodeId) -> Option<ShadowMode> {
        self.shadow.get(&host).copied()
    }

    /// Attaches every live declarative shadow root, outermost first (a
    /// root's content may declare more).
    fn attach_shadow_roots(&mut self) {
        loop {
            let next = self.live_elements().into_iter().find(|&id| {
                self.tag_of(id) == "template" && self.attr_of(id, "shadowrootmode").is_some()
            });
            let Some(template) = next else { break };
            let mode = self.attr_of(template, "shadowrootmode").unwrap_or_default();
            let host = self
                .html
                .tree
                .get(template)
                .and_then(|t| t.parent())
                .filter(|h| h.value().is_element())
                .map(|h| h.id());
            let contents = self.template_contents(template);
            if let Some(mut node) = self.html.tree.get_mut(template) {
                node.detach();
            }
            let Some(host) = host else { continue };
            if self.shadow.contains_key(&host) {
                continue; // one root per host: later templates are inert
            }
            match mode.trim().eq_ignore_ascii_case("open") {
                true => self.attach_open(host, &contents),
                false => {
                    self.shadow.insert(host, ShadowMode::Closed);
                }
            }
        }
    }

    fn attach_open(&mut self, host: NodeId, contents: &[NodeId]) {
        self.shadow.insert(host, ShadowMode::Open);
        let light: Vec<NodeId> = self.children_of(host);
        for &id in &light {
            if let Some(mut node) = self.html.tree.get_mut(id) {
                node.detach();
            }
        }
        for &id in contents {
            self.deep_copy(id, host);
        }
        // The slots of this root (not those of templates still inert).
        let slots: Vec<NodeId> = match self.html.tree.get(host) {
            Some(h) => h
                .descendants()
                .filter(|n| matches!(n.value(), Node::Element(e) if e.name() == "slot"))
                .filter(|n| {
                    !n.ancestors()
                        .take_while(|a| a.id() != host)
                        .any(|a| matches!(a.value(), Node::Element(e) if e.name() == "template"))
                })
                .map(|n| n.id())
                .collect(),
            None => Vec::new(),
        };
        let slot_name = |page: &HtmlPage, id: NodeId| page.attr_of(id, "name").unwrap_or_default();
        let mut assigned: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
        for id in light {
            let wanted = match self.html.tree.get(id).map(|n| n.value()) {
                Some(Node::Element(e)) => e.attr("slot").unwrap_or("").to_string(),
                Some(Node::Text(_)) => String::new(),
                _ => continue,
            };
            if let Some(&slot) = slots.iter().find(|&&s| slot_name(self, s) == wanted) {
                assigned.entry(slot).or_default().push(id);
            }
        }
        for (slot, nodes) in assigned {
            for fallback in self.children_of(slot) {
                if let Some(mut node) = self.html.tree.get_mut(fallback) {
                    node.detach();
                }
            }
            for id in nodes {
                if let Some(mut node) = self.html.tree.get_mut(slot) {
                    node.append_id(id);
                }
            }
        }
    }

    fn children_of(&self, id: NodeId) -> Vec<NodeId> {
        match self.html.tree.get(id) {
            Some(n) => n.children().map(|c| c.id()).collect(),
            None => Vec::new(),
        }
    }

    /// Changes the page URL (history.pushState).
    pub fn set_url(&mut self, url: &str) {
        self.url = url.to_string();
    }

    /// Live elements (not inside a `<template>`) in document order.
    fn live_elements(&self) -> Vec<NodeId> {
        self.html
            .tree
            .root()
            .descendants()
            .filter(|n| n.value().is_element())
            .filter(|n| {
                !n.ancestors()
                    .any(|a| matches!(a.value(), Node::Element(e) if e.name() == "template"))
            })
            .map(|n| n.id())
            .collect()
    }

    fn attr_of(&self, id: NodeId, name: &str) -> Option<String> {
        match self.html.tree.get(id)?.value() {
            Node::Element(e) => e.attr(name).map(str::to_string),
            _ => None,
        }
    }

    fn tag_of(&self, id: NodeId) -> String {
        match self.html.tree.get(id).map(|n| n.value()) {
            Some(Node::Element(e)) => e.name().to_string(),
            _ => String::new(),
        }
    }

    fn live_by_id(&self, wanted: &str) -> Option<NodeId> {
        self.live_elements()
            .into_iter()
            .find(|&id| self.attr_of(id, "id").as_deref() == Some(wanted))
    }

    fn body(&self) -> Option<NodeId> {
        self.live_elements()
            .into_iter()
            .find(|&id| self.tag_of(id) == "body")
    }

    /// The children of a template's contents (scraper keeps them under a
    /// fragment node, the template's only child).
    fn template_contents(&self, template: NodeId) -> Vec<NodeId> {
        match self.html.tree.get(template).and_then(|t| t.first_child()) {
            Some(fragment) => fragment.children().map(|c| c.id()).collect(),
            None => Vec::new(),
        }
    }

    fn deep_copy(&mut self, from: NodeId, to: NodeId) -> Option<NodeId> {
        let value = self.html.tree.get(from)?.value().clone();
        let copy = self.html.tree.get_mut(to)?.append(value).id();
        let kids: Vec<NodeId> = self
            .html
            .tree
            .get(from)?
            .children()
            .map(|c| c.id())
            .collect();
        for kid in kids {
            self.deep_copy(kid, copy);
        }
        Some(copy)
    }

    fn replace_children_with_template(&mut self, target: NodeId, template: NodeId) {
        let old: Vec<NodeId> = match self.html.tree.get(target) {
            Some(t) => t.children().map(|c| c.id()).collect(),
            None => return,
        };
        for id in old {
            if let Some(mut node) = self.html.tree.get_mut(id) {
                node.detach();
            }
        }
        for id in self.template_contents(template) {
            self.deep_copy(id, target);
        }
    }

    /// Site.js late rendering: every `template[data-render-late]` replaces the
    /// children of `#{data-render-into}`. Returns how many templates rendered.
    pub fn render_late(&mut self) -> usize {
        let templates: Vec<NodeId> = self
            .live_templates()
            .into_iter()
            .filter(|&t| self.attr_of(t, "data-render-late").is_some())
            .collect();
        let mut rendered = 0;
        for template in templates {
            let target = self
                .attr_of(template, "data-render-into")
                .and_then(|id| self.live_by_id(&id));
            if let Some(target) = target {
                self.replace_children_with_template(target, template);
                rendered += 1;
            }
        }
        self.attach_shadow_roots();
        rendered
    }

    fn live_templates(&self) -> Vec<NodeId> {
        self.live_elements()
            .into_iter()
            .filter(|&id| self.tag_of(id) == "template")
            .collect()
    }

    /// True when the page has a late-rendering template.
    pub fn has_late_render(&self) -> bool {
        self.live_templates()
            .into_iter()
            .any(|t| self.attr_of(t, "data-render-late").is_some())
    }

    /// Site.js Share menu: clicks the first `[data-share-toggle]`, cloning
    /// its template's first element into a portal at the end of <body> or
    /// right after the toggle. Returns the menu's node, `None` when the page
    /// has no toggle.
    pub fn open_share_menu(&mut self) -> Option<NodeId> {
        let toggle = self
            .live_elements()
            .into_iter()
            .find(|&id| self.attr_of(id, "data-share-toggle").is_some())?;
        let template = self
            .attr_of(toggle, "data-menu-template")
            .and_then(|id| self.live_by_id(&id))?;
        let first = self.template_contents(template).into_iter().find(|&id| {
            self.html
                .tree
                .get(id)
                .is_some_and(|n| n.value().is_element())
        })?;
        let value = self.html.tree.get(first)?.value().clone();
        let menu = match self.attr_of(toggle, "data-menu-mount").as_deref() {
            Some("inline") => self.html.tree.get_mut(toggle)?.insert_after(value).id(),
            Some("popover") => {
                // A <ds-popover> at the end of <body>, the menu in its open
                // shadow root (composed: as its child).
                let host = Html::parse_fragment("<ds-popover></ds-popover>")
                    .tree
                    .root()
                    .descendants()
                    .find(|n| matches!(n.value(), Node::Element(e) if e.name() == "ds-popover"))?
                    .value()
                    .clone();
                let body = self.body()?;
                let host = self.html.tree.get_mut(body)?.append(host).id();
                self.shadow.insert(host, ShadowMode::Open);
                let menu = self.html.tree.get_mut(host)?.append(value).id();
                let kids: Vec<NodeId> = self
                    .html
                    .tree
                    .get(first)?
                    .children()
                    .map(|c| c.id())
                    .collect();
                for kid in kids {
                    self.deep_copy(kid, menu);
                }
                return Some(host);
            }
            _ => {
                let body = self.body()?;
                self.html.tree.get_mut(body)?.append(value).id()
            }
        };
        let kids: Vec<NodeId> = self
            .html
            .tree
            .get(first)?
            .children()
            .map(|c| c.id())
            .collect();
        for kid in kids {
            self.deep_copy(kid, menu);
        }
        self.attach_shadow_roots();
        Some(menu)
    }

    /// Site.js SPA navigation to `route` (path + query): the URL changes,
    /// then the route's template replaces the profile. Returns false when
    /// the page has no such route.
    pub fn navigate(&mut self, route: &str) -> bool {
        let template = self
            .live_templates()
            .into_iter()
            .find(|&t| self.attr_of(t, "data-route").as_deref() == Some(route));
        let Some(template) = template else {
            return false;
        };
        let Some(target) = self
            .attr_of(template, "data-render-into")
            .and_then(|id| self.live_by_id(&id))
        else {
            return false;
        };
        self.set_url(&format!("{}{}", origin(&self.url), route));
        self.replace_children_with_template(target, template);
        self.attach_shadow_roots();
        true
    }

    /// Site.js navigation, first half: the URL already names the next
    /// candidate while the old profile is still on screen.
    pub fn push_url_only(&mut self, route: &str) {
        self.set_url(&format!("{}{}", origin(&self.url), route));
    }
}

fn origin(url: &str) -> String {
    let after_scheme = url.find("://").map(|i| i + 3).unwrap_or(0);
    match url[after_scheme..].find('/') {
        Some(i) => url[..after_scheme + i].to_string(),
        None => url.to_string(),
    }
}

impl Page for HtmlPage {
    type Node = NodeId;

    fn url(&self) -> String {
        self.url.clone()
    }

    fn root(&self) -> Option<NodeId> {
        self.body()
            .or_else(|| self.html.tree.root().first_child().map(|n| n.id()))
    }

    fn first_child(&self, node: &NodeId) -> Option<NodeId> {
        self.html.tree.get(*node)?.first_child().map(|n| n.id())
    }

    fn next_sibling(&self, node: &NodeId) -> Option<NodeId> {
        self.html.tree.get(*node)?.next_sibling().map(|n| n.id())
    }

    fn kind(&self, node: &NodeId) -> NodeKind {
        match self.html.tree.get(*node).map(|n| n.value()) {
            Some(Node::Element(e)) => NodeKind::Element(e.name().to_ascii_lowercase()),
            Some(Node::Text(t)) => NodeKind::Text(t.to_string()),
            _ => NodeKind::Other,
        }
    }

    fn attr(&self, node: &NodeId, name: &str) -> Option<String> {
        self.attr_of(*node, name)
    }

    fn shadow(&self, node: &NodeId) -> Option<ShadowMode> {
        self.shadow_of(*node)
    }
}

/// `tests/fixtures` in the repository.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// One entry of `tests/fixtures/index.json`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct FixtureEntry {
    /// File name without `.html`.
    pub fixture: String,
    /// The URL the page is served at.
    pub url: String,
    /// `"profile"` or `"not-profile"`.
    pub kind: String,
    /// What the fixture exercises.
    pub notes: String,
}

/// Every fixture of the index.
pub fn index() -> Vec<FixtureEntry> {
    let text =
        std::fs::read_to_string(fixtures_dir().join("index.json")).expect("index.json is readable");
    serde_json::from_str(&text).expect("index.json is a list of fixture entries")
}

/// The index entry of one fixture.
pub fn entry(name: &str) -> FixtureEntry {
    index()
        .into_iter()
        .find(|e| e.fixture == name)
        .unwrap_or_else(|| panic!("fixture {name} is not in index.json"))
}

/// The fixture's page, parsed at its URL.
pub fn load(name: &str) -> HtmlPage {
    let entry = entry(name);
    let html = std::fs::read_to_string(fixtures_dir().join(format!("{name}.html")))
        .unwrap_or_else(|e| panic!("{name}.html: {e}"));
    HtmlPage::parse(&html, &entry.url)
}

/// Compares `actual` with the golden file `name` (JSON), or writes it when
/// `UPDATE_GOLDEN=1` (review every change before committing it).
pub fn assert_golden(name: &str, actual: &serde_json::Value) {
    let path = fixtures_dir().join(name);
    let pretty = serde_json::to_string_pretty(actual).expect("JSON values serialize") + "\n";
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::write(&path, pretty).expect("golden file is writable");
        return;
    }
    let expected_text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it, then review it)",
            path.display()
        )
    });
    let expected: serde_json::Value =
        serde_json::from_str(&expected_text).expect("golden file is JSON");
    assert!(
        expected == *actual,
        "{name} differs from the golden file.\n--- expected\n{}\n--- actual\n{pretty}",
        serde_json::to_string_pretty(&expected).unwrap_or_default()
    );
}

//! The items this extension adds to the profile's Share menu: built like
//! the menu's own items (same tag, classes and role, copied shallowly from
//! an existing item, never its handlers, ids or `on*` attributes), inserted
//! as siblings so the menu's arrow-key order includes them, and redrawn
//! when the send state of the candidate changes.
//!
//! This module never decides what a click does: it marks the two items
//! `primary`/`secondary` and the caller maps that to an action from the
//! current state at click time (`core::inpage::menu`). The items are in
//! the page's reach: they say whether the candidate was sent, never what
//! Greenhouse says about it.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element, Node};

pub use crate::core::inpage::menu::ItemsView;
use crate::text::Label;

/// Attribute on every element this module inserts; its value says which.
pub const MARK: &str = "data-purpose-greenhouse";
/// [`MARK`] value of the main item.
pub const PRIMARY: &str = "primary";
/// [`MARK`] value of the second item.
pub const SECONDARY: &str = "secondary";
/// [`MARK`] value of wrapper elements (e.g. an `<li role="none">` around
/// the item, when the menu's items are wrapped).
pub const WRAPPER: &str = "wrapper";

/// Our inserted item pair in one menu rendering.
#[derive(Debug, Clone)]
pub struct InsertedItems {
    /// The main item (the element with `role="menuitem"`).
    pub primary: Element,
    /// The second item.
    pub secondary: Element,
}

/// True when `el` was inserted by this module.
pub fn is_ours(el: &Element) -> bool {
    el.has_attribute(MARK)
}

/// True when `container` already holds our items (so a menu rendering
/// never gets them twice).
pub fn already_inserted(container: &Element) -> bool {
    let selector = format!("[{MARK}=\"{PRIMARY}\"]");
    matches!(container.query_selector(&selector), Ok(Some(_)))
}

/// Inserts the two items into `container`, modelled on `template` (one of
/// the menu's own items), after the last of the menu's items. `on_click`
/// and `on_key` are attached to each item.
pub fn insert(
    doc: &Document,
    container: &Element,
    template: &Element,
    view: &ItemsView,
    on_click: &js_sys::Function,
    on_key: &js_sys::Function,
) -> Result<InsertedItems, JsValue> {
    // The chain from the container's child down to the item itself: the
    // menu may wrap each item (`<li role="none"><button role="menuitem">`).
    let mut chain = vec![template.clone()];
    let mut cursor = template.parent_element();
    let mut inside = false;
    while let Some(parent) = cursor {
        if parent.is_same_node(Some(container)) {
            inside = true;
            break;
        }
        cursor = parent.parent_element();
        chain.push(parent);
    }
    if !inside {
        // The template is not inside the container: copy the item alone.
        chain.truncate(1);
    }
    chain.reverse();
    let primary = build(doc, &chain, PRIMARY)?;
    let secondary = build(doc, &chain, SECONDARY)?;
    for item in [&primary.1, &secondary.1] {
        item.add_event_listener_with_callback("click", on_click)?;
        item.add_event_listener_with_callback("keydown", on_key)?;
    }
    let anchor = last_item_level_child(container);
    let next = anchor.as_ref().and_then(|a| a.next_sibling());
    container.insert_before(&primary.0, next.as_ref())?;
    container.insert_before(&secondary.0, next.as_ref())?;
    let items = InsertedItems {
        primary: primary.1,
        secondary: secondary.1,
    };
    render(&items, view);
    Ok(items)
}

/// Moves our items back after the menu's own items when the page added
/// items after them (a menu kept in the page that fills itself item by
/// item): the arrow-key order stays "the site's items, then ours".
pub fn keep_ours_last(container: &Element) {
    let Some(anchor) = last_item_level_child(container) else {
        return;
    };
    let mut ours = Vec::new();
    let mut cursor = container.first_element_child();
    while let Some(el) = cursor {
        cursor = el.next_element_sibling();
        if is_ours(&el) {
            ours.push(el);
        }
    }
    let misplaced = ours.first().is_some_and(|first| {
        anchor.compare_document_position(first) & Node::DOCUMENT_POSITION_FOLLOWING == 0
    });
    if misplaced {
        let next = anchor.next_sibling();
        for el in &ours {
            let _ = container.insert_before(el, next.as_ref());
        }
    }
}

/// Builds one copy of `chain` (outermost first); returns (outermost, item).
fn build(doc: &Document, chain: &[Element], which: &str) -> Result<(Element, Element), JsValue> {
    let mut outer: Option<Element> = None;
    let mut inner: Option<Element> = None;
    let last = chain.len().saturating_sub(1);
    for (depth, model) in chain.iter().enumerate() {
        let is_item = depth == last;
        let el = doc.create_element(&model.local_name())?;
        if let Some(class) = model.get_attribute("class") {
            el.set_attribute("class", &class)?;
        }
        match is_item {
            true => {
                el.set_attribute("role", "menuitem")?;
                // Roving focus: the menu focuses items itself; never add a
                // second tab stop.
                el.set_attribute("tabindex", "-1")?;
                el.set_attribute(MARK, which)?;
                if el.local_name() == "button" {
                    el.set_attribute("type", "button")?;
                }
            }
            false => {
                if let Some(role) = model.get_attribute("role") {
                    el.set_attribute("role", &role)?;
                }
                el.set_attribute(MARK, WRAPPER)?;
            }
        }
        match &inner {
            Some(parent) => {
                parent.append_child(&el)?;
            }
            None => outer = Some(el.clone()),
        }
        inner = Some(el);
    }
    match (outer, inner) {
        (Some(outer), Some(inner)) => Ok((outer, inner)),
        _ => Err(JsValue::from_str("empty menu item template")),
    }
}

/// The container's last item: its last element child that is not ours and
/// not a separator (menus may end with one, which must stay last).
fn last_item_level_child(container: &Element) -> Option<Element> {
    let mut cursor = container.last_element_child();
    while let Some(el) = cursor {
        let separator = el.local_name() == "hr"
            || el
                .get_attribute("role")
                .is_some_and(|role| role.trim().eq_ignore_ascii_case("separator"));
        if !separator && !is_ours(&el) {
            return Some(el);
        }
        cursor = el.previous_element_sibling();
    }
    None
}

/// Shows `view` on the items (text and disabled state).
pub fn render(items: &InsertedItems, view: &ItemsView) {
    let (primary, secondary, busy) = match view {
        ItemsView::Ready => (Label::SendItem.text(), Label::ReviewItem.text(), false),
        ItemsView::Sending => (Label::SendingItem.text(), Label::ReviewItem.text(), true),
        ItemsView::Queued => (Label::QueuedItem.text(), Label::SendAgainItem.text(), false),
        ItemsView::Sent => (Label::SentItem.text(), Label::SendAgainItem.text(), false),
    };
    set_item(&items.primary, &primary, busy);
    set_item(&items.secondary, &secondary, busy);
}

fn set_item(item: &Element, text: &str, busy: bool) {
    if item.text_content().as_deref() != Some(text) {
        item.set_text_content(Some(text));
    }
    let _ = match busy {
        true => item
            .set_attribute("aria-disabled", "true")
            .and_then(|_| item.set_attribute("aria-busy", "true")),
        false => item
            .remove_attribute("aria-disabled")
            .and_then(|_| item.remove_attribute("aria-busy")),
    };
}

/// True while `items` are still in the page.
pub fn is_live(items: &InsertedItems) -> bool {
    items.primary.is_connected()
}

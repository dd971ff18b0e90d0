//! Watching the page: one `MutationObserver` on `<body>` plus a `popstate`
//! listener, to notice the Share menu opening and the address changing
//! (single-page navigation). A menu can open in three ways, all watched:
//!
//! - it is added to the page (a portal or an inline element): the added
//!   elements are read;
//! - its items are added to a menu container that stays in the page: the
//!   container is read too, when it looks like a menu or the items have an
//!   item's role (`core::share_menu::may_be_item_of`);
//! - it was in the page all along and is shown: its toggle's
//!   `aria-expanded` turns `"true"` (the element it `aria-controls` is read,
//!   else the whole page), or it loses its `hidden` attribute (it is read).
//!
//! Cheap by design: only added elements, their parents and those two
//! attributes are looked at, and nothing here reads layout (no forced
//! reflow). Items are inserted in the observer callback itself, i.e. before
//! the next frame is painted.
//!
//! Web components: mutations inside a shadow root do not reach an observer
//! of `<body>`, so the same observer also observes every OPEN shadow root
//! it meets, at any depth: those in the page at start, those hosted by (or
//! inside) added elements, and those on the composed path of a pointer or
//! key event (a root attached later to an element already in the page, as a
//! custom element upgrading does). A menu in a shadow root is then read and
//! served exactly as in the light DOM. On a page without shadow roots this
//! costs one JavaScript call per batch of added elements and one per
//! pointer or key press, each finding nothing.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, MutationObserver, MutationObserverInit, MutationRecord, Node};

use super::{dom, flow, items, menu, overlay, reading, state};
use crate::core::page::normalize_role;
use crate::core::profile::share_menu;

#[wasm_bindgen]
extern "C" {
    /// `extension/page_snapshot.js`: observes every open shadow root in or
    /// hosted by `nodes` not observed yet; how many it added.
    #[wasm_bindgen(js_name = pgObserveShadowRoots)]
    fn observe_shadow_roots(
        observer: &MutationObserver,
        options: &MutationObserverInit,
        nodes: &js_sys::Array,
    ) -> u32;

    /// `extension/page_snapshot.js`: the hosts of the open shadow roots on
    /// the event's composed path, innermost first.
    #[wasm_bindgen(js_name = pgPathShadowHosts)]
    fn path_shadow_hosts(event: &web_sys::Event) -> js_sys::Array;

    /// `extension/page_snapshot.js`: the same for the open shadow roots on
    /// the event's composed path.
    #[wasm_bindgen(js_name = pgObservePathRoots)]
    fn observe_path_roots(
        observer: &MutationObserver,
        options: &MutationObserverInit,
        event: &web_sys::Event,
    ) -> u32;
}

thread_local! {
    /// The one observer and its options, for the shadow roots met later.
    static OBSERVER: std::cell::RefCell<Option<(MutationObserver, MutationObserverInit)>> =
        const { std::cell::RefCell::new(None) };
}

/// Observes the open shadow roots in (or hosted by) `nodes`.
fn observe_roots_in(nodes: &js_sys::Array) {
    OBSERVER.with(|cell| {
        if let Some((observer, options)) = cell.borrow().as_ref() {
            observe_shadow_roots(observer, options, nodes);
        }
    });
}

/// Creates the shared handlers and attaches the observer. Called once.
pub fn start() -> Result<(), JsValue> {
    let doc = dom::document()?;
    let listeners = state::Listeners {
        item_click: Closure::new(items::on_item_click),
        item_key: Closure::new(items::on_item_key),
        frame_message: Closure::new(flow::on_frame_message),
        window_key: Closure::new(flow::on_window_key),
    };
    let url = dom::current_url();
    state::with(|s| {
        s.listeners = Some(listeners);
        s.last_url = url;
    });

    let callback = Closure::<dyn FnMut(js_sys::Array, MutationObserver)>::new(
        |records: js_sys::Array, _observer: MutationObserver| on_mutations(&records),
    );
    let observer = MutationObserver::new(callback.as_ref().unchecked_ref())?;
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    options.set_attribute_filter(&js_sys::Array::of2(
        &JsValue::from_str(EXPANDED),
        &JsValue::from_str(HIDDEN),
    ));
    let target: Node = match doc.body() {
        Some(body) => body.into(),
        None => doc
            .document_element()
            .ok_or_else(|| JsValue::from_str("no document element"))?
            .into(),
    };
    observer.observe_with_options(&target, &options)?;
    let scan_started = crate::perf::now();
    let shadow_roots = observe_shadow_roots(&observer, &options, &js_sys::Array::of1(&target));
    crate::perf::span(crate::perf::SHADOW_SCAN, "start", scan_started);
    OBSERVER.with(|cell| *cell.borrow_mut() = Some((observer, options)));
    // Both live as long as the page.
    callback.forget();

    // Shadow roots attached to elements already in the page (no mutation
    // shows them): met on the way of the press that opens a menu.
    let on_press = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        OBSERVER.with(|cell| {
            if let Some((observer, options)) = cell.borrow().as_ref() {
                observe_path_roots(observer, options, &event);
            }
        });
    });
    for name in ["pointerdown", "keydown"] {
        dom::window()?.add_event_listener_with_callback_and_bool(
            name,
            on_press.as_ref().unchecked_ref(),
            true,
        )?;
    }
    on_press.forget();

    // A menu that opened inside a shadow root on the way of a click, when
    // no mutation record reached us (Firefox does not always deliver a
    // content script the mutations a page makes inside shadow roots): the
    // page's own handlers ran before this bubbling listener, so the menu is
    // there; a menu that already has our items is left alone.
    let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        let hosts = path_shadow_hosts(&event);
        if hosts.length() == 0 {
            return;
        }
        let outermost = hosts.get(hosts.length() - 1).dyn_into::<Element>().ok();
        look_for_menus(outermost.into_iter().collect());
    });
    for name in ["click", "keyup"] {
        dom::window()?.add_event_listener_with_callback(name, on_click.as_ref().unchecked_ref())?;
    }
    on_click.forget();

    let popstate = Closure::<dyn FnMut()>::new(flow::check_url);
    dom::window()?
        .add_event_listener_with_callback("popstate", popstate.as_ref().unchecked_ref())?;
    popstate.forget();

    // A menu the recruiter opened while this script was still loading gave
    // no mutation to observe: look once, only if some popup is open (or
    // the page has shadow roots, where that query cannot look).
    let expanded = matches!(doc.query_selector("[aria-expanded=\"true\"]"), Ok(Some(_)));
    if expanded || shadow_roots > 0 {
        if let Some(body) = doc.body() {
            let _ = look_for_menus(vec![body.into()]);
        }
    }
    crate::perf::mark(crate::perf::CONTENT_READY);
    Ok(())
}

/// The toggle attribute of a menu button (ARIA).
const EXPANDED: &str = "aria-expanded";
/// The attribute that hides an element (HTML).
const HIDDEN: &str = "hidden";

fn on_mutations(records: &js_sys::Array) {
    flow::check_url();
    // Elements added (or gaining items), and elements shown by an attribute.
    let mut candidates: Vec<Element> = Vec::new();
    let mut shown: Vec<Element> = Vec::new();
    // Every element added, for the shadow roots they may bring.
    let added = js_sys::Array::new();
    for record in records.iter() {
        let record: MutationRecord = record.unchecked_into();
        let target: Option<Element> = record.target().and_then(|t| t.dyn_into().ok());
        match record.attribute_name() {
            Some(name) => {
                if let Some(element) = target.and_then(|t| shown_menu(&t, &name)) {
                    push_new(&mut shown, element);
                }
            }
            None => {
                let mut item_like = false;
                let nodes = record.added_nodes();
                // The parent's tag and role, read once per record.
                let parent = match nodes.length() {
                    0 => None,
                    _ => target.as_ref().map(|p| (p.local_name(), role_of(p))),
                };
                for index in 0..nodes.length() {
                    let node = match nodes.item(index) {
                        Some(node) if node.node_type() == Node::ELEMENT_NODE => node,
                        _ => continue,
                    };
                    let element: Element = node.unchecked_into();
                    if is_ours_or_gone(&element) {
                        continue;
                    }
                    added.push(&element);
                    item_like = item_like
                        || parent.as_ref().is_some_and(|(tag, role)| {
                            share_menu::may_be_item_of(tag, role, &role_of(&element))
                        });
                    // Empty elements cannot be a menu (a menu has items),
                    // unless their content is in a shadow root.
                    if element.has_child_nodes() || element.shadow_root().is_some() {
                        push_new(&mut candidates, element);
                    }
                }
                // Items added one by one to a menu that stays in the page:
                // read the menu, or keep our items after the new ones.
                if let Some(parent) = target.filter(|p| item_like && !is_ours_or_gone(p)) {
                    match menu::already_inserted(&parent) {
                        true => menu::keep_ours_last(&parent),
                        false => push_new(&mut candidates, parent),
                    }
                }
            }
        }
    }
    if added.length() > 0 {
        observe_roots_in(&added);
    }
    // A menu added to the page usually flips its toggle's `aria-expanded`
    // too: read the page for it only when the added elements held no menu.
    if !look_for_menus(candidates) {
        look_for_menus(shown);
    }
}

/// Our own insertions, and nodes removed again in the same batch.
fn is_ours_or_gone(element: &Element) -> bool {
    menu::is_ours(element) || overlay::is_ours(element) || !element.is_connected()
}

/// The element's role as the core compares it (`""` when none).
fn role_of(element: &Element) -> String {
    element
        .get_attribute("role")
        .map(|role| normalize_role(&role))
        .unwrap_or_default()
}

/// The element to read after `attribute` changed on `target`: the menu a
/// toggle now says is expanded (the one it controls, else the whole page),
/// or an element that is no longer hidden.
fn shown_menu(target: &Element, attribute: &str) -> Option<Element> {
    match attribute {
        EXPANDED if target.get_attribute(EXPANDED).as_deref() == Some("true") => {
            let doc = dom::document().ok()?;
            // The id is looked up in the toggle's own tree (a shadow root's
            // ids are not the document's).
            let id = target.get_attribute("aria-controls");
            let id = id.as_deref().map(str::trim).unwrap_or_default();
            let controlled = match target.get_root_node().dyn_into::<web_sys::ShadowRoot>() {
                Ok(root) if !id.is_empty() => root.get_element_by_id(id),
                _ if !id.is_empty() => doc.get_element_by_id(id),
                _ => None,
            };
            controlled.or_else(|| doc.body().map(Into::into))
        }
        HIDDEN if !target.has_attribute(HIDDEN) && !is_ours_or_gone(target) => Some(target.clone()),
        _ => None,
    }
}

fn push_new(candidates: &mut Vec<Element>, element: Element) {
    if !candidates.iter().any(|c| c.is_same_node(Some(&element))) {
        candidates.push(element);
    }
}

/// Inserts our items into every profile Share menu in `added` that does
/// not have them yet. True when it found such a menu.
fn look_for_menus(added: Vec<Element>) -> bool {
    let mut found = false;
    for element in added {
        if let Some(opened) = reading::opened_menu(&element) {
            found = true;
            if menu::already_inserted(&opened.container) {
                continue;
            }
            match opened.candidate_id {
                Some(id) => items::insert_items(&opened.container, &opened.template, &id),
                // Only the page can say whether it shows a candidate, and
                // the profile rules run in the background: the item comes
                // with its answer, and only for a profile.
                None => wasm_bindgen_futures::spawn_local(async move {
                    let Some(id) = reading::candidate_of_page().await else {
                        return;
                    };
                    if opened.container.is_connected() && !menu::already_inserted(&opened.container)
                    {
                        items::insert_items(&opened.container, &opened.template, &id);
                    }
                }),
            }
        }
    }
    found
}

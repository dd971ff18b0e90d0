//! Watching the page: one `MutationObserver` on `<body>` (child list,
//! subtree) that looks only at the element nodes each batch adds, plus a
//! `popstate` listener, to notice the Share menu opening and the address
//! changing (single-page navigation).
//!
//! Cheap by design: a batch on a page that is not a candidate profile costs
//! one `location.href` read; elsewhere only added elements are looked at,
//! and nothing here reads layout (no forced reflow). Items are inserted in
//! the observer callback itself, i.e. before the next frame is painted.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, MutationObserver, MutationObserverInit, MutationRecord, Node};

use super::{dom, flow, menu, overlay, reading, state};

/// Creates the shared handlers and attaches the observer. Called once.
pub fn start() -> Result<(), JsValue> {
    let doc = dom::document()?;
    let listeners = state::Listeners {
        item_click: Closure::new(flow::on_item_click),
        item_key: Closure::new(flow::on_item_key),
        layer_click: Closure::new(flow::on_layer_click),
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
    let target: Node = match doc.body() {
        Some(body) => body.into(),
        None => doc
            .document_element()
            .ok_or_else(|| JsValue::from_str("no document element"))?
            .into(),
    };
    observer.observe_with_options(&target, &options)?;
    // Both live as long as the page.
    callback.forget();

    let popstate = Closure::<dyn FnMut()>::new(flow::check_url);
    dom::window()?
        .add_event_listener_with_callback("popstate", popstate.as_ref().unchecked_ref())?;
    popstate.forget();

    // A menu the recruiter opened while this script was still loading gave
    // no mutation to observe: look once, only if some popup is open.
    if let Ok(Some(_)) = doc.query_selector("[aria-expanded=\"true\"]") {
        if let Some(body) = doc.body() {
            look_for_menus(vec![body.into()]);
        }
    }
    crate::perf::mark(crate::perf::CONTENT_READY);
    Ok(())
}

fn on_mutations(records: &js_sys::Array) {
    flow::check_url();
    let mut added: Vec<Element> = Vec::new();
    for record in records.iter() {
        let record: MutationRecord = record.unchecked_into();
        let nodes = record.added_nodes();
        for index in 0..nodes.length() {
            let node = match nodes.item(index) {
                Some(node) if node.node_type() == Node::ELEMENT_NODE => node,
                _ => continue,
            };
            let element: Element = node.unchecked_into();
            // Our own insertions, nodes removed again in the same batch, and
            // empty elements (a menu has items).
            if menu::is_ours(&element)
                || overlay::is_ours(&element)
                || !element.is_connected()
                || !element.has_child_nodes()
            {
                continue;
            }
            added.push(element);
        }
    }
    look_for_menus(added);
}

/// Inserts our items into every profile Share menu in `added` that does
/// not have them yet.
fn look_for_menus(added: Vec<Element>) {
    for element in added {
        if let Some(opened) = reading::opened_menu(&element) {
            if !menu::already_inserted(&opened.container) {
                flow::insert_items(&opened.container, &opened.template, &opened.candidate_id);
            }
        }
    }
}

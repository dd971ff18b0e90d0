//! Our items in the page's Share menu: inserting them when a menu opens,
//! what they show (`core::inpage::menu`), and a click or key press on one,
//! checked against what the recruiter really saw (`core::inpage::click`)
//! before anything is sent.
//!
//! Every handler ignores untrusted events (`event.isTrusted` false): a page
//! script can dispatch clicks on our elements but never cause a send.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent};

use super::dom;
use super::flow::{draw, open_review, send_on_screen};
use super::menu::{self, ItemsView};
use super::reading::{self};
use super::state;
use super::wire::{self};
use crate::core::contract::reply::{SendState, SendStatus};
use crate::core::inpage::click::{check_click, ItemOnScreen};
use crate::core::inpage::menu::{click_action, items_view, ClickAction, Item};
use crate::core::inpage::notice::{already_sent_notice, click_refused_notice, not_set_up_notice};

/// Inserts our items into a Share menu that just opened, showing what is
/// known about `candidate_id`, and asks the background for its status.
pub fn insert_items(container: &Element, template: &Element, candidate_id: &str) {
    let doc = match dom::document() {
        Ok(doc) => doc,
        Err(_) => return,
    };
    let prepared = state::with(|s| {
        s.menus.retain(|(_, items)| menu::is_live(items));
        let view = view_of(s, candidate_id);
        s.listeners.as_ref().map(|l| {
            (
                view,
                l.item_click
                    .as_ref()
                    .unchecked_ref::<js_sys::Function>()
                    .clone(),
                l.item_key
                    .as_ref()
                    .unchecked_ref::<js_sys::Function>()
                    .clone(),
            )
        })
    });
    let (view, on_click, on_key) = match prepared {
        Some(Some(prepared)) => prepared,
        _ => return,
    };
    match menu::insert(&doc, container, template, &view, &on_click, &on_key) {
        Ok(items) => {
            state::with(|s| s.menus.push((candidate_id.to_owned(), items)));
            refresh_status(candidate_id.to_owned(), false);
        }
        Err(error) => web_sys::console::warn_2(
            &JsValue::from_str("Purpose Jobs → Greenhouse: could not add the menu item"),
            &error,
        ),
    }
}

fn view_of(s: &state::State, candidate_id: &str) -> ItemsView {
    items_view(
        s.in_flight.contains(candidate_id),
        s.statuses.get(candidate_id),
    )
}

/// Redraws the items of every live menu of `candidate_id`.
pub(super) fn render_menus(candidate_id: &str) {
    let redraw = state::with(|s| {
        s.menus.retain(|(_, items)| menu::is_live(items));
        let view = view_of(s, candidate_id);
        s.menus
            .iter()
            .filter(|(id, _)| id == candidate_id)
            .map(|(_, items)| (items.clone(), view))
            .collect::<Vec<_>>()
    });
    for (items, view) in redraw.unwrap_or_default() {
        menu::render(&items, &view);
    }
}

/// Asks the background what it knows about `candidate_id` (sent, queued,
/// set up, Greenhouse's current status unless `without_lookup`) and
/// redraws the items.
pub(super) fn refresh_status(candidate_id: String, without_lookup: bool) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(status) = wire::ask_status(&candidate_id, without_lookup).await {
            state::with(|s| s.statuses.insert(candidate_id.clone(), status));
            render_menus(&candidate_id);
        }
    });
}

/// A menu item was clicked.
pub fn on_item_click(event: Event) {
    if !event.is_trusted() {
        return;
    }
    let item = match event
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
    {
        Some(item) => item,
        None => return,
    };
    event.prevent_default();
    // Our item is ours: the page's menu code has nothing to do with it.
    event.stop_propagation();
    if let Err(why) = check_click(&item_on_screen(&item, &event)) {
        return draw(click_refused_notice(why), None, None);
    }
    activate(&item);
}

/// A key was pressed on a menu item: Enter and Space activate it (a
/// `<button>` item turns them into a click by itself).
pub fn on_item_key(event: KeyboardEvent) {
    if !event.is_trusted() {
        return;
    }
    let key = event.key();
    if key != "Enter" && key != " " {
        return;
    }
    let item = match event
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
    {
        Some(item) => item,
        None => return,
    };
    if item.local_name() == "button" {
        return;
    }
    event.prevent_default();
    event.stop_propagation();
    activate(&item);
}

/// What the item does depends on the state at click time, not on what it
/// showed when drawn (`core::inpage::menu::click_action`).
fn activate(item: &Element) {
    let which = match item.get_attribute(menu::MARK).as_deref() == Some(menu::PRIMARY) {
        true => Item::Primary,
        false => Item::Secondary,
    };
    let from_url = reading::candidate_id_in(&dom::current_url());
    let known = state::with(|s| {
        // The address names the candidate; else the menu was inserted for one.
        let candidate_id = from_url.clone().unwrap_or_else(|| {
            s.menus
                .iter()
                .find(|(_, items)| {
                    items.primary.is_same_node(Some(item))
                        || items.secondary.is_same_node(Some(item))
                })
                .map(|(id, _)| id.clone())
                .unwrap_or_default()
        });
        let status = s.statuses.get(&candidate_id).cloned();
        (
            click_action(which, s.in_flight.contains(&candidate_id), status.as_ref()),
            status,
        )
    });
    let (action, status) = match known {
        Some(known) => known,
        None => return,
    };
    run(action, status.as_ref());
}

/// Carries out a click's (or the shortcut's) action.
pub(super) fn run(action: ClickAction, status: Option<&SendStatus>) {
    match action {
        ClickAction::Nothing => {}
        ClickAction::Send => send_on_screen(),
        ClickAction::Review { resend } => open_review(resend),
        ClickAction::NotSetUp => draw(not_set_up_notice(), None, None),
        ClickAction::ShowSent => {
            if let Some(SendState::Sent { entry, lookup }) = status.map(|s| &s.state) {
                draw(already_sent_notice(&entry.name, entry, lookup), None, None);
            }
        }
    }
}

/// A computed `opacity` ("0", "1", "0.5", "5e-05"): `str::parse::<f64>`
/// would link the float parser and its tables (about 20 KB raw) into the
/// content module for this one number. Anything unusual counts as opaque
/// but an exponent, which only very small values get.
fn opacity_of(value: &str) -> f64 {
    if value.contains('e') || value.contains('E') {
        return 0.0;
    }
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    let mut result = 0.0;
    for digit in whole.bytes() {
        match digit {
            b'0'..=b'9' => result = result * 10.0 + f64::from(digit - b'0'),
            _ => return 1.0,
        }
    }
    let mut scale = 0.1;
    for digit in fraction.bytes() {
        match digit {
            b'0'..=b'9' => result += f64::from(digit - b'0') * scale,
            _ => return 1.0,
        }
        scale /= 10.0;
    }
    result.min(1.0)
}

/// Measures `item` as the recruiter saw it when `event` (a click) reached
/// it: `core::inpage::click` decides whether that was a real click on a
/// menu item.
fn item_on_screen(item: &Element, event: &Event) -> ItemOnScreen {
    let rect = item.get_bounding_client_rect();
    let window = dom::window().ok();
    let size =
        |v: Option<Result<JsValue, JsValue>>| v.and_then(|v| v.ok()).and_then(|v| v.as_f64());
    let (viewport_width, viewport_height) = match &window {
        Some(w) => (
            size(Some(w.inner_width())).unwrap_or(0.0),
            size(Some(w.inner_height())).unwrap_or(0.0),
        ),
        None => (0.0, 0.0),
    };
    let mut opacity = 1.0;
    let mut hidden = false;
    let mut cursor = Some(item.clone());
    while let Some(el) = cursor {
        if let Some(Ok(Some(style))) = window.as_ref().map(|w| w.get_computed_style(&el)) {
            let value = |name: &str| style.get_property_value(name).unwrap_or_default();
            opacity *= opacity_of(value("opacity").trim());
            hidden |=
                value("display").trim() == "none" || value("content-visibility").trim() == "hidden";
            if el.is_same_node(Some(item)) {
                hidden |= matches!(value("visibility").trim(), "hidden" | "collapse");
            }
        }
        cursor = el.parent_element().or_else(|| {
            el.parent_node()
                .and_then(|n| n.dyn_into::<web_sys::ShadowRoot>().ok())
                .map(|root| root.host())
        });
    }
    let under_pointer = event
        .dyn_ref::<web_sys::MouseEvent>()
        // A keyboard activation of a `<button>` is a click without a
        // pointer (`detail` 0, no coordinates).
        .filter(|mouse| mouse.detail() != 0)
        .map(|mouse| {
            let (x, y) = (mouse.client_x() as f32, mouse.client_y() as f32);
            let mut hit = dom::document()
                .ok()
                .and_then(|d| d.element_from_point(x, y));
            // Into open shadow roots (a menu drawn in one).
            while let Some(root) = hit.as_ref().and_then(|h| h.shadow_root()) {
                match root.element_from_point(x, y) {
                    Some(inner) if !hit.as_ref().is_some_and(|h| h.is_same_node(Some(&inner))) => {
                        hit = Some(inner)
                    }
                    _ => break,
                }
            }
            hit.is_some_and(|hit| item.contains(Some(&hit)))
        });
    ItemOnScreen {
        width: rect.width(),
        height: rect.height(),
        viewport_width,
        viewport_height,
        opacity,
        hidden,
        under_pointer,
    }
}

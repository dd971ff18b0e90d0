//! The content script's memory for the life of the page: the address last
//! seen, the sends in flight, what the background said about each
//! candidate, the menu items currently in the page, and the layer's
//! notices and review form.
//!
//! One `thread_local` cell. Every access is a short `try_borrow_mut`: DOM
//! calls that may dispatch events synchronously (focus, removal) are made
//! outside the borrow, so a re-entrant handler finds the cell free or
//! skips its work, and never panics.

use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use web_sys::{Element, Event, KeyboardEvent};

use super::menu::InsertedItems;
use super::overlay::Overlay;
use super::review::{ReviewDialog, ReviewRequest};
use crate::core::contract::reply::SendStatus;

/// What a notice's action button does.
#[derive(Debug, Clone)]
pub enum NoticeAction {
    /// Open the extension's options page.
    OpenOptions,
    /// Open the review form.
    Review(Box<ReviewRequest>),
}

/// One notice in the layer.
pub struct Notice {
    /// Its id (`data-pg-notice` on its buttons).
    pub id: u32,
    /// Its element.
    pub element: Element,
    /// Its action button's action, if it has one.
    pub action: Option<NoticeAction>,
}

/// The event handlers, created once and shared by every element they are
/// attached to (so nothing leaks per menu opening).
pub struct Listeners {
    /// `click` on our menu items.
    pub item_click: Closure<dyn FnMut(Event)>,
    /// `keydown` on our menu items.
    pub item_key: Closure<dyn FnMut(KeyboardEvent)>,
    /// `click` inside the layer (delegated on the shadow root).
    pub layer_click: Closure<dyn FnMut(Event)>,
    /// `keydown` on the window, capture phase (Escape, focus trap).
    pub window_key: Closure<dyn FnMut(KeyboardEvent)>,
}

/// Everything the content script remembers.
#[derive(Default)]
pub struct State {
    /// `location.href` when last looked at.
    pub last_url: String,
    /// Purpose Jobs ids of the candidates being sent right now.
    pub in_flight: IdSet,
    /// The background's latest answer about each candidate, by id.
    pub statuses: IdMap<SendStatus>,
    /// Our items in the menus rendered right now, with the candidate id
    /// they were inserted for.
    pub menus: Vec<(String, InsertedItems)>,
    /// The layer, once something was shown.
    pub overlay: Option<Overlay>,
    /// The notices shown, oldest first.
    pub notices: Vec<Notice>,
    /// The open review form.
    pub review: Option<ReviewDialog>,
    /// Next notice id.
    pub next_notice: u32,
    /// The shared event handlers, created at start.
    pub listeners: Option<Listeners>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Runs `f` on the state; `None` when the state is borrowed already (a
/// re-entrant event), in which case the caller skips its work.
pub fn with<R>(f: impl FnOnce(&mut State) -> R) -> Option<R> {
    STATE.with(|cell| match cell.try_borrow_mut() {
        Ok(mut state) => Some(f(&mut state)),
        Err(_) => None,
    })
}

/// A few Purpose Jobs ids (the candidates a page shows: one, rarely more).
/// A plain list: a hash set would ship hashbrown and SipHash in the content
/// module for nothing.
#[derive(Debug, Default)]
pub struct IdSet(Vec<String>);

impl IdSet {
    /// Whether `id` is in the set.
    pub fn contains(&self, id: &str) -> bool {
        self.0.iter().any(|known| known == id)
    }

    /// Adds `id`; false when it was already there.
    pub fn insert(&mut self, id: String) -> bool {
        let new = !self.contains(&id);
        if new {
            self.0.push(id);
        }
        new
    }

    /// Removes `id`.
    pub fn remove(&mut self, id: &str) {
        self.0.retain(|known| known != id);
    }
}

/// A value per Purpose Jobs id, for the few candidates a page shows (see
/// [`IdSet`]).
#[derive(Debug)]
pub struct IdMap<V>(Vec<(String, V)>);

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap(Vec::new())
    }
}

impl<V> IdMap<V> {
    /// The value for `id`.
    pub fn get(&self, id: &str) -> Option<&V> {
        self.0.iter().find(|(known, _)| known == id).map(|(_, v)| v)
    }

    /// The value for `id`, to change.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut V> {
        self.0
            .iter_mut()
            .find(|(known, _)| known == id)
            .map(|(_, v)| v)
    }

    /// Sets the value for `id`.
    pub fn insert(&mut self, id: String, value: V) {
        match self.get_mut(&id) {
            Some(slot) => *slot = value,
            None => self.0.push((id, value)),
        }
    }
}

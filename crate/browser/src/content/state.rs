//! The content script's memory for the life of the page: the address last
//! seen, the sends in flight, what the background said about each
//! candidate, the menu items currently in the page, and the in-page
//! frame (whose notices and review form live in the frame itself).
//!
//! One `thread_local` cell. Every access is a short `try_borrow_mut`: DOM
//! calls that may dispatch events synchronously (focus, removal) are made
//! outside the borrow, so a re-entrant handler finds the cell free or
//! skips its work, and never panics.

use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use web_sys::{Element, Event, KeyboardEvent, MessageEvent};

use super::menu::InsertedItems;
use super::overlay::Overlay;
use crate::core::contract::reply::SendStatus;

/// The event handlers, created once and shared by every element they are
/// attached to (so nothing leaks per menu opening).
pub struct Listeners {
    /// `click` on our menu items.
    pub item_click: Closure<dyn FnMut(Event)>,
    /// `keydown` on our menu items.
    pub item_key: Closure<dyn FnMut(KeyboardEvent)>,
    /// `message` on the window: the in-page frame's layout requests
    /// (accepted from that frame's window and origin only).
    pub frame_message: Closure<dyn FnMut(MessageEvent)>,
    /// `keydown` on the window, capture phase (Escape).
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
    /// The in-page frame, once something was shown.
    pub overlay: Option<Overlay>,
    /// The frame's layout as it last asked for it.
    pub layout: String,
    /// Where focus was in the page before the review form took it.
    pub restore_focus: Option<Element>,
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

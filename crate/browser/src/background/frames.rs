//! What each tab's in-page frame is to show (`core::inpage::frame`): the
//! content script hands items over with `ShowInPage`, the frame of the same
//! tab takes them with `TakeInPage`. Kept in memory only: an item waits for
//! a few milliseconds, until the frame asks.

use std::cell::RefCell;

use crate::core::inpage::frame::{FrameItem, MAX_WAITING};

thread_local! {
    static WAITING: RefCell<Vec<(u64, Vec<FrameItem>)>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `item` for tab `tab_id`'s frame (the oldest go beyond
/// [`MAX_WAITING`]).
pub fn keep(tab_id: u64, item: FrameItem) {
    WAITING.with(|cell| {
        let mut waiting = cell.borrow_mut();
        match waiting.iter_mut().find(|(id, _)| *id == tab_id) {
            Some((_, items)) => {
                items.push(item.checked());
                let extra = items.len().saturating_sub(MAX_WAITING);
                items.drain(..extra);
            }
            None => waiting.push((tab_id, vec![item.checked()])),
        }
    });
}

/// The items waiting for tab `tab_id`'s frame, removed.
pub fn take(tab_id: u64) -> Vec<FrameItem> {
    WAITING.with(|cell| {
        let mut waiting = cell.borrow_mut();
        match waiting.iter().position(|(id, _)| *id == tab_id) {
            Some(index) => waiting.remove(index).1,
            None => Vec::new(),
        }
    })
}

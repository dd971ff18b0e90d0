//! What each tab's in-page frame is to show (`core::inpage::frame`): the
//! content script hands items over with `ShowInPage`, the frame of the same
//! tab takes them with `TakeInPage`, both naming the frame's secret (the
//! random fragment of its address): a copy of `inpage.html` that the page
//! frames itself does not know it and gets nothing. Kept in memory only: an
//! item waits for a few milliseconds, until the frame asks.

use std::cell::RefCell;

use crate::core::inpage::frame::{FrameItem, MAX_WAITING};

/// A tab's id and its frame's secret.
type FrameKey = (u64, String);

thread_local! {
    static WAITING: RefCell<Vec<(FrameKey, Vec<FrameItem>)>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `item` for tab `tab_id`'s frame (the oldest go beyond
/// [`MAX_WAITING`]).
pub fn keep(tab_id: u64, frame: &str, item: FrameItem) {
    if frame.len() < 16 {
        return;
    }
    let key = (tab_id, frame.to_owned());
    WAITING.with(|cell| {
        let mut waiting = cell.borrow_mut();
        match waiting.iter_mut().find(|(id, _)| *id == key) {
            Some((_, items)) => {
                items.push(item.checked());
                let extra = items.len().saturating_sub(MAX_WAITING);
                items.drain(..extra);
            }
            None => waiting.push((key, vec![item.checked()])),
        }
    });
}

/// The items waiting for tab `tab_id`'s frame, removed.
pub fn take(tab_id: u64, frame: &str) -> Vec<FrameItem> {
    WAITING.with(|cell| {
        let mut waiting = cell.borrow_mut();
        match waiting
            .iter()
            .position(|((tab, secret), _)| *tab == tab_id && secret == frame)
        {
            Some(index) => waiting.remove(index).1,
            None => Vec::new(),
        }
    })
}

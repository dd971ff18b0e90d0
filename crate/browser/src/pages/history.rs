//! "Clear history", the same on the options page and in the popup: the
//! button asks first, saying how many queued sends would be dropped, and
//! only the second, confirming click deletes the ledger and the outbox
//! (`Request::ClearHistory`).
//!
//! The page holds the markup (`#clear-history`, `#clear-confirm` with
//! `#clear-question`, `#clear-yes`, `#clear-no`, `#history-status`,
//! `#history-alert`); this module only fills in text and forwards clicks.

use wasm_bindgen_futures::spawn_local;

use super::{ask, dom, wire};
use crate::core::contract::reply::{SendList, SendListStatus};

/// Wire the history buttons; `cleared` runs with the (empty) list after a
/// clear, for the page to redraw what it shows.
pub fn wire_buttons(cleared: fn(&SendList)) {
    dom::on("clear-history", "click", |_| spawn_local(ask_first()));
    dom::on("clear-no", "click", |_| {
        dom::set_hidden("clear-confirm", true);
        dom::set_hidden("clear-history", false);
    });
    dom::on("clear-yes", "click", move |_| spawn_local(clear(cleared)));
}

/// How many sends still wait to reach Greenhouse (queued, sending or
/// failed): those a clear drops.
pub fn waiting(list: &SendList) -> usize {
    list.items
        .iter()
        .filter(|item| item.status != SendListStatus::Sent)
        .count()
}

/// The confirmation's question for `waiting` queued sends.
pub fn question(waiting: usize) -> String {
    match waiting {
        0 => dom::message(
            "historyConfirmNoQueue",
            "Delete the list of candidates sent from this browser? Nothing is queued. Greenhouse keeps the prospects.",
            &[],
        ),
        n => dom::message(
            "historyConfirmQueued",
            "Delete the list of candidates sent from this browser, and drop $1 queued sends that have not reached Greenhouse? They will not be sent.",
            &[&n.to_string()],
        ),
    }
}

async fn ask_first() {
    dom::set_text("history-status", "");
    dom::set_text("history-alert", "");
    match ask::<SendList>(&wire::list_sends()).await {
        Ok(list) => {
            dom::set_text("clear-question", &question(waiting(&list)));
            dom::set_hidden("clear-history", true);
            dom::set_hidden("clear-confirm", false);
            if let Some(yes) = dom::by_id::<web_sys::HtmlElement>("clear-yes") {
                let _ = yes.focus();
            }
        }
        Err(error) => dom::set_text("history-alert", &error.message),
    }
}

async fn clear(cleared: fn(&SendList)) {
    dom::set_disabled("clear-yes", true);
    let result = ask::<SendList>(&wire::clear_history()).await;
    dom::set_disabled("clear-yes", false);
    dom::set_hidden("clear-confirm", true);
    dom::set_hidden("clear-history", false);
    match result {
        Ok(list) => {
            let text = dom::message(
                "historyCleared",
                "History cleared: the list of sent candidates and the queue were deleted from this browser.",
                &[],
            );
            dom::set_text("history-status", &text);
            cleared(&list);
        }
        Err(error) => dom::set_text("history-alert", &error.message),
    }
}

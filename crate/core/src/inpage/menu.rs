//! Our two Share-menu items: what they show and what a click on them does,
//! from what is known about the candidate at that moment.
//!
//! The items live in the page's own menu, so the page can read them: they
//! say only whether the candidate was sent, never what Greenhouse knows
//! (the application's status or stage), and a click never opens an address
//! that came from Greenhouse (the extension's own frame shows the link).

use crate::contract::reply::{SendState, SendStatus};

/// Which of our two items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// The main item: **Send to Greenhouse** (or its sent/queued state).
    Primary,
    /// The second item: **Review and send…** or **Send again…**.
    Secondary,
}

/// What the items show for the candidate on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemsView {
    /// Nothing sent yet: **Send to Greenhouse** and **Review and send…**.
    Ready,
    /// A send is in flight: **Sending to Greenhouse…**, both disabled.
    Sending,
    /// Queued for a retry: **Queued for Greenhouse** and **Send again…**.
    Queued,
    /// Already sent: **Sent to Greenhouse ✓** and **Send again…**.
    Sent,
}

/// What a click on one of our items (or the keyboard shortcut) does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClickAction {
    /// Nothing: a send of this candidate is on its way.
    Nothing,
    /// Read the candidate on screen and send it.
    Send,
    /// Open the review form; `resend`: the candidate was sent (or queued)
    /// already, so the form asks to confirm.
    Review {
        /// Whether the form asks to send again.
        resend: bool,
    },
    /// Say that the candidate was sent, with **View in Greenhouse** (in the
    /// extension's frame, never opened from the page).
    ShowSent,
    /// Not connected: open the options page and say why.
    NotSetUp,
}

/// What the items show: `in_flight` is a send this page started and has
/// not heard back about; `status` the background's latest answer.
pub fn items_view(in_flight: bool, status: Option<&SendStatus>) -> ItemsView {
    if in_flight {
        return ItemsView::Sending;
    }
    match status.map(|s| &s.state) {
        None | Some(SendState::NotSent) | Some(SendState::Failed { .. }) => ItemsView::Ready,
        Some(SendState::Sending { .. }) => ItemsView::Sending,
        Some(SendState::Queued { .. }) => ItemsView::Queued,
        Some(SendState::Sent { .. }) => ItemsView::Sent,
    }
}

/// What a click on `item` does now. Unknown status (the background has
/// not answered yet) counts as connected and not sent: the send itself
/// then says what is wrong.
pub fn click_action(item: Item, in_flight: bool, status: Option<&SendStatus>) -> ClickAction {
    if in_flight {
        return ClickAction::Nothing;
    }
    let state = status.map(|s| &s.state);
    let already = match state {
        Some(SendState::Sending { .. }) => return ClickAction::Nothing,
        Some(SendState::Sent { .. }) => Some(true),
        Some(SendState::Queued { .. }) => Some(false),
        _ => None,
    };
    let connected = status.is_none_or(|s| s.setup.connected);
    let always_review = status.is_some_and(|s| s.setup.always_review);
    match (item, already) {
        (Item::Primary, Some(true)) => ClickAction::ShowSent,
        (Item::Primary, Some(false)) => ClickAction::Review { resend: true },
        (Item::Primary, None) if !connected => ClickAction::NotSetUp,
        (Item::Primary, None) if always_review => ClickAction::Review { resend: false },
        (Item::Primary, None) => ClickAction::Send,
        (Item::Secondary, already) => ClickAction::Review {
            resend: already.is_some(),
        },
    }
}

/// What the keyboard shortcut does: send the profile on screen, or open the
/// review form when the recruiter always reviews. A send already on its
/// way is never doubled (the sending code refuses a second one).
pub fn shortcut_action(status: Option<&SendStatus>) -> ClickAction {
    match status.is_some_and(|s| s.setup.always_review) {
        true => ClickAction::Review { resend: false },
        false => ClickAction::Send,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::error_reply::ErrorKind;
    use crate::contract::error_reply::Failure;
    use crate::contract::records::SentRecord;
    use crate::contract::reply::{GreenhouseLookup, SendSetup};
    use crate::sending::settings::Destination;

    #[derive(Clone, Copy, Debug)]
    enum Known {
        Unknown,
        NotSent,
        Sending,
        Queued,
        Failed,
        Sent,
    }

    fn status(known: Known, connected: bool, always_review: bool) -> Option<SendStatus> {
        let state = match known {
            Known::Unknown => return None,
            Known::NotSent => SendState::NotSent,
            Known::Sending => SendState::Sending { since_ms: 1 },
            Known::Queued => SendState::Queued {
                attempts: 1,
                next_attempt_at_ms: 2,
                reason: None,
                possible_duplicate: false,
            },
            Known::Failed => SendState::Failed {
                error: Failure::of(ErrorKind::Validation).english(),
                possible_duplicate: false,
            },
            Known::Sent => SendState::Sent {
                entry: SentRecord {
                    external_id: "48213".into(),
                    greenhouse_candidate_id: 7,
                    profile_url: Some("https://app.greenhouse.io/people/7".into()),
                    sent_at_ms: 1,
                    sent_by: "Riley Recruiter".into(),
                    name: "Ada Lovelace".into(),
                    possible_duplicate: false,
                    earlier_candidate_ids: Vec::new(),
                },
                lookup: GreenhouseLookup::NotChecked,
            },
        };
        Some(SendStatus {
            external_id: "48213".into(),
            state,
            setup: SendSetup {
                connected,
                credited_to: None,
                always_review,
                default_destination: Destination::NoPool,
                destinations: None,
            },
        })
    }

    use ClickAction::{NotSetUp, Nothing, Review, Send, ShowSent};
    use Item::{Primary, Secondary};
    use Known::*;

    #[test]
    fn what_a_click_does() {
        // (item, in flight, known, connected, always review) => action
        let table = [
            (Primary, false, Unknown, true, false, Send),
            (Primary, false, NotSent, true, false, Send),
            (Primary, false, Failed, true, false, Send),
            (Primary, false, NotSent, false, false, NotSetUp),
            (Primary, false, NotSent, false, true, NotSetUp),
            (
                Primary,
                false,
                NotSent,
                true,
                true,
                Review { resend: false },
            ),
            (Primary, true, NotSent, true, false, Nothing),
            (Primary, true, Sent, true, false, Nothing),
            (Primary, false, Sending, true, false, Nothing),
            (Primary, false, Sent, true, false, ShowSent),
            (Primary, false, Sent, false, true, ShowSent),
            (Primary, false, Queued, true, false, Review { resend: true }),
            (
                Secondary,
                false,
                Unknown,
                true,
                false,
                Review { resend: false },
            ),
            (
                Secondary,
                false,
                NotSent,
                false,
                false,
                Review { resend: false },
            ),
            (Secondary, false, Sent, true, false, Review { resend: true }),
            (
                Secondary,
                false,
                Queued,
                true,
                false,
                Review { resend: true },
            ),
            (Secondary, false, Sending, true, false, Nothing),
            (Secondary, true, NotSent, true, false, Nothing),
        ];
        for (item, in_flight, known, connected, always, expected) in table {
            let status = status(known, connected, always);
            assert_eq!(
                click_action(item, in_flight, status.as_ref()),
                expected,
                "{item:?} in flight {in_flight} {known:?} connected {connected} always review {always}"
            );
        }
    }

    #[test]
    fn what_the_items_show() {
        let table = [
            (false, Unknown, ItemsView::Ready),
            (false, NotSent, ItemsView::Ready),
            (false, Failed, ItemsView::Ready),
            (false, Sending, ItemsView::Sending),
            (true, NotSent, ItemsView::Sending),
            (true, Sent, ItemsView::Sending),
            (false, Queued, ItemsView::Queued),
            (false, Sent, ItemsView::Sent),
        ];
        for (in_flight, known, expected) in table {
            let status = status(known, true, false);
            assert_eq!(
                items_view(in_flight, status.as_ref()),
                expected,
                "{known:?}"
            );
        }
    }

    #[test]
    fn the_shortcut_reviews_only_when_asked_to() {
        assert_eq!(shortcut_action(None), Send);
        assert_eq!(shortcut_action(status(NotSent, true, false).as_ref()), Send);
        assert_eq!(
            shortcut_action(status(NotSent, true, true).as_ref()),
            Review { resend: false }
        );
    }
}

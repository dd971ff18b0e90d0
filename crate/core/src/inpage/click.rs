//! Whether a click on our **Send to Greenhouse** item is one the recruiter
//! meant. The item lives in the page's own menu, so a page script can
//! restyle it, e.g. into an invisible layer over the whole page that turns
//! one real click on the candidate's name into a send. `isTrusted` cannot
//! tell (the click is real); what the item looked like at that moment can.
//!
//! The adapter measures the item when it is clicked ([`ItemOnScreen`]);
//! [`check_click`] says whether to act on it.

/// How our item looked when it was clicked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemOnScreen {
    /// The item's width on screen, CSS pixels.
    pub width: f64,
    /// The item's height on screen, CSS pixels.
    pub height: f64,
    /// The viewport's width, CSS pixels.
    pub viewport_width: f64,
    /// The viewport's height, CSS pixels.
    pub viewport_height: f64,
    /// The product of the computed `opacity` of the item and each of its
    /// ancestors (across shadow roots), 0 to 1.
    pub opacity: f64,
    /// Whether the item or an ancestor is `display: none`, or the item is
    /// `visibility: hidden`/`collapse` (or `content-visibility: hidden`).
    pub hidden: bool,
    /// From a pointer: whether the topmost element at the click's
    /// coordinates (through open shadow roots) is the item or inside it.
    /// `None` for a keyboard activation, which has no coordinates.
    pub under_pointer: Option<bool>,
}

/// Why a click on our item was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClickRefusal {
    /// The item, or something around it, is hidden.
    Hidden,
    /// The item is (almost) fully transparent.
    Transparent,
    /// The item is far larger than a menu item (it covers the page).
    TooLarge,
    /// Something else was under the pointer.
    NotUnderPointer,
}

/// Below this combined opacity the item counts as invisible.
pub const MIN_OPACITY: f64 = 0.1;
/// A menu item taller than this (CSS pixels) is not a menu item.
pub const MAX_HEIGHT: f64 = 160.0;
/// A menu item covering more than this share of the viewport is not one.
pub const MAX_VIEWPORT_SHARE: f64 = 0.25;

/// `Ok` when the click is on the item as a menu item shows it.
pub fn check_click(item: &ItemOnScreen) -> Result<(), ClickRefusal> {
    if item.hidden || item.width <= 0.0 || item.height <= 0.0 {
        return Err(ClickRefusal::Hidden);
    }
    if item.opacity.is_nan() || item.opacity < MIN_OPACITY {
        return Err(ClickRefusal::Transparent);
    }
    let viewport = item.viewport_width.max(1.0) * item.viewport_height.max(1.0);
    if item.height > MAX_HEIGHT || item.width * item.height > viewport * MAX_VIEWPORT_SHARE {
        return Err(ClickRefusal::TooLarge);
    }
    match item.under_pointer {
        Some(false) => Err(ClickRefusal::NotUnderPointer),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEM: ItemOnScreen = ItemOnScreen {
        width: 220.0,
        height: 36.0,
        viewport_width: 1280.0,
        viewport_height: 800.0,
        opacity: 1.0,
        hidden: false,
        under_pointer: Some(true),
    };

    #[test]
    fn a_menu_item_as_shown_may_be_clicked() {
        let table = [
            ITEM,
            ItemOnScreen {
                under_pointer: None,
                ..ITEM
            },
            ItemOnScreen {
                opacity: 0.5,
                ..ITEM
            },
            // A full-width item on a phone.
            ItemOnScreen {
                width: 375.0,
                height: 48.0,
                viewport_width: 375.0,
                viewport_height: 667.0,
                ..ITEM
            },
        ];
        for item in table {
            assert_eq!(check_click(&item), Ok(()), "{item:?}");
        }
    }

    #[test]
    fn an_item_restyled_by_the_page_is_refused() {
        use ClickRefusal::*;
        let table = [
            (
                ItemOnScreen {
                    hidden: true,
                    ..ITEM
                },
                Hidden,
            ),
            (ItemOnScreen { width: 0.0, ..ITEM }, Hidden),
            (
                ItemOnScreen {
                    opacity: 0.0,
                    ..ITEM
                },
                Transparent,
            ),
            (
                ItemOnScreen {
                    opacity: 0.05,
                    ..ITEM
                },
                Transparent,
            ),
            (
                ItemOnScreen {
                    opacity: f64::NAN,
                    ..ITEM
                },
                Transparent,
            ),
            // The attack: an invisible layer over the whole page.
            (
                ItemOnScreen {
                    width: 1280.0,
                    height: 800.0,
                    opacity: 0.0,
                    ..ITEM
                },
                Transparent,
            ),
            (
                ItemOnScreen {
                    width: 1280.0,
                    height: 800.0,
                    ..ITEM
                },
                TooLarge,
            ),
            (
                ItemOnScreen {
                    width: 220.0,
                    height: 400.0,
                    ..ITEM
                },
                TooLarge,
            ),
            (
                ItemOnScreen {
                    width: 1280.0,
                    height: 150.0,
                    viewport_height: 500.0,
                    ..ITEM
                },
                TooLarge,
            ),
            (
                ItemOnScreen {
                    under_pointer: Some(false),
                    ..ITEM
                },
                NotUnderPointer,
            ),
        ];
        for (item, why) in table {
            assert_eq!(check_click(&item), Err(why), "{item:?}");
        }
    }
}

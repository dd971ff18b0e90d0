//! The frame's few DOM helpers: its document, an element with attributes
//! and text (never markup), appending one, focusing one, and the modal
//! dialog shell ([`modal`]). Shared by the notices, the review form and the
//! page report dialog.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, KeyboardEvent};

/// The frame's document.
pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// A new `tag` element with `attrs`, and `text` as its text (not markup).
pub fn element(
    doc: &Document,
    tag: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> Result<Element, JsValue> {
    let el = doc.create_element(tag)?;
    for (name, value) in attrs {
        el.set_attribute(name, value)?;
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    Ok(el)
}

/// Appends `child` to `parent`.
pub fn add(parent: &Element, child: Element) -> Result<(), JsValue> {
    parent.append_child(&child).map(|_| ())
}

/// Moves focus to `el` (a no-op for elements that cannot take it).
pub fn focus(el: &Element) {
    if let Some(el) = el.dyn_ref::<HtmlElement>() {
        let _ = el.focus();
    }
}

/// What the controls of a modal are: the elements Tab moves between.
const FOCUSABLE: &str = "input, textarea, select, button, a[href]";

/// One modal dialog in the frame, the shell the review form and the page
/// report share: a backdrop over the whole frame holding a `role="dialog"`
/// `aria-modal="true"` box named by its `h2` title. The shell keeps the
/// keyboard in it (Tab and Shift+Tab wrap around its controls), knows the
/// control focus starts at, and gives focus back on close to what had it
/// in the frame before it opened. The rest of the frame is `inert` while
/// it is open (a modal under it also hidden). Escape is the frame's key handler's
/// (`super::on_key`): it closes the topmost modal.
#[derive(Clone)]
pub struct Modal {
    /// The backdrop (removed on close, with the dialog in it).
    backdrop: Element,
    /// The `role="dialog"` box: the caller adds its content here.
    pub dialog: Element,
    /// The control focus starts at (and goes back to when the frame gets
    /// focus with nothing focused in the dialog).
    start: Option<Element>,
    /// What had focus in the frame when it opened.
    restore: Option<Element>,
    /// What it made `inert` (the notices, a modal under it, which it also
    /// hides: one dialog shows at a time), given back on close.
    inerted: Vec<(Element, bool)>,
}

/// Opens an empty modal titled `title` (its `h2` gets the id
/// `<id>-title`) over the frame's document.
pub fn modal(doc: &Document, id: &str, title: &str) -> Result<Modal, JsValue> {
    let body = doc.body().ok_or_else(|| JsValue::from_str("no body"))?;
    let title_id = format!("{id}-title");
    let backdrop = element(doc, "div", &[("class", "backdrop")], "")?;
    let dialog = element(
        doc,
        "div",
        &[
            ("class", "dialog"),
            ("role", "dialog"),
            ("aria-modal", "true"),
            ("aria-labelledby", &title_id),
        ],
        "",
    )?;
    add(&dialog, element(doc, "h2", &[("id", &title_id)], title)?)?;
    backdrop.append_child(&dialog)?;
    let restore = doc.active_element().filter(|el| el.local_name() != "body");
    // Everything else in the frame is out of reach while the dialog is
    // open (`aria-modal` says so; `inert` makes it true for the keyboard,
    // the pointer and assistive technology alike).
    let mut inerted = Vec::new();
    let mut child = body.first_element_child();
    while let Some(el) = child {
        child = el.next_element_sibling();
        if el.local_name() != "script" && !el.has_attribute("inert") {
            el.set_attribute("inert", "")?;
            let backdrop = el
                .get_attribute("class")
                .is_some_and(|c| c.split_whitespace().any(|c| c == "backdrop"));
            let hide = backdrop && !el.has_attribute("hidden");
            if hide {
                el.set_attribute("hidden", "")?;
            }
            inerted.push((el, hide));
        }
    }
    body.append_child(&backdrop)?;
    Ok(Modal {
        backdrop,
        dialog,
        start: None,
        restore,
        inerted,
    })
}

impl Modal {
    /// Names the element that describes the dialog (`aria-describedby`).
    pub fn described_by(&self, id: &str) -> Result<(), JsValue> {
        self.dialog.set_attribute("aria-describedby", id)
    }

    /// Makes `el` the control focus starts at (the caller focuses it).
    pub fn set_start(&mut self, el: &Element) {
        self.start = Some(el.clone());
    }

    /// What should take focus now: the starting control when nothing in
    /// the dialog has focus (the content script focusing the frame puts the
    /// frame's focus on its body), else nothing.
    pub fn lost_focus(&self) -> Option<Element> {
        let active = document().and_then(|d| d.active_element());
        let inside = active
            .as_ref()
            .is_some_and(|el| el.local_name() != "body" && self.dialog.contains(Some(el)));
        match inside {
            true => None,
            false => self.start.clone(),
        }
    }

    /// The dialog's controls in tab order (enabled and shown).
    fn controls(&self) -> Vec<Element> {
        let Ok(list) = self.dialog.query_selector_all(FOCUSABLE) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.get(i).and_then(|n| n.dyn_into::<Element>().ok()))
            .filter(|el| {
                let rect = el.get_bounding_client_rect();
                !el.has_attribute("disabled") && (rect.width() > 0.0 || rect.height() > 0.0)
            })
            .collect()
    }

    /// Tab or Shift+Tab: from the last control to the first (and back), and
    /// from outside the dialog into it. Focus never leaves the dialog.
    pub fn trap_tab(&self, event: &KeyboardEvent) {
        let controls = self.controls();
        let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
            event.prevent_default();
            return;
        };
        let focused = document().and_then(|d| d.active_element());
        let inside = focused
            .as_ref()
            .is_some_and(|f| controls.iter().any(|c| c.is_same_node(Some(f))));
        let target = match (event.shift_key(), focused.as_ref()) {
            (false, _) if !inside => Some(first),
            (true, _) if !inside => Some(last),
            (false, Some(f)) if f.is_same_node(Some(last)) => Some(first),
            (true, Some(f)) if f.is_same_node(Some(first)) => Some(last),
            _ => None,
        };
        if let Some(target) = target {
            event.prevent_default();
            focus(target);
        }
    }

    /// Removes the dialog; with `give_focus_back`, focus returns to what
    /// had it in the frame when it opened (when that is still there).
    pub fn close(self, give_focus_back: bool) {
        self.backdrop.remove();
        for (el, hidden) in &self.inerted {
            let _ = el.remove_attribute("inert");
            if *hidden {
                let _ = el.remove_attribute("hidden");
            }
        }
        if let (true, Some(el)) = (give_focus_back, self.restore) {
            if el.is_connected() {
                focus(&el);
            }
        }
    }
}

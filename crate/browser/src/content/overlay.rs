//! The extension's own layer over the page: one host element appended to
//! `document.documentElement` with an open shadow root, holding the
//! notices (upper right; `role="status"` for success, `role="alert"` for
//! problems) and the review dialog.
//!
//! Isolation: page CSS cannot reach inside the shadow root and ours cannot
//! leak out; the styles are a constructed stylesheet (`adoptedStyleSheets`,
//! which no page CSP governs) with a `<style>` element as the fallback.
//! Page data is only ever set as text. Created lazily, on the first notice:
//! nothing is added to the page at start.

use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, Document, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

use super::dom;

/// The host element's tag: a custom element name, so no page rule written
/// for ordinary elements (`div`, `section`) matches it.
pub const HOST_TAG: &str = "purpose-greenhouse-ui";

/// How long a success notice stays before it dismisses itself.
pub const SUCCESS_MS: i32 = 8_000;

const STYLES: &str = r#"
:host { all: initial !important; display: block !important; position: fixed !important;
  top: 0 !important; right: 0 !important; width: 0 !important; height: 0 !important;
  z-index: 2147483647 !important; }
* { box-sizing: border-box; }
.layer { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1d1f23; --bg: #ffffff; --fg: #1d1f23; --muted: #5c6370; --line: #d5d8de;
  --accent: #1769e0; --accent-fg: #ffffff; --ok: #1e7f4f; --bad: #b3261e; --field: #ffffff; }
.notices { position: fixed; top: 16px; right: 16px; display: flex; flex-direction: column;
  gap: 8px; width: min(380px, calc(100vw - 32px)); }
.notice { display: grid; grid-template-columns: 1fr auto; gap: 4px 12px; align-items: start;
  padding: 12px 14px; border-radius: 8px; background: var(--bg); color: var(--fg);
  border: 1px solid var(--line); border-left: 4px solid var(--ok);
  box-shadow: 0 6px 24px rgba(0,0,0,.18); }
.notice[role="alert"] { border-left-color: var(--bad); }
.notice p { margin: 0; grid-column: 1; }
.notice .actions { grid-column: 1; display: flex; flex-wrap: wrap; gap: 12px; margin-top: 4px; }
.notice .close { grid-column: 2; grid-row: 1; }
a { color: var(--accent); }
button { font: inherit; cursor: pointer; border-radius: 6px; padding: 4px 10px;
  border: 1px solid var(--line); background: var(--bg); color: var(--fg); }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
button.link { border: 0; padding: 0; background: none; color: var(--accent); text-decoration: underline; }
button.close { border: 0; padding: 0 4px; background: none; color: var(--muted); font-size: 18px; line-height: 1; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.35); display: flex;
  align-items: flex-start; justify-content: center; overflow: auto; padding: 40px 16px; }
.dialog { width: min(560px, 100%); background: var(--bg); color: var(--fg); border-radius: 10px;
  padding: 20px 22px; box-shadow: 0 12px 40px rgba(0,0,0,.3); }
.dialog h2 { margin: 0 0 12px; font-size: 18px; }
.dialog .problem { margin: 0 0 12px; color: var(--bad); }
.dialog .field { display: flex; flex-direction: column; gap: 2px; margin-bottom: 10px; }
.dialog label { font-weight: 600; }
.dialog input, .dialog textarea, .dialog select { font: inherit; padding: 6px 8px; width: 100%;
  border: 1px solid var(--line); border-radius: 6px; background: var(--field); color: var(--fg); }
.dialog textarea { min-height: 64px; resize: vertical; }
.dialog [aria-invalid="true"] { border: 2px solid var(--bad); }
.dialog .hint { color: var(--bad); font-size: 12px; }
.dialog .source { color: var(--muted); margin: 4px 0 14px; }
.dialog .buttons { display: flex; justify-content: flex-end; gap: 8px; }
[hidden] { display: none !important; }
@media (prefers-color-scheme: dark) {
  .layer { color: #e6e8eb; --bg: #1f2227; --fg: #e6e8eb; --muted: #a3a9b3; --line: #3a3f47;
    --accent: #6ea8ff; --accent-fg: #0b0d10; --ok: #4cc38a; --bad: #ff8a80; --field: #15171b; }
}
"#;

/// The live layer: its host, shadow root and the notices column.
#[derive(Clone)]
pub struct Overlay {
    /// The host element appended to `document.documentElement`.
    pub host: Element,
    /// The open shadow root everything is drawn in.
    pub root: ShadowRoot,
    /// The root of the layer inside the shadow root (carries the theme).
    pub layer: Element,
    /// The column of notices in the upper right corner.
    pub notices: Element,
}

impl Overlay {
    /// Builds the layer and attaches it to the page.
    pub fn attach(doc: &Document) -> Result<Overlay, JsValue> {
        let host = doc.create_element(HOST_TAG)?;
        let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
        apply_styles(doc, &root)?;
        let layer = dom::element(doc, "div", &[("class", "layer")], "")?;
        let notices = dom::element(doc, "div", &[("class", "notices")], "")?;
        layer.append_child(&notices)?;
        root.append_child(&layer)?;
        let parent = doc
            .document_element()
            .ok_or_else(|| JsValue::from_str("no document element"))?;
        parent.append_child(&host)?;
        Ok(Overlay {
            host,
            root,
            layer,
            notices,
        })
    }

    /// True while the host is still in the page (a page script may remove
    /// it, e.g. when the app re-renders `<html>`'s children).
    pub fn is_attached(&self) -> bool {
        self.host.is_connected()
    }

    /// Removes the whole layer from the page.
    pub fn detach(&self) {
        self.host.remove();
    }
}

fn apply_styles(doc: &Document, root: &ShadowRoot) -> Result<(), JsValue> {
    match constructed_sheet() {
        Ok(sheet) => {
            let sheets = js_sys::Array::of1(&sheet);
            root.set_adopted_style_sheets(&sheets);
            // A browser that accepts the assignment but ignores it would
            // leave the UI unstyled: check, and fall back.
            match root.adopted_style_sheets().length() {
                0 => style_element(doc, root),
                _ => Ok(()),
            }
        }
        Err(_) => style_element(doc, root),
    }
}

fn constructed_sheet() -> Result<CssStyleSheet, JsValue> {
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(STYLES)?;
    Ok(sheet)
}

fn style_element(doc: &Document, root: &ShadowRoot) -> Result<(), JsValue> {
    let style = doc.create_element("style")?;
    style.set_text_content(Some(STYLES));
    root.append_child(&style)?;
    Ok(())
}

/// True when `node` is the layer's host or inside the page element that
/// holds it (used to ignore our own mutations).
pub fn is_ours(el: &Element) -> bool {
    el.local_name() == HOST_TAG
}

/// The element with keyboard focus inside the layer, if any.
pub fn focused(overlay: &Overlay) -> Option<Element> {
    overlay.root.active_element()
}

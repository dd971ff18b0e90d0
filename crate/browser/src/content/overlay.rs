//! The extension's place in the page: one host element appended to
//! `document.documentElement`, with a closed shadow root holding only an
//! `<iframe>` of the extension's own `inpage.html`. Everything the
//! extension shows (notices, the review form, what Greenhouse said) is
//! drawn inside that frame, on the extension's origin, where page scripts
//! can neither read nor change it (`core::inpage::frame`). The page sees
//! an empty frame and where it sits.
//!
//! The frame is hidden (`visibility: hidden`, no height) until it has
//! something to show: it then takes no focus and no clicks; the frame says how to lay it out (notices in the
//! upper right, or the whole viewport for the review form), in a message
//! this module accepts only from the frame's own window and origin.
//! Styles are a constructed stylesheet (`adoptedStyleSheets`, which no page
//! CSP governs) with a `<style>` element as the fallback. Created lazily:
//! nothing is added to the page at start.

use wasm_bindgen::JsValue;
use web_sys::{
    CssStyleSheet, Document, Element, HtmlIFrameElement, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

use crate::shim;

/// The host element's tag: a custom element name, so no page rule written
/// for ordinary elements (`div`, `section`) matches it.
pub const HOST_TAG: &str = "purpose-greenhouse-ui";

/// The frame's page in the extension.
pub const FRAME_PAGE: &str = "inpage.html";

const STYLES: &str = r#"
:host { all: initial !important; display: block !important; position: fixed !important;
  top: 0 !important; right: 0 !important; width: 0 !important; height: 0 !important;
  z-index: 2147483647 !important; }
iframe { position: fixed; top: 0; right: 0; width: min(412px, 100vw); height: 0; border: 0;
  margin: 0; padding: 0; background: transparent; color-scheme: normal; display: block; }
iframe.modal { left: 0; bottom: 0; width: 100vw; height: 100vh; }
iframe.hidden { visibility: hidden; pointer-events: none; }
"#;

/// The live frame and its host.
#[derive(Clone)]
pub struct Overlay {
    /// The host element appended to `document.documentElement`.
    pub host: Element,
    /// The frame.
    pub frame: HtmlIFrameElement,
    /// The extension's origin, e.g. `chrome-extension://<id>` (no slash).
    pub origin: String,
    /// The frame's secret: its address's random fragment, which only this
    /// script and the frame know (`Request::ShowInPage`).
    pub secret: String,
}

impl Overlay {
    /// Builds the host and the (hidden) frame and attaches them to the page.
    pub fn attach(doc: &Document) -> Result<Overlay, JsValue> {
        use wasm_bindgen::JsCast;
        let host = doc.create_element(HOST_TAG)?;
        let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))?;
        apply_styles(doc, &root)?;
        let frame: HtmlIFrameElement = doc.create_element("iframe")?.dyn_into()?;
        frame.set_attribute("class", "hidden")?;
        frame.set_attribute("title", &crate::text::Label::FrameTitle.text())?;
        // The page report's **Copy** writes to the clipboard from the frame.
        frame.set_attribute("allow", "clipboard-write")?;
        let secret = random_secret()?;
        frame.set_src(&format!("{}#{secret}", shim::extension_url(FRAME_PAGE)));
        root.append_child(&frame)?;
        let parent = doc
            .document_element()
            .ok_or_else(|| JsValue::from_str("no document element"))?;
        parent.append_child(&host)?;
        let origin = shim::extension_url("").trim_end_matches('/').to_owned();
        Ok(Overlay {
            host,
            frame,
            origin,
            secret,
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

    /// Asks the frame to take what waits for it (`POKE`), or to dismiss its
    /// newest notice (`ESCAPE`). Carries nothing the page may not see.
    pub fn poke(&self, what: &str) {
        if let Some(window) = self.frame.content_window() {
            let _ = window.post_message(&JsValue::from_str(what), &self.origin);
        }
    }

    /// Lays the frame out as it asked: `"hidden"`, `"notices"` (upper right,
    /// `height` pixels) or `"modal"` (the whole viewport).
    pub fn lay_out(&self, layout: &str, height: f64) {
        let class = match layout {
            "notices" => "",
            "modal" => "modal",
            _ => "hidden",
        };
        let _ = self.frame.set_attribute("class", class);
        let style = self.frame.style();
        let _ = match layout {
            "notices" => {
                style.set_property("height", &format!("{}px", height.clamp(0.0, 4000.0) as u32))
            }
            _ => style.remove_property("height").map(|_| ()),
        };
    }
}

/// 128 random bits as hex, from `crypto.getRandomValues`.
fn random_secret() -> Result<String, JsValue> {
    use wasm_bindgen::JsCast;
    let crypto = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))?;
    let fill: js_sys::Function =
        js_sys::Reflect::get(&crypto, &JsValue::from_str("getRandomValues"))?.dyn_into()?;
    let bytes = js_sys::Uint8Array::new_with_length(16);
    fill.call1(&crypto, &bytes)?;
    Ok(bytes.to_vec().iter().map(|b| format!("{b:02x}")).collect())
}

fn apply_styles(doc: &Document, root: &ShadowRoot) -> Result<(), JsValue> {
    match constructed_sheet() {
        Ok(sheet) => {
            let sheets = js_sys::Array::of1(&sheet);
            root.set_adopted_style_sheets(&sheets);
            // A browser that accepts the assignment but ignores it would
            // leave the frame unstyled: check, and fall back.
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

/// True when `el` is the layer's host (used to ignore our own mutations).
pub fn is_ours(el: &Element) -> bool {
    el.local_name() == HOST_TAG
}

//! In-browser tests of the in-page UI's building blocks (wasm-bindgen-test,
//! headless Chromium and Firefox): menu items copied from a menu's own
//! items, the frame's host and its styles, the requests and frame items
//! the content script writes (parsed as the contract says).
//! The end-to-end behaviour with the built extension is in
//! `tests/e2e/test_in_page.py`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Document, Element};

use super::menu::{self, ItemsView};
use super::overlay::Overlay;
use super::wire;
use crate::core::contract::request::{parse_request, Request};
use crate::core::greenhouse::candidate::NewCandidate;
use crate::core::inpage::frame::{FrameAction, FrameItem, FrameRole, ReviewOpen};
use crate::core::sending::readings::ReadingToken;
use crate::core::sending::review::{Problem, ReviewField, ReviewFields};

wasm_bindgen_test_configure!(run_in_browser);

/// `pgBrowser.i18n` answering each key with itself, as the shim would for
/// a missing message (the tests check structure, not wording), and
/// `extensionUrl` giving addresses in a made-up extension origin (the
/// frame then loads nothing: there is no such extension here).
fn install_shim() {
    let i18n = js_sys::Function::new_with_args("key", "return key;");
    let url = js_sys::Function::new_with_args("path", "return 'about:blank#' + path;");
    let shim = js_sys::Object::new();
    js_sys::Reflect::set(&shim, &"i18n".into(), &i18n).unwrap();
    js_sys::Reflect::set(&shim, &"extensionUrl".into(), &url).unwrap();
    js_sys::Reflect::set(&js_sys::global(), &"pgBrowser".into(), &shim).unwrap();
}

fn doc() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

fn html(markup: &str) -> Element {
    let host = doc().create_element("div").unwrap();
    host.set_inner_html(markup);
    doc().body().unwrap().append_child(&host).unwrap();
    host
}

fn computed(el: &Element, property: &str) -> String {
    let window = js_sys::global();
    let get: js_sys::Function = js_sys::Reflect::get(&window, &"getComputedStyle".into())
        .unwrap()
        .unchecked_into();
    let css = get.call1(&window, el).unwrap();
    js_sys::Reflect::get(&css, &property.into())
        .unwrap()
        .as_string()
        .unwrap()
}

fn noop() -> js_sys::Function {
    js_sys::Function::new_no_args("")
}

#[wasm_bindgen_test]
fn items_copy_the_menus_own_item_shape_and_come_after_its_items() {
    install_shim();
    let host = html(
        r#"<ul class="Menu_x" data-test="menu">
             <li class="Item_a" role="none"><button class="Btn_b" role="menuitem" tabindex="0" id="own"
                 data-action="copy-link" onclick="window.bad = 1">Copy Candidate Link</button></li>
             <li class="Item_a" role="none"><a class="Btn_b" role="menuitem" href="/x">Share with Team</a></li>
             <li role="separator" class="Sep"></li>
           </ul>"#,
    );
    let container = host.query_selector("ul").unwrap().unwrap();
    let template = host.query_selector("#own").unwrap().unwrap();
    assert!(!menu::already_inserted(&container));
    let items = menu::insert(
        &doc(),
        &container,
        &template,
        &ItemsView::Ready,
        &noop(),
        &noop(),
    )
    .unwrap();
    assert!(menu::already_inserted(&container));

    let primary = &items.primary;
    assert_eq!(primary.local_name(), "button");
    assert_eq!(primary.get_attribute("class").as_deref(), Some("Btn_b"));
    assert_eq!(primary.get_attribute("role").as_deref(), Some("menuitem"));
    assert_eq!(primary.get_attribute("tabindex").as_deref(), Some("-1"));
    assert_eq!(primary.get_attribute("type").as_deref(), Some("button"));
    // Never the page's handlers, ids or data.
    for attr in ["id", "onclick", "data-action"] {
        assert!(!primary.has_attribute(attr), "copied {attr}");
    }
    assert_eq!(primary.text_content().as_deref(), Some("contentSendItem"));
    assert_eq!(
        items.secondary.text_content().as_deref(),
        Some("contentReviewItem")
    );

    // Wrapped like the menu's items, right after the last of them (before
    // the separator), primary first.
    let wrapper = primary.parent_element().unwrap();
    assert_eq!(wrapper.local_name(), "li");
    assert_eq!(wrapper.get_attribute("role").as_deref(), Some("none"));
    assert_eq!(wrapper.get_attribute("class").as_deref(), Some("Item_a"));
    let mut names = Vec::new();
    let mut child = container.first_element_child();
    while let Some(el) = child {
        names.push(el.text_content().unwrap_or_default());
        child = el.next_element_sibling();
    }
    assert_eq!(
        names,
        [
            "Copy Candidate Link",
            "Share with Team",
            "contentSendItem",
            "contentReviewItem",
            ""
        ]
    );

    menu::render(&items, &ItemsView::Sending);
    assert_eq!(
        primary.text_content().as_deref(),
        Some("contentSendingItem")
    );
    assert_eq!(
        primary.get_attribute("aria-disabled").as_deref(),
        Some("true")
    );
    menu::render(&items, &ItemsView::Sent);
    // The item is in the page's reach: "sent", never Greenhouse's status.
    assert_eq!(primary.text_content().as_deref(), Some("contentSentItem"));
    assert!(!primary.has_attribute("aria-disabled"));
    assert_eq!(
        items.secondary.text_content().as_deref(),
        Some("contentSendAgainItem")
    );
    host.remove();
}

#[wasm_bindgen_test]
fn items_of_a_flat_menu_are_single_elements() {
    install_shim();
    let host = html(
        r#"<div role="menu"><div class="I" role="menuitem" tabindex="-1"><svg></svg><span>Share with Team</span></div>
           <div class="I" role="menuitem" tabindex="-1"><span>Copy Candidate Link</span></div></div>"#,
    );
    let container = host.query_selector("[role=menu]").unwrap().unwrap();
    let template = host.query_selector("[role=menuitem]").unwrap().unwrap();
    let items = menu::insert(
        &doc(),
        &container,
        &template,
        &ItemsView::Ready,
        &noop(),
        &noop(),
    )
    .unwrap();
    assert!(items
        .primary
        .parent_element()
        .unwrap()
        .is_same_node(Some(&container)));
    assert_eq!(container.child_element_count(), 4);
    assert_eq!(
        container
            .last_element_child()
            .unwrap()
            .get_attribute(menu::MARK)
            .as_deref(),
        Some(menu::SECONDARY)
    );
    host.remove();
}

#[wasm_bindgen_test]
fn the_layer_is_a_closed_shadow_root_holding_only_the_hidden_extension_frame() {
    install_shim();
    // Page CSS that would wreck a frame living in the page DOM.
    let style = doc().create_element("style").unwrap();
    style.set_text_content(Some(
        "iframe { display: block !important; width: 5000px !important; }",
    ));
    doc().body().unwrap().append_child(&style).unwrap();
    let overlay = Overlay::attach(&doc()).unwrap();
    let host_parent = overlay.host.parent_element().unwrap();
    let root: web_sys::Node = doc().document_element().unwrap().into();
    assert!(host_parent.is_same_node(Some(&root)));
    assert!(
        overlay.host.shadow_root().is_none(),
        "the shadow root must be closed"
    );
    assert!(
        overlay.frame.src().contains("inpage.html#"),
        "{}",
        overlay.frame.src()
    );
    // Hidden until the frame asks for a layout; page CSS does not reach it.
    assert_eq!(computed(&overlay.frame, "visibility"), "hidden");
    overlay.lay_out("notices", 120.0);
    assert_eq!(computed(&overlay.frame, "visibility"), "visible");
    assert_eq!(computed(&overlay.frame, "position"), "fixed");
    assert_eq!(computed(&overlay.frame, "height"), "120px");
    overlay.lay_out("hidden", 0.0);
    assert_eq!(computed(&overlay.frame, "visibility"), "hidden");
    overlay.detach();
    style.remove();
    assert!(!overlay.is_attached());
}

/// A message the content script writes, as the background parses it.
fn as_parsed(message: &JsValue) -> Request {
    let text = String::from(js_sys::JSON::stringify(message).unwrap());
    parse_request(&text).unwrap_or_else(|error| panic!("{text}: {error:?}"))
}

#[wasm_bindgen_test]
fn the_content_script_writes_requests_as_the_contract_says() {
    // The content script never writes a `SendProspect`: it sends with
    // `SendProfile` (the review form sends from the in-page frame).
    assert_eq!(
        as_parsed(&wire::status_message("48213", false)),
        Request::GetSendStatus {
            external_id: "48213".into(),
            without_lookup: false,
        }
    );
    assert_eq!(
        as_parsed(&wire::status_message("48213", true)),
        Request::GetSendStatus {
            external_id: "48213".into(),
            without_lookup: true,
        }
    );
    let snapshot = "\u{1}main\u{5}Ada Lovelace\u{4}";
    assert_eq!(
        as_parsed(&wire::read_profile_message(
            snapshot.into(),
            "https://purpose.jobs/candidates/48213"
        )),
        Request::ReadProfile {
            snapshot: snapshot.into(),
            url: "https://purpose.jobs/candidates/48213".into(),
        }
    );
    assert_eq!(
        as_parsed(&wire::send_profile_message(
            snapshot.into(),
            "https://purpose.jobs/candidates/48213"
        )),
        Request::SendProfile {
            snapshot: snapshot.into(),
            url: "https://purpose.jobs/candidates/48213".into(),
        }
    );
    assert_eq!(
        as_parsed(&wire::report_page_message(
            snapshot.into(),
            "https://purpose.jobs/candidates/48213"
        )),
        Request::ReportPage {
            snapshot: snapshot.into(),
            url: "https://purpose.jobs/candidates/48213".into(),
        }
    );
}

#[wasm_bindgen_test]
fn the_content_script_writes_frame_items_as_the_contract_says() {
    let candidate = NewCandidate {
        prospect: true,
        first_name: "Teller".into(),
        external_id: "60606".into(),
        ..NewCandidate::default()
    };
    // What the background's reading names the candidate by.
    let token = ReadingToken {
        token: "6f9619ff-8b86-4011-b42d-00c04fc964ff".into(),
    };
    let value = js_sys::JSON::parse(&serde_json::to_string(&token).unwrap()).unwrap();
    let fields = ReviewFields::of(&candidate);
    let marked = [
        (ReviewField::LastName, Problem::Missing),
        (ReviewField::Email, Problem::Invalid),
    ];
    let form = wire::review_form(
        &value,
        &fields,
        &marked,
        Some("why"),
        true,
        Some("<!-- r -->"),
    );
    let open = ReviewOpen {
        candidate: token.clone(),
        fields: fields.clone(),
        missing: vec!["last_name".into()],
        invalid: vec!["email".into()],
        notice: Some("why".into()),
        resend: true,
        report: Some("<!-- r -->".into()),
    };
    let shown = |item: JsValue| {
        let message = js_sys::Object::new();
        js_sys::Reflect::set(&message, &"type".into(), &"ShowInPage".into()).unwrap();
        js_sys::Reflect::set(&message, &"frame".into(), &"0123456789abcdef".into()).unwrap();
        js_sys::Reflect::set(&message, &"item".into(), &item).unwrap();
        match as_parsed(&message.into()) {
            Request::ShowInPage { item, .. } => item,
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        shown(wire::review_item(&form)),
        FrameItem::Review {
            form: Box::new(open.clone())
        }
    );
    assert_eq!(
        shown(wire::notice_item(
            "alert",
            "not sent",
            None,
            Some(wire::review_action("Review and fix", &form)),
            Some("<!-- page -->")
        )),
        FrameItem::Notice {
            role: FrameRole::Alert,
            text: "not sent".into(),
            link: None,
            action: Some(FrameAction::Review {
                label: "Review and fix".into(),
                form: Box::new(open)
            }),
            report: Some("<!-- page -->".into()),
        }
    );
    assert_eq!(
        shown(wire::notice_item(
            "status",
            "sent",
            Some("https://app.greenhouse.io/people/1"),
            Some(wire::options_action()),
            None
        )),
        FrameItem::Notice {
            role: FrameRole::Status,
            text: "sent".into(),
            link: Some("https://app.greenhouse.io/people/1".into()),
            action: Some(FrameAction::OpenOptions),
            report: None,
        }
    );
}

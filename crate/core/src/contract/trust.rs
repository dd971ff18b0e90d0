//! Who may send what: the trust tiers. A content script runs beside a page we
//! do not control, so it may only have a snapshot read, submit a profile and
//! ask about sends ([`Tier::ContentScript`]); the extension's own pages
//! (options, popup) may also read and change settings
//! ([`Tier::ExtensionPage`]); anything else (another extension, a web page)
//! is refused. The adapter classifies the sender ([`classify_sender`]); the
//! router then [`authorize`]s the request.

use crate::contract::error_reply::Failure;
use crate::contract::request::Request;

/// Who may send a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// Content scripts and extension pages.
    ContentScript,
    /// Extension pages only.
    ExtensionPage,
    /// The extension's own frame in a Purpose Jobs tab only.
    InPageFrame,
}

/// Who sent a message, as the adapter determines it from
/// `runtime.onMessage`'s sender (see [`classify_sender`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SenderKind {
    /// This extension's content script in a Purpose Jobs page.
    ContentScript,
    /// One of this extension's own pages (options, popup, background).
    ExtensionPage,
    /// This extension's `inpage.html` in a tab: the frame the content
    /// script shows the notices and the review form in. It may do what a
    /// content script may, and take its tab's items; never settings.
    InPageFrame,
    /// Anything else: another extension, a web page, a content script in an
    /// unexpected page. Always refused.
    Foreign,
}

/// Whether `sender` may make `request`: foreign senders never; content
/// scripts only content-script-tier requests; the in-page frame those and
/// its own; extension pages everything but the frame's.
pub fn authorize(request: &Request, sender: SenderKind) -> Result<(), Failure> {
    match (sender, request.tier()) {
        (SenderKind::ExtensionPage, Tier::ContentScript | Tier::ExtensionPage)
        | (SenderKind::ContentScript, Tier::ContentScript)
        | (SenderKind::InPageFrame, Tier::ContentScript | Tier::InPageFrame) => Ok(()),
        (SenderKind::ExtensionPage, Tier::InPageFrame)
        | (SenderKind::ContentScript, Tier::ExtensionPage | Tier::InPageFrame)
        | (SenderKind::InPageFrame, Tier::ExtensionPage)
        | (SenderKind::Foreign, _) => Err(Failure::not_allowed()),
    }
}

/// The in-page frame's address in the extension (`extension/inpage.html`).
pub const IN_PAGE_FRAME: &str = "inpage.html";

/// What the adapter knows about a message's sender (`runtime.MessageSender`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MessageSender {
    /// `sender.id`: the sending extension's id.
    pub id: Option<String>,
    /// `sender.url`: the URL of the sending page or frame.
    pub url: Option<String>,
    /// Whether `sender.tab` is set (content scripts, and pages open in tabs).
    pub has_tab: bool,
}

/// Classifies a sender. `own_id` is `runtime.id`; `own_origin` is
/// `runtime.getURL("")` (e.g. `chrome-extension://<id>/` or
/// `moz-extension://<uuid>/`). Our pages are recognised by their URL (the
/// options page may sit in a tab); our content scripts by a tab whose URL is
/// an `https` Purpose Jobs page; everything else is foreign.
pub fn classify_sender(sender: &MessageSender, own_id: &str, own_origin: &str) -> SenderKind {
    if sender.id.as_deref() != Some(own_id) || own_id.is_empty() {
        return SenderKind::Foreign;
    }
    let url = sender.url.as_deref().unwrap_or_default();
    match (url, sender.has_tab) {
        (url, true) if !own_origin.is_empty() && is_in_page_frame(url, own_origin) => {
            SenderKind::InPageFrame
        }
        (url, _) if !own_origin.is_empty() && url.starts_with(own_origin) => {
            SenderKind::ExtensionPage
        }
        (url, true) if is_purpose_jobs_url(url) => SenderKind::ContentScript,
        _ => SenderKind::Foreign,
    }
}

/// Whether `url` is exactly our `inpage.html` (with any query or fragment).
fn is_in_page_frame(url: &str, own_origin: &str) -> bool {
    url.strip_prefix(own_origin)
        .and_then(|rest| rest.strip_prefix(IN_PAGE_FRAME))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['?', '#']))
}

/// Whether `url` is `https://purpose.jobs/…` or `https://<sub>.purpose.jobs/…`.
fn is_purpose_jobs_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // No credentials in the URL (`https://purpose.jobs@evil.example/`).
    if authority.contains('@') {
        return false;
    }
    let host = authority
        .rsplit_once(':')
        .map_or(authority, |(host, _port)| host)
        .to_ascii_lowercase();
    host == "purpose.jobs" || host.ends_with(".purpose.jobs")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::contract::error_reply::ErrorKind;
    use crate::contract::request::tests::every_request;

    #[test]
    fn authorization_by_tier_and_sender() {
        let content_tier = [
            "SendProspect",
            "ReadProfile",
            "SendProfile",
            "Wake",
            "GetSendStatus",
            "OpenOptions",
            "ReportPage",
            "ShowInPage",
        ];
        for request in every_request() {
            let name = request.type_name();
            let content_may = content_tier.contains(&name);
            let frame_only = name == "TakeInPage";
            assert_eq!(
                authorize(&request, SenderKind::ContentScript).is_ok(),
                content_may,
                "{name}"
            );
            assert_eq!(
                authorize(&request, SenderKind::InPageFrame).is_ok(),
                content_may || frame_only,
                "{name}"
            );
            assert_eq!(
                authorize(&request, SenderKind::ExtensionPage).is_ok(),
                !frame_only,
                "{name}"
            );
            let foreign = authorize(&request, SenderKind::Foreign).unwrap_err();
            assert_eq!(foreign.kind, ErrorKind::NotAllowed, "{name}");
        }
    }

    #[test]
    fn senders_are_classified() {
        let own = "abcdefghijklmnop";
        let origin = "chrome-extension://abcdefghijklmnop/";
        let sender = |id: Option<&str>, url: Option<&str>, has_tab| MessageSender {
            id: id.map(String::from),
            url: url.map(String::from),
            has_tab,
        };
        let cases = [
            (
                sender(
                    Some(own),
                    Some("chrome-extension://abcdefghijklmnop/options.html"),
                    true,
                ),
                SenderKind::ExtensionPage,
            ),
            (
                sender(
                    Some(own),
                    Some("chrome-extension://abcdefghijklmnop/popup.html"),
                    false,
                ),
                SenderKind::ExtensionPage,
            ),
            (
                sender(
                    Some(own),
                    Some("https://app.purpose.jobs/candidates/42"),
                    true,
                ),
                SenderKind::ContentScript,
            ),
            // The in-page frame: our inpage.html, in a tab.
            (
                sender(
                    Some(own),
                    Some("chrome-extension://abcdefghijklmnop/inpage.html"),
                    true,
                ),
                SenderKind::InPageFrame,
            ),
            (
                sender(
                    Some(own),
                    Some("chrome-extension://abcdefghijklmnop/inpage.html#x"),
                    true,
                ),
                SenderKind::InPageFrame,
            ),
            // Not in a tab, or another of our pages: an extension page.
            (
                sender(
                    Some(own),
                    Some("chrome-extension://abcdefghijklmnop/inpage.html"),
                    false,
                ),
                SenderKind::ExtensionPage,
            ),
            (
                sender(
                    Some(own),
                    Some("chrome-extension://abcdefghijklmnop/inpage.html.evil"),
                    true,
                ),
                SenderKind::ExtensionPage,
            ),
            (
                sender(Some(own), Some("https://purpose.jobs/x"), true),
                SenderKind::ContentScript,
            ),
            (
                sender(Some(own), Some("https://APP.Purpose.Jobs:443/x?y#z"), true),
                SenderKind::ContentScript,
            ),
            // A purpose.jobs URL without a tab is not a content script.
            (
                sender(Some(own), Some("https://app.purpose.jobs/"), false),
                SenderKind::Foreign,
            ),
            (
                sender(Some(own), Some("http://app.purpose.jobs/"), true),
                SenderKind::Foreign,
            ),
            (
                sender(Some(own), Some("https://evilpurpose.jobs/"), true),
                SenderKind::Foreign,
            ),
            (
                sender(Some(own), Some("https://purpose.jobs.evil.example/"), true),
                SenderKind::Foreign,
            ),
            (
                sender(Some(own), Some("https://purpose.jobs@evil.example/"), true),
                SenderKind::Foreign,
            ),
            (
                sender(
                    Some("other-extension"),
                    Some("chrome-extension://abcdefghijklmnop/x"),
                    false,
                ),
                SenderKind::Foreign,
            ),
            (
                sender(None, Some("https://app.purpose.jobs/"), true),
                SenderKind::Foreign,
            ),
            (
                sender(
                    Some(own),
                    Some("chrome-extension://other/options.html"),
                    true,
                ),
                SenderKind::Foreign,
            ),
            (sender(Some(own), None, true), SenderKind::Foreign),
        ];
        for (sender, expected) in cases {
            assert_eq!(
                classify_sender(&sender, own, origin),
                expected,
                "{sender:?}"
            );
        }
        let firefox = "moz-extension://1b2c3d4e-0000-4000-8000-000000000000/";
        let page = sender(
            Some("purpose-greenhouse@purpose.jobs"),
            Some(&format!("{firefox}popup.html")),
            false,
        );
        assert_eq!(
            classify_sender(&page, "purpose-greenhouse@purpose.jobs", firefox),
            SenderKind::ExtensionPage
        );
        assert_eq!(classify_sender(&page, "", ""), SenderKind::Foreign);
    }
}

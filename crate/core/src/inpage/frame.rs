//! What the extension's own frame in a Purpose Jobs tab shows: the
//! notices and the review form, out of the page's reach.
//!
//! The page can read and rewrite anything in its own DOM, shadow roots
//! included, so the content script draws nothing there but an empty
//! `<iframe>` of the web-accessible `inpage.html` (an extension origin the
//! page cannot script). What that frame shows travels through the
//! background, never through the page: the content script hands each item
//! over with `ShowInPage` (the background keeps it for the sender's tab),
//! and the frame takes its tab's items with `TakeInPage`. The frame sends
//! the review form's values itself, so what the recruiter typed never
//! passes through the page either.

use serde::{Deserialize, Serialize};

use crate::sending::readings::ReadingToken;
use crate::sending::review::ReviewFields;

use super::link::greenhouse_link;

/// The most items waiting for one tab's frame; older ones are dropped.
pub const MAX_WAITING: usize = 8;
/// The longest sentence an item may carry (characters).
pub const MAX_TEXT: usize = 2_000;
/// The longest page report an item may carry (bytes; the report itself is
/// capped at 512 KB by `crate::report`).
pub const MAX_REPORT: usize = 512 * 1024;

/// One thing for the frame to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum FrameItem {
    /// A notice in the upper right corner.
    Notice {
        /// `"status"` or `"alert"`.
        role: FrameRole,
        /// The sentence, already worded in the recruiter's locale.
        text: String,
        /// **View in Greenhouse**, when Greenhouse gave an address.
        #[serde(default)]
        link: Option<String>,
        /// Its button, if any.
        #[serde(default)]
        action: Option<FrameAction>,
        /// The page report its **Report this page** button shows, if any.
        #[serde(default)]
        report: Option<String>,
    },
    /// The review form, opened at once.
    Review {
        /// What to open it with.
        form: Box<ReviewOpen>,
    },
}

/// A notice's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FrameRole {
    /// `role="status"`.
    Status,
    /// `role="alert"`.
    Alert,
}

/// A notice's button.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum FrameAction {
    /// **Open extension options**.
    OpenOptions,
    /// Opens the review form (**Review and fix**, **Fill in the form**).
    Review {
        /// The button's text.
        label: String,
        /// What to open the form with.
        form: Box<ReviewOpen>,
    },
}

/// What the review form opens with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewOpen {
    /// The background's handle on the candidate it read (the reading's
    /// token): the form sends it back with the recruiter's values, never a
    /// candidate of its own.
    pub candidate: ReadingToken,
    /// The values the form starts from.
    pub fields: ReviewFields,
    /// Fields marked from the start, by [`ReviewField::key`](crate::sending::review::ReviewField::key),
    /// as missing.
    #[serde(default)]
    pub missing: Vec<String>,
    /// Fields marked from the start as invalid.
    #[serde(default)]
    pub invalid: Vec<String>,
    /// A sentence above the fields (why the form opened).
    #[serde(default)]
    pub notice: Option<String>,
    /// Sending again a candidate already sent: the form asks to confirm.
    #[serde(default)]
    pub resend: bool,
    /// The page report its **Report this page** button shows, if any.
    #[serde(default)]
    pub report: Option<String>,
}

impl FrameItem {
    /// The item as the frame may show it: sentences cut to [`MAX_TEXT`],
    /// a link kept only when it is Greenhouse's ([`greenhouse_link`]),
    /// a page report dropped when over [`MAX_REPORT`].
    pub fn checked(self) -> FrameItem {
        match self {
            FrameItem::Notice {
                role,
                text,
                link,
                action,
                report,
            } => FrameItem::Notice {
                role,
                text: bounded(text),
                link: link.filter(|l| greenhouse_link(l).is_some()),
                action: action.map(|action| match action {
                    FrameAction::Review { label, form } => FrameAction::Review {
                        label,
                        form: Box::new(form.checked()),
                    },
                    other => other,
                }),
                report: report_within(report),
            },
            FrameItem::Review { form } => FrameItem::Review {
                form: Box::new(form.checked()),
            },
        }
    }
}

impl ReviewOpen {
    /// The form as the frame may open it: its report dropped when over
    /// [`MAX_REPORT`].
    pub fn checked(self) -> ReviewOpen {
        ReviewOpen {
            report: report_within(self.report),
            ..self
        }
    }
}

/// A report kept only when within [`MAX_REPORT`] (a cut report would be a
/// broken HTML document; one too big is no report of ours).
fn report_within(report: Option<String>) -> Option<String> {
    report.filter(|r| !r.is_empty() && r.len() <= MAX_REPORT)
}

fn bounded(text: String) -> String {
    match text.chars().count() > MAX_TEXT {
        true => text.chars().take(MAX_TEXT).collect(),
        false => text,
    }
}

/// How the frame sits over the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Nothing to show: the frame is hidden (it takes no focus, no clicks).
    Hidden,
    /// Notices only: a column in the upper right corner, as tall as they are.
    Notices,
    /// The review form: the whole viewport (a modal dialog).
    Modal,
}

impl Layout {
    /// The layout for `notices` shown and the form open or not.
    pub fn of(notices: usize, form_open: bool) -> Layout {
        match (form_open, notices) {
            (true, _) => Layout::Modal,
            (false, 0) => Layout::Hidden,
            (false, _) => Layout::Notices,
        }
    }

    /// Its name in the frame's `layout` message to the content script.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Hidden => "hidden",
            Layout::Notices => "notices",
            Layout::Modal => "modal",
        }
    }

    /// The layout named `name`.
    pub fn from_name(name: &str) -> Option<Layout> {
        [Layout::Hidden, Layout::Notices, Layout::Modal]
            .into_iter()
            .find(|l| l.as_str() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_is_hidden_when_empty_and_modal_with_the_form() {
        let table = [
            (0, false, Layout::Hidden),
            (1, false, Layout::Notices),
            (3, false, Layout::Notices),
            (0, true, Layout::Modal),
            (2, true, Layout::Modal),
        ];
        for (notices, form, layout) in table {
            assert_eq!(Layout::of(notices, form), layout);
            assert_eq!(Layout::from_name(layout.as_str()), Some(layout));
        }
        assert_eq!(Layout::from_name("everything"), None);
    }

    #[test]
    fn a_notice_keeps_only_greenhouse_links_and_bounded_text() {
        let item = |link: &str, text: String| FrameItem::Notice {
            role: FrameRole::Status,
            text,
            link: Some(link.into()),
            action: None,
            report: None,
        };
        let checked = item("javascript:alert(1)", "x".repeat(MAX_TEXT + 5)).checked();
        match checked {
            FrameItem::Notice { link, text, .. } => {
                assert_eq!(link, None);
                assert_eq!(text.chars().count(), MAX_TEXT);
            }
            other => panic!("{other:?}"),
        }
        let kept = item("https://app.greenhouse.io/people/1", "ok".into()).checked();
        assert_eq!(
            kept,
            item("https://app.greenhouse.io/people/1", "ok".into())
        );
    }

    #[test]
    fn items_read_back_strictly() {
        let json = r#"{"kind":"notice","role":"alert","text":"t","link":null,"action":{"kind":"open_options"}}"#;
        let item: FrameItem = serde_json::from_str(json).unwrap();
        assert_eq!(
            item,
            FrameItem::Notice {
                role: FrameRole::Alert,
                text: "t".into(),
                link: None,
                action: Some(FrameAction::OpenOptions),
                report: None,
            }
        );
        let with_report =
            r#"{"kind":"notice","role":"alert","text":"t","report":"<!doctype html>"}"#;
        match serde_json::from_str::<FrameItem>(with_report).unwrap() {
            FrameItem::Notice { report, .. } => {
                assert_eq!(report.as_deref(), Some("<!doctype html>"))
            }
            other => panic!("{other:?}"),
        }
        let extra = r#"{"kind":"notice","role":"alert","text":"t","script":"x"}"#;
        assert!(serde_json::from_str::<FrameItem>(extra).is_err());
    }

    #[test]
    fn a_report_is_kept_only_within_its_cap() {
        let notice = |report: String| FrameItem::Notice {
            role: FrameRole::Alert,
            text: "t".into(),
            link: None,
            action: None,
            report: Some(report),
        };
        let report_of = |item: FrameItem| match item {
            FrameItem::Notice { report, .. } => report,
            other => panic!("{other:?}"),
        };
        let small = "<!doctype html>".to_owned();
        assert_eq!(report_of(notice(small.clone()).checked()), Some(small));
        assert_eq!(
            report_of(notice("x".repeat(MAX_REPORT)).checked()).map(|r| r.len()),
            Some(MAX_REPORT)
        );
        assert_eq!(
            report_of(notice("x".repeat(MAX_REPORT + 1)).checked()),
            None
        );
        assert_eq!(report_of(notice(String::new()).checked()), None);
    }
}

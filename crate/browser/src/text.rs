//! Every sentence the in-page UI shows (the content script's menu items
//! and the in-page frame's notices and review form), looked up in
//! `_locales/<lang>/messages.json` through `i18n` (keys prefixed `content`).
//!
//! Page data only ever reaches the page as substitutions of these messages
//! set with `set_text_content`, never as markup. This module never builds
//! a sentence by concatenating English words in Rust.

use wasm_bindgen::JsValue;

use crate::core::inpage::click::ClickRefusal;
use crate::core::inpage::notice::{ApplicationLine, NoticeAction, NoticeText};
use crate::shim;

/// One user-visible string of the in-page UI. The variant's doc is the
/// English text (placeholders in capitals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// "Send to Greenhouse"
    SendItem,
    /// "Review and send…"
    ReviewItem,
    /// "Sending to Greenhouse…"
    SendingItem,
    /// "Sent to Greenhouse ✓"
    SentItem,
    /// "Send again…"
    SendAgainItem,
    /// "Queued for Greenhouse"
    QueuedItem,
    /// "NAME was sent to Greenhouse"
    SentToast,
    /// "NAME was already sent to Greenhouse."
    AlreadySentToast,
    /// "In Greenhouse: STATUS." (job, status and stage as Greenhouse words them)
    ApplicationStatus,
    /// "Not visible in Greenhouse: your user may not read candidates, or it was merged or deleted."
    NotVisibleStatus,
    /// "View in Greenhouse"
    ViewInGreenhouse,
    /// "Close"
    Close,
    /// "Open extension options"
    OpenOptions,
    /// "Review and fix"
    FixInReview,
    /// "NAME was not sent to Greenhouse."
    NotSent,
    /// "NAME is not in Greenhouse yet."
    Queued,
    /// "The send is queued and will be retried automatically."
    WillRetry,
    /// "The extension is not connected to Greenhouse yet: set it up in the options page that just opened."
    NotSetUp,
    /// "Nothing was sent: the candidate's name could not be read from this page."
    NoName,
    /// "Nothing was sent: this page does not say which Purpose Jobs candidate it shows."
    NoCandidateId,
    /// "Nothing was sent: this page is not a candidate profile."
    NotAProfile,
    /// "Nothing was sent: the page is still switching to another candidate. Try again in a moment."
    StaleProfile,
    /// "Fill in the form"
    FillInForm,
    /// "The extension could not be reached. Reload the page and try again."
    Unreachable,
    /// "Review before sending to Greenhouse"
    ReviewTitle,
    /// "Greenhouse needs the marked fields: fill them in, then send."
    ReviewMissing,
    /// "NAME was already sent to Greenhouse on WHEN. Send again?"
    ReviewResend,
    /// "First name"
    FirstName,
    /// "Last name"
    LastName,
    /// "Purpose Jobs candidate id"
    CandidateId,
    /// "Email"
    Email,
    /// "Title"
    Title,
    /// "Company"
    Company,
    /// "Links (one per line)"
    Links,
    /// "Resume URL"
    ResumeUrl,
    /// "Greenhouse fetches the resume from this link, without your Purpose Jobs login; the link is also written into the notes."
    ResumeFetchNote,
    /// "Hidden direction or zero-width characters were removed from the name or title."
    RemovedInvisible,
    /// "Notes"
    Notes,
    /// "Destination"
    Destination,
    /// "Prospects without a pool"
    NoPool,
    /// "Prospect pool: POOL, stage: STAGE"
    PoolStage,
    /// "Job: JOB"
    Job,
    /// "Source: purpose.jobs · Credited to USER"
    SourceLine,
    /// "Source: purpose.jobs · Credited to the connected Greenhouse user"
    SourceLineUnknownUser,
    /// "Required"
    Required,
    /// "Check this value"
    Invalid,
    /// "Send"
    Send,
    /// "Send again"
    SendAgain,
    /// "Cancel"
    Cancel,
    /// "Report this page"
    ReportPage,
    /// "Page report"
    PageReport,
    /// "This report keeps the page's structure and labels; …"
    ReportExplain,
    /// "Copy"
    ReportCopy,
    /// "Download"
    ReportDownload,
    /// "Copied."
    ReportCopied,
    /// "Purpose Jobs → Greenhouse" (the in-page frame's accessible name)
    FrameTitle,
    /// "Nothing was sent: the Send to Greenhouse item was hidden when it was clicked."
    ClickHidden,
    /// "Nothing was sent: the Send to Greenhouse item was invisible when it was clicked. …"
    ClickTransparent,
    /// "Nothing was sent: the Send to Greenhouse item covered far more than a menu item. …"
    ClickTooLarge,
    /// "Nothing was sent: the click was not on the Send to Greenhouse item. …"
    ClickNotUnderPointer,
}

impl Label {
    /// The `_locales` message name.
    pub fn key(self) -> &'static str {
        match self {
            Label::SendItem => "contentSendItem",
            Label::ReviewItem => "contentReviewItem",
            Label::SendingItem => "contentSendingItem",
            Label::SentItem => "contentSentItem",
            Label::SendAgainItem => "contentSendAgainItem",
            Label::QueuedItem => "contentQueuedItem",
            Label::ClickHidden => "contentClickHidden",
            Label::ClickTransparent => "contentClickTransparent",
            Label::ClickTooLarge => "contentClickTooLarge",
            Label::ClickNotUnderPointer => "contentClickNotUnderPointer",
            Label::SentToast => "contentSentToast",
            Label::AlreadySentToast => "contentAlreadySentToast",
            Label::ApplicationStatus => "contentApplicationStatus",
            Label::NotVisibleStatus => "contentNotVisibleStatus",
            Label::ViewInGreenhouse => "contentViewInGreenhouse",
            Label::Close => "contentClose",
            Label::OpenOptions => "contentOpenOptions",
            Label::FixInReview => "contentFixInReview",
            Label::NotSent => "contentNotSent",
            Label::Queued => "contentQueued",
            Label::WillRetry => "contentWillRetry",
            Label::NotSetUp => "contentNotSetUp",
            Label::NoName => "contentNoName",
            Label::NoCandidateId => "contentNoCandidateId",
            Label::NotAProfile => "contentNotAProfile",
            Label::StaleProfile => "contentStaleProfile",
            Label::FillInForm => "contentFillInForm",
            Label::Unreachable => "contentUnreachable",
            Label::ReviewTitle => "contentReviewTitle",
            Label::ReviewMissing => "contentReviewMissing",
            Label::ReviewResend => "contentReviewResend",
            Label::FirstName => "contentFirstName",
            Label::LastName => "contentLastName",
            Label::CandidateId => "contentCandidateId",
            Label::Email => "contentEmail",
            Label::Title => "contentTitle",
            Label::Company => "contentCompany",
            Label::Links => "contentLinks",
            Label::ResumeUrl => "contentResumeUrl",
            Label::ResumeFetchNote => "contentResumeFetchNote",
            Label::RemovedInvisible => "reviewRemovedInvisible",
            Label::Notes => "contentNotes",
            Label::Destination => "contentDestination",
            Label::NoPool => "contentNoPool",
            Label::PoolStage => "contentPoolStage",
            Label::Job => "contentJob",
            Label::SourceLine => "contentSourceLine",
            Label::SourceLineUnknownUser => "contentSourceLineUnknownUser",
            Label::Required => "contentRequired",
            Label::Invalid => "contentInvalid",
            Label::Send => "contentSend",
            Label::SendAgain => "contentSendAgain",
            Label::Cancel => "contentCancel",
            Label::ReportPage => "contentReportPage",
            Label::PageReport => "contentPageReport",
            Label::ReportExplain => "contentReportExplain",
            Label::ReportCopy => "contentReportCopy",
            Label::ReportDownload => "contentReportDownload",
            Label::ReportCopied => "contentReportCopied",
            Label::FrameTitle => "contentFrameTitle",
        }
    }

    /// The localized text.
    pub fn text(self) -> String {
        lookup(self.key(), &JsValue::UNDEFINED)
    }

    /// The localized text with its placeholders (`$1`, `$2`, ... in
    /// `messages.json`) replaced by `values`, inserted verbatim.
    pub fn with(self, values: &[&str]) -> String {
        let array = js_sys::Array::new();
        for value in values {
            array.push(&JsValue::from_str(value));
        }
        lookup(self.key(), &array)
    }
}

/// The sentence of a notice, in the recruiter's locale.
pub fn notice_text(text: &NoticeText) -> String {
    match text {
        NoticeText::Sent { name } => Label::SentToast.with(&[name]),
        NoticeText::AlreadySent { name, application } => {
            let sent = Label::AlreadySentToast.with(&[name]);
            match application {
                None => sent,
                Some(ApplicationLine::Found(status)) => {
                    format!("{sent} {}", Label::ApplicationStatus.with(&[status]))
                }
                Some(ApplicationLine::NotVisible) => {
                    format!("{sent} {}", Label::NotVisibleStatus.text())
                }
            }
        }
        NoticeText::Queued {
            name,
            reason,
            add_will_retry,
        } => {
            let mut parts = vec![Label::Queued.with(&[name])];
            parts.extend(reason.clone());
            if *add_will_retry {
                parts.push(Label::WillRetry.text());
            }
            parts.join(" ")
        }
        NoticeText::NotSent { name, reason } => {
            format!("{} {}", Label::NotSent.with(&[name]), reason)
        }
        NoticeText::NotSetUp => Label::NotSetUp.text(),
        NoticeText::NoName => Label::NoName.text(),
        NoticeText::NoCandidateId => Label::NoCandidateId.text(),
        NoticeText::NotAProfile => Label::NotAProfile.text(),
        NoticeText::Stale => Label::StaleProfile.text(),
        NoticeText::Refused { message } => message.clone(),
        NoticeText::Unreachable => Label::Unreachable.text(),
        NoticeText::ClickRefused(why) => match why {
            ClickRefusal::Hidden => Label::ClickHidden.text(),
            ClickRefusal::Transparent => Label::ClickTransparent.text(),
            ClickRefusal::TooLarge => Label::ClickTooLarge.text(),
            ClickRefusal::NotUnderPointer => Label::ClickNotUnderPointer.text(),
        },
    }
}

/// The label of a notice's button.
pub fn action_label(action: NoticeAction) -> Label {
    match action {
        NoticeAction::OpenOptions => Label::OpenOptions,
        NoticeAction::FixInReview { .. } => Label::FixInReview,
        NoticeAction::FillInForm => Label::FillInForm,
    }
}

fn lookup(key: &str, substitutions: &JsValue) -> String {
    match shim::i18n(key, substitutions) {
        // A missing message shows its key: visible in tests, never blank.
        text if text.is_empty() => key.to_owned(),
        text => text,
    }
}

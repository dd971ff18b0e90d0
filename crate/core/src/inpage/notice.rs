//! Which notice the in-page UI shows for an outcome or an error, and with
//! which action: a [`Notice`] is a role, a typed sentence ([`NoticeText`],
//! worded by the adapter in the recruiter's locale), at most one link
//! (only to Greenhouse, see [`super::link`]) and at most one action.
//!
//! Decisions branch on typed fields (`ErrorKind`, `Advice`), never on a
//! sentence's words.

use crate::contract::error_reply::{Advice, ErrorKind, ErrorReply};
use crate::contract::records::SentRecord;
use crate::contract::reply::{GreenhouseLookup, SendOutcome};
use crate::sending::review::ReviewField;

use super::click::ClickRefusal;
use super::link::greenhouse_link;

/// How a notice is announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `role="status"`: it worked; the notice dismisses itself.
    Status,
    /// `role="alert"`: a problem; the notice stays until closed.
    Alert,
}

impl Role {
    /// The ARIA role's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Status => "status",
            Role::Alert => "alert",
        }
    }
}

/// What a notice says. Names and reasons are inserted as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeText {
    /// "NAME was sent to Greenhouse".
    Sent {
        /// The candidate's name.
        name: String,
    },
    /// "NAME was already sent to Greenhouse." and, when Greenhouse was
    /// asked, what it says about the application now.
    AlreadySent {
        /// The candidate's name.
        name: String,
        /// What Greenhouse says now; `None` when it was not asked.
        application: Option<ApplicationLine>,
    },
    /// "NAME is not in Greenhouse yet." + the reason + (unless the reason
    /// says so already) "The send is queued and will be retried
    /// automatically."
    Queued {
        /// The candidate's name.
        name: String,
        /// Why it is not sent yet, as the background worded it.
        reason: Option<String>,
        /// Whether to add the "will be retried" sentence (the reason does
        /// not end with that advice).
        add_will_retry: bool,
    },
    /// "NAME was not sent to Greenhouse." + the reason.
    NotSent {
        /// The candidate's name.
        name: String,
        /// Why, and what to do, as the background worded it.
        reason: String,
    },
    /// Not connected to Greenhouse yet (the options page opens).
    NotSetUp,
    /// The page has no candidate name.
    NoName,
    /// The page does not say which candidate it shows.
    NoCandidateId,
    /// The page is not a candidate profile.
    NotAProfile,
    /// The page is switching to another candidate.
    Stale,
    /// The background refused a request and said why.
    Refused {
        /// Its sentence.
        message: String,
    },
    /// The extension could not be reached (reload the page).
    Unreachable,
    /// Our menu item was clicked while not shown as a menu item.
    ClickRefused(ClickRefusal),
}

/// What a notice's button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeAction {
    /// **Open extension options**.
    OpenOptions,
    /// **Review and fix**: the review form, with `field` marked invalid.
    FixInReview {
        /// The field Greenhouse refused, when known.
        field: Option<ReviewField>,
    },
    /// **Fill in the form**: the review form for what could be read.
    FillInForm,
}

/// One notice to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Status or alert.
    pub role: Role,
    /// What it says.
    pub text: NoticeText,
    /// **View in Greenhouse**: an `https` address on `greenhouse.io`.
    pub link: Option<String>,
    /// Its button, if any.
    pub action: Option<NoticeAction>,
    /// Whether the options page opens along with it.
    pub opens_options: bool,
}

impl Notice {
    fn alert(text: NoticeText) -> Notice {
        Notice {
            role: Role::Alert,
            text,
            link: None,
            action: None,
            opens_options: false,
        }
    }

    fn with_action(mut self, action: NoticeAction) -> Notice {
        self.action = Some(action);
        self
    }
}

/// How a request for a send was answered.
#[derive(Debug, Clone, Copy)]
pub enum Answer<'a> {
    /// The background said what happened to the send.
    Outcome(&'a SendOutcome),
    /// The background refused the request.
    Refused(&'a ErrorReply),
    /// No answer (the extension was reloaded or updated under the page).
    Unreachable,
}

/// The notice for the answer to sending `name`; `None` when nothing is to
/// be said (a second click while the first send is out: its own outcome
/// will show).
pub fn outcome_notice(name: &str, answer: Answer<'_>) -> Option<Notice> {
    let name = name.to_owned();
    let outcome = match answer {
        Answer::Outcome(outcome) => outcome,
        Answer::Refused(error) => return Some(failure_notice(name, error)),
        Answer::Unreachable => return Some(Notice::alert(NoticeText::Unreachable)),
    };
    Some(match outcome {
        SendOutcome::Sent { entry } => sent_notice(NoticeText::Sent { name }, entry),
        SendOutcome::AlreadySent { entry } => sent_notice(
            NoticeText::AlreadySent {
                name,
                application: None,
            },
            entry,
        ),
        SendOutcome::Queued { reason, .. } => Notice::alert(NoticeText::Queued {
            name,
            add_will_retry: reason
                .as_ref()
                .is_none_or(|r| r.advice != Some(Advice::Queued)),
            reason: reason.as_ref().map(|r| r.message.clone()),
        }),
        SendOutcome::InProgress => return None,
        SendOutcome::Failed { error } => failure_notice(name, error),
    })
}

/// What Greenhouse says about a sent candidate's application, for the
/// "already sent" notice in the extension's frame (never in the page's
/// menu item: how hiring goes is the company's business).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplicationLine {
    /// "In Greenhouse: JOB, STATUS, STAGE", as Greenhouse words them
    /// (`active` or `Active` alike).
    Found(String),
    /// Greenhouse returned nothing for it (no permission, merged, deleted).
    NotVisible,
}

/// The line for `lookup`; `None` when Greenhouse was not asked or said
/// nothing to show.
pub fn application_line(lookup: &GreenhouseLookup) -> Option<ApplicationLine> {
    match lookup {
        GreenhouseLookup::NotChecked => None,
        GreenhouseLookup::NotVisible { .. } => Some(ApplicationLine::NotVisible),
        GreenhouseLookup::Found { applications } => {
            let first = applications.first()?;
            let parts: Vec<&str> = [&first.job, &first.status, &first.stage]
                .into_iter()
                .filter_map(|part| part.as_deref())
                .map(str::trim)
                .filter(|part| !part.is_empty())
                .collect();
            (!parts.is_empty()).then(|| ApplicationLine::Found(parts.join(", ")))
        }
    }
}

/// "Already sent", with its link and what Greenhouse says now: what the
/// **Sent to Greenhouse ✓** item shows when clicked.
pub fn already_sent_notice(name: &str, entry: &SentRecord, lookup: &GreenhouseLookup) -> Notice {
    sent_notice(
        NoticeText::AlreadySent {
            name: name.to_owned(),
            application: application_line(lookup),
        },
        entry,
    )
}

fn sent_notice(text: NoticeText, entry: &SentRecord) -> Notice {
    Notice {
        role: Role::Status,
        text,
        link: entry
            .profile_url
            .as_deref()
            .and_then(greenhouse_link)
            .map(str::to_owned),
        action: None,
        opens_options: false,
    }
}

fn failure_notice(name: String, error: &ErrorReply) -> Notice {
    if error.kind == ErrorKind::NotConnected {
        return not_set_up_notice();
    }
    let notice = Notice::alert(NoticeText::NotSent {
        name,
        reason: error.message.clone(),
    });
    match error.kind {
        ErrorKind::Unauthorized
        | ErrorKind::Forbidden
        | ErrorKind::NotFound
        | ErrorKind::HostPermission => notice.with_action(NoticeAction::OpenOptions),
        ErrorKind::Validation => notice.with_action(NoticeAction::FixInReview {
            field: error
                .field
                .as_deref()
                .and_then(ReviewField::from_candidate_field),
        }),
        _ => notice,
    }
}

/// Not connected: the options page opens, and the notice says why.
pub fn not_set_up_notice() -> Notice {
    Notice {
        opens_options: true,
        ..Notice::alert(NoticeText::NotSetUp).with_action(NoticeAction::OpenOptions)
    }
}

/// Why the candidate on screen could not be read for a send.
#[derive(Debug, Clone, Copy)]
pub enum ReadingProblem<'a> {
    /// No candidate name on the page.
    NoName,
    /// The page does not say which candidate it shows.
    NoCandidateId,
    /// The page is switching to another candidate.
    Stale,
    /// Not a candidate profile.
    NotAProfile,
    /// The background refused to read it.
    Refused(&'a ErrorReply),
    /// The background did not answer.
    Unreachable,
}

/// The notice for a reading that cannot be sent as is.
pub fn reading_notice(problem: ReadingProblem<'_>) -> Notice {
    match problem {
        ReadingProblem::NoName => {
            Notice::alert(NoticeText::NoName).with_action(NoticeAction::FillInForm)
        }
        ReadingProblem::NoCandidateId => {
            Notice::alert(NoticeText::NoCandidateId).with_action(NoticeAction::FillInForm)
        }
        ReadingProblem::Stale => Notice::alert(NoticeText::Stale),
        ReadingProblem::NotAProfile => Notice::alert(NoticeText::NotAProfile),
        ReadingProblem::Refused(error) => Notice::alert(NoticeText::Refused {
            message: error.message.clone(),
        }),
        ReadingProblem::Unreachable => Notice::alert(NoticeText::Unreachable),
    }
}

/// The notice for a click refused because our item was not what the
/// recruiter saw.
pub fn click_refused_notice(why: ClickRefusal) -> Notice {
    Notice::alert(NoticeText::ClickRefused(why))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::error_reply::Failure;
    use crate::greenhouse::error::{ApiError, Situation};

    fn entry(profile_url: Option<&str>) -> SentRecord {
        SentRecord {
            external_id: "48213".into(),
            greenhouse_candidate_id: 7,
            profile_url: profile_url.map(str::to_owned),
            sent_at_ms: 1,
            sent_by: "Riley Recruiter".into(),
            name: "Ada Lovelace".into(),
            possible_duplicate: false,
            earlier_candidate_ids: Vec::new(),
        }
    }

    const ADA: &str = "Ada Lovelace";

    #[test]
    fn a_confirmed_send_links_to_greenhouse_only() {
        let table = [
            (
                Some("https://app.greenhouse.io/people/7"),
                Some("https://app.greenhouse.io/people/7"),
            ),
            (Some("javascript:alert(document.domain)"), None),
            (Some("https://evil.example/people/7"), None),
            (Some("http://app.greenhouse.io/people/7"), None),
            (None, None),
        ];
        for (url, link) in table {
            for outcome in [
                SendOutcome::Sent { entry: entry(url) },
                SendOutcome::AlreadySent { entry: entry(url) },
            ] {
                let notice = outcome_notice(ADA, Answer::Outcome(&outcome)).unwrap();
                assert_eq!(notice.role, Role::Status, "{outcome:?}");
                assert_eq!(notice.link.as_deref(), link, "{url:?}");
                assert_eq!(notice.action, None);
            }
        }
        let shown = already_sent_notice(
            ADA,
            &entry(Some("javascript:x")),
            &GreenhouseLookup::NotChecked,
        );
        assert_eq!(shown.link, None);
        assert_eq!(
            shown.text,
            NoticeText::AlreadySent {
                name: ADA.into(),
                application: None
            }
        );
    }

    #[test]
    fn the_already_sent_notice_says_what_greenhouse_says() {
        let application = |job: Option<&str>, status: Option<&str>, stage: Option<&str>| {
            crate::contract::records::Application {
                id: Some(1),
                job: job.map(String::from),
                status: status.map(String::from),
                stage: stage.map(String::from),
                profile_url: None,
            }
        };
        let found = |applications| GreenhouseLookup::Found { applications };
        let cases = [
            (GreenhouseLookup::NotChecked, None),
            (
                GreenhouseLookup::NotVisible {
                    reason: Failure::of(ErrorKind::NotVisible).english(),
                },
                Some(ApplicationLine::NotVisible),
            ),
            (found(vec![]), None),
            (found(vec![application(None, Some(" "), None)]), None),
            (
                found(vec![application(
                    None,
                    Some("Active"),
                    Some("Application Review"),
                )]),
                Some(ApplicationLine::Found("Active, Application Review".into())),
            ),
            (
                found(vec![
                    application(Some("Auror"), Some("active"), None),
                    application(Some("Other"), Some("rejected"), None),
                ]),
                Some(ApplicationLine::Found("Auror, active".into())),
            ),
        ];
        for (lookup, line) in cases {
            assert_eq!(application_line(&lookup), line, "{lookup:?}");
        }
    }

    #[test]
    fn queued_says_it_will_retry_once_from_the_typed_advice() {
        let queued_reason = ApiError::Network.failure(Situation::Queued).english();
        let request_reason = ApiError::Network.failure(Situation::Request).english();
        // The same words without the typed fact: still "add the sentence".
        let untyped = ErrorReply {
            advice: None,
            ..queued_reason.clone()
        };
        let table = [
            (Some(&queued_reason), false),
            (Some(&request_reason), true),
            (Some(&untyped), true),
            (None, true),
        ];
        for (reason, add) in table {
            let outcome = SendOutcome::Queued {
                reason: reason.cloned(),
                next_attempt_at_ms: 5,
            };
            let notice = outcome_notice(ADA, Answer::Outcome(&outcome)).unwrap();
            assert_eq!(notice.role, Role::Alert);
            assert_eq!(
                notice.text,
                NoticeText::Queued {
                    name: ADA.into(),
                    reason: reason.map(|r| r.message.clone()),
                    add_will_retry: add,
                },
                "{reason:?}"
            );
        }
    }

    #[test]
    fn a_failure_gives_the_action_its_kind_needs() {
        use NoticeAction::*;
        let with_field = Failure::missing_field("last_name").english();
        let table = [
            (
                Failure::of(ErrorKind::Unauthorized).english(),
                Some(OpenOptions),
            ),
            (
                Failure::of(ErrorKind::Forbidden).english(),
                Some(OpenOptions),
            ),
            (
                Failure::of(ErrorKind::NotFound).english(),
                Some(OpenOptions),
            ),
            (
                Failure::of(ErrorKind::HostPermission).english(),
                Some(OpenOptions),
            ),
            (
                Failure::of(ErrorKind::Validation).english(),
                Some(FixInReview { field: None }),
            ),
            (
                with_field,
                Some(FixInReview {
                    field: Some(ReviewField::LastName),
                }),
            ),
            (Failure::of(ErrorKind::BadResponse).english(), None),
            (Failure::of(ErrorKind::Storage).english(), None),
        ];
        for (error, action) in table {
            for answer in [
                Answer::Refused(&error),
                Answer::Outcome(&SendOutcome::Failed {
                    error: error.clone(),
                }),
            ] {
                let notice = outcome_notice(ADA, answer).unwrap();
                assert_eq!(notice.role, Role::Alert);
                assert_eq!(notice.action, action, "{error:?}");
                assert_eq!(
                    notice.text,
                    NoticeText::NotSent {
                        name: ADA.into(),
                        reason: error.message.clone()
                    }
                );
                assert!(!notice.opens_options);
            }
        }
    }

    #[test]
    fn not_connected_opens_the_options_and_says_why() {
        let error = Failure::of(ErrorKind::NotConnected).english();
        let notice = outcome_notice(ADA, Answer::Refused(&error)).unwrap();
        assert_eq!(notice, not_set_up_notice());
        assert!(notice.opens_options);
        assert_eq!(notice.action, Some(NoticeAction::OpenOptions));
        assert_eq!(notice.text, NoticeText::NotSetUp);
    }

    #[test]
    fn a_second_click_says_nothing_and_no_answer_says_reload() {
        assert_eq!(
            outcome_notice(ADA, Answer::Outcome(&SendOutcome::InProgress)),
            None
        );
        let notice = outcome_notice(ADA, Answer::Unreachable).unwrap();
        assert_eq!(
            (notice.role, notice.text),
            (Role::Alert, NoticeText::Unreachable)
        );
    }

    #[test]
    fn reading_problems() {
        let refused = Failure::not_allowed().english();
        let table = [
            (
                ReadingProblem::NoName,
                NoticeText::NoName,
                Some(NoticeAction::FillInForm),
            ),
            (
                ReadingProblem::NoCandidateId,
                NoticeText::NoCandidateId,
                Some(NoticeAction::FillInForm),
            ),
            (ReadingProblem::Stale, NoticeText::Stale, None),
            (ReadingProblem::NotAProfile, NoticeText::NotAProfile, None),
            (
                ReadingProblem::Refused(&refused),
                NoticeText::Refused {
                    message: refused.message.clone(),
                },
                None,
            ),
            (ReadingProblem::Unreachable, NoticeText::Unreachable, None),
        ];
        for (problem, text, action) in table {
            let notice = reading_notice(problem);
            assert_eq!(notice.role, Role::Alert, "{problem:?}");
            assert_eq!(notice.text, text);
            assert_eq!(notice.action, action);
            assert_eq!(notice.link, None);
        }
    }
}

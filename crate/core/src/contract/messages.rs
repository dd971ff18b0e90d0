//! The message contract between the extension's contexts: one tagged
//! [`Request`] enum, the `{ok, value | error}` [`Reply`] envelope, the reply
//! value types, who may send what ([`authorize`]), and the pure parts of
//! answering (planning a send, describing its status, listing sends).
//!
//! Trust tiers: a content script runs beside a page we do not control, so it
//! may only submit a profile and ask about sends ([`Tier::ContentScript`]);
//! the extension's own pages (options, popup) may also read and change
//! settings ([`Tier::ExtensionPage`]); anything else (another extension, a
//! web page) is refused. The API key may arrive in a [`Request::Connect`],
//! but no reply type has a field that could carry it.
//!
//! On the wire everything is plain JSON (`#[serde(tag = "type")]`, no maps
//! keyed by non-strings, `null` rather than absent fields in replies), pinned
//! by the golden files in `crate/tests/golden/messages/`. Nothing here
//! performs I/O or reads a clock.

use serde::de::DeserializeOwned;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use crate::contract::error_reply::{Advice, ErrorKind, ErrorReply};
use crate::greenhouse::candidate::NewCandidate;
use crate::greenhouse::error::{ApiError, Situation};
use crate::greenhouse::requests::ApiKey;
use crate::greenhouse::responses::{
    ApplicationStatus, CandidateStatus, Job, PoolStage, ProspectPool,
};
use crate::inpage::frame::FrameItem;
use crate::profile::reading::ProfileReading;
use crate::sending::ledger::{Ledger, LedgerEntry};
use crate::sending::outbox::{Delivery, EntryState, Outbox};
use crate::sending::review::{ReviewField, ReviewFields};
use crate::sending::settings::{apply_destination, Destination, Destinations, Settings};

/// How many confirmed sends the popup lists.
pub const SEND_LIST_LIMIT: usize = 20;

/// Every request a context can send to the background. Each variant's doc
/// names the reply value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum Request {
    /// Content-script tier. Send a profile to Greenhouse. Replies
    /// [`SendOutcome`].
    SendProspect {
        /// The body as read by [`Request::ReadProfile`]; boxed because it
        /// dwarfs every other request.
        candidate: Box<NewCandidate>,
        /// The review form's values, when the recruiter reviewed the
        /// candidate: applied to `candidate` before sending
        /// ([`apply`](crate::sending::review::apply)).
        #[serde(default)]
        edits: Option<ReviewFields>,
        /// Where to send it; `null` means the default destination.
        #[serde(default)]
        destination: Option<Destination>,
        /// Whether the user confirmed "Send again…" for a profile already
        /// sent; otherwise such a send replies `already_sent`.
        #[serde(default)]
        resend: bool,
    },
    /// Content-script tier. Read the candidate on a page from its snapshot
    /// (`core::page::wire`, taken by the content script at click time).
    /// Replies [`ProfileReading`](crate::profile::reading::ProfileReading).
    ReadProfile {
        /// The page's body in the wire format, at most
        /// [`MAX_SNAPSHOT_UNITS`](crate::profile::reading::MAX_SNAPSHOT_UNITS)
        /// long.
        snapshot: String,
        /// The page's address.
        url: String,
    },
    /// Content-script tier. Whether a profile was sent, is queued or failed,
    /// plus what the in-page UI needs to offer a send. Replies [`SendStatus`].
    GetSendStatus {
        /// The Purpose Jobs candidate id.
        external_id: String,
    },
    /// Content-script tier. Open the options page (e.g. when not set up).
    /// Replies `null`.
    OpenOptions,
    /// Content-script tier. The page's CSP blocks WebAssembly in this
    /// content script (Chrome): ask the background to load the core another
    /// way. Replies `null`.
    LoadFallbackCore,
    /// Extension-page tier. Replies [`SettingsView`](crate::sending::settings::SettingsView).
    GetSettings,
    /// Extension-page tier. Validate the key and email with `GET
    /// current_user`, and store them only if Greenhouse accepts them.
    /// Replies `SettingsView`.
    Connect {
        /// The new key; `null` keeps the stored one (e.g. only the email
        /// changed).
        #[serde(default)]
        api_key: Option<ApiKey>,
        /// The recruiter's Greenhouse login.
        email: String,
    },
    /// Extension-page tier. Remove the integration: forget the key and
    /// everything cached from Greenhouse. Replies `SettingsView`.
    Disconnect,
    /// Extension-page tier. Jobs and prospect pools to choose from. Replies
    /// [`Destinations`].
    GetDestinations {
        /// Load them from Greenhouse even if cached.
        #[serde(default)]
        refresh: bool,
    },
    /// Extension-page tier. Store the preferences. Replies `SettingsView`.
    SaveSettings {
        /// Where sends go by default.
        default_destination: Destination,
        /// Owner of new prospects; `null` or empty for none.
        #[serde(default)]
        prospect_owner_email: Option<String>,
        /// Whether "Send to Greenhouse" always opens the review form.
        #[serde(default)]
        always_review: bool,
    },
    /// Extension-page tier. Queued, failed and recent sends. Replies
    /// [`SendList`].
    ListSends,
    /// Extension-page tier. Retry a queued or failed send now. Replies
    /// [`SendList`].
    RetrySend {
        /// The Purpose Jobs candidate id.
        external_id: String,
    },
    /// Extension-page tier. Drop a queued or failed send. Replies
    /// [`SendList`].
    DiscardSend {
        /// The Purpose Jobs candidate id.
        external_id: String,
    },
    /// Content-script tier. Show `item` in the extension's own frame in the
    /// sender's tab (`core::inpage::frame`): the background keeps it until
    /// that frame takes it. Replies `null`.
    ShowInPage {
        /// The frame's secret: the random fragment of the `inpage.html`
        /// address the content script gave its frame (the page cannot read
        /// it: the frame is in a closed shadow root). A copy of
        /// `inpage.html` the page itself frames does not know it, so it
        /// gets nothing.
        frame: String,
        /// What to show.
        item: FrameItem,
    },
    /// In-page-frame tier: only `inpage.html` in a tab. The items waiting
    /// for the sender's tab and `frame` (its own address's fragment),
    /// oldest first; they are removed. Replies a list of [`FrameItem`].
    TakeInPage {
        /// The frame's secret, as in `ShowInPage`.
        frame: String,
    },
}

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

impl Request {
    /// The tier of this request.
    pub fn tier(&self) -> Tier {
        match self {
            Request::SendProspect { .. }
            | Request::ReadProfile { .. }
            | Request::GetSendStatus { .. }
            | Request::OpenOptions
            | Request::LoadFallbackCore
            | Request::ShowInPage { .. } => Tier::ContentScript,
            Request::TakeInPage { .. } => Tier::InPageFrame,
            Request::GetSettings
            | Request::Connect { .. }
            | Request::Disconnect
            | Request::GetDestinations { .. }
            | Request::SaveSettings { .. }
            | Request::ListSends
            | Request::RetrySend { .. }
            | Request::DiscardSend { .. } => Tier::ExtensionPage,
        }
    }

    /// The `type` string of this request, for logs (never log the request
    /// itself: a `Connect` carries the key).
    pub fn type_name(&self) -> &'static str {
        match self {
            Request::SendProspect { .. } => "SendProspect",
            Request::ReadProfile { .. } => "ReadProfile",
            Request::GetSendStatus { .. } => "GetSendStatus",
            Request::OpenOptions => "OpenOptions",
            Request::LoadFallbackCore => "LoadFallbackCore",
            Request::GetSettings => "GetSettings",
            Request::Connect { .. } => "Connect",
            Request::Disconnect => "Disconnect",
            Request::GetDestinations { .. } => "GetDestinations",
            Request::SaveSettings { .. } => "SaveSettings",
            Request::ListSends => "ListSends",
            Request::RetrySend { .. } => "RetrySend",
            Request::DiscardSend { .. } => "DiscardSend",
            Request::ShowInPage { .. } => "ShowInPage",
            Request::TakeInPage { .. } => "TakeInPage",
        }
    }
}

/// Whether `sender` may make `request`: foreign senders never; content
/// scripts only content-script-tier requests; the in-page frame those and
/// its own; extension pages everything but the frame's.
pub fn authorize(request: &Request, sender: SenderKind) -> Result<(), ErrorReply> {
    match (sender, request.tier()) {
        (SenderKind::ExtensionPage, Tier::ContentScript | Tier::ExtensionPage)
        | (SenderKind::ContentScript, Tier::ContentScript)
        | (SenderKind::InPageFrame, Tier::ContentScript | Tier::InPageFrame) => Ok(()),
        (SenderKind::ExtensionPage, Tier::InPageFrame)
        | (SenderKind::ContentScript, Tier::ExtensionPage | Tier::InPageFrame)
        | (SenderKind::InPageFrame, Tier::ExtensionPage)
        | (SenderKind::Foreign, _) => Err(ErrorReply::not_allowed()),
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

/// Reads a request from JSON text; anything but a known request of the right
/// shape is a `bad_message` error.
pub fn parse_request(json: &str) -> Result<Request, ErrorReply> {
    serde_json::from_str(json)
        .map_err(|_| ErrorReply::bad_message())
        .and_then(parse_request_value)
}

/// Reads a request from a JSON value (e.g. converted from a JS object).
pub fn parse_request_value(value: serde_json::Value) -> Result<Request, ErrorReply> {
    let keys: Vec<String> = match &value {
        serde_json::Value::Object(object) => object.keys().cloned().collect(),
        _ => return Err(ErrorReply::bad_message()),
    };
    let request: Request = serde_json::from_value(value).map_err(|_| ErrorReply::bad_message())?;
    // serde's `deny_unknown_fields` does not reach the field-less variants of
    // an internally tagged enum (`{"type": "GetSettings", "extra": 1}` would
    // pass), so check every key against what the parsed request writes.
    let known = serde_json::to_value(&request).map_err(|_| ErrorReply::bad_message())?;
    match keys.iter().all(|key| known.get(key).is_some()) {
        true => Ok(request),
        false => Err(ErrorReply::bad_message()),
    }
}

/// The reply envelope: `{"ok": true, "value": …}` or
/// `{"ok": false, "error": {"kind", "message", "field"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply<T> {
    /// The request succeeded with this value.
    Ok(T),
    /// The request failed.
    Err(ErrorReply),
}

impl<T> From<Result<T, ErrorReply>> for Reply<T> {
    fn from(result: Result<T, ErrorReply>) -> Self {
        match result {
            Ok(value) => Reply::Ok(value),
            Err(error) => Reply::Err(error),
        }
    }
}

impl<T: Serialize> Serialize for Reply<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut envelope = serializer.serialize_struct("Reply", 2)?;
        match self {
            Reply::Ok(value) => {
                envelope.serialize_field("ok", &true)?;
                envelope.serialize_field("value", value)?;
            }
            Reply::Err(error) => {
                envelope.serialize_field("ok", &false)?;
                envelope.serialize_field("error", error)?;
            }
        }
        envelope.end()
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Reply<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Envelope {
            ok: bool,
            #[serde(default)]
            value: serde_json::Value,
            #[serde(default)]
            error: Option<ErrorReply>,
        }
        let envelope = Envelope::deserialize(deserializer)?;
        match (envelope.ok, envelope.error) {
            (true, None) => serde_json::from_value(envelope.value)
                .map(Reply::Ok)
                .map_err(serde::de::Error::custom),
            (false, Some(error)) => Ok(Reply::Err(error)),
            (true, Some(_)) => Err(serde::de::Error::custom("ok reply with an error")),
            (false, None) => Err(serde::de::Error::custom("failed reply without an error")),
        }
    }
}

/// What happened to a `SendProspect`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SendOutcome {
    /// Greenhouse confirmed: show "`<Name>` was sent to Greenhouse" with the
    /// entry's `profile_url`.
    Sent {
        /// The ledger entry just recorded.
        entry: LedgerEntry,
    },
    /// Not confirmed yet; the outbox will retry on its own.
    Queued {
        /// Why it is not sent yet (`null` when no attempt failed).
        reason: Option<ErrorReply>,
        /// When the next attempt is due (milliseconds since the Unix epoch).
        next_attempt_at_ms: u64,
    },
    /// A request for this candidate is already out (a second click): wait
    /// for it; nothing new was sent.
    InProgress,
    /// Greenhouse refused it, or the outbox gave up; the entry stays in the
    /// outbox as failed until the user retries or discards it.
    Failed {
        /// Why, and what to do.
        error: ErrorReply,
    },
    /// Sent before and `resend` was not set: offer "View in Greenhouse" and
    /// "Send again…".
    AlreadySent {
        /// The earlier send.
        entry: LedgerEntry,
    },
}

impl From<Delivery> for SendOutcome {
    fn from(delivery: Delivery) -> Self {
        match delivery {
            Delivery::Delivered(entry) => SendOutcome::Sent { entry },
            Delivery::Retrying { at_ms, reason } => SendOutcome::Queued {
                reason: Some(reason),
                next_attempt_at_ms: at_ms,
            },
            Delivery::Failed { reason } => SendOutcome::Failed { error: reason },
        }
    }
}

/// A profile's send state plus what the in-page UI needs to offer a send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendStatus {
    /// The Purpose Jobs candidate id asked about.
    pub external_id: String,
    /// Where its send stands (flattened: `"state": "queued"`, …).
    #[serde(flatten)]
    pub state: SendState,
    /// Connection and destination choices for the menu item and review form.
    pub setup: SendSetup,
}

/// Where one profile's send stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SendState {
    /// Never sent (or forgotten) and not queued.
    NotSent,
    /// A request is out.
    Sending {
        /// When it left.
        since_ms: u64,
    },
    /// Waiting for an automatic retry.
    Queued {
        /// Requests sent so far.
        attempts: u32,
        /// When the next attempt is due.
        next_attempt_at_ms: u64,
        /// The latest failure, `null` before the first attempt.
        reason: Option<ErrorReply>,
        /// Whether a request went out without an answer.
        possible_duplicate: bool,
    },
    /// Given up; the user may retry ("Send again") or discard.
    Failed {
        /// Why, and what to do.
        error: ErrorReply,
        /// Whether a request went out without an answer.
        possible_duplicate: bool,
    },
    /// Confirmed by Greenhouse.
    Sent {
        /// The ledger entry.
        entry: LedgerEntry,
        /// The candidate's applications as Greenhouse reports them now.
        lookup: GreenhouseLookup,
    },
}

/// What `GET candidates?candidate_ids=` said about a sent candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum GreenhouseLookup {
    /// Not asked (no connection, or the adapter did not look it up).
    NotChecked,
    /// Greenhouse returned the candidate.
    Found {
        /// Its applications: status, stage, job.
        applications: Vec<ApplicationStatus>,
    },
    /// Greenhouse returned nothing or refused (no permission to read
    /// candidates, merged, deleted): say so instead of failing.
    NotVisible {
        /// Worded for the recruiter.
        reason: ErrorReply,
    },
}

impl GreenhouseLookup {
    /// Interprets the answer to `GET candidates?candidate_ids=<id>` for the
    /// candidate with Greenhouse id `greenhouse_candidate_id`. An empty
    /// answer and a 403/404 are "not visible"; other failures keep their own
    /// reason.
    pub fn from_result(
        result: Result<Vec<CandidateStatus>, ApiError>,
        greenhouse_candidate_id: u64,
    ) -> GreenhouseLookup {
        match result {
            Ok(candidates) => match candidates
                .into_iter()
                .find(|candidate| candidate.id == greenhouse_candidate_id)
            {
                Some(candidate) => GreenhouseLookup::Found {
                    applications: candidate.applications,
                },
                None => GreenhouseLookup::NotVisible {
                    reason: ErrorReply::of(ErrorKind::NotVisible),
                },
            },
            Err(ApiError::Forbidden | ApiError::NotFound) => GreenhouseLookup::NotVisible {
                reason: ErrorReply::of(ErrorKind::NotVisible),
            },
            Err(error) => GreenhouseLookup::NotVisible {
                reason: error.reply(Situation::Request),
            },
        }
    }
}

/// What a content script needs to offer a send, without anything secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendSetup {
    /// Whether a validated key is stored; if not, the menu item opens the
    /// options page.
    pub connected: bool,
    /// Name of the Greenhouse user sends are credited to ("Credited to …").
    pub credited_to: Option<String>,
    /// Whether the main item opens the review form.
    pub always_review: bool,
    /// The destination the review form starts with.
    pub default_destination: Destination,
    /// Cached jobs and pools for the review form's destination choice.
    pub destinations: Option<Destinations>,
}

/// Sends for the toolbar popup: those needing attention first (failed, then
/// sending and queued), then the last confirmed ones, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SendList {
    /// The items.
    pub items: Vec<SendListItem>,
}

/// One line of the popup's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendListItem {
    /// The Purpose Jobs candidate id (for `RetrySend`/`DiscardSend`).
    pub external_id: String,
    /// Candidate name.
    pub name: String,
    /// Where the send stands.
    pub status: SendListStatus,
    /// Sent: when confirmed; queued: next attempt; sending: since; failed:
    /// when queued (milliseconds since the Unix epoch).
    pub at_ms: u64,
    /// "View in Greenhouse" link, for sent items.
    pub profile_url: Option<String>,
    /// Why it is queued or failed.
    pub error: Option<ErrorReply>,
    /// Whether Greenhouse may hold this prospect twice.
    pub possible_duplicate: bool,
}

/// The status column of the popup's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SendListStatus {
    /// Confirmed by Greenhouse.
    Sent,
    /// Waiting for an automatic retry.
    Queued,
    /// A request is out.
    Sending,
    /// Given up: retry or discard.
    Failed,
}

/// What to do with a `SendProspect` before any request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendPlan {
    /// Queue this body (destination and owner applied) and send it.
    Send(Box<NewCandidate>),
    /// Reply this without sending (already sent, or already on its way).
    Reply(SendOutcome),
}

/// Decides what a `SendProspect` leads to, in this order: refused when not
/// connected (`not_connected`) or when a required field is blank
/// (`validation` naming `first_name`, `last_name` or `external_id`); a
/// reply of `in_progress` when its request is out; `already_sent` when the
/// ledger has it and `resend` is false; otherwise the body to queue, shaped
/// for `destination` (or the default one) and the prospect owner.
pub fn plan_send(
    settings: &Settings,
    ledger: &Ledger,
    outbox: &Outbox,
    candidate: NewCandidate,
    destination: Option<&Destination>,
    resend: bool,
) -> Result<SendPlan, ErrorReply> {
    if !settings.is_connected() {
        return Err(ErrorReply::of(ErrorKind::NotConnected));
    }
    let required = [
        ("first_name", &candidate.first_name),
        ("last_name", &candidate.last_name),
        ("external_id", &candidate.external_id),
    ];
    if let Some((field, _)) = required.iter().find(|(_, value)| value.trim().is_empty()) {
        return Err(ErrorReply::missing_field(field));
    }
    if let Some(entry) = outbox.get(&candidate.external_id) {
        if let EntryState::InFlight { .. } = entry.state {
            return Ok(SendPlan::Reply(SendOutcome::InProgress));
        }
    }
    if let (Some(entry), false) = (ledger.lookup(&candidate.external_id), resend) {
        return Ok(SendPlan::Reply(SendOutcome::AlreadySent {
            entry: entry.clone(),
        }));
    }
    let destination = destination.unwrap_or(&settings.default_destination);
    Ok(SendPlan::Send(Box::new(apply_destination(
        candidate,
        destination,
        settings.prospect_owner_email.as_deref(),
    ))))
}

/// What the content script may know about the connection and destinations.
pub fn send_setup(settings: &Settings) -> SendSetup {
    SendSetup {
        connected: settings.is_connected(),
        credited_to: settings
            .connected_user
            .as_ref()
            .map(|user| user.full_name.clone()),
        always_review: settings.always_review,
        default_destination: settings.default_destination.clone(),
        destinations: settings.destinations.clone(),
    }
}

/// The status of one profile's send, with the Greenhouse lookup not done
/// (the adapter may replace it using [`GreenhouseLookup::from_result`]).
/// The outbox wins over the ledger: a resend in progress is shown as such.
pub fn send_status(
    external_id: &str,
    settings: &Settings,
    ledger: &Ledger,
    outbox: &Outbox,
) -> SendStatus {
    let state = match (outbox.get(external_id), ledger.lookup(external_id)) {
        (Some(entry), _) => match &entry.state {
            EntryState::InFlight { since_ms } => SendState::Sending {
                since_ms: *since_ms,
            },
            EntryState::Pending => SendState::Queued {
                attempts: entry.attempts,
                next_attempt_at_ms: entry.next_attempt_at_ms,
                reason: entry.last_error.clone(),
                possible_duplicate: entry.request_went_out_without_answer,
            },
            EntryState::Failed { reason } => SendState::Failed {
                error: reason.clone(),
                possible_duplicate: entry.request_went_out_without_answer,
            },
        },
        (None, Some(entry)) => SendState::Sent {
            entry: entry.clone(),
            lookup: GreenhouseLookup::NotChecked,
        },
        (None, None) => SendState::NotSent,
    };
    SendStatus {
        external_id: external_id.to_owned(),
        state,
        setup: send_setup(settings),
    }
}

/// The popup's list: every outbox entry (failed first, then sending, then
/// queued) and the last `limit` confirmed sends not also in the outbox.
pub fn send_list(ledger: &Ledger, outbox: &Outbox, limit: usize) -> SendList {
    let mut waiting: Vec<SendListItem> = outbox
        .entries
        .iter()
        .map(|entry| {
            let (status, at_ms, error) = match &entry.state {
                EntryState::Failed { reason } => (
                    SendListStatus::Failed,
                    entry.queued_at_ms,
                    Some(reason.clone()),
                ),
                EntryState::InFlight { since_ms } => (SendListStatus::Sending, *since_ms, None),
                EntryState::Pending => (
                    SendListStatus::Queued,
                    entry.next_attempt_at_ms,
                    entry.last_error.clone(),
                ),
            };
            SendListItem {
                external_id: entry.external_id.clone(),
                name: entry.name(),
                status,
                at_ms,
                profile_url: None,
                error,
                possible_duplicate: entry.request_went_out_without_answer,
            }
        })
        .collect();
    waiting.sort_by_key(|item| {
        let rank = match item.status {
            SendListStatus::Failed => 0,
            SendListStatus::Sending => 1,
            SendListStatus::Queued => 2,
            SendListStatus::Sent => 3,
        };
        (rank, item.at_ms)
    });
    let sent = ledger
        .entries
        .iter()
        .rev()
        .filter(|entry| outbox.get(&entry.external_id).is_none())
        .take(limit)
        .map(|entry| SendListItem {
            external_id: entry.external_id.clone(),
            name: entry.name.clone(),
            status: SendListStatus::Sent,
            at_ms: entry.sent_at_ms,
            profile_url: entry.profile_url.clone(),
            error: None,
            possible_duplicate: entry.possible_duplicate,
        });
    waiting.extend(sent);
    SendList { items: waiting }
}

/// A reply lacked a field that its tag (`state`, `outcome`, `result`,
/// `kind`) requires, a field had the wrong type, or the envelope was
/// inconsistent. Happens only when the background and the content script
/// disagree on the contract (e.g. an extension update under an open page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MalformedReply(
    /// The field at fault, or `"ok"` for an inconsistent envelope.
    pub &'static str,
);

// The content script's decoding of replies. The content module ships to every
// Purpose Jobs page, and serde's decoders for the reply types above (a
// `flatten`, internally tagged enums that buffer into serde's `Content`, the
// lenient Greenhouse-response deserializers, `Reply`'s pass through
// `serde_json::Value`), with `serde_json`'s parser and error messages, were
// over a third of its size even as plain derived mirrors. So the content
// script reads the few reply types it gets field by field from the value
// the browser hands it ([`ReplyValue`]), into the same rich types: the wire
// format and what the UI sees stay as they are. The golden tests check that
// this decoding and serde's agree on every reply a content script can get.

/// A JSON-shaped value a reply is read from: the JavaScript value the
/// browser hands the content script, or a `serde_json::Value` (tests).
pub trait ReplyValue: Sized {
    /// Property `name` of an object; `None` when absent or `null`, or when
    /// this is not an object.
    fn field(&self, name: &str) -> Option<Self>;
    /// The string, if this is one.
    fn string(&self) -> Option<String>;
    /// The number, if this is one.
    fn number(&self) -> Option<f64>;
    /// The boolean, if this is one.
    fn boolean(&self) -> Option<bool>;
    /// The elements, if this is an array.
    fn elements(&self) -> Option<Vec<Self>>;
}

impl ReplyValue for serde_json::Value {
    fn field(&self, name: &str) -> Option<Self> {
        self.get(name).filter(|value| !value.is_null()).cloned()
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn elements(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
}

/// Reads one JSON value as a `T`, or `None` if it has another type.
type Read<V, T> = fn(&V) -> Result<T, MalformedReply>;

/// A field that must be there.
fn required<V: ReplyValue, T>(
    value: &V,
    name: &'static str,
    read: Read<V, T>,
) -> Result<T, MalformedReply> {
    match value.field(name) {
        Some(field) => read(&field).map_err(|_| MalformedReply(name)),
        None => Err(MalformedReply(name)),
    }
}

/// A field that may be absent or `null`.
fn optional<V: ReplyValue, T>(
    value: &V,
    name: &'static str,
    read: Read<V, T>,
) -> Result<Option<T>, MalformedReply> {
    match value.field(name) {
        Some(field) => read(&field).map(Some).map_err(|_| MalformedReply(name)),
        None => Ok(None),
    }
}

fn text<V: ReplyValue>(value: &V) -> Result<String, MalformedReply> {
    value.string().ok_or(MalformedReply("string"))
}

fn flag<V: ReplyValue>(value: &V) -> Result<bool, MalformedReply> {
    value.boolean().ok_or(MalformedReply("boolean"))
}

/// A non-negative whole number (ids, times, counts) that a JavaScript
/// number holds exactly.
fn whole<V: ReplyValue>(value: &V) -> Result<u64, MalformedReply> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    match value.number() {
        Some(number) if (0.0..=EXACT).contains(&number) && number.fract() == 0.0 => {
            Ok(number as u64)
        }
        _ => Err(MalformedReply("number")),
    }
}

fn list<V: ReplyValue, T>(value: &V, read: Read<V, T>) -> Result<Vec<T>, MalformedReply> {
    value
        .elements()
        .ok_or(MalformedReply("array"))?
        .iter()
        .map(read)
        .collect()
}

fn error_reply<V: ReplyValue>(value: &V) -> Result<ErrorReply, MalformedReply> {
    let kind = required(value, "kind", text)?;
    Ok(ErrorReply {
        kind: ErrorKind::ALL
            .into_iter()
            .find(|known| known.as_str() == kind)
            .ok_or(MalformedReply("kind"))?,
        message: required(value, "message", text)?,
        field: optional(value, "field", text)?,
        advice: match optional(value, "advice", text)? {
            Some(advice) => Some(
                Advice::ALL
                    .into_iter()
                    .find(|known| known.as_str() == advice)
                    .ok_or(MalformedReply("advice"))?,
            ),
            None => None,
        },
    })
}

fn ledger_entry<V: ReplyValue>(value: &V) -> Result<LedgerEntry, MalformedReply> {
    Ok(LedgerEntry {
        external_id: required(value, "external_id", text)?,
        greenhouse_candidate_id: required(value, "greenhouse_candidate_id", whole)?,
        profile_url: optional(value, "profile_url", text)?,
        sent_at_ms: required(value, "sent_at_ms", whole)?,
        sent_by: required(value, "sent_by", text)?,
        name: required(value, "name", text)?,
        possible_duplicate: required(value, "possible_duplicate", flag)?,
        earlier_candidate_ids: optional(value, "earlier_candidate_ids", |ids| list(ids, whole))?
            .unwrap_or_default(),
    })
}

fn application<V: ReplyValue>(value: &V) -> Result<ApplicationStatus, MalformedReply> {
    Ok(ApplicationStatus {
        id: optional(value, "id", whole)?,
        job: optional(value, "job", text)?,
        status: optional(value, "status", text)?,
        stage: optional(value, "stage", text)?,
        profile_url: optional(value, "profile_url", text)?,
    })
}

fn lookup<V: ReplyValue>(value: &V) -> Result<GreenhouseLookup, MalformedReply> {
    Ok(match required(value, "result", text)?.as_str() {
        "not_checked" => GreenhouseLookup::NotChecked,
        "found" => GreenhouseLookup::Found {
            applications: required(value, "applications", |items| list(items, application))?,
        },
        "not_visible" => GreenhouseLookup::NotVisible {
            reason: required(value, "reason", error_reply)?,
        },
        _ => return Err(MalformedReply("result")),
    })
}

fn destination<V: ReplyValue>(value: &V) -> Result<Destination, MalformedReply> {
    Ok(match required(value, "kind", text)?.as_str() {
        "no_pool" => Destination::NoPool,
        "pool" => Destination::Pool {
            pool_id: required(value, "pool_id", whole)?,
            stage_id: optional(value, "stage_id", whole)?,
        },
        "job" => Destination::Job {
            job_id: required(value, "job_id", whole)?,
        },
        _ => return Err(MalformedReply("kind")),
    })
}

fn job<V: ReplyValue>(value: &V) -> Result<Job, MalformedReply> {
    Ok(Job {
        id: required(value, "id", whole)?,
        name: optional(value, "name", text)?.unwrap_or_default(),
        status: optional(value, "status", text)?.unwrap_or_default(),
        public: optional(value, "public", flag)?.unwrap_or_default(),
    })
}

fn pool_stage<V: ReplyValue>(value: &V) -> Result<PoolStage, MalformedReply> {
    Ok(PoolStage {
        id: required(value, "id", whole)?,
        name: optional(value, "name", text)?.unwrap_or_default(),
    })
}

fn pool<V: ReplyValue>(value: &V) -> Result<ProspectPool, MalformedReply> {
    Ok(ProspectPool {
        id: required(value, "id", whole)?,
        name: optional(value, "name", text)?.unwrap_or_default(),
        stages: optional(value, "stages", |items| list(items, pool_stage))?.unwrap_or_default(),
    })
}

fn destinations<V: ReplyValue>(value: &V) -> Result<Destinations, MalformedReply> {
    Ok(Destinations {
        jobs: optional(value, "jobs", |items| list(items, job))?.unwrap_or_default(),
        pools: optional(value, "pools", |items| list(items, pool))?.unwrap_or_default(),
        jobs_error: optional(value, "jobs_error", error_reply)?,
        pools_error: optional(value, "pools_error", error_reply)?,
        fetched_at_ms: optional(value, "fetched_at_ms", whole)?.unwrap_or_default(),
    })
}

fn send_setup_of<V: ReplyValue>(value: &V) -> Result<SendSetup, MalformedReply> {
    Ok(SendSetup {
        connected: required(value, "connected", flag)?,
        credited_to: optional(value, "credited_to", text)?,
        always_review: required(value, "always_review", flag)?,
        default_destination: required(value, "default_destination", destination)?,
        destinations: optional(value, "destinations", destinations)?,
    })
}

/// Reads a [`SendStatus`] the way the background writes it.
pub fn read_send_status<V: ReplyValue>(value: &V) -> Result<SendStatus, MalformedReply> {
    let possible_duplicate = || required(value, "possible_duplicate", flag);
    let state = match required(value, "state", text)?.as_str() {
        "not_sent" => SendState::NotSent,
        "sending" => SendState::Sending {
            since_ms: required(value, "since_ms", whole)?,
        },
        "queued" => SendState::Queued {
            attempts: u32::try_from(required(value, "attempts", whole)?)
                .map_err(|_| MalformedReply("attempts"))?,
            next_attempt_at_ms: required(value, "next_attempt_at_ms", whole)?,
            reason: optional(value, "reason", error_reply)?,
            possible_duplicate: possible_duplicate()?,
        },
        "failed" => SendState::Failed {
            error: required(value, "error", error_reply)?,
            possible_duplicate: possible_duplicate()?,
        },
        "sent" => SendState::Sent {
            entry: required(value, "entry", ledger_entry)?,
            lookup: required(value, "lookup", lookup)?,
        },
        _ => return Err(MalformedReply("state")),
    };
    Ok(SendStatus {
        external_id: required(value, "external_id", text)?,
        state,
        setup: required(value, "setup", send_setup_of)?,
    })
}

/// Reads a [`SendOutcome`] the way the background writes it.
pub fn read_send_outcome<V: ReplyValue>(value: &V) -> Result<SendOutcome, MalformedReply> {
    Ok(match required(value, "outcome", text)?.as_str() {
        "sent" => SendOutcome::Sent {
            entry: required(value, "entry", ledger_entry)?,
        },
        "queued" => SendOutcome::Queued {
            reason: optional(value, "reason", error_reply)?,
            next_attempt_at_ms: required(value, "next_attempt_at_ms", whole)?,
        },
        "in_progress" => SendOutcome::InProgress,
        "failed" => SendOutcome::Failed {
            error: required(value, "error", error_reply)?,
        },
        "already_sent" => SendOutcome::AlreadySent {
            entry: required(value, "entry", ledger_entry)?,
        },
        _ => return Err(MalformedReply("outcome")),
    })
}

/// Reads the review form's values the way serde writes [`ReviewFields`].
pub fn read_review_fields<V: ReplyValue>(value: &V) -> Result<ReviewFields, MalformedReply> {
    let mut fields = ReviewFields::default();
    for field in ReviewField::ALL {
        fields.set(field, required(value, field.key(), text)?);
    }
    Ok(fields)
}

/// Reads a [`ProfileReading`] the way the background writes it, keeping the
/// candidate as the value it came as (the content script only passes it
/// back with `SendProspect`).
pub fn read_profile_reading<V: ReplyValue>(value: &V) -> Result<ProfileReading<V>, MalformedReply> {
    Ok(match required(value, "reading", text)?.as_str() {
        "ready" => ProfileReading::Ready {
            candidate: value
                .field("candidate")
                .ok_or(MalformedReply("candidate"))?,
            fields: required(value, "fields", read_review_fields)?,
        },
        "incomplete" => ProfileReading::Incomplete {
            draft: value.field("draft").ok_or(MalformedReply("draft"))?,
            fields: required(value, "fields", read_review_fields)?,
            no_name: required(value, "no_name", flag)?,
            no_candidate_id: required(value, "no_candidate_id", flag)?,
        },
        "stale" => ProfileReading::Stale,
        "not_a_profile" => ProfileReading::NotAProfile,
        _ => return Err(MalformedReply("reading")),
    })
}

/// Reads a [`Reply`] envelope: the value (read by `read`; `None` when it is
/// absent or `null`) or the background's error. An ok reply with an error,
/// or a failed one without, is malformed.
pub fn read_reply<V: ReplyValue, T>(
    reply: &V,
    read: Read<V, T>,
) -> Result<Result<Option<T>, ErrorReply>, MalformedReply> {
    match (
        required(reply, "ok", flag)?,
        optional(reply, "error", error_reply)?,
    ) {
        (true, None) => optional(reply, "value", read).map(Ok),
        (false, Some(error)) => Ok(Err(error)),
        (true, Some(_)) | (false, None) => Err(MalformedReply("ok")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::greenhouse::requests::ApiKey;
    use crate::greenhouse::responses::{CreatedCandidate, CurrentUser};
    use crate::inpage::frame::FrameRole;

    const T0: u64 = 1_767_225_600_000;

    fn connected() -> Settings {
        let mut settings = Settings::default();
        let credentials = settings
            .credentials_to_validate(Some(&ApiKey::new("KEY")), "ada@example.com")
            .unwrap();
        settings.connected(
            credentials,
            &CurrentUser {
                id: 1,
                full_name: "Ada Lovelace".into(),
                first_name: "Ada".into(),
                last_name: "Lovelace".into(),
                email: "ada@example.com".into(),
            },
        );
        settings
    }

    fn candidate(external_id: &str) -> NewCandidate {
        NewCandidate {
            prospect: true,
            first_name: "Grace".into(),
            last_name: "Hopper".into(),
            external_id: external_id.into(),
            ..NewCandidate::default()
        }
    }

    fn ledger_entry(external_id: &str, id: u64, at: u64) -> LedgerEntry {
        LedgerEntry {
            external_id: external_id.into(),
            greenhouse_candidate_id: id,
            profile_url: Some(format!("https://app.greenhouse.io/people/{id}")),
            sent_at_ms: at,
            sent_by: "ada@example.com".into(),
            name: "Grace Hopper".into(),
            possible_duplicate: false,
            earlier_candidate_ids: Vec::new(),
        }
    }

    fn every_request() -> Vec<Request> {
        vec![
            Request::SendProspect {
                candidate: Box::new(candidate("pj-1")),
                edits: None,
                destination: None,
                resend: false,
            },
            Request::ReadProfile {
                snapshot: String::new(),
                url: "https://purpose.jobs/candidates/1".into(),
            },
            Request::GetSendStatus {
                external_id: "pj-1".into(),
            },
            Request::OpenOptions,
            Request::LoadFallbackCore,
            Request::GetSettings,
            Request::Connect {
                api_key: None,
                email: "a@b.c".into(),
            },
            Request::Disconnect,
            Request::GetDestinations { refresh: true },
            Request::SaveSettings {
                default_destination: Destination::NoPool,
                prospect_owner_email: None,
                always_review: false,
            },
            Request::ListSends,
            Request::RetrySend {
                external_id: "pj-1".into(),
            },
            Request::DiscardSend {
                external_id: "pj-1".into(),
            },
            Request::ShowInPage {
                frame: "f".into(),
                item: FrameItem::Notice {
                    role: FrameRole::Alert,
                    text: "t".into(),
                    link: None,
                    action: None,
                },
            },
            Request::TakeInPage { frame: "f".into() },
        ]
    }

    #[test]
    fn authorization_by_tier_and_sender() {
        let content_tier = [
            "SendProspect",
            "ReadProfile",
            "GetSendStatus",
            "OpenOptions",
            "LoadFallbackCore",
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
    fn type_names_match_the_wire_tag() {
        for request in every_request() {
            let value = serde_json::to_value(&request).unwrap();
            assert_eq!(value["type"], request.type_name());
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

    #[test]
    fn malformed_messages_are_bad_message() {
        let cases = [
            "",
            "null",
            "[]",
            "{}",
            r#"{"type":"StealKey"}"#,
            r#"{"type":"getSettings"}"#,
            r#"{"type":"GetSendStatus"}"#,
            r#"{"type":"GetSendStatus","external_id":42}"#,
            r#"{"type":"GetSendStatus","externalId":"pj-1"}"#,
            r#"{"type":"SendProspect","candidate":{"first_name":"A"}}"#,
            r#"{"type":"SendProspect","candidate":{"prospect":true,"first_name":"A","last_name":"B","external_id":"1","emails":[{"email":"x","type":"bogus"}]}}"#,
            r#"{"type":"SendProspect","candidate":{"prospect":true,"first_name":"A","last_name":"B","external_id":"1"},"resnd":true}"#,
            r#"{"type":"SaveSettings","default_destination":{"kind":"moon"}}"#,
            r#"{"type":"Connect","api_key":"k"}"#,
            r#"{"type":"GetSettings","extra":true}"#,
            r#"{"type":"OpenOptions","api_key":"k"}"#,
        ];
        for json in cases {
            assert_eq!(
                parse_request(json),
                Err(ErrorReply::bad_message()),
                "{json}"
            );
        }
    }

    #[test]
    fn optional_fields_may_be_left_out() {
        let cases = [
            (
                r#"{"type":"SendProspect","candidate":{"prospect":true,"first_name":"Grace","last_name":"Hopper","external_id":"pj-1"}}"#,
                Request::SendProspect {
                    candidate: Box::new(candidate("pj-1")),
                    edits: None,
                    destination: None,
                    resend: false,
                },
            ),
            (
                r#"{"type":"GetDestinations"}"#,
                Request::GetDestinations { refresh: false },
            ),
            (
                r#"{"type":"Connect","email":"a@b.c"}"#,
                Request::Connect {
                    api_key: None,
                    email: "a@b.c".into(),
                },
            ),
            (
                r#"{"type":"SaveSettings","default_destination":{"kind":"no_pool"}}"#,
                Request::SaveSettings {
                    default_destination: Destination::NoPool,
                    prospect_owner_email: None,
                    always_review: false,
                },
            ),
        ];
        for (json, expected) in cases {
            assert_eq!(parse_request(json), Ok(expected.clone()), "{json}");
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            assert_eq!(parse_request_value(value), Ok(expected), "{json}");
        }
    }

    #[test]
    fn connect_debug_does_not_show_the_key() {
        let request =
            parse_request(r#"{"type":"Connect","api_key":"SECRET-1","email":"a@b.c"}"#).unwrap();
        assert!(!format!("{request:?}").contains("SECRET-1"));
        assert_eq!(request.type_name(), "Connect");
    }

    #[test]
    fn every_error_kind_reads_back_from_its_wire_string() {
        // Exhaustive: a new kind does not compile here until it has an
        // index, and then the list below must grow to hold it.
        let index = |kind: ErrorKind| match kind {
            ErrorKind::Unauthorized => 0,
            ErrorKind::Forbidden => 1,
            ErrorKind::NotFound => 2,
            ErrorKind::Validation => 3,
            ErrorKind::RateLimited => 4,
            ErrorKind::Server => 5,
            ErrorKind::Network => 6,
            ErrorKind::Timeout => 7,
            ErrorKind::BadResponse => 8,
            ErrorKind::BadMessage => 9,
            ErrorKind::NotAllowed => 10,
            ErrorKind::NotConnected => 11,
            ErrorKind::HostPermission => 12,
            ErrorKind::NotVisible => 13,
            ErrorKind::UnknownSend => 14,
            ErrorKind::SendInProgress => 15,
            ErrorKind::Storage => 16,
        };
        for (position, kind) in ErrorKind::ALL.into_iter().enumerate() {
            assert_eq!(index(kind), position, "{kind:?}");
            let reply = serde_json::to_value(ErrorReply::of(kind)).unwrap();
            assert_eq!(error_reply(&reply), Ok(ErrorReply::of(kind)));
        }
    }

    #[test]
    fn reply_envelope() {
        let ok: Reply<SendList> = Reply::Ok(SendList::default());
        assert_eq!(
            serde_json::to_value(&ok).unwrap(),
            serde_json::json!({"ok": true, "value": {"items": []}})
        );
        let unit: Reply<()> = Reply::Ok(());
        assert_eq!(
            serde_json::to_string(&unit).unwrap(),
            r#"{"ok":true,"value":null}"#
        );
        assert_eq!(
            serde_json::from_str::<Reply<()>>(r#"{"ok":true,"value":null}"#).unwrap(),
            unit
        );
        let err: Reply<()> = Reply::Err(ErrorReply::not_allowed());
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["ok"], false);
        assert_eq!(json["error"]["kind"], "not_allowed");
        assert!(json.get("value").is_none());
        let refused = [
            r#"{"ok":true,"error":{"kind":"network","message":"m"}}"#,
            r#"{"ok":false}"#,
            r#"{"ok":true,"value":{"items":[]},"extra":1}"#,
            r#"{"value":null}"#,
        ];
        for json in refused {
            assert!(
                serde_json::from_str::<Reply<SendList>>(json).is_err(),
                "{json}"
            );
        }
        let from: Reply<u8> = Err(ErrorReply::bad_message()).into();
        assert_eq!(from, Reply::Err(ErrorReply::bad_message()));
    }

    #[test]
    fn planning_a_send() {
        let settings = connected();
        let mut ledger = Ledger::default();
        ledger.record(ledger_entry("sent", 9, T0));
        let mut outbox = Outbox::default();
        outbox.enqueue(candidate("flying"), T0);
        outbox
            .mark_in_flight("flying", "ada@example.com", T0)
            .unwrap();
        outbox.enqueue(candidate("queued"), T0);

        let plan = |candidate: NewCandidate, destination: Option<&Destination>, resend| {
            plan_send(&settings, &ledger, &outbox, candidate, destination, resend)
        };
        // Not connected.
        assert_eq!(
            plan_send(
                &Settings::default(),
                &ledger,
                &outbox,
                candidate("x"),
                None,
                false
            )
            .unwrap_err()
            .kind,
            ErrorKind::NotConnected
        );
        // Required fields.
        for (field, blank) in [("first_name", 0), ("last_name", 1), ("external_id", 2)] {
            let mut incomplete = candidate("x");
            match blank {
                0 => incomplete.first_name = " ".into(),
                1 => incomplete.last_name = String::new(),
                _ => incomplete.external_id = String::new(),
            }
            let error = plan(incomplete, None, false).unwrap_err();
            assert_eq!(error.field.as_deref(), Some(field));
        }
        assert_eq!(
            plan(candidate("flying"), None, true),
            Ok(SendPlan::Reply(SendOutcome::InProgress))
        );
        assert_eq!(
            plan(candidate("sent"), None, false),
            Ok(SendPlan::Reply(SendOutcome::AlreadySent {
                entry: ledger_entry("sent", 9, T0)
            }))
        );
        let Ok(SendPlan::Send(body)) = plan(candidate("sent"), None, true) else {
            panic!("resend must send")
        };
        assert_eq!(body.external_id, "sent");
        let Ok(SendPlan::Send(body)) = plan(
            candidate("new"),
            Some(&Destination::Job { job_id: 5 }),
            false,
        ) else {
            panic!("new must send")
        };
        assert_eq!((body.prospect, body.job_id), (false, Some(5)));
        let Ok(SendPlan::Send(body)) = plan(candidate("queued"), None, false) else {
            panic!("queued must send")
        };
        assert!(body.prospect);
    }

    #[test]
    fn plan_uses_the_default_destination_and_owner() {
        let mut settings = connected();
        settings.default_destination = Destination::Pool {
            pool_id: 10,
            stage_id: Some(101),
        };
        settings.prospect_owner_email = Some("owner@example.com".into());
        let plan = plan_send(
            &settings,
            &Ledger::default(),
            &Outbox::default(),
            candidate("pj-1"),
            None,
            false,
        );
        let Ok(SendPlan::Send(body)) = plan else {
            panic!("{plan:?}")
        };
        assert_eq!(body.prospect_pool_id, Some(10));
        assert_eq!(body.prospect_pool_stage_id, Some(101));
        assert_eq!(
            body.prospect_owner_email.as_deref(),
            Some("owner@example.com")
        );
    }

    #[test]
    fn deliveries_become_outcomes() {
        let entry = ledger_entry("pj-1", 9, T0);
        let reason = ErrorReply::of(ErrorKind::Network);
        let cases = [
            (
                Delivery::Delivered(entry.clone()),
                SendOutcome::Sent { entry },
            ),
            (
                Delivery::Retrying {
                    at_ms: T0,
                    reason: reason.clone(),
                },
                SendOutcome::Queued {
                    reason: Some(reason.clone()),
                    next_attempt_at_ms: T0,
                },
            ),
            (
                Delivery::Failed {
                    reason: reason.clone(),
                },
                SendOutcome::Failed { error: reason },
            ),
        ];
        for (delivery, expected) in cases {
            assert_eq!(SendOutcome::from(delivery), expected);
        }
    }

    #[test]
    fn status_of_each_state() {
        let settings = connected();
        let mut ledger = Ledger::default();
        ledger.record(ledger_entry("sent", 9, T0));
        ledger.record(ledger_entry("resending", 8, T0));
        let mut outbox = Outbox::default();
        for id in ["flying", "queued", "failed", "resending"] {
            outbox.enqueue(candidate(id), T0);
        }
        outbox
            .mark_in_flight("flying", "ada@example.com", T0)
            .unwrap();
        outbox
            .mark_in_flight("queued", "ada@example.com", T0)
            .unwrap();
        outbox
            .on_response("queued", Err(ApiError::Network), T0, 0)
            .unwrap();
        outbox
            .mark_in_flight("failed", "ada@example.com", T0)
            .unwrap();
        outbox
            .on_response("failed", Err(ApiError::Forbidden), T0, 0)
            .unwrap();

        let state = |id: &str| send_status(id, &settings, &ledger, &outbox).state;
        assert_eq!(state("nothing"), SendState::NotSent);
        assert_eq!(state("flying"), SendState::Sending { since_ms: T0 });
        let SendState::Queued {
            attempts,
            possible_duplicate,
            reason,
            ..
        } = state("queued")
        else {
            panic!()
        };
        assert_eq!((attempts, possible_duplicate), (1, true));
        assert_eq!(reason.unwrap().kind, ErrorKind::Network);
        let SendState::Failed { error, .. } = state("failed") else {
            panic!()
        };
        assert_eq!(error.kind, ErrorKind::Forbidden);
        assert_eq!(
            state("sent"),
            SendState::Sent {
                entry: ledger_entry("sent", 9, T0),
                lookup: GreenhouseLookup::NotChecked
            }
        );
        assert!(matches!(state("resending"), SendState::Queued { .. }));

        let status = send_status("sent", &settings, &ledger, &outbox);
        assert_eq!(status.external_id, "sent");
        assert!(status.setup.connected);
        assert_eq!(status.setup.credited_to.as_deref(), Some("Ada Lovelace"));
        let unconnected = send_status("sent", &Settings::default(), &ledger, &outbox);
        assert!(!unconnected.setup.connected);
    }

    #[test]
    fn greenhouse_lookup() {
        let status = |id| CandidateStatus {
            id,
            name: "Grace Hopper".into(),
            external_id: "pj-1".into(),
            applications: vec![ApplicationStatus {
                id: Some(1),
                job: None,
                status: Some("active".into()),
                stage: Some("New".into()),
                profile_url: None,
            }],
        };
        let found = GreenhouseLookup::from_result(Ok(vec![status(2), status(9)]), 9);
        let GreenhouseLookup::Found { applications } = found else {
            panic!("{found:?}")
        };
        assert_eq!(applications[0].stage.as_deref(), Some("New"));
        let cases = [
            (Ok(vec![]), ErrorKind::NotVisible),
            (Ok(vec![status(2)]), ErrorKind::NotVisible),
            (Err(ApiError::Forbidden), ErrorKind::NotVisible),
            (Err(ApiError::NotFound), ErrorKind::NotVisible),
            (Err(ApiError::Network), ErrorKind::Network),
            (Err(ApiError::Unauthorized), ErrorKind::Unauthorized),
        ];
        for (result, kind) in cases {
            let lookup = GreenhouseLookup::from_result(result.clone(), 9);
            let GreenhouseLookup::NotVisible { reason } = lookup else {
                panic!("{result:?}")
            };
            assert_eq!(reason.kind, kind, "{result:?}");
        }
    }

    #[test]
    fn the_popup_list_puts_attention_first() {
        let mut ledger = Ledger::default();
        for index in 0..25 {
            ledger.record(ledger_entry(&format!("sent-{index}"), index, T0 + index));
        }
        ledger.record(ledger_entry("queued", 100, T0 - 5));
        let mut outbox = Outbox::default();
        for id in ["queued", "flying", "failed"] {
            outbox.enqueue(candidate(id), T0);
        }
        outbox.mark_in_flight("flying", "a@b.c", T0).unwrap();
        outbox.mark_in_flight("failed", "a@b.c", T0).unwrap();
        outbox
            .on_response("failed", Err(ApiError::Unauthorized), T0, 0)
            .unwrap();
        let list = send_list(&ledger, &outbox, SEND_LIST_LIMIT);
        let summary: Vec<(&str, SendListStatus)> = list
            .items
            .iter()
            .take(5)
            .map(|item| (item.external_id.as_str(), item.status))
            .collect();
        assert_eq!(
            summary,
            [
                ("failed", SendListStatus::Failed),
                ("flying", SendListStatus::Sending),
                ("queued", SendListStatus::Queued),
                ("sent-24", SendListStatus::Sent),
                ("sent-23", SendListStatus::Sent),
            ]
        );
        assert_eq!(list.items.len(), 3 + SEND_LIST_LIMIT);
        assert_eq!(
            list.items[0].error.as_ref().unwrap().kind,
            ErrorKind::Unauthorized
        );
        assert_eq!(
            list.items[3].profile_url.as_deref(),
            Some("https://app.greenhouse.io/people/24")
        );
        assert_eq!(list.items[0].name, "Grace Hopper");
        assert!(send_list(&Ledger::default(), &Outbox::default(), 20)
            .items
            .is_empty());
    }

    #[test]
    fn a_full_send_through_the_pure_pieces() {
        let settings = connected();
        let mut ledger = Ledger::default();
        let mut outbox = Outbox::default();
        let Ok(SendPlan::Send(body)) =
            plan_send(&settings, &ledger, &outbox, candidate("pj-1"), None, false)
        else {
            panic!()
        };
        outbox.enqueue(*body, T0);
        let credentials = settings.credentials().unwrap();
        outbox
            .mark_in_flight("pj-1", &credentials.on_behalf_of, T0)
            .unwrap();
        let created = CreatedCandidate {
            id: 77,
            application_id: None,
            external_id: "pj-1".into(),
            profile_url: Some("https://app.greenhouse.io/people/77".into()),
        };
        let delivery = outbox.on_response("pj-1", Ok(created), T0 + 50, 0).unwrap();
        let outcome = SendOutcome::from(delivery);
        let SendOutcome::Sent { entry } = &outcome else {
            panic!("{outcome:?}")
        };
        ledger.record(entry.clone());
        let again = plan_send(&settings, &ledger, &outbox, candidate("pj-1"), None, false);
        assert!(matches!(
            again,
            Ok(SendPlan::Reply(SendOutcome::AlreadySent { .. }))
        ));
        let status = send_status("pj-1", &settings, &ledger, &outbox);
        assert!(matches!(status.state, SendState::Sent { .. }));
    }
}

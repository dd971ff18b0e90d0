//! TEMPORARY: the message contract as the background, the pages and the
//! content script (`content/pending.rs`) use it until `core::messages`
//! lands; then these types move there (pure, with golden JSON tests) and
//! this file goes away.
//!
//! Requests are one `#[serde(tag = "type")]` enum; replies are the envelope
//! `{ok: true, value}` / `{ok: false, error: {kind, message, field}}`. No
//! reply type has a field the API key could travel in.

use serde::{Deserialize, Serialize};

use crate::core::error_reply::ErrorReply;
use crate::core::greenhouse::candidate::NewCandidate;
use crate::core::ledger::LedgerEntry;
use crate::core::settings::{Destination, Destinations, SettingsView};

/// Every request any context can send to the background.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum Request {
    /// Content script or extension page: send one prospect.
    SendProspect {
        /// The candidate as extracted (and maybe edited in the review form).
        candidate: NewCandidate,
        /// Destination for this send; `null` = the default from the settings.
        #[serde(default)]
        destination: Option<Destination>,
        /// Send even though the ledger says it was sent already.
        #[serde(default)]
        resend: bool,
    },
    /// Content script or extension page: what is known about one candidate.
    GetSendStatus {
        /// The Purpose Jobs candidate id.
        external_id: String,
    },
    /// Content script or extension page: open the options page.
    OpenOptions,
    /// Extension pages: the settings without the key.
    GetSettings,
    /// Extension pages: validate and store a key and email.
    Connect {
        /// A new key, or `null` to keep the stored one.
        #[serde(default)]
        api_key: Option<String>,
        /// The recruiter's Greenhouse login.
        email: String,
    },
    /// Extension pages: "Remove integration".
    Disconnect,
    /// Extension pages: jobs and prospect pools (`refresh` reloads them).
    GetDestinations {
        /// Load fresh lists from Greenhouse.
        #[serde(default)]
        refresh: bool,
    },
    /// Extension pages: default destination and preferences.
    SaveSettings {
        /// The default destination.
        default_destination: Destination,
        /// Prospect owner email, `null` for none.
        #[serde(default)]
        prospect_owner_email: Option<String>,
        /// Whether sends always open the review form.
        #[serde(default)]
        always_review: bool,
    },
    /// Extension pages: the toolbar popup's list of recent sends.
    GetRecentSends,
    /// Extension pages: retry a queued or failed send now.
    RetrySend {
        /// The Purpose Jobs candidate id.
        external_id: String,
    },
    /// Extension pages: drop a queued or failed send.
    DiscardSend {
        /// The Purpose Jobs candidate id.
        external_id: String,
    },
}

/// Who sent a message, as far as the background can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SenderKind {
    /// A page of this extension (options, popup).
    ExtensionPage,
    /// This extension's content script in a Purpose Jobs tab.
    ContentScript,
    /// Anything else: another extension, a web page, an unknown frame.
    Foreign,
}

impl Request {
    /// Whether `sender` may make this request: content scripts may only
    /// send a profile, ask about sends and open the options page; only
    /// extension pages read or change settings; foreigners nothing.
    pub fn allowed_for(&self, sender: SenderKind) -> bool {
        match (sender, self) {
            (SenderKind::Foreign, _) => false,
            (SenderKind::ExtensionPage, _) => true,
            (
                SenderKind::ContentScript,
                Request::SendProspect { .. } | Request::GetSendStatus { .. } | Request::OpenOptions,
            ) => true,
            (SenderKind::ContentScript, _) => false,
        }
    }
}

/// The reply envelope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Envelope<T: Serialize> {
    /// Whether the request succeeded.
    pub ok: bool,
    /// The value when `ok`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<T>,
    /// The error when not `ok`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorReply>,
}

/// What became of a `SendProspect` or `RetrySend`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SendOutcome {
    /// Greenhouse confirmed it.
    Sent {
        /// The ledger entry (candidate id, `profile_url`, when, by whom).
        entry: LedgerEntry,
    },
    /// Waiting in the outbox for an automatic retry.
    Queued {
        /// Why, with "will be retried".
        reason: ErrorReply,
    },
    /// Refused, or given up: the user must act.
    Failed {
        /// Why, with what to do.
        error: ErrorReply,
    },
    /// Sent before; nothing was sent now.
    AlreadySent {
        /// The earlier send.
        entry: LedgerEntry,
    },
}

/// Greenhouse's current view of a sent candidate's application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationStatus {
    /// `active`, `rejected`, `hired`.
    pub status: String,
    /// Current stage name, when known.
    pub stage: Option<String>,
}

/// Everything known about one candidate, for the menu item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendStatus {
    /// The ledger entry when it was sent.
    pub sent: Option<LedgerEntry>,
    /// Whether it waits in the outbox (queued or failed).
    pub queued: bool,
    /// Whether the extension is set up.
    pub connected: bool,
    /// The connected Greenhouse user's name.
    pub connected_user: Option<String>,
    /// Whether sends always open the review form.
    pub always_review: bool,
    /// The default destination.
    pub default_destination: Destination,
    /// Jobs and pools for the review form, when loaded.
    pub destinations: Option<Destinations>,
    /// Greenhouse's current status, when it could be read.
    pub application: Option<ApplicationStatus>,
    /// True when Greenhouse returned nothing for a sent candidate (no
    /// permission to read candidates, merged or deleted).
    pub not_visible: bool,
}

/// One line of the toolbar popup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentSend {
    /// The Purpose Jobs candidate id.
    pub external_id: String,
    /// The candidate's name.
    pub name: String,
    /// `sent`, `queued`, `sending` or `failed`.
    pub state: String,
    /// When it was sent, or queued (milliseconds since the Unix epoch).
    pub at_ms: u64,
    /// Link to the prospect in Greenhouse, when sent.
    pub profile_url: Option<String>,
    /// Why it is queued or failed.
    pub reason: Option<String>,
    /// Whether it may exist twice in Greenhouse.
    pub possible_duplicate: bool,
}

/// The toolbar popup's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentSends {
    /// The settings without the key.
    pub settings: SettingsView,
    /// Queued and failed sends first, then the most recent sent ones; at
    /// most 20 in all.
    pub sends: Vec<RecentSend>,
}

//! The requests the options page and the popup send to the background,
//! built from the one typed contract (`core::contract`).

use crate::core::contract::request::Request;
use crate::core::greenhouse::requests::ApiKey;
use crate::core::sending::settings::Destination;

/// `GetSettings`.
pub fn get_settings() -> Request {
    Request::GetSettings
}

/// `Connect` with a new key (or `None` to keep the stored one).
pub fn connect(api_key: Option<String>, email: &str) -> Request {
    Request::Connect {
        api_key: api_key.as_deref().map(ApiKey::new),
        email: email.to_owned(),
    }
}

/// `Disconnect`.
pub fn disconnect() -> Request {
    Request::Disconnect
}

/// `GetDestinations`.
pub fn get_destinations(refresh: bool) -> Request {
    Request::GetDestinations { refresh }
}

/// `SaveSettings`.
pub fn save_settings(
    default_destination: Destination,
    prospect_owner_email: Option<String>,
    always_review: bool,
) -> Request {
    Request::SaveSettings {
        default_destination,
        prospect_owner_email,
        always_review,
    }
}

/// `ListSends`.
pub fn list_sends() -> Request {
    Request::ListSends
}

/// `RetrySend`.
pub fn retry(external_id: &str) -> Request {
    Request::RetrySend {
        external_id: external_id.to_owned(),
    }
}

/// `DiscardSend`.
pub fn discard(external_id: &str) -> Request {
    Request::DiscardSend {
        external_id: external_id.to_owned(),
    }
}

/// `ClearHistory`.
pub fn clear_history() -> Request {
    Request::ClearHistory
}

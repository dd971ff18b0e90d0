//! The background's side of the options page: connect (validate the key
//! with `GET current_user`, then store it), remove the integration, load
//! the destinations, save the preferences, and the host permission check.
//!
//! The key is read and written here and in the sending path only; every
//! result handed back is key-free (`SettingsView`, `Destinations`).

use wasm_bindgen_futures::JsFuture;

use super::{http, lock, now_ms, store};
use crate::core::contract::error_reply::{ErrorKind, Failure};
use crate::core::greenhouse::error::{ApiError, Situation};
use crate::core::greenhouse::requests::{self, ApiKey, Credentials};
use crate::core::greenhouse::responses;
use crate::core::greenhouse::{HttpRequest, HttpResponse};
use crate::core::sending::settings::{Destination, Destinations, Settings, SettingsView};
use crate::shim;

/// Storage key of the [`Settings`] (the only stored value holding the key).
pub const SETTINGS_KEY: &str = "settings";

/// The origin the extension must be allowed to reach.
pub const GREENHOUSE_ORIGIN: &str = "https://api.greenhouse.io/*";

/// The stored settings, or the defaults before the first setup. Settings of
/// a shape this version cannot read count as "not set up": the recruiter
/// connects again, which overwrites them.
pub async fn load() -> Result<Settings, Failure> {
    match store::get_or_default(SETTINGS_KEY).await {
        Ok(settings) => Ok(settings),
        Err(store::StoreError::Shape { .. }) => Ok(Settings::default()),
        Err(error) => Err(error.failure()),
    }
}

/// Store `settings`.
pub async fn save(settings: &Settings) -> Result<(), Failure> {
    store::set(SETTINGS_KEY, settings)
        .await
        .map_err(|error| error.failure())
}

/// Change the stored settings with `change`, under the storage lock.
pub async fn update<T>(
    change: impl FnOnce(&mut Settings) -> Result<T, Failure>,
) -> Result<T, Failure> {
    lock::exclusive(|| async move {
        let mut settings = load().await?;
        let result = change(&mut settings)?;
        save(&settings).await?;
        Ok(result)
    })
    .await
}

/// Whether the browser lets the extension reach `api.greenhouse.io`.
/// When the browser cannot tell, assume it does: the request itself will
/// then say what is wrong.
pub async fn has_host_permission() -> bool {
    let origins = js_sys::Array::of1(&GREENHOUSE_ORIGIN.into());
    let Ok(promise) = shim::permissions_contains(&origins) else {
        return true;
    };
    match JsFuture::from(promise).await {
        Ok(granted) => granted.as_bool().unwrap_or(true),
        Err(_) => true,
    }
}

/// The error to report for a request that got no answer: a missing host
/// permission looks like a network failure to `fetch`.
pub async fn explain_no_answer(error: ApiError, situation: Situation) -> Failure {
    match (&error, has_host_permission().await) {
        (ApiError::Network, false) => Failure::of(ErrorKind::HostPermission),
        _ => error.failure(situation),
    }
}

/// Send one request made for the user right now and interpret the answer.
async fn ask<T>(
    request: &HttpRequest,
    interpret: impl FnOnce(&HttpResponse, u64) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let response = http::send(request).await?;
    interpret(&response, now_ms())
}

/// `Connect`: validate `api_key` (or the stored key when `None`) and `email`
/// with `GET current_user`; only when Greenhouse accepts them are they
/// stored as connected. A rejected key is never stored.
pub async fn connect(api_key: Option<ApiKey>, email: &str) -> Result<SettingsView, Failure> {
    if !has_host_permission().await {
        return Err(Failure::of(ErrorKind::HostPermission));
    }
    let settings = load().await?;
    let credentials = settings.credentials_to_validate(api_key.as_ref(), email)?;
    let user = match ask(
        &requests::current_user(&credentials),
        responses::interpret_current_user,
    )
    .await
    {
        Ok(user) => user,
        Err(error) => return Err(explain_no_answer(error, Situation::Request).await),
    };
    let view = update(move |settings| {
        settings.connected(credentials, &user);
        Ok(settings.view())
    })
    .await?;
    // Best effort: the destinations are a convenience, their failure is
    // shown when the page asks for them.
    let _ = destinations(true).await;
    Ok(view)
}

/// `Disconnect` ("Remove integration"): forget the key and everything that
/// came from Greenhouse.
pub async fn disconnect() -> Result<SettingsView, Failure> {
    update(|settings| {
        settings.disconnect();
        Ok(settings.view())
    })
    .await
}

/// `SaveSettings`: the default destination, prospect owner and review
/// preference.
pub async fn save_preferences(
    destination: Destination,
    prospect_owner_email: Option<String>,
    always_review: bool,
) -> Result<SettingsView, Failure> {
    update(move |settings| {
        settings.save(destination, prospect_owner_email.as_deref(), always_review)?;
        Ok(settings.view())
    })
    .await
}

/// `GetDestinations`: the cached jobs and pools, or fresh ones from
/// Greenhouse when `refresh` is set or nothing is cached (then cached).
pub async fn destinations(refresh: bool) -> Result<Destinations, Failure> {
    let settings = load().await?;
    if let Some(cached) = settings.cached_destinations(refresh) {
        return Ok(cached.clone());
    }
    let credentials = connected_credentials(&settings)?;
    let jobs = ask(&requests::jobs(&credentials), responses::interpret_jobs).await;
    let pools = ask(
        &requests::prospect_pools(&credentials),
        responses::interpret_prospect_pools,
    )
    .await;
    let loaded = match Destinations::from_results(jobs, pools, now_ms()) {
        Ok(loaded) => loaded,
        Err(reply) if reply.kind == ErrorKind::Network => {
            return Err(explain_no_answer(ApiError::Network, Situation::Request).await)
        }
        Err(reply) => return Err(reply),
    };
    let stored = loaded.clone();
    update(move |settings| {
        // Only if still connected with the same key: a "Remove integration"
        // while loading must not bring Greenhouse data back.
        if settings.credentials().as_ref() == Some(&credentials) {
            settings.destinations = Some(stored);
        }
        Ok(())
    })
    .await?;
    Ok(loaded)
}

/// The stored credentials, or the `not_connected` error.
pub fn connected_credentials(settings: &Settings) -> Result<Credentials, Failure> {
    match (settings.is_connected(), settings.credentials()) {
        (true, Some(credentials)) => Ok(credentials),
        _ => Err(Failure::of(ErrorKind::NotConnected)),
    }
}

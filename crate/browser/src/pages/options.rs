//! The options page: connect to Greenhouse (API Key + Email, validated by
//! the background before anything is stored), remove the integration,
//! choose the default destination, and grant the `api.greenhouse.io` host
//! permission when the browser has not.
//!
//! The page never sees the stored key: it only learns whether one is
//! stored. Everything Greenhouse returns (names of users, jobs, pools) is
//! shown as text only.

use std::cell::RefCell;

use wasm_bindgen_futures::{spawn_local, JsFuture};

use super::{ask, dom, history, wire};
use crate::core::contract::error_reply::{ErrorKind, ErrorReply};
use crate::core::contract::reply::DestinationChoices;
use crate::core::sending::settings::{Destination, SettingsView};
use crate::shim;

const GREENHOUSE_ORIGIN: &str = "https://api.greenhouse.io/*";

thread_local! {
    // The jobs and pools last shown, to fill the stage list when the pool
    // changes without asking the background again.
    static SHOWN: RefCell<Option<DestinationChoices>> = const { RefCell::new(None) };
}

/// Wire the page and show the stored state.
pub fn start() {
    dom::localize_page();
    dom::on("integration", "submit", |event| {
        event.prevent_default();
        spawn_local(connect());
    });
    dom::on("remove-integration", "click", |_| spawn_local(disconnect()));
    dom::on("destination-form", "submit", |event| {
        event.prevent_default();
        spawn_local(save_destination());
    });
    dom::on("refresh-destinations", "click", |_| {
        spawn_local(load_destinations(true))
    });
    for id in ["destination-no-pool", "destination-pool", "destination-job"] {
        dom::on(id, "change", |_| show_destination_fields());
    }
    dom::on("pool", "change", |_| fill_stages(None));
    dom::on("grant-permission", "click", |_| request_permission());
    history::wire_buttons(|_| {});
    spawn_local(check_permission());
    spawn_local(show_stored());
}

async fn show_stored() {
    match ask::<SettingsView>(&wire::get_settings()).await {
        Ok(view) => show_state(view).await,
        Err(error) => dom::set_text("alert", &error.message),
    }
}

/// Show the settings, and for a connection its destinations, loaded before
/// anything is shown so that no late answer resets what the user picks.
async fn show_state(view: SettingsView) {
    let destinations = match view.connected_user.is_some() {
        true => Some(ask::<DestinationChoices>(&wire::get_destinations(false)).await),
        false => None,
    };
    show_settings(&view);
    match destinations {
        Some(Ok(destinations)) => show_destinations(&destinations, &view.default_destination),
        Some(Err(error)) => dom::set_text("destination-alert", &error.message),
        None => {}
    }
}

fn show_settings(view: &SettingsView) {
    // Never overwrite what the user may already be typing (the stored state
    // can arrive after the first keystrokes).
    if dom::input_value("email").is_empty() {
        dom::set_input_value("email", &view.email);
    }
    dom::set_hidden("api-key-hint", !view.has_api_key);
    if let Some(input) = dom::by_id::<web_sys::HtmlInputElement>("api-key") {
        let placeholder = match view.has_api_key {
            true => "••••••••••••",
            false => "",
        };
        input.set_placeholder(placeholder);
    }
    match &view.connected_user {
        Some(user) => {
            let text = dom::message(
                "optionsConnectedAs",
                "Connected as $1 ($2)",
                &[&user.full_name, &user.email],
            );
            dom::set_text("status", &text);
            dom::set_hidden("remove-integration", false);
            dom::set_hidden("destination", false);
        }
        None => {
            dom::set_text("status", "");
            dom::set_hidden("remove-integration", true);
            dom::set_hidden("destination", true);
        }
    }
    dom::set_input_value("owner", view.prospect_owner_email.as_deref().unwrap_or(""));
    dom::set_checked("always-review", view.always_review);
    select_destination(&view.default_destination);
}

async fn connect() {
    let key = dom::input_value("api-key").trim().to_owned();
    let email = dom::input_value("email").trim().to_owned();
    dom::set_text("alert", "");
    dom::set_disabled("add-integration", true);
    let key = match key.is_empty() {
        true => None,
        false => Some(key),
    };
    let result = ask::<SettingsView>(&wire::connect(key, &email)).await;
    dom::set_disabled("add-integration", false);
    match result {
        Ok(view) => {
            // Stored: the field is emptied, the key is never shown again.
            dom::set_input_value("api-key", "");
            dom::set_input_value("email", &view.email);
            dom::set_text("destination-alert", "");
            show_state(view).await;
        }
        Err(error) => {
            // The status may still say "Connected as …" for the stored key,
            // which is still valid: a rejected new key is never stored.
            dom::set_text("alert", &connect_failure(&error));
            if error.kind == ErrorKind::HostPermission {
                dom::set_hidden("permission", false);
            }
        }
    }
}

/// One plain-language sentence per cause, written for this page (the
/// background's wording points to "the extension options", where the user
/// already is).
fn connect_failure(error: &ErrorReply) -> String {
    match error.kind {
        ErrorKind::Unauthorized => dom::message(
            "optionsErrorUnauthorized",
            "Greenhouse did not accept this API key and email. The key must be a Candidate \
             Ingestion (Partner) API key created for purpose.jobs, and the email must be the \
             login of an active Greenhouse user.",
            &[],
        ),
        ErrorKind::Forbidden => dom::message(
            "optionsErrorForbidden",
            "Greenhouse accepted the key, but this Greenhouse user is not allowed to use it. \
             Ask a Greenhouse admin to give your user the permission to create prospects \
             (and to use the purpose.jobs key).",
            &[],
        ),
        ErrorKind::Network => dom::message(
            "optionsErrorNetwork",
            "Greenhouse could not be reached. Check your internet connection and try again.",
            &[],
        ),
        ErrorKind::Timeout => dom::message(
            "optionsErrorTimeout",
            "Greenhouse did not answer in time. Try again in a moment.",
            &[],
        ),
        ErrorKind::Server => dom::message(
            "optionsErrorServer",
            "Greenhouse had a problem on its side. Nothing was saved; try again in a few minutes.",
            &[],
        ),
        ErrorKind::HostPermission => dom::message(
            "optionsErrorHostPermission",
            "Your browser does not let the extension reach api.greenhouse.io. Allow it with the \
             button above, then add the integration again.",
            &[],
        ),
        _ => error.message.clone(),
    }
}

async fn disconnect() {
    dom::set_text("alert", "");
    dom::set_disabled("remove-integration", true);
    let result = ask::<SettingsView>(&wire::disconnect()).await;
    dom::set_disabled("remove-integration", false);
    match result {
        Ok(view) => {
            SHOWN.with(|shown| shown.replace(None));
            show_settings(&view);
            dom::set_text("destination-status", "");
            dom::set_text("destination-alert", "");
            let text = dom::message(
                "optionsRemoved",
                "The integration was removed: the API key, the settings and everything loaded from Greenhouse were deleted from this browser. The list of sent candidates and the queue are still here: Clear history deletes them.",
                &[],
            );
            dom::set_text("status", &text);
            // The same step offers the rest.
            if let Some(button) = dom::by_id::<web_sys::HtmlElement>("clear-history") {
                let _ = button.focus();
            }
        }
        Err(error) => dom::set_text("alert", &error.message),
    }
}

async fn load_destinations(refresh: bool) {
    dom::set_text("destination-alert", "");
    dom::set_text("destination-status", "");
    dom::set_disabled("refresh-destinations", true);
    let result = ask::<DestinationChoices>(&wire::get_destinations(refresh)).await;
    dom::set_disabled("refresh-destinations", false);
    match result {
        Ok(destinations) => {
            show_destinations(&destinations, &current_choice());
            let text = dom::message(
                "optionsDestinationsLoaded",
                "Jobs and prospect pools were loaded from Greenhouse.",
                &[],
            );
            dom::set_text("destination-status", &text);
        }
        Err(error) => dom::set_text("destination-alert", &error.message),
    }
}

fn show_destinations(destinations: &DestinationChoices, selected: &Destination) {
    let pools: Vec<(String, String)> = destinations
        .pools
        .iter()
        .map(|pool| (pool.id.to_string(), pool.name.clone()))
        .collect();
    let jobs: Vec<(String, String)> = destinations
        .jobs
        .iter()
        .map(|job| (job.id.to_string(), job.name.clone()))
        .collect();
    let (pool, stage, job) = match selected {
        Destination::Pool { pool_id, stage_id } => (
            Some(pool_id.to_string()),
            stage_id.map(|id| id.to_string()),
            None,
        ),
        Destination::Job { job_id } => (None, None, Some(job_id.to_string())),
        Destination::NoPool => (None, None, None),
    };
    SHOWN.with(|shown| shown.replace(Some(destinations.clone())));
    dom::fill_select("pool", &pools, pool.as_deref());
    fill_stages(stage.as_deref());
    dom::fill_select("job", &jobs, job.as_deref());
    show_note(
        "pool-note",
        pools.is_empty(),
        destinations.pools_error.as_ref(),
        "optionsNoPools",
        "Greenhouse returned no prospect pools.",
    );
    show_note(
        "job-note",
        jobs.is_empty(),
        destinations.jobs_error.as_ref(),
        "optionsNoJobs",
        "Greenhouse returned no jobs you can add candidates to.",
    );
    set_choice_enabled("destination-pool", !pools.is_empty());
    set_choice_enabled("destination-job", !jobs.is_empty());
    select_destination(selected);
}

fn show_note(id: &str, empty: bool, error: Option<&ErrorReply>, key: &str, fallback: &str) {
    let text = match (error, empty) {
        (Some(error), _) => error.message.clone(),
        (None, true) => dom::message(key, fallback, &[]),
        (None, false) => String::new(),
    };
    dom::set_text(id, &text);
    dom::set_hidden(id, text.is_empty());
}

fn set_choice_enabled(id: &str, enabled: bool) {
    if let Some(input) = dom::by_id::<web_sys::HtmlInputElement>(id) {
        input.set_disabled(!enabled);
    }
}

fn fill_stages(selected: Option<&str>) {
    let pool_id = dom::select_value("pool");
    let stages: Vec<(String, String)> = SHOWN.with(|shown| {
        shown
            .borrow()
            .as_ref()
            .and_then(|destinations| {
                destinations
                    .pools
                    .iter()
                    .find(|pool| pool.id.to_string() == pool_id)
            })
            .map(|pool| {
                pool.stages
                    .iter()
                    .map(|stage| (stage.id.to_string(), stage.name.clone()))
                    .collect()
            })
            .unwrap_or_default()
    });
    dom::fill_select("stage", &stages, selected);
}

fn select_destination(destination: &Destination) {
    let id = match destination {
        Destination::NoPool => "destination-no-pool",
        Destination::Pool { .. } => "destination-pool",
        Destination::Job { .. } => "destination-job",
    };
    dom::set_checked(id, true);
    show_destination_fields();
}

fn show_destination_fields() {
    dom::set_hidden("pool-fields", !dom::is_checked("destination-pool"));
    dom::set_hidden("job-fields", !dom::is_checked("destination-job"));
}

/// The destination the form shows right now.
fn current_choice() -> Destination {
    let id = |select: &str| dom::select_value(select).parse::<u64>().ok();
    match (
        dom::is_checked("destination-pool"),
        dom::is_checked("destination-job"),
    ) {
        (true, _) => match id("pool") {
            Some(pool_id) => Destination::Pool {
                pool_id,
                stage_id: id("stage"),
            },
            None => Destination::NoPool,
        },
        (false, true) => match id("job") {
            Some(job_id) => Destination::Job { job_id },
            None => Destination::NoPool,
        },
        (false, false) => Destination::NoPool,
    }
}

async fn save_destination() {
    dom::set_text("destination-alert", "");
    dom::set_text("destination-status", "");
    let owner = dom::input_value("owner").trim().to_owned();
    let owner = match owner.is_empty() {
        true => None,
        false => Some(owner),
    };
    let request = wire::save_settings(current_choice(), owner, dom::is_checked("always-review"));
    dom::set_disabled("save-destination", true);
    let result = ask::<SettingsView>(&request).await;
    dom::set_disabled("save-destination", false);
    match result {
        Ok(view) => {
            select_destination(&view.default_destination);
            let text = dom::message("optionsSaved", "Saved.", &[]);
            dom::set_text("destination-status", &text);
        }
        Err(error) => dom::set_text("destination-alert", &error.message),
    }
}

async fn check_permission() {
    let origins = js_sys::Array::of1(&GREENHOUSE_ORIGIN.into());
    let granted = match shim::permissions_contains(&origins) {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|granted| granted.as_bool())
            .unwrap_or(true),
        Err(_) => true,
    };
    dom::set_hidden("permission", granted);
}

fn request_permission() {
    // `permissions.request` must be called while the click is being
    // handled (a user gesture), so before any await.
    let origins = js_sys::Array::of1(&GREENHOUSE_ORIGIN.into());
    let Ok(promise) = shim::permissions_request(&origins) else {
        return;
    };
    spawn_local(async move {
        let granted = JsFuture::from(promise)
            .await
            .ok()
            .and_then(|granted| granted.as_bool())
            .unwrap_or(false);
        dom::set_hidden("permission", granted);
        match granted {
            true => dom::set_text("alert", ""),
            false => {
                let text = dom::message(
                    "optionsPermissionDenied",
                    "The permission was not granted. The extension cannot reach Greenhouse without it.",
                    &[],
                );
                dom::set_text("alert", &text);
            }
        }
    });
}

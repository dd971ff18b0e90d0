//! Helpers shared by the core's unit tests: a connected settings value, a
//! candidate body, a ledger entry, and a fixed clock.

#![allow(clippy::unwrap_used)]

use crate::greenhouse::candidate::NewCandidate;
use crate::greenhouse::requests::ApiKey;
use crate::greenhouse::responses::CurrentUser;
use crate::sending::ledger::LedgerEntry;
use crate::sending::settings::Settings;

pub(crate) const T0: u64 = 1_767_225_600_000;

pub(crate) fn connected() -> Settings {
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

pub(crate) fn candidate(external_id: &str) -> NewCandidate {
    NewCandidate {
        prospect: true,
        first_name: "Grace".into(),
        last_name: "Hopper".into(),
        external_id: external_id.into(),
        ..NewCandidate::default()
    }
}

pub(crate) fn ledger_entry(external_id: &str, id: u64, at: u64) -> LedgerEntry {
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

//! The recruiter's settings as kept in extension storage, the key-free view
//! of them the options page gets, and how a destination shapes a
//! `NewCandidate`.
//!
//! [`Settings`] is the only type that holds the API key next to the rest;
//! it is serialized into extension storage and nowhere else. Every reply
//! uses [`SettingsView`] (or a narrower type), which has no field a key could
//! travel in. Nothing here performs I/O or reads a clock.

use serde::{Deserialize, Serialize};

use crate::contract::error_reply::{field_label, ErrorKind, ErrorReply, Text};
use crate::greenhouse::candidate::NewCandidate;
use crate::greenhouse::error::{ApiError, Situation};
use crate::greenhouse::requests::{ApiKey, Credentials};
use crate::greenhouse::responses::{CurrentUser, Job, ProspectPool};

/// Everything the extension remembers about its connection and preferences.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The Candidate Ingestion API key; `None` until a key was validated.
    /// Stored, never replied.
    pub api_key: Option<ApiKey>,
    /// The recruiter's Greenhouse login, sent as `On-Behalf-Of`.
    pub email: String,
    /// Who the key and email resolved to when they were validated, cached so
    /// a send needs no `current_user` round trip.
    pub connected_user: Option<UserSummary>,
    /// Where a send goes unless the review form says otherwise.
    pub default_destination: Destination,
    /// Greenhouse user who owns new prospects, when not the sender.
    pub prospect_owner_email: Option<String>,
    /// Whether "Send to Greenhouse" always opens the review form first.
    pub always_review: bool,
    /// Jobs and prospect pools as last loaded from Greenhouse.
    pub destinations: Option<Destinations>,
}

/// The part of a Greenhouse user the extension keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    /// Greenhouse user id.
    pub id: u64,
    /// Name to show ("Connected as …", "Credited to …").
    pub full_name: String,
    /// Login email.
    pub email: String,
}

impl From<&CurrentUser> for UserSummary {
    fn from(user: &CurrentUser) -> Self {
        UserSummary {
            id: user.id,
            full_name: user.display_name(),
            email: user.email.clone(),
        }
    }
}

/// Where a new prospect or candidate lands in Greenhouse.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Destination {
    /// A prospect in "Prospects Without a Pool" (the default).
    #[default]
    NoPool,
    /// A prospect in a prospect pool, optionally at a given stage.
    Pool {
        /// `prospect_pool_id`.
        pool_id: u64,
        /// `prospect_pool_stage_id`; `null` lets Greenhouse pick.
        #[serde(default)]
        stage_id: Option<u64>,
    },
    /// A candidate on a job (`prospect: false`).
    Job {
        /// `job_id`.
        job_id: u64,
    },
}

/// Jobs and prospect pools the recruiter can choose from, as loaded from
/// Greenhouse.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Destinations {
    /// Jobs (`GET jobs`).
    pub jobs: Vec<Job>,
    /// Prospect pools with their stages (`GET prospect_pools`).
    pub pools: Vec<ProspectPool>,
    /// Why the jobs could not be loaded, when they could not (e.g. 403).
    pub jobs_error: Option<ErrorReply>,
    /// Why the pools could not be loaded, when they could not.
    pub pools_error: Option<ErrorReply>,
    /// When they were loaded (milliseconds since the Unix epoch).
    pub fetched_at_ms: u64,
}

/// The settings as the options page and popup see them: no key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    /// Whether a validated key is stored.
    pub has_api_key: bool,
    /// The stored email (possibly set while not connected).
    pub email: String,
    /// The connected Greenhouse user, `null` when not connected.
    pub connected_user: Option<UserSummary>,
    /// The default destination.
    pub default_destination: Destination,
    /// The prospect owner email, `null` when none.
    pub prospect_owner_email: Option<String>,
    /// Whether sends always open the review form.
    pub always_review: bool,
}

impl Settings {
    /// The credentials requests are made with; `None` when not connected.
    pub fn credentials(&self) -> Option<Credentials> {
        match (&self.api_key, self.email.trim()) {
            (Some(key), email) if !key.is_empty() && !email.is_empty() => Some(Credentials {
                api_key: key.clone(),
                on_behalf_of: email.to_owned(),
            }),
            _ => None,
        }
    }

    /// Whether a validated key and user are stored.
    pub fn is_connected(&self) -> bool {
        self.credentials().is_some() && self.connected_user.is_some()
    }

    /// The view without the key.
    pub fn view(&self) -> SettingsView {
        SettingsView {
            has_api_key: self.api_key.is_some(),
            email: self.email.clone(),
            connected_user: self.connected_user.clone(),
            default_destination: self.default_destination.clone(),
            prospect_owner_email: self.prospect_owner_email.clone(),
            always_review: self.always_review,
        }
    }

    /// The credentials to validate for a `Connect` request: the new key, or
    /// the stored one when `api_key` is `None` ("keep the stored key"), with
    /// the given email. Refused with a validation error naming `api_key` or
    /// `email` when one is missing or malformed. Nothing is stored yet: see
    /// [`Settings::connected`].
    pub fn credentials_to_validate(
        &self,
        api_key: Option<&ApiKey>,
        email: &str,
    ) -> Result<Credentials, ErrorReply> {
        let email = email.trim();
        if !is_plausible_email(email) {
            return Err(invalid_setting("email"));
        }
        match api_key.or(self.api_key.as_ref()) {
            Some(key) if is_plausible_key(key) => Ok(Credentials {
                api_key: key.clone(),
                on_behalf_of: email.to_owned(),
            }),
            _ => Err(invalid_setting("api_key")),
        }
    }

    /// Stores credentials Greenhouse accepted (`GET current_user` succeeded)
    /// with the user they resolved to. A new key also drops the cached
    /// destinations, which may belong to another organization.
    pub fn connected(&mut self, credentials: Credentials, user: &CurrentUser) {
        if self.api_key.as_ref() != Some(&credentials.api_key) {
            self.destinations = None;
        }
        self.api_key = Some(credentials.api_key);
        self.email = credentials.on_behalf_of;
        self.connected_user = Some(UserSummary::from(user));
    }

    /// "Remove integration": forgets the key and everything that came from
    /// Greenhouse (user, jobs, pools, and a destination that names them).
    /// The email and the review preference stay, as typed by the user.
    pub fn disconnect(&mut self) {
        self.api_key = None;
        self.connected_user = None;
        self.destinations = None;
        self.default_destination = Destination::NoPool;
        self.prospect_owner_email = None;
    }

    /// Applies a `SaveSettings` request. The owner email must look like an
    /// email (empty means none); a pool stage must belong to its pool and a
    /// job or pool must exist, as far as the cached destinations tell.
    pub fn save(
        &mut self,
        default_destination: Destination,
        prospect_owner_email: Option<&str>,
        always_review: bool,
    ) -> Result<(), ErrorReply> {
        let owner = prospect_owner_email
            .map(str::trim)
            .filter(|email| !email.is_empty());
        if let Some(owner) = owner {
            if !is_plausible_email(owner) {
                return Err(invalid_setting("prospect_owner_email"));
            }
        }
        if let Some(destinations) = &self.destinations {
            if !destinations.contains(&default_destination) {
                return Err(invalid_setting("default_destination"));
            }
        }
        self.default_destination = default_destination;
        self.prospect_owner_email = owner.map(str::to_owned);
        self.always_review = always_review;
        Ok(())
    }

    /// The cached destinations, unless `refresh` asks for new ones or there
    /// are none; `None` means the adapter must load them.
    pub fn cached_destinations(&self, refresh: bool) -> Option<&Destinations> {
        match refresh {
            true => None,
            false => self.destinations.as_ref(),
        }
    }
}

impl Destinations {
    /// Combines the answers to `GET jobs` and `GET prospect_pools`. One list
    /// failing leaves it empty with its reason; both failing is an error
    /// (the jobs' reason, worded for a request made right now).
    pub fn from_results(
        jobs: Result<Vec<Job>, ApiError>,
        pools: Result<Vec<ProspectPool>, ApiError>,
        now_ms: u64,
    ) -> Result<Destinations, ErrorReply> {
        match (jobs, pools) {
            (Err(jobs), Err(_)) => Err(jobs.reply(Situation::Request)),
            (jobs, pools) => {
                let (jobs, jobs_error) = split(jobs);
                let (pools, pools_error) = split(pools);
                Ok(Destinations {
                    jobs,
                    pools,
                    jobs_error,
                    pools_error,
                    fetched_at_ms: now_ms,
                })
            }
        }
    }

    /// Whether `destination` names a job, pool and stage in these lists
    /// (always true for [`Destination::NoPool`]).
    pub fn contains(&self, destination: &Destination) -> bool {
        match destination {
            Destination::NoPool => true,
            Destination::Job { job_id } => self.jobs.iter().any(|job| job.id == *job_id),
            Destination::Pool { pool_id, stage_id } => self.pools.iter().any(|pool| {
                pool.id == *pool_id
                    && stage_id.is_none_or(|stage| pool.stages.iter().any(|s| s.id == stage))
            }),
        }
    }
}

fn split<T>(result: Result<Vec<T>, ApiError>) -> (Vec<T>, Option<ErrorReply>) {
    match result {
        Ok(items) => (items, None),
        Err(error) => (Vec::new(), Some(error.reply(Situation::Request))),
    }
}

/// Shapes `candidate` for `destination`: a job makes it a candidate on that
/// job (`prospect: false`, `job_id`, no pool, no prospect owner since
/// Greenhouse only accepts one on prospects); a pool makes it a prospect in
/// that pool and stage; no pool makes it a prospect in "Prospects Without a
/// Pool". `prospect_owner_email` (empty means none) applies to prospects.
pub fn apply_destination(
    mut candidate: NewCandidate,
    destination: &Destination,
    prospect_owner_email: Option<&str>,
) -> NewCandidate {
    let owner = prospect_owner_email
        .map(str::trim)
        .filter(|email| !email.is_empty())
        .map(str::to_owned);
    match destination {
        Destination::NoPool => {
            candidate.prospect = true;
            candidate.job_id = None;
            candidate.prospect_pool_id = None;
            candidate.prospect_pool_stage_id = None;
            candidate.prospect_owner_email = owner;
        }
        Destination::Pool { pool_id, stage_id } => {
            candidate.prospect = true;
            candidate.job_id = None;
            candidate.prospect_pool_id = Some(*pool_id);
            candidate.prospect_pool_stage_id = *stage_id;
            candidate.prospect_owner_email = owner;
        }
        Destination::Job { job_id } => {
            candidate.prospect = false;
            candidate.job_id = Some(*job_id);
            candidate.prospect_pool_id = None;
            candidate.prospect_pool_stage_id = None;
            candidate.prospect_owner_email = None;
        }
    }
    candidate
}

/// A setting refused on the options page, naming the field.
pub fn invalid_setting(field: &str) -> ErrorReply {
    ErrorReply {
        kind: ErrorKind::Validation,
        message: Text::InvalidSetting.sentence(&[&field_label(field)]),
        field: Some(field.to_owned()),
        advice: None,
    }
}

/// One `@` with text on both sides, no whitespace or control characters:
/// enough to catch typos and header injection; Greenhouse judges the rest.
fn is_plausible_email(email: &str) -> bool {
    let mut parts = email.split('@');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) => {
            !local.is_empty()
                && !domain.is_empty()
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        _ => false,
    }
}

/// Printable ASCII without spaces: a key pasted with anything else would
/// break the `Authorization` header.
fn is_plausible_key(key: &ApiKey) -> bool {
    !key.is_empty() && key.expose().chars().all(|c| c.is_ascii_graphic())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::greenhouse::responses::PoolStage;

    fn candidate() -> NewCandidate {
        NewCandidate {
            prospect: true,
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            external_id: "pj-1".into(),
            // Stale values from an earlier choice must not survive.
            job_id: Some(99),
            prospect_pool_id: Some(98),
            prospect_pool_stage_id: Some(97),
            prospect_owner_email: Some("old@example.com".into()),
            ..NewCandidate::default()
        }
    }

    fn user() -> CurrentUser {
        CurrentUser {
            id: 4080,
            full_name: "Ada Lovelace".into(),
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            email: "ada@example.com".into(),
        }
    }

    fn destinations() -> Destinations {
        Destinations {
            jobs: vec![Job {
                id: 5,
                name: "Engineer".into(),
                status: "open".into(),
                public: true,
            }],
            pools: vec![ProspectPool {
                id: 10,
                name: "Engineering".into(),
                stages: vec![PoolStage {
                    id: 101,
                    name: "New".into(),
                }],
            }],
            ..Destinations::default()
        }
    }

    #[test]
    fn destinations_shape_the_candidate() {
        type Expected = (
            bool,
            Option<u64>,
            Option<u64>,
            Option<u64>,
            Option<&'static str>,
        );
        let cases: [(Destination, Option<&str>, Expected); 6] = [
            (Destination::NoPool, None, (true, None, None, None, None)),
            (
                Destination::NoPool,
                Some(" owner@example.com "),
                (true, None, None, None, Some("owner@example.com")),
            ),
            (
                Destination::NoPool,
                Some("  "),
                (true, None, None, None, None),
            ),
            (
                Destination::Pool {
                    pool_id: 10,
                    stage_id: Some(101),
                },
                Some("owner@example.com"),
                (true, None, Some(10), Some(101), Some("owner@example.com")),
            ),
            (
                Destination::Pool {
                    pool_id: 10,
                    stage_id: None,
                },
                None,
                (true, None, Some(10), None, None),
            ),
            (
                Destination::Job { job_id: 5 },
                Some("owner@example.com"),
                (false, Some(5), None, None, None),
            ),
        ];
        for (destination, owner, expected) in cases {
            let shaped = apply_destination(candidate(), &destination, owner);
            let got = (
                shaped.prospect,
                shaped.job_id,
                shaped.prospect_pool_id,
                shaped.prospect_pool_stage_id,
                shaped.prospect_owner_email.as_deref(),
            );
            assert_eq!(got, expected, "{destination:?} {owner:?}");
            assert_eq!(shaped.external_id, "pj-1");
            assert_eq!(shaped.last_name, "Lovelace");
        }
    }

    #[test]
    fn destination_wire_format() {
        let cases = [
            (Destination::NoPool, r#"{"kind":"no_pool"}"#),
            (
                Destination::Pool {
                    pool_id: 10,
                    stage_id: Some(101),
                },
                r#"{"kind":"pool","pool_id":10,"stage_id":101}"#,
            ),
            (
                Destination::Pool {
                    pool_id: 10,
                    stage_id: None,
                },
                r#"{"kind":"pool","pool_id":10,"stage_id":null}"#,
            ),
            (
                Destination::Job { job_id: 5 },
                r#"{"kind":"job","job_id":5}"#,
            ),
        ];
        for (destination, json) in cases {
            assert_eq!(serde_json::to_string(&destination).unwrap(), json);
            assert_eq!(
                serde_json::from_str::<Destination>(json).unwrap(),
                destination
            );
        }
        let without_stage: Destination =
            serde_json::from_str(r#"{"kind":"pool","pool_id":3}"#).unwrap();
        assert_eq!(
            without_stage,
            Destination::Pool {
                pool_id: 3,
                stage_id: None
            }
        );
    }

    #[test]
    fn connecting_validates_before_storing() {
        let settings = Settings::default();
        let key = ApiKey::new("abc123");
        let blank = ApiKey::new("  ");
        let spaced = ApiKey::new("ab c");
        let cases: [(Option<&ApiKey>, &str, Result<&str, &str>); 7] = [
            (Some(&key), "ada@example.com", Ok("abc123")),
            (Some(&key), " ada@example.com ", Ok("abc123")),
            (None, "ada@example.com", Err("api_key")),
            (Some(&blank), "ada@example.com", Err("api_key")),
            (Some(&spaced), "ada@example.com", Err("api_key")),
            (Some(&key), "ada", Err("email")),
            (Some(&key), "ada@example.com\r\nX: y", Err("email")),
        ];
        for (key, email, expected) in cases {
            let got = settings.credentials_to_validate(key, email);
            match (got, expected) {
                (Ok(credentials), Ok(key)) => {
                    assert_eq!(credentials.api_key.expose(), key);
                    assert_eq!(credentials.on_behalf_of, "ada@example.com");
                }
                (Err(reply), Err(field)) => {
                    assert_eq!(reply.field.as_deref(), Some(field), "{email}");
                    assert_eq!(reply.kind, ErrorKind::Validation);
                    assert!(
                        reply.message.contains("extension options"),
                        "{}",
                        reply.message
                    );
                }
                (got, expected) => panic!("{email}: got {got:?}, expected {expected:?}"),
            }
        }
    }

    #[test]
    fn none_keeps_the_stored_key() {
        let mut settings = Settings::default();
        let credentials = settings
            .credentials_to_validate(Some(&ApiKey::new("abc123")), "ada@example.com")
            .unwrap();
        settings.connected(credentials, &user());
        let again = settings
            .credentials_to_validate(None, "grace@example.com")
            .unwrap();
        assert_eq!(again.api_key.expose(), "abc123");
        assert_eq!(again.on_behalf_of, "grace@example.com");
    }

    #[test]
    fn connect_then_disconnect() {
        let mut settings = Settings {
            destinations: Some(destinations()),
            default_destination: Destination::Job { job_id: 5 },
            always_review: true,
            ..Settings::default()
        };
        assert!(!settings.is_connected());
        assert_eq!(settings.credentials(), None);
        let credentials = settings
            .credentials_to_validate(Some(&ApiKey::new("abc123")), "ada@example.com")
            .unwrap();
        settings.connected(credentials.clone(), &user());
        assert!(settings.is_connected());
        assert_eq!(settings.credentials(), Some(credentials));
        // A new key: destinations from before are dropped.
        assert_eq!(settings.destinations, None);
        assert_eq!(
            settings.connected_user,
            Some(UserSummary {
                id: 4080,
                full_name: "Ada Lovelace".into(),
                email: "ada@example.com".into()
            })
        );
        settings.destinations = Some(destinations());
        settings.disconnect();
        assert!(!settings.is_connected());
        assert_eq!(settings.api_key, None);
        assert_eq!(settings.connected_user, None);
        assert_eq!(settings.destinations, None);
        assert_eq!(settings.default_destination, Destination::NoPool);
        assert_eq!(settings.email, "ada@example.com");
        assert!(settings.always_review);
    }

    #[test]
    fn reconnecting_with_the_same_key_keeps_destinations() {
        let mut settings = Settings::default();
        let credentials = settings
            .credentials_to_validate(Some(&ApiKey::new("abc123")), "ada@example.com")
            .unwrap();
        settings.connected(credentials.clone(), &user());
        settings.destinations = Some(destinations());
        settings.connected(credentials, &user());
        assert_eq!(settings.destinations, Some(destinations()));
    }

    #[test]
    fn saving_checks_owner_and_destination() {
        let cases = [
            (Destination::NoPool, None, Ok(None)),
            (Destination::NoPool, Some(""), Ok(None)),
            (Destination::NoPool, Some(" o@x.com "), Ok(Some("o@x.com"))),
            (
                Destination::NoPool,
                Some("not an email"),
                Err("prospect_owner_email"),
            ),
            (Destination::Job { job_id: 5 }, None, Ok(None)),
            (
                Destination::Job { job_id: 6 },
                None,
                Err("default_destination"),
            ),
            (
                Destination::Pool {
                    pool_id: 10,
                    stage_id: Some(101),
                },
                None,
                Ok(None),
            ),
            (
                Destination::Pool {
                    pool_id: 10,
                    stage_id: None,
                },
                None,
                Ok(None),
            ),
            (
                Destination::Pool {
                    pool_id: 10,
                    stage_id: Some(999),
                },
                None,
                Err("default_destination"),
            ),
            (
                Destination::Pool {
                    pool_id: 11,
                    stage_id: None,
                },
                None,
                Err("default_destination"),
            ),
        ];
        for (destination, owner, expected) in cases {
            let mut settings = Settings {
                destinations: Some(destinations()),
                ..Settings::default()
            };
            let result = settings.save(destination.clone(), owner, true);
            match expected {
                Ok(owner) => {
                    assert_eq!(result, Ok(()), "{destination:?}");
                    assert_eq!(settings.default_destination, destination);
                    assert_eq!(settings.prospect_owner_email.as_deref(), owner);
                    assert!(settings.always_review);
                }
                Err(field) => {
                    assert_eq!(result.unwrap_err().field.as_deref(), Some(field));
                    assert_eq!(
                        settings,
                        Settings {
                            destinations: Some(destinations()),
                            ..Settings::default()
                        }
                    );
                }
            }
        }
    }

    #[test]
    fn without_cached_destinations_any_id_is_accepted() {
        let mut settings = Settings::default();
        assert_eq!(
            settings.save(Destination::Job { job_id: 77 }, None, false),
            Ok(())
        );
    }

    #[test]
    fn destinations_from_partial_results() {
        let jobs = destinations().jobs;
        let pools = destinations().pools;
        let both = Destinations::from_results(Ok(jobs.clone()), Ok(pools.clone()), 42).unwrap();
        assert_eq!(
            (both.jobs.len(), both.pools.len(), both.fetched_at_ms),
            (1, 1, 42)
        );
        assert_eq!((both.jobs_error, both.pools_error), (None, None));

        let no_pools =
            Destinations::from_results(Ok(jobs.clone()), Err(ApiError::Forbidden), 42).unwrap();
        assert_eq!(no_pools.jobs, jobs);
        assert!(no_pools.pools.is_empty());
        assert_eq!(
            no_pools.pools_error.map(|e| e.kind),
            Some(ErrorKind::Forbidden)
        );

        let no_jobs = Destinations::from_results(Err(ApiError::Network), Ok(pools), 42).unwrap();
        assert_eq!(no_jobs.jobs_error.map(|e| e.kind), Some(ErrorKind::Network));

        let neither = Destinations::from_results(
            Err(ApiError::Unauthorized),
            Err(ApiError::Unauthorized),
            42,
        );
        assert_eq!(neither.unwrap_err().kind, ErrorKind::Unauthorized);
    }

    #[test]
    fn cached_destinations_unless_refresh() {
        let settings = Settings {
            destinations: Some(destinations()),
            ..Settings::default()
        };
        assert_eq!(settings.cached_destinations(false), Some(&destinations()));
        assert_eq!(settings.cached_destinations(true), None);
        assert_eq!(Settings::default().cached_destinations(false), None);
    }

    #[test]
    fn stored_settings_keep_the_key_but_the_view_does_not() {
        let mut settings = Settings::default();
        let credentials = settings
            .credentials_to_validate(Some(&ApiKey::new("SECRET-KEY-123")), "ada@example.com")
            .unwrap();
        settings.connected(credentials, &user());
        let stored = serde_json::to_string(&settings).unwrap();
        assert!(stored.contains("SECRET-KEY-123"));
        let back: Settings = serde_json::from_str(&stored).unwrap();
        assert_eq!(back, settings);
        let view = serde_json::to_string(&settings.view()).unwrap();
        assert!(!view.contains("SECRET-KEY-123"), "{view}");
        assert!(settings.view().has_api_key);
        assert!(!format!("{settings:?}").contains("SECRET-KEY-123"));
    }

    #[test]
    fn older_or_partial_storage_still_loads() {
        let settings: Settings = serde_json::from_str(r#"{"email":"a@b.c"}"#).unwrap();
        assert_eq!(settings.email, "a@b.c");
        assert_eq!(settings.default_destination, Destination::NoPool);
        let empty: Settings = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, Settings::default());
    }
}

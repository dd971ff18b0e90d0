//! Interpretation of Greenhouse's answers: success bodies parsed leniently,
//! everything else mapped to an [`ApiError`].
//!
//! Greenhouse adds properties at will and reports missing values as `null`,
//! so parsing here ignores unknown fields, accepts `null` (and absence)
//! wherever a value may be missing, accepts ids written as strings, and
//! leaves out list items that lack an id rather than failing the whole list.
//! Only a body that is not the promised JSON at all is a
//! [`ApiError::BadResponse`]. Nothing here performs I/O or reads a clock.

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::error::{from_response, ApiError};
use super::http::HttpResponse;

/// The Greenhouse user the key and `On-Behalf-Of` email resolve to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// Greenhouse user id.
    #[serde(deserialize_with = "id")]
    pub id: u64,
    /// Full name as Greenhouse shows it (empty when `null`).
    #[serde(default, deserialize_with = "text")]
    pub full_name: String,
    /// First name (empty when `null`).
    #[serde(default, deserialize_with = "text")]
    pub first_name: String,
    /// Last name (empty when `null`).
    #[serde(default, deserialize_with = "text")]
    pub last_name: String,
    /// Login email (empty when `null`).
    #[serde(default, deserialize_with = "text")]
    pub email: String,
}

impl CurrentUser {
    /// The name to show: `full_name`, else first and last name, else email.
    pub fn display_name(&self) -> String {
        let joined = format!("{} {}", self.first_name.trim(), self.last_name.trim());
        let name = [self.full_name.trim(), joined.trim(), self.email.trim()]
            .into_iter()
            .find(|name| !name.is_empty())
            .unwrap_or_default()
            .to_owned();
        name
    }
}

/// A job a candidate can be added to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// Greenhouse job id (`job_id` in a `NewCandidate`).
    #[serde(deserialize_with = "id")]
    pub id: u64,
    /// Job name.
    #[serde(default, deserialize_with = "text")]
    pub name: String,
    /// Job status, e.g. `"open"` (empty when `null`).
    #[serde(default, deserialize_with = "text")]
    pub status: String,
    /// Whether the job is on the public job board (`false` when `null`).
    #[serde(default, deserialize_with = "flag")]
    pub public: bool,
}

/// A prospect pool with its stages, in Greenhouse's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProspectPool {
    /// Pool id (`prospect_pool_id`).
    #[serde(deserialize_with = "id")]
    pub id: u64,
    /// Pool name.
    #[serde(default, deserialize_with = "text")]
    pub name: String,
    /// Stages in order (empty when `null`).
    #[serde(default, deserialize_with = "list")]
    pub stages: Vec<PoolStage>,
}

/// A stage of a prospect pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolStage {
    /// Stage id (`prospect_pool_stage_id`).
    #[serde(deserialize_with = "id")]
    pub id: u64,
    /// Stage name.
    #[serde(default, deserialize_with = "text")]
    pub name: String,
}

/// What `POST candidates` answers for each created candidate or prospect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedCandidate {
    /// Greenhouse candidate id.
    #[serde(deserialize_with = "id")]
    pub id: u64,
    /// The application (or prospect application) id, when given.
    #[serde(default, deserialize_with = "optional_id")]
    pub application_id: Option<u64>,
    /// The `external_id` that was sent (empty when `null`).
    #[serde(default, deserialize_with = "text")]
    pub external_id: String,
    /// Link to the candidate in Greenhouse, for "View in Greenhouse".
    #[serde(default, deserialize_with = "optional_text")]
    pub profile_url: Option<String>,
}

/// A candidate as `GET candidates?candidate_ids=` returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateStatus {
    /// Greenhouse candidate id.
    #[serde(deserialize_with = "id")]
    pub id: u64,
    /// Candidate name (empty when `null`).
    #[serde(default, deserialize_with = "text")]
    pub name: String,
    /// The Purpose Jobs candidate id it was created with (empty when `null`).
    #[serde(default, deserialize_with = "text")]
    pub external_id: String,
    /// Applications and prospect applications (empty when `null`).
    #[serde(default, deserialize_with = "list")]
    pub applications: Vec<ApplicationStatus>,
}

/// One application of a [`CandidateStatus`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationStatus {
    /// Application id, when given.
    #[serde(default, deserialize_with = "optional_id")]
    pub id: Option<u64>,
    /// Job name; `null` for a prospect on no job. Accepted as a string or as
    /// an object with a `name`.
    #[serde(default, deserialize_with = "optional_name")]
    pub job: Option<String>,
    /// Status as Greenhouse words it (`active`, `rejected`, `hired`).
    #[serde(default, deserialize_with = "optional_text")]
    pub status: Option<String>,
    /// Current stage name. Accepted as a string or an object with a `name`.
    #[serde(default, deserialize_with = "optional_name")]
    pub stage: Option<String>,
    /// Link to the application in Greenhouse.
    #[serde(default, deserialize_with = "optional_text")]
    pub profile_url: Option<String>,
}

/// What an application's `status` means, compared case-insensitively
/// (Greenhouse's table writes `active`, its example `"Active"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationState {
    /// `active`.
    Active,
    /// `rejected`.
    Rejected,
    /// `hired`.
    Hired,
    /// `converted` (a prospect made a candidate).
    Converted,
    /// Anything else, or no status.
    Other,
}

impl ApplicationStatus {
    /// The status as an [`ApplicationState`] (case and surrounding
    /// whitespace ignored). Show the recruiter [`ApplicationStatus::status`]
    /// itself, as Greenhouse words it.
    pub fn state(&self) -> ApplicationState {
        ApplicationState::of(self.status.as_deref())
    }
}

impl ApplicationState {
    /// The state a status word names (case and surrounding whitespace
    /// ignored); [`ApplicationState::Other`] for any other word or none.
    pub fn of(status: Option<&str>) -> ApplicationState {
        let status = status.unwrap_or_default().trim();
        [
            ("active", ApplicationState::Active),
            ("rejected", ApplicationState::Rejected),
            ("hired", ApplicationState::Hired),
            ("converted", ApplicationState::Converted),
        ]
        .into_iter()
        .find(|(word, _)| status.eq_ignore_ascii_case(word))
        .map_or(ApplicationState::Other, |(_, state)| state)
    }
}

/// `GET current_user`.
pub fn interpret_current_user(
    response: &HttpResponse,
    now_ms: u64,
) -> Result<CurrentUser, ApiError> {
    object(response, now_ms)
}

/// `GET jobs`.
pub fn interpret_jobs(response: &HttpResponse, now_ms: u64) -> Result<Vec<Job>, ApiError> {
    array(response, now_ms)
}

/// `GET prospect_pools`.
pub fn interpret_prospect_pools(
    response: &HttpResponse,
    now_ms: u64,
) -> Result<Vec<ProspectPool>, ApiError> {
    array(response, now_ms)
}

/// `POST candidates` with one object body. A one-element array is accepted
/// too.
pub fn interpret_created_candidate(
    response: &HttpResponse,
    now_ms: u64,
) -> Result<CreatedCandidate, ApiError> {
    let value = json(response, now_ms)?;
    let value = match value {
        serde_json::Value::Array(mut items) if items.len() == 1 => items.remove(0),
        other => other,
    };
    serde_json::from_value(value).map_err(|_| ApiError::BadResponse)
}

/// `POST candidates` with an array body: one entry per candidate sent, in
/// the same order. Unlike other lists, an entry without an id makes the
/// whole answer a `BadResponse`, since the order would no longer match.
pub fn interpret_created_candidates(
    response: &HttpResponse,
    now_ms: u64,
) -> Result<Vec<CreatedCandidate>, ApiError> {
    let value = json(response, now_ms)?;
    serde_json::from_value(value).map_err(|_| ApiError::BadResponse)
}

/// `GET candidates?candidate_ids=`: possibly fewer entries than ids asked
/// for, possibly none. Greenhouse's documentation disagrees with itself on
/// the shape (its table says an array, its example answers one id with ONE
/// object, its text mentions an empty answer for an id that is not
/// visible): an array, one object, an empty body and `null` are all read.
pub fn interpret_candidates(
    response: &HttpResponse,
    now_ms: u64,
) -> Result<Vec<CandidateStatus>, ApiError> {
    if response.is_success() && response.body.trim().is_empty() {
        return Ok(Vec::new());
    }
    match json(response, now_ms)? {
        serde_json::Value::Array(items) => Ok(usable_items(items)),
        serde_json::Value::Null => Ok(Vec::new()),
        object @ serde_json::Value::Object(_) => Ok(usable_items(vec![object])),
        _ => Err(ApiError::BadResponse),
    }
}

fn json(response: &HttpResponse, now_ms: u64) -> Result<serde_json::Value, ApiError> {
    match response.is_success() {
        true => serde_json::from_str(&response.body).map_err(|_| ApiError::BadResponse),
        false => Err(from_response(response, now_ms)),
    }
}

fn object<T: DeserializeOwned>(response: &HttpResponse, now_ms: u64) -> Result<T, ApiError> {
    serde_json::from_value(json(response, now_ms)?).map_err(|_| ApiError::BadResponse)
}

fn array<T: DeserializeOwned>(response: &HttpResponse, now_ms: u64) -> Result<Vec<T>, ApiError> {
    match json(response, now_ms)? {
        serde_json::Value::Array(items) => Ok(usable_items(items)),
        _ => Err(ApiError::BadResponse),
    }
}

fn usable_items<T: DeserializeOwned>(items: Vec<serde_json::Value>) -> Vec<T> {
    items
        .into_iter()
        .filter_map(|item| serde_json::from_value(item).ok())
        .collect()
}

// Lenient field deserializers.

fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    optional_id(deserializer)?.ok_or_else(|| de::Error::custom("missing id"))
}

fn optional_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    struct IdVisitor;
    impl<'de> Visitor<'de> for IdVisitor {
        type Value = Option<u64>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a non-negative integer id, a string of digits, or null")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            u64::try_from(v).map(Some).map_err(E::custom)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            v.trim().parse().map(Some).map_err(E::custom)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(IdVisitor)
        }
    }
    deserializer.deserialize_any(IdVisitor)
}

fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(optional_text(deserializer)?.unwrap_or_default())
}

/// A string, a number written as text, or `null`.
fn optional_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(
        match Option::<serde_json::Value>::deserialize(deserializer)? {
            Some(serde_json::Value::String(text)) => Some(text),
            Some(serde_json::Value::Number(number)) => Some(number.to_string()),
            Some(serde_json::Value::Bool(flag)) => Some(flag.to_string()),
            _ => None,
        },
    )
}

/// A name given as a string or as an object with a `name`, or `null`.
fn optional_name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(
        match Option::<serde_json::Value>::deserialize(deserializer)? {
            Some(serde_json::Value::String(text)) => Some(text),
            Some(serde_json::Value::Object(map)) => match map.get("name") {
                Some(serde_json::Value::String(name)) => Some(name.clone()),
                _ => None,
            },
            _ => None,
        },
    )
}

fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(matches!(
        Option::<serde_json::Value>::deserialize(deserializer)?,
        Some(serde_json::Value::Bool(true))
    ))
}

fn list<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    Ok(
        match Option::<serde_json::Value>::deserialize(deserializer)? {
            Some(serde_json::Value::Array(items)) => usable_items(items),
            _ => Vec::new(),
        },
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const NOW_MS: u64 = 1_767_225_600_000;

    fn ok(body: &str) -> HttpResponse {
        HttpResponse {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into(),
        }
    }

    fn status(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    fn user(id: u64, full_name: &str, first: &str, last: &str, email: &str) -> CurrentUser {
        CurrentUser {
            id,
            full_name: full_name.into(),
            first_name: first.into(),
            last_name: last.into(),
            email: email.into(),
        }
    }

    #[test]
    fn current_user_bodies() {
        let cases = [
            (
                r#"{"id":4080,"full_name":"Ada Lovelace","first_name":"Ada","last_name":"Lovelace","email":"ada@example.com"}"#,
                Ok(user(
                    4080,
                    "Ada Lovelace",
                    "Ada",
                    "Lovelace",
                    "ada@example.com",
                )),
            ),
            (
                r#"{"id":"4080","full_name":null,"first_name":null,"last_name":null,"email":null,"new_field":{"x":1}}"#,
                Ok(user(4080, "", "", "", "")),
            ),
            (r#"{"id":7}"#, Ok(user(7, "", "", "", ""))),
            (
                r#"{"id":null,"full_name":"Ada"}"#,
                Err(ApiError::BadResponse),
            ),
            (r#"{"id":-1}"#, Err(ApiError::BadResponse)),
            (r#"[]"#, Err(ApiError::BadResponse)),
            ("<html>oops</html>", Err(ApiError::BadResponse)),
            ("", Err(ApiError::BadResponse)),
        ];
        for (body, expected) in cases {
            assert_eq!(
                interpret_current_user(&ok(body), NOW_MS),
                expected,
                "{body}"
            );
        }
    }

    #[test]
    fn failures_map_through_the_error_table() {
        let cases = [
            (401, ApiError::Unauthorized),
            (403, ApiError::Forbidden),
            (500, ApiError::Server { status: 500 }),
        ];
        for (code, expected) in cases {
            let response = status(code, r#"{"errors":[{"message":"no"}]}"#);
            assert_eq!(
                interpret_current_user(&response, NOW_MS),
                Err(expected.clone())
            );
            assert_eq!(interpret_jobs(&response, NOW_MS), Err(expected.clone()));
            assert_eq!(
                interpret_prospect_pools(&response, NOW_MS),
                Err(expected.clone())
            );
            assert_eq!(
                interpret_created_candidate(&response, NOW_MS),
                Err(expected.clone())
            );
            assert_eq!(
                interpret_created_candidates(&response, NOW_MS),
                Err(expected.clone())
            );
            assert_eq!(interpret_candidates(&response, NOW_MS), Err(expected));
        }
    }

    #[test]
    fn display_name_falls_back() {
        let cases = [
            (user(1, "Ada Lovelace", "A", "L", "a@x"), "Ada Lovelace"),
            (user(1, " ", "Ada", "Lovelace", "a@x"), "Ada Lovelace"),
            (user(1, "", "Ada", "", "a@x"), "Ada"),
            (user(1, "", "", "", "a@x"), "a@x"),
            (user(1, "", "", "", ""), ""),
        ];
        for (user, expected) in cases {
            assert_eq!(user.display_name(), expected, "{user:?}");
        }
    }

    #[test]
    fn jobs_bodies() {
        let job = |id, name: &str, status: &str, public| Job {
            id,
            name: name.into(),
            status: status.into(),
            public,
        };
        let cases = [
            (
                r#"[{"id":1,"name":"Engineer","status":"open","public":true},{"id":2,"name":"Designer","status":"open","public":false,"extra":[]}]"#,
                Ok(vec![
                    job(1, "Engineer", "open", true),
                    job(2, "Designer", "open", false),
                ]),
            ),
            (
                r#"[{"id":3,"name":null,"status":null,"public":null},{"id":null,"name":"No id"},{"name":"Also no id"},"junk",{"id":"4","name":"Four"}]"#,
                Ok(vec![job(3, "", "", false), job(4, "Four", "", false)]),
            ),
            ("[]", Ok(vec![])),
            (r#"{"jobs":[]}"#, Err(ApiError::BadResponse)),
            ("null", Err(ApiError::BadResponse)),
        ];
        for (body, expected) in cases {
            assert_eq!(interpret_jobs(&ok(body), NOW_MS), expected, "{body}");
        }
    }

    #[test]
    fn prospect_pool_bodies() {
        let stage = |id, name: &str| PoolStage {
            id,
            name: name.into(),
        };
        let cases = [
            (
                r#"[{"id":10,"name":"Engineering","stages":[{"id":101,"name":"New"},{"id":102,"name":"Contacted"}]}]"#,
                vec![ProspectPool {
                    id: 10,
                    name: "Engineering".into(),
                    stages: vec![stage(101, "New"), stage(102, "Contacted")],
                }],
            ),
            (
                r#"[{"id":11,"name":"Sales","stages":null},{"id":12,"name":"Ops"},{"id":13,"name":"Mixed","stages":[{"id":null,"name":"bad"},{"id":131,"name":null}]}]"#,
                vec![
                    ProspectPool {
                        id: 11,
                        name: "Sales".into(),
                        stages: vec![],
                    },
                    ProspectPool {
                        id: 12,
                        name: "Ops".into(),
                        stages: vec![],
                    },
                    ProspectPool {
                        id: 13,
                        name: "Mixed".into(),
                        stages: vec![stage(131, "")],
                    },
                ],
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(
                interpret_prospect_pools(&ok(body), NOW_MS),
                Ok(expected),
                "{body}"
            );
        }
    }

    #[test]
    fn created_candidate_bodies() {
        let created =
            |id, application_id, external_id: &str, profile_url: Option<&str>| CreatedCandidate {
                id,
                application_id,
                external_id: external_id.into(),
                profile_url: profile_url.map(String::from),
            };
        let url = "https://app.greenhouse.io/people/17681532?application_id=26234709";
        let cases = [
            (
                format!(r#"{{"id":17681532,"application_id":26234709,"external_id":"pj-1","profile_url":"{url}"}}"#),
                Ok(created(17681532, Some(26234709), "pj-1", Some(url))),
            ),
            (
                r#"{"id":1,"application_id":null,"external_id":null,"profile_url":null,"more":true}"#.into(),
                Ok(created(1, None, "", None)),
            ),
            (
                r#"[{"id":2,"external_id":"pj-2"}]"#.into(),
                Ok(created(2, None, "pj-2", None)),
            ),
            (r#"{"application_id":5}"#.into(), Err(ApiError::BadResponse)),
            (r#"[{"id":1},{"id":2}]"#.into(), Err(ApiError::BadResponse)),
            ("garbage".into(), Err(ApiError::BadResponse)),
        ];
        for (body, expected) in cases {
            assert_eq!(
                interpret_created_candidate(&ok(&body), NOW_MS),
                expected,
                "{body}"
            );
        }
    }

    #[test]
    fn created_candidates_bodies() {
        let cases = [
            (
                r#"[{"id":1,"external_id":"a"},{"id":2,"external_id":"b"}]"#,
                Ok(vec![1, 2]),
            ),
            (r#"[{"id":1},{"id":null}]"#, Err(ApiError::BadResponse)),
            (r#"{"id":1}"#, Err(ApiError::BadResponse)),
            ("[]", Ok(vec![])),
        ];
        for (body, expected) in cases {
            let ids = interpret_created_candidates(&ok(body), NOW_MS)
                .map(|list| list.iter().map(|created| created.id).collect::<Vec<_>>());
            assert_eq!(ids, expected, "{body}");
        }
    }

    #[test]
    fn candidate_status_bodies() {
        let body = r#"[
            {"id":17681532,"name":"Harry Potter","external_id":"24680","applications":[
                {"id":59724,"job":"Auror","status":"active","stage":"Application Review","profile_url":"https://gh/p/1"},
                {"id":59725,"job":{"id":9,"name":"Seeker"},"status":"rejected","stage":{"id":3,"name":"Offer"},"profile_url":null},
                {"id":null,"job":null,"status":null,"stage":null}
            ]},
            {"id":2,"name":null,"external_id":12345,"applications":null},
            {"name":"no id"}
        ]"#;
        let expected = vec![
            CandidateStatus {
                id: 17681532,
                name: "Harry Potter".into(),
                external_id: "24680".into(),
                applications: vec![
                    ApplicationStatus {
                        id: Some(59724),
                        job: Some("Auror".into()),
                        status: Some("active".into()),
                        stage: Some("Application Review".into()),
                        profile_url: Some("https://gh/p/1".into()),
                    },
                    ApplicationStatus {
                        id: Some(59725),
                        job: Some("Seeker".into()),
                        status: Some("rejected".into()),
                        stage: Some("Offer".into()),
                        profile_url: None,
                    },
                    ApplicationStatus {
                        id: None,
                        job: None,
                        status: None,
                        stage: None,
                        profile_url: None,
                    },
                ],
            },
            CandidateStatus {
                id: 2,
                name: String::new(),
                external_id: "12345".into(),
                applications: vec![],
            },
        ];
        assert_eq!(interpret_candidates(&ok(body), NOW_MS), Ok(expected));
        assert_eq!(interpret_candidates(&ok("[]"), NOW_MS), Ok(vec![]));
    }

    #[test]
    fn candidate_status_as_one_object_or_empty() {
        let one = r#"{"id":7,"name":"A","external_id":"x","applications":[{"id":1,"job":"Auror","status":"Active","stage":"New"}]}"#;
        let read = interpret_candidates(&ok(one), NOW_MS).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].id, 7);
        assert_eq!(read[0].applications[0].status.as_deref(), Some("Active"));
        for empty in ["", "  \n", "null", "{}"] {
            assert_eq!(
                interpret_candidates(&ok(empty), NOW_MS),
                Ok(vec![]),
                "{empty:?}"
            );
        }
        for bad in ["\"x\"", "3", "{", "true"] {
            assert_eq!(
                interpret_candidates(&ok(bad), NOW_MS),
                Err(ApiError::BadResponse),
                "{bad:?}"
            );
        }
        assert_eq!(
            interpret_candidates(&status(403, ""), NOW_MS),
            Err(ApiError::Forbidden)
        );
    }

    #[test]
    fn application_states_ignore_case() {
        let with = |status: Option<&str>| ApplicationStatus {
            id: None,
            job: None,
            status: status.map(str::to_string),
            stage: None,
            profile_url: None,
        };
        for (status, state) in [
            (Some("Active"), ApplicationState::Active),
            (Some("active"), ApplicationState::Active),
            (Some(" ACTIVE "), ApplicationState::Active),
            (Some("Rejected"), ApplicationState::Rejected),
            (Some("hired"), ApplicationState::Hired),
            (Some("Converted"), ApplicationState::Converted),
            (Some("activ"), ApplicationState::Other),
            (None, ApplicationState::Other),
        ] {
            assert_eq!(with(status).state(), state, "{status:?}");
        }
    }

    #[test]
    fn parsed_values_survive_our_own_serialization() {
        let pools = interpret_prospect_pools(
            &ok(r#"[{"id":10,"name":"E","stages":[{"id":1,"name":"New"}]}]"#),
            NOW_MS,
        )
        .unwrap();
        let json = serde_json::to_string(&pools).unwrap();
        let back: Vec<ProspectPool> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, pools);
        let created =
            interpret_created_candidate(&ok(r#"{"id":1,"profile_url":"u"}"#), NOW_MS).unwrap();
        let back: CreatedCandidate =
            serde_json::from_str(&serde_json::to_string(&created).unwrap()).unwrap();
        assert_eq!(back, created);
    }
}

//! Builders for every Candidate Ingestion API request this extension makes,
//! from the recruiter's [`Credentials`].
//!
//! Each function returns an [`HttpRequest`] ready for the adapter to send:
//! absolute URL under [`BASE_URL`], `Authorization: Basic base64("<key>:")`,
//! `On-Behalf-Of`, `Accept: application/json`, and `Content-Type:
//! application/json` when there is a body. Nothing here sends anything, and
//! nothing here may log or serialize the key.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::base64;
use super::candidate::NewCandidate;
use super::http::{HttpRequest, Method};

/// Root of the Candidate Ingestion API (singular `partner`, trailing slash).
pub const BASE_URL: &str = "https://api.greenhouse.io/v1/partner/";

/// A Greenhouse Candidate Ingestion API key.
///
/// Its `Debug` output is redacted so it cannot reach a log by accident. It is
/// serialized only into the settings kept in extension storage, never into a
/// reply (see `crate::sending::settings::SettingsView`).
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ApiKey(String);

impl<'de> Deserialize<'de> for ApiKey {
    // Through `ApiKey::new`, so a key pasted with a trailing newline into
    // the options page arrives trimmed.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|key| ApiKey::new(&key))
    }
}

impl ApiKey {
    /// Wraps a key as pasted by the user, without the surrounding whitespace
    /// a copy from the Greenhouse page tends to bring along.
    pub fn new(key: &str) -> Self {
        ApiKey(key.trim().to_owned())
    }

    /// The key itself, for the `Authorization` header only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether nothing but whitespace was given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

/// What every request is authenticated with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The Candidate Ingestion (Partner) API key, used as the Basic-auth user
    /// name with an empty password.
    pub api_key: ApiKey,
    /// Email of the Greenhouse user the requests are made for (`On-Behalf-Of`);
    /// the prospect is credited to this user.
    pub on_behalf_of: String,
}

/// `GET current_user`: who the key and email resolve to. Validating a key is
/// exactly this request.
pub fn current_user(credentials: &Credentials) -> HttpRequest {
    get(credentials, "current_user")
}

/// `GET jobs`: the jobs the user may add candidates to.
pub fn jobs(credentials: &Credentials) -> HttpRequest {
    get(credentials, "jobs")
}

/// `GET prospect_pools`: the organization's prospect pools with their stages.
pub fn prospect_pools(credentials: &Credentials) -> HttpRequest {
    get(credentials, "prospect_pools")
}

/// `POST candidates` with one object body: creates one prospect or candidate.
pub fn create_candidate(credentials: &Credentials, candidate: &NewCandidate) -> HttpRequest {
    post(credentials, "candidates", serde_json::to_string(candidate))
}

/// `POST candidates` with an array body: creates several at once; Greenhouse
/// answers with an array in the same order.
pub fn create_candidates(credentials: &Credentials, candidates: &[NewCandidate]) -> HttpRequest {
    post(credentials, "candidates", serde_json::to_string(candidates))
}

/// `GET candidates?candidate_ids=1,2`: application status and stage of
/// candidates this partner created. Greenhouse silently leaves out ids it
/// does not show, so the answer may be shorter than `ids`.
pub fn candidates_by_id(credentials: &Credentials, ids: &[u64]) -> HttpRequest {
    let ids: Vec<String> = ids.iter().map(u64::to_string).collect();
    // Digits and commas only: nothing to percent-encode.
    get(
        credentials,
        &format!("candidates?candidate_ids={}", ids.join(",")),
    )
}

fn get(credentials: &Credentials, path: &str) -> HttpRequest {
    HttpRequest {
        method: Method::Get,
        url: format!("{BASE_URL}{path}"),
        headers: common_headers(credentials),
        body: None,
    }
}

fn post(
    credentials: &Credentials,
    path: &str,
    body: Result<String, serde_json::Error>,
) -> HttpRequest {
    let mut headers = common_headers(credentials);
    headers.push(("Content-Type".into(), "application/json".into()));
    HttpRequest {
        method: Method::Post,
        url: format!("{BASE_URL}{path}"),
        headers,
        // `NewCandidate` is strings, numbers, booleans and arrays of them, so
        // serde_json cannot fail on it. Were it ever to, the request would go
        // without a body and Greenhouse's 400 would surface as a validation
        // error the user sees, never a silent success.
        body: body.ok(),
    }
}

fn common_headers(credentials: &Credentials) -> Vec<(String, String)> {
    let basic = base64::encode(format!("{}:", credentials.api_key.expose()).as_bytes());
    vec![
        ("Authorization".into(), format!("Basic {basic}")),
        (
            "On-Behalf-Of".into(),
            credentials.on_behalf_of.trim().to_owned(),
        ),
        ("Accept".into(), "application/json".into()),
    ]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::greenhouse::candidate::{Email, EmailKind};

    fn credentials() -> Credentials {
        Credentials {
            api_key: ApiKey::new(" abc123\n"),
            on_behalf_of: "ada@example.com".into(),
        }
    }

    fn candidate(external_id: &str) -> NewCandidate {
        NewCandidate {
            prospect: true,
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            external_id: external_id.into(),
            emails: vec![Email {
                email: "ada@example.com".into(),
                kind: EmailKind::Personal,
            }],
            ..NewCandidate::default()
        }
    }

    fn headers(request: &HttpRequest) -> Vec<(&str, &str)> {
        request
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect()
    }

    const AUTH: (&str, &str) = ("Authorization", "Basic YWJjMTIzOg==");
    const ON_BEHALF_OF: (&str, &str) = ("On-Behalf-Of", "ada@example.com");
    const ACCEPT: (&str, &str) = ("Accept", "application/json");
    const CONTENT_TYPE: (&str, &str) = ("Content-Type", "application/json");

    #[test]
    fn every_builder_sets_method_url_and_headers() {
        let creds = credentials();
        type Case<'a> = (
            &'a str,
            HttpRequest,
            Method,
            &'a str,
            Vec<(&'a str, &'a str)>,
        );
        let cases: Vec<Case> = vec![
            (
                "current_user",
                current_user(&creds),
                Method::Get,
                "https://api.greenhouse.io/v1/partner/current_user",
                vec![AUTH, ON_BEHALF_OF, ACCEPT],
            ),
            (
                "jobs",
                jobs(&creds),
                Method::Get,
                "https://api.greenhouse.io/v1/partner/jobs",
                vec![AUTH, ON_BEHALF_OF, ACCEPT],
            ),
            (
                "prospect_pools",
                prospect_pools(&creds),
                Method::Get,
                "https://api.greenhouse.io/v1/partner/prospect_pools",
                vec![AUTH, ON_BEHALF_OF, ACCEPT],
            ),
            (
                "candidates by id",
                candidates_by_id(&creds, &[1, 22, 333]),
                Method::Get,
                "https://api.greenhouse.io/v1/partner/candidates?candidate_ids=1,22,333",
                vec![AUTH, ON_BEHALF_OF, ACCEPT],
            ),
            (
                "one candidate by id",
                candidates_by_id(&creds, &[17681532]),
                Method::Get,
                "https://api.greenhouse.io/v1/partner/candidates?candidate_ids=17681532",
                vec![AUTH, ON_BEHALF_OF, ACCEPT],
            ),
            (
                "create one",
                create_candidate(&creds, &candidate("pj-1")),
                Method::Post,
                "https://api.greenhouse.io/v1/partner/candidates",
                vec![AUTH, ON_BEHALF_OF, ACCEPT, CONTENT_TYPE],
            ),
            (
                "create several",
                create_candidates(&creds, &[candidate("pj-1"), candidate("pj-2")]),
                Method::Post,
                "https://api.greenhouse.io/v1/partner/candidates",
                vec![AUTH, ON_BEHALF_OF, ACCEPT, CONTENT_TYPE],
            ),
        ];
        for (name, request, method, url, expected_headers) in cases {
            assert_eq!(request.method, method, "{name}");
            assert_eq!(request.url, url, "{name}");
            assert_eq!(headers(&request), expected_headers, "{name}");
            assert_eq!(request.body.is_some(), method == Method::Post, "{name}");
        }
    }

    #[test]
    fn single_post_body_is_one_object() {
        let request = create_candidate(&credentials(), &candidate("pj-1"));
        let body: serde_json::Value =
            serde_json::from_str(request.body.as_deref().unwrap_or_default()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "prospect": true,
                "first_name": "Ada",
                "last_name": "Lovelace",
                "external_id": "pj-1",
                "emails": [{"email": "ada@example.com", "type": "personal"}]
            })
        );
    }

    #[test]
    fn array_post_body_keeps_the_order() {
        let request = create_candidates(&credentials(), &[candidate("pj-2"), candidate("pj-1")]);
        let body: serde_json::Value =
            serde_json::from_str(request.body.as_deref().unwrap_or_default()).unwrap();
        let ids: Vec<&str> = body
            .as_array()
            .unwrap()
            .iter()
            .map(|candidate| candidate["external_id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["pj-2", "pj-1"]);
    }

    #[test]
    fn hostile_text_is_sent_verbatim_as_json() {
        let mut hostile = candidate("pj-1");
        hostile.notes = Some("<script>alert(\"x\")</script>\n\u{0007}'; DROP TABLE--".into());
        let request = create_candidate(&credentials(), &hostile);
        let body: NewCandidate =
            serde_json::from_str(request.body.as_deref().unwrap_or_default()).unwrap();
        assert_eq!(body, hostile);
    }

    #[test]
    fn key_and_email_are_trimmed() {
        let creds = Credentials {
            api_key: ApiKey::new("\tabc123 "),
            on_behalf_of: " ada@example.com\n".into(),
        };
        let request = current_user(&creds);
        assert_eq!(request.header("authorization"), Some(AUTH.1));
        assert_eq!(request.header("on-behalf-of"), Some(ON_BEHALF_OF.1));
    }

    #[test]
    fn api_key_debug_is_redacted() {
        let creds = credentials();
        let printed = format!("{creds:?}");
        assert!(!printed.contains("abc123"), "{printed}");
        assert!(printed.contains("ada@example.com"), "{printed}");
    }

    #[test]
    fn api_key_serde_is_a_trimmed_string() {
        let key: ApiKey = serde_json::from_str("\" abc123\\n\"").unwrap();
        assert_eq!(key.expose(), "abc123");
        assert_eq!(serde_json::to_string(&key).unwrap(), "\"abc123\"");
    }

    #[test]
    fn api_key_emptiness() {
        assert!(ApiKey::new("  \n").is_empty());
        assert!(!ApiKey::new("k").is_empty());
        assert_eq!(ApiKey::new(" k ").expose(), "k");
    }
}

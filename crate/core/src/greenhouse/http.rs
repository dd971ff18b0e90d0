//! Networking as data: the request the core wants sent and the response an
//! adapter hands back.
//!
//! The core builds [`HttpRequest`]s and interprets [`HttpResponse`]s; one
//! browser adapter turns the first into a `fetch` and the answer into the
//! second. This module must never perform I/O, read a clock or name a browser
//! API. A request may carry the API key in its `Authorization` header, so a
//! request is never serialized into a reply and its `Debug` hides that header.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The HTTP methods the Candidate Ingestion API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// Reads: `current_user`, `jobs`, `prospect_pools`, `candidates?candidate_ids=`.
    Get,
    /// Writes: `candidates`.
    Post,
}

impl Method {
    /// The method as `fetch` spells it (`"GET"`, `"POST"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// A request for an adapter to send, exactly as it must go on the wire.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL, query string included.
    pub url: String,
    /// Header names and values, in the order they were added.
    pub headers: Vec<(String, String)>,
    /// The JSON body, for requests that have one.
    pub body: Option<String>,
}

impl HttpRequest {
    /// The value of the first header called `name`, compared without regard
    /// to case as HTTP requires.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl fmt::Debug for HttpRequest {
    // A request logged while debugging must not leak the API key, which
    // travels base64-encoded in `Authorization`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(
                |(name, value)| match name.eq_ignore_ascii_case("authorization") {
                    true => (name.as_str(), "<redacted>"),
                    false => (name.as_str(), value.as_str()),
                },
            )
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

/// What came back from Greenhouse, as the adapter received it.
///
/// Failures that produce no response at all (no connection, the 20 s
/// timeout) never become an `HttpResponse`: the adapter reports them as
/// [`ApiError::Network`](super::error::ApiError::Network) or
/// [`ApiError::Timeout`](super::error::ApiError::Timeout).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// Header names and values as received.
    pub headers: Vec<(String, String)>,
    /// The body as text (empty when there was none).
    pub body: String,
}

impl HttpResponse {
    /// The value of the first header called `name`, compared without regard
    /// to case as HTTP requires.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Whether the status is a success (`2xx`).
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(candidate, _)| candidate.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(headers: &[(&str, &str)], status: u16) -> HttpResponse {
        HttpResponse {
            status,
            headers: headers
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
            body: String::new(),
        }
    }

    #[test]
    fn headers_are_found_without_regard_to_case() {
        type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, Option<&'a str>);
        let cases: &[Case] = &[
            (&[("Retry-After", "2")], "retry-after", Some("2")),
            (&[("retry-after", " 2 ")], "Retry-After", Some("2")),
            (
                &[("X-RateLimit-Reset", "9")],
                "x-ratelimit-reset",
                Some("9"),
            ),
            (
                &[("Retry-After", "2"), ("Retry-After", "5")],
                "RETRY-AFTER",
                Some("2"),
            ),
            (&[("Content-Type", "json")], "Retry-After", None),
            (&[], "Retry-After", None),
        ];
        for (headers, name, expected) in cases {
            assert_eq!(
                response(headers, 200).header(name),
                *expected,
                "{headers:?} {name}"
            );
        }
    }

    #[test]
    fn only_2xx_is_success() {
        let cases = [
            (199, false),
            (200, true),
            (201, true),
            (299, true),
            (300, false),
            (401, false),
            (500, false),
        ];
        for (status, expected) in cases {
            assert_eq!(response(&[], status).is_success(), expected, "{status}");
        }
    }

    #[test]
    fn method_names_match_fetch() {
        assert_eq!(Method::Get.as_str(), "GET");
        assert_eq!(Method::Post.as_str(), "POST");
    }

    #[test]
    fn debug_output_hides_the_authorization_header() {
        let request = HttpRequest {
            method: Method::Get,
            url: "https://api.greenhouse.io/v1/partner/current_user".into(),
            headers: vec![
                ("Authorization".into(), "Basic c2VjcmV0LWtleTo=".into()),
                ("On-Behalf-Of".into(), "ada@example.com".into()),
            ],
            body: None,
        };
        let printed = format!("{request:?}");
        assert!(!printed.contains("c2VjcmV0LWtleTo="), "{printed}");
        assert!(printed.contains("<redacted>"), "{printed}");
        assert!(printed.contains("ada@example.com"), "{printed}");
    }
}

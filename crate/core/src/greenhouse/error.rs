//! Every way a Greenhouse request can fail, as one enum, and how an HTTP
//! answer maps onto it.
//!
//! [`ApiError`] is what the core reasons about (retry or not, what to tell
//! the recruiter); [`ApiError::reply`] flattens it to the
//! [`ErrorReply`] JavaScript sees. Greenhouse's own error messages are kept
//! for debugging only and never reach the recruiter. This module never reads
//! a clock: "now" is an argument.

use std::fmt;

use serde::Deserialize;

use super::http::HttpResponse;
use crate::contract::error_reply::{Advice, ErrorKind, ErrorReply, Text};

/// Why a Greenhouse request did not produce the expected result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// 401: the key is wrong or revoked, the `On-Behalf-Of` email is missing,
    /// unknown to Greenhouse, or belongs to a disabled user.
    Unauthorized,
    /// 403: authenticated, but the user lacks the permission (e.g. a Basic
    /// user reading candidates, or a job the user cannot access).
    Forbidden,
    /// 404: the resource, job, pool or stage does not exist or is not visible.
    NotFound,
    /// 400 (invalid JSON) or 422 (a missing required field or bad value), and
    /// any other 4xx not listed here: the same request will fail again.
    Validation {
        /// The field Greenhouse named, when it named one.
        field: Option<String>,
        /// Greenhouse's own wording, for debugging; never shown to users.
        message: String,
    },
    /// 429: over the rate limit.
    RateLimited {
        /// Seconds to wait, from `Retry-After`, or from `X-RateLimit-Reset`
        /// relative to the "now" the response was interpreted at; `None`
        /// when neither header could be read.
        retry_after_secs: Option<u64>,
    },
    /// 5xx: Greenhouse failed on its side.
    Server {
        /// The status code.
        status: u16,
    },
    /// No answer at all: offline, DNS failure, connection refused or dropped
    /// (`fetch` rejected). Set by the adapter, never by [`from_response`].
    Network,
    /// No answer within the request timeout (the adapter aborts after
    /// [`crate::sending::outbox::REQUEST_TIMEOUT_MS`]), or a 408.
    Timeout,
    /// An answer that is not what the API promises: a 2xx whose body is not
    /// the expected JSON, or an unexpected 1xx/3xx status.
    BadResponse,
}

/// Which situation a failure is reported in; decides the advice appended to
/// failures that retrying may fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Situation {
    /// A request made for the user right now (connect, load destinations,
    /// status lookup): nothing is queued.
    Request,
    /// A send that failed and now waits in the outbox for an automatic retry.
    Queued,
    /// A send the outbox gave up on (not retryable, or out of attempts).
    GaveUp,
}

impl ApiError {
    /// The kind as a stable snake_case string for JavaScript (e.g.
    /// `"rate_limited"`).
    pub fn kind(&self) -> &'static str {
        self.error_kind().as_str()
    }

    /// The kind as the typed [`ErrorKind`].
    pub fn error_kind(&self) -> ErrorKind {
        match self {
            ApiError::Unauthorized => ErrorKind::Unauthorized,
            ApiError::Forbidden => ErrorKind::Forbidden,
            ApiError::NotFound => ErrorKind::NotFound,
            ApiError::Validation { .. } => ErrorKind::Validation,
            ApiError::RateLimited { .. } => ErrorKind::RateLimited,
            ApiError::Server { .. } => ErrorKind::Server,
            ApiError::Network => ErrorKind::Network,
            ApiError::Timeout => ErrorKind::Timeout,
            ApiError::BadResponse => ErrorKind::BadResponse,
        }
    }

    /// Whether sending the same request again later may succeed, so the
    /// outbox retries it automatically.
    ///
    /// Yes for `Network`, `Timeout`, `Server` and `RateLimited`. No for
    /// `Unauthorized`, `Forbidden`, `NotFound` and `Validation`: the same
    /// request fails again until the user changes the key, a permission, the
    /// destination or a field. No for `BadResponse`: it comes from a 2xx, so
    /// Greenhouse has probably created the prospect, and sending it again
    /// would make a duplicate; the user decides.
    pub fn is_retryable(&self) -> bool {
        match self {
            ApiError::Network
            | ApiError::Timeout
            | ApiError::Server { .. }
            | ApiError::RateLimited { .. } => true,
            ApiError::Unauthorized
            | ApiError::Forbidden
            | ApiError::NotFound
            | ApiError::Validation { .. }
            | ApiError::BadResponse => false,
        }
    }

    /// Whether the request may have had its effect although no usable answer
    /// came back: the request left, and either no answer arrived
    /// (`Network`, `Timeout`), a gateway gave up waiting for Greenhouse,
    /// which may have finished anyway (`Server { status: 504 }`), or a 2xx
    /// could not be read (`BadResponse`).
    pub fn may_have_been_applied(&self) -> bool {
        matches!(
            self,
            ApiError::Network
                | ApiError::Timeout
                | ApiError::BadResponse
                | ApiError::Server { status: 504 }
        )
    }

    /// The error flattened for JavaScript, worded for `situation`.
    pub fn reply(&self, situation: Situation) -> ErrorReply {
        let cause = match self {
            ApiError::Unauthorized => Text::Unauthorized.sentence(&[]),
            ApiError::Forbidden => Text::Forbidden.sentence(&[]),
            ApiError::NotFound => Text::NotFound.sentence(&[]),
            ApiError::Validation {
                field: Some(field), ..
            } => return ErrorReply::missing_field(field),
            ApiError::Validation { field: None, .. } => Text::ValidationGeneral.sentence(&[]),
            ApiError::RateLimited { .. } => Text::RateLimited.sentence(&[]),
            ApiError::Server { status } => Text::Server.sentence(&[&status.to_string()]),
            ApiError::Network => Text::Network.sentence(&[]),
            ApiError::Timeout => Text::Timeout.sentence(&[]),
            ApiError::BadResponse => Text::BadResponse.sentence(&[]),
        };
        let advice = match (self, situation) {
            (ApiError::BadResponse, Situation::Request) => Some(Advice::TryAgain),
            (ApiError::BadResponse, Situation::Queued | Situation::GaveUp) => {
                Some(Advice::CheckGreenhouse)
            }
            (error, _) if !error.is_retryable() => None,
            (_, Situation::Request) => Some(Advice::TryAgain),
            (_, Situation::Queued) => Some(Advice::Queued),
            (_, Situation::GaveUp) => Some(Advice::RetryFromPopup),
        };
        let message = match advice {
            Some(advice) => format!("{cause} {}", advice.text().sentence(&[])),
            None => cause,
        };
        ErrorReply {
            kind: self.error_kind(),
            message,
            field: None,
            advice,
        }
    }
}

impl fmt::Display for ApiError {
    // For logs: the kind and the details, never a credential (none is held).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Validation { field, message } => {
                write!(f, "validation (field {field:?}): {message}")
            }
            ApiError::RateLimited { retry_after_secs } => {
                write!(f, "rate_limited (retry after {retry_after_secs:?} s)")
            }
            ApiError::Server { status } => write!(f, "server ({status})"),
            other => f.write_str(other.kind()),
        }
    }
}

impl std::error::Error for ApiError {}

/// The error a non-2xx answer stands for. `now_ms` (milliseconds since the
/// Unix epoch) turns an absolute `X-RateLimit-Reset` into seconds to wait.
/// A 2xx given here is a caller mistake and maps to `BadResponse`.
pub fn from_response(response: &HttpResponse, now_ms: u64) -> ApiError {
    match response.status {
        400 | 422 => validation(&response.body),
        401 => ApiError::Unauthorized,
        403 => ApiError::Forbidden,
        404 => ApiError::NotFound,
        408 => ApiError::Timeout,
        429 => ApiError::RateLimited {
            retry_after_secs: retry_after_secs(response, now_ms),
        },
        402..=499 => validation(&response.body),
        500..=599 => ApiError::Server {
            status: response.status,
        },
        _ => ApiError::BadResponse,
    }
}

/// Greenhouse's error body: `{"errors": [{"message", "field"}]}`.
#[derive(Deserialize, Default)]
struct ErrorBody {
    #[serde(default)]
    errors: Option<Vec<ErrorEntry>>,
}

#[derive(Deserialize, Default)]
struct ErrorEntry {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    field: Option<String>,
}

fn validation(body: &str) -> ApiError {
    // Not JSON, or not the documented shape: still a validation failure,
    // just without details.
    let entries = serde_json::from_str::<ErrorBody>(body)
        .ok()
        .and_then(|body| body.errors)
        .unwrap_or_default();
    let field = entries
        .iter()
        .find_map(|entry| entry.field.clone().filter(|field| !field.trim().is_empty()));
    let message = entries
        .iter()
        .filter_map(|entry| entry.message.as_deref())
        .collect::<Vec<_>>()
        .join("; ");
    ApiError::Validation { field, message }
}

/// Seconds to wait before retrying, from `Retry-After` (delay in seconds or
/// an HTTP date) or else from `X-RateLimit-Reset` (Unix seconds, Unix
/// milliseconds, seconds from now, or an HTTP date; APIs disagree on the
/// format, so all are accepted). `None` when neither header can be read.
pub fn retry_after_secs(response: &HttpResponse, now_ms: u64) -> Option<u64> {
    let retry_after = response
        .header("Retry-After")
        .and_then(|value| match value.parse::<u64>() {
            Ok(seconds) => Some(seconds),
            Err(_) => http_date_ms(value).map(|at_ms| seconds_until(at_ms, now_ms)),
        });
    retry_after.or_else(|| {
        response
            .header("X-RateLimit-Reset")
            .and_then(|value| reset_to_secs(value, now_ms))
    })
}

fn reset_to_secs(value: &str, now_ms: u64) -> Option<u64> {
    match value.parse::<f64>() {
        Ok(number) if number.is_finite() && number >= 0.0 => {
            // Past 1e12 only milliseconds since 1970 make sense (year 2001+);
            // past 1e9 only seconds since 1970 do; anything smaller is a delay.
            let at_ms = match number {
                n if n >= 1e12 => n as u64,
                n if n >= 1e9 => (n * 1000.0) as u64,
                n => return Some(n.ceil() as u64),
            };
            Some(seconds_until(at_ms, now_ms))
        }
        _ => http_date_ms(value).map(|at_ms| seconds_until(at_ms, now_ms)),
    }
}

fn seconds_until(at_ms: u64, now_ms: u64) -> u64 {
    at_ms.saturating_sub(now_ms).div_ceil(1000)
}

/// Milliseconds since the Unix epoch of an IMF-fixdate (RFC 9110 §5.6.7),
/// e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date_ms(value: &str) -> Option<u64> {
    let mut parts = value.split_whitespace();
    let _weekday = parts.next()?;
    let day: u64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: u64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':');
    let hour: u64 = clock.next()?.parse().ok()?;
    let minute: u64 = clock.next()?.parse().ok()?;
    let second: u64 = clock.next()?.parse().ok()?;
    match (parts.next(), parts.next()) {
        (Some("GMT"), None) => {}
        _ => return None,
    }
    if !(1970..=9999).contains(&year)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_since_epoch(year, month, day);
    Some((((days * 24 + hour) * 60 + minute) * 60 + second) * 1000)
}

/// Days from 1970-01-01 to the given civil date (Howard Hinnant's
/// `days_from_civil`, restricted to years from 1970).
fn days_since_epoch(year: u64, month: u64, day: u64) -> u64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year - era * 400;
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: headers
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
            body: body.into(),
        }
    }

    // 2026-01-01T00:00:00Z.
    const NOW_MS: u64 = 1_767_225_600_000;

    #[test]
    fn statuses_map_to_errors() {
        let cases = [
            (
                400,
                "not json",
                ApiError::Validation {
                    field: None,
                    message: String::new(),
                },
            ),
            (
                422,
                r#"{"errors":[{"message":"Missing field","field":"last_name"}]}"#,
                ApiError::Validation {
                    field: Some("last_name".into()),
                    message: "Missing field".into(),
                },
            ),
            (
                422,
                r#"{"errors":[{"message":"Bad","field":null},{"message":"Worse","field":"emails"}],"x":1}"#,
                ApiError::Validation {
                    field: Some("emails".into()),
                    message: "Bad; Worse".into(),
                },
            ),
            (
                422,
                r#"{"errors":null}"#,
                ApiError::Validation {
                    field: None,
                    message: String::new(),
                },
            ),
            (
                409,
                "",
                ApiError::Validation {
                    field: None,
                    message: String::new(),
                },
            ),
            (
                401,
                r#"{"errors":[{"message":"Invalid"}]}"#,
                ApiError::Unauthorized,
            ),
            (403, "", ApiError::Forbidden),
            (404, "", ApiError::NotFound),
            (408, "", ApiError::Timeout),
            (
                429,
                "",
                ApiError::RateLimited {
                    retry_after_secs: None,
                },
            ),
            (500, "<html>", ApiError::Server { status: 500 }),
            (502, "", ApiError::Server { status: 502 }),
            (599, "", ApiError::Server { status: 599 }),
            (302, "", ApiError::BadResponse),
            (200, "", ApiError::BadResponse),
            (600, "", ApiError::BadResponse),
        ];
        for (status, body, expected) in cases {
            assert_eq!(
                from_response(&response(status, &[], body), NOW_MS),
                expected,
                "{status} {body}"
            );
        }
    }

    #[test]
    fn rate_limit_wait_from_headers() {
        type Case<'a> = (&'a [(&'a str, &'a str)], Option<u64>);
        let cases: &[Case] = &[
            (&[("Retry-After", "2")], Some(2)),
            (&[("retry-after", "0")], Some(0)),
            (
                &[("Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT")],
                Some(30),
            ),
            (&[("Retry-After", "Wed, 31 Dec 2025 23:00:00 GMT")], Some(0)),
            // Retry-After wins over the reset time.
            (
                &[("Retry-After", "2"), ("X-RateLimit-Reset", "1767225660")],
                Some(2),
            ),
            (&[("X-RateLimit-Reset", "1767225660")], Some(60)),
            (&[("X-RateLimit-Reset", "1767225600500")], Some(1)),
            (&[("X-RateLimit-Reset", "1767225605.2")], Some(6)),
            (&[("X-RateLimit-Reset", "7")], Some(7)),
            (&[("X-RateLimit-Reset", "1.5")], Some(2)),
            (&[("X-RateLimit-Reset", "1767225000")], Some(0)),
            (
                &[("X-RateLimit-Reset", "Thu, 01 Jan 2026 00:01:00 GMT")],
                Some(60),
            ),
            (
                &[("Retry-After", "soon"), ("X-RateLimit-Reset", "3")],
                Some(3),
            ),
            (&[("Retry-After", "soon")], None),
            (&[("X-RateLimit-Reset", "-4")], None),
            (&[("X-RateLimit-Reset", "NaN")], None),
            (&[], None),
        ];
        for (headers, expected) in cases {
            let error = from_response(&response(429, headers, ""), NOW_MS);
            assert_eq!(
                error,
                ApiError::RateLimited {
                    retry_after_secs: *expected
                },
                "{headers:?}"
            );
        }
    }

    #[test]
    fn http_dates() {
        let cases = [
            ("Sun, 06 Nov 1994 08:49:37 GMT", Some(784_111_777_000)),
            ("Thu, 01 Jan 1970 00:00:00 GMT", Some(0)),
            ("Thu, 01 Jan 2026 00:00:00 GMT", Some(NOW_MS)),
            ("Tue, 29 Feb 2028 12:00:00 GMT", Some(1_835_438_400_000)),
            ("Sun, 06 Nov 1994 08:49:37 PST", None),
            ("Sun, 06 Foo 1994 08:49:37 GMT", None),
            ("Sun, 06 Nov 1994 25:49:37 GMT", None),
            ("Sun, 06 Nov 1994", None),
            ("", None),
        ];
        for (value, expected) in cases {
            assert_eq!(http_date_ms(value), expected, "{value}");
        }
    }

    #[test]
    fn retryable_kinds() {
        let cases = [
            (ApiError::Network, true, "network"),
            (ApiError::Timeout, true, "timeout"),
            (ApiError::Server { status: 503 }, true, "server"),
            (
                ApiError::RateLimited {
                    retry_after_secs: Some(2),
                },
                true,
                "rate_limited",
            ),
            (ApiError::Unauthorized, false, "unauthorized"),
            (ApiError::Forbidden, false, "forbidden"),
            (ApiError::NotFound, false, "not_found"),
            (
                ApiError::Validation {
                    field: None,
                    message: String::new(),
                },
                false,
                "validation",
            ),
            (ApiError::BadResponse, false, "bad_response"),
        ];
        for (error, retryable, kind) in cases {
            assert_eq!(error.is_retryable(), retryable, "{error:?}");
            assert_eq!(error.kind(), kind, "{error:?}");
            assert_eq!(
                error.reply(Situation::Request).kind.as_str(),
                kind,
                "{error:?}"
            );
        }
    }

    #[test]
    fn replies_tell_the_recruiter_what_to_do() {
        let cases = [
            (
                ApiError::Unauthorized,
                Situation::Queued,
                "Open the extension options",
            ),
            (
                ApiError::Forbidden,
                Situation::Request,
                "Ask a Greenhouse admin",
            ),
            (
                ApiError::NotFound,
                Situation::GaveUp,
                "choose the destination again",
            ),
            (
                ApiError::Validation {
                    field: Some("last_name".into()),
                    message: "x".into(),
                },
                Situation::GaveUp,
                "Greenhouse needs a valid last name. Fix it in the review form",
            ),
            (
                ApiError::Validation {
                    field: None,
                    message: "secret wording".into(),
                },
                Situation::GaveUp,
                "Check them in the review form",
            ),
            (
                ApiError::Network,
                Situation::Queued,
                "queued and will be retried automatically",
            ),
            (
                ApiError::Network,
                Situation::Request,
                "could not be reached. Try again in a moment.",
            ),
            (
                ApiError::Timeout,
                Situation::GaveUp,
                "retry it from the extension's toolbar button",
            ),
            (
                ApiError::Server { status: 503 },
                Situation::Queued,
                "(error 503). The send is queued",
            ),
            (
                ApiError::RateLimited {
                    retry_after_secs: None,
                },
                Situation::Queued,
                "too many requests",
            ),
            (
                ApiError::BadResponse,
                Situation::GaveUp,
                "check Greenhouse before sending again",
            ),
            (
                ApiError::BadResponse,
                Situation::Request,
                "Try again in a moment.",
            ),
        ];
        for (error, situation, expected) in cases {
            let reply = error.reply(situation);
            assert!(
                reply.message.contains(expected),
                "{error:?} {situation:?}: {}",
                reply.message
            );
            assert!(!reply.message.contains("secret wording"));
        }
    }

    #[test]
    fn validation_reply_carries_the_field() {
        let error = from_response(
            &response(
                422,
                &[],
                r#"{"errors":[{"message":"m","field":"prospect_pool_stage_id"}]}"#,
            ),
            NOW_MS,
        );
        let reply = error.reply(Situation::GaveUp);
        assert_eq!(reply.field.as_deref(), Some("prospect_pool_stage_id"));
        assert!(
            reply.message.contains("prospect pool stage"),
            "{}",
            reply.message
        );
    }

    #[test]
    fn what_may_have_been_applied() {
        assert!(ApiError::Network.may_have_been_applied());
        assert!(ApiError::Timeout.may_have_been_applied());
        assert!(ApiError::BadResponse.may_have_been_applied());
        assert!(ApiError::Server { status: 504 }.may_have_been_applied());
        assert!(!ApiError::Server { status: 500 }.may_have_been_applied());
        assert!(!ApiError::RateLimited {
            retry_after_secs: None
        }
        .may_have_been_applied());
        assert!(!ApiError::Unauthorized.may_have_been_applied());
    }

    #[test]
    fn display_names_the_kind() {
        assert_eq!(ApiError::Server { status: 502 }.to_string(), "server (502)");
        assert_eq!(ApiError::Network.to_string(), "network");
    }
}

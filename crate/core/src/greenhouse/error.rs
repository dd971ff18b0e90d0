//! Every way a Greenhouse request can fail, as one enum, and how an HTTP
//! answer maps onto it.
//!
//! [`ApiError`] is what the core reasons about (retry or not, what to tell
//! the recruiter); [`ApiError::failure`] says it to the
//! recruiter, as a [`Failure`] the background words at its reply boundary. Greenhouse's own error messages are kept
//! for debugging only and never reach the recruiter. This module never reads
//! a clock: "now" is an argument.

use std::fmt;

use serde::Deserialize;

use super::http::HttpResponse;
use crate::contract::error_reply::{Advice, ErrorKind, Failure};
use crate::contract::sentences::Text;

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

    /// The failure as the recruiter is told it in `situation`: its cause
    /// and, for failures retrying may fix, what happens next.
    pub fn failure(&self, situation: Situation) -> Failure {
        let cause = match self {
            ApiError::Validation {
                field: Some(field), ..
            } => return Failure::missing_field(field),
            ApiError::Server { status } => Failure {
                text: Some(Text::Server),
                status: Some(*status),
                ..Failure::of(ErrorKind::Server)
            },
            other => Failure::of(other.error_kind()),
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
        cause.with_advice(advice)
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
            Err(_) => http_date_ms(value, now_ms).map(|at_ms| seconds_until(at_ms, now_ms)),
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
        _ => http_date_ms(value, now_ms).map(|at_ms| seconds_until(at_ms, now_ms)),
    }
}

fn seconds_until(at_ms: u64, now_ms: u64) -> u64 {
    at_ms.saturating_sub(now_ms).div_ceil(1000)
}

/// Milliseconds since the Unix epoch of an HTTP date in any of the three
/// formats RFC 9110 §5.6.7 has recipients accept: IMF-fixdate
/// (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form
/// (`Sunday, 06-Nov-94 08:49:37 GMT`) and ANSI C asctime
/// (`Sun Nov  6 08:49:37 1994`). An RFC 850 two-digit year is read as the
/// year nearest `now_ms` with those digits that is at most 50 years ahead
/// (a date that would lie more than 50 years in the future is in the past
/// century). The weekday must be a valid name for the format but is not
/// checked against the date (a wrong weekday still says when to retry).
/// `None` for anything else, or for a date before 1970 or after 9999.
fn http_date_ms(value: &str, now_ms: u64) -> Option<u64> {
    let tokens: Vec<&str> = value.split_whitespace().collect();
    let weekday = |token: &str, names: &[&str]| names.contains(&token);
    let (day, month, year, clock) = match tokens.as_slice() {
        [name, day, month, year, clock, "GMT"] if weekday(name, &SHORT_DAYS_COMMA) => {
            (*day, *month, four_digits(year)?, *clock)
        }
        [name, date, clock, "GMT"] if weekday(name, &LONG_DAYS_COMMA) => {
            let mut date = date.split('-');
            let (day, month, year) = (date.next()?, date.next()?, date.next()?);
            if date.next().is_some() || year.len() != 2 {
                return None;
            }
            let yy: u64 = digits(year)?;
            (
                day,
                month,
                two_digit_year(yy, day, month, clock, now_ms)?,
                *clock,
            )
        }
        [name, month, day, clock, year] if weekday(name, &SHORT_DAYS) => {
            (*day, *month, four_digits(year)?, *clock)
        }
        _ => return None,
    };
    date_ms(year, month, day, clock)
}

const SHORT_DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const SHORT_DAYS_COMMA: [&str; 7] = ["Mon,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,"];
const LONG_DAYS_COMMA: [&str; 7] = [
    "Monday,",
    "Tuesday,",
    "Wednesday,",
    "Thursday,",
    "Friday,",
    "Saturday,",
    "Sunday,",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MS_PER_DAY: u64 = 86_400_000;

/// An unsigned decimal of one to four ASCII digits.
fn digits(s: &str) -> Option<u64> {
    match !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        true => s.parse().ok(),
        false => None,
    }
}

fn four_digits(s: &str) -> Option<u64> {
    digits(s).filter(|_| s.len() == 4)
}

/// The full year an RFC 850 two-digit year `yy` stands for, seen from
/// `now_ms`: the latest year with those last two digits whose date is no
/// more than 50 years ahead of now.
fn two_digit_year(yy: u64, day: &str, month: &str, clock: &str, now_ms: u64) -> Option<u64> {
    let (now_year, now_month, now_day) = civil_from_days(now_ms / MS_PER_DAY);
    let limit_days = days_since_epoch(now_year + 50, now_month, 1) + now_day - 1;
    let limit_ms = limit_days * MS_PER_DAY + now_ms % MS_PER_DAY;
    let this_century = now_year - now_year % 100 + yy;
    [
        this_century + 100,
        this_century,
        this_century.saturating_sub(100),
    ]
    .into_iter()
    .find(|&year| date_ms(year, month, day, clock).is_some_and(|ms| ms <= limit_ms))
}

/// Milliseconds since the Unix epoch of a civil date and `hh:mm:ss` in GMT.
fn date_ms(year: u64, month: &str, day: &str, clock: &str) -> Option<u64> {
    let month = MONTHS.iter().position(|m| *m == month)? as u64 + 1;
    let day = digits(day).filter(|_| day.len() <= 2)?;
    let mut clock = clock.split(':');
    let mut part = || clock.next().filter(|p| p.len() == 2).and_then(digits);
    let (hour, minute, second) = (part()?, part()?, part()?);
    if clock.next().is_some()
        || !(1970..=9999).contains(&year)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_since_epoch(year, month, day);
    Some((((days * 24 + hour) * 60 + minute) * 60 + second) * 1000)
}

fn days_in_month(year: u64, month: u64) -> u64 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
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

/// The civil (year, month, day) of a day count from 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
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
            // The obsolete RFC 850 form.
            ("Sunday, 06-Nov-94 08:49:37 GMT", Some(784_111_777_000)),
            ("Thursday, 01-Jan-26 00:00:30 GMT", Some(NOW_MS + 30_000)),
            // ANSI C asctime, the day padded with a space or not.
            ("Sun Nov  6 08:49:37 1994", Some(784_111_777_000)),
            ("Sun Nov 6 08:49:37 1994", Some(784_111_777_000)),
            ("Thu Jan 01 00:00:30 2026", Some(NOW_MS + 30_000)),
            // Whitespace around the value is not part of it.
            (" Sun, 06 Nov 1994 08:49:37 GMT\t", Some(784_111_777_000)),
            // The weekday is not checked against the date.
            ("Mon, 06 Nov 1994 08:49:37 GMT", Some(784_111_777_000)),
        ];
        for (value, expected) in cases {
            assert_eq!(http_date_ms(value, NOW_MS), expected, "{value}");
        }
    }

    #[test]
    fn malformed_http_dates() {
        let cases = [
            // A weekday name of the wrong format, or none.
            "Sunday, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06-Nov-94 08:49:37 GMT",
            "Sunday Nov  6 08:49:37 1994",
            "Sun, Nov  6 08:49:37 1994",
            "Sonntag, 06 Nov 1994 08:49:37 GMT",
            "06 Nov 1994 08:49:37 GMT",
            // Years of the wrong length for the format, or before 1970.
            "Sun, 06 Nov 94 08:49:37 GMT",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "Sun Nov  6 08:49:37 94",
            "Wed, 31 Dec 1969 23:59:59 GMT",
            // Days that do not exist, months in the wrong case.
            "Tue, 29 Feb 2026 12:00:00 GMT",
            "Thu, 31 Apr 2026 12:00:00 GMT",
            "Sun, 00 Nov 1994 08:49:37 GMT",
            "Sun, 06 nov 1994 08:49:37 GMT",
            "Sunday, 31-Feb-94 08:49:37 GMT",
            // Clocks that are not hh:mm:ss.
            "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 06 Nov 1994 08:49:37:00 GMT",
            "Sun, 06 Nov 1994 08:60:00 GMT",
            "Sun Nov  6 08:49:61 1994",
            // Signs, extra or missing parts, a zone other than GMT.
            "Sun, +6 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94-1 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 UTC",
            "Sun Nov  6 08:49:37 1994 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT garbage",
            "soon",
        ];
        for value in cases {
            assert_eq!(http_date_ms(value, NOW_MS), None, "{value}");
        }
    }

    #[test]
    fn rfc850_years_more_than_50_years_ahead_are_in_the_past_century() {
        let year_of = |value: &str, now_ms: u64| {
            http_date_ms(value, now_ms).map(|ms| civil_from_days(ms / MS_PER_DAY).0)
        };
        // Seen from 2026-01-01: up to 2076-01-01 is at most 50 years ahead.
        let cases = [
            ("Friday, 01-Jan-27 00:00:00 GMT", 2027),
            ("Saturday, 01-Jan-00 00:00:00 GMT", 2000),
            ("Thursday, 01-Jan-70 00:00:00 GMT", 2070),
            ("Wednesday, 01-Jan-76 00:00:00 GMT", 2076),
            ("Thursday, 01-Jan-76 00:00:01 GMT", 1976),
            ("Sunday, 06-Nov-94 08:49:37 GMT", 1994),
            ("Friday, 31-Dec-99 23:59:59 GMT", 1999),
        ];
        for (value, year) in cases {
            assert_eq!(year_of(value, NOW_MS), Some(year), "{value}");
        }
        // Seen from 2090-06-15: 30 is 2130 (40 years ahead), 45 is 2045.
        let now_2090 = days_since_epoch(2090, 6, 15) * MS_PER_DAY;
        assert_eq!(
            year_of("Monday, 01-Jan-30 00:00:00 GMT", now_2090),
            Some(2130)
        );
        assert_eq!(
            year_of("Monday, 01-Jan-45 00:00:00 GMT", now_2090),
            Some(2045)
        );
        assert_eq!(
            year_of("Monday, 01-Jan-40 00:00:00 GMT", now_2090),
            Some(2140)
        );
        assert_eq!(
            year_of("Monday, 01-Jul-40 00:00:00 GMT", now_2090),
            Some(2040)
        );
        // A 19xx reading before 1970 does not exist here.
        assert_eq!(year_of("Monday, 01-Jan-69 00:00:00 GMT", 0), None);
        assert_eq!(year_of("Monday, 01-Jan-20 00:00:00 GMT", 0), Some(2020));
    }

    #[test]
    fn civil_dates_round_trip() {
        for days in [0, 59, 60, 365, 10_956, 11_016, 20_454, 2_932_896] {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(days_since_epoch(year, month, day), days, "{days}");
        }
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
    }

    /// The parser against the `httpdate` crate (a dev-dependency only): a
    /// random instant is written by `httpdate::fmt_http_date` as an
    /// IMF-fixdate, and rewritten by hand (from that text's fields, not
    /// from our own calendar code) as RFC 850 and asctime dates; both
    /// parsers must read each text back as that instant.
    mod differential {
        use super::super::*;
        use super::NOW_MS;
        use proptest::prelude::*;
        use std::time::{Duration, SystemTime, UNIX_EPOCH};

        /// 9999-12-31T23:59:59Z, the last instant either side can write.
        const LAST_SECOND: u64 = 253_402_300_799;
        /// 1977-01-01T00:00:00Z to 2070-01-01T00:00:00Z. `httpdate` reads
        /// a two-digit year below 70 as 20xx and others as 19xx, a fixed
        /// window; RFC 9110 (and this parser) read it relative to now, so
        /// seen from NOW_MS (2026) 70-76 are 2070-2076 here and 1970-1976
        /// there. The two agree on 1977-2069, so RFC 850 dates are drawn
        /// there (the rest of the rule has its own unit test).
        const RFC850: std::ops::Range<u64> = 220_924_800..3_155_760_000;

        fn long_day(short: &str) -> &'static str {
            match short {
                "Mon" => "Monday",
                "Tue" => "Tuesday",
                "Wed" => "Wednesday",
                "Thu" => "Thursday",
                "Fri" => "Friday",
                "Sat" => "Saturday",
                _ => "Sunday",
            }
        }

        fn check(text: &str, secs: u64) -> Result<(), TestCaseError> {
            let theirs = httpdate::parse_http_date(text)
                .ok()
                .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
                .map(|d| d.as_secs() * 1000);
            prop_assert_eq!(http_date_ms(text, NOW_MS), theirs, "{}", text);
            prop_assert_eq!(theirs, Some(secs * 1000), "{}", text);
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn reads_dates_as_httpdate_does(
                secs in 0..=LAST_SECOND,
                rfc850_secs in RFC850,
            ) {
                let imf = httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(secs));
                check(&imf, secs)?;
                // "Sun, 06 Nov 1994 08:49:37 GMT": fields at fixed offsets.
                let (weekday, day, month, year, clock) =
                    (&imf[0..3], &imf[5..7], &imf[8..11], &imf[12..16], &imf[17..25]);
                let day_padded = format!("{:>2}", day.trim_start_matches('0'));
                check(&format!("{weekday} {month} {day_padded} {clock} {year}"), secs)?;

                let imf = httpdate::fmt_http_date(SystemTime::UNIX_EPOCH + Duration::from_secs(rfc850_secs));
                let (weekday, day, month, year, clock) =
                    (&imf[0..3], &imf[5..7], &imf[8..11], &imf[14..16], &imf[17..25]);
                check(&format!("{}, {day}-{month}-{year} {clock} GMT", long_day(weekday)), rfc850_secs)?;
            }
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
                error.failure(Situation::Request).kind.as_str(),
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
            let reply = error.failure(situation).english();
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
        let reply = error.failure(Situation::GaveUp).english();
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

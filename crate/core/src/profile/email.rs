//! The one check of what an email address looks like, shared by the
//! extractor (is this `mailto:` the candidate's?), the review form (is the
//! typed address plausible?) and the settings (the recruiter's login).
//!
//! Plausible, not RFC 5322: one `@` with text on both sides, a dotted
//! domain, no whitespace, control or markup characters. Enough to catch
//! typos and header injection; Greenhouse judges the rest.

/// Longest address kept (RFC 5321's path limit).
const MAX_EMAIL_CHARS: usize = 254;

/// Whether `address` is a plausible email address.
pub fn is_email_address(address: &str) -> bool {
    match address.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && address.chars().count() <= MAX_EMAIL_CHARS
                && !address.chars().any(|c| {
                    c.is_whitespace()
                        || c.is_control()
                        || matches!(c, '<' | '>' | '"' | '(' | ')' | ',')
                })
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_addresses() {
        for good in ["ada@example.com", "a.b+tag@mail.example.co.uk", "x@y.z"] {
            assert!(is_email_address(good), "{good}");
        }
        for bad in [
            "",
            "ada",
            "@example.com",
            "ada@",
            "ada@localhost",
            "ada@.example.com",
            "ada@example.com.",
            "ada@b@example.com",
            "ada lovelace@example.com",
            "ada@example.com\r\nBcc: x@y.z",
            "<ada@example.com>",
        ] {
            assert!(!is_email_address(bad), "{bad:?}");
        }
        assert!(!is_email_address(&format!(
            "{}@example.com",
            "a".repeat(250)
        )));
    }
}

//! Which links from Greenhouse the extension shows or opens: only `https`
//! addresses on a `greenhouse.io` host. Greenhouse's answer is data from
//! the network; a `javascript:` address or another host in its
//! `profile_url` is never linked.

use crate::page::url::{host, host_is, split_url};

/// `url` when it is an `https` address on `greenhouse.io` or one of its
/// subdomains, with nothing a browser could read differently from this
/// check (a backslash, whitespace or control characters, userinfo).
pub fn greenhouse_link(url: &str) -> Option<&str> {
    if url
        .chars()
        .any(|c| c == '\\' || c.is_whitespace() || c.is_control())
    {
        return None;
    }
    let parts = split_url(url);
    let https = parts
        .scheme
        .is_some_and(|s| s.eq_ignore_ascii_case("https"));
    let authority = parts.authority?;
    if !https || authority.contains('@') {
        return None;
    }
    let host = host(url)?;
    host_is(&host, "greenhouse.io").then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_greenhouse_addresses_are_links() {
        let cases = [
            ("https://app.greenhouse.io/people/17681532", true),
            ("https://app.greenhouse.io/people/1?application_id=2", true),
            ("https://greenhouse.io/x", true),
            ("HTTPS://app.greenhouse.io/people/1", true),
            ("https://app.greenhouse.io:443/people/1", true),
            ("http://app.greenhouse.io/people/1", false),
            ("javascript:alert(1)//app.greenhouse.io", false),
            ("javascript://app.greenhouse.io/%0aalert(1)", false),
            ("data:text/html,<script>alert(1)</script>", false),
            ("https://evil.example/people/1", false),
            ("https://app.greenhouse.io.evil.example/people/1", false),
            ("https://evilgreenhouse.io/people/1", false),
            ("https://evil.example\\@app.greenhouse.io/", false),
            ("https://user@app.greenhouse.io/", false),
            ("https://app.greenhouse.io/ people", false),
            ("//app.greenhouse.io/people/1", false),
            ("/people/1", false),
            ("", false),
        ];
        for (url, linked) in cases {
            assert_eq!(greenhouse_link(url).is_some(), linked, "{url:?}");
        }
    }
}

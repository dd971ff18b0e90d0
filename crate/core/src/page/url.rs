//! URLs as a page writes them: a small RFC 3986 splitter and relative
//! reference resolver (no `url` crate: the WebAssembly ships to every page),
//! percent-decoding, query parameters and host matching.
//!
//! Nothing here fetches anything or reads a page. The resolver is checked
//! against the `url` crate by a differential property test.

/// The five components of a URI reference (RFC 3986 §3), borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrlParts<'a> {
    /// Scheme without `:`, e.g. `https`.
    pub scheme: Option<&'a str>,
    /// Authority without `//`, e.g. `app.purpose.jobs:8443`.
    pub authority: Option<&'a str>,
    /// Path, possibly empty.
    pub path: &'a str,
    /// Query without `?`.
    pub query: Option<&'a str>,
    /// Fragment without `#`.
    pub fragment: Option<&'a str>,
}

/// Splits a URI reference into its components (the regular expression of
/// RFC 3986 Appendix B, by hand). Never fails: every string is a reference.
pub fn split_url(url: &str) -> UrlParts<'_> {
    let (rest, fragment) = match url.find('#') {
        Some(i) => (&url[..i], Some(&url[i + 1..])),
        None => (url, None),
    };
    let (rest, query) = match rest.find('?') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (scheme, rest) = match rest.find(':') {
        Some(i) if is_scheme(&rest[..i]) && !rest[..i].contains('/') => {
            (Some(&rest[..i]), &rest[i + 1..])
        }
        _ => (None, rest),
    };
    let (authority, path) = match rest.strip_prefix("//") {
        Some(after) => match after.find('/') {
            Some(i) => (Some(&after[..i]), &after[i..]),
            None => (Some(after), ""),
        },
        None => (None, rest),
    };
    UrlParts {
        scheme,
        authority,
        path,
        query,
        fragment,
    }
}

fn is_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => {
            chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        _ => false,
    }
}

/// Resolves `reference` (an `href` as written) against the absolute URL
/// `base`, as a browser would for http(s) pages (RFC 3986 §5.2 plus the
/// WHATWG URL standard's departures from it: whitespace trimmed, `\` read
/// as `/` before the query, any run of slashes before an authority, a
/// same-scheme `http:g` read as relative, `%2e` as a dot segment, the
/// default port dropped). Scheme and host come back in lowercase, an empty
/// http(s) path as `/`. `None` when `base` has no scheme.
pub fn resolve_url(base: &str, reference: &str) -> Option<String> {
    let trimmed = reference.trim_matches(|c: char| c <= ' ');
    let reference: String = match trimmed.contains(['\t', '\n', '\r']) {
        true => trimmed
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect(),
        false => trimmed.to_string(),
    };
    let base_parts = split_url(base);
    let base_scheme = base_parts.scheme?;
    let probe = split_url(&reference);
    let reference = match is_special(probe.scheme.unwrap_or(base_scheme)) {
        true => special_form(&reference, probe.scheme, base_scheme),
        false => reference,
    };
    let r = split_url(&reference);
    let (scheme, authority, path, query) = match (r.scheme, r.authority) {
        (Some(scheme), _) => (scheme, r.authority, remove_dot_segments(r.path), r.query),
        (None, Some(authority)) => (
            base_scheme,
            Some(authority),
            remove_dot_segments(r.path),
            r.query,
        ),
        (None, None) => {
            // A browser's base URL is already normalised; normalise ours
            // the same way before merging.
            let base_path = remove_dot_segments(base_parts.path);
            let (path, query) = match (r.path.is_empty(), r.path.starts_with('/')) {
                (true, _) => (base_path, r.query.or(base_parts.query)),
                (false, true) => (remove_dot_segments(r.path), r.query),
                (false, false) => {
                    let merged = merge_paths(base_parts.authority.is_some(), &base_path, r.path);
                    (remove_dot_segments(&merged), r.query)
                }
            };
            (base_scheme, base_parts.authority, path, query)
        }
    };
    let scheme = scheme.to_ascii_lowercase();
    let mut out = String::with_capacity(reference.len() + base.len());
    out.push_str(&scheme);
    out.push(':');
    if let Some(authority) = authority {
        out.push_str("//");
        out.push_str(&normalise_authority(authority, &scheme));
    }
    match path.is_empty() && authority.is_some() && is_special(&scheme) {
        true => out.push('/'),
        false => push_encoded(&mut out, &path),
    }
    if let Some(q) = query {
        out.push('?');
        push_encoded(&mut out, q);
    }
    if let Some(f) = r.fragment {
        out.push('#');
        push_encoded(&mut out, f);
    }
    Some(out)
}

/// Rewrites a reference read with a special (http/https) scheme into the
/// RFC 3986 reference a browser reads it as: `\` is `/` before the query
/// or fragment; a run of two or more slashes starts an authority however
/// long it is; `http:g` against an `http:` base is the relative `g`; a
/// scheme other than the base's always starts an authority (`https:g` is
/// `https://g`).
fn special_form(reference: &str, scheme: Option<&str>, base_scheme: &str) -> String {
    let end = reference.find(['?', '#']).unwrap_or(reference.len());
    let head = reference[..end].replace('\\', "/");
    let tail = &reference[end..];
    let (scheme, rest) = match scheme {
        Some(scheme) => (Some(scheme), &head[scheme.len() + 1..]),
        None => (None, &head[..]),
    };
    let authority = |prefix: &str| format!("{prefix}//{}{tail}", rest.trim_start_matches('/'));
    match scheme {
        Some(s) if !s.eq_ignore_ascii_case(base_scheme) => authority(&format!("{s}:")),
        _ if rest.starts_with("//") => {
            authority(&scheme.map(|s| format!("{s}:")).unwrap_or_default())
        }
        // `http:a:b` is the path `a:b`, not the scheme `a`.
        Some(_) if split_url(rest).scheme.is_some() => format!("./{rest}{tail}"),
        _ => format!("{rest}{tail}"),
    }
}
/// Percent-encodes what a browser encodes in a path, query or fragment
/// (ASCII controls, space, `"`, `<`, `>`, `` ` ``, `{`, `}`), so a URL never
/// carries markup characters. Non-ASCII stays as written.
fn push_encoded(out: &mut String, part: &str) {
    let needs = |b: u8| b <= 0x20 || matches!(b, b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | 0x7f);
    if !part.bytes().any(needs) {
        out.push_str(part);
        return;
    }
    for c in part.chars() {
        match c {
            '\u{0}'..='\u{20}' | '"' | '<' | '>' | '`' | '{' | '}' | '\u{7f}' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c => out.push(c),
        }
    }
}

fn is_special(scheme: &str) -> bool {
    scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
}

/// The authority with its host in lowercase and, for http(s), a default or
/// empty port dropped and a numeric port written without leading zeros.
fn normalise_authority(authority: &str, scheme: &str) -> String {
    let (userinfo, host_port) = match authority.rfind('@') {
        Some(i) => (&authority[..=i], &authority[i + 1..]),
        None => ("", authority),
    };
    let host_port = host_port.to_ascii_lowercase();
    let port_at = host_port
        .rfind(':')
        .filter(|&i| !host_port[i..].contains(']'));
    let (host, port) = match port_at {
        Some(i) if is_special(scheme) => (&host_port[..i], &host_port[i + 1..]),
        _ => (&host_port[..], ""),
    };
    let default = match scheme {
        "http" => 80,
        _ => 443,
    };
    match (port.is_empty(), port.parse::<u16>()) {
        (true, _) => format!("{userinfo}{host}"),
        (false, Ok(p)) if p == default => format!("{userinfo}{host}"),
        (false, Ok(p)) => format!("{userinfo}{host}:{p}"),
        (false, Err(_)) => format!("{userinfo}{host_port}"),
    }
}

fn merge_paths(base_has_authority: bool, base_path: &str, reference_path: &str) -> String {
    match (
        base_has_authority && base_path.is_empty(),
        base_path.rfind('/'),
    ) {
        (true, _) => format!("/{reference_path}"),
        (false, Some(i)) => format!("{}{}", &base_path[..=i], reference_path),
        (false, None) => reference_path.to_string(),
    }
}

/// 1 for a `.` segment, 2 for `..`, 0 otherwise; like a browser, `%2e` (any
/// case) counts as a dot.
fn dots(segment: &str) -> usize {
    match segment.len() > 6 || !segment.starts_with(['.', '%']) {
        true => 0,
        false => match segment.to_ascii_lowercase().replace("%2e", ".").as_str() {
            "." => 1,
            ".." => 2,
            _ => 0,
        },
    }
}

/// RFC 3986 §5.2.4 (with [`dots`] deciding what a dot segment is).
fn remove_dot_segments(path: &str) -> String {
    if !path.split('/').any(|s| dots(s) > 0) {
        return path.to_string();
    }
    let absolute = path.starts_with('/');
    let rest = path.strip_prefix('/').unwrap_or(path);
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    let mut output: Vec<&str> = Vec::with_capacity(segments.len());
    for (i, segment) in segments.iter().enumerate() {
        // A dot segment at the end leaves the path ending in `/`.
        match dots(segment) {
            2 => {
                output.pop();
            }
            1 => {}
            _ => output.push(segment),
        }
        if i == last && dots(segment) > 0 {
            output.push("");
        }
    }
    let mut out = String::with_capacity(path.len());
    if absolute {
        out.push('/');
    }
    out.push_str(&output.join("/"));
    out
}

/// The host of an absolute URL, ASCII lowercase, without userinfo, port or
/// a trailing dot.
pub fn host(url: &str) -> Option<String> {
    let authority = split_url(url).authority?;
    let host = match authority.rfind('@') {
        Some(i) => &authority[i + 1..],
        None => authority,
    };
    let host = match host.starts_with('[') {
        true => host,
        false => host.split(':').next().unwrap_or(host),
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    match host.is_empty() {
        true => None,
        false => Some(host),
    }
}

/// True when `host` is `domain` or one of its subdomains.
pub fn host_is(host: &str, domain: &str) -> bool {
    host == domain
        || (host.len() > domain.len()
            && host.ends_with(domain)
            && host.as_bytes()[host.len() - domain.len() - 1] == b'.')
}

/// True for an absolute `http:` or `https:` URL with a host.
pub fn is_web_url(url: &str) -> bool {
    let parts = split_url(url);
    parts.scheme.is_some_and(is_special) && host(url).is_some()
}

/// Decodes `%XX` escapes (invalid escapes are kept as written; invalid
/// UTF-8 becomes U+FFFD).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if h.is_ascii_hexdigit() && l.is_ascii_hexdigit() => {
                out.push(hex_value(h) * 16 + hex_value(l));
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => 0,
    }
}

/// The value of query parameter `name` (first occurrence, `+` as space,
/// percent-decoded).
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let query = split_url(url).query?;
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match percent_decode(&key.replace('+', " ")) == name {
            true => Some(percent_decode(&value.replace('+', " "))),
            false => None,
        }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const BASE: &str = "http://a/b/c/d;p?q";

    #[test]
    fn resolves_rfc3986_examples() {
        // RFC 3986 §5.4.1 and §5.4.2 (with http's empty path as "/").
        let cases = [
            ("g:h", "g:h"),
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g/"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            ("g?y#s", "http://a/b/c/g?y#s"),
            (";x", "http://a/b/c/;x"),
            ("g;x", "http://a/b/c/g;x"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("../../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("/../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            (".g", "http://a/b/c/.g"),
            ("g..", "http://a/b/c/g.."),
            ("..g", "http://a/b/c/..g"),
            ("./../g", "http://a/b/g"),
            ("./g/.", "http://a/b/c/g/"),
            ("g/./h", "http://a/b/c/g/h"),
            ("g/../h", "http://a/b/c/h"),
            ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
            ("g;x=1/../y", "http://a/b/c/y"),
            ("g?y/./x", "http://a/b/c/g?y/./x"),
            ("g#s/../x", "http://a/b/c/g#s/../x"),
        ];
        for (reference, expected) in cases {
            assert_eq!(
                resolve_url(BASE, reference).as_deref(),
                Some(expected),
                "{reference}"
            );
        }
    }

    #[test]
    fn resolves_like_a_browser() {
        let base = "https://app.purpose.jobs/candidates/48213?tab=profile";
        let cases = [
            (
                "/static/resume.pdf",
                "https://app.purpose.jobs/static/resume.pdf",
            ),
            (
                "resume.pdf",
                "https://app.purpose.jobs/candidates/resume.pdf",
            ),
            (
                "  /files/cv.docx \n",
                "https://app.purpose.jobs/files/cv.docx",
            ),
            ("HTTPS://GitHub.COM/Ada", "https://github.com/Ada"),
            ("https://example.com", "https://example.com/"),
            ("//cdn.purpose.jobs/r.pdf", "https://cdn.purpose.jobs/r.pdf"),
            ("\\static\\a.pdf", "https://app.purpose.jobs/static/a.pdf"),
            ("mailto:x@y.z", "mailto:x@y.z"),
            (
                "/a b?q=\"><script>#`x`",
                "https://app.purpose.jobs/a%20b?q=%22%3E%3Cscript%3E#%60x%60",
            ),
        ];
        for (reference, expected) in cases {
            assert_eq!(
                resolve_url(base, reference).as_deref(),
                Some(expected),
                "{reference}"
            );
        }
        assert_eq!(resolve_url("/relative/base", "x"), None);
    }

    #[test]
    fn finds_hosts() {
        assert_eq!(
            host("https://User@WWW.LinkedIn.com:443/in/x").as_deref(),
            Some("www.linkedin.com")
        );
        assert_eq!(host("mailto:a@b.c"), None);
        assert!(host_is("gist.github.com", "github.com"));
        assert!(!host_is("notgithub.com", "github.com"));
        assert!(!host_is("github.com.evil.io", "github.com"));
    }

    #[test]
    fn reads_query_params() {
        let url = "https://app.purpose.jobs/search?q=rust+dev&candidate=9f1c%2D2&x";
        assert_eq!(query_param(url, "candidate").as_deref(), Some("9f1c-2"));
        assert_eq!(query_param(url, "q").as_deref(), Some("rust dev"));
        assert_eq!(query_param(url, "x").as_deref(), Some(""));
        assert_eq!(query_param(url, "y"), None);
    }

    #[test]
    fn percent_decodes() {
        assert_eq!(percent_decode("a%40b%2Ec"), "a@b.c");
        assert_eq!(percent_decode("%E2%80%94%zz%"), "—%zz%");
    }

    #[test]
    fn resolves_like_a_browser_where_rfc3986_does_not() {
        // Each found by the differential test below against the `url` crate.
        let base = "https://app.purpose.jobs/candidates/48213?tab=profile";
        let cases = [
            // Any run of slashes (or backslashes) starts an authority.
            ("///evil.example/x", "https://evil.example/x"),
            ("\\\\\\evil.example", "https://evil.example/"),
            ("/\\evil.example/x", "https://evil.example/x"),
            ("https:////evil.example/x", "https://evil.example/x"),
            // A same-scheme reference without slashes is relative; another
            // special scheme always names a host.
            (
                "https:resume.pdf",
                "https://app.purpose.jobs/candidates/resume.pdf",
            ),
            ("https:/r.pdf", "https://app.purpose.jobs/r.pdf"),
            ("http:cdn.example/r.pdf", "http://cdn.example/r.pdf"),
            ("https:a:80", "https://app.purpose.jobs/candidates/a:80"),
            // Backslashes are slashes only before the query.
            (
                "a\\b?x\\y#z\\w",
                "https://app.purpose.jobs/candidates/a/b?x\\y#z\\w",
            ),
            // An empty segment survives a dot segment after it.
            ("..//.", "https://app.purpose.jobs//"),
            ("a//..", "https://app.purpose.jobs/candidates/a/"),
            // %2e is a dot in a dot segment.
            ("%2e%2E/x", "https://app.purpose.jobs/x"),
            ("a/.%2e/%2E/b", "https://app.purpose.jobs/candidates/b"),
            (
                "%2ex/%2e%2e%2e",
                "https://app.purpose.jobs/candidates/%2ex/%2e%2e%2e",
            ),
            // The default port is dropped, an explicit one normalised.
            ("https://cdn.example:443/a", "https://cdn.example/a"),
            ("//cdn.example:/a", "https://cdn.example/a"),
            ("http://cdn.example:80", "http://cdn.example/"),
            ("http://cdn.example:443/", "http://cdn.example:443/"),
            ("//cdn.example:08443/", "https://cdn.example:8443/"),
        ];
        for (reference, expected) in cases {
            assert_eq!(
                resolve_url(base, reference).as_deref(),
                Some(expected),
                "{reference}"
            );
        }
        // A base is normalised before a relative reference is merged in.
        assert_eq!(
            resolve_url("http://a/b/c/..", "g").as_deref(),
            Some("http://a/b/g")
        );
        assert_eq!(
            resolve_url("http://a/b/./c?q", "#f").as_deref(),
            Some("http://a/b/c?q#f")
        );
    }

    /// The resolver and splitter against the `url` crate (WHATWG URL
    /// parsing, as browsers do; a dev-dependency only). Where both give a
    /// URL they must agree, up to these known differences, each normalised
    /// away by [`same_as_browser`] or kept out of the generator:
    ///
    /// - Non-ASCII in a path, query or fragment: the `url` crate
    ///   percent-encodes it as UTF-8, we keep it as written (the page's
    ///   text). Normalised by encoding it on both sides.
    /// - `'` in a query: the `url` crate encodes it (special-scheme query
    ///   set), we keep it. `` ` ``, `{`, `}` in a query or fragment: we
    ///   encode them (no markup characters in a URL), the `url` crate does
    ///   not. Normalised by encoding them on both sides.
    /// - Hosts are ASCII in the generator: the `url` crate IDNA-encodes and
    ///   percent-decodes hosts and rejects some; we only lowercase. No
    ///   userinfo (it is percent-encoded there) and no IP literals (the
    ///   `url` crate rewrites them).
    /// - Non-special absolute references are `mailto:` only: the `url`
    ///   crate keeps opaque paths and non-special hosts as written where we
    ///   apply RFC 3986 dot removal and lowercasing.
    /// - Where the `url` crate fails (an invalid port, an empty host) we
    ///   may still return a URL; those cases are not compared.
    mod differential {
        use super::super::*;
        use proptest::prelude::*;
        use proptest::sample::select;

        fn encode_known_differences(url: &str) -> String {
            let mut out = String::with_capacity(url.len());
            for c in url.chars() {
                match c {
                    '\'' | '`' | '{' | '}' => out.push_str(&format!("%{:02X}", c as u32)),
                    c if !c.is_ascii() => {
                        let mut bytes = [0; 4];
                        for b in c.encode_utf8(&mut bytes).bytes() {
                            out.push_str(&format!("%{b:02X}"));
                        }
                    }
                    c => out.push(c),
                }
            }
            out
        }

        fn same_as_browser(ours: &str, theirs: &str) -> bool {
            encode_known_differences(ours) == encode_known_differences(theirs)
        }

        fn authority() -> impl Strategy<Value = String> {
            let label = "[a-zA-Z0-9]([a-zA-Z0-9-]{0,6}[a-zA-Z0-9])?";
            // The last label starts with a letter: an all-numeric one makes
            // the `url` crate read an IPv4 address.
            (
                proptest::collection::vec(label, 0..3),
                "[a-zA-Z][a-zA-Z0-9]{0,5}",
                select(vec!["", ".", ":80", ":443", ":8080", ":08443", ":"]),
            )
                .prop_map(|(labels, last, port)| {
                    let mut host: String = labels.iter().map(|l| format!("{l}.")).collect();
                    host.push_str(&last);
                    host.push_str(port);
                    host
                })
        }

        const SEGMENTS: &[&str] = &[
            "..",
            ".",
            "%2e",
            "%2E%2e",
            ".%2E",
            "%2e.",
            "...",
            "..g",
            "g..",
            ".g",
            "a",
            "B",
            "g;x=1",
            "%41",
            "%zz",
            "%",
            "é",
            "日本",
            "x y",
            "'",
            "{}",
            "`",
            "<>",
            "\"",
            "|",
            "^",
            "~",
            "@",
            "",
            "index.html",
        ];
        const QUERY: &[&str] = &[
            "a",
            "q",
            "=",
            "&",
            "+",
            "%20",
            "%2B",
            "%zz",
            "é",
            " ",
            "'",
            "\\",
            "/",
            "..",
            "?",
            "{",
            "`",
            "\"",
            "<",
            "q=1",
            "a=b+c",
            "%E2%80%94",
            "%FF",
        ];

        /// Segments joined by `/` or `\`; never starts with a separator, so
        /// an authority comes only from a prefix.
        fn path() -> impl Strategy<Value = String> {
            proptest::collection::vec((select(SEGMENTS), select(vec!["/", "/", "\\"])), 0..6)
                .prop_map(|parts| {
                    let mut path = String::new();
                    for (i, (segment, separator)) in parts.iter().enumerate() {
                        if i > 0 {
                            path.push_str(separator);
                        }
                        // A leading empty segment would make "//".
                        match (i, *segment) {
                            (0, "") => path.push('.'),
                            _ => path.push_str(segment),
                        }
                    }
                    path
                })
        }

        fn tail(
            chars: &'static [&'static str],
            mark: &'static str,
        ) -> impl Strategy<Value = String> {
            proptest::option::of(proptest::collection::vec(select(chars), 0..5)).prop_map(
                move |part| match part {
                    Some(part) => format!("{mark}{}", part.concat()),
                    None => String::new(),
                },
            )
        }

        fn fragment_chars() -> &'static [&'static str] {
            &[
                "f", "#", "/", "..", " ", "é", "{", "}", "`", "'", "%41", "?x", "\\",
            ]
        }

        fn base() -> impl Strategy<Value = String> {
            (
                select(vec!["http", "https", "HTTP", "Https"]),
                authority(),
                proptest::collection::vec(select(SEGMENTS), 0..5),
                tail(QUERY, "?"),
                tail(fragment_chars(), "#"),
            )
                .prop_map(|(scheme, host, segments, query, fragment)| {
                    let path: String = segments.iter().map(|s| format!("/{s}")).collect();
                    // A base URL comes from location.href: no backslashes,
                    // no spaces (the url crate would trim a trailing one).
                    let path = path.replace('\\', "%5C");
                    format!("{scheme}://{host}{path}{query}{fragment}").replace(' ', "%20")
                })
        }

        fn reference() -> impl Strategy<Value = String> {
            let prefix = (
                select(vec![
                    "",
                    "",
                    "/",
                    "\\",
                    "./",
                    "../",
                    "../../",
                    "//",
                    "\\\\",
                    "///",
                    "/\\",
                    "\\/",
                    "http://",
                    "HTTPS://",
                    "https:////",
                    "http:",
                    "https:",
                    "http:/",
                    "https:\\",
                    "mailto:",
                ]),
                authority(),
            )
                .prop_map(|(prefix, host)| match prefix {
                    "" | "/" | "\\" | "./" | "../" | "../../" => prefix.to_string(),
                    // "mailto:a@b" then any path: an opaque path.
                    "mailto:" => "mailto:ada@example.org".to_string(),
                    // "http:host", "http:/host": relative against an http
                    // base, a host against an https one. Relative, "a:" (an
                    // empty port) would be a first path segment the url
                    // crate reads as a Windows drive letter even outside
                    // file: URLs, where browsers do not; so no empty port.
                    _ if !prefix.contains("//") => {
                        format!(
                            "{prefix}{}",
                            host.trim_end_matches(':').to_ascii_lowercase()
                        )
                    }
                    _ => format!("{prefix}{}", host.to_ascii_lowercase()),
                });
            let whitespace = select(vec!["", "", " ", "\t", "\n ", "\u{1}", "\u{c} "]);
            (
                prefix,
                path(),
                tail(QUERY, "?"),
                tail(fragment_chars(), "#"),
                whitespace.clone(),
                whitespace,
                any::<prop::sample::Index>(),
                select(vec!["", "\t", "\n", "\r\n"]),
            )
                .prop_map(|(prefix, path, query, fragment, lead, trail, at, inner)| {
                    let joint =
                        match prefix.ends_with(['/', '\\']) || prefix.is_empty() || path.is_empty()
                        {
                            true => "",
                            false => "/",
                        };
                    let mut reference = match prefix.starts_with("mailto:") {
                        // An opaque path: kept as written by the url crate.
                        true => prefix,
                        false => format!("{prefix}{joint}{path}{query}{fragment}"),
                    };
                    let boundaries: Vec<usize> = (0..=reference.len())
                        .filter(|&i| reference.is_char_boundary(i))
                        .collect();
                    reference.insert_str(boundaries[at.index(boundaries.len())], inner);
                    format!("{lead}{reference}{trail}")
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(3000))]

            #[test]
            fn resolves_as_the_url_crate_does(base in base(), reference in reference()) {
                let theirs = url::Url::parse(&base).and_then(|b| b.join(&reference));
                prop_assume!(theirs.is_ok());
                let theirs = theirs.unwrap();
                let ours = resolve_url(&base, &reference);
                prop_assert!(ours.is_some());
                let ours = ours.unwrap();
                prop_assert!(
                    same_as_browser(&ours, theirs.as_str()),
                    "base {:?} reference {:?}: ours {:?}, url crate {:?}",
                    base, reference, ours, theirs.as_str()
                );

                // The splitter, host and is_web_url on the url crate's own
                // serialisation.
                let text = theirs.as_str();
                let parts = split_url(text);
                prop_assert_eq!(parts.scheme, Some(theirs.scheme()));
                prop_assert_eq!(parts.query, theirs.query());
                prop_assert_eq!(parts.fragment, theirs.fragment());
                let web = matches!(theirs.scheme(), "http" | "https");
                if web {
                    prop_assert_eq!(parts.path, theirs.path());
                    let authority = match theirs.port() {
                        Some(port) => format!("{}:{port}", theirs.host_str().unwrap_or("")),
                        None => theirs.host_str().unwrap_or("").to_string(),
                    };
                    prop_assert_eq!(parts.authority, Some(authority.as_str()));
                    // Ours drops a trailing dot from the host.
                    let their_host = theirs.host_str().map(|h| h.trim_end_matches('.').to_string());
                    prop_assert_eq!(host(text), their_host.filter(|h| !h.is_empty()));
                    prop_assert_eq!(host(&ours), host(text));
                }
                // A host of dots only ("http:/.." names the host "..") is
                // no host to us.
                let named = theirs.host_str().is_some_and(|h| !h.trim_end_matches('.').is_empty());
                prop_assert_eq!(is_web_url(text), web && named);
                prop_assert_eq!(is_web_url(&ours), web && named);

                // Query parameters as form_urlencoded reads them.
                for name in ["a", "q", "a b", "é", "q=1"] {
                    let expected = theirs
                        .query_pairs()
                        .find(|(key, _)| key == name)
                        .map(|(_, value)| value.into_owned());
                    prop_assert_eq!(query_param(text, name), expected, "{}", name);
                }
            }

            #[test]
            fn percent_decodes_as_percent_encoding_does(
                parts in proptest::collection::vec(
                    select(vec!["%", "%4", "%41", "%e2", "%80%94", "%E2%80%94", "%FF", "%zz", "a", "é", "+", " "]),
                    0..10,
                )
            ) {
                let text = parts.concat();
                let expected = percent_encoding::percent_decode_str(&text).decode_utf8_lossy().into_owned();
                prop_assert_eq!(percent_decode(&text), expected);
            }
        }
    }
}

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
/// browser's trimming of whitespace and its reading of `\` as `/`).
/// Scheme and host come back in lowercase, an empty http(s) path as `/`.
/// `None` when `base` has no scheme.
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
    let special = is_special(probe.scheme.unwrap_or(base_scheme));
    let reference = match special && reference.contains('\\') {
        true => reference.replace('\\', "/"),
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
            let (path, query) = match (r.path.is_empty(), r.path.starts_with('/')) {
                (true, _) => (base_parts.path.to_string(), r.query.or(base_parts.query)),
                (false, true) => (remove_dot_segments(r.path), r.query),
                (false, false) => {
                    let merged =
                        merge_paths(base_parts.authority.is_some(), base_parts.path, r.path);
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
        out.push_str(&lowercase_host(authority));
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

fn lowercase_host(authority: &str) -> String {
    match authority.rfind('@') {
        Some(i) => format!(
            "{}@{}",
            &authority[..i],
            authority[i + 1..].to_ascii_lowercase()
        ),
        None => authority.to_ascii_lowercase(),
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

/// RFC 3986 §5.2.4.
fn remove_dot_segments(path: &str) -> String {
    if !path.split('/').any(|s| s == "." || s == "..") {
        return path.to_string();
    }
    let mut output: Vec<&str> = Vec::new();
    let absolute = path.starts_with('/');
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    let mut trailing_slash = false;
    for (i, segment) in segments.iter().enumerate() {
        if i == 0 && absolute {
            continue;
        }
        match *segment {
            "." => trailing_slash = i == last,
            ".." => {
                output.pop();
                trailing_slash = i == last;
            }
            s => {
                output.push(s);
                trailing_slash = false;
            }
        }
    }
    let mut out = String::with_capacity(path.len());
    if absolute {
        out.push('/');
    }
    out.push_str(&output.join("/"));
    if trailing_slash && !out.ends_with('/') {
        out.push('/');
    }
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
}

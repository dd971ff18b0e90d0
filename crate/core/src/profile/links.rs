//! The classification of a profile link into a [`LinkKind`]: social
//! networks, blogs, portfolios and personal pages by host, then by the
//! link's visible label, then by its path.
//!
//! Nothing here fetches anything or reads a page; classification looks at the
//! URL and at the link's visible label only. URL syntax is [`crate::page::url`].

use crate::page::case::fold;
use crate::page::url::{host, host_is, split_url};
use crate::profile::LinkKind;

/// Social networks by domain (subdomains included).
const SOCIAL_HOSTS: &[(&str, LinkKind)] = &[
    ("linkedin.com", LinkKind::Linkedin),
    ("lnkd.in", LinkKind::Linkedin),
    ("github.com", LinkKind::Github),
    ("twitter.com", LinkKind::Twitter),
    ("x.com", LinkKind::Twitter),
    ("dribbble.com", LinkKind::Dribbble),
    ("behance.net", LinkKind::Behance),
    ("stackoverflow.com", LinkKind::StackOverflow),
    ("stackexchange.com", LinkKind::StackOverflow),
    ("superuser.com", LinkKind::StackOverflow),
    ("serverfault.com", LinkKind::StackOverflow),
    ("askubuntu.com", LinkKind::StackOverflow),
    ("medium.com", LinkKind::Medium),
    ("instagram.com", LinkKind::OtherSocial),
    ("facebook.com", LinkKind::OtherSocial),
    ("threads.net", LinkKind::OtherSocial),
    ("bsky.app", LinkKind::OtherSocial),
    ("mastodon.social", LinkKind::OtherSocial),
    ("mastodon.online", LinkKind::OtherSocial),
    ("youtube.com", LinkKind::OtherSocial),
    ("tiktok.com", LinkKind::OtherSocial),
    ("gitlab.com", LinkKind::OtherSocial),
    ("bitbucket.org", LinkKind::OtherSocial),
    ("codepen.io", LinkKind::OtherSocial),
    ("kaggle.com", LinkKind::OtherSocial),
    ("angel.co", LinkKind::OtherSocial),
    ("wellfound.com", LinkKind::OtherSocial),
    ("producthunt.com", LinkKind::OtherSocial),
    ("artstation.com", LinkKind::OtherSocial),
    ("deviantart.com", LinkKind::OtherSocial),
    ("vimeo.com", LinkKind::OtherSocial),
    ("twitch.tv", LinkKind::OtherSocial),
    ("reddit.com", LinkKind::OtherSocial),
    ("pinterest.com", LinkKind::OtherSocial),
    ("huggingface.co", LinkKind::OtherSocial),
    ("leetcode.com", LinkKind::OtherSocial),
    ("hackerrank.com", LinkKind::OtherSocial),
    ("threads.com", LinkKind::OtherSocial),
];

/// Blog platforms by domain.
const BLOG_HOSTS: &[&str] = &[
    "substack.com",
    "wordpress.com",
    "blogspot.com",
    "ghost.io",
    "hashnode.dev",
    "dev.to",
    "tumblr.com",
    "blogger.com",
];

/// Portfolio builders by domain.
const PORTFOLIO_HOSTS: &[&str] = &[
    "myportfolio.com",
    "cargo.site",
    "carbonmade.com",
    "format.com",
    "crevado.com",
    "journoportfolio.com",
    "contently.com",
    "clippings.me",
];

/// Personal-page hosts by domain.
const PERSONAL_HOSTS: &[&str] = &[
    "github.io",
    "about.me",
    "gitlab.io",
    "netlify.app",
    "vercel.app",
];

/// The kind of a profile link, from its URL's host first and then from its
/// label (link text, `aria-label`, `title` and the label of the row it sits
/// in, in any case), then from its path.
pub fn classify_link(url: &str, label: &str) -> LinkKind {
    let host = host(url).unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    if let Some((_, kind)) = SOCIAL_HOSTS.iter().find(|(d, _)| host_is(host, d)) {
        return *kind;
    }
    let label = fold(label);
    let has_word = |words: &[&str]| words.iter().any(|w| label.contains(w));
    // Self-hosted networks (Mastodon instances) are known by their label.
    if has_word(&[
        "mastodon",
        "bluesky",
        "instagram",
        "threads",
        "youtube",
        "tiktok",
        "facebook",
    ]) {
        return LinkKind::OtherSocial;
    }
    if has_word(&["portfolio", "work samples", "case stud"]) {
        return LinkKind::Portfolio;
    }
    if has_word(&["blog", "newsletter", "writing"]) {
        return LinkKind::Blog;
    }
    if has_word(&[
        "personal",
        "website",
        "homepage",
        "home page",
        "web site",
        "site",
    ]) {
        return LinkKind::PersonalSite;
    }
    let path = split_url(url).path.to_ascii_lowercase();
    match () {
        _ if BLOG_HOSTS.iter().any(|d| host_is(host, d))
            || host.starts_with("blog.")
            || path.starts_with("/blog") =>
        {
            LinkKind::Blog
        }
        _ if PORTFOLIO_HOSTS.iter().any(|d| host_is(host, d))
            || host.contains("portfolio")
            || path.contains("portfolio") =>
        {
            LinkKind::Portfolio
        }
        _ if PERSONAL_HOSTS.iter().any(|d| host_is(host, d)) => LinkKind::PersonalSite,
        _ => LinkKind::OtherWebsite,
    }
}

/// True when the URL's path names a document (`.pdf`, `.doc`, `.docx`,
/// `.odt`, `.rtf`, `.pages`).
pub fn is_document_url(url: &str) -> bool {
    let path = split_url(url).path.to_ascii_lowercase();
    [".pdf", ".doc", ".docx", ".odt", ".rtf", ".pages"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_links() {
        use LinkKind::*;
        let cases = [
            ("https://www.linkedin.com/in/ada", "", Linkedin),
            ("https://uk.linkedin.com/in/ada", "", Linkedin),
            ("https://github.com/ada", "Portfolio", Github),
            ("https://x.com/ada", "", Twitter),
            ("https://mobile.twitter.com/ada", "", Twitter),
            ("https://dribbble.com/ada", "", Dribbble),
            ("https://www.behance.net/ada", "", Behance),
            ("https://stackoverflow.com/users/1/ada", "", StackOverflow),
            ("https://ada.medium.com/", "", Medium),
            ("https://mastodon.social/@ada", "", OtherSocial),
            ("https://hachyderm.io/@ada", "Mastodon", OtherSocial),
            ("https://ada.dev/", "Portfolio", Portfolio),
            ("https://ada.dev/", "Personal website", PersonalSite),
            ("https://ada.dev/", "Blog", Blog),
            ("https://ada.substack.com/", "", Blog),
            ("https://ada.dev/blog/", "", Blog),
            ("https://ada.github.io/", "", PersonalSite),
            ("https://ada.myportfolio.com/", "", Portfolio),
            ("https://ada.dev/", "", OtherWebsite),
            ("https://notgithub.com/ada", "", OtherWebsite),
        ];
        for (url, label, expected) in cases {
            assert_eq!(classify_link(url, label), expected, "{url} {label}");
        }
    }

    #[test]
    fn recognises_documents() {
        assert!(is_document_url("https://a.b/files/Resume.PDF?sig=1"));
        assert!(is_document_url("https://a.b/cv.docx#page=2"));
        assert!(!is_document_url("https://a.b/pdf/viewer"));
    }
}

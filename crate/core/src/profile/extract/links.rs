//! The links: every profile link classified by host and label (social,
//! portfolio, blog, personal page, resume document) and the email address,
//! with the Purpose Jobs relay address recognised.

use super::*;

impl<'t, N> Reader<'t, N> {
    pub(super) fn read_links(
        &mut self,
        root: NodeId,
        hints: &[(NodeId, Label, String)],
        profile: &mut CandidateProfile,
    ) {
        let tree = self.tree;
        let page_host = host(&tree.url).unwrap_or_default();
        for id in root..tree.nodes[root].end {
            let Some(href) = tree.nodes[id].attrs.href.as_deref() else {
                continue;
            };
            if self.excluded[id] {
                continue;
            }
            let href = href.trim();
            let hint = hints.iter().find(|(k, _, _)| *k == id);
            let lower = href.to_ascii_lowercase();
            if lower.starts_with("mailto:") {
                self.read_email(href, profile);
                continue;
            }
            if href.is_empty()
                || href.starts_with('#')
                || lower.starts_with("tel:")
                || lower.starts_with("sms:")
            {
                continue;
            }
            let absolute = resolve_url(&tree.url, href).filter(|u| is_web_url(u));
            let Some(absolute) = absolute else {
                if hint.is_some() {
                    self.warnings.push(Warning::UnusableLink {
                        href: href.to_string(),
                    });
                }
                continue;
            };
            let label = tree.accessible_label(id);
            let resume_word = words(&label).any(|w| {
                matches!(
                    w.as_str(),
                    "resume" | "résumé" | "resumé" | "cv" | "curriculum"
                )
            });
            let is_resume = matches!(hint, Some((_, Label::Resume, _)))
                || tree.nodes[id].attrs.download
                || is_document_url(&absolute)
                || resume_word;
            if is_resume {
                match &profile.resume_url {
                    None => profile.resume_url = Some(absolute),
                    Some(first) if *first == absolute => {}
                    Some(_) => self
                        .warnings
                        .push(Warning::SeveralResumes { ignored: absolute }),
                }
                continue;
            }
            let link_host = host(&absolute).unwrap_or_default();
            if link_host == page_host || host_is(&link_host, "purpose.jobs") {
                continue;
            }
            let context = match hint {
                Some((_, _, row)) => format!("{row} {label}"),
                None => label,
            };
            let kind = match (classify_link(&absolute, &context), hint) {
                (kind, _) if kind.is_social() => kind,
                (_, Some((_, Label::Link(kind), _))) => *kind,
                (kind, _) => kind,
            };
            if !profile.links.iter().any(|l| l.url == absolute) {
                profile.links.push(ProfileLink {
                    url: absolute,
                    kind,
                });
            }
        }
    }

    pub(super) fn read_email(&mut self, href: &str, profile: &mut CandidateProfile) {
        let raw = &href[7..];
        let raw = raw.split('?').next().unwrap_or("");
        let decoded = percent_decode(raw);
        let address = decoded.split(',').next().unwrap_or("").trim().to_string();
        if !is_email_address(&address) {
            self.warnings.push(Warning::UnusableEmail {
                href: href.to_string(),
            });
            return;
        }
        match &profile.relay_email {
            None => profile.relay_email = Some(address),
            Some(first) if first.eq_ignore_ascii_case(&address) => {}
            Some(_) => self
                .warnings
                .push(Warning::SeveralEmails { ignored: address }),
        }
    }
}

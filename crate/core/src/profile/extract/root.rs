//! Finding the profile: its root element (the smallest region holding the
//! name heading and the labels) and the candidate's name, with what sits
//! right under it (pronouns, headline, title).

use super::*;

impl<'t, N> Reader<'t, N> {
    /// The element holding the profile, and the heading with the name.
    pub(super) fn profile_root(&self) -> (NodeId, Option<NodeId>) {
        let tree = self.tree;
        let n = tree.nodes.len();
        let mut mask = vec![0u32; n];
        for hit in &self.hits {
            mask[hit.node] |= hit.label.bit();
        }
        for (id, node) in tree.nodes.iter().enumerate() {
            let is_mailto = node
                .attrs
                .href
                .as_deref()
                .is_some_and(|h| h.trim().to_ascii_lowercase().starts_with("mailto:"));
            if is_mailto && !self.excluded[id] {
                mask[id] |= RELAY_EMAIL_BIT;
            }
        }
        for id in (1..n).rev() {
            if let Some(p) = tree.nodes[id].parent {
                mask[p] |= mask[id];
            }
        }
        let best = mask[0].count_ones();
        let fields_root = match best {
            0 => None,
            _ => (0..n)
                .filter(|&id| {
                    mask[id].count_ones() == best
                        && tree
                            .element_children(id)
                            .all(|c| mask[c].count_ones() < best)
                })
                .max_by_key(|&id| {
                    let hits = self
                        .hits
                        .iter()
                        .filter(|h| tree.contains(id, h.node))
                        .count();
                    (hits, std::cmp::Reverse(id))
                }),
        };
        let start = fields_root.unwrap_or_else(|| {
            (0..n)
                .find(|&id| {
                    (tree.tag(id) == "main" || tree.role(id) == "main") && !self.excluded[id]
                })
                .unwrap_or(0)
        });
        let headings: Vec<(NodeId, u8)> = (0..n)
            .filter_map(|id| self.name_heading_level(id).map(|l| (id, l)))
            .collect();
        let root = std::iter::once(start)
            .chain(tree.ancestors(start))
            .find(|&a| headings.iter().any(|&(h, _)| tree.contains(a, h)))
            .unwrap_or(start);
        let heading = headings
            .iter()
            .filter(|&&(h, _)| tree.contains(root, h))
            .min_by_key(|&&(h, level)| (level, h))
            .map(|&(h, _)| h);
        (root, heading)
    }

    /// The level of a heading that may hold a person's name.
    pub(super) fn name_heading_level(&self, id: NodeId) -> Option<u8> {
        let tree = self.tree;
        let tag = tree.tag(id);
        let level = match tag.as_bytes() {
            [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
            _ if tree.role(id) == "heading" => Some(
                tree.nodes[id]
                    .attrs
                    .aria_level
                    .as_deref()
                    .and_then(|l| l.trim().parse::<u8>().ok())
                    .unwrap_or(2)
                    .clamp(1, 6),
            ),
            _ => None,
        }?;
        if self.excluded[id]
            || !self.visible[id]
            || self.hit_at(id).is_some()
            || tree.nodes[id].text_chars > 400
        {
            return None;
        }
        let text = tree.text(id);
        match text.chars().count() <= 150
            && text.chars().any(char::is_alphabetic)
            && !is_generic_heading(&text)
        {
            true => Some(level),
            false => None,
        }
    }

    /// The name from its heading, with pronouns shown inside it split off.
    pub(super) fn read_name(&mut self, heading: NodeId, profile: &mut CandidateProfile) {
        let tree = self.tree;
        let pronoun_child = (heading + 1..tree.nodes[heading].end)
            .filter(|&k| tree.is_element(k) && self.visible[k])
            .find(|&k| as_pronouns(&tree.text(k)).is_some());
        let name = match pronoun_child {
            Some(child) => {
                profile.pronouns = as_pronouns(&tree.text(child));
                tree.text_without(heading, child)
            }
            None => {
                let text = tree.text(heading);
                // "Jane Doe (she/her)" as one text.
                match text.rfind('(').map(|i| text.split_at(i)) {
                    Some((name, tail))
                        if as_pronouns(tail).is_some() && !name.trim().is_empty() =>
                    {
                        profile.pronouns = as_pronouns(tail);
                        name.trim().to_string()
                    }
                    _ => text,
                }
            }
        };
        profile.full_name = limit_field(ProfileField::Name, name, &mut self.warnings);
    }

    /// Unlabelled lines right under the name: pronouns, a status badge and
    /// the headline ("Title at Company").
    pub(super) fn read_under_name(
        &mut self,
        heading: NodeId,
        root: NodeId,
        profile: &mut CandidateProfile,
    ) {
        let tree = self.tree;
        let end = tree.nodes[root].end;
        let mut k = tree.nodes[heading].end;
        let mut seen = 0;
        while k < end && seen < 4 {
            let node = &tree.nodes[k];
            if node.tag.is_none() || !self.visible[k] {
                k += 1;
                continue;
            }
            if self.excluded[k] {
                k = node.end;
                continue;
            }
            if self.interactive[k] || self.holds_label(k) {
                break;
            }
            if !self.is_leaf_block(k) {
                k += 1;
                continue;
            }
            let text = tree.text(k);
            seen += 1;
            k = node.end;
            if let (None, Some(pronouns)) = (&profile.pronouns, as_pronouns(&text)) {
                profile.pronouns = Some(pronouns);
                continue;
            }
            if is_status_phrase(&text) {
                if profile.job_search_status.is_none() {
                    profile.job_search_status = Some(text);
                }
                continue;
            }
            let initials = text.chars().count() <= 3 && text.chars().all(|c| c.is_uppercase());
            if initials || text.chars().count() > 200 {
                continue;
            }
            if let (None, Some((title, company))) = (&profile.title, split_headline(&text)) {
                if profile.company.is_none() {
                    profile.title = Some(title);
                    profile.company = Some(company);
                }
            }
            profile.headline = Some(limit_field(
                ProfileField::Headline,
                text,
                &mut self.warnings,
            ));
            break;
        }
    }
}

//! The labelled fields: for each label found, the region holding its value
//! (the next cell, the following sibling, the list under a heading) and the
//! value read out of it, as text, paragraphs or list items.

use super::*;

impl<'t, N> Reader<'t, N> {
    /// Reads every labelled field inside `root`; returns the link hints
    /// (link element → the label of the row it sits in).
    pub(super) fn read_labelled_fields(
        &mut self,
        root: NodeId,
        profile: &mut CandidateProfile,
    ) -> Vec<(NodeId, Label, String)> {
        let tree = self.tree;
        let hits: Vec<LabelHit> = self
            .hits
            .iter()
            .filter(|h| tree.contains(root, h.node))
            .cloned()
            .collect();
        let mut link_hints = Vec::new();
        for hit in hits {
            let region = self.region(&hit);
            if hit.label.is_links() {
                if let Region::Nodes(nodes) = &region {
                    for &node in nodes {
                        for k in node..tree.nodes[node].end {
                            if tree.nodes[k].attrs.href.is_some() {
                                link_hints.push((k, hit.label, hit.text.clone()));
                            }
                        }
                    }
                }
                continue;
            }
            match hit.label {
                Label::Skills => {
                    self.set_list(ProfileField::Skills, &region, true, &mut profile.skills)
                }
                Label::Values => {
                    self.set_list(ProfileField::Values, &region, true, &mut profile.values)
                }
                Label::Interests => self.set_list(
                    ProfileField::Interests,
                    &region,
                    true,
                    &mut profile.interests,
                ),
                Label::Locations => self.set_list(
                    ProfileField::TargetLocations,
                    &region,
                    false,
                    &mut profile.target_locations,
                ),
                Label::Summary => {
                    let value = self.paragraphs(&region);
                    self.set(ProfileField::Summary, value, &mut profile.summary);
                }
                Label::Experience => {
                    let value = self.scalar(&region);
                    match (&mut profile.experience, value) {
                        (Some(old), Some(new)) if *old != new => {
                            // Years and level are both experience: keep both.
                            old.push_str("; ");
                            old.push_str(&new);
                        }
                        (slot, value) => {
                            if slot.is_none() {
                                *slot = value.map(|v| {
                                    limit_field(ProfileField::Experience, v, &mut self.warnings)
                                });
                            }
                        }
                    }
                }
                Label::Pronouns => {
                    let value = self.scalar(&region);
                    self.set(ProfileField::Pronouns, value, &mut profile.pronouns);
                }
                Label::Salary => {
                    let value = self.scalar(&region);
                    self.set(ProfileField::SalaryRange, value, &mut profile.salary_range);
                }
                Label::Status => {
                    let value = self.scalar(&region);
                    self.set(
                        ProfileField::JobSearchStatus,
                        value,
                        &mut profile.job_search_status,
                    );
                }
                Label::Title => {
                    let value = self.scalar(&region);
                    self.set(ProfileField::Title, value, &mut profile.title);
                }
                Label::Company => {
                    let value = self.scalar(&region);
                    self.set(ProfileField::Company, value, &mut profile.company);
                }
                Label::Headline => {
                    let value = self.scalar(&region);
                    self.set(ProfileField::Headline, value, &mut profile.headline);
                }
                Label::Resume | Label::Links | Label::Link(_) => {}
            }
        }
        link_hints
    }

    /// Where the value of a label is: the `dd`s after a `dt`, the `td` after
    /// a `th`, the elements after a label or heading up to the next label or
    /// heading, or the text after the label in its parent.
    pub(super) fn region(&self, hit: &LabelHit) -> Region {
        let tree = self.tree;
        if let Some(text) = &hit.inline {
            return Region::Text(text.clone());
        }
        if hit.inside {
            return Region::Nodes(vec![hit.node]);
        }
        let siblings = tree.next_element_siblings(hit.node);
        let nodes: Vec<NodeId> = match tree.tag(hit.node) {
            "dt" => siblings
                .iter()
                .copied()
                .take_while(|&s| tree.tag(s) == "dd")
                .collect(),
            "th" => siblings
                .iter()
                .copied()
                .take(1)
                .filter(|&s| tree.tag(s) == "td")
                .collect(),
            _ => siblings
                .iter()
                .copied()
                .take_while(|&s| !self.holds_label(s) && !is_heading(tree, s))
                .filter(|&s| !self.excluded[s])
                .collect(),
        };
        if !nodes.is_empty() {
            return Region::Nodes(nodes);
        }
        // "<p><strong>Pronouns:</strong> they/them</p>".
        if let Some(parent) = tree.nodes[hit.node].parent {
            if tree.nodes[parent].text_chars <= MAX_INLINE_LABELLED_CHARS * 4 {
                let rest = tree.text_without(parent, hit.node);
                let rest = rest.trim_start_matches([':', '-', '–', '—', ' ']).trim();
                if !rest.is_empty() && tree.text(parent).starts_with(&hit.text) {
                    return Region::Text(rest.to_string());
                }
            }
        }
        Region::Nodes(Vec::new())
    }

    pub(super) fn scalar(&self, region: &Region) -> Option<String> {
        let text = match region {
            Region::Text(text) => text.clone(),
            Region::Nodes(nodes) => nodes
                .iter()
                .map(|&n| self.tree.text(n))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("; "),
        };
        match text.is_empty() {
            true => None,
            false => Some(text),
        }
    }

    pub(super) fn paragraphs(&self, region: &Region) -> Option<String> {
        let text = match region {
            Region::Text(text) => text.clone(),
            Region::Nodes(nodes) => self.items(nodes).join("\n\n"),
        };
        match text.is_empty() {
            true => None,
            false => Some(text),
        }
    }

    /// True when an element under `nodes` (or one of them) is a list item
    /// (`li`, `role="listitem"`).
    pub(super) fn has_list_item(&self, nodes: &[NodeId]) -> bool {
        let tree = self.tree;
        nodes.iter().any(|&node| {
            (node..tree.nodes[node].end.max(node + 1)).any(|id| {
                self.visible[id]
                    && tree.is_element(id)
                    && (tree.tag(id) == "li" || tree.role(id) == "listitem")
            })
        })
    }

    /// The texts of the items under `nodes`: list items, chips, or
    /// paragraphs; a container with one text-bearing child is looked
    /// through. Iterative: pages may nest deeply.
    pub(super) fn items(&self, nodes: &[NodeId]) -> Vec<String> {
        let tree = self.tree;
        let mut out = Vec::new();
        let mut stack: Vec<NodeId> = nodes.iter().rev().copied().collect();
        while let Some(id) = stack.pop() {
            if !self.visible[id] || self.excluded[id] || !tree.is_element(id) {
                continue;
            }
            let kids: Vec<NodeId> = tree
                .element_children(id)
                .filter(|&c| self.visible[c])
                .collect();
            let loose_text = tree.nodes[id]
                .children
                .iter()
                .any(|&c| !tree.is_element(c) && !tree.nodes[c].text.trim().is_empty());
            let phrasing_only = kids.iter().all(|&c| is_phrasing(tree.tag(c)));
            let is_item_box = matches!(tree.tag(id), "li" | "p" | "dd" | "td");
            let take_whole =
                loose_text || kids.is_empty() || (is_item_box && phrasing_only && kids.len() < 2);
            match take_whole {
                true => out.push(tree.text(id)),
                false => stack.extend(kids.iter().rev()),
            }
        }
        out.retain(|t| !t.is_empty());
        out
    }

    pub(super) fn set_list(
        &mut self,
        field: ProfileField,
        region: &Region,
        commas: bool,
        slot: &mut Vec<String>,
    ) {
        let mut items = match region {
            Region::Text(text) => split_list(text, commas),
            Region::Nodes(nodes) => {
                let items = self.items(nodes);
                // One text is split on separators, unless the page marks it
                // up as a list item: then it is one item, as shown ("C;--").
                match items.len() == 1 && !self.has_list_item(nodes) {
                    true => split_list(&items[0], commas),
                    false => items,
                }
            }
        };
        items.retain(|item| !is_list_control(item));
        let mut kept: Vec<String> = Vec::new();
        for item in items {
            let item = limit_item(field, item, &mut self.warnings);
            if !kept.contains(&item) {
                kept.push(item);
            }
        }
        if kept.len() > MAX_ITEMS {
            kept.truncate(MAX_ITEMS);
            self.warnings.push(Warning::Truncated {
                field,
                kept_chars: MAX_ITEMS,
            });
        }
        match (slot.is_empty(), kept.is_empty()) {
            (_, true) => {}
            (true, false) => *slot = kept,
            (false, false) => {
                if *slot != kept {
                    self.warnings.push(Warning::DuplicateField {
                        field,
                        ignored: kept.join("; "),
                    });
                }
            }
        }
    }

    pub(super) fn set(
        &mut self,
        field: ProfileField,
        value: Option<String>,
        slot: &mut Option<String>,
    ) {
        let Some(value) = value else { return };
        let value = limit_field(field, value, &mut self.warnings);
        match slot {
            None => *slot = Some(value),
            Some(old) if *old == value => {}
            Some(_) => self.warnings.push(Warning::DuplicateField {
                field,
                ignored: value,
            }),
        }
    }
}

//! Finding the labels in the tree: every element whose own visible text (or
//! `aria-label`) is a field label, with the value inline when it sits in the
//! same text.

use super::*;

impl<'t, N> Reader<'t, N> {
    pub(super) fn find_labels(&mut self) {
        let tree = self.tree;
        let n = tree.nodes.len();
        let mut id = 0;
        while id < n {
            let node = &tree.nodes[id];
            let skip = node.tag.is_none()
                || self.excluded[id]
                || self.interactive[id]
                || self.value_cell[id]
                || !self.visible[id];
            if skip {
                id += 1;
                continue;
            }
            if let Some(hit) = self.label_at(id) {
                let end = match hit.inside {
                    true => id + 1,
                    false => node.end,
                };
                self.hits.push(hit);
                id = end;
                continue;
            }
            id += 1;
        }
    }

    pub(super) fn label_at(&self, id: NodeId) -> Option<LabelHit> {
        let tree = self.tree;
        let node = &tree.nodes[id];
        let tag = tree.tag(id);
        if matches!(
            tag,
            "li" | "ul"
                | "ol"
                | "dl"
                | "table"
                | "tbody"
                | "thead"
                | "tr"
                | "body"
                | "html"
                | "main"
        ) {
            return None;
        }
        // A labelled container: <section aria-label="Skills">.
        if let Some(aria) = &node.attrs.aria_label {
            if let Some(label) = classify_label(aria) {
                if tree.element_children(id).next().is_some() {
                    return Some(LabelHit {
                        node: id,
                        label,
                        text: aria.clone(),
                        inline: None,
                        inside: true,
                    });
                }
            }
        }
        if node.text_chars > MAX_INLINE_LABELLED_CHARS {
            return None;
        }
        // A container of several texts is neither a label nor "Label: value"
        // unless it is one run of phrasing content: skip it without its text.
        let texty_children = tree
            .element_children(id)
            .filter(|&c| self.visible[c])
            .count();
        if texty_children > 1 && !self.is_leaf_block(id) {
            return None;
        }
        let text = tree.text(id);
        if text.chars().count() <= MAX_LABEL_CHARS {
            if let Some(label) = classify_label(&text) {
                if texty_children <= 1 {
                    return Some(LabelHit {
                        node: id,
                        label,
                        text,
                        inline: None,
                        inside: false,
                    });
                }
            }
        }
        // "Label: value" in one run of text.
        let (name, value) = text.split_once(':')?;
        let value = value.trim();
        match (classify_label(name), value.is_empty()) {
            (Some(label), false) if self.is_leaf_block(id) => Some(LabelHit {
                node: id,
                label,
                text: name.trim().to_string(),
                inline: Some(value.to_string()),
                inside: false,
            }),
            _ => None,
        }
    }

    /// An element holding phrasing content only (no blocks inside).
    pub(super) fn is_leaf_block(&self, id: NodeId) -> bool {
        let tree = self.tree;
        (id + 1..tree.nodes[id].end).all(|k| tree.nodes[k].tag.as_deref().is_none_or(is_phrasing))
    }

    // Hits are found in document order, so they are sorted by node.
    pub(super) fn hit_at(&self, id: NodeId) -> Option<&LabelHit> {
        let i = self.hits.partition_point(|h| h.node < id);
        self.hits.get(i).filter(|h| h.node == id)
    }

    pub(super) fn holds_label(&self, id: NodeId) -> bool {
        let i = self.hits.partition_point(|h| h.node < id);
        self.hits
            .get(i)
            .is_some_and(|h| self.tree.contains(id, h.node))
    }
}

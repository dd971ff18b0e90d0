//! Questions asked of a snapshot: tags and roles, children, siblings and
//! ancestors, and its visible text with whitespace collapsed as a browser
//! renders it. Everything here reads the [`Tree`] only, never the page.

use super::*;

impl<N> Tree<N> {
    /// The same tree with each node's handle replaced by `f(handle)`.
    pub fn map_handles<M>(self, mut f: impl FnMut(N) -> M) -> Tree<M> {
        Tree {
            nodes: self
                .nodes
                .into_iter()
                .map(|node| TreeNode {
                    handle: f(node.handle),
                    parent: node.parent,
                    end: node.end,
                    children: node.children,
                    tag: node.tag,
                    text: node.text,
                    attrs: node.attrs,
                    text_chars: node.text_chars,
                })
                .collect(),
            url: self.url,
            truncated: self.truncated,
        }
    }

    /// The element's tag, `""` for text nodes.
    pub fn tag(&self, id: NodeId) -> &str {
        self.nodes[id].tag.as_deref().unwrap_or("")
    }

    /// True for elements.
    pub fn is_element(&self, id: NodeId) -> bool {
        self.nodes[id].tag.is_some()
    }

    /// The element's role, ASCII lowercase, `""` when none.
    pub fn role(&self, id: NodeId) -> &str {
        self.nodes[id].attrs.role.as_deref().unwrap_or("")
    }

    /// Element children only.
    pub fn element_children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.nodes[id]
            .children
            .iter()
            .copied()
            .filter(move |&c| self.is_element(c))
    }

    /// Elements after `id` under the same parent, in order.
    pub fn next_element_siblings(&self, id: NodeId) -> Vec<NodeId> {
        match self.nodes[id].parent {
            Some(p) => {
                let siblings = &self.nodes[p].children;
                match siblings.iter().position(|&s| s == id) {
                    Some(pos) => siblings[pos + 1..]
                        .iter()
                        .copied()
                        .filter(|&s| self.is_element(s))
                        .collect(),
                    None => Vec::new(),
                }
            }
            None => Vec::new(),
        }
    }

    /// Ancestors of `id`, nearest first (not including `id`).
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.nodes[id].parent, move |&a| self.nodes[a].parent)
    }

    /// True when `inner` is `outer` or inside it.
    pub fn contains(&self, outer: NodeId, inner: NodeId) -> bool {
        outer <= inner && inner < self.nodes[outer].end
    }

    /// The visible text of a subtree on one line: whitespace runs collapsed
    /// to one space, a space between blocks, trimmed. Icons (`<svg>` and
    /// their `<title>`) are not text.
    pub fn text(&self, id: NodeId) -> String {
        let mut out = TextBuf::default();
        self.push_subtree_text(id, None, false, &mut out);
        out.finish()
    }

    /// Like [`Tree::text`], but leaving out the subtree of `skip`.
    pub fn text_without(&self, id: NodeId, skip: NodeId) -> String {
        let mut out = TextBuf::default();
        self.push_subtree_text(id, Some(skip), false, &mut out);
        out.finish()
    }

    /// The text a link or button is known by: its `aria-label`, else its
    /// text with icon titles and image `alt`s, then its `title`.
    pub fn accessible_label(&self, id: NodeId) -> String {
        let attrs = &self.nodes[id].attrs;
        let mut out = TextBuf::default();
        match &attrs.aria_label {
            Some(label) if !label.trim().is_empty() => out.push(label),
            _ => self.push_subtree_text(id, None, true, &mut out),
        }
        if let Some(title) = &attrs.title {
            out.space();
            out.push(title);
        }
        out.finish()
    }

    fn push_subtree_text(&self, id: NodeId, skip: Option<NodeId>, icons: bool, out: &mut TextBuf) {
        let end = self.nodes[id].end;
        // End indices of open block elements: leaving one breaks the line.
        let mut closes: Vec<NodeId> = Vec::new();
        let mut k = id;
        while k < end {
            while let Some(&close) = closes.last() {
                match k >= close {
                    true => {
                        closes.pop();
                        out.space();
                    }
                    false => break,
                }
            }
            let node = &self.nodes[k];
            if Some(k) == skip || (!icons && node.tag.as_deref() == Some("svg")) {
                out.space();
                k = node.end.max(k + 1);
                continue;
            }
            match &node.tag {
                None => out.push(&node.text),
                Some(tag) if tag == "br" => out.space(),
                Some(tag) if tag == "img" => {
                    if let (true, Some(alt)) = (icons, &node.attrs.alt) {
                        out.space();
                        out.push(alt);
                        out.space();
                    }
                }
                Some(tag) if !is_inline(tag) => {
                    out.space();
                    closes.push(node.end);
                }
                Some(_) => {}
            }
            k += 1;
        }
    }

    /// An element's text only when the subtree holds at most `max_chars`
    /// characters of raw text (cheap filter for labels).
    pub fn short_text(&self, id: NodeId, max_chars: usize) -> Option<String> {
        match self.nodes[id].text_chars <= max_chars {
            true => Some(self.text(id)),
            false => None,
        }
    }

    /// The nearest element at or above `id` with one of `tags`.
    pub fn closest(&self, id: NodeId, tags: &[&str]) -> Option<NodeId> {
        std::iter::once(id)
            .chain(self.ancestors(id))
            .find(|&a| tags.contains(&self.tag(a)))
    }
}

/// Builds one line of text with collapsed whitespace.
#[derive(Default)]
struct TextBuf {
    out: String,
    pending_space: bool,
}

impl TextBuf {
    fn push(&mut self, text: &str) {
        // Byte by byte for ASCII, whole words copied at once: this runs over
        // every character of the page, more than once.
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let (space, width) = space_at(text, i);
            if space {
                self.pending_space = true;
                i += width;
                continue;
            }
            let start = i;
            while i < bytes.len() {
                let (space, width) = space_at(text, i);
                if space {
                    break;
                }
                i += width;
            }
            if self.pending_space && !self.out.is_empty() {
                self.out.push(' ');
            }
            self.pending_space = false;
            self.out.push_str(&text[start..i]);
        }
    }

    fn space(&mut self) {
        self.pending_space = true;
    }

    fn finish(self) -> String {
        self.out
    }
}

/// Whether the character starting at byte `i` of `text` is whitespace, and
/// its width in bytes.
fn space_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    match b.is_ascii() {
        true => (matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c), 1),
        false => match text[i..].chars().next() {
            Some(c) => (c.is_whitespace(), c.len_utf8()),
            None => (false, 1),
        },
    }
}

/// Collapses whitespace runs to one space and trims.
pub fn normalize_space(text: &str) -> String {
    let mut buf = TextBuf::default();
    buf.push(text);
    buf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_space_collapses_and_trims() {
        assert_eq!(normalize_space("  a \n\t b\u{a0}c  "), "a b c");
        assert_eq!(normalize_space(""), "");
        assert_eq!(normalize_space("<b>&amp;</b>"), "<b>&amp;</b>");
    }
}

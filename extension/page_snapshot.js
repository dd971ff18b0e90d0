// Reads a DOM subtree into ONE string for the Rust core, in the wire format of
// crate/src/core/page/wire.rs (whose `encode` is the reference this must
// match): walking the DOM from WebAssembly costs a JavaScript crossing per
// node and per attribute, thousands per profile. This only serializes; every
// rule about what the page means stays in Rust.
//
// pgPageSnapshot(root, attributes, invisibleTags, maxNodes, handles):
//   attributes     space-separated names to read on every element, in order
//   invisibleTags  space-separated tags written without their children
//   maxNodes       elements + text nodes to read at most
//   handles        an array that receives each node written, in order, so a
//                  node's number in the string is its index here; null when
//                  the nodes are not needed
"use strict";
(() => {
  const OPEN = "\u0001";
  const PRESENT = "\u0002";
  const ABSENT = "\u0003";
  const CLOSE = "\u0004";
  const TEXT = "\u0005";
  const TRUNCATED = "\u0006";
  const SEPARATOR = /[\u0001-\u0006]/g;
  const clean = (value) => (value.search(SEPARATOR) < 0 ? value : value.replace(SEPARATOR, "\uFFFD"));
  // The lists are the same on every call: split them once.
  const lists = new Map();
  const list = (text) => {
    let parsed = lists.get(text);
    if (!parsed) {
      parsed = text.split(" ").filter(Boolean);
      lists.set(text, parsed);
    }
    return parsed;
  };

  globalThis.pgPageSnapshot = (root, attributes, invisibleTags, maxNodes, handles) => {
    const names = list(attributes);
    const allAbsent = ABSENT.repeat(names.length);
    const invisible = new Set(list(invisibleTags));
    const out = [];
    const open = []; // elements whose children are being written
    let count = 0;
    let node = root;
    while (node) {
      if (count >= maxNodes) {
        out.push(TRUNCATED);
        break;
      }
      let firstChild = null;
      const type = node.nodeType;
      if (type === Node.ELEMENT_NODE) {
        count += 1;
        if (handles) handles.push(node);
        const tag = node.localName;
        out.push(OPEN, clean(tag));
        // One call for the names present, then a call per wanted one only:
        // in Firefox every DOM call from a content script crosses an Xray
        // wrapper, and most elements carry none of the wanted attributes.
        const present = node.getAttributeNames();
        if (present.length === 0) out.push(allAbsent);
        else {
          for (const name of names) {
            const value = present.includes(name) ? node.getAttribute(name) : null;
            out.push(value === null ? ABSENT : PRESENT + clean(value));
          }
        }
        if (!invisible.has(tag.toLowerCase())) firstChild = node.firstChild;
        if (!firstChild) out.push(CLOSE);
      } else if (type === Node.TEXT_NODE || type === Node.CDATA_SECTION_NODE) {
        count += 1;
        if (handles) handles.push(node);
        out.push(TEXT, clean(node.data));
      }
      if (firstChild) {
        open.push(node);
        node = firstChild;
        continue;
      }
      // Next: the sibling, or up until an ancestor has one; never past root.
      let current = node;
      node = null;
      while (!node && open.length > 0) {
        node = current.nextSibling;
        if (!node) {
          out.push(CLOSE);
          current = open.pop();
        }
      }
    }
    return out.join("");
  };
})();

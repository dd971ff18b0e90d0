// Reads a DOM subtree into ONE string for the Rust core, in the wire format of
// crate/core/src/page/wire.rs (whose `encode` is the reference this must
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
//
// Shadow DOM: the tree written is the one the page renders (the composed
// tree). An element hosting an OPEN shadow root is marked and written with its
// shadow root's children; a <slot> is written with the light-DOM nodes
// assigned to it (its own children when none are). A CLOSED root cannot be
// read: the host is marked and keeps its light-DOM children. Closed roots are
// seen only through the WebExtension APIs that show them (Firefox
// `element.openOrClosedShadowRoot`, Chrome `chrome.dom.openOrClosedShadowRoot`),
// and looked for on custom elements (a name with "-") only; elsewhere nothing
// is guessed.
//
// pgComposedFirstChild(node) / pgComposedNextSibling(node) / pgShadowMode(el):
//   the same composed tree one node at a time (the per-node Page methods).
// pgObserveShadowRoots(observer, options, nodes): observes with `observer`
//   every open shadow root in (or hosted by) `nodes` (any depth) not observed
//   yet; returns how many it added. pgObservePathRoots(observer, options,
//   event): the same for the shadow roots on an event's composed path (roots
//   attached after the content script started, to elements already there).
// pgPathShadowHosts(event): the hosts of the open shadow roots on the event's
//   composed path, innermost first.
"use strict";
(() => {
  const OPEN = "\u0001";
  const PRESENT = "\u0002";
  const ABSENT = "\u0003";
  const CLOSE = "\u0004";
  const TEXT = "\u0005";
  const TRUNCATED = "\u0006";
  const SHADOW_OPEN = "\u0007";
  const SHADOW_CLOSED = "\u0008";
  const SEPARATOR = /[\u0001-\u0008]/g;
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

  // Chromium's `dom` namespace; Firefox has Element.openOrClosedShadowRoot
  // instead (read by name so the Firefox build's linter does not take this
  // Chromium-only branch for a call it cannot make).
  const chromeDom = typeof chrome !== "undefined" && chrome ? chrome["dom"] : undefined;
  const openOrClosed = chromeDom && chromeDom["openOrClosedShadowRoot"];
  // True when `el` (a custom element without an open root) hosts a closed one.
  const hostsClosedRoot = (el) => {
    if (el.localName.indexOf("-") < 0) return false;
    try {
      if ("openOrClosedShadowRoot" in el) return !!el.openOrClosedShadowRoot;
      if (openOrClosed) return !!openOrClosed.call(chromeDom, el);
    } catch (_) {
      // Not an element these APIs accept: nothing to say.
    }
    return false;
  };

  globalThis.pgShadowMode = (el) => (el.shadowRoot ? "open" : hostsClosedRoot(el) ? "closed" : null);

  const assigned = (el) => (el.localName === "slot" && el.assignedNodes ? el.assignedNodes() : null);

  globalThis.pgComposedFirstChild = (node) => {
    if (node.nodeType !== Node.ELEMENT_NODE) return null;
    const root = node.shadowRoot;
    if (root) return root.firstChild;
    const slotted = assigned(node);
    return slotted && slotted.length > 0 ? slotted[0] : node.firstChild;
  };

  globalThis.pgComposedNextSibling = (node) => {
    const slot = node.assignedSlot;
    if (slot) {
      const slotted = slot.assignedNodes();
      const next = slotted[slotted.indexOf(node) + 1];
      return next === undefined ? null : next;
    }
    return node.nextSibling;
  };

  globalThis.pgPageSnapshot = (root, attributes, invisibleTags, maxNodes, handles) => {
    const names = list(attributes);
    const allAbsent = ABSENT.repeat(names.length);
    const invisible = new Set(list(invisibleTags));
    const out = [];
    const open = []; // elements whose children are being written
    // Slotted nodes: their next sibling in the slot (empty without shadow roots).
    const slottedNext = new Map();
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
        const shadow = node.shadowRoot;
        if (shadow) out.push(SHADOW_OPEN);
        else if (hostsClosedRoot(node)) out.push(SHADOW_CLOSED);
        if (!invisible.has(tag.toLowerCase())) {
          if (shadow) firstChild = shadow.firstChild;
          else if (tag === "slot") {
            const slotted = assigned(node);
            if (slotted && slotted.length > 0) {
              for (let i = 0; i < slotted.length; i += 1) slottedNext.set(slotted[i], slotted[i + 1] || null);
              firstChild = slotted[0];
            } else firstChild = node.firstChild;
          } else firstChild = node.firstChild;
        }
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
        node = slottedNext.size > 0 && slottedNext.has(current) ? slottedNext.get(current) : current.nextSibling;
        if (!node) {
          out.push(CLOSE);
          current = open.pop();
        }
      }
    }
    return out.join("");
  };

  // Open shadow roots already observed (by any observer of this script).
  const observed = new WeakSet();
  const observeRoot = (observer, options, shadowRoot) => {
    if (observed.has(shadowRoot)) return 0;
    observed.add(shadowRoot);
    observer.observe(shadowRoot, options);
    return 1 + observeWithin(observer, options, shadowRoot);
  };
  const observeWithin = (observer, options, root) => {
    let added = 0;
    if (root.nodeType === Node.ELEMENT_NODE && root.shadowRoot) added += observeRoot(observer, options, root.shadowRoot);
    if (!root.firstElementChild) return added;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode(); el; el = walker.nextNode()) {
      if (el.shadowRoot) added += observeRoot(observer, options, el.shadowRoot);
    }
    return added;
  };

  globalThis.pgObserveShadowRoots = (observer, options, nodes) => {
    let added = 0;
    for (const node of nodes) added += observeWithin(observer, options, node);
    return added;
  };

  // The hosts of the open shadow roots on an event's composed path,
  // innermost first (an empty array on pages without shadow roots).
  globalThis.pgPathShadowHosts = (event) => {
    const hosts = [];
    for (const target of event.composedPath()) {
      if (target instanceof ShadowRoot && target.mode === "open") hosts.push(target.host);
    }
    return hosts;
  };

  globalThis.pgObservePathRoots = (observer, options, event) => {
    let added = 0;
    for (const target of event.composedPath()) {
      if (target instanceof ShadowRoot && target.mode === "open") added += observeRoot(observer, options, target);
    }
    return added;
  };
})();

// make bench only. Installed in the PAGE's own world by WebDriver's execute_script
// after the profile has loaded and before the Share menu is opened. Records,
// with the page's clock only (performance.now / event.timeStamp):
//   menuAt   - the site's menu appears: a node with role="menu" is added, or an
//              attribute changes on a menu, on an element holding one, or
//              aria-expanded turns "true" (menus that are in the DOM but hidden);
//   itemAt   - the "Send to Greenhouse" menu item is present, in the page DOM or
//              in any open shadow root (closed roots cannot be seen);
//   clickAt  - the item is clicked (the click event's timeStamp), also as wall
//              clock: performance.timeOrigin + timeStamp;
//   lastClickEpochMs - the wall clock of the latest click anywhere (the review
//              form's Send button), and menuEpochMs that of menuAt.
// A MutationObserver on the document and on every open shadow root gives
// microtask precision; a requestAnimationFrame check catches an item added to a
// shadow root that was attached after this ran (frame precision, marked "frame").
(() => {
  const ITEM = /\bsen[dt] to greenhouse\b/i;
  const probe = (window.__pgBench = {
    menuAt: null, menuVia: null, itemAt: null, itemVia: null,
    clickAt: null, clickEpochMs: null, openClickAt: null, lastClickEpochMs: null, menuEpochMs: null,
  });
  const isElement = (node) => node && node.nodeType === Node.ELEMENT_NODE;
  const isMenu = (el) => isElement(el) && el.getAttribute("role") === "menu";
  const holdsMenu = (el) => isMenu(el) || (isElement(el) && el.querySelector('[role="menu"]') !== null);
  const isItem = (el) => isElement(el) && el.getAttribute("role") === "menuitem" && ITEM.test(el.textContent || "");
  function* elements(root) {
    const stack = [root];
    while (stack.length) {
      const walker = document.createTreeWalker(stack.pop(), NodeFilter.SHOW_ELEMENT);
      for (let el = walker.nextNode(); el; el = walker.nextNode()) {
        yield el;
        if (el.shadowRoot) stack.push(el.shadowRoot);
      }
    }
  }
  const findItem = () => {
    for (const el of elements(document)) if (isItem(el)) return el;
    return null;
  };
  const menuAppeared = (records) =>
    records.some((r) =>
      r.type === "childList"
        ? [...r.addedNodes].some(holdsMenu)
        : holdsMenu(r.target) || (r.attributeName === "aria-expanded" && r.target.getAttribute("aria-expanded") === "true"),
    );
  const watched = new WeakSet();
  const observer = new MutationObserver((records) => {
    const now = performance.now();
    if (probe.menuAt === null && menuAppeared(records)) {
      probe.menuAt = now;
      probe.menuEpochMs = performance.timeOrigin + now;
      probe.menuVia = "mutation";
    }
    for (const r of records) for (const node of r.addedNodes || []) if (isElement(node)) watchShadowRoots(node);
    if (probe.menuAt !== null && probe.itemAt === null && findItem()) {
      probe.itemAt = now;
      probe.itemVia = "mutation";
    }
  });
  const OPTIONS = {
    childList: true, subtree: true, attributes: true,
    attributeFilter: ["role", "hidden", "open", "aria-expanded", "aria-hidden", "style", "class"],
  };
  function watch(root) {
    if (watched.has(root)) return;
    watched.add(root);
    observer.observe(root, OPTIONS);
  }
  function watchShadowRoots(root) {
    if (root.shadowRoot) watch(root.shadowRoot);
    for (const el of elements(root)) if (el.shadowRoot) watch(el.shadowRoot);
  }
  watch(document);
  watchShadowRoots(document);
  const frame = () => {
    if (probe.itemAt !== null) return;
    if (probe.menuAt !== null && findItem()) {
      probe.itemAt = performance.now();
      probe.itemVia = "frame";
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  addEventListener(
    "click",
    (event) => {
      probe.lastClickEpochMs = performance.timeOrigin + event.timeStamp;
      if (probe.itemAt !== null && probe.clickAt === null && event.composedPath().some(isItem)) {
        probe.clickAt = event.timeStamp;
        probe.clickEpochMs = performance.timeOrigin + event.timeStamp;
      } else if (probe.itemAt === null && probe.openClickAt === null) {
        probe.openClickAt = event.timeStamp;
      }
    },
    true,
  );
})();

"""Finding things on a page the way a user does: by role, accessible name and label, never by class.

Every query runs as one script in the browser and looks through the page DOM *and* every open
shadow root, recursively, and through the extension's in-page frame (an extension page in an
`<iframe>` inside the closed shadow root of `purpose-greenhouse-ui`), where the extension draws its
notices and review form out of the page's reach. WebDriver reaches that frame as a user's
assistive technology would (both browsers switch into an extension frame, also through a closed
shadow root); page scripts cannot. A query that returns elements leaves the driver in the context
they belong to (the frame first: our UI is there); `run` always runs in the page. The
accessible name is an approximation of the ARIA rules that covers what our pages use
(aria-labelledby, aria-label, <label>, visible text, title/alt). Waiting is explicit and bounded:
`wait_for` polls a condition and fails with a message that says what was expected and what was
seen instead. Nothing here sleeps for a fixed time.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any, TypeVar

from selenium.common.exceptions import JavascriptException, StaleElementReferenceException, WebDriverException

T = TypeVar("T")

#: Seconds an explicit wait lasts before it fails; raise it on a slow machine with E2E_TIMEOUT.
TIMEOUT = float(os.environ.get("E2E_TIMEOUT", "10"))
#: How often a wait polls the browser.
POLL = 0.05

# The query library, sent with each call (a few KB; keeps every call self-contained, so a
# navigation between calls cannot leave a half-installed helper behind).
_LIBRARY = r"""
const IMPLICIT_ROLES = {
  button: el => el.localName === 'button' ||
    (el.localName === 'input' && ['button', 'submit', 'reset', 'image'].includes(el.type)),
  link: el => (el.localName === 'a' || el.localName === 'area') && el.hasAttribute('href'),
  status: el => el.localName === 'output',
  textbox: el => el.localName === 'textarea' || (el.localName === 'input' &&
    ['text', 'email', 'password', 'search', 'tel', 'url', ''].includes(el.getAttribute('type') ?? '')),
  menu: () => false, menuitem: () => false, alert: () => false, dialog: el => el.localName === 'dialog',
};
function* allElements(root) {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop();
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode(); el; el = walker.nextNode()) {
      yield el;
      if (el.shadowRoot) stack.push(el.shadowRoot);
    }
  }
}
function normalize(text) { return (text ?? '').replace(/\s+/g, ' ').trim(); }
function hasRole(el, role) {
  const explicit = (el.getAttribute('role') ?? '').trim().split(/\s+/)[0];
  if (explicit) return explicit === role;
  return (IMPLICIT_ROLES[role] ?? (() => false))(el);
}
function byId(el, id) {
  const root = el.getRootNode();
  return (root.getElementById ? root.getElementById(id) : null) ?? document.getElementById(id);
}
function visibleText(el) {
  // innerText drops hidden text and follows layout; textContent is the fallback for detached nodes.
  return normalize(el.innerText ?? el.textContent);
}
function accessibleName(el) {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const name = normalize(labelledBy.split(/\s+/).map(id => byId(el, id)?.textContent ?? '').join(' '));
    if (name) return name;
  }
  const label = normalize(el.getAttribute('aria-label'));
  if (label) return label;
  if (el.labels && el.labels.length) {
    return normalize([...el.labels].map(l => labelText(l)).join(' '));
  }
  if (!['input', 'textarea', 'select'].includes(el.localName)) {
    const text = visibleText(el);
    if (text) return text;
    const alt = [...el.querySelectorAll('img[alt], svg title')].map(x => x.getAttribute('alt') ?? x.textContent);
    if (normalize(alt.join(' '))) return normalize(alt.join(' '));
  }
  return normalize(el.getAttribute('title') ?? el.getAttribute('alt') ?? el.getAttribute('placeholder'));
}
function labelText(label) {
  // A wrapping <label> contains its control; the control's own text is not part of the label.
  const copy = label.cloneNode(true);
  copy.querySelectorAll('input, textarea, select').forEach(c => c.remove());
  return normalize(copy.textContent);
}
function isVisible(el) {
  if (!el.isConnected) return false;
  if (el.checkVisibility) return el.checkVisibility({ visibilityProperty: true });
  return el.getClientRects().length > 0;
}
function nameMatches(name, wanted, mode) {
  if (wanted === null || wanted === undefined) return true;
  const a = name.toLowerCase(), b = normalize(wanted).toLowerCase();
  switch (mode) {
    case 'exact': return a === b;
    case 'contains': return a.includes(b);
    case 'prefix': return a === b || (a.startsWith(b) && !/[\p{L}\p{N}]/u.test(a[b.length]));
    case 'regex': return new RegExp(wanted, 'iu').test(name);
    default: throw new Error('unknown match mode ' + mode);
  }
}
function findByRole(role, name, mode, visibleOnly) {
  const found = [];
  for (const el of allElements(document)) {
    if (!hasRole(el, role)) continue;
    if (visibleOnly && !isVisible(el)) continue;
    if (!nameMatches(accessibleName(el), name, mode)) continue;
    found.push(el);
  }
  return found;
}
function describeRole(role) {
  return [...allElements(document)].filter(el => hasRole(el, role))
    .map(el => ({ name: accessibleName(el), text: visibleText(el), visible: isVisible(el) }));
}
function findFields(label, mode) {
  const fields = [];
  for (const el of allElements(document)) {
    if (!['input', 'textarea', 'select'].includes(el.localName) && !hasRole(el, 'textbox')) continue;
    if (el.type === 'hidden' || !isVisible(el)) continue;
    if (nameMatches(accessibleName(el), label, mode)) fields.push(el);
  }
  return fields;
}
function describeFields() {
  return [...allElements(document)]
    .filter(el => ['input', 'textarea', 'select'].includes(el.localName) && el.type !== 'hidden')
    .map(el => accessibleName(el) || '(' + el.localName + ' without a label)');
}
"""


#: The host element of the extension's in-page frame.
FRAME_HOST = "purpose-greenhouse-ui"


def enter_frame(driver: Any) -> bool:
    """Switch into the extension's in-page frame; False (and in the page) when there is none."""
    driver.switch_to.default_content()
    hosts = driver.find_elements("css selector", FRAME_HOST)
    if not hosts:
        return False
    try:
        frame = hosts[0].shadow_root.find_element("css selector", "iframe")
        driver.switch_to.frame(frame)
        return True
    except WebDriverException:
        driver.switch_to.default_content()
        return False


def run(driver: Any, body: str, *args: Any) -> Any:
    """Run `body` (a function body that may use the query library and `arguments`) in the page."""
    driver.switch_to.default_content()
    return driver.execute_script(_LIBRARY + "\n" + body, *args)


def run_in_frame(driver: Any, body: str, *args: Any) -> Any:
    """Run `body` in the extension's in-page frame (None when there is no frame)."""
    if not enter_frame(driver):
        return None
    return driver.execute_script(_LIBRARY + "\n" + body, *args)


def _first(driver: Any, body: str, *args: Any) -> Any:
    """`body`'s answer in the extension's frame when it found something there, else in the page."""
    if enter_frame(driver):
        found = driver.execute_script(_LIBRARY + "\n" + body, *args)
        if found:
            return found
    return run(driver, body, *args)


def _both(driver: Any, body: str, *args: Any) -> list:
    """`body`'s list answers from the page and from the extension's frame, joined (ends in the page)."""
    found = list(run_in_frame(driver, body, *args) or [])
    return list(run(driver, body, *args) or []) + found


def find_by_role(driver: Any, role: str, name: str | None = None, mode: str = "exact", visible: bool = True) -> list:
    """All elements with ARIA `role` whose accessible name matches `name` (frame, else page)."""
    return _first(driver, "return findByRole(arguments[0], arguments[1], arguments[2], arguments[3]);", role, name, mode, visible)


def describe_role(driver: Any, role: str) -> list[dict]:
    """What elements with `role` exist right now: name, text, visibility (for failure messages)."""
    try:
        return _both(driver, "return describeRole(arguments[0]);", role)
    except WebDriverException as error:
        return [{"error": str(error).splitlines()[0]}]


def texts_with_role(driver: Any, role: str) -> list[str]:
    """Visible, non-empty texts of the elements with `role` (page, then the extension's frame)."""
    return _both(driver, "return findByRole(arguments[0], null, 'exact', true).map(visibleText).filter(t => t);", role)


def find_fields(driver: Any, label: str, mode: str = "prefix") -> list:
    """Visible form fields whose label (accessible name) matches `label` (frame, else page)."""
    return _first(driver, "return findFields(arguments[0], arguments[1]);", label, mode)


def describe_fields(driver: Any) -> list[str]:
    """Labels of the form fields (for failure messages)."""
    try:
        return _both(driver, "return describeFields();")
    except WebDriverException as error:
        return [str(error).splitlines()[0]]


def accessible_name(driver: Any, element: Any) -> str:
    """The accessible name of one element (in the context it was found in)."""
    return driver.execute_script(_LIBRARY + "\nreturn accessibleName(arguments[0]);", element)


def wait_for(condition: Callable[[], T | None], expected: str, seen: Callable[[], Any] | None = None, timeout: float | None = None) -> T:
    """Poll `condition` until it returns something truthy, and return that.

    On timeout, fail with "Timed out after N s waiting for <expected>; seen: <seen()>". Exceptions
    from a page that is re-rendering (stale elements, a script racing a navigation) count as "not
    yet"; the last one is reported if the wait fails.
    """
    limit = TIMEOUT if timeout is None else timeout
    deadline = time.monotonic() + limit
    last_error: Exception | None = None
    while True:
        try:
            value = condition()
            if value:
                return value
        except (StaleElementReferenceException, JavascriptException) as error:
            last_error = error
        if time.monotonic() >= deadline:
            break
        time.sleep(POLL)
    message = f"Timed out after {limit:g} s waiting for {expected}"
    if seen is not None:
        message += f"; seen: {seen()!r}"
    if last_error is not None:
        message += f"; last error: {str(last_error).splitlines()[0]}"
    raise AssertionError(message)

"""The toolbar popup in Chromium and Firefox: the connection, the recent sends with their state
and a link to each prospect, and Retry / Discard for failed sends.

WebDriver cannot click the toolbar button, so the popup's page is opened in a tab; it is the same
page the toolbar shows.
"""

from __future__ import annotations

from sandbox import RECRUITER_EMAIL, VALID_KEY

from . import dom

PROFILES = [("semantic", "Ada Lovelace"), ("portal-menu", "Sofia Marchetti")]


def send(browser, fixture: str) -> None:
    browser.open_fixture(fixture)
    browser.open_share_menu()
    browser.choose_menu_item("Send to Greenhouse")


def lines(browser) -> list[dict]:
    """The popup's list, line by line: text, link targets and buttons."""
    return dom.run(
        browser.driver,
        """
        return [...document.querySelectorAll('#sends li')].map(li => ({
          text: li.innerText.replace(/\\s+/g, ' ').trim(),
          links: [...li.querySelectorAll('a')].map(a => ({text: a.textContent.trim(), href: a.href})),
          buttons: [...li.querySelectorAll('button')].map(b => b.textContent.trim()),
        }));
        """,
    )


def wait_lines(browser, count: int) -> list[dict]:
    return dom.wait_for(lambda: lines(browser) if len(lines(browser)) >= count else None, f"{count} line(s) in the popup", seen=lambda: lines(browser))


def test_not_connected_offers_set_up(browser, sandbox):
    browser.open_popup()
    assert "Not connected" in browser.wait_status()
    link = dom.wait_for(lambda: dom.find_by_role(browser.driver, "link", "Set up"), "a 'Set up' link")
    assert link[0].get_attribute("href").endswith("options.html")
    assert lines(browser) == []


def test_recent_sends_link_to_each_prospect(browser, sandbox):
    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    for fixture, name in PROFILES:
        send(browser, fixture)
        browser.wait_status(containing=name)

    browser.open_popup()
    assert browser.wait_status(containing="Connected as") == "Connected as Riley Recruiter"
    shown = wait_lines(browser, len(PROFILES))
    urls = {c["external_id"]: c["profile_url"] for c in sandbox.candidates()}
    assert len(urls) == len(PROFILES), urls
    # Newest first.
    assert [name in line["text"] for line, (_, name) in zip(shown, reversed(PROFILES))] == [True, True], shown
    for line in shown:
        assert "Sent" in line["text"], line
        assert line["buttons"] == [], line
        assert [link["text"] for link in line["links"]] == ["View in Greenhouse"], line
        assert line["links"][0]["href"] in urls.values(), (line, urls)


def test_failed_send_can_be_retried_or_discarded(browser, sandbox):
    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    sandbox.faults(next=[{"status": 403}, {"status": 403}])
    for fixture, name in PROFILES:
        send(browser, fixture)
        browser.wait_alert(containing=name)

    browser.open_popup()
    shown = wait_lines(browser, 2)
    assert all("Failed" in line["text"] and line["buttons"] == ["Retry", "Discard"] for line in shown), shown
    assert not sandbox.candidates()

    # Retry the first line: it goes through; discard the other: it disappears, nothing sent.
    first = shown[0]["text"]
    retried_name = next(name for _, name in PROFILES if name in first)
    dom.find_by_role(browser.driver, "button", "Retry")[0].click()
    dom.wait_for(lambda: any(retried_name in l["text"] and "Sent" in l["text"] for l in lines(browser)), f"{retried_name} sent", seen=lambda: lines(browser))
    dom.find_by_role(browser.driver, "button", "Discard")[0].click()
    dom.wait_for(lambda: len(lines(browser)) == 1, "the discarded line to disappear", seen=lambda: lines(browser))
    assert len(sandbox.candidates()) == 1, sandbox.candidates()


def test_clear_history_asks_first_then_deletes_the_ledger_and_the_queue(browser, sandbox):
    assert browser.configure_integration(VALID_KEY, RECRUITER_EMAIL).role == "status"
    send(browser, "semantic")
    browser.wait_status(containing="Ada Lovelace")
    # One send that waits in the queue (Greenhouse keeps failing).
    sandbox.faults(next=[{"status": 500}] * 12)
    send(browser, "portal-menu")
    browser.wait_alert(containing="retried")

    browser.open_popup()
    wait_lines(browser, 2)
    browser.click_button("Clear history")
    question = dom.wait_for(lambda: browser.driver.find_element("id", "clear-question").text or None, "the confirmation")
    assert "1 queued" in question, question
    # Cancel keeps everything.
    browser.click_button("Cancel")
    assert len(lines(browser)) == 2
    browser.click_button("Clear history")
    browser.click_button("Delete history")
    assert "cleared" in browser.wait_status(containing="History cleared")
    assert lines(browser) == []
    sandbox.faults(clear=True)
    # Gone for good: reopened, nothing is listed, and the dropped send is never made.
    before = len(sandbox.requests(method="POST"))
    browser.open_popup()
    browser.wait_status(containing="Connected as")
    dom.wait_for(lambda: browser.driver.execute_script("return document.readyState") == "complete", "the popup")
    assert dom.wait_for(lambda: not browser.driver.find_element("id", "empty").get_attribute("hidden"), "the empty list note")
    assert lines(browser) == []
    import time

    time.sleep(4)
    assert len(sandbox.requests(method="POST")) == before, "a cleared queued send was still sent"
    # The ledger forgot the sent candidate: its menu offers a plain send again.
    browser.open_fixture("semantic")
    browser.open_share_menu()
    browser.find_menu_item("Send to Greenhouse")

"""The sandbox over real HTTPS: Greenhouse semantics, faults, rate limit, pages, control API, CLI.

Every request goes through TLS to 127.0.0.1 with the `Host` header a browser would send and a
client context that trusts only the sandbox's generated certificate.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sandbox import (
    ADMIN_ONLY_JOB_ID,
    API_HOST,
    BASIC_EMAIL,
    CLOSED_JOB_ID,
    CONFIDENTIAL_JOB_ID,
    DESIGN_FIRST_STAGE_ID,
    DESIGN_POOL_ID,
    DISABLED_EMAIL,
    ENGINEERING_CONTACTED_STAGE_ID,
    ENGINEERING_POOL_ID,
    JOB_ADMIN_EMAIL,
    NO_PERMISSION_KEY,
    OTHER_PARTNER_KEY,
    PUBLIC_JOB_ID,
    RECRUITER_EMAIL,
    VALID_KEY,
    Sandbox,
    SandboxClient,
    SandboxError,
)
from sandbox.tls import DNS_NAMES, ensure_certificate

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "testdata" / "fixtures"
PAGES_HOST = "app.purpose.jobs"
API = "/v1/partner/"


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    raw: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.raw)

    @property
    def error_fields(self) -> list[str | None]:
        return [e.get("field") for e in self.json["errors"]]


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(FIXTURES) as running:
        yield running


@pytest.fixture(autouse=True)
def clean(sandbox):
    sandbox.reset()
    yield


def basic(key: str, password: str = "") -> str:
    return "Basic " + base64.b64encode(f"{key}:{password}".encode()).decode()


def send(
    sandbox: Sandbox,
    method: str,
    path: str,
    body: Any = None,
    *,
    key: str | None = VALID_KEY,
    email: str | None = RECRUITER_EMAIL,
    host: str = API_HOST,
    raw: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 5,
    connection: http.client.HTTPSConnection | None = None,
) -> Reply:
    """One request as a browser would send it (real Host header), over TLS to the sandbox."""
    all_headers = {"Host": host, **(headers or {})}
    if key is not None:
        all_headers["Authorization"] = basic(key)
    if email is not None:
        all_headers["On-Behalf-Of"] = email
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    if data is not None:
        all_headers.setdefault("Content-Type", "application/json")
    conn = connection or http.client.HTTPSConnection("127.0.0.1", sandbox.port, context=sandbox.ssl_context(), timeout=timeout)
    try:
        conn.request(method, path, body=data, headers=all_headers)
        response = conn.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        if connection is None:
            conn.close()


def page(sandbox: Sandbox, path: str, host: str = PAGES_HOST, method: str = "GET") -> Reply:
    return send(sandbox, method, path, key=None, email=None, host=host)


def prospect(**fields: Any) -> dict:
    return {"first_name": "Ada", "last_name": "Lovelace", "external_id": "10452", **fields}


# --- authentication and permissions ---------------------------------------------------------


def test_current_user_answers_who_the_key_and_email_resolve_to(sandbox):
    reply = send(sandbox, "GET", API + "current_user")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/json"
    assert reply.json == {
        "id": 4080,
        "full_name": "Riley Recruiter",
        "first_name": "Riley",
        "last_name": "Recruiter",
        "email": RECRUITER_EMAIL,
    }


def test_on_behalf_of_email_is_matched_case_insensitively(sandbox):
    assert send(sandbox, "GET", API + "current_user", email="  Recruiter@Example.COM ").json["id"] == 4080


@pytest.mark.parametrize(
    ("authorization", "email"),
    [
        (None, RECRUITER_EMAIL),  # no Authorization header
        (basic("not-a-known-key"), RECRUITER_EMAIL),
        (basic(VALID_KEY, password="secret"), RECRUITER_EMAIL),  # password must be empty
        ("Basic " + base64.b64encode(VALID_KEY.encode()).decode(), RECRUITER_EMAIL),  # no colon
        ("Basic %%%not-base64", RECRUITER_EMAIL),
        ("Bearer " + VALID_KEY, RECRUITER_EMAIL),
        (basic(VALID_KEY), None),  # no On-Behalf-Of
        (basic(VALID_KEY), ""),
        (basic(VALID_KEY), "nobody@example.com"),
        (basic(VALID_KEY), DISABLED_EMAIL),
    ],
    ids=["no-auth", "unknown-key", "password", "no-colon", "not-base64", "bearer", "no-obo", "empty-obo", "unknown-email", "disabled-user"],
)
def test_unauthenticated_requests_get_401_with_an_error_body(sandbox, authorization, email):
    headers = {"Authorization": authorization} if authorization else {}
    reply = send(sandbox, "GET", API + "current_user", key=None, email=email, headers=headers)
    assert reply.status == 401
    assert isinstance(reply.json["errors"][0]["message"], str)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "current_user", None),
        ("GET", "jobs", None),
        ("GET", "prospect_pools", None),
        ("GET", "candidates?candidate_ids=50001", None),
        ("POST", "candidates", prospect()),
        ("POST", "tracking_link", {"job_id": PUBLIC_JOB_ID}),
    ],
)
def test_a_key_without_permissions_gets_403_everywhere(sandbox, method, path, body):
    reply = send(sandbox, method, API + path, body, key=NO_PERMISSION_KEY)
    assert reply.status == 403
    assert reply.json["errors"]
    assert sandbox.candidates() == []


def test_a_revoked_key_answers_401_until_reset(sandbox):
    assert send(sandbox, "GET", API + "current_user").status == 200
    sandbox.config(revoked_keys=[VALID_KEY])
    assert send(sandbox, "GET", API + "current_user").status == 401
    sandbox.reset()
    assert send(sandbox, "GET", API + "current_user").status == 200


def test_basic_user_may_not_read_candidates_or_create_tracking_links(sandbox):
    created = send(sandbox, "POST", API + "candidates", prospect(), email=BASIC_EMAIL)
    assert created.status == 200
    assert send(sandbox, "GET", API + f"candidates?candidate_ids={created.json['id']}", email=BASIC_EMAIL).status == 403
    assert send(sandbox, "POST", API + "tracking_link", {"job_id": PUBLIC_JOB_ID}, email=BASIC_EMAIL).status == 403
    assert send(sandbox, "GET", API + "jobs", email=BASIC_EMAIL).status == 200
    assert send(sandbox, "GET", API + "prospect_pools", email=BASIC_EMAIL).status == 200


# --- jobs and prospect pools ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "job_ids"),
    [
        (RECRUITER_EMAIL, [101, 102, CONFIDENTIAL_JOB_ID, ADMIN_ONLY_JOB_ID]),
        (BASIC_EMAIL, [101, 102]),
        (JOB_ADMIN_EMAIL, [101, 102, CONFIDENTIAL_JOB_ID]),
    ],
)
def test_jobs_lists_open_public_jobs_plus_the_unpublished_ones_the_user_can_access(sandbox, email, job_ids):
    jobs = send(sandbox, "GET", API + "jobs", email=email).json
    assert [j["id"] for j in jobs] == job_ids
    assert CLOSED_JOB_ID not in [j["id"] for j in jobs]
    assert all(j["status"] == "open" and isinstance(j["public"], bool) and j["name"] for j in jobs)
    assert {j["id"]: j["public"] for j in jobs}[101] is True


def test_prospect_pools_come_with_their_ordered_stages(sandbox):
    pools = send(sandbox, "GET", API + "prospect_pools").json
    assert [p["id"] for p in pools] == [ENGINEERING_POOL_ID, DESIGN_POOL_ID]
    assert pools[0] == {
        "id": ENGINEERING_POOL_ID,
        "name": "Engineering Talent",
        "stages": [
            {"id": 2011, "name": "Not Contacted"},
            {"id": ENGINEERING_CONTACTED_STAGE_ID, "name": "Contacted"},
            {"id": 2013, "name": "In Discussion"},
        ],
    }


# --- POST candidates ----------------------------------------------------------------------------


def test_a_single_prospect_gets_an_object_with_stable_increasing_ids(sandbox):
    first = send(sandbox, "POST", API + "candidates", prospect())
    second = send(sandbox, "POST", API + "candidates", prospect(external_id="10453"))
    assert first.status == second.status == 200
    assert first.json == {
        "id": 50001,
        "application_id": 90001,
        "external_id": "10452",
        "profile_url": "https://app.greenhouse.io/people/50001?application_id=90001",
    }
    assert (second.json["id"], second.json["application_id"]) == (50002, 90002)
    assert second.headers["X-RateLimit-Limit"] == "50"


def test_an_array_gets_an_array_in_the_same_order(sandbox):
    reply = send(sandbox, "POST", API + "candidates", [prospect(external_id="a"), prospect(external_id="b"), prospect(external_id="c")])
    assert reply.status == 200
    assert [c["external_id"] for c in reply.json] == ["a", "b", "c"]
    assert [c["id"] for c in reply.json] == [50001, 50002, 50003]
    assert [c["external_id"] for c in sandbox.candidates()] == ["a", "b", "c"]


def test_an_array_of_one_still_gets_an_array(sandbox):
    reply = send(sandbox, "POST", API + "candidates", [prospect()])
    assert isinstance(reply.json, list) and len(reply.json) == 1


def test_every_documented_field_is_accepted_and_unknown_fields_are_ignored(sandbox):
    full = prospect(
        prospect=True,
        company="Analytical Engines Ltd",
        title="Engineer",
        resume="https://app.purpose.jobs/static/resume.pdf",
        phone_numbers=[{"phone_number": "+44 20 7946 0000", "type": "mobile"}],
        emails=[{"email": "relay-10452@purpose.jobs", "type": "other"}],
        addresses=[{"address": "12 St James's Square\nLondon", "type": "home"}],
        social_media=[{"url": "https://www.linkedin.com/in/ada"}],
        websites=[{"url": "https://ada.dev", "type": "portfolio"}],
        referrer={"email": "scout@example.com", "first_name": "Sam", "last_name": "Scout"},
        notes="Skills: Rust, <script>alert(1)</script>",
        prospect_pool_id=ENGINEERING_POOL_ID,
        prospect_pool_stage_id=ENGINEERING_CONTACTED_STAGE_ID,
        prospect_owner_email=BASIC_EMAIL,
        some_future_field={"nested": True},
    )
    reply = send(sandbox, "POST", API + "candidates", full)
    assert reply.status == 200, reply.json
    stored = sandbox.candidates()[0]
    assert stored["request"] == full
    assert stored["stage"] == "Contacted"
    assert stored["on_behalf_of"] == RECRUITER_EMAIL


def test_nulls_count_as_absent_for_optional_fields(sandbox):
    body = prospect(prospect=None, company=None, emails=None, job_id=None, referrer=None, prospect_pool_id=None)
    assert send(sandbox, "POST", API + "candidates", body).status == 200


def without(field: str) -> dict:
    body = prospect()
    del body[field]
    return body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (without("first_name"), "first_name"),
        (without("last_name"), "last_name"),
        (without("external_id"), "external_id"),
        (prospect(first_name=None), "first_name"),
        (prospect(last_name=""), "last_name"),
        (prospect(external_id="   "), "external_id"),
        (prospect(external_id=10452), "external_id"),
        (prospect(first_name=["Ada"]), "first_name"),
        (prospect(company=7), "company"),
        (prospect(notes={"skills": []}), "notes"),
        (prospect(prospect="true"), "prospect"),
        (prospect(prospect=False, job_id="101"), "job_id"),
        (prospect(job_id=101.0), "job_id"),
        (prospect(job_id=True), "job_id"),
        (prospect(resume="resume.pdf"), "resume"),
        (prospect(emails=[{"email": "a@example.com", "type": "home"}]), "emails[0].type"),
        (prospect(phone_numbers=[{"phone_number": "1", "type": "cell"}]), "phone_numbers[0].type"),
        (prospect(addresses=[{"address": "x", "type": "office"}]), "addresses[0].type"),
        (prospect(websites=[{"url": "https://x", "type": "linkedin"}]), "websites[0].type"),
        (prospect(emails=[{"email": "a@example.com", "type": "Work"}]), "emails[0].type"),
        (prospect(emails=[{"email": "a@example.com"}]), "emails[0].type"),
        (prospect(emails=[{"type": "work"}]), "emails[0].email"),
        (prospect(phone_numbers=[{"phone_number": "", "type": "home"}]), "phone_numbers[0].phone_number"),
        (prospect(addresses=[{"type": "home"}]), "addresses[0].address"),
        (prospect(social_media=[{}]), "social_media[0].url"),
        (prospect(websites=[{"url": "https://x"}]), "websites[0].type"),
        (prospect(emails="a@example.com"), "emails"),
        (prospect(emails=["a@example.com"]), "emails[0]"),
        (prospect(emails=[{"email": "a@example.com", "type": "work"}, {"email": "b@example.com", "type": "bad"}]), "emails[1].type"),
        (prospect(referrer={"email": "r@example.com", "first_name": "R"}), "referrer.last_name"),
        (prospect(referrer="r@example.com"), "referrer"),
        (prospect(prospect=False), "job_id"),
        (prospect(job_id=999), "job_id"),
        (prospect(job_id=CLOSED_JOB_ID), "job_id"),
        (prospect(prospect=False, job_id=999), "job_id"),
        (prospect(prospect_pool_id=999), "prospect_pool_id"),
        (prospect(prospect_pool_id=ENGINEERING_POOL_ID, prospect_pool_stage_id=DESIGN_FIRST_STAGE_ID), "prospect_pool_stage_id"),
        (prospect(prospect_pool_stage_id=ENGINEERING_CONTACTED_STAGE_ID), "prospect_pool_stage_id"),
        (prospect(prospect=False, job_id=PUBLIC_JOB_ID, prospect_pool_id=ENGINEERING_POOL_ID), "prospect_pool_id"),
        (prospect(prospect=False, job_id=PUBLIC_JOB_ID, prospect_pool_stage_id=ENGINEERING_CONTACTED_STAGE_ID), "prospect_pool_stage_id"),
        (prospect(prospect=False, job_id=PUBLIC_JOB_ID, prospect_owner_email=RECRUITER_EMAIL), "prospect_owner_email"),
        (prospect(prospect_owner_email="nobody@example.com"), "prospect_owner_email"),
        (prospect(prospect_owner_email=DISABLED_EMAIL), "prospect_owner_email"),
    ],
)
def test_invalid_candidates_get_422_naming_the_field_and_create_nothing(sandbox, body, field):
    reply = send(sandbox, "POST", API + "candidates", body)
    assert reply.status == 422, reply.raw
    assert field in reply.error_fields
    assert all(isinstance(e["message"], str) and e["message"] for e in reply.json["errors"])
    assert sandbox.candidates() == []


def test_all_errors_are_reported_at_once(sandbox):
    reply = send(sandbox, "POST", API + "candidates", {"emails": [{"email": "x", "type": "nope"}]})
    assert set(reply.error_fields) == {"first_name", "last_name", "external_id", "emails[0].type"}


def test_array_errors_are_prefixed_with_the_index_and_nothing_is_created(sandbox):
    body = [
        prospect(),
        prospect(last_name=""),
        prospect(emails=[{"email": "a@example.com", "type": "work"}, {"email": "b@example.com", "type": "bad"}]),
    ]
    reply = send(sandbox, "POST", API + "candidates", body)
    assert reply.status == 422
    assert reply.error_fields == ["[1].last_name", "[2].emails[1].type"]
    assert sandbox.candidates() == []


def test_array_elements_must_be_objects(sandbox):
    reply = send(sandbox, "POST", API + "candidates", [prospect(), "Ada"])
    assert reply.status == 422
    assert reply.error_fields == ["[1]"]


@pytest.mark.parametrize("raw", [b"{not json", b"", b"\xff\xfe", b'{"first_name": "Ada",}'])
def test_invalid_json_gets_400(sandbox, raw):
    reply = send(sandbox, "POST", API + "candidates", raw=raw)
    assert reply.status == 400
    assert reply.json["errors"][0]["message"]


@pytest.mark.parametrize("body", ["Ada", 42, None, []])
def test_a_body_that_is_neither_object_nor_non_empty_array_gets_422(sandbox, body):
    reply = send(sandbox, "POST", API + "candidates", raw=json.dumps(body).encode())
    assert reply.status == 422


def test_destinations_end_up_where_asked(sandbox):
    bodies = [
        prospect(external_id="no-pool"),
        prospect(external_id="pool", prospect_pool_id=DESIGN_POOL_ID),
        prospect(external_id="pool-stage", prospect_pool_id=ENGINEERING_POOL_ID, prospect_pool_stage_id=ENGINEERING_CONTACTED_STAGE_ID),
        prospect(external_id="job-prospect", job_id=PUBLIC_JOB_ID),
        prospect(external_id="candidate", prospect=False, job_id=PUBLIC_JOB_ID),
    ]
    assert send(sandbox, "POST", API + "candidates", bodies).status == 200
    placed = {c["external_id"]: (c["prospect"], c["job_id"], c["prospect_pool_id"], c["stage"]) for c in sandbox.candidates()}
    assert placed == {
        "no-pool": (True, None, None, None),
        "pool": (True, None, DESIGN_POOL_ID, "Not Contacted"),
        "pool-stage": (True, None, ENGINEERING_POOL_ID, "Contacted"),
        "job-prospect": (True, PUBLIC_JOB_ID, None, None),
        "candidate": (False, PUBLIC_JOB_ID, None, "Application Review"),
    }


def test_jobs_in_post_are_limited_to_the_jobs_the_user_can_access(sandbox):
    on_confidential = prospect(prospect=False, job_id=CONFIDENTIAL_JOB_ID)
    assert send(sandbox, "POST", API + "candidates", on_confidential, email=BASIC_EMAIL).error_fields == ["job_id"]
    assert send(sandbox, "POST", API + "candidates", on_confidential, email=JOB_ADMIN_EMAIL).status == 200
    assert send(sandbox, "POST", API + "candidates", prospect(prospect=False, job_id=PUBLIC_JOB_ID), email=BASIC_EMAIL).status == 200


# --- GET candidates -----------------------------------------------------------------------------


def test_get_candidates_is_always_an_array_and_skips_unknown_ids(sandbox):
    created = send(sandbox, "POST", API + "candidates", [prospect(external_id="a"), prospect(external_id="b", prospect=False, job_id=PUBLIC_JOB_ID)]).json
    a, b = created[0]["id"], created[1]["id"]
    reply = send(sandbox, "GET", API + f"candidates?candidate_ids={b},999999,x,{a}")
    assert reply.status == 200
    assert [c["id"] for c in reply.json] == [b, a]
    assert reply.json[1] == {
        "id": a,
        "name": "Ada Lovelace",
        "external_id": "a",
        "applications": [
            {"id": created[0]["application_id"], "job": None, "status": "active", "stage": None, "profile_url": created[0]["profile_url"]}
        ],
    }
    assert reply.json[0]["applications"][0]["job"] == "Senior Rust Engineer"
    assert reply.json[0]["applications"][0]["stage"] == "Application Review"
    single = send(sandbox, "GET", API + f"candidates?candidate_ids={a}")
    assert isinstance(single.json, list) and len(single.json) == 1
    assert send(sandbox, "GET", API + "candidates?candidate_ids=424242").json == []


def test_get_candidates_needs_candidate_ids(sandbox):
    reply = send(sandbox, "GET", API + "candidates")
    assert reply.status == 422
    assert reply.error_fields == ["candidate_ids"]


def test_get_candidates_hides_other_partners_candidates(sandbox):
    mine = send(sandbox, "POST", API + "candidates", prospect()).json["id"]
    theirs = send(sandbox, "POST", API + "candidates", prospect(), key=OTHER_PARTNER_KEY).json["id"]
    assert [c["id"] for c in send(sandbox, "GET", API + f"candidates?candidate_ids={mine},{theirs}").json] == [mine]
    assert [c["id"] for c in send(sandbox, "GET", API + f"candidates?candidate_ids={mine},{theirs}", key=OTHER_PARTNER_KEY).json] == [theirs]


def test_job_admin_sees_candidates_on_its_jobs_but_not_jobless_prospects(sandbox):
    bodies = [
        prospect(external_id="jobless"),
        prospect(external_id="confidential", prospect=False, job_id=CONFIDENTIAL_JOB_ID),
        prospect(external_id="admin-only", prospect=False, job_id=ADMIN_ONLY_JOB_ID),
    ]
    ids = ",".join(str(c["id"]) for c in send(sandbox, "POST", API + "candidates", bodies).json)
    seen = send(sandbox, "GET", API + f"candidates?candidate_ids={ids}", email=JOB_ADMIN_EMAIL).json
    assert [c["external_id"] for c in seen] == ["confidential"]
    everything = send(sandbox, "GET", API + f"candidates?candidate_ids={ids}").json
    assert [c["external_id"] for c in everything] == ["jobless", "confidential", "admin-only"]


# --- tracking links and routing -----------------------------------------------------------------


def test_tracking_link_for_a_job(sandbox):
    reply = send(sandbox, "POST", API + "tracking_link", {"job_id": PUBLIC_JOB_ID})
    assert reply.status == 200
    assert reply.json["tracking_link"].startswith("https://grnh.se/")
    assert {k: reply.json[k] for k in ("job", "source", "referrer")} == {
        "job": "Senior Rust Engineer",
        "source": "purpose.jobs",
        "referrer": "Riley Recruiter",
    }
    assert send(sandbox, "POST", API + "tracking_link", {"job_id": PUBLIC_JOB_ID}).json["tracking_link"] != reply.json["tracking_link"]


@pytest.mark.parametrize(
    ("body", "status"),
    [({}, 422), ({"job_id": "101"}, 422), ({"job_id": 999}, 404), ({"job_id": CLOSED_JOB_ID}, 404)],
)
def test_tracking_link_rejects_missing_or_unknown_jobs(sandbox, body, status):
    assert send(sandbox, "POST", API + "tracking_link", body).status == status


def test_tracking_link_rejects_invalid_json(sandbox):
    assert send(sandbox, "POST", API + "tracking_link", raw=b"job_id=101").status == 400


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", API + "candidate", 404),
        ("GET", "/v1/candidates", 404),
        ("GET", "/", 404),
        ("DELETE", API + "candidates", 405),
        ("POST", API + "jobs", 405),
    ],
)
def test_unknown_routes_and_methods_get_json_errors(sandbox, method, path, status):
    reply = send(sandbox, method, path)
    assert reply.status == status
    assert reply.headers["Content-Type"] == "application/json"
    assert reply.json["errors"]


def test_a_trailing_slash_reaches_the_same_endpoint(sandbox):
    assert send(sandbox, "GET", API + "current_user/").status == 200


def test_api_responses_carry_no_cors_headers(sandbox):
    reply = send(sandbox, "GET", API + "current_user", headers={"Origin": "chrome-extension://abcdef"})
    assert not [h for h in reply.headers if h.lower().startswith("access-control-")]


def test_a_cors_preflight_is_recorded_and_answered_without_allow_headers(sandbox):
    sandbox.faults(next=[{"status": 500}])
    reply = send(
        sandbox,
        "OPTIONS",
        API + "candidates",
        key=None,
        email=None,
        headers={"Origin": "moz-extension://x", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,on-behalf-of"},
    )
    assert reply.status == 204
    assert not [h for h in reply.headers if h.lower().startswith("access-control-")]
    [entry] = sandbox.requests()
    assert (entry["method"], entry["status"], entry["outcome"]) == ("OPTIONS", 204, "preflight")
    assert entry["headers"]["access-control-request-method"] == "POST"
    # A preflight is not an API call: the queued fault is still waiting for one.
    assert sandbox.faults()["next"] == [{"status": 500}]


# --- rate limit ---------------------------------------------------------------------------------


def test_rate_limit_counts_down_then_answers_429_with_retry_after(sandbox):
    sandbox.config(rate_limit=3)
    remaining = [send(sandbox, "GET", API + "current_user").headers["X-RateLimit-Remaining"] for _ in range(3)]
    assert remaining == ["2", "1", "0"]
    before = time.time()
    limited = send(sandbox, "POST", API + "candidates", prospect())
    assert limited.status == 429
    assert limited.headers["X-RateLimit-Limit"] == "3"
    assert 1 <= int(limited.headers["Retry-After"]) <= 10
    assert before <= int(limited.headers["X-RateLimit-Reset"]) <= before + 11
    assert limited.json["errors"]
    assert sandbox.candidates() == []
    assert sandbox.requests()[-1]["outcome"] == "rate_limited"


def test_rate_limit_window_restarts(sandbox):
    sandbox.config(rate_limit=1, rate_window=0.3)
    assert send(sandbox, "GET", API + "jobs").status == 200
    assert send(sandbox, "GET", API + "jobs").status == 429
    time.sleep(0.35)
    assert send(sandbox, "GET", API + "jobs").status == 200


def test_reset_restores_the_default_rate_limit(sandbox):
    assert sandbox.config(rate_limit=3)["rate_limit"] == 3
    sandbox.reset()
    assert sandbox.config() == {"rate_limit": 50, "rate_window": 10.0, "revoked_keys": [], "candidates_answer": "array", "status_word": "active"}


# --- faults -------------------------------------------------------------------------------------


def test_status_faults_are_consumed_in_order_and_create_nothing(sandbox):
    sandbox.faults(next=[{"status": 500}, {"status": 503, "retry_after": 7}])
    first = send(sandbox, "POST", API + "candidates", prospect())
    second = send(sandbox, "POST", API + "candidates", prospect())
    third = send(sandbox, "POST", API + "candidates", prospect())
    assert (first.status, second.status, third.status) == (500, 503, 200)
    assert first.json["errors"] and second.headers["Retry-After"] == "7"
    assert len(sandbox.candidates()) == 1
    log = sandbox.requests()
    assert [(e["status"], e["outcome"]) for e in log] == [(500, "fault"), (503, "fault"), (200, "ok")]
    assert log[0]["fault"] == {"status": 500}
    assert log[0]["body"] == prospect()


def test_a_429_fault_says_when_to_retry(sandbox):
    sandbox.faults(next=[{"status": 429, "retry_after": 2}])
    reply = send(sandbox, "GET", API + "current_user")
    assert reply.status == 429
    assert reply.headers["Retry-After"] == "2"
    assert int(reply.headers["X-RateLimit-Reset"]) >= int(time.time()) + 1
    assert send(sandbox, "GET", API + "current_user").status == 200


def test_a_status_fault_can_carry_its_own_body(sandbox):
    sandbox.faults(next=[{"status": 401, "body": {"errors": [{"message": "Invalid Basic Auth credentials"}]}}])
    reply = send(sandbox, "GET", API + "current_user")
    assert (reply.status, reply.json["errors"][0]["message"]) == (401, "Invalid Basic Auth credentials")


def test_a_dropped_connection_gets_no_response_and_creates_nothing(sandbox):
    sandbox.faults(next=[{"drop": True}])
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError, ssl.SSLError)):
        send(sandbox, "POST", API + "candidates", prospect())
    assert sandbox.candidates() == []
    [entry] = sandbox.requests()
    assert (entry["status"], entry["outcome"], entry["fault"]) == (None, "dropped", {"drop": True})
    assert send(sandbox, "POST", API + "candidates", prospect()).status == 200


def test_a_slow_response_still_creates_and_times_out_a_short_client(sandbox):
    sandbox.faults(next=[{"slow_ms": 1500}])
    with pytest.raises((TimeoutError, socket.timeout)):
        send(sandbox, "POST", API + "candidates", prospect(), timeout=0.3)
    assert len(sandbox.candidates()) == 1
    assert sandbox.requests()[0]["outcome"] == "slow"


def test_a_slow_response_arrives_late_but_whole(sandbox):
    sandbox.faults(next=[{"slow_ms": 300}])
    started = time.monotonic()
    reply = send(sandbox, "GET", API + "current_user")
    assert time.monotonic() - started >= 0.3
    assert reply.status == 200 and reply.json["id"] == 4080
    assert sandbox.requests()[0]["status"] == 200


def test_a_garbage_body_is_a_200_that_is_not_json(sandbox):
    sandbox.faults(next=[{"garbage": True}])
    reply = send(sandbox, "POST", API + "candidates", prospect())
    assert reply.status == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(reply.raw)
    assert sandbox.candidates() == []
    assert sandbox.requests()[0]["outcome"] == "garbage"


def test_down_drops_every_api_request_but_pages_still_work(sandbox):
    sandbox.faults(down=True)
    for _ in range(2):
        with pytest.raises((http.client.RemoteDisconnected, ConnectionError, ssl.SSLError)):
            send(sandbox, "GET", API + "current_user")
    assert page(sandbox, "/candidates/10452").status == 200
    assert sandbox.faults(down=False)["down"] is False
    assert send(sandbox, "GET", API + "current_user").status == 200
    assert [e["outcome"] for e in sandbox.requests()] == ["down", "down", "ok"]


def test_faults_skip_page_and_control_requests(sandbox):
    sandbox.faults(next=[{"status": 500}])
    assert page(sandbox, "/candidates/10452").status == 200
    assert sandbox.candidates() == []
    assert send(sandbox, "GET", API + "current_user").status == 500


@pytest.mark.parametrize(
    "faults",
    [[{"status": 99}], [{"drop": False}], [{"slow_ms": -1}], [{"status": 500, "drop": True}], [{"explode": True}], [{"status": 500, "retry": 1}], ["500"]],
)
def test_malformed_faults_are_refused(sandbox, faults):
    with pytest.raises(SandboxError):
        sandbox.faults(next=faults)
    assert sandbox.faults()["next"] == []


def test_faults_can_be_cleared(sandbox):
    sandbox.faults(next=[{"status": 500}])
    assert sandbox.faults(clear=True)["next"] == []
    assert send(sandbox, "GET", API + "current_user").status == 200


# --- control API --------------------------------------------------------------------------------


def test_the_request_log_records_what_was_sent_and_answered(sandbox):
    send(sandbox, "POST", API + "candidates", prospect())
    send(sandbox, "GET", API + "candidates?candidate_ids=50001,7")
    send(sandbox, "POST", API + "candidates", raw=b"oops")
    post, get, bad = sandbox.requests()
    assert (post["seq"], get["seq"], bad["seq"]) == (1, 2, 3)
    assert post["time"] <= get["time"] <= bad["time"]
    assert (post["method"], post["host"], post["path"], post["status"]) == ("POST", API_HOST, API + "candidates", 200)
    assert post["headers"]["authorization"] == basic(VALID_KEY)
    assert post["headers"]["on-behalf-of"] == RECRUITER_EMAIL
    assert (post["body"], post["body_is_json"]) == (prospect(), True)
    assert post["response"]["id"] == 50001
    assert get["query"] == {"candidate_ids": "50001,7"}
    assert (bad["body"], bad["body_is_json"], bad["status"]) == ("oops", False, 400)
    assert [e["seq"] for e in sandbox.requests(since=2)] == [3]
    assert [e["seq"] for e in sandbox.requests(method="GET")] == [2]


def test_waiting_for_a_request_blocks_until_it_is_logged(sandbox):
    """`Sandbox.wait_requests` (the bench's wait for an export's request) answers once a matching
    request is logged, without polling, and [] when none comes in time; `last_seq` counts them."""
    assert sandbox.last_seq() == 0
    send(sandbox, "GET", API + "current_user")
    since = sandbox.last_seq()
    assert since == 1
    assert sandbox.wait_requests("POST", API + "candidates", since, timeout=0.2) == []
    later = threading.Timer(0.3, lambda: (send(sandbox, "GET", API + "jobs"), send(sandbox, "POST", API + "candidates", prospect())))
    started = time.monotonic()
    later.start()
    try:
        found = sandbox.wait_requests("POST", API + "candidates", since, timeout=5)
    finally:
        later.join()
    assert 0.25 <= time.monotonic() - started < 4, "it answered before the request, or only at its timeout"
    assert [(e["method"], e["seq"]) for e in found] == [("POST", 3)]
    assert sandbox.wait_requests("POST", API + "candidates", since, timeout=0.1, where=lambda e: e["seq"] > 3) == []


def test_page_requests_are_not_in_the_api_log(sandbox):
    page(sandbox, "/candidates/10452")
    assert sandbox.requests() == []
    [entry] = sandbox.page_requests()
    assert (entry["path"], entry["status"], entry["fixture"]) == ("/candidates/10452", 200, "profile")


def test_reset_clears_log_candidates_faults_and_restarts_ids(sandbox):
    send(sandbox, "POST", API + "candidates", prospect())
    sandbox.faults(next=[{"status": 500}], down=False)
    sandbox.reset()
    assert sandbox.requests() == [] and sandbox.candidates() == [] and sandbox.faults() == {"next": [], "down": False}
    assert send(sandbox, "POST", API + "candidates", prospect()).json["id"] == 50001


def test_control_endpoints_answer_on_any_host(sandbox):
    for host in (PAGES_HOST, API_HOST, "127.0.0.1"):
        reply = send(sandbox, "GET", "/__sandbox/health", key=None, email=None, host=host)
        assert (reply.status, reply.json) == (200, {"ok": True})


def test_control_rejects_unknown_endpoints_and_bad_bodies(sandbox):
    assert send(sandbox, "GET", "/__sandbox/nope", key=None, email=None).status == 404
    assert send(sandbox, "POST", "/__sandbox/faults", raw=b"{", key=None, email=None).status == 400
    with pytest.raises(SandboxError):
        sandbox.config(rate_limit=-1)
    with pytest.raises(SandboxError):
        sandbox.config(rate_limt=5)


def test_seeds_are_published(sandbox):
    seeds = sandbox.seeds()
    assert {u["email"] for u in seeds["users"]} >= {RECRUITER_EMAIL, BASIC_EMAIL, DISABLED_EMAIL, JOB_ADMIN_EMAIL}
    assert {k["key"] for k in seeds["keys"]} == {VALID_KEY, OTHER_PARTNER_KEY, NO_PERMISSION_KEY}


# --- pages --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fixture"),
    [
        ("/candidates/10452", "profile"),
        ("/candidates/10452?utm_source=x", "profile"),
        ("/search", "search"),
        ("/search?candidate=other", "search"),
        ("/search?tab=passive", "search"),
        ("/search?candidate=abc-123", "panel"),
        ("/search?tab=active&candidate=abc-123", "panel"),
        ("/search?tab=passive&candidate=abc-123&csp=none", "panel-passive"),
    ],
)
def test_pages_route_by_path_and_declared_query(sandbox, path, fixture):
    reply = page(sandbox, path)
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
    assert f'data-fixture="{fixture}"'.encode() in reply.raw
    assert reply.raw == (FIXTURES / f"{fixture}.html").read_bytes()


@pytest.mark.parametrize("host", ["app.purpose.jobs", "purpose.jobs", "www.purpose.jobs", "APP.PURPOSE.JOBS:8443"])
def test_pages_answer_on_every_purpose_jobs_host(sandbox, host):
    assert page(sandbox, "/candidates/10452", host=host).status == 200


def test_other_hosts_and_unknown_paths_get_404(sandbox):
    missing = page(sandbox, "/candidates/99999")
    assert missing.status == 404 and b"Not Found" in missing.raw
    assert page(sandbox, "/candidates/10452", host="example.com").status == 404


@pytest.mark.parametrize(
    ("path", "policy"),
    [
        ("/candidates/10452", None),
        ("/candidates/10452?csp=strict", "script-src 'self'"),
        ("/candidates/10452?csp=default", "default-src 'self'"),
        ("/candidates/10452?csp=wasm", "script-src 'self' 'wasm-unsafe-eval'"),
        ("/candidates/strict", "script-src 'self'"),  # the index entry's default
        ("/candidates/strict?csp=none", None),  # the request wins
        ("/candidates/strict?csp=default", "default-src 'self'"),
    ],
)
def test_csp_follows_the_csp_parameter(sandbox, path, policy):
    reply = page(sandbox, path)
    assert reply.status == 200
    assert reply.headers.get("Content-Security-Policy") == policy


def test_an_unknown_csp_value_is_a_400_not_a_silent_no_csp(sandbox):
    assert page(sandbox, "/candidates/10452?csp=strcit").status == 400


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("app.js", "text/javascript; charset=utf-8"), ("style.css", "text/css; charset=utf-8"), ("resume.pdf", "application/pdf")],
)
def test_static_files_have_the_right_content_type(sandbox, name, content_type):
    reply = page(sandbox, f"/static/{name}")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == content_type
    assert reply.raw == (FIXTURES / "static" / name).read_bytes()


@pytest.mark.parametrize("path", ["/static/missing.js", "/static/../index.json", "/static/%2e%2e/index.json", "/static/"])
def test_static_never_leaves_the_static_directory(sandbox, path):
    assert page(sandbox, path).status == 404


def test_a_listed_fixture_without_its_file_is_a_loud_500(sandbox):
    reply = page(sandbox, "/broken")
    assert reply.status == 500 and b"missing-file" in reply.raw


def test_pages_answer_head_without_a_body_and_refuse_post(sandbox):
    head = page(sandbox, "/candidates/10452", method="HEAD")
    assert head.status == 200 and head.raw == b""
    assert int(head.headers["Content-Length"]) == (FIXTURES / "profile.html").stat().st_size
    assert page(sandbox, "/candidates/10452", method="POST").status == 405


def test_fixtures_written_while_running_are_picked_up(tmp_path):
    with Sandbox(tmp_path) as fresh:
        assert page(fresh, "/candidates/1").status == 404
        (tmp_path / "late.html").write_text("<h1>late</h1>")
        (tmp_path / "index.json").write_text(json.dumps([{"fixture": "late", "url": "https://app.purpose.jobs/candidates/1"}]))
        assert page(fresh, "/candidates/1").raw == b"<h1>late</h1>"
        (tmp_path / "index.json").write_text("[{")
        assert page(fresh, "/candidates/1").status == 500


# --- HTTP/1.1 and TLS ---------------------------------------------------------------------------


def test_keep_alive_serves_many_requests_on_one_connection(sandbox):
    connection = http.client.HTTPSConnection("127.0.0.1", sandbox.port, context=sandbox.ssl_context(), timeout=5)
    try:
        replies = [
            send(sandbox, "GET", API + "current_user", connection=connection),
            send(sandbox, "POST", API + "candidates", prospect(), connection=connection),
            send(sandbox, "GET", "/candidates/10452", key=None, email=None, host=PAGES_HOST, connection=connection),
            send(sandbox, "POST", API + "candidates", raw=b"{bad", connection=connection),
            send(sandbox, "GET", API + "jobs", connection=connection),
        ]
    finally:
        connection.close()
    assert [r.status for r in replies] == [200, 200, 200, 400, 200]


def test_a_chunked_request_body_is_read(sandbox):
    connection = http.client.HTTPSConnection("127.0.0.1", sandbox.port, context=sandbox.ssl_context(), timeout=5)
    try:
        connection.request(
            "POST",
            API + "candidates",
            body=iter([json.dumps(prospect()).encode()[:10], json.dumps(prospect()).encode()[10:]]),
            headers={"Host": API_HOST, "Authorization": basic(VALID_KEY), "On-Behalf-Of": RECRUITER_EMAIL},
            encode_chunked=True,
        )
        assert connection.getresponse().status == 200
    finally:
        connection.close()
    assert sandbox.candidates()[0]["request"] == prospect()


@pytest.mark.parametrize("name", [*DNS_NAMES[1:], "www.purpose.jobs", "127.0.0.1"])
def test_the_certificate_covers_every_host_name(sandbox, name):
    context = sandbox.ssl_context()
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname=name) as tls:
            assert tls.version() is not None


def test_a_client_rejecting_the_certificate_does_not_hurt_the_server(sandbox):
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=5) as raw:
        with pytest.raises(ssl.SSLCertVerificationError):
            ssl.create_default_context().wrap_socket(raw, server_hostname=API_HOST)
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=5) as raw:
        with pytest.raises(ssl.SSLCertVerificationError):
            sandbox.ssl_context().wrap_socket(raw, server_hostname="evil.example")
    assert sandbox.health()


def test_spki_matches_the_openssl_recipe(sandbox):
    recipe = subprocess.run(
        f"openssl x509 -in '{sandbox.cert_path}' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64",
        shell=True,
        capture_output=True,
        check=True,
    )
    assert recipe.stdout.decode().strip() == sandbox.spki
    assert f"--ignore-certificate-errors-spki-list={sandbox.spki}" in sandbox.chromium_args()
    assert f"MAP api.greenhouse.io 127.0.0.1:{sandbox.port}" in sandbox.chromium_args()[0]
    assert sandbox.firefox_prefs()["network.socket.forcePort"] == f"443={sandbox.port}"


def test_the_certificate_is_reused_while_valid_and_remade_when_broken(tmp_path):
    first = ensure_certificate(tmp_path)
    stamp = first.cert_path.stat().st_mtime_ns
    again = ensure_certificate(tmp_path)
    assert (again.spki, again.cert_path.stat().st_mtime_ns) == (first.spki, stamp)
    first.cert_path.write_text("not a certificate")
    remade = ensure_certificate(tmp_path)
    assert remade.spki != first.spki
    assert oct(remade.key_path.stat().st_mode & 0o777) == "0o600"


# --- Python API and CLI -------------------------------------------------------------------------


def test_stop_closes_the_port(tmp_path):
    sandbox = Sandbox(FIXTURES).start()
    port = sandbox.port
    keep_alive = http.client.HTTPSConnection("127.0.0.1", port, context=sandbox.ssl_context(), timeout=5)
    send(sandbox, "GET", API + "jobs", connection=keep_alive)
    sandbox.stop()
    sandbox.stop()  # idempotent
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    with pytest.raises((ConnectionError, http.client.HTTPException, ssl.SSLError, OSError)):
        send(sandbox, "GET", API + "jobs", connection=keep_alive)
    keep_alive.close()


def test_the_cli_prints_one_ready_line_and_stops_on_sigterm(tmp_path):
    process = subprocess.Popen(
        [sys.executable, str(HERE / "greenhouse_sandbox.py"), "--port", "0", "--fixtures", str(FIXTURES), "--state-dir", str(tmp_path), "--rate-limit", "7"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=HERE.parents[1],
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    try:
        ready = json.loads(process.stdout.readline())
        assert ready["ready"] is True and ready["port"] > 0
        assert ready["cert"] == str(tmp_path.resolve() / "cert.pem") and ready["spki"]
        client = SandboxClient(ready["port"], ready["cert"])
        assert client.config()["rate_limit"] == 7
        assert send(client, "GET", API + "current_user").json["email"] == RECRUITER_EMAIL
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=5) == 0
        assert process.stdout.read() == b""
    finally:
        process.kill()
        process.wait()

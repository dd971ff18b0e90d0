"""Greenhouse's own request examples (`tests/greenhouse-doc-examples/`) sent to the sandbox, and
the sandbox's answers compared in shape with Greenhouse's response examples; plus the ways the
sandbox can answer `GET candidates` (config `candidates_answer`, `status_word`).

The Rust side feeds the response examples to the extension's parsers
(`crate/core/tests/greenhouse_examples.rs`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sandbox import ENGINEERING_CONTACTED_STAGE_ID, ENGINEERING_POOL_ID, PUBLIC_JOB_ID, RECRUITER_EMAIL, Sandbox, SandboxError
from sandbox.test_sandbox import API, FIXTURES, prospect, send

EXAMPLES = Path(__file__).resolve().parent.parent / "greenhouse-doc-examples"


def example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def keys(value: dict) -> set[str]:
    return set(value)


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(FIXTURES) as running:
        yield running


@pytest.fixture(autouse=True)
def clean(sandbox):
    sandbox.reset()
    yield


def test_every_request_example_is_sent_here():
    sent = {"get-candidates-request-1.json", "post-candidates-request-1.json", "post-tracking_link-request-1.json"}
    assert {p.name for p in EXAMPLES.glob("*-request-*.json")} == sent


def test_post_candidates_example_as_documented_and_with_a_real_boolean(sandbox):
    body = example("post-candidates-request-1.json")
    # As written: "prospect" is the string "true", and the ids are not this organization's.
    reply = send(sandbox, "POST", API + "candidates", body)
    assert reply.status == 422
    assert "prospect" in reply.error_fields
    # What the extension sends: a real boolean, and destinations that exist here.
    fixed = {
        **body,
        "prospect": True,
        "job_id": PUBLIC_JOB_ID,
        "prospect_pool_id": ENGINEERING_POOL_ID,
        "prospect_pool_stage_id": ENGINEERING_CONTACTED_STAGE_ID,
        "prospect_owner_email": RECRUITER_EMAIL,
    }
    reply = send(sandbox, "POST", API + "candidates", fixed)
    assert reply.status == 200, reply.json
    assert keys(reply.json) == keys(example("post-candidates-response-1.json"))
    assert reply.json["external_id"] == body["external_id"]
    stored = sandbox.candidates()[0]["request"]
    for name in ("first_name", "last_name", "company", "title", "resume", "notes", "emails", "phone_numbers", "social_media", "websites", "addresses"):
        assert stored[name] == body[name], name


def test_get_candidates_example_and_every_answer_shape(sandbox):
    asked = example("get-candidates-request-1.json")["candidate_ids"]
    # The example's id is not one of ours: left out (an empty array, or an empty body).
    assert send(sandbox, "GET", API + f"candidates?candidate_ids={asked}").json == []
    sandbox.config(candidates_answer="object")
    empty = send(sandbox, "GET", API + f"candidates?candidate_ids={asked}")
    assert (empty.status, empty.raw) == (200, b"")
    sandbox.reset()

    created = send(sandbox, "POST", API + "candidates", prospect(prospect=False, job_id=PUBLIC_JOB_ID)).json
    documented = example("get-candidates-response-1.json")
    query = API + f"candidates?candidate_ids={created['id']}"

    as_array = send(sandbox, "GET", query).json
    assert isinstance(as_array, list) and len(as_array) == 1
    assert as_array[0]["applications"][0]["status"] == "active"

    assert sandbox.config(candidates_answer="object", status_word="Active")["candidates_answer"] == "object"
    one = send(sandbox, "GET", query).json
    assert isinstance(one, dict)
    assert keys(one) == keys(documented)
    assert keys(one["applications"][0]) == keys(documented["applications"][0])
    assert one["applications"][0]["status"] == documented["applications"][0]["status"] == "Active"
    other = send(sandbox, "POST", API + "candidates", prospect(external_id="2")).json["id"]
    assert isinstance(send(sandbox, "GET", query + f",{other}").json, list)

    sandbox.config(candidates_answer="empty")
    assert send(sandbox, "GET", query).raw == b""
    assert sandbox.requests()[-1]["response"] == ""

    sandbox.reset()
    assert sandbox.config()["candidates_answer"] == "array"
    assert sandbox.config()["status_word"] == "active"


def test_candidates_answer_config_is_checked(sandbox):
    with pytest.raises(SandboxError):
        sandbox.config(candidates_answer="xml")
    with pytest.raises(SandboxError):
        sandbox.config(status_word="")


def test_tracking_link_example(sandbox):
    body = example("post-tracking_link-request-1.json")
    assert send(sandbox, "POST", API + "tracking_link", body).status == 404
    reply = send(sandbox, "POST", API + "tracking_link", {**body, "job_id": PUBLIC_JOB_ID})
    assert reply.status == 200
    assert keys(reply.json) == keys(example("post-tracking_link-response-1.json"))


@pytest.mark.parametrize(
    ("path", "name"),
    [("current_user", "get-current_user-response-1.json"), ("jobs", "get-jobs-response-1.json"), ("prospect_pools", "get-prospect_pools-response-1.json")],
)
def test_read_answers_have_the_documented_shape(sandbox, path, name):
    ours, theirs = send(sandbox, "GET", API + path).json, example(name)
    if isinstance(theirs, list):
        assert isinstance(ours, list) and ours
        assert keys(ours[0]) == keys(theirs[0])
        if "stages" in theirs[0]:
            assert isinstance(ours[0]["stages"], list)
            assert keys(ours[0]["stages"][0]) == keys(theirs[0]["stages"][0])
    else:
        assert keys(ours) == keys(theirs)

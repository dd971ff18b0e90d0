"""Greenhouse Candidate Ingestion API semantics, without any HTTP server.

`Greenhouse.handle(ApiRequest) -> ApiResponse` answers one request to `/v1/partner/...` the way
`/work/shared/greenhouse-ingestion-api.md` describes it. Authentication, permission checks and
validation are plain functions over the seeds so they can be read (and reasoned about) one rule
at a time. Faults, rate limits and the request log are NOT here: they are the sandbox's own
machinery (`control.py`), layered around this module by the server.

Where the public docs are vague the sandbox is strict on purpose (types are checked exactly,
e.g. `external_id` must be a string and `prospect` a boolean): a payload the sandbox accepts is
one that follows the documented contract.
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
from dataclasses import dataclass, field
from typing import Any

from .seeds import DEFAULT_SEEDS, ApiKey, Job, Seeds, User

API_PREFIX = "/v1/partner/"
PROFILE_URL = "https://app.greenhouse.io/people/{id}?application_id={application_id}"
TRACKING_LINK_URL = "https://grnh.se/{token}"
FIRST_CANDIDATE_ID = 50001
FIRST_APPLICATION_ID = 90001

PHONE_TYPES = ("mobile", "home", "work", "other")
EMAIL_TYPES = ("personal", "work", "other")
ADDRESS_TYPES = ("home", "work", "other")
WEBSITE_TYPES = ("personal", "company", "portfolio", "blog", "other")

#: Array fields of POST candidates: inner field -> allowed values (None = any non-empty string).
ARRAY_FIELDS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "phone_numbers": {"phone_number": None, "type": PHONE_TYPES},
    "emails": {"email": None, "type": EMAIL_TYPES},
    "addresses": {"address": None, "type": ADDRESS_TYPES},
    "social_media": {"url": None},
    "websites": {"url": None, "type": WEBSITE_TYPES},
}
REQUIRED_STRINGS = ("first_name", "last_name", "external_id")
OPTIONAL_STRINGS = ("company", "title", "resume", "notes", "prospect_owner_email")
OPTIONAL_INTEGERS = ("job_id", "prospect_pool_id", "prospect_pool_stage_id")


@dataclass
class ApiRequest:
    """One request as the API sees it: header names lower-cased, body still raw bytes."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes = b""


#: An `ApiResponse` body sent as zero bytes (not JSON): Greenhouse's documentation mentions an
#: empty answer to `GET candidates` for an id that is not visible.
EMPTY_BODY = object()

#: How `GET candidates?candidate_ids=` answers (`POST /__sandbox/config {"candidates_answer"}`):
#: `array` always an array (the documentation's table); `object` one candidate as ONE object, none
#: as an empty body, several as an array (the documentation's example and text); `empty` always
#: an empty body.
CANDIDATES_ANSWERS = ("array", "object", "empty")


@dataclass
class ApiResponse:
    """Status and JSON body; `headers` are extra headers (Content-Type is added by the server)."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


def error(status: int, message: str, field_name: str | None = None) -> ApiResponse:
    """One error in Greenhouse's envelope `{"errors": [{"message", "field"?}]}`."""
    return ApiResponse(status, {"errors": [error_item(message, field_name)]})


def error_item(message: str, field_name: str | None = None) -> dict[str, str]:
    item = {"message": message}
    if field_name is not None:
        item["field"] = field_name
    return item


# --- authentication ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Principal:
    """Who a request acts as: the key (its partner) and the On-Behalf-Of user."""

    key: ApiKey
    user: User


def authenticate(seeds: Seeds, headers: dict[str, str], revoked_keys: frozenset[str] = frozenset()) -> Principal | ApiResponse:
    """Basic auth with the key as user name and an empty password, then On-Behalf-Of.

    Every failure is a 401 (a disabled user too: Greenhouse does not reveal that the user
    exists). A key without permissions still authenticates; callers answer 403 for it.
    `revoked_keys` lets a test revoke a seeded key in the middle of a session.
    """
    authorization = headers.get("authorization", "")
    scheme, _, credentials = authorization.strip().partition(" ")
    if scheme.lower() != "basic" or not credentials:
        return error(401, "Missing Basic authorization")
    try:
        decoded = base64.b64decode(credentials.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return error(401, "Malformed Basic authorization")
    user_name, colon, password = decoded.partition(":")
    if not colon:
        return error(401, "Basic credentials must be '<api key>:'")
    if password:
        return error(401, "The password must be empty; the API key is the user name")
    key = seeds.key(user_name)
    if key is None or key.key in revoked_keys:
        return error(401, "Invalid API key")
    on_behalf_of = headers.get("on-behalf-of", "").strip()
    if not on_behalf_of:
        return error(401, "Missing On-Behalf-Of header")
    user = seeds.user_by_email(on_behalf_of)
    if user is None or not user.active:
        return error(401, "On-Behalf-Of does not name an active Greenhouse user")
    return Principal(key, user)


# --- validation of POST candidates -------------------------------------------------------------


def is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_filled_string(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def validate_candidate(seeds: Seeds, user: User, candidate: Any, prefix: str = "") -> list[dict[str, str]]:
    """All 422 errors of one candidate object; `prefix` (e.g. `[1].`) is put before each field.

    `null` counts as absent (Greenhouse writes missing values as null). Unknown fields are
    ignored, like Greenhouse does.
    """
    if not isinstance(candidate, dict):
        return [error_item("Each candidate must be a JSON object", prefix.rstrip(".") or None)]
    errors: list[dict[str, str]] = []

    def fail(field_name: str, message: str) -> None:
        errors.append(error_item(message, prefix + field_name))

    for name in REQUIRED_STRINGS:
        value = candidate.get(name)
        if value is None:
            fail(name, f"{name} is required")
        elif not isinstance(value, str):
            fail(name, f"{name} must be a string")
        elif not value.strip():
            fail(name, f"{name} must not be empty")
    for name in OPTIONAL_STRINGS:
        value = candidate.get(name)
        if value is not None and not isinstance(value, str):
            fail(name, f"{name} must be a string")
    for name in OPTIONAL_INTEGERS:
        value = candidate.get(name)
        if value is not None and not is_integer(value):
            fail(name, f"{name} must be an integer")

    resume = candidate.get("resume")
    if isinstance(resume, str) and not resume.startswith(("https://", "http://")):
        fail("resume", "resume must be an http(s) URL Greenhouse can fetch")

    prospect = candidate.get("prospect", True)
    if prospect is None:
        prospect = True
    if not isinstance(prospect, bool):
        fail("prospect", "prospect must be a boolean")
        prospect = True  # keep validating the rest as for the documented default

    errors.extend(validate_arrays(candidate, prefix))
    errors.extend(validate_referrer(candidate.get("referrer"), prefix))
    errors.extend(validate_destination(seeds, user, candidate, prospect, prefix))
    return errors


def validate_arrays(candidate: dict, prefix: str) -> list[dict[str, str]]:
    """Arrays of `{inner fields}`: every inner field is required once an element exists."""
    errors = []
    for name, inner_fields in ARRAY_FIELDS.items():
        value = candidate.get(name)
        if value is None:
            continue
        if not isinstance(value, list):
            errors.append(error_item(f"{name} must be an array", prefix + name))
            continue
        for index, element in enumerate(value):
            where = f"{prefix}{name}[{index}]"
            if not isinstance(element, dict):
                errors.append(error_item(f"{name} elements must be objects", where))
                continue
            for inner, allowed in inner_fields.items():
                inner_value = element.get(inner)
                if not is_filled_string(inner_value):
                    errors.append(error_item(f"{inner} is required and must be a non-empty string", f"{where}.{inner}"))
                elif allowed is not None and inner_value not in allowed:
                    errors.append(error_item(f"{inner} must be one of {', '.join(allowed)}", f"{where}.{inner}"))
    return errors


def validate_referrer(referrer: Any, prefix: str) -> list[dict[str, str]]:
    """`referrer` is optional; once given, email, first_name and last_name are all required."""
    if referrer is None:
        return []
    if not isinstance(referrer, dict):
        return [error_item("referrer must be an object", prefix + "referrer")]
    return [
        error_item(f"referrer.{inner} is required and must be a non-empty string", f"{prefix}referrer.{inner}")
        for inner in ("email", "first_name", "last_name")
        if not is_filled_string(referrer.get(inner))
    ]


def validate_destination(seeds: Seeds, user: User, candidate: dict, prospect: bool, prefix: str) -> list[dict[str, str]]:
    """job_id / prospect pool / stage / owner rules and their relations to `prospect`."""
    errors = []

    def fail(field_name: str, message: str) -> None:
        errors.append(error_item(message, prefix + field_name))

    job_id = candidate.get("job_id")
    if job_id is None:
        if not prospect:
            fail("job_id", "job_id is required when prospect is false")
    elif is_integer(job_id) and job_id not in {j.id for j in seeds.visible_jobs(user)}:
        fail("job_id", f"No open job {job_id} that this user can access")

    pool_id = candidate.get("prospect_pool_id")
    pool = seeds.pool(pool_id) if is_integer(pool_id) else None
    if pool_id is not None:
        if not prospect:
            fail("prospect_pool_id", "prospect_pool_id needs prospect to be true")
        elif is_integer(pool_id) and pool is None:
            fail("prospect_pool_id", f"No prospect pool {pool_id}")

    stage_id = candidate.get("prospect_pool_stage_id")
    if stage_id is not None:
        if not prospect:
            fail("prospect_pool_stage_id", "prospect_pool_stage_id needs prospect to be true")
        elif pool_id is None:
            fail("prospect_pool_stage_id", "prospect_pool_stage_id needs prospect_pool_id")
        elif pool is not None and is_integer(stage_id) and stage_id not in {s.id for s in pool.stages}:
            fail("prospect_pool_stage_id", f"Stage {stage_id} is not a stage of prospect pool {pool_id}")

    owner = candidate.get("prospect_owner_email")
    if owner is not None:
        if not prospect:
            fail("prospect_owner_email", "prospect_owner_email needs prospect to be true")
        elif isinstance(owner, str):
            owner_user = seeds.user_by_email(owner)
            if owner_user is None or not owner_user.active:
                fail("prospect_owner_email", "prospect_owner_email is not an active Greenhouse user")
    return errors


# --- created candidates --------------------------------------------------------------------------


@dataclass
class CreatedCandidate:
    """A prospect or candidate the sandbox created, with everything tests may want to check."""

    id: int
    application_id: int
    partner: str
    created_by: str
    request: dict
    job: Job | None
    pool_id: int | None
    stage_name: str | None
    prospect: bool

    @property
    def profile_url(self) -> str:
        return PROFILE_URL.format(id=self.id, application_id=self.application_id)

    def created_json(self) -> dict:
        """The POST candidates answer for this candidate."""
        return {
            "id": self.id,
            "application_id": self.application_id,
            "external_id": self.request.get("external_id"),
            "profile_url": self.profile_url,
        }

    def status_json(self, status_word: str = "active") -> dict:
        """The GET candidates answer for this candidate."""
        return {
            "id": self.id,
            "name": f"{self.request.get('first_name')} {self.request.get('last_name')}",
            "external_id": self.request.get("external_id"),
            "applications": [
                {
                    "id": self.application_id,
                    "job": self.job.name if self.job else None,
                    "status": status_word,
                    "stage": self.stage_name,
                    "profile_url": self.profile_url,
                }
            ],
        }

    def sandbox_json(self) -> dict:
        """What `GET /__sandbox/candidates` shows: the answer plus how it was created."""
        return {
            **self.created_json(),
            "prospect": self.prospect,
            "job_id": self.job.id if self.job else None,
            "prospect_pool_id": self.pool_id,
            "stage": self.stage_name,
            "partner": self.partner,
            "on_behalf_of": self.created_by,
            "request": self.request,
        }


def visible_to(principal: Principal, seeds: Seeds, candidate: CreatedCandidate) -> bool:
    """GET candidates shows only this partner's candidates the user may see."""
    if candidate.partner != principal.key.partner:
        return False
    if candidate.job is None:
        return principal.user.can_manage_jobless_prospects
    return candidate.job.id in {j.id for j in seeds.visible_jobs(principal.user)}


# --- the API -------------------------------------------------------------------------------------


class Greenhouse:
    """The seeded organization plus the candidates created so far (thread-safe)."""

    def __init__(self, seeds: Seeds = DEFAULT_SEEDS):
        self.seeds = seeds
        self._lock = threading.Lock()
        #: Keys that answer 401 as if deleted in Greenhouse (set through the control API).
        self.revoked_keys: frozenset[str] = frozenset()
        #: The shape of `GET candidates` answers, one of `CANDIDATES_ANSWERS` (control API).
        self.candidates_answer = "array"
        #: The application `status` word (`"active"` in the table, `"Active"` in the example).
        self.status_word = "active"
        self.reset()

    def reset(self) -> None:
        """Forget created candidates and restart ids, so runs are reproducible."""
        with self._lock:
            self.created: list[CreatedCandidate] = []
            self._next_id = FIRST_CANDIDATE_ID
            self._next_application_id = FIRST_APPLICATION_ID
            self._next_tracking_link = 1

    def candidates(self) -> list[dict]:
        with self._lock:
            return [c.sandbox_json() for c in self.created]

    def handle(self, request: ApiRequest) -> ApiResponse:
        """Route, authenticate, authorize and answer one API request."""
        if not request.path.startswith(API_PREFIX):
            return error(404, "Not found")
        resource = request.path[len(API_PREFIX):].rstrip("/")
        routes = {
            "current_user": {"GET": self.current_user},
            "jobs": {"GET": self.jobs},
            "prospect_pools": {"GET": self.prospect_pools},
            "candidates": {"GET": self.candidate_statuses, "POST": self.create_candidates},
            "tracking_link": {"POST": self.tracking_link},
        }
        methods = routes.get(resource)
        if methods is None:
            return error(404, "Not found")
        endpoint = methods.get(request.method)
        if endpoint is None:
            response = error(405, f"{request.method} is not supported here")
            response.headers["Allow"] = ", ".join(methods)
            return response
        principal = authenticate(self.seeds, request.headers, self.revoked_keys)
        if isinstance(principal, ApiResponse):
            return principal
        if not principal.key.permitted:
            return error(403, "This API key has no permission for this endpoint")
        with self._lock:
            return endpoint(principal, request)

    def current_user(self, principal: Principal, _request: ApiRequest) -> ApiResponse:
        user = principal.user
        return ApiResponse(
            200,
            {
                "id": user.id,
                "full_name": user.full_name,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
            },
        )

    def jobs(self, principal: Principal, _request: ApiRequest) -> ApiResponse:
        jobs = self.seeds.visible_jobs(principal.user)
        return ApiResponse(200, [{"id": j.id, "name": j.name, "status": j.status, "public": j.public} for j in jobs])

    def prospect_pools(self, _principal: Principal, _request: ApiRequest) -> ApiResponse:
        return ApiResponse(200, self.seeds.to_json()["prospect_pools"])

    def candidate_statuses(self, principal: Principal, request: ApiRequest) -> ApiResponse:
        if not principal.user.can_read_candidates:
            return error(403, "This user may not read candidates")
        raw = ",".join(request.query.get("candidate_ids", []))
        if not raw.strip():
            return error(422, "candidate_ids is required", "candidate_ids")
        wanted = [int(part) for part in raw.split(",") if part.strip().isdigit()]
        by_id = {c.id: c for c in self.created}
        found = [by_id[i] for i in dict.fromkeys(wanted) if i in by_id]
        answer = [c.status_json(self.status_word) for c in found if visible_to(principal, self.seeds, c)]
        if self.candidates_answer == "empty" or (self.candidates_answer == "object" and not answer):
            return ApiResponse(200, EMPTY_BODY)
        if self.candidates_answer == "object" and len(answer) == 1:
            return ApiResponse(200, answer[0])
        return ApiResponse(200, answer)

    def create_candidates(self, principal: Principal, request: ApiRequest) -> ApiResponse:
        body = parse_json(request.body)
        if isinstance(body, ApiResponse):
            return body
        if isinstance(body, list):
            if not body:
                return error(422, "The array of candidates is empty")
            errors = [e for i, c in enumerate(body) for e in validate_candidate(self.seeds, principal.user, c, f"[{i}].")]
        elif isinstance(body, dict):
            errors = validate_candidate(self.seeds, principal.user, body)
        else:
            return error(422, "The body must be a candidate object or an array of them")
        if errors:
            # All or nothing: an array with one bad element creates no one.
            return ApiResponse(422, {"errors": errors})
        created = [self._create(principal, c) for c in (body if isinstance(body, list) else [body])]
        answers = [c.created_json() for c in created]
        return ApiResponse(200, answers if isinstance(body, list) else answers[0])

    def _create(self, principal: Principal, candidate: dict) -> CreatedCandidate:
        prospect = candidate.get("prospect") is not False
        job_id = candidate.get("job_id")
        pool = self.seeds.pool(candidate["prospect_pool_id"]) if candidate.get("prospect_pool_id") is not None else None
        stage_name = None
        if pool is not None:
            stage_id = candidate.get("prospect_pool_stage_id")
            # Without a stage Greenhouse puts the prospect in the pool's first stage.
            stage = next((s for s in pool.stages if s.id == stage_id), pool.stages[0])
            stage_name = stage.name
        elif not prospect:
            stage_name = "Application Review"
        created = CreatedCandidate(
            id=self._next_id,
            application_id=self._next_application_id,
            partner=principal.key.partner,
            created_by=principal.user.email,
            request=candidate,
            job=self.seeds.job(job_id) if job_id is not None else None,
            pool_id=pool.id if pool else None,
            stage_name=stage_name,
            prospect=prospect,
        )
        self._next_id += 1
        self._next_application_id += 1
        self.created.append(created)
        return created

    def tracking_link(self, principal: Principal, request: ApiRequest) -> ApiResponse:
        if not principal.user.can_create_tracking_links:
            return error(403, "This user may not create tracking links")
        body = parse_json(request.body)
        if isinstance(body, ApiResponse):
            return body
        job_id = body.get("job_id") if isinstance(body, dict) else None
        if not is_integer(job_id):
            return error(422, "job_id is required and must be an integer", "job_id")
        job = next((j for j in self.seeds.visible_jobs(principal.user) if j.id == job_id), None)
        if job is None:
            return error(404, f"No open job {job_id} that this user can access", "job_id")
        token = f"sbx{self._next_tracking_link:04d}"
        self._next_tracking_link += 1
        return ApiResponse(
            200,
            {
                "tracking_link": TRACKING_LINK_URL.format(token=token),
                "job": job.name,
                "source": principal.key.partner,
                "referrer": principal.user.full_name,
            },
        )


def parse_json(body: bytes) -> Any:
    """The request body as JSON, or the documented 400 for anything that is not JSON."""
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return error(400, "The request body is not valid JSON")

"""The Greenhouse organization the sandbox pretends to be: keys, users, jobs, prospect pools.

Seeds are plain, frozen data so tests can name them (``from sandbox import VALID_KEY``) and so
the API module can stay a set of functions over them. Every seed exists to exercise one
behaviour of the real API; the comment on each says which.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- API keys (Basic auth user name; the password must be empty) ---------------------------

#: A Candidate Ingestion key issued to the purpose.jobs partner: everything works with it.
VALID_KEY = "7c1e5b0f3a9d4e62b8f04c2d1a6e9b35"
#: A working key of another sourcing partner: it cannot see what purpose.jobs created.
OTHER_PARTNER_KEY = "3f8a2d6c9e1b4a70d5c2e8f1b6a3d904"
#: A key that authenticates but was created without any endpoint permission: 403 everywhere.
NO_PERMISSION_KEY = "e2b7d4a19c6f3e08a5d1c7b2f9e4a630"

# --- Users (On-Behalf-Of) --------------------------------------------------------------------

#: Site Admin: may do everything, sees every job and every prospect.
RECRUITER_EMAIL = "recruiter@example.com"
#: Basic user: may create prospects/candidates, read jobs and pools, but not read candidates.
BASIC_EMAIL = "basic@example.com"
#: Job Admin on one confidential job: reads candidates on jobs it can access, no job-less prospects.
JOB_ADMIN_EMAIL = "hiring.manager@example.com"
#: A disabled user: Greenhouse answers 401 as if the email were unknown.
DISABLED_EMAIL = "disabled@example.com"

SITE_ADMIN = "site_admin"
JOB_ADMIN = "job_admin"
BASIC = "basic"


@dataclass(frozen=True)
class ApiKey:
    """A partner API key. `permitted` False models a key created with no endpoint permissions."""

    key: str
    partner: str
    permitted: bool = True


@dataclass(frozen=True)
class User:
    """A Greenhouse user that On-Behalf-Of can name."""

    id: int
    first_name: str
    last_name: str
    email: str
    role: str
    active: bool = True
    #: Non-public jobs this user can access (Site Admins see all jobs regardless).
    job_access: frozenset[int] = field(default_factory=frozenset)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def can_read_candidates(self) -> bool:
        # The docs: Basic users may not read candidates/prospects.
        return self.role in (SITE_ADMIN, JOB_ADMIN)

    @property
    def can_manage_jobless_prospects(self) -> bool:
        # "Reading job-less prospects needs the extra permission manage jobless prospects".
        return self.role == SITE_ADMIN

    @property
    def can_create_tracking_links(self) -> bool:
        return self.role in (SITE_ADMIN, JOB_ADMIN)


@dataclass(frozen=True)
class Job:
    """A job; only open jobs exist for the API, `public` = on the careers page."""

    id: int
    name: str
    status: str = "open"
    public: bool = True


@dataclass(frozen=True)
class Stage:
    """A stage of a prospect pool."""

    id: int
    name: str


@dataclass(frozen=True)
class ProspectPool:
    """A prospect pool with its stages in pipeline order."""

    id: int
    name: str
    stages: tuple[Stage, ...]


@dataclass(frozen=True)
class Seeds:
    """The whole seeded organization."""

    keys: tuple[ApiKey, ...]
    users: tuple[User, ...]
    jobs: tuple[Job, ...]
    pools: tuple[ProspectPool, ...]

    def key(self, value: str) -> ApiKey | None:
        return next((k for k in self.keys if k.key == value), None)

    def user_by_email(self, email: str) -> User | None:
        wanted = email.strip().lower()
        return next((u for u in self.users if u.email.lower() == wanted), None)

    def job(self, job_id: int) -> Job | None:
        return next((j for j in self.jobs if j.id == job_id), None)

    def pool(self, pool_id: int) -> ProspectPool | None:
        return next((p for p in self.pools if p.id == pool_id), None)

    def visible_jobs(self, user: User) -> list[Job]:
        """Open jobs on the public board plus the unpublished ones the user can access."""
        return [
            j
            for j in self.jobs
            if j.status == "open" and (j.public or user.role == SITE_ADMIN or j.id in user.job_access)
        ]

    def to_json(self) -> dict:
        """Everything a test or a developer may want to look up (keys included: they are fake)."""
        return {
            "keys": [{"key": k.key, "partner": k.partner, "permitted": k.permitted} for k in self.keys],
            "users": [
                {
                    "id": u.id,
                    "full_name": u.full_name,
                    "email": u.email,
                    "role": u.role,
                    "active": u.active,
                    "job_access": sorted(u.job_access),
                }
                for u in self.users
            ],
            "jobs": [{"id": j.id, "name": j.name, "status": j.status, "public": j.public} for j in self.jobs],
            "prospect_pools": [
                {"id": p.id, "name": p.name, "stages": [{"id": s.id, "name": s.name} for s in p.stages]}
                for p in self.pools
            ],
        }


#: Job ids, named for tests.
PUBLIC_JOB_ID = 101
CONFIDENTIAL_JOB_ID = 103  # not public; the Job Admin can access it
ADMIN_ONLY_JOB_ID = 104  # not public; only Site Admins see it
CLOSED_JOB_ID = 105  # closed: never listed, refused in POST candidates

#: Prospect pool and stage ids, named for tests.
ENGINEERING_POOL_ID = 201
ENGINEERING_CONTACTED_STAGE_ID = 2012
DESIGN_POOL_ID = 202
DESIGN_FIRST_STAGE_ID = 2021

DEFAULT_SEEDS = Seeds(
    keys=(
        ApiKey(VALID_KEY, partner="purpose.jobs"),
        ApiKey(OTHER_PARTNER_KEY, partner="Other Sourcer"),
        ApiKey(NO_PERMISSION_KEY, partner="purpose.jobs", permitted=False),
    ),
    users=(
        User(4080, "Riley", "Recruiter", RECRUITER_EMAIL, SITE_ADMIN),
        User(4081, "Bailey", "Basic", BASIC_EMAIL, BASIC),
        User(4082, "Jordan", "Hiring", JOB_ADMIN_EMAIL, JOB_ADMIN, job_access=frozenset({CONFIDENTIAL_JOB_ID})),
        User(4083, "Dana", "Departed", DISABLED_EMAIL, SITE_ADMIN, active=False),
    ),
    jobs=(
        Job(PUBLIC_JOB_ID, "Senior Rust Engineer"),
        Job(102, "Product Designer"),
        Job(CONFIDENTIAL_JOB_ID, "Head of Impact", public=False),
        Job(ADMIN_ONLY_JOB_ID, "Climate Data Analyst", public=False),
        Job(CLOSED_JOB_ID, "Office Manager", status="closed"),
    ),
    pools=(
        ProspectPool(
            ENGINEERING_POOL_ID,
            "Engineering Talent",
            (Stage(2011, "Not Contacted"), Stage(ENGINEERING_CONTACTED_STAGE_ID, "Contacted"), Stage(2013, "In Discussion")),
        ),
        ProspectPool(
            DESIGN_POOL_ID,
            "Design Talent",
            (Stage(DESIGN_FIRST_STAGE_ID, "Not Contacted"), Stage(2022, "Contacted")),
        ),
    ),
)

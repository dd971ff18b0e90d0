"""Local stand-in for Greenhouse's Candidate Ingestion API and for Purpose Jobs pages.

    from sandbox import Sandbox, VALID_KEY, RECRUITER_EMAIL
    with Sandbox("tests/fixtures") as sandbox:
        ...  # point a browser at 127.0.0.1:sandbox.port, then assert sandbox.requests()

See README.md in this directory for the control API and the seeded organization.
"""

from .control import DEFAULT_RATE_LIMIT, DEFAULT_RATE_WINDOW
from .seeds import (
    ADMIN_ONLY_JOB_ID,
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
)
from .server import API_HOST, DEFAULT_STATE_DIR, Sandbox, SandboxClient, SandboxError

__all__ = [
    "ADMIN_ONLY_JOB_ID",
    "API_HOST",
    "BASIC_EMAIL",
    "CLOSED_JOB_ID",
    "CONFIDENTIAL_JOB_ID",
    "DEFAULT_RATE_LIMIT",
    "DEFAULT_RATE_WINDOW",
    "DEFAULT_STATE_DIR",
    "DESIGN_FIRST_STAGE_ID",
    "DESIGN_POOL_ID",
    "DISABLED_EMAIL",
    "ENGINEERING_CONTACTED_STAGE_ID",
    "ENGINEERING_POOL_ID",
    "JOB_ADMIN_EMAIL",
    "NO_PERMISSION_KEY",
    "OTHER_PARTNER_KEY",
    "PUBLIC_JOB_ID",
    "RECRUITER_EMAIL",
    "Sandbox",
    "SandboxClient",
    "SandboxError",
    "VALID_KEY",
]

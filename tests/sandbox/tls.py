"""A throwaway self-signed certificate for the real host names the browsers ask for.

Browsers are pointed at the sandbox with the real names (`app.purpose.jobs`,
`api.greenhouse.io`), so the certificate names them all. It is made with the `openssl` CLI
(no Python crypto package needed), kept in a state directory and reused while it is valid, so
the SPKI hash that Chromium's `--ignore-certificate-errors-spki-list` pins stays the same
between runs. A file lock keeps two sandboxes starting at once from writing half a pair.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import ssl
import subprocess
from dataclasses import dataclass
from pathlib import Path

DNS_NAMES = ("*.purpose.jobs", "purpose.jobs", "app.purpose.jobs", "api.greenhouse.io", "localhost")
IP_ADDRESSES = ("127.0.0.1",)
VALID_DAYS = 90
#: Regenerate when the certificate expires within this many seconds.
MIN_REMAINING_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Certificate:
    """Paths of the PEM files and the base64 SHA-256 of the certificate's SubjectPublicKeyInfo."""

    cert_path: Path
    key_path: Path
    spki: str


class CertificateError(RuntimeError):
    """Raised when openssl is missing or fails; the message says which command and why."""


def openssl(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["openssl", *args], input=stdin, capture_output=True, check=False)
    except FileNotFoundError as missing:
        raise CertificateError("the openssl CLI is needed for the sandbox certificate: apt-get install openssl") from missing


def ensure_certificate(state_dir: Path) -> Certificate:
    """Reuse the certificate in `state_dir` if it is still good, otherwise make a new one."""
    state_dir.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = state_dir / "cert.pem", state_dir / "key.pem"
    with open(state_dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not is_usable(cert_path, key_path):
            generate(cert_path, key_path)
        return Certificate(cert_path.resolve(), key_path.resolve(), spki_hash(cert_path))


def is_usable(cert_path: Path, key_path: Path) -> bool:
    """Both files exist, the pair matches, the names are all there and it is not about to expire."""
    if not (cert_path.is_file() and key_path.is_file()):
        return False
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert_path, key_path)
    except (ssl.SSLError, OSError):
        return False
    if openssl("x509", "-in", str(cert_path), "-noout", "-checkend", str(MIN_REMAINING_SECONDS)).returncode != 0:
        return False
    names = openssl("x509", "-in", str(cert_path), "-noout", "-ext", "subjectAltName").stdout.decode()
    return all(f"DNS:{n}" in names for n in DNS_NAMES) and all(f"IP Address:{ip}" in names for ip in IP_ADDRESSES)


def generate(cert_path: Path, key_path: Path) -> None:
    """An EC P-256 self-signed server certificate (fast to make, accepted by both browsers)."""
    san = ",".join([f"DNS:{n}" for n in DNS_NAMES] + [f"IP:{ip}" for ip in IP_ADDRESSES])
    tmp_cert, tmp_key = cert_path.with_suffix(".pem.tmp"), key_path.with_suffix(".pem.tmp")
    result = openssl(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", str(tmp_key), "-out", str(tmp_cert), "-days", str(VALID_DAYS),
        "-subj", "/CN=purpose-greenhouse sandbox",
        "-addext", f"subjectAltName={san}",
        "-addext", "basicConstraints=critical,CA:FALSE",
        "-addext", "keyUsage=critical,digitalSignature",
        "-addext", "extendedKeyUsage=serverAuth",
    )  # fmt: skip
    if result.returncode != 0:
        raise CertificateError(f"openssl req failed: {result.stderr.decode(errors='replace').strip()}")
    tmp_key.chmod(0o600)
    tmp_key.replace(key_path)
    tmp_cert.replace(cert_path)


def spki_hash(cert_path: Path) -> str:
    """base64(sha256(DER SubjectPublicKeyInfo)), the value Chromium's SPKI allow-list takes.

    The PEM "PUBLIC KEY" block that `openssl x509 -pubkey` prints is exactly the DER SPKI in
    base64, so decoding it gives the same bytes as the `openssl pkey -outform der` recipe.
    """
    result = openssl("x509", "-in", str(cert_path), "-pubkey", "-noout")
    if result.returncode != 0:
        raise CertificateError(f"openssl x509 -pubkey failed: {result.stderr.decode(errors='replace').strip()}")
    pem_lines = result.stdout.decode().strip().splitlines()
    der = base64.b64decode("".join(line for line in pem_lines if not line.startswith("-----")))
    return base64.b64encode(hashlib.sha256(der).digest()).decode()

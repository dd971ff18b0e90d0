"""The HTTPS server: one port for every host, dispatching on the `Host` header.

Firefox can only remap ports globally (`network.socket.forcePort`), so Purpose Jobs pages,
the Greenhouse API and the control endpoint all share one listening socket:

- `/__sandbox/...` on any host: the control API (`control.py`),
- Host `api.greenhouse.io`: the Candidate Ingestion API (`api.py`), wrapped in the log, the
  fault queue and the rate limit,
- Host `purpose.jobs` / `*.purpose.jobs`: fixture pages (`pages.py`).

`Sandbox` runs the server in a background thread for pytest; `SandboxClient` drives the control
API of any running sandbox (one started by the CLI too) over real HTTPS.
"""

from __future__ import annotations

import http.client
import json
import math
import socket
import socketserver
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs, urlencode, urlsplit

from .api import EMPTY_BODY, ApiRequest, ApiResponse, error
from .control import CONTROL_PREFIX, DEFAULT_RATE_LIMIT, DEFAULT_RATE_WINDOW, SandboxState, handle_control
from .pages import is_pages_host, route_page
from .tls import Certificate, ensure_certificate

API_HOST = "api.greenhouse.io"
DEFAULT_STATE_DIR = Path(__file__).resolve().parents[1] / ".tmp" / "sandbox"
#: Sent as the body of a `garbage` fault: looks like a proxy's error page, is not JSON.
GARBAGE_BODY = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1>upstream sent {\"id\": </body></html>"
#: Errors that only mean "the client went away"; never worth a traceback.
CLIENT_GONE = (ConnectionError, TimeoutError, ssl.SSLError, BrokenPipeError)


class SandboxServer(ThreadingHTTPServer):
    """A threaded TLS server that remembers its open connections so `stop()` can close them."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: SandboxState, fixtures_dir: Path, context: ssl.SSLContext, verbose: bool = False):
        super().__init__(address, SandboxHandler)
        # The handshake runs in the connection's own thread (see SandboxHandler.setup), so a
        # client that stalls in TLS cannot block accept() for everyone else.
        self.socket = context.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)
        self.state = state
        self.fixtures_dir = fixtures_dir
        self.verbose = verbose
        self.stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    def server_bind(self) -> None:
        # HTTPServer.server_bind does a reverse DNS lookup (getfqdn) that can stall; skip it.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "localhost", self.server_address[1]

    def track(self, connection: socket.socket, open_: bool) -> None:
        with self._connections_lock:
            (self._connections.add if open_ else self._connections.discard)(connection)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A bug in the sandbox must be loud (traceback on stderr); a client hanging up is not news.
        if self.verbose or not isinstance(sys.exc_info()[1], CLIENT_GONE):
            super().handle_error(request, client_address)


class SandboxHandler(BaseHTTPRequestHandler):
    """One connection: HTTP/1.1 keep-alive, every response with a Content-Length."""

    protocol_version = "HTTP/1.1"
    server_version = "greenhouse-sandbox"
    #: Idle keep-alive connections are closed after this many seconds.
    timeout = 60
    server: SandboxServer

    def setup(self) -> None:
        super().setup()
        self.server.track(self.request, True)
        # Headers and body go out in two writes; without NODELAY, Nagle plus the client's
        # delayed ACK adds ~40 ms to every response.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            self.request.do_handshake()
            self.handshake_ok = True
        except (OSError, ssl.SSLError):
            # Typically a browser refusing the self-signed certificate: nothing to answer.
            self.handshake_ok = False

    def handle(self) -> None:
        if not self.handshake_ok:
            return
        try:
            super().handle()
        except CLIENT_GONE:
            self.close_connection = True

    def finish(self) -> None:
        self.server.track(self.request, False)
        try:
            super().finish()
        except CLIENT_GONE:
            pass

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        if self.server.verbose:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        self.dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = do_GET

    # --- plumbing ---

    def dispatch(self) -> None:
        body = self.read_body()
        if body is None:
            return
        url = urlsplit(self.path)
        query = parse_qs(url.query, keep_blank_values=True)
        host = (self.headers.get("Host") or "").strip().lower()
        host = host if host.startswith("[") else host.split(":")[0]
        if url.path.startswith(CONTROL_PREFIX):
            status, payload = handle_control(self.server.state, self.command, url.path, query, body)
            self.send_json(status, payload)
        elif host == API_HOST:
            self.serve_api(url.path, query, body, host)
        elif is_pages_host(host):
            self.serve_page(url.path, query, host)
        else:
            self.send(404, f"The sandbox serves {API_HOST} and *.purpose.jobs, not {host!r}\n".encode(), {"Content-Type": "text/plain; charset=utf-8"})

    def read_body(self) -> bytes | None:
        """The request body (Content-Length or chunked); None after answering a malformed one."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size_line = self.rfile.readline(1024)
                try:
                    size = int(size_line.split(b";")[0].strip(), 16)
                except ValueError:
                    return self.reject_framing()
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline(1024)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self.reject_framing()
        if length < 0:
            return self.reject_framing()
        return self.rfile.read(length) if length else b""

    def reject_framing(self) -> None:
        self.close_connection = True
        self.send(400, b"malformed request body framing\n", {"Content-Type": "text/plain; charset=utf-8", "Connection": "close"})
        return None

    def send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 204:  # RFC 9110: no Content-Length on a 204
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status != 204:
            self.wfile.write(body)

    def send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        body = b"" if payload is EMPTY_BODY else json.dumps(payload).encode("utf-8")
        self.send(status, body, {"Content-Type": "application/json", **(headers or {})})

    def drop(self) -> None:
        """Close the TCP connection without a byte of response (no TLS close_notify either)."""
        self.close_connection = True
        try:
            self.request.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def header_dict(self) -> dict[str, str]:
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        return headers

    # --- the Greenhouse API ---

    def serve_api(self, path: str, query: dict[str, list[str]], body: bytes, host: str) -> None:
        state = self.server.state
        headers = self.header_dict()
        text = body.decode("utf-8", errors="replace")
        try:
            logged_body, is_json = (json.loads(text), True) if text.strip() else (None, False)
        except json.JSONDecodeError:
            logged_body, is_json = text, False
        entry = state.record(
            {
                "time": time.time(),
                "method": self.command,
                "host": host,
                "path": path,
                "query": {name: values[-1] for name, values in query.items()},
                "target": self.path,
                "headers": headers,
                "body": logged_body,
                "body_is_json": is_json,
                "status": None,
                "outcome": None,
                "fault": None,
                "response": None,
            }
        )
        if state.down:
            state.finish(entry, outcome="down")
            return self.drop()
        if self.command == "OPTIONS":
            # A CORS preflight. Greenhouse sends no CORS headers, so a fetch that needed one
            # fails, as it does for an extension without the api.greenhouse.io host permission.
            state.finish(entry, status=204, outcome="preflight")
            return self.send(204, b"", {})
        fault = state.next_fault()
        slow_ms = 0
        if fault is not None:
            if fault.get("drop"):
                state.finish(entry, outcome="dropped", fault=fault)
                return self.drop()
            if "status" in fault:
                response = fault_response(fault)
                state.finish(entry, status=response.status, outcome="fault", fault=fault, response=response.body)
                return self.send_json(response.status, response.body, response.headers)
            if fault.get("garbage"):
                state.finish(entry, status=200, outcome="garbage", fault=fault, response=GARBAGE_BODY.decode())
                return self.send(200, GARBAGE_BODY, {"Content-Type": fault.get("content_type", "application/json")})
            slow_ms = fault["slow_ms"]
        decision = state.take_rate_budget()
        if decision.allowed:
            response = state.greenhouse.handle(ApiRequest(self.command, path, query, headers, body))
        else:
            response = error(429, "Rate limit exceeded")
        response.headers.update(decision.headers())
        if slow_ms:
            # The work is done (a slow POST still creates); only the answer is late.
            state.finish(entry, fault=fault, outcome="slow")
            self.server.stopping.wait(slow_ms / 1000)
        outcome = "slow" if slow_ms else ("ok" if decision.allowed else "rate_limited")
        logged = "" if response.body is EMPTY_BODY else response.body
        state.finish(entry, status=response.status, outcome=outcome, response=logged)
        self.send_json(response.status, response.body, response.headers)

    # --- Purpose Jobs pages ---

    def serve_page(self, path: str, query: dict[str, list[str]], host: str) -> None:
        if self.command not in ("GET", "HEAD"):
            page_status, body, headers, fixture = 405, b"pages only answer GET\n", {"Content-Type": "text/plain; charset=utf-8", "Allow": "GET, HEAD"}, None
        else:
            page = route_page(self.server.fixtures_dir, path, query)
            page_status, body, headers, fixture = page.status, page.body, page.headers, page.fixture
        self.server.state.record(
            {"time": time.time(), "method": self.command, "host": host, "path": path, "target": self.path, "status": page_status, "fixture": fixture},
            page=True,
        )
        self.send(page_status, body, headers)


def fault_response(fault: dict) -> ApiResponse:
    """The answer a `{"status": N, "retry_after"?, "body"?}` fault asks for."""
    status = fault["status"]
    body = fault.get("body", {"errors": [{"message": f"Injected fault: HTTP {status}"}]})
    response = ApiResponse(status, body)
    retry_after = fault.get("retry_after", 1 if status == 429 else None)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    if status == 429:
        response.headers["X-RateLimit-Reset"] = str(math.ceil(time.time() + retry_after))
        response.headers["X-RateLimit-Remaining"] = "0"
    return response


class SandboxError(RuntimeError):
    """Raised by `SandboxClient` when a control request is refused (the message says why)."""


class SandboxClient:
    """Drives the control API of a running sandbox over HTTPS, trusting its certificate."""

    def __init__(self, port: int, cert_path: Path | str, host: str = "127.0.0.1"):
        self.port = port
        self.host = host
        self.cert_path = Path(cert_path)

    def ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts exactly the sandbox's certificate."""
        return ssl.create_default_context(cafile=str(self.cert_path))

    def call(self, method: str, name: str, body: Any = None, query: dict[str, Any] | None = None) -> Any:
        target = CONTROL_PREFIX + name + (f"?{urlencode(query)}" if query else "")
        connection = http.client.HTTPSConnection(self.host, self.port, context=self.ssl_context(), timeout=10)
        try:
            payload = None if body is None else json.dumps(body)
            connection.request(method, target, body=payload, headers={"Content-Type": "application/json"} if payload else {})
            response = connection.getresponse()
            answer = json.loads(response.read() or b"null")
        finally:
            connection.close()
        if response.status != 200:
            raise SandboxError(f"{method} {target}: {response.status} {answer}")
        return answer

    def health(self) -> bool:
        return bool(self.call("GET", "health").get("ok"))

    def requests(self, method: str | None = None, path: str | None = None, since: int = 0) -> list[dict]:
        """The API request log in arrival order, optionally only one method and/or path."""
        entries = self.call("GET", "requests", query={"since": since} if since else None)
        return [e for e in entries if (method is None or e["method"] == method) and (path is None or e["path"] == path)]

    def page_requests(self) -> list[dict]:
        return self.call("GET", "page-requests")

    def reset(self) -> None:
        self.call("POST", "reset", {})

    def faults(self, next: list[dict] | None = None, down: bool | None = None, clear: bool = False) -> dict:  # noqa: A002 (the wire name)
        """Queue faults for the next API requests and/or switch the API down or up."""
        body: dict[str, Any] = {"next": next or []}
        if down is not None:
            body["down"] = down
        if clear:
            body["clear"] = True
        return self.call("POST", "faults", body)

    def config(self, **settings: Any) -> dict:
        """Change `rate_limit`, `rate_window`, `revoked_keys`, `candidates_answer`, `status_word`
        (until the next reset); returns the config."""
        return self.call("POST", "config", settings) if settings else self.call("GET", "config")

    def candidates(self) -> list[dict]:
        return self.call("GET", "candidates")

    def seeds(self) -> dict:
        return self.call("GET", "seeds")


class Sandbox(SandboxClient):
    """The sandbox in a background thread, for pytest: `with Sandbox(fixtures).start() as sb: ...`."""

    def __init__(
        self,
        fixtures_dir: Path | str,
        port: int = 0,
        state_dir: Path | str | None = None,
        rate_limit: int = DEFAULT_RATE_LIMIT,
        rate_window: float = DEFAULT_RATE_WINDOW,
        verbose: bool = False,
    ):
        self.fixtures_dir = Path(fixtures_dir).resolve()
        self.state_dir = Path(state_dir) if state_dir else DEFAULT_STATE_DIR
        self.requested_port = port
        self.rate_limit, self.rate_window = rate_limit, rate_window
        self.verbose = verbose
        self.server: SandboxServer | None = None
        self.certificate: Certificate | None = None
        super().__init__(port=0, cert_path="")  # real values once start() has bound the port

    def start(self) -> Sandbox:
        if self.server is not None:
            return self
        self.certificate = ensure_certificate(self.state_dir)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.certificate.cert_path, self.certificate.key_path)
        state = SandboxState(self.rate_limit, self.rate_window)
        self.server = SandboxServer(("127.0.0.1", self.requested_port), state, self.fixtures_dir, context, self.verbose)
        super().__init__(self.server.server_address[1], self.certificate.cert_path)
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, name="greenhouse-sandbox", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting, wake slow responses, close open connections. Idempotent."""
        server, self.server = self.server, None
        if server is None:
            return
        server.shutdown()
        server.stopping.set()
        server.close_connections()
        server.server_close()
        self._thread.join(timeout=5)

    def last_seq(self) -> int:
        """The `seq` of the last API request logged, read in process (no control request)."""
        return self._state().last_seq()

    def wait_requests(self, method: str, path: str, since: int, timeout: float, where: Callable[[dict], bool] = lambda _: True) -> list[dict]:
        """The API requests `method path` after `since` for which `where` holds, once there is
        one ([] after `timeout` s): in process, blocking rather than polling the control API, so the
        waiting takes no CPU from the browser that is making the request."""
        return self._state().wait_requests(lambda e: e["method"] == method and e["path"] == path and where(e), since, timeout)

    def _state(self) -> SandboxState:
        if self.server is None:
            raise SandboxError("the sandbox is not running")
        return self.server.state

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *_exc: Any) -> None:
        self.stop()

    @property
    def spki(self) -> str:
        """base64 SHA-256 of the certificate's SPKI, for `--ignore-certificate-errors-spki-list`."""
        assert self.certificate is not None, "start() the sandbox first"
        return self.certificate.spki

    @property
    def key_path(self) -> Path:
        assert self.certificate is not None, "start() the sandbox first"
        return self.certificate.key_path

    def chromium_args(self) -> list[str]:
        """Flags that send the real host names to this sandbox and accept its certificate."""
        rules = ", ".join(f"MAP {name} 127.0.0.1:{self.port}" for name in ("*.purpose.jobs", "purpose.jobs", API_HOST))
        return [f"--host-resolver-rules={rules}", f"--ignore-certificate-errors-spki-list={self.spki}"]

    def firefox_prefs(self, page_hosts: tuple[str, ...] = ("app.purpose.jobs",)) -> dict[str, str]:
        """Prefs that resolve the names to loopback and force this port (needs acceptInsecureCerts)."""
        return {"network.dns.localDomains": ",".join([*page_hosts, API_HOST]), "network.socket.forcePort": f"443={self.port}"}

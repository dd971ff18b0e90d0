#!/usr/bin/env python3
"""Command line entry point: run the sandbox until SIGTERM/SIGINT.

    python3 tests/sandbox/greenhouse_sandbox.py --port 8443 --fixtures tests/fixtures [--state-dir DIR]

Prints exactly one line of JSON on stdout once it accepts connections, so a caller (the demo,
a test harness in another language) can wait for it and read the port and SPKI hash:
    {"ready": true, "port": 8443, "spki": "...", "cert": "/abs/cert.pem"}
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: make `sandbox` importable as a package from tests/.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from sandbox.control import DEFAULT_RATE_LIMIT, DEFAULT_RATE_WINDOW
    from sandbox.server import DEFAULT_STATE_DIR, Sandbox
else:
    from .control import DEFAULT_RATE_LIMIT, DEFAULT_RATE_WINDOW
    from .server import DEFAULT_STATE_DIR, Sandbox


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Local Greenhouse Ingestion API + Purpose Jobs fixture server (HTTPS).")
    parser.add_argument("--port", type=int, default=8443, help="port on 127.0.0.1 (0 picks a free one)")
    parser.add_argument("--fixtures", type=Path, required=True, help="directory with index.json, <name>.html and static/")
    parser.add_argument("--state-dir", type=Path, default=DEFAULT_STATE_DIR, help="where the certificate is kept")
    parser.add_argument("--rate-limit", type=int, default=DEFAULT_RATE_LIMIT, help="API requests per window")
    parser.add_argument("--rate-window", type=float, default=DEFAULT_RATE_WINDOW, help="rate-limit window in seconds")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    sandbox = Sandbox(args.fixtures, args.port, args.state_dir, args.rate_limit, args.rate_window, args.verbose).start()
    try:
        print(json.dumps({"ready": True, "port": sandbox.port, "spki": sandbox.spki, "cert": str(sandbox.cert_path)}), flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

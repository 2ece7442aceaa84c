"""Per-request CPU cost of the Python adapters against the bench's plain routes, in process, without a network:
the same app that serve_django.py / serve_fastapi.py build (and ``npm run bench`` serves), called the way gunicorn
(WSGI) and uvicorn (ASGI) call it, for each of the bench's four targets in turn, rotated, best of rounds.

    python scripts/python/profile_adapters.py --framework django [--iterations 20000] [--rounds 5] [--profile]

It isolates what the HTTP bench cannot on a shared machine: the microseconds the adapter and the runtime add to
one request beyond a plain route mounted like it (the server's own work, the same for every target, is left out,
so the ratios here are lower than the bench's). ``--profile`` prints a cProfile of the adapter's target."""

from __future__ import annotations

import argparse
import asyncio
import base64
import cProfile
import importlib
import io
import json
import os
import pstats
import sys
import tempfile
import time
from typing import Any, Callable

from scim_discovery.discovery_documents import DISCOVERY_DOCUMENTS
from scim_discovery.runtime import DiscoveryRequest, DiscoveryResponse, create_discovery_handler

# The bench's targets (scripts/bench-http.ts), at the bench's default mount.
BASE_PATH = "/scim/v2"
TARGETS = {
    "plain": "/plain",
    "plain-headers": "/plain-headers",
    "mounted": "/plain-same-headers/ServiceProviderConfig",
    "adapter": f"{BASE_PATH}/ServiceProviderConfig",
}
PUBLIC_BASE = "http://127.0.0.1"
# What a client such as the bench's load generator sends.
REQUEST_HEADERS = [(b"host", b"127.0.0.1:8000"), (b"connection", b"keep-alive"), (b"accept", b"*/*")]


def _plain_routes_file() -> str:
    """The bench's plain routes (bench-http.ts ``benchServerOptions``): the adapter's exact answer, pre-serialised."""
    response = create_discovery_handler(DISCOVERY_DOCUMENTS, origin=PUBLIC_BASE)(
        DiscoveryRequest(method="GET", base_path=BASE_PATH, path="/ServiceProviderConfig")
    )
    assert isinstance(response, DiscoveryResponse) and response.body is not None
    body = base64.b64encode(response.body).decode("ascii")
    headers = dict(response.headers)
    routes = [
        {"path": "/plain", "body": body, "headers": {"content-type": headers["content-type"]}},
        {"path": "/plain-headers", "body": body, "headers": headers},
        {"path": "/plain-same-headers", "body": body, "headers": headers, "mounted": True},
    ]
    handle, name = tempfile.mkstemp(suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump(routes, file)
    return name


def _load_server_module(framework: str, routes_file: str) -> Any:
    # serve_<framework>.py reads its flags at import, as `npm run serve` starts it.
    sys.argv = ["serve", "--port", "8000", "--base-url", PUBLIC_BASE, "--plain-routes", routes_file]
    return importlib.import_module(f"serve_{framework}")


def django_caller(module: Any) -> Callable[[str], int]:
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    headers = {"HTTP_" + name.decode().upper().replace("-", "_"): value.decode("latin-1") for name, value in REQUEST_HEADERS}

    def call(target: str) -> int:
        # The environ gunicorn's gthread worker builds (gunicorn/http/wsgi.py), RAW_URI included.
        environ = {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "PATH_INFO": target,
            "QUERY_STRING": "",
            "RAW_URI": target,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
            **headers,
        }
        status: list[str] = []
        result = application(environ, lambda s, h, exc_info=None: status.append(s))
        size = sum(len(chunk) for chunk in result)
        close = getattr(result, "close", None)
        if close is not None:
            close()
        assert status[0].startswith("200"), (target, status)
        return size

    return call


def fastapi_caller(module: Any) -> Callable[[str], int]:
    app = module.app
    loop = asyncio.new_event_loop()

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def one(target: str) -> int:
        sent: list[dict[str, Any]] = []

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        # The scope uvicorn's httptools/h11 protocol builds.
        scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.4"},
            "http_version": "1.1",
            "server": ("127.0.0.1", 8000),
            "client": ("127.0.0.1", 50000),
            "scheme": "http",
            "method": "GET",
            "root_path": "",
            "path": target,
            "raw_path": target.encode("ascii"),
            "query_string": b"",
            "headers": list(REQUEST_HEADERS),
            "state": {},
        }
        await app(scope, receive, send)
        assert sent[0]["status"] == 200, (target, sent[0])
        return len(sent[1]["body"])

    async def many(target: str, count: int) -> None:
        for _ in range(count):
            await one(target)

    def call(target: str) -> int:
        return loop.run_until_complete(one(target))

    call.many = lambda target, count: loop.run_until_complete(many(target, count))  # type: ignore[attr-defined]
    return call


def measure(call: Callable[[str], int], target: str, iterations: int) -> float:
    """Microseconds of CPU per request."""
    many = getattr(call, "many", None)
    start = time.process_time()
    if many is not None:
        many(target, iterations)
    else:
        for _ in range(iterations):
            call(target)
    return (time.process_time() - start) / iterations * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--framework", choices=["django", "fastapi"], required=True)
    parser.add_argument("--iterations", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    routes_file = _plain_routes_file()
    try:
        module = _load_server_module(args.framework, routes_file)
    finally:
        os.unlink(routes_file)
    call = django_caller(module) if args.framework == "django" else fastapi_caller(module)
    sizes = {name: call(target) for name, target in TARGETS.items()}
    assert len(set(sizes.values())) == 1, sizes  # every target serves the same body
    best = {name: float("inf") for name in TARGETS}
    names = list(TARGETS)
    for round_ in range(args.rounds):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            best[name] = min(best[name], measure(call, TARGETS[name], args.iterations))
    print(f"{args.framework}: µs of CPU per request, best of {args.rounds} rounds of {args.iterations}")
    for name in names:
        print(f"  {name:14} {best[name]:7.1f}   ÷ plain {best['plain'] / best[name]:.3f}")
    print(f"  adapter − mounted: {best['adapter'] - best['mounted']:+.1f} µs")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        measure(call, TARGETS["adapter"], args.iterations)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()

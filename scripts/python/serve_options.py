"""The command line shared by serve_django.py and serve_fastapi.py: the flags of ``npm run serve`` (scripts/serve.ts)
and the adapter options they stand for, exactly as serve.ts gives them to the Node adapters, so that the same
request gets the same answer from every adapter (test/python/byte-identity.test.ts)."""

from __future__ import annotations

import argparse
import base64
import json
import re
from dataclasses import dataclass
from typing import Callable

from scim_discovery.runtime import DiscoveryHandlerOptions, DiscoveryRequest, get_header


@dataclass(frozen=True)
class PlainRoute:
    """A pre-serialised body served from a plain route of the framework beside the adapter (the bench's
    baseline, the twin of serve.ts ``PlainRoute``)."""

    path: str
    body: bytes
    headers: dict[str, str]
    mounted: bool


@dataclass(frozen=True)
class ServeOptions:
    port: int
    base_path: str
    discovery: DiscoveryHandlerOptions
    plain_routes: list[PlainRoute]


def parse_serve_options(argv: list[str] | None = None) -> ServeOptions:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--base-path", default="/scim/v2")
    parser.add_argument("--base-url")
    parser.add_argument("--trust-host", action="store_true")
    parser.add_argument("--token")
    parser.add_argument("--plain-routes", help="a JSON file: [{path, body (base64), headers, mounted}]")
    args = parser.parse_args(argv)
    origin = f"http://127.0.0.1:{args.port}"
    public_base = re.sub(r"/+$", "", args.base_url if args.base_url is not None else origin)
    options: DiscoveryHandlerOptions
    # As serve.ts `discoveryOptions`: trust_host, else the origin (plus the matched mount path), else a base
    # URL with a path of its own followed by the matched mount path.
    if args.trust_host:
        options = {"trust_host": True}
    elif re.fullmatch(r"https?://[^/?#]+", public_base, re.IGNORECASE):
        options = {"origin": public_base}
    else:
        options = {"base_url": _public_base_plus_mount(public_base)}
    token: str | None = args.token
    if token is not None:
        expected = f"Bearer {token}"

        def authenticate(request: DiscoveryRequest) -> bool:
            return get_header(request.headers, "authorization") == expected

        options["authenticate"] = authenticate
    plain: list[PlainRoute] = []
    if args.plain_routes is not None:
        with open(args.plain_routes, encoding="utf-8") as file:
            for route in json.load(file):
                plain.append(
                    PlainRoute(
                        path=route["path"],
                        body=base64.b64decode(route["body"]),
                        headers=dict(route["headers"]),
                        mounted=bool(route.get("mounted", False)),
                    )
                )
    base_path = "" if args.base_path == "/" else re.sub(r"/+$", "", args.base_path)
    return ServeOptions(port=args.port, base_path=base_path, discovery=options, plain_routes=plain)


def _public_base_plus_mount(public_base: str) -> Callable[[DiscoveryRequest], str]:
    return lambda request: public_base + request.base_path


def mount_segments(base_path: str) -> list[tuple[str, str | None]]:
    """The mount's segments as (literal, None) or (name, name) for a parameter (``:org`` or ``{org}``)."""
    out: list[tuple[str, str | None]] = []
    for segment in base_path.strip("/").split("/") if base_path.strip("/") else []:
        match = re.fullmatch(r":([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\}", segment)
        name = (match.group(1) or match.group(2)) if match else None
        out.append((segment, name))
    return out

"""Serves the generated FastAPI adapter under uvicorn on 127.0.0.1 (``npm run serve -- --framework fastapi``,
the tests and the bench start it through scripts/serve.ts). Flags: see serve_options.py."""

from __future__ import annotations

import sys

import uvicorn
from fastapi import APIRouter, FastAPI
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

import scim_discovery.fastapi
from serve_options import PlainRoute, mount_segments, parse_serve_options

options = parse_serve_options(sys.argv[1:])
app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


def _plain_endpoint(route: PlainRoute):  # type: ignore[no-untyped-def]
    # A Starlette endpoint, as the adapter's route is: no FastAPI dependency resolution on either side.
    async def endpoint(_request: Request) -> Response:
        return Response(route.body, headers=route.headers)

    return endpoint


for plain in options.plain_routes:
    if plain.mounted:
        # Mounted as the adapter is: a router whose catch-all answers every path below the prefix.
        router = APIRouter()
        router.add_route("/{rest:path}", _plain_endpoint(plain), methods=["GET"], include_in_schema=False)
        app.include_router(router, prefix=plain.path)
    else:
        app.add_route(plain.path, _plain_endpoint(plain), methods=["GET"], include_in_schema=False)

# As the package README shows: the router included with the mount as its prefix, parameters as {…}.
prefix = "".join(f"/{{{name}}}" if name is not None else f"/{literal}" for literal, name in mount_segments(options.base_path))
scim_router = scim_discovery.fastapi.router(**options.discovery)
app.include_router(scim_router, prefix=prefix)

# Work-around, until the adapter routes the bare base itself: its catch-all is `{prefix}/{rest:path}`, so the
# base without a trailing slash (`/scim/v2`) would get Starlette's 307 to `/scim/v2/` (SCIM clients must not
# be redirected). The same ASGI endpoint answers it, with an empty rest, as the Node adapters do.
_scim_endpoint = scim_router.routes[0].endpoint  # type: ignore[attr-defined]


class _BareBase:
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        bare = {**scope, "path_params": {**scope.get("path_params", {}), "_scim_discovery_path": ""}}
        await _scim_endpoint(bare, receive, send)


app.router.routes.append(Route(prefix or "/", _BareBase(), include_in_schema=False))

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=options.port, log_level="warning", access_log=False)

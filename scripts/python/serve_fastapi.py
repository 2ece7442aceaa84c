"""Serves the generated FastAPI adapter under uvicorn on 127.0.0.1 (``npm run serve -- --framework fastapi``,
the tests and the bench start it through scripts/serve.ts). Flags: see serve_options.py."""

from __future__ import annotations

import sys

import uvicorn
from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import Response

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
        # Mounted as the adapter is: one route of the app itself answering every path below the prefix, whose
        # rest is a path parameter (include() adds one route matching the prefix, not a router).
        app.add_route(plain.path + "/{rest:path}", _plain_endpoint(plain), methods=["GET"], include_in_schema=False)
    else:
        app.add_route(plain.path, _plain_endpoint(plain), methods=["GET"], include_in_schema=False)

# As the package README shows: include() mounts the router under the prefix and answers the bare prefix
# itself (a router's routes start with "/"), parameters as {…}.
prefix = "".join(f"/{{{name}}}" if name is not None else f"/{literal}" for literal, name in mount_segments(options.base_path))
scim_discovery.fastapi.include(app, prefix, **options.discovery)

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=options.port, log_level="warning", access_log=False)

"""The FastAPI adapter (templates/python/fastapi.py.hbs) in a test build of the generated package: every answer
under the prefix is the runtime's, byte for byte (the runtime's answers are Node's: test_byte_identity.py), for
every method, raw targets included; the tenant reaches the hooks; nothing enters the app's OpenAPI schema.
Skipped, with the reason, where FastAPI is not importable (py-package runs it in the test venv)."""

from __future__ import annotations

import importlib.util
import json
import unittest
from typing import Any

from fixtures import build_package, default_documents, runtime

HAVE_FASTAPI = importlib.util.find_spec("fastapi") is not None
PACKAGE = "scim_fastapi_under_test"
MOUNT = "/orgs/{org}/scim/v2"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
RUNTIME_HEADERS = ("content-type", "content-length", "etag", "allow", "www-authenticate", "vary", "cache-control")

TARGETS = ["", "/ServiceProviderConfig", "/ResourceTypes", "/ResourceTypes/user/", f"/Schemas/{USER}", f"/Schemas/{USER.replace(':', '%3A')}",
           "/Schemas?filter=x", "/Schemas?count=1", "/Nope", "/Schemas/a/b", "/", "/Schemas/%zz", "/ServiceProviderConfig/x"]
# "a%2Fb" is the tenant "a/b", as on the Node adapters (which match the raw path): include() does too.
TENANTS = ["acme", "a%20b", "Acme%20Co", "%41cme", "é", "a|b", "%2e%2e", "%2E", "a%zz", "%C0%AE", "%ff", "a%2Fb", "a%2fb%2F"]
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PROPFIND", "LOCK", "get"]


@unittest.skipUnless(HAVE_FASTAPI, "FastAPI is not importable here: run in the py-package test venv")
class FastApiAdapterTest(unittest.TestCase):
    app: Any
    adapter: Any

    @classmethod
    def setUpClass(cls) -> None:
        from fastapi import FastAPI

        build_package(PACKAGE)
        cls.adapter = importlib.import_module(f"{PACKAGE}.fastapi")
        cls.app = FastAPI()
        # The README's form for a tenant mount, and the bare router for a literal one.
        cls.adapter.include(cls.app, MOUNT, origin="https://api.example.com")
        cls.app.include_router(cls.adapter.router(base_url="https://fixed.example/scim/v2"), prefix="/scim/v2")

    def call(self, method: str, target: str, headers: list[tuple[str, str]] | None = None, app: Any = None) -> Any:
        from asgi_driver import asgi_call

        return asgi_call(app or self.app, method, target, headers)

    def assert_runtime_answer(self, got: Any, want: Any, label: str) -> None:
        self.assertEqual(got.status, want.status, label)
        got_headers = [(k, v) for k, v in got.headers if k in RUNTIME_HEADERS]
        self.assertEqual(got_headers, list(want.headers.items()), label)
        self.assertEqual(got.body, b"" if want.body is None or got.status == 204 else want.body, label)

    def test_every_method_target_and_tenant_is_the_runtimes_answer(self) -> None:
        want = runtime.create_target_handler(default_documents(), base_path=MOUNT, origin="https://api.example.com")
        for tenant in TENANTS:
            for target in TARGETS:
                for method in METHODS:
                    full = MOUNT.replace("{org}", tenant) + target
                    with self.subTest(method=method, target=full):
                        self.assert_runtime_answer(self.call(method, full), want(method, full, []), f"{method} {full}")

    def test_a_literal_prefix(self) -> None:
        want = runtime.create_target_handler(default_documents(), base_path="/scim/v2", base_url="https://fixed.example/scim/v2")
        for target in TARGETS[1:]:
            with self.subTest(target=target):
                self.assert_runtime_answer(self.call("GET", "/scim/v2" + target), want("GET", "/scim/v2" + target, []), target)

    def test_304_and_204_carry_no_content_length(self) -> None:
        base = MOUNT.replace("{org}", "acme")
        etag = self.call("GET", f"{base}/Schemas").header("etag")
        assert etag is not None
        for method, target, headers, status in [("GET", "/Schemas", [("if-none-match", etag)], 304), ("OPTIONS", "/Schemas", [], 204)]:
            response = self.call(method, base + target, [("host", "testserver"), *headers])
            self.assertEqual(response.status, status)
            self.assertIsNone(response.header("content-length"))
            self.assertEqual(response.body, b"")

    def test_the_tenant_and_headers_reach_an_async_hook(self) -> None:
        from fastapi import FastAPI

        seen: list[Any] = []

        async def authenticate(request: Any) -> bool:
            seen.append((dict(request.params), runtime.get_header(request.headers, "authorization")))
            return runtime.get_header(request.headers, "authorization") == f"Bearer {request.params['org']}-token"

        app = FastAPI()
        app.include_router(self.adapter.router(origin="https://api.example.com", authenticate=authenticate), prefix=MOUNT)
        ok = self.call("GET", "/orgs/acme/scim/v2/Schemas", [("authorization", "Bearer acme-token")], app)
        refused = self.call("GET", "/orgs/globex/scim/v2/Schemas", [("authorization", "Bearer acme-token")], app)
        self.assertEqual((ok.status, refused.status), (200, 401))
        self.assertEqual(refused.header("www-authenticate"), 'Bearer realm="SCIM"')
        self.assertEqual(seen, [({"org": "acme"}, "Bearer acme-token"), ({"org": "globex"}, "Bearer acme-token")])

    def test_an_encoded_slash_in_the_tenant(self) -> None:
        seen: list[str] = []

        def authenticate(request: Any) -> bool:
            seen.append(request.params["org"])
            return True

        from fastapi import FastAPI

        app = FastAPI()
        self.adapter.include(app, MOUNT, origin="https://api.example.com", authenticate=authenticate)
        response = self.call("GET", "/orgs/a%2Fb/scim/v2/ResourceTypes/User", app=app)
        self.assertEqual(response.status, 200)
        self.assertEqual(json.loads(response.body)["meta"]["location"], "https://api.example.com/orgs/a%2Fb/scim/v2/ResourceTypes/User")
        self.assertEqual(seen, ["a/b"])
        # The same path with a raw "/" is not under the mount (two segments where the mount has one): no route.
        self.assertEqual(self.call("GET", "/orgs/a/b/scim/v2/ResourceTypes/User", app=app).status, 404)
        self.assertEqual(self.call("GET", "/orgs/a/b/scim/v2/ResourceTypes/User", app=app).header("content-type"), "application/json")

    def test_under_a_root_path(self) -> None:
        # The app mounted inside another (Starlette's Mount sets root_path): the prefix is matched below the root,
        # and meta.location holds the whole path the request used.
        from fastapi import FastAPI
        from starlette.applications import Starlette
        from starlette.routing import Mount

        inner = FastAPI()
        self.adapter.include(inner, MOUNT, origin="https://api.example.com")
        outer = Starlette(routes=[Mount("/v1", app=inner)])
        response = self.call("GET", "/v1/orgs/acme/scim/v2/ResourceTypes/User", app=outer)
        self.assertEqual(response.status, 200)
        self.assertEqual(json.loads(response.body)["meta"]["location"], "https://api.example.com/v1/orgs/acme/scim/v2/ResourceTypes/User")
        for method, target, status in [("POST", "/Schemas", 405), ("GET", "", 404), ("GET", "/Nope", 404)]:
            got = self.call(method, "/v1/orgs/acme/scim/v2" + target, app=outer)
            self.assertEqual((got.status, got.header("content-type")), (status, "application/scim+json"), (method, target))

    def test_not_in_the_openapi_schema(self) -> None:
        self.assertEqual(self.app.openapi()["paths"], {})

    def test_the_mount_itself(self) -> None:
        # `include` routes the prefix itself to the runtime (a SCIM 404, every method); a bare `router()` cannot
        # (its routes start with "/"), so there Starlette redirects the prefix to the prefix plus "/".
        for method in ("GET", "PROPFIND"):
            response = self.call(method, "/orgs/acme/scim/v2")
            self.assertEqual((response.status, response.header("content-type")), (404, "application/scim+json"))
        self.assertEqual(self.call("GET", "/scim/v2").status, 307)
        self.assertEqual(self.call("GET", "/scim/v2/").status, 404)

    def test_include_into_a_router_and_at_the_root(self) -> None:
        from fastapi import APIRouter, FastAPI

        outer = APIRouter()
        self.adapter.include(outer, "/t/{org}/v2", origin="https://api.example.com")
        app = FastAPI()
        app.include_router(outer, prefix="/outer")
        self.assertEqual(self.call("GET", "/outer/t/x/v2", app=app).status, 404)
        location = json.loads(self.call("GET", "/outer/t/x/v2/ResourceTypes/User", app=app).body)["meta"]["location"]
        self.assertEqual(location, "https://api.example.com/outer/t/x/v2/ResourceTypes/User")
        root = FastAPI()
        self.adapter.include(root, "", origin="https://api.example.com")
        self.assertEqual(self.call("GET", "/ServiceProviderConfig", app=root).status, 200)
        self.assertEqual(self.call("GET", "/", app=root).status, 404)


if __name__ == "__main__":
    unittest.main()

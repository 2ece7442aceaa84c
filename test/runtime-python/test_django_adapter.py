"""The Django adapter (templates/python/django.py.hbs) in a test build of the generated package, with Django's
default middleware list (as `startproject` writes it): every answer under the mount is the runtime's, byte for
byte, for every method (CSRF, APPEND_SLASH and CommonMiddleware never in the way), under WSGI with the raw
target a production server gives (gunicorn's RAW_URI), without one (the test client), and under ASGI; the tenant
comes from the URL pattern. Skipped, with the reason, where Django is not importable."""

from __future__ import annotations

import functools
import importlib.util
import json
import sys
import types
import unittest
from typing import Any

from fixtures import build_package, default_documents, runtime

HAVE_DJANGO = importlib.util.find_spec("django") is not None
PACKAGE = "scim_django_under_test"
MOUNT = "/api/0/organizations/{org}/scim/v2"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
RUNTIME_HEADERS = ("content-type", "content-length", "etag", "allow", "www-authenticate", "vary")
DEFAULT_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TARGETS = ["/ServiceProviderConfig", "/ResourceTypes", "/ResourceTypes/user/", f"/Schemas/{USER}", f"/Schemas/{USER.replace(':', '%3A')}",
           "/Schemas?filter=x", "/Schemas?count=1", "/Nope", "/Schemas/a/b", "/", "", "/Schemas/%zz", "/ServiceProviderConfig/x"]
TENANTS = ["acme", "a%20b", "Acme%20Co", "%41cme", "a%7Cb", "%2e%2e", "%2E", "a%zz", "%C0%AE", "%ff"]
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PROPFIND", "PATCH"]
SEEN: list[Any] = []


def setUpModule() -> None:
    if not HAVE_DJANGO:
        return
    import django
    from django.conf import settings

    build_package(PACKAGE)
    adapter = importlib.import_module(f"{PACKAGE}.django")
    from django.urls import include, path

    async def authenticate(request: Any) -> bool:
        SEEN.append(dict(request.params))
        return runtime.get_header(request.headers, "authorization") == f"Bearer {request.params['org']}-token"

    def record_params(request: Any) -> bool:
        SEEN.append(dict(request.params))
        return True

    urls = types.ModuleType("scim_django_test_urls")
    urls.urlpatterns = [  # type: ignore[attr-defined]
        # The README's form: without a trailing slash, the mount itself is answered too.
        path("api/0/organizations/<str:org>/scim/v2", include(adapter.urls(origin="https://api.example.com"))),
        # The trailing-slash form works as well (the bare mount then gets CommonMiddleware's redirect).
        path("slash/<str:org>/scim/v2/", include(adapter.urls(origin="https://api.example.com"))),
        path("auth/<str:org>/scim/v2", include(adapter.urls(origin="https://api.example.com", authenticate=authenticate))),
        # mount(): the whole base as one pattern, matched on the raw path as the Node adapters match it.
        adapter.mount("m/<str:org>/scim/v2", origin="https://api.example.com"),
        path("outer/", include([adapter.mount("t/<org>/v2/", origin="https://api.example.com", authenticate=record_params)])),
        adapter.mount("lit/scim/v2", origin="https://api.example.com"),
    ]
    sys.modules["scim_django_test_urls"] = urls
    if not settings.configured:
        settings.configure(
            DEBUG=False,
            ALLOWED_HOSTS=["*"],
            SECRET_KEY="not-a-secret",
            ROOT_URLCONF="scim_django_test_urls",
            MIDDLEWARE=DEFAULT_MIDDLEWARE,
            INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "django.contrib.messages"],
            DATABASES={},
        )
        django.setup()


@functools.lru_cache(maxsize=None)
def runtime_handler(base_path: str) -> Any:
    return runtime.create_target_handler(default_documents(), base_path=base_path, origin="https://api.example.com")


def runtime_answer(method: str, target: str, base_path: str = MOUNT) -> Any:
    return runtime_handler(base_path)(method, target, [])


@unittest.skipUnless(HAVE_DJANGO, "Django is not importable here: run in the py-package test venv")
class DjangoAdapterTest(unittest.TestCase):
    def wsgi(self, method: str, target: str, raw_uri: bool = True, **extra: Any) -> Any:
        from django.test import Client

        path, _, query = target.partition("?")
        environ: dict[str, Any] = dict(extra)
        if raw_uri:
            environ["RAW_URI"] = target  # what gunicorn passes
        client = Client()
        # The client percent-decodes the path into PATH_INFO, as a WSGI server does.
        return client.generic(method, path, QUERY_STRING=query, **environ)

    def assert_runtime_answer(self, got: Any, want: Any, label: str) -> None:
        self.assertEqual(got.status_code, want.status, label)
        got_headers = [(k, v) for k, v in got.headers.items() if k in RUNTIME_HEADERS]
        self.assertEqual(got_headers, list(want.headers.items()), label)
        content = b"".join(got.streaming_content) if got.streaming else got.content
        self.assertEqual(content, b"" if want.body is None else want.body, label)

    def test_every_method_target_and_tenant_is_the_runtimes_answer_under_wsgi_with_the_raw_target(self) -> None:
        for tenant in TENANTS:
            for target in TARGETS:
                for method in METHODS:
                    full = MOUNT.replace("{org}", tenant) + target
                    with self.subTest(method=method, target=full):
                        self.assert_runtime_answer(self.wsgi(method, full), runtime_answer(method, full), f"{method} {full}")

    def test_without_a_raw_target_the_path_is_rebuilt(self) -> None:
        for target in ["/api/0/organizations/acme/scim/v2/Schemas/" + USER, "/api/0/organizations/a%20b/scim/v2/ResourceTypes/User"]:
            with self.subTest(target=target):
                self.assert_runtime_answer(self.wsgi("GET", target, raw_uri=False), runtime_answer("GET", target), target)

    def test_the_trailing_slash_mount(self) -> None:
        for target in ["/ServiceProviderConfig", f"/Schemas/{USER}", "/Nope", "/"]:
            full = "/slash/acme/scim/v2" + target
            with self.subTest(target=full):
                self.assert_runtime_answer(self.wsgi("GET", full), runtime_answer("GET", full, "/slash/{org}/scim/v2"), full)
        self.assertEqual(self.wsgi("GET", "/slash/acme/scim/v2").status_code, 301)  # CommonMiddleware's APPEND_SLASH

    def test_outside_the_mount_is_djangos_own_404(self) -> None:
        response = self.wsgi("GET", "/api/0/organizations/acme/scim/v2x/Schemas")
        self.assertEqual(response.status_code, 404)
        self.assertNotEqual(response.headers["content-type"], "application/scim+json")

    def test_the_tenant_reaches_an_async_hook(self) -> None:
        SEEN.clear()
        ok = self.wsgi("GET", "/auth/acme/scim/v2/Schemas", HTTP_AUTHORIZATION="Bearer acme-token")
        refused = self.wsgi("GET", "/auth/globex/scim/v2/Schemas", HTTP_AUTHORIZATION="Bearer acme-token")
        self.assertEqual((ok.status_code, refused.status_code), (200, 401))
        self.assertEqual(refused.headers["www-authenticate"], 'Bearer realm="SCIM"')
        self.assertEqual(SEEN, [{"org": "acme"}, {"org": "globex"}])

    def test_mount_answers_as_the_node_adapters_every_tenant_target_and_method(self) -> None:
        # The tenants of the include() test, and the ones Django's resolver cannot route there: an encoded "/".
        # "a%2Fscim%2Fv2": Django's decoded path has the route's literals twice; the raw path decides, as on node.
        for tenant in [*TENANTS, "a%2Fb", "a%2fb%2F", "%2F", "a%2Fscim%2Fv2"]:
            for target in TARGETS:
                for method in METHODS:
                    full = f"/m/{tenant}/scim/v2{target}"
                    with self.subTest(method=method, target=full):
                        self.assert_runtime_answer(self.wsgi(method, full), runtime_answer(method, full, "/m/{org}/scim/v2"), f"{method} {full}")

    def test_mount_the_bare_base_with_and_without_its_slash_is_a_scim_404_never_a_redirect(self) -> None:
        # As on the Node adapters: "" and "/" below the base are unknown paths, every method (APPEND_SLASH is on here).
        for full in ["/m/acme/scim/v2", "/m/acme/scim/v2/", "/lit/scim/v2", "/lit/scim/v2/", "/outer/t/x/v2", "/outer/t/x/v2/"]:
            for method in ("GET", "HEAD", "POST"):
                with self.subTest(method=method, target=full):
                    got = self.wsgi(method, full)
                    self.assertEqual((got.status_code, got.headers["content-type"]), (404, "application/scim+json"))

    def test_mount_without_a_raw_target_and_under_a_script_name(self) -> None:
        # runserver and the test client pass no RAW_URI: the target is rebuilt from the decoded path.
        for target in ["/m/acme/scim/v2/Schemas/" + USER, "/m/a%20b/scim/v2/ResourceTypes/User", "/m/acme/scim/v2"]:
            with self.subTest(target=target):
                self.assert_runtime_answer(self.wsgi("GET", target, raw_uri=False), runtime_answer("GET", target, "/m/{org}/scim/v2"), target)
        # Under a SCRIPT_NAME (the app mounted below a path of its server), meta.location keeps that path.
        got = self.wsgi("GET", "/m/acme/scim/v2/ResourceTypes/User", raw_uri=False, SCRIPT_NAME="/app")
        self.assertEqual(got.status_code, 200)
        self.assertEqual(json.loads(got.content)["meta"]["location"], "https://api.example.com/app/m/acme/scim/v2/ResourceTypes/User")

    def test_mount_a_tenant_holding_an_encoded_slash(self) -> None:
        SEEN.clear()
        got = self.wsgi("GET", "/outer/t/a%2Fb/v2/ResourceTypes/User")
        self.assertEqual(got.status_code, 200)
        self.assertEqual(json.loads(got.content)["meta"]["location"], "https://api.example.com/outer/t/a%2Fb/v2/ResourceTypes/User")
        self.assertEqual(SEEN, [{"org": "a/b"}])
        # The same tenant spelt with a raw "/" is two segments: not under the mount, Django's own 404 (Node's
        # adapters leave it to the framework too).
        for outside in ["/outer/t/a/b/v2/ResourceTypes/User", "/m/a/b/scim/v2/Schemas", "/lit/scim/v2x/Schemas", "/m//scim/v2/Schemas"]:
            with self.subTest(target=outside):
                got = self.wsgi("GET", outside)
                self.assertEqual(got.status_code, 404)
                self.assertNotEqual(got.headers["content-type"], "application/scim+json")

    def test_mount_refuses_a_parameter_inside_a_segment(self) -> None:
        from importlib import import_module

        adapter = import_module(f"{PACKAGE}.django")
        with self.assertRaisesRegex(import_module(f"{PACKAGE}.runtime").DiscoveryConfigurationError, "whole segment"):
            adapter.mount("orgs/org-<str:org>/scim/v2", origin="https://api.example.com")

    def test_mount_under_asgi(self) -> None:
        from django.core.handlers.asgi import ASGIHandler

        from asgi_driver import asgi_call

        app = ASGIHandler()
        for full in ["/m/a%2Fb/scim/v2/Schemas", "/m/acme/scim/v2/", "/m/%2e%2e/scim/v2/Schemas"]:
            with self.subTest(target=full):
                got = asgi_call(app, "GET", full)
                want = runtime_answer("GET", full, "/m/{org}/scim/v2")
                self.assertEqual((got.status, got.body), (want.status, b"" if want.body is None else want.body))

    def test_under_asgi_the_raw_path(self) -> None:
        from django.core.handlers.asgi import ASGIHandler

        from asgi_driver import asgi_call

        app = ASGIHandler()
        for tenant in ["acme", "%41cme", "a%20b", "%2e%2e"]:
            for method, target in [("GET", f"/Schemas/{USER.replace(':', '%3A')}"), ("get", "/Schemas"), ("POST", "/Schemas"), ("GET", "")]:
                full = MOUNT.replace("{org}", tenant) + target
                with self.subTest(method=method, target=full):
                    got = asgi_call(app, method, full)
                    want = runtime_answer(method, full)
                    self.assertEqual(got.status, want.status)
                    self.assertEqual([(k, v) for k, v in got.headers if k in RUNTIME_HEADERS], list(want.headers.items()))
                    self.assertEqual(got.body, b"" if want.body is None else want.body)


if __name__ == "__main__":
    unittest.main()

"""The discovery handler against SCIM-RULES.md, rule by rule, over the RFC 7643 §8 documents: the twin of
test/runtime/discovery-handler.test.ts (its given/want tables, copied)."""

from __future__ import annotations

import asyncio
import inspect
import unittest
from typing import Any, Callable
from urllib.parse import quote

from fixtures import (
    RESOURCE_SCHEMA_IDS,
    RESOURCE_TYPE_IDS,
    SERVICE_PROVIDER_SCHEMA_IDS,
    body_json,
    deep_copy,
    request,
    rfc_documents,
    runtime,
    text,
)

BASE = "https://api.example.com/scim/v2"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema"
ALL_SCHEMA_IDS = [*RESOURCE_SCHEMA_IDS, *SERVICE_PROVIDER_SCHEMA_IDS]

documents = rfc_documents()
handler = runtime.create_discovery_handler(documents, base_url=BASE)


def handler_with(**options: Any) -> Any:
    merged: dict[str, Any] = {"base_url": BASE, **options}
    return runtime.create_discovery_handler(rfc_documents(), **{k: v for k, v in merged.items() if v is not None})


def settle(result: Any) -> Any:
    return asyncio.run(_await(result)) if inspect.isawaitable(result) else result


async def _await(result: Any) -> Any:
    return await result


def call(path: str, h: Any = None, **overrides: Any) -> Any:
    return settle((h or handler)(request(path, **overrides)))


def absolute(document: dict[str, Any], base: str = BASE) -> dict[str, Any]:
    return {**document, "meta": {**document["meta"], "location": base + document["meta"]["location"]}}


def encode(uri: str) -> str:
    return uri.replace(":", "%3A")


class ScimErrorAssertions(unittest.TestCase):
    def assert_scim_error(self, response: Any, status: int) -> None:
        self.assertEqual(response.status, status)
        self.assertEqual(response.headers["content-type"], "application/scim+json")
        body = body_json(response)
        self.assertEqual(sorted(body), ["detail", "schemas", "status"])
        self.assertEqual(body["schemas"], [runtime.SCIM_ERROR_SCHEMA])
        self.assertEqual(body["status"], str(status))  # RFC 7644 §3.12: a string
        self.assertIsInstance(body["detail"], str)


class RoutesTest(ScimErrorAssertions):
    """routes (RFC 7644 §4): 200 with the canonical document."""

    def test_single_documents(self) -> None:
        single = [
            ("/ResourceTypes/User", "User"),
            ("/ResourceTypes/User/", "User"),
            ("/ResourceTypes/user", "User"),
            ("/ResourceTypes/USER", "User"),
            ("/ResourceTypes/%55ser", "User"),
            ("/resourcetypes/group", "Group"),
            ("/RESOURCETYPES/Group/", "Group"),
        ]
        for id_ in ALL_SCHEMA_IDS:
            single += [
                (f"/Schemas/{id_}", id_),
                (f"/Schemas/{id_}/", id_),
                (f"/Schemas/{encode(id_)}", id_),
                (f"/Schemas/{id_.replace(':', '%3a')}", id_),
                (f"/Schemas/{quote(id_, safe='')}", id_),
                (f"/Schemas/{id_.upper()}", id_),
                (f"/schemas/{id_.lower()}", id_),
            ]
        for path, id_ in single:
            with self.subTest(path=path):
                response = call(path)
                self.assertEqual(response.status, 200)
                body = body_json(response)
                self.assertEqual(body["id"], id_)
                kind = "ResourceTypes" if id_ in RESOURCE_TYPE_IDS else "Schemas"
                self.assertEqual(
                    body["meta"],
                    {"resourceType": "Schema" if kind == "Schemas" else "ResourceType", "location": f"{BASE}/{kind}/{id_}"},
                )

    def test_service_provider_config(self) -> None:
        for path in ["/ServiceProviderConfig", "/ServiceProviderConfig/", "/serviceproviderconfig", "/SERVICEPROVIDERCONFIG/"]:
            with self.subTest(path=path):
                response = call(path)
                self.assertEqual(response.status, 200)
                self.assertEqual(body_json(response), absolute(documents["service_provider_config"]))

    def test_serves_each_document_exactly_with_only_meta_location_made_absolute(self) -> None:
        for document in documents["resource_types"]:
            self.assertEqual(body_json(call(f"/ResourceTypes/{document['id']}")), absolute(document))
        for document in [*documents["schemas"], *documents["service_provider_schemas"]]:
            self.assertEqual(body_json(call(f"/Schemas/{document['id']}")), absolute(document))

    def test_meta_location_urls_lead_back_to_the_same_object(self) -> None:
        for path in ["/ServiceProviderConfig", "/ResourceTypes", "/Schemas"]:
            body = body_json(call(path))
            objects = [body] if path == "/ServiceProviderConfig" else body["Resources"]
            for obj in objects:
                location = obj["meta"]["location"]
                self.assertTrue(location.startswith(f"{BASE}/"))
                self.assertEqual(body_json(call(location[len(BASE) :])), obj)

    def test_answers_synchronously_without_an_authenticate_hook(self) -> None:
        self.assertIsInstance(handler(request("/Schemas")), runtime.DiscoveryResponse)

    def test_keeps_user_and_group_reachable_by_name(self) -> None:
        for id_ in ["User", "Group"]:
            self.assertEqual(call(f"/ResourceTypes/{id_}").status, 200)


class ListsTest(ScimErrorAssertions):
    """lists (RFC 7644 §3.4.2 ListResponse)."""

    def test_lists_in_canonical_order_with_exact_counts(self) -> None:
        for path, ids in [
            ("/ResourceTypes", RESOURCE_TYPE_IDS),
            ("/ResourceTypes/", RESOURCE_TYPE_IDS),
            ("/Schemas", ALL_SCHEMA_IDS),
            ("/schemas/", ALL_SCHEMA_IDS),
        ]:
            with self.subTest(path=path):
                body = body_json(call(path))
                self.assertEqual(list(body), ["schemas", "totalResults", "itemsPerPage", "startIndex", "Resources"])
                self.assertEqual(body["schemas"], [runtime.LIST_RESPONSE_SCHEMA])
                self.assertEqual(body["totalResults"], len(ids))
                self.assertEqual(body["itemsPerPage"], len(ids))
                self.assertEqual(body["startIndex"], 1)
                self.assertEqual([resource["id"] for resource in body["Resources"]], ids)

    def test_lists_the_same_objects_the_single_endpoints_serve(self) -> None:
        for resource in body_json(call("/Schemas"))["Resources"]:
            self.assertEqual(body_json(call(f"/Schemas/{resource['id']}")), resource)

    def test_never_lists_message_schemas(self) -> None:
        ids = [resource["id"] for resource in body_json(call("/Schemas"))["Resources"]]
        self.assertFalse(any(id_.startswith("urn:ietf:params:scim:api:messages:") for id_ in ids))

    def test_leaves_out_the_service_provider_schemas_on_request(self) -> None:
        h = handler_with(list_service_provider_schemas=False)
        body = body_json(call("/Schemas", h))
        self.assertEqual(body["totalResults"], 3)
        self.assertEqual([resource["id"] for resource in body["Resources"]], RESOURCE_SCHEMA_IDS)
        self.assert_scim_error(call(f"/Schemas/{SCHEMA_SCHEMA}", h), 404)
        self.assertEqual(call(f"/Schemas/{USER}", h).status, 200)

    def test_ignores_other_parameters(self) -> None:
        for query in ["startIndex=2&count=1", "count=0", "sortBy=name&sortOrder=descending", "attributes=id",
                      "excludedAttributes=attributes,meta", "unknown=1&%zz"]:
            for path in ["/Schemas", "/ResourceTypes", "/ServiceProviderConfig", f"/Schemas/{USER}"]:
                with self.subTest(query=query, path=path):
                    self.assertEqual(text(call(path, query=query)), text(call(path)))


class HeadersTest(ScimErrorAssertions):
    """headers on every response."""

    def test_scim_json_exact_content_length_and_nothing_unasked(self) -> None:
        cases: list[tuple[str, dict[str, Any], dict[str, Any], int]] = [
            ("/Schemas", {}, {}, 200),
            ("/Schemas", {"method": "HEAD"}, {}, 200),
            ("/Nope", {}, {}, 404),
            ("/Schemas", {"method": "POST"}, {}, 405),
            ("/Schemas", {"query": "filter=x"}, {}, 403),
            ("/Schemas", {}, {"authenticate": lambda r: False}, 401),
            ("/Schemas", {"method": "OPTIONS"}, {}, 204),
            ("/Schemas", {"headers": {"if-none-match": "*"}}, {}, 304),
        ]
        for path, overrides, options, status in cases:
            with self.subTest(path=path, overrides=overrides, status=status):
                response = call(path, handler_with(**options), **overrides)
                self.assertEqual(response.status, status)
                self.assertEqual(response.headers["content-type"], "application/scim+json")
                self.assertNotIn("cache-control", response.headers)
                self.assertNotIn("x-content-type-options", response.headers)
                if response.body is not None:
                    self.assertEqual(response.headers["content-length"], str(len(response.body)))
                if status in (204, 304):
                    self.assertIsNone(response.body)
                    self.assertNotIn("content-length", response.headers)
                for name in response.headers:
                    self.assertEqual(name, name.lower())

    def test_serves_every_accept_never_406(self) -> None:
        for headers in [{"accept": "application/json"}, {"accept": "application/scim+json"}, {"accept": "*/*"},
                        {"accept": "text/html"}, {"accept": "application/json", "accept-charset": "utf-8"}]:
            with self.subTest(headers=headers):
                response = call("/ServiceProviderConfig", headers=headers)
                self.assertEqual(response.status, 200)
                self.assertEqual(response.headers["content-type"], "application/scim+json")

    def test_returns_read_only_responses(self) -> None:
        response = call("/Schemas")
        with self.assertRaises(Exception):
            response.status = 500
        with self.assertRaises(TypeError):
            response.headers["x"] = "y"  # type: ignore[index]


class NotFoundTest(ScimErrorAssertions):
    """404 with a SCIM Error for anything unknown under the base."""

    def test_unknown_paths(self) -> None:
        for path in ["", "/", "/Nope", "/Users", "/ServiceProviderConfigs", "/ServiceProviderConfig/x",
                     "/ResourceTypes/Nope", "/ResourceTypes/User/extra", "/ResourceTypes//", "/Schemas/urn:nope",
                     "/Schemas//", f"/Schemas/{USER}/extra", f"/Schemas/{USER}x",
                     "/Schemas/urn:ietf:params:scim:api:messages:2.0:ListResponse",
                     "/Schemas/urn:ietf:params:scim:api:messages:2.0:Error", "/Schemas/%zz", "/Schemas/urn%3",
                     "/Schemas/urn%2Fietf", "/Schemas/%ED%A0%80", "/%zz", "/%zz/User", "Schemas", "//Schemas",
                     "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User%00"]:
            with self.subTest(path=path):
                self.assert_scim_error(call(path), 404)

    def test_head_on_an_unknown_path(self) -> None:
        get = call("/Nope")
        head = call("/Nope", method="HEAD")
        self.assertEqual(head.status, 404)
        self.assertEqual(dict(head.headers), dict(get.headers))
        self.assertIsNone(head.body)

    def test_never_raises_on_hostile_paths(self) -> None:
        for path in ["/Schemas/%", "/Schemas/%%%", "/%E0%A4%A", "/Schemas/\u0000", "/Schemas/" + "%3A" * 10000, "/Schemas/\ud800"]:
            handler(request(path))


class MethodNotAllowedTest(ScimErrorAssertions):
    """405 on non-read methods, decided from method and path only."""

    def test_every_method_on_every_discovery_path(self) -> None:
        paths = ["/ServiceProviderConfig", "/ResourceTypes", "/ResourceTypes/User", "/ResourceTypes/Nope", "/Schemas",
                 f"/Schemas/{encode(USER)}", "/Schemas/urn:nope/"]
        for method in ["POST", "PUT", "PATCH", "DELETE", "TRACE", "CONNECT", "get", "PROPFIND"]:
            for path in paths:
                with self.subTest(method=method, path=path):
                    response = call(path, method=method)
                    self.assert_scim_error(response, 405)
                    self.assertEqual(response.headers["allow"], "GET, HEAD")

    def test_answers_before_authentication(self) -> None:
        calls: list[Any] = []
        h = handler_with(authenticate=lambda r: calls.append(r) or False)
        self.assert_scim_error(call("/Schemas", h, method="POST"), 405)
        self.assertEqual(calls, [])

    def test_options_204_with_allow(self) -> None:
        response = call("/ResourceTypes/User", method="OPTIONS")
        self.assertEqual(response.status, 204)
        self.assertEqual(response.headers["allow"], "GET, HEAD, OPTIONS")
        self.assertIsNone(response.body)

    def test_unknown_paths_get_404_whatever_the_method(self) -> None:
        self.assert_scim_error(call("/Nope", method="POST"), 404)


class ETagTest(ScimErrorAssertions):
    """ETag and If-None-Match (RFC 9110 §8.8.3, §13.1.2)."""

    def test_strong_etags_differ_per_document_and_are_stable(self) -> None:
        paths = ["/ServiceProviderConfig", "/ResourceTypes", "/ResourceTypes/User", "/ResourceTypes/Group", "/Schemas",
                 f"/Schemas/{USER}", f"/Schemas/{GROUP}"]
        etags = [call(path).headers["etag"] for path in paths]
        for etag in etags:
            self.assertRegex(etag, r'^"[0-9a-f]{16}"\Z')
        self.assertEqual(len(set(etags)), len(paths))
        self.assertEqual(call("/Schemas", handler_with()).headers["etag"], etags[4])

    def test_etag_changes_with_the_base_url(self) -> None:
        other = handler_with(base_url="https://other.example/scim/v2")
        self.assertNotEqual(call("/Schemas", other).headers["etag"], call("/Schemas").headers["etag"])

    def test_if_none_match(self) -> None:
        def match(etag: str) -> list[tuple[str, str, int]]:
            return [
                ("GET", etag, 304),
                ("HEAD", etag, 304),
                ("GET", "*", 304),
                ("GET", f"W/{etag}", 304),
                ("GET", f'"other", {etag}', 304),
                ("GET", f'"other",W/{etag} , "x"', 304),
                ("GET", '"other"', 200),
                ("GET", etag[:-2] + '"', 200),
                ("HEAD", '"other"', 200),
            ]

        for path in ["/ServiceProviderConfig", "/ResourceTypes", "/Schemas/", f"/Schemas/{encode(GROUP)}"]:
            etag = call(path).headers["etag"]
            for method, header, status in match(etag):
                with self.subTest(path=path, method=method, header=header):
                    response = call(path, method=method, headers={"if-none-match": header})
                    self.assertEqual(response.status, status)
                    if status == 304:
                        self.assertIsNone(response.body)
                        self.assertEqual(response.headers["etag"], etag)
                        self.assertEqual(response.headers["content-type"], "application/scim+json")
                        self.assertNotIn("content-length", response.headers)

    def test_reads_if_none_match_from_every_header_source(self) -> None:
        etag = call("/Schemas").headers["etag"]
        self.assertEqual(call("/Schemas", headers=[(b"If-None-Match", etag.encode())]).status, 304)
        self.assertEqual(call("/Schemas", headers={"if-none-match": ['"a"', etag]}).status, 304)
        self.assertEqual(call("/Schemas", headers=runtime.EnvironHeaders({"HTTP_IF_NONE_MATCH": etag})).status, 304)

    def test_authenticates_before_304_and_never_answers_304_for_errors(self) -> None:
        self.assert_scim_error(call("/Schemas", handler_with(authenticate=lambda r: False), headers={"if-none-match": "*"}), 401)
        self.assert_scim_error(call("/Nope", headers={"if-none-match": "*"}), 404)


class FilterTest(ScimErrorAssertions):
    """filter (RFC 7644 §4)."""

    def test_403_on_the_lists(self) -> None:
        for path, query in [("/ResourceTypes", "filter=name%20eq%20%22User%22"), ("/ResourceTypes/", "filter="),
                            ("/Schemas", "filter=id%20pr"), ("/schemas/", "startIndex=1&Filter=x"), ("/Schemas", "%66ilter=x")]:
            with self.subTest(path=path, query=query):
                self.assert_scim_error(call(path, query=query), 403)

    def test_head_403_without_a_body(self) -> None:
        response = call("/Schemas", method="HEAD", query="filter=x")
        self.assertEqual((response.status, response.body), (403, None))

    def test_service_provider_config_filter(self) -> None:
        self.assertEqual(call("/ServiceProviderConfig", query="filter=x").status, 200)
        h = handler_with(service_provider_config_filter="reject")
        self.assert_scim_error(call("/ServiceProviderConfig", h, query="filter=x"), 403)
        self.assertEqual(call("/ServiceProviderConfig", h, query="count=1").status, 200)

    def test_ignored_on_a_single_resource(self) -> None:
        self.assertEqual(call("/ResourceTypes/User", query="filter=x").status, 200)
        self.assertEqual(call(f"/Schemas/{USER}", query="filter=x").status, 200)


class CaseExactTest(unittest.TestCase):
    def test_case_exact(self) -> None:
        exact = handler_with(case_exact=True)
        for path, status in [("/ResourceTypes/User", 200), ("/ResourceTypes/%55ser", 200), (f"/Schemas/{encode(USER)}", 200),
                             (f"/Schemas/{USER}/", 200), ("/ResourceTypes/user", 404), ("/resourcetypes/User", 404),
                             ("/schemas", 404), ("/serviceproviderconfig", 404), (f"/Schemas/{USER.upper()}", 404)]:
            with self.subTest(path=path):
                self.assertEqual(call(path, exact).status, status)


class AuthenticationTest(ScimErrorAssertions):
    def test_401_with_www_authenticate(self) -> None:
        response = call("/Schemas", handler_with(authenticate=lambda r: False))
        self.assert_scim_error(response, 401)
        self.assertEqual(response.headers["www-authenticate"], 'Bearer realm="SCIM"')
        h = handler_with(authenticate=lambda r: False, www_authenticate='Basic realm="scim", charset="UTF-8"')
        self.assertEqual(call("/Schemas", h).headers["www-authenticate"], 'Basic realm="scim", charset="UTF-8"')

    def test_passes_the_request_to_the_hook(self) -> None:
        seen: list[Any] = []

        def authenticate(r: Any) -> bool:
            seen.append(r)
            return runtime.get_header(r.headers, "authorization") == "Bearer ok"

        h = handler_with(authenticate=authenticate)
        ok = request("/Schemas", headers={"authorization": "Bearer ok"})
        self.assertEqual(call("/Schemas", h, headers={"authorization": "Bearer ok"}).status, 200)
        self.assertEqual(settle(h(ok)).status, 200)
        self.assertIs(seen[1], ok)  # as the adapters pass it: that very object, no copy
        self.assertEqual(seen[1].params, {})
        self.assertEqual(call("/Schemas", h, headers={"authorization": "Bearer bad"}).status, 401)

    def test_fails_closed(self) -> None:
        async def async_true(r: Any) -> bool:
            return True

        async def async_false(r: Any) -> bool:
            return False

        async def async_truthy(r: Any) -> Any:
            return 1

        cases: list[tuple[str, Callable[[Any], Any], int]] = [
            ("async true", async_true, 200),
            ("async false", async_false, 401),
            ("None (a hook that forgot to return)", lambda r: None, 401),
            ("a truthy non-bool", lambda r: "yes", 401),
            ("async truthy non-bool", async_truthy, 401),
        ]
        for label, authenticate, status in cases:
            with self.subTest(label):
                self.assertEqual(call("/Schemas", handler_with(authenticate=authenticate)).status, status)

    def test_returns_an_awaitable_only_when_the_hook_does(self) -> None:
        async def async_true(r: Any) -> bool:
            return True

        self.assertIsInstance(handler_with(authenticate=lambda r: True)(request("/Schemas")), runtime.DiscoveryResponse)
        result = handler_with(authenticate=async_true)(request("/Schemas"))
        self.assertTrue(inspect.isawaitable(result))
        self.assertEqual(settle(result).status, 200)

    def test_authenticates_unknown_paths_too(self) -> None:
        for path in ["/Nope", "/ResourceTypes/Nope", "/Schemas/urn:nope", "/Schemas/%zz"]:
            with self.subTest(path=path):
                self.assert_scim_error(call(path, handler_with(authenticate=lambda r: False)), 401)

    def test_head_401_without_a_body(self) -> None:
        response = call("/Schemas", handler_with(authenticate=lambda r: False), method="HEAD")
        self.assertEqual((response.status, response.body), (401, None))
        self.assertEqual(response.headers["www-authenticate"], 'Bearer realm="SCIM"')

    def test_public_service_provider_config(self) -> None:
        calls: list[Any] = []
        h = handler_with(public_service_provider_config=True, authenticate=lambda r: calls.append(r) or False)
        self.assertEqual(call("/ServiceProviderConfig", h).status, 200)
        self.assertEqual(call("/serviceproviderconfig/", h, method="HEAD").status, 200)
        self.assertEqual(len(calls), 0)
        self.assert_scim_error(call("/ResourceTypes", h), 401)
        self.assert_scim_error(call("/ServiceProviderConfig/x", h), 401)
        self.assertEqual(len(calls), 2)
        self.assert_scim_error(call("/ServiceProviderConfig", handler_with(authenticate=lambda r: False)), 401)

    def test_a_hook_that_fails_answers_500(self) -> None:
        def raising(r: Any) -> bool:
            raise RuntimeError("token service down")

        async def async_raising(r: Any) -> bool:
            raise RuntimeError("token service down")

        for authenticate in (raising, async_raising):
            with self.subTest(authenticate.__name__):
                h = handler_with(authenticate=authenticate)
                self.assert_scim_error(call("/Schemas", h), 500)
                head = call("/Schemas", h, method="HEAD")
                self.assertEqual((head.status, head.body), (500, None))


class BaseUrlTest(ScimErrorAssertions):
    """base URL (RFC 7643 §3.1 meta.location)."""

    @staticmethod
    def location_of(h: Any, path: str = "/ResourceTypes/User", **overrides: Any) -> str:
        result: str = body_json(call(path, h, **overrides))["meta"]["location"]
        return result

    def test_fixed_and_function(self) -> None:
        self.assertEqual(self.location_of(handler_with(base_url=f"{BASE}/")), f"{BASE}/ResourceTypes/User")
        h = handler_with(base_url=lambda r: f"https://scim.example{r.base_path}")
        self.assertEqual(
            self.location_of(h, base_path="/api/0/organizations/acme/scim/v2"),
            "https://scim.example/api/0/organizations/acme/scim/v2/ResourceTypes/User",
        )

    def test_origin_plus_base_path(self) -> None:
        h = handler_with(base_url=None, origin="https://api.example.com/")
        for base_path, want in [("/scim/v2", "https://api.example.com/scim/v2/ResourceTypes/User"),
                                ("/scim/v2/", "https://api.example.com/scim/v2/ResourceTypes/User"),
                                ("", "https://api.example.com/ResourceTypes/User"),
                                ("/orgs/a%20b/scim/v2", "https://api.example.com/orgs/a%20b/scim/v2/ResourceTypes/User")]:
            with self.subTest(base_path=base_path):
                self.assertEqual(self.location_of(h, base_path=base_path), want)

    def test_percent_encodes_what_a_path_may_not_hold(self) -> None:
        h = handler_with(base_url=None, origin="https://api.example.com")
        self.assertEqual(self.location_of(h, base_path='/t/"é"'), "https://api.example.com/t/%22%C3%A9%22/ResourceTypes/User")
        self.assertEqual(self.location_of(h, base_path="/t/a b"), "https://api.example.com/t/a%20b/ResourceTypes/User")
        self.assertEqual(self.location_of(h, base_path="/t/a\\b"), "https://api.example.com/t/a%5Cb/ResourceTypes/User")
        self.assertEqual(
            self.location_of(h, base_path="/t/<x>`{|}^[y]"),
            "https://api.example.com/t/%3Cx%3E%60%7B%7C%7D%5E%5By%5D/ResourceTypes/User",
        )

    def test_no_tenant_base_paths_get_404_before_the_method_and_authentication(self) -> None:
        calls: list[Any] = []
        for base_path in ["/t/./v2", "/t/../v2", "/t/%2e%2E/v2", "/t/.%2e/v2", "/t/%2E/v2", "/t/a%zz/v2", "/t/%/v2",
                          "/t/%C0%AE%C0%AE/v2", "/t/%ff/v2", "/t/\ud800/v2"]:
            for source in [{"origin": "https://api.example.com"}, {"base_url": BASE}, {"base_url": lambda r: BASE},
                           {"trust_host": True}]:
                with self.subTest(base_path=base_path, source=list(source)):
                    h = handler_with(**{"base_url": None, **source, "authenticate": lambda r: calls.append(r) or True})
                    self.assert_scim_error(call("/ServiceProviderConfig", h, base_path=base_path, headers={"host": "api.example.com"}), 404)
                    self.assert_scim_error(call("/Schemas", h, base_path=base_path, method="POST"), 404)
                    head = call("/Schemas", h, base_path=base_path, method="HEAD")
                    self.assertEqual((head.status, head.body), (404, None))
        self.assertEqual(calls, [])

    def test_hooks_get_the_encoded_base_path(self) -> None:
        seen: list[str] = []

        def base_url(r: Any) -> str:
            seen.append(r.base_path)
            return f"https://scim.example{r.base_path}"

        h = handler_with(base_url=base_url, authenticate=lambda r: seen.append(r.base_path) is None)
        self.assertEqual(self.location_of(h, base_path="/orgs/a|b"), "https://scim.example/orgs/a%7Cb/ResourceTypes/User")
        self.assertEqual(seen, ["/orgs/a%7Cb", "/orgs/a%7Cb"])

    def test_never_reads_host_without_trust_host(self) -> None:
        headers = {"host": "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http"}
        self.assertEqual(self.location_of(handler, headers=headers), f"{BASE}/ResourceTypes/User")
        h = handler_with(base_url=None, origin="https://api.example.com")
        self.assertEqual(self.location_of(h, headers=headers), f"{BASE}/ResourceTypes/User")

    def test_trust_host(self) -> None:
        h = handler_with(base_url=None, trust_host=True)
        headers = {"host": "10.0.0.1:8080", "x-forwarded-host": "api.example.com", "x-forwarded-proto": "https"}
        self.assertEqual(self.location_of(h, headers=headers), f"{BASE}/ResourceTypes/User")
        response = call("/Schemas", h, headers=headers)
        self.assertEqual(response.headers["vary"], "Host, X-Forwarded-Host, X-Forwarded-Proto")
        not_modified = call("/Schemas", h, headers={**headers, "if-none-match": response.headers["etag"]})
        self.assertEqual(not_modified.status, 304)
        self.assertEqual(not_modified.headers["vary"], "Host, X-Forwarded-Host, X-Forwarded-Proto")
        self.assertEqual(
            self.location_of(h, headers=[(b"Host", b"localhost:3000")], protocol="http"),
            "http://localhost:3000/scim/v2/ResourceTypes/User",
        )
        for bad in [{"host": "evil.example/x"}, {"host": 'evil"'}, {"host": "a b"}, {}]:
            with self.subTest(headers=bad):
                self.assert_scim_error(call("/Schemas", h, headers=bad), 400)
        self.assert_scim_error(call("/Nope", h, headers={}), 404)
        self.assertNotIn("vary", call("/Schemas").headers)

    def test_a_base_url_function_returning_a_non_url_raises(self) -> None:
        with self.assertRaises(runtime.DiscoveryConfigurationError):
            handler_with(base_url=lambda r: "not a url")(request("/Schemas"))
        with self.assertRaisesRegex(runtime.DiscoveryConfigurationError, "returned int"):
            handler_with(base_url=lambda r: 42)(request("/Schemas"))


class CachingTest(unittest.TestCase):
    """responses computed once per base URL."""

    def test_the_very_same_response_object_for_repeated_requests(self) -> None:
        self.assertIs(call("/Schemas"), call("/Schemas/"))
        h = handler_with(base_url=None, origin="https://api.example.com")
        self.assertIs(call(f"/Schemas/{USER}", h), call(f"/schemas/{encode(USER)}", h))

    def test_stays_correct_when_the_lru_evicts(self) -> None:
        h = handler_with(base_url=None, origin="https://api.example.com", cache_size=2)
        for _ in range(2):
            for tenant in range(5):
                base_path = f"/t/{tenant}/scim/v2"
                body = body_json(call("/ServiceProviderConfig", h, base_path=base_path))
                self.assertEqual(body["meta"]["location"], f"https://api.example.com{base_path}/ServiceProviderConfig")

    def test_does_not_mutate_the_input_documents(self) -> None:
        given = rfc_documents()
        snapshot = deep_copy(given)
        h = runtime.create_discovery_handler(given, base_url=BASE)
        h(request("/Schemas"))
        h(request("/ServiceProviderConfig"))
        self.assertEqual(given, snapshot)


class ConfigurationErrorTest(unittest.TestCase):
    """configuration errors are raised at creation."""

    def test_options(self) -> None:
        cases: list[tuple[str, dict[str, Any], str]] = [
            ("no base URL option", {}, "No base URL configured"),
            ("trust_host False alone", {"trust_host": False}, "No base URL configured"),
            ("base_url and origin", {"base_url": BASE, "origin": "https://a.example"}, "Conflicting base URL options base_url and origin"),
            ("origin and trust_host", {"origin": "https://a.example", "trust_host": True}, "origin and trust_host"),
            ("relative base_url", {"base_url": "/scim/v2"}, r"not an absolute http\(s\) URL"),
            ("base_url with query", {"base_url": "https://a.example/scim?x"}, "without query"),
            ("base_url of another scheme", {"base_url": "ftp://a.example/scim"}, r"http\(s\)"),
            ("origin with a path", {"origin": "https://a.example/scim"}, "scheme and host only"),
            ("origin with an unsafe host", {"origin": "https://a b"}, "scheme and host only"),
            ("trust_host 'yes'", {"trust_host": "yes"}, "trust_host must be True"),
            ("a numeric base_url", {"base_url": 1}, "string or a function"),
            ("case_exact 'no'", {"base_url": BASE, "case_exact": "no"}, "case_exact must be a bool"),
            ("service_provider_config_filter 'drop'", {"base_url": BASE, "service_provider_config_filter": "drop"}, "service_provider_config_filter"),
            ("authenticate True", {"base_url": BASE, "authenticate": True}, "authenticate must be a function"),
            ("www_authenticate with CRLF", {"base_url": BASE, "www_authenticate": "Bearer\r\nSet-Cookie: x"}, "line breaks"),
            ("cache_size 0", {"base_url": BASE, "cache_size": 0}, "cache_size"),
            ("cache_size True", {"base_url": BASE, "cache_size": True}, "cache_size"),
            ("a misspelt option", {"base_url": BASE, "baseurl": BASE}, "Unknown option baseurl"),
        ]
        for label, options, message in cases:
            with self.subTest(label):
                with self.assertRaisesRegex(runtime.DiscoveryConfigurationError, message):
                    runtime.create_discovery_handler(documents, **options)

    def test_documents(self) -> None:
        def set_meta(document: dict[str, Any], **meta: Any) -> None:
            document["meta"].update(meta)

        def add_resource_type_user(d: dict[str, Any]) -> None:
            d["resource_types"].append({**d["resource_types"][0], "id": "user",
                                        "meta": {"resourceType": "ResourceType", "location": "/ResourceTypes/user"}})

        cases: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
            ("an absolute meta.location", lambda d: set_meta(d["resource_types"][0], location=f"{BASE}/ResourceTypes/User"), "relative to the SCIM base"),
            ("a location serving another object", lambda d: set_meta(d["resource_types"][0], location="/ResourceTypes/Group"), "does not serve it"),
            ("a lower-case location", lambda d: set_meta(d["schemas"][0], location=f"/schemas/{USER}"), "does not serve it"),
            ("a wrong SPC location", lambda d: set_meta(d["service_provider_config"], location="/ServiceProviderConfigs"), "does not serve it"),
            ("a wrong meta.resourceType", lambda d: set_meta(d["schemas"][1], resourceType="ResourceType"), 'meta.resourceType "ResourceType"; want "Schema"'),
            ("no meta", lambda d: d["schemas"][1].pop("meta"), 'no "meta" object'),
            ("a schema without id", lambda d: d["schemas"][1].pop("id"), 'no string "id"'),
            ("duplicate ids ignoring case", add_resource_type_user, "same id ignoring case"),
            ("a message schema", lambda d: d["schemas"].append({"id": "urn:ietf:params:scim:api:messages:2.0:Error",
             "meta": {"resourceType": "Schema", "location": "/Schemas/urn:ietf:params:scim:api:messages:2.0:Error"}}), "message schema"),
            ("a list that is not a list", lambda d: d.update(schemas={}), "documents.schemas must be a list"),
            ("a value that is not JSON", lambda d: d["schemas"][0].update(x=object()), "not JSON data"),
        ]
        for label, change, message in cases:
            with self.subTest(label):
                copy = rfc_documents()
                change(copy)
                with self.assertRaisesRegex(runtime.DiscoveryConfigurationError, message):
                    runtime.create_discovery_handler(copy, base_url=BASE)
        copy = rfc_documents()
        add_resource_type_user(copy)
        runtime.create_discovery_handler(copy, base_url=BASE, case_exact=True)
        copy = rfc_documents()
        set_meta(copy["schemas"][0], location=f"/Schemas/{encode(USER)}")
        runtime.create_discovery_handler(copy, base_url=BASE)


class ResponseHeadersTest(unittest.TestCase):
    extra = {"cache-control": "no-cache", "x-content-type-options": "nosniff"}

    def test_on_every_response(self) -> None:
        for path, overrides, status in [("/Schemas", {}, 200), ("/Schemas", {"headers": {"if-none-match": "*"}}, 304),
                                        ("/Nope", {}, 404), ("/Schemas", {"method": "POST"}, 405),
                                        ("/Schemas", {"method": "OPTIONS"}, 204), ("/Schemas", {"query": "filter=x"}, 403)]:
            with self.subTest(path=path, status=status):
                response = call(path, handler_with(response_headers=self.extra), **overrides)
                self.assertEqual(response.status, status)
                self.assertEqual({k: response.headers[k] for k in self.extra}, self.extra)
        response = call("/Schemas", handler_with(response_headers=self.extra, authenticate=lambda r: False))
        self.assertEqual(response.headers["www-authenticate"], 'Bearer realm="SCIM"')
        self.assertEqual({k: response.headers[k] for k in self.extra}, self.extra)

    def test_refused_at_creation(self) -> None:
        for headers, message in [({"Cache-Control": "no-cache"}, "lower-case"), ({"etag": '"x"'}, "set by the runtime"),
                                 ({"content-type": "text/plain"}, "set by the runtime"), ({"x-a": "1\r\nx-b: 2"}, "line breaks")]:
            with self.subTest(headers=headers):
                with self.assertRaisesRegex(runtime.DiscoveryConfigurationError, message):
                    handler_with(response_headers=headers)


if __name__ == "__main__":
    unittest.main()

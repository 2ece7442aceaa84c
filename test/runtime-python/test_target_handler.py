"""The raw-target entry point: the twin of test/runtime/target-handler.test.ts (its cases, copied)."""

from __future__ import annotations

import unittest
from typing import Any

from fixtures import body_json, rfc_documents, runtime

USER = "urn:ietf:params:scim:schemas:core:2.0:User"


def target_handler(**options: Any) -> Any:
    merged: dict[str, Any] = {"origin": "https://scim.example", "base_path": "/orgs/:org/scim/v2", **options}
    return runtime.create_target_handler(rfc_documents(), **{k: v for k, v in merged.items() if v is not None})


def location(response: Any) -> str:
    result: str = body_json(response)["meta"]["location"]
    return result


class TargetHandlerTest(unittest.TestCase):
    def test_answers_what_the_request_object_handler_answers(self) -> None:
        by_target = target_handler()
        by_request = runtime.create_discovery_handler(rfc_documents(), origin="https://scim.example")
        cases = [
            ("GET", "/orgs/acme/scim/v2/ServiceProviderConfig"),
            ("GET", "/orgs/acme/scim/v2/schemas/"),
            ("HEAD", f"/orgs/acme/scim/v2/Schemas/{USER.replace(':', '%3A')}"),
            ("GET", "/orgs/acme/scim/v2/ResourceTypes?filter=id%20pr"),
            ("GET", "/orgs/acme/scim/v2/ResourceTypes/Nope"),
            ("GET", "/orgs/acme/scim/v2/Schemas/%zz"),
            ("POST", "/orgs/acme/scim/v2/Schemas"),
            ("OPTIONS", "/orgs/acme/scim/v2/Schemas"),
            ("GET", "/orgs/acme/scim/v2"),
            ("GET", "/orgs/%2e%2E/scim/v2/Schemas"),
            ("POST", "/orgs/./scim/v2/Schemas"),
            ("GET", "/orgs/a%zz/scim/v2/Schemas"),
            ("GET", '/orgs/a"<|>\\b/scim/v2/ServiceProviderConfig'),
        ]
        for round_ in (1, 2):  # the second round is answered from the remembered targets
            for method, target in cases:
                with self.subTest(round=round_, method=method, target=target):
                    path_and_mount, _, query = target.partition("?")
                    base_path = runtime.leading_path_segments(path_and_mount, 4)
                    want = by_request(runtime.DiscoveryRequest(method=method, base_path=base_path, path=path_and_mount[len(base_path):], query=query, headers={}))
                    self.assertEqual(by_target(method, target, []), want)

    def test_none_outside_the_mount(self) -> None:
        handle = target_handler()
        self.assertIsNone(handle("GET", "/elsewhere/Schemas", []))
        self.assertIsNone(handle("GET", "/orgs/acme/scim/v2x/Schemas", []))
        self.assertIsNone(handle("GET", "/orgs/acme/scim/v2x/Schemas", []))

    def test_absolute_form_targets(self) -> None:
        handle = target_handler(origin=None, trust_host=True)
        headers = [(b"Host", b"API.example:8443")]
        from_url = handle("GET", "http://api.example:8443/orgs/acme/scim/v2/ResourceTypes/User", headers)
        self.assertEqual(location(from_url), "http://api.example:8443/orgs/acme/scim/v2/ResourceTypes/User")
        from_socket = handle("GET", "/orgs/acme/scim/v2/ResourceTypes/User", headers, "https")
        self.assertEqual(location(from_socket), "https://api.example:8443/orgs/acme/scim/v2/ResourceTypes/User")

    def test_if_none_match_from_a_raw_list(self) -> None:
        handle = target_handler()
        target = "/orgs/acme/scim/v2/Schemas"
        etag = handle("GET", target, []).headers["etag"]
        self.assertEqual(handle("GET", target, [(b"if-none-match", etag.encode())]).status, 304)
        self.assertEqual(handle("GET", target, [(b"If-None-Match", f'"other", {etag}'.encode())]).status, 304)
        self.assertEqual(handle("GET", target, [(b"If-None-Match", b'"other"')]).status, 200)

    def test_keeps_each_tenants_locations_after_the_memo_overflows(self) -> None:
        handle = target_handler()
        for tenant in range(1030):  # more than the 1024 remembered targets
            for org in (f"t{tenant}", "busy", f"t{tenant}"):
                response = handle("GET", f"/orgs/{org}/scim/v2/ResourceTypes/Group", [])
                self.assertEqual(location(response), f"https://scim.example/orgs/{org}/scim/v2/ResourceTypes/Group")

    def test_a_query_bearing_target_by_its_query_every_time(self) -> None:
        handle = target_handler()
        for _ in range(3):
            self.assertEqual(handle("GET", "/orgs/acme/scim/v2/Schemas?filter=id%20pr", []).status, 403)
            self.assertEqual(handle("GET", "/orgs/acme/scim/v2/Schemas?count=1", []).status, 200)
            self.assertEqual(handle("GET", "/orgs/acme/scim/v2/Schemas", []).status, 200)

    def test_builds_the_hooks_request_from_the_parts(self) -> None:
        seen: list[Any] = []
        handle = target_handler(authenticate=lambda r: seen.append(r) is None)
        headers = [(b"Authorization", b"Bearer x")]
        handle("GET", "/orgs/acme/scim/v2/Schemas?count=1", headers, "https")
        self.assertEqual(
            seen,
            [runtime.DiscoveryRequest(method="GET", base_path="/orgs/acme/scim/v2", params={"org": "acme"}, path="/Schemas",
                                      query="count=1", headers=headers, protocol="https")],
        )

    def test_uses_the_mount_matcher_it_is_given(self) -> None:
        handle = runtime.create_target_handler(rfc_documents(), lambda p: runtime.leading_path_segments(p, 2), origin="https://scim.example")
        self.assertEqual(location(handle("GET", "/Tenant%20A/v2/ResourceTypes/User", [])), "https://scim.example/Tenant%20A/v2/ResourceTypes/User")

    def test_valid_uris_that_route_back_and_no_dot_or_malformed_tenant(self) -> None:
        handle = target_handler()
        got = handle("GET", "/orgs/a\\b{c}/scim/v2/ResourceTypes/User", [])
        self.assertEqual(location(got), "https://scim.example/orgs/a%5Cb%7Bc%7D/scim/v2/ResourceTypes/User")
        self.assertIs(handle("GET", location(got)[len("https://scim.example"):], []), got)
        for tenant in [".", "..", "%2e", "%2E%2e", "a%zz", "%C0%AE"]:
            with self.subTest(tenant=tenant):
                self.assertEqual(handle("GET", f"/orgs/{tenant}/scim/v2/ServiceProviderConfig", []).status, 404)

    def test_configuration_errors_first(self) -> None:
        with self.assertRaises(runtime.DiscoveryConfigurationError):
            runtime.create_target_handler(rfc_documents())
        with self.assertRaisesRegex(runtime.DiscoveryConfigurationError, "Unknown option basepath"):
            runtime.create_target_handler(rfc_documents(), origin="https://a.example", basepath="/x")  # type: ignore[call-arg]


if __name__ == "__main__":
    unittest.main()

"""encode_base_path, request.params and the raw mount path: the twin of test/runtime/base-path-encoding.test.ts
and mount-params.test.ts (their tables, copied), and the Python-only helpers that find the raw mount path a
framework matched on the decoded one (Django's resolver, Starlette's router)."""

from __future__ import annotations

import random
import re
import unittest
from typing import Any
from urllib.parse import urlsplit

from fixtures import body_json, rfc_documents, runtime

from scim_runtime_under_test.uri_component import decode_uri_component

documents = rfc_documents()


class EncodeBasePathTest(unittest.TestCase):
    def test_table(self) -> None:
        for base_path, want in [
            # Already valid URI paths stay exactly as they are, hex case and encodings included.
            ("", ""), ("/scim/v2", "/scim/v2"), ("/scim/v2/", "/scim/v2/"), ("/orgs/acme/scim/v2", "/orgs/acme/scim/v2"),
            ("/orgs/Acme%20Co/scim/v2", "/orgs/Acme%20Co/scim/v2"), ("/orgs/a%2fb/scim/v2", "/orgs/a%2fb/scim/v2"),
            ("/orgs/%41cme/v2", "/orgs/%41cme/v2"), ("/orgs/!$&'()*+,;=:@-._~/v2", "/orgs/!$&'()*+,;=:@-._~/v2"),
            ("/orgs/.well/v2", "/orgs/.well/v2"), ("/orgs/.../v2", "/orgs/.../v2"), ("/orgs/..a/v2", "/orgs/..a/v2"),
            ("/orgs/%2e%2e%2e/v2", "/orgs/%2e%2e%2e/v2"), ("/orgs/%00/v2", "/orgs/%00/v2"),
            # Characters outside pchar: percent-encoded as UTF-8 octets (RFC 3986 §2.1, §2.5).
            ('/orgs/a"b/v2', "/orgs/a%22b/v2"), ("/orgs/<a>/v2", "/orgs/%3Ca%3E/v2"),
            ("/orgs/a`b{c}d|e^f/v2", "/orgs/a%60b%7Bc%7Dd%7Ce%5Ef/v2"), ("/orgs/a b/v2", "/orgs/a%20b/v2"),
            ("/orgs/a\\b/v2", "/orgs/a%5Cb/v2"), ("/orgs/[::1]/v2", "/orgs/%5B::1%5D/v2"), ("/orgs/é/v2", "/orgs/%C3%A9/v2"),
            ("/orgs/😀/v2", "/orgs/%F0%9F%98%80/v2"), ("/orgs/a\u0000b\u007f/v2", "/orgs/a%00b%7F/v2"),
            ("/orgs/a%20 b/v2", "/orgs/a%20%20b/v2"),
            # Dot segments, in any spelling: no tenant.
            ("/orgs/./v2", None), ("/orgs/../v2", None), ("/orgs/%2e/v2", None), ("/orgs/%2E%2e/v2", None),
            ("/orgs/.%2E/v2", None), ("/orgs/%2e./v2", None), ("/..", None), ("/.", None), ("./scim", None),
            # Malformed percent-encoding, or octets that are not UTF-8.
            ("/orgs/a%zz/v2", None), ("/orgs/%/v2", None), ("/orgs/a%2/v2", None), ("/orgs/%ff/v2", None),
            ("/orgs/%C0%AE%C0%AE/v2", None), ("/orgs/%C3/v2", None), ("/orgs/%C3é/v2", None), ("/orgs/%ED%A0%80/v2", None),
            ("/orgs/\ud800/v2", None), ("/orgs/a\n/v2", "/orgs/a%0A/v2"),
        ]:
            with self.subTest(base_path=base_path):
                self.assertEqual(runtime.encode_base_path(base_path), want)

    def test_property_seeded(self) -> None:
        """The rule said once more, independently, over 4000 random base paths (seed 0xba5e)."""

        def malformed(segment: str) -> bool:
            if re.search(r"%(?![0-9A-Fa-f]{2})", segment) or re.search("[\ud800-\udfff]", segment):
                return True
            decoded = decode_uri_component(segment)
            return decoded is None or decoded in (".", "..")

        alphabet = ["a", "Z", "0", "-", ".", "_", "~", "!", "$", "&", "'", "(", "*", ":", "@", "%", "2", "e", "E", "C", "F",
                    "f", "z", "/", " ", '"', "<", "`", "{", "|", "^", "\\", "[", "é", "€", "😀", "\ud800", "\u0000", "%2e",
                    "%C3%A9", "%E2%82%AC", "%C0", "%2F"]
        rng = random.Random(0xBA5E)
        problems: list[str] = []
        encoded_count = 0
        samples = []
        for _ in range(4000):
            text = "".join(rng.choice(alphabet) for _ in range(1 + rng.randrange(12)))
            samples.append(f"/{text}" if rng.random() < 0.8 else text)
        for raw in samples:
            got = runtime.encode_base_path(raw)
            want_none = any(segment != "" and malformed(segment) for segment in raw.split("/"))
            if (got is None) != want_none:
                problems.append(f"{raw!r} -> {got!r}")
                continue
            if got is None:
                continue
            encoded_count += 1
            if not re.fullmatch(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*", got):
                problems.append(f"not a URI path: {got}")
            absolute = got if got.startswith("/") else f"/{got}"
            if urlsplit(f"https://h.example{absolute}").path != absolute:
                problems.append(f"urlsplit changes {got}")
            if runtime.encode_base_path(got) != got:
                problems.append(f"not idempotent: {got}")
            # Its own encoding, and the same octets as the raw path.
            if decode_uri_component(got) != decode_uri_component(raw):
                problems.append(f"other octets: {raw!r} -> {got}")
        self.assertEqual(problems, [])
        self.assertGreater(encoded_count, 500)
        self.assertGreater(len(samples) - encoded_count, 500)


def recording(base_path: Any) -> tuple[Any, list[Any]]:
    seen: list[Any] = []

    def authenticate(request: Any) -> bool:
        seen.append(request.params)
        return True

    handle = runtime.create_target_handler(documents, base_path=base_path, origin="https://scim.example", authenticate=authenticate)
    return handle, seen


class MountParamsTest(unittest.TestCase):
    def test_decoded_once(self) -> None:
        for tenant, want in [("acme", "acme"), ("Acme-7_x", "Acme-7_x"), ("a%2Fb", "a/b"), ("a%252Fb", "a%2Fb"),
                             ("%C3%A9t%C3%A9", "été"), ("a+b", "a+b"), ("a|b", "a|b"), ("a%20b", "a b"), ("%00", "\u0000")]:
            with self.subTest(tenant=tenant):
                handle, seen = recording("/orgs/{org}/scim/v2")
                self.assertEqual(handle("GET", f"/orgs/{tenant}/scim/v2/ServiceProviderConfig", []).status, 200)
                self.assertEqual(seen, [{"org": want}])

    def test_no_tenant(self) -> None:
        for tenant in ["%ff", "%C0%AE", "a%zz", "%", "%2e", ".", "..", "%2E%2e"]:
            with self.subTest(tenant=tenant):
                handle, seen = recording("/orgs/:org/scim/v2")
                self.assertEqual(handle("GET", f"/orgs/{tenant}/scim/v2/ServiceProviderConfig", []).status, 404)
                self.assertEqual(seen, [])

    def test_names_every_parameter_segment(self) -> None:
        handle, seen = recording("/t/{team}/orgs/:org/scim/v2")
        handle("GET", "/t/red/orgs/acme/scim/v2/Schemas", [])
        plain, plain_seen = recording("/scim/v2")
        plain("GET", "/scim/v2/Schemas", [])
        self.assertEqual([*seen, *plain_seen], [{"team": "red", "org": "acme"}, {}])
        self.assertIs(plain_seen[0], runtime.NO_PARAMS)

    def test_a_compiled_pattern_names_them_with_groups(self) -> None:
        handle, seen = recording(re.compile(r"^/orgs/(?P<org>[^/]+)/scim/v2"))
        handle("GET", "/orgs/a%2Fb/scim/v2/Schemas", [])
        self.assertEqual(seen, [{"org": "a/b"}])

    def test_one_read_only_params_per_tenant(self) -> None:
        handle, seen = recording("/orgs/{org}/scim/v2")
        for target in ["/Schemas", "/Schemas?count=1", "/ResourceTypes/User", "/Schemas", "/Nope"]:
            handle("GET", f"/orgs/acme/scim/v2{target}", [])
        handle("GET", "/orgs/globex/scim/v2/Schemas", [])
        self.assertEqual([params["org"] for params in seen], ["acme"] * 5 + ["globex"])
        self.assertEqual(len({id(params) for params in seen[:5]}), 1)
        with self.assertRaises(TypeError):
            seen[0]["org"] = "x"
        self.assertIsNot(seen[5], seen[0])

    def test_a_token_per_tenant(self) -> None:
        tokens = {"acme": "token-a", "globex": "token-g"}
        handle = runtime.create_target_handler(
            documents,
            base_path="/api/0/organizations/{org}/scim/v2",
            origin="https://scim.example",
            authenticate=lambda r: tokens.get(r.params["org"]) is not None
            and runtime.get_header(r.headers, "authorization") == f"Bearer {tokens[r.params['org']]}",
        )

        def status(org: str, token: str) -> int:
            result: int = handle("GET", f"/api/0/organizations/{org}/scim/v2/Schemas", [(b"authorization", f"Bearer {token}".encode())]).status
            return result

        self.assertEqual([status("acme", "token-a"), status("globex", "token-g")], [200, 200])
        self.assertEqual([status("acme", "token-g"), status("globex", "token-a"), status("initech", "token-a")], [401, 401, 401])

    def test_reaches_a_base_url_function(self) -> None:
        handle = runtime.create_target_handler(
            documents,
            base_path="/orgs/{org}/scim/v2",
            base_url=lambda r: f"https://{re.sub('[^a-z0-9-]', '', r.params['org'])}.scim.example/v2",
        )
        response = handle("GET", "/orgs/acme/scim/v2/ResourceTypes/User", [])
        self.assertEqual(body_json(response)["meta"]["location"], "https://acme.scim.example/v2/ResourceTypes/User")

    def test_a_reader_for_the_framework_pattern(self) -> None:
        seen: list[Any] = []
        handle = runtime.create_target_handler(
            documents,
            lambda pathname: runtime.leading_path_segments(pathname, 4),
            runtime.create_mount_params_reader("/orgs/:org(^[a-z%0-9]+)/scim/v2"),
            origin="https://scim.example",
            authenticate=lambda r: seen.append(r.params) is None,
        )
        handle("GET", "/orgs/%C3%A9/scim/v2/Schemas", [])
        self.assertEqual(seen, [{"org": "é"}])
        self.assertEqual(runtime.create_mount_params_reader("/orgs/:org{[a-z]+}/scim/v2")("/orgs/acme/scim/v2"), {"org": "acme"})
        self.assertIsNone(runtime.create_mount_params_reader("/orgs/:org/scim/v2")("/orgs/%zz/scim/v2"))

    def test_the_request_object_handler_passes_what_it_is_given(self) -> None:
        seen: list[Any] = []
        handler = runtime.create_discovery_handler(documents, origin="https://scim.example", authenticate=lambda r: seen.append(r) is None)
        base: dict[str, Any] = {"method": "GET", "base_path": "/scim/v2", "path": "/Schemas", "query": "", "headers": []}
        handler(runtime.DiscoveryRequest(**base))
        handler(runtime.DiscoveryRequest(**base, params={"org": "acme"}))
        self.assertEqual([r.params for r in seen], [{}, {"org": "acme"}])


class RawMountPathTest(unittest.TestCase):
    """No TS twin: the raw mount path behind a framework's decoded match."""

    def test_table(self) -> None:
        for raw, decoded, rest, want in [
            ("/orgs/acme/scim/v2/Schemas", "/orgs/acme/scim/v2/Schemas", "/Schemas", "/orgs/acme/scim/v2"),
            ("/orgs/acme/scim/v2/Schemas", "/orgs/acme/scim/v2/Schemas", "Schemas", "/orgs/acme/scim/v2"),  # include("…/v2/")
            ("/orgs/acme/scim/v2", "/orgs/acme/scim/v2", "", "/orgs/acme/scim/v2"),
            ("/orgs/acme/scim/v2/", "/orgs/acme/scim/v2/", "", "/orgs/acme/scim/v2"),
            ("/orgs/Acme%20Co/scim/v2/Schemas/urn%3Ax", "/orgs/Acme Co/scim/v2/Schemas/urn:x", "/Schemas/urn:x", "/orgs/Acme%20Co/scim/v2"),
            ("/orgs/%41cme/scim/v2/Schemas", "/orgs/Acme/scim/v2/Schemas", "/Schemas", "/orgs/%41cme/scim/v2"),
            # A raw %2F is one segment more once decoded.
            ("/orgs/acme/scim/v2/Schemas/a%2Fb", "/orgs/acme/scim/v2/Schemas/a/b", "/Schemas/a/b", "/orgs/acme/scim/v2"),
            ("/p/a%2fb/scim/Schemas", "/p/a/b/scim/Schemas", "/Schemas", "/p/a%2fb/scim"),
            ("/p/a%2Fb/scim/Schemas", "/p/a/b/scim/Schemas", "/b/scim/Schemas", None),  # ends inside a raw segment
            ("/scim/v2x/Schemas", "/scim/v2x/Schemas", "x/Schemas", None),  # ends inside a segment
            ("/scim/v2/Schemas", "/scim/v2/Schemas", "/Other", None),
            ("/Schemas", "/Schemas", "/Schemas", ""),
        ]:
            with self.subTest(raw=raw, rest=rest):
                self.assertEqual(runtime.raw_mount_path(raw, decoded, rest), want)

    def test_split_mounted_target(self) -> None:
        mounted = runtime.split_mounted_target("/orgs/a%20b/scim/v2/Schemas/urn%3Ax?filter=y", "/orgs/a b/scim/v2/Schemas/urn:x", "/Schemas/urn:x")
        self.assertEqual(tuple(mounted), ("/orgs/a%20b/scim/v2", "/Schemas/urn%3Ax", "filter=y", None))
        self.assertIsNone(runtime.split_mounted_target("/scim/v2x", "/scim/v2x", "x"))

    def test_request_lines(self) -> None:
        self.assertEqual(
            tuple(runtime.wsgi_request_line({"REQUEST_METHOD": "get", "RAW_URI": "/a%3Ab?x=1", "PATH_INFO": "/a:b"})), ("get", "/a%3Ab?x=1")
        )
        self.assertEqual(tuple(runtime.wsgi_request_line({"REQUEST_METHOD": "GET", "REQUEST_URI": "/u"})), ("GET", "/u"))
        # Rebuilt from the decoded PATH_INFO (octets as latin-1 characters, PEP 3333).
        environ = {"REQUEST_METHOD": "GET", "SCRIPT_NAME": "/app", "PATH_INFO": "/orgs/\u00c3\u00a9 x/%/Schemas", "QUERY_STRING": "a=b"}
        self.assertEqual(tuple(runtime.wsgi_request_line(environ)), ("GET", "/app/orgs/%C3%A9%20x/%25/Schemas?a=b"))
        scope = {"method": "PROPFIND", "raw_path": b"/orgs/a%2Fb/Schemas", "path": "/orgs/a/b/Schemas", "query_string": b"q=%41"}
        self.assertEqual(tuple(runtime.asgi_request_line(scope)), ("PROPFIND", "/orgs/a%2Fb/Schemas?q=%41"))
        self.assertEqual(tuple(runtime.asgi_request_line({"method": "GET", "path": "/a b", "query_string": b""})), ("GET", "/a%20b"))


if __name__ == "__main__":
    unittest.main()

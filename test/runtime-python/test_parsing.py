"""Given/want tables for the small parsers the handler relies on: the twin of test/runtime/parsing.test.ts,
etag.test.ts and lru-cache.test.ts (their tables, copied), plus json_text and uri_component, which stand in
for JavaScript built-ins."""

from __future__ import annotations

import random
import re
import unittest
from typing import Any

from fixtures import request, runtime

from scim_runtime_under_test.base_url import base_url_from_host_headers, is_usable_base_url
from scim_runtime_under_test.json_text import json_stringify, number_text
from scim_runtime_under_test.lru_cache import LruCache, memoize_newest_first
from scim_runtime_under_test.query import has_filter_parameter
from scim_runtime_under_test.route import decode_segment
from scim_runtime_under_test.uri_component import decode_uri_component, encode_character


class HasFilterParameterTest(unittest.TestCase):
    def test_table(self) -> None:
        for query, want in [("", False), ("filter=userName%20eq%20%22x%22", True), ("filter=", True), ("filter", True),
                            ("startIndex=1&filter=x", True), ("Filter=x", True), ("FILTER=x", True), ("%66ilter=x", True),
                            ("fil%74er=x", True), ("filters=x", False), ("xfilter=x", False), ("attributes=filter", False),
                            ("count=10&sortBy=name", False), ("%zz=1&filter=x", True), ("%zz=1", False), ("&&filter", True),
                            ("+filter=x", False)]:
            with self.subTest(query=query):
                self.assertEqual(has_filter_parameter(query), want)


class DecodeSegmentTest(unittest.TestCase):
    def test_table(self) -> None:
        for segment, want in [("urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:User"),
                              ("urn%3Aietf%3Aparams", "urn:ietf:params"), ("urn%3aietf", "urn:ietf"), ("%zz", None), ("%", None),
                              ("%E0%A4%A", None), ("%ED%A0%80", None), ("a%2Fb", "a/b")]:
            with self.subTest(segment=segment):
                self.assertEqual(decode_segment(segment), want)


class UriComponentTest(unittest.TestCase):
    """decodeURIComponent / encodeURIComponent, as Node answers them."""

    def test_decode(self) -> None:
        for given, want in [("a%20b", "a b"), ("%C3%A9", "é"), ("%F0%9F%98%80", "😀"), ("%c3%a9", "é"), ("%41%42", "AB"),
                            ("100%", None), ("%2", None), ("%C3", None), ("%C0%AE", None), ("%ED%A0%80", None),
                            ("%F4%90%80%80", None), ("%E2%82", None), ("%FF", None), ("plain", "plain"), ("a+b", "a+b")]:
            with self.subTest(given=given):
                self.assertEqual(decode_uri_component(given), want)

    def test_encode(self) -> None:
        for char, want in [(" ", "%20"), ("é", "%C3%A9"), ("😀", "%F0%9F%98%80"), ("\u0000", "%00"), ("\ud800", None)]:
            with self.subTest(char=char):
                self.assertEqual(encode_character(char), want)


class JsonTextTest(unittest.TestCase):
    """JSON.stringify, as Node 20 answers these (values written down from `node -e 'JSON.stringify(…)'`)."""

    def test_numbers(self) -> None:
        for value, want in [(1.0, "1"), (0.1, "0.1"), (1e21, "1e+21"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (123.456, "123.456"),
                            (1e16, "10000000000000000"), (5e-324, "5e-324"), (-0.0, "0"), (1.7976931348623157e308, "1.7976931348623157e+308"),
                            (2.0**60, "1152921504606847000"), (1e-6, "0.000001"), (1234.567, "1234.567"), (100.0, "100"),
                            (-1.25e-10, "-1.25e-10"), (1e20, "100000000000000000000"), (float("nan"), "null"), (float("inf"), "null"),
                            (123456789.125, "123456789.125"), (0.000123, "0.000123"), (1.23e-5, "0.0000123")]:
            with self.subTest(value=value):
                self.assertEqual(number_text(value), want)
        self.assertEqual(json_stringify(2**60), "1152921504606847000")  # the shortest digits, then zeros
        self.assertEqual(json_stringify(2**53 + 1), "9007199254740992")  # the nearest double
        self.assertEqual(json_stringify(123456789012345678901), "123456789012345680000")
        self.assertEqual(json_stringify(True), "true")

    def test_strings_and_key_order(self) -> None:
        value = {"b": 1, "10": 2, "a": [True, None, 'x\u2028\x7f\x01"\\'], "2": "\ud800", "01": "\U0001f600"}
        self.assertEqual(json_stringify(value), '{"2":"\\ud800","10":2,"b":1,"a":[true,null,"x\u2028\x7f\\u0001\\"\\\\"],"01":"😀"}')
        self.assertEqual(json_stringify("\b\f\n\r\t\u001f"), '"\\b\\f\\n\\r\\t\\u001f"')
        # A surrogate pair spelt as two code points is one character, as in JavaScript's UTF-16 strings.
        self.assertEqual(json_stringify("\ud83d\ude00"), '"😀"')
        self.assertEqual(json_stringify({"4294967295": 1, "4294967294": 2}), '{"4294967294":2,"4294967295":1}')

    def test_numbers_property_against_the_layout_rule(self) -> None:
        # Python's repr and Number::toString share the shortest round-trip digits: the text must read back as
        # the same double, and use exponent notation exactly where ECMAScript does (exponent < -6 or >= 21).
        rng = random.Random(0xD0B1E)
        for _ in range(5000):
            value = rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30)
            got = number_text(value)
            self.assertEqual(float(got), value, got)
            exponent = int(f"{abs(value):e}".split("e")[1]) if value != 0 else 0
            self.assertEqual("e" in got, exponent < -6 or exponent >= 21, got)


class SplitRequestUrlTest(unittest.TestCase):
    def test_table(self) -> None:
        for url, pathname, query, protocol in [
            ("https://h/scim/v2/Schemas?x=1", "/scim/v2/Schemas", "x=1", "https"),
            ("http://h:8080/a/b", "/a/b", "", "http"),
            ("https://h", "/", "", "https"),
            ("https://h?filter=x", "/", "filter=x", "https"),
            ("https://h/p#frag", "/p", "", "https"),
            ("https://h/p?q=1#f?g", "/p", "q=1", "https"),
            ("https://[::1]:3000/Schemas/urn%3Ax", "/Schemas/urn%3Ax", "", "https"),
            ("/scim/v2/Schemas?", "/scim/v2/Schemas", "", None),
            ("/a?b?c", "/a", "b?c", None),
        ]:
            with self.subTest(url=url):
                self.assertEqual(tuple(runtime.split_request_url(url)), (pathname, query, protocol))


class BasePathMatcherTest(unittest.TestCase):
    def test_table(self) -> None:
        for base_path, pathname, want in [
            ("", "/Schemas", ""), ("/", "/Schemas", ""), ("/scim/v2", "/scim/v2/Schemas", "/scim/v2"),
            ("/scim/v2/", "/scim/v2/Schemas", "/scim/v2"), ("scim/v2", "/scim/v2", "/scim/v2"), ("/scim/v2", "/scim/v2", "/scim/v2"),
            ("/scim/v2", "/scim/v2x/Schemas", None), ("/scim/v2", "/SCIM/v2/Schemas", None), ("/scim/v2", "/other", None),
            ("/orgs/:org/scim/v2", "/orgs/acme/scim/v2/Schemas", "/orgs/acme/scim/v2"),
            ("/orgs/{org}/scim/v2", "/orgs/acme/scim/v2/", "/orgs/acme/scim/v2"),
            ("/orgs/:org/scim/v2", "/orgs//scim/v2/Schemas", None), ("/orgs/:org/scim/v2", "/orgs/a/b/scim/v2/Schemas", None),
            ("/orgs/:org/scim/v2", "/orgs/a.b+c/scim/v2x", None),
            ("/api/0/organizations/:org/scim/v2", "/api/0/organizations/acme/scim/v2/ResourceTypes", "/api/0/organizations/acme/scim/v2"),
            (re.compile(r"^/t/[a-z]+/scim"), "/t/acme/scim/Schemas", "/t/acme/scim"),
            (re.compile(r"/t/[a-z]+/scim"), "/x/t/acme/scim/Schemas", None),  # must match at the start
            (re.compile(r"^/t/[a-z]+/scim/"), "/t/acme/scim/Schemas", "/t/acme/scim"),
        ]:
            with self.subTest(base_path=base_path, pathname=pathname):
                self.assertEqual(runtime.create_base_path_matcher(base_path)(pathname), want)

    def test_refuses(self) -> None:
        for base_path in ["/scim//v2", "/scim/v2?x", "/scim v2"]:
            with self.subTest(base_path=base_path):
                with self.assertRaisesRegex(runtime.DiscoveryConfigurationError, "base_path"):
                    runtime.create_base_path_matcher(base_path)


class LeadingPathSegmentsTest(unittest.TestCase):
    def test_cuts_keeping_the_spelling(self) -> None:
        self.assertEqual(runtime.leading_path_segments("/orgs/Acme%20Co/scim/v2/Schemas/urn%3Ax", 4), "/orgs/Acme%20Co/scim/v2")
        self.assertEqual(runtime.leading_path_segments("/scim/v2/ServiceProviderConfig", 2), "/scim/v2")
        self.assertEqual(runtime.leading_path_segments("/scim/v2", 2), "/scim/v2")
        self.assertEqual(runtime.leading_path_segments("/scim/v2/", 2), "/scim/v2")
        self.assertEqual(runtime.leading_path_segments("/scim", 2), "/scim")
        self.assertEqual(runtime.leading_path_segments("/anything", 0), "")


class IsSafeHostTest(unittest.TestCase):
    def test_table(self) -> None:
        for host, want in [("example.com", True), ("api.example.com:8443", True), ("127.0.0.1:3000", True), ("[::1]", True),
                           ("[2001:db8::1]:443", True), ("localhost", True), ("", False), ("evil.com/path", False),
                           ("evil.com\r\nX-Injected: 1", False), ('evil.com"', False), ("user@evil.com", False),
                           ("evil.com:port", False), ("evil.com:123456", False), ("[::1", False), ("ex ample.com", False),
                           ("a" * 300, False), ("example.com\n", False)]:
            with self.subTest(host=host):
                self.assertEqual(runtime.is_safe_host(host), want)


class BaseUrlFromHostHeadersTest(unittest.TestCase):
    def test_table(self) -> None:
        cases: list[tuple[dict[str, str], str | None, str | None]] = [
            ({"host": "api.example.com"}, None, "https://api.example.com/scim/v2"),
            ({"host": "API.Example.com"}, None, "https://api.example.com/scim/v2"),
            ({"host": "localhost:3000"}, "http", "http://localhost:3000/scim/v2"),
            ({"host": "internal:8080", "x-forwarded-host": "api.example.com", "x-forwarded-proto": "https"}, "http", "https://api.example.com/scim/v2"),
            ({"host": "a.example", "x-forwarded-host": "client.example, proxy.example"}, None, "https://proxy.example/scim/v2"),
            ({"host": "a.example", "x-forwarded-proto": "javascript"}, "http", "http://a.example/scim/v2"),
            ({"host": "a.example", "x-forwarded-proto": "http, HTTPS"}, None, "https://a.example/scim/v2"),
            ({"host": "a.example", "x-forwarded-host": "evil.example/x?"}, None, "https://a.example/scim/v2"),
            ({"host": "evil.example/@x"}, None, None),
            ({}, None, None),
        ]
        for headers, protocol, want in cases:
            with self.subTest(headers=headers, protocol=protocol):
                self.assertEqual(base_url_from_host_headers(request("/Schemas", headers=headers, protocol=protocol)), want)


class IsUsableBaseUrlTest(unittest.TestCase):
    def test_table(self) -> None:
        for url, want in [("https://api.example.com/scim/v2", True), ("http://localhost:3000", True),
                          ("https://h/orgs/a%20b/scim/v2", True), ("ftp://h/scim", False), ("/scim/v2", False),
                          ("https://h/scim v2", False), ("https://h/scim?x=1", False), ("https://h/scim#x", False),
                          ("https://user@h/scim", False), ("https://h/scim\u0000", False), ("HTTPS://h/scim", True),
                          ("https://h/scim\n", False), ("https://h/\ufeff", False), ("https://h/\u0085", True)]:
            with self.subTest(url=url):
                self.assertEqual(is_usable_base_url(url), want)


class GetHeaderTest(unittest.TestCase):
    def test_mappings(self) -> None:
        self.assertEqual(runtime.get_header({"if-none-match": '"a"'}, "if-none-match"), '"a"')
        self.assertEqual(runtime.get_header({"if-none-match": ['"a"', '"b"']}, "if-none-match"), '"a", "b"')
        self.assertIsNone(runtime.get_header({"if-none-match": None}, "if-none-match"))
        self.assertIsNone(runtime.get_header({}, "host"))
        environ = runtime.EnvironHeaders({"HTTP_IF_NONE_MATCH": '"a"', "CONTENT_TYPE": "text/plain", "HTTP_HOST": "h"})
        self.assertEqual(runtime.get_header(environ, "if-none-match"), '"a"')
        self.assertEqual(runtime.get_header(environ, "content-type"), "text/plain")
        self.assertIsNone(runtime.get_header(environ, "authorization"))

    def test_raw_asgi_list(self) -> None:
        raw = [(b"Host", b"a.example"), (b"If-None-Match", b'"a"'), (b"accept", b"*/*"), (b"IF-NONE-MATCH", b'"b"')]
        self.assertEqual(runtime.get_header(raw, "if-none-match"), '"a", "b"')
        self.assertEqual(runtime.get_header(raw, "host"), "a.example")
        self.assertEqual(runtime.get_header(raw, "accept"), "*/*")
        self.assertIsNone(runtime.get_header(raw, "authorization"))
        self.assertIsNone(runtime.get_header([(b"x-name", b"host")], "host"))
        self.assertIsNone(runtime.get_header([], "host"))
        self.assertEqual(runtime.get_header([(b"x", b"\xe9")], "x"), "\u00e9")  # octets as latin-1, as Node reads them


class EtagTest(unittest.TestCase):
    def test_fnv1a64(self) -> None:
        for given, want in [("", "cbf29ce484222325"), ("a", "af63dc4c8601ec8c"), ("foobar", "85944171f73967e8"), ("é€𝄞", "fc2e24a3faa1be6e")]:
            with self.subTest(given=given):
                self.assertEqual(runtime.fnv1a64_hex(given.encode("utf-8")), want)
        self.assertEqual(runtime.fnv1a64_hex(bytes(i % 256 for i in range(768))), "4f33c513c2e95c25")
        self.assertEqual(runtime.strong_etag(b"a"), '"af63dc4c8601ec8c"')

    def test_if_none_match(self) -> None:
        etag = '"0123456789abcdef"'
        for header, want in [('"0123456789abcdef"', True), ("*", True), (' "x", *', True), ('W/"0123456789abcdef"', True),
                             ('"aaaa", "0123456789abcdef"', True), ('"aaaa",W/"0123456789abcdef"', True),
                             ('"a,b", "0123456789abcdef"', True), ('"0123456789abcdee"', False), ('"0123456789abcdef', False),
                             ("0123456789abcdef", False), ('garbage, "0123456789abcdef"', True), ('w/"0123456789abcdef"', False),
                             ("", False), (", ,", False)]:
            with self.subTest(header=header):
                self.assertEqual(runtime.if_none_match_matches(header, etag), want)


class LruCacheTest(unittest.TestCase):
    def test_evicts_the_least_recently_used(self) -> None:
        cache: LruCache[int] = LruCache(2)
        cache.set("a", 1)
        cache.set("b", 2)
        self.assertEqual(cache.get("a"), 1)
        cache.set("c", 3)  # evicts b
        self.assertEqual(len(cache), 2)
        self.assertIsNone(cache.get("b"))
        self.assertEqual(cache.get("a"), 1)
        self.assertEqual(cache.get("c"), 3)
        cache.set("d", 4)  # evicts a
        self.assertIsNone(cache.get("a"))

    def test_newest_key_memo(self) -> None:
        cache: LruCache[int] = LruCache(2)
        cache.set("tenant-a", 1)
        cache.set("tenant-b", 2)
        self.assertEqual(cache.get("-".join(["tenant", "b"])), 2)
        cache.set("tenant-b", 3)
        self.assertEqual(cache.get("tenant-b"), 3)
        self.assertEqual(cache.get("tenant-a"), 1)
        cache.set("tenant-c", 4)  # evicts b
        self.assertIsNone(cache.get("tenant-b"))
        self.assertEqual(cache.get("tenant-a"), 1)
        self.assertIsNone(cache.get("missing"))
        self.assertEqual(cache.get("tenant-c"), 4)

    def test_memoize_newest_first(self) -> None:
        computed: list[str] = []

        def compute(key: str) -> Any:
            computed.append(key)
            return None if key == "none" else key.upper()

        lookup = memoize_newest_first(compute, 3)
        self.assertEqual([lookup("a"), lookup("a"), lookup("b"), lookup("a"), lookup("none"), lookup("none")], ["A", "A", "B", "A", None, None])
        self.assertEqual(computed, ["a", "b", "none"])
        lookup("c")  # the fourth key: the memo is emptied first, then holds c
        lookup("a")
        self.assertEqual(computed, ["a", "b", "none", "c", "a"])


if __name__ == "__main__":
    unittest.main()

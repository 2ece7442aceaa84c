"""No request may see another request's base URL (SCIM-RULES.md "meta"): the twin of
test/runtime/concurrency.test.ts, many tenants interleaved by an async authentication hook with a cache small
enough to evict while requests are in flight; and, for Python's threaded servers (gunicorn gthread, Django's
runserver), the same from eight threads at once through the raw-target entry point."""

from __future__ import annotations

import asyncio
import re
import sys
import threading
import unittest
from typing import Any, Callable

from fixtures import request, rfc_documents, runtime, text

TENANTS = 60
PATHS = ["/ServiceProviderConfig", "/ResourceTypes", "/ResourceTypes/user", "/Schemas",
         "/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AGroup"]


def locations(body: str) -> list[str]:
    return re.findall(r'"location":"([^"]+)"', body)


def tenant_of(r: Any) -> int:
    match = re.search(r"/t(\d+)/", r.base_path) or re.search(r"t(\d+)\.", str(runtime.get_header(r.headers, "host")))
    assert match is not None
    return int(match.group(1))


class InterleavedTenantsTest(unittest.TestCase):
    def run_interleaved(self, options: dict[str, Any], request_for: Callable[[int, str], Any], expected_base: Callable[[int], str]) -> None:
        completed: list[int] = []

        async def authenticate(r: Any) -> bool:
            tenant = tenant_of(r)
            for _ in range((tenant * 7) % 13):
                await asyncio.sleep(0)
            return tenant % 5 != 0

        handler = runtime.create_discovery_handler(rfc_documents(), **options, cache_size=7, authenticate=authenticate)

        async def one(tenant: int, path: str) -> tuple[int, str, Any]:
            response = await handler(request_for(tenant, path))
            completed.append(tenant)
            return tenant, path, response

        async def run_all() -> list[tuple[int, str, Any]]:
            return await asyncio.gather(*(one(tenant, path) for _ in range(2) for tenant in range(TENANTS) for path in PATHS))

        outcomes = asyncio.run(run_all())
        self.assertNotEqual(completed, sorted(completed))  # they really did interleave
        for tenant, path, response in outcomes:
            if tenant % 5 == 0:
                self.assertEqual(response.status, 401, f"{tenant} {path}")
                continue
            self.assertEqual(response.status, 200, f"{tenant} {path}")
            found = locations(text(response))
            self.assertGreater(len(found), 0)
            for location in found:
                self.assertTrue(location.startswith(f"{expected_base(tenant)}/"), f"{tenant} {path}: {location}")

    def test_origin_plus_base_path(self) -> None:
        self.run_interleaved(
            {"origin": "https://scim.example"},
            lambda tenant, path: request(path, base_path=f"/api/0/organizations/t{tenant}/scim/v2"),
            lambda tenant: f"https://scim.example/api/0/organizations/t{tenant}/scim/v2",
        )

    def test_base_url_function(self) -> None:
        self.run_interleaved(
            {"base_url": lambda r: f"https://t{tenant_of(r)}.scim.example/v2"},
            lambda tenant, path: request(path, base_path=f"/t{tenant}/v2"),
            lambda tenant: f"https://t{tenant}.scim.example/v2",
        )

    def test_trust_host(self) -> None:
        self.run_interleaved(
            {"trust_host": True},
            lambda tenant, path: request(path, base_path="/scim/v2", headers={"host": f"t{tenant}.scim.example"}),
            lambda tenant: f"https://t{tenant}.scim.example/scim/v2",
        )


class ThreadedTenantsTest(unittest.TestCase):
    def test_eight_threads_many_tenants_small_cache(self) -> None:
        handle = runtime.create_target_handler(
            rfc_documents(), base_path="/orgs/{org}/scim/v2", origin="https://scim.example", cache_size=3
        )
        problems: list[str] = []
        barrier = threading.Barrier(8)

        def worker(worker_id: int) -> None:
            barrier.wait()
            for i in range(150):
                tenant = (worker_id * 7 + i) % 11
                path = PATHS[i % len(PATHS)]
                response = handle("GET", f"/orgs/t{tenant}/scim/v2{path}", [])
                want = f"https://scim.example/orgs/t{tenant}/scim/v2/"
                if response.status != 200 or any(not found.startswith(want) for found in locations(text(response))):
                    problems.append(f"{worker_id} t{tenant} {path} {response.status}")

        interval = sys.getswitchinterval()
        sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter allows
        try:
            threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            sys.setswitchinterval(interval)
        self.assertEqual(problems, [])


if __name__ == "__main__":
    unittest.main()

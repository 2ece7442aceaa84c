"""The runtime and the adapters are ``mypy --strict`` clean in a test build of the generated package (Django
ships no type hints and django-stubs is not used: the adapter must hold without them), for Python 3.10, the
oldest version the package supports; and the option names are checked by the type checker, so a misspelt one
is a type error before it is a DiscoveryConfigurationError. Skipped, with the reason, where mypy, Django or
FastAPI is not importable."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from fixtures import build_package

NEEDED = ("mypy", "django", "fastapi")
MISSING = [name for name in NEEDED if importlib.util.find_spec(name) is None]

USAGE = '''
from __future__ import annotations

from {package}.django import urls
from fastapi import FastAPI

from {package}.fastapi import include, router
from {package}.runtime import DiscoveryRequest, create_discovery_handler, create_target_handler, get_header
from {package}.discovery_documents import DISCOVERY_DOCUMENTS


async def authenticate(request: DiscoveryRequest) -> bool:
    return get_header(request.headers, "authorization") == f"Bearer {{request.params['org']}}"


urls(origin="https://api.example.com", authenticate=authenticate, cache_size=16)
router(base_url=lambda request: "https://scim.example" + request.base_path, public_service_provider_config=True)
include(FastAPI(), "/orgs/{{org}}/scim/v2", origin="https://api.example.com", case_exact=True)
create_target_handler(DISCOVERY_DOCUMENTS, base_path="/orgs/{{org}}/scim/v2", trust_host=True)
create_discovery_handler(DISCOVERY_DOCUMENTS, baseurl="https://api.example.com")  # the one expected error
'''


@unittest.skipIf(bool(MISSING), f"not importable here: {', '.join(MISSING)} (the py-package test venv has them)")
class MypyStrictTest(unittest.TestCase):
    def test_strict_clean_and_option_names_checked(self) -> None:
        package = "scim_types_under_test"
        parent = Path(tempfile.mkdtemp(prefix="scim-python-types-"))
        self.addCleanup(shutil.rmtree, parent, True)
        shutil.copytree(build_package(package) / package, parent / package)
        (parent / "usage.py").write_text(USAGE.format(package=package), "utf-8")
        run = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", "--no-incremental", "--cache-dir", str(parent / ".mypy_cache"), package, "usage.py"],
            cwd=parent,
            capture_output=True,
            text=True,
            timeout=600,
        )
        errors = [line for line in run.stdout.splitlines() if ": error:" in line]
        self.assertEqual(len(errors), 1, run.stdout + run.stderr)
        self.assertIn("usage.py:", errors[0])
        self.assertIn('"baseurl"', errors[0])


if __name__ == "__main__":
    unittest.main()

"""Fixtures of the Python runtime tests, shared by every test module.

- ``rfc_documents()``: the RFC 7643 §8 documents (with errata) shaped as the generator hands them to the runtime,
  ``meta`` reduced to ``resourceType`` and a ``location`` relative to the SCIM base (the twin of
  ``test/runtime/fixtures.ts``; the JSON files are ``test/fixtures/rfc7643/with-errata/``).
- ``default_documents()``: the default definitions' documents as the Node core package holds them
  (``fixtures/discovery-documents.json``; see ``fixtures/README.md``).
- ``build_package(name)``: a package as the generator lays it out (``<name>/runtime/`` the runtime copied verbatim,
  ``<name>/discovery_documents.py``, ``<name>/django.py`` and ``<name>/fastapi.py`` from the templates) in a
  temporary folder put on ``sys.path``.
"""

from __future__ import annotations

import atexit
import copy
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
RUNTIME_DIR = REPO / "generator" / "runtime-python"
TEMPLATES_DIR = REPO / "templates" / "python"
RFC_FIXTURES = REPO / "test" / "fixtures" / "rfc7643" / "with-errata"

# The runtime is imported as a package of its own, as it is shipped (relative imports only).
_RUNTIME_PARENT = Path(tempfile.mkdtemp(prefix="scim-runtime-python-"))
atexit.register(shutil.rmtree, _RUNTIME_PARENT, True)
shutil.copytree(RUNTIME_DIR, _RUNTIME_PARENT / "scim_runtime_under_test", ignore=shutil.ignore_patterns("__pycache__"))
sys.path.insert(0, str(_RUNTIME_PARENT))

sys.dont_write_bytecode = True  # nothing written next to the copies (or anywhere) by the tests' imports
import scim_runtime_under_test as runtime  # noqa: E402

RESOURCE_TYPE_IDS = ["User", "Group"]
RESOURCE_SCHEMA_IDS = [
    "urn:ietf:params:scim:schemas:core:2.0:User",
    "urn:ietf:params:scim:schemas:core:2.0:Group",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
]
SERVICE_PROVIDER_SCHEMA_IDS = [
    "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
    "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
    "urn:ietf:params:scim:schemas:core:2.0:Schema",
]


def _read(name: str) -> Any:
    return json.loads((RFC_FIXTURES / name).read_text("utf-8"))


def _relative(document: dict[str, Any]) -> dict[str, Any]:
    """Rewrites ``meta`` to ``{resourceType, location}`` with the location relative to the ``/v2`` base."""
    rest = {key: value for key, value in document.items() if key != "meta"}
    meta = document["meta"]
    at = meta["location"].index("/v2/")
    return {**rest, "meta": {"resourceType": meta["resourceType"], "location": meta["location"][at + 3 :]}}


def rfc_documents() -> Any:
    """The RFC 7643 §8 discovery documents as ``DiscoveryDocuments`` (a fresh copy each time)."""
    return {
        "service_provider_config": _relative(_read("rfc7643-8.5-service-provider-config.json")),
        "resource_types": [_relative(d) for d in _read("rfc7643-8.6-resource-types.json")],
        "schemas": [_relative(d) for d in _read("rfc7643-8.7.1-resource-schemas.json")],
        "service_provider_schemas": [_relative(d) for d in _read("rfc7643-8.7.2-service-provider-schemas.json")],
    }


def from_node_documents(node: dict[str, Any]) -> Any:
    """The Node core's ``discoveryDocuments`` (camelCase keys) as the Python ``DiscoveryDocuments``."""
    return {
        "service_provider_config": node["serviceProviderConfig"],
        "resource_types": node["resourceTypes"],
        "schemas": node["schemas"],
        "service_provider_schemas": node["serviceProviderSchemas"],
    }


def default_documents() -> Any:
    """The default definitions' documents (``fixtures/discovery-documents.json``)."""
    return from_node_documents(json.loads((HERE / "fixtures" / "discovery-documents.json").read_text("utf-8")))


def request(path: str, **overrides: Any) -> Any:
    """A neutral GET request under ``/scim/v2``; override any field."""
    fields: dict[str, Any] = {"method": "GET", "base_path": "/scim/v2", "path": path, "query": "", "headers": {}}
    fields.update(overrides)
    return runtime.DiscoveryRequest(**fields)


def body_json(response: Any) -> Any:
    """The body of a response parsed as JSON."""
    if response.body is None:
        raise AssertionError(f"response {response.status} has no body")
    return json.loads(response.body.decode("utf-8"))


def text(response: Any) -> str:
    """The body as text."""
    return "" if response.body is None else response.body.decode("utf-8")


def deep_copy(value: Any) -> Any:
    return copy.deepcopy(value)


def build_package(name: str, documents: Any | None = None) -> Path:
    """Lays out a generated package ``name`` in a temporary folder on ``sys.path`` and returns the folder."""
    parent = Path(tempfile.mkdtemp(prefix="scim-python-package-"))
    atexit.register(shutil.rmtree, parent, True)
    package = parent / name
    package.mkdir()
    (package / "__init__.py").write_text('"""A test build of the generated package."""\n', "utf-8")
    shutil.copytree(RUNTIME_DIR, package / "runtime", ignore=shutil.ignore_patterns("__pycache__"))
    data = default_documents() if documents is None else documents
    (package / "discovery_documents.py").write_text(
        "from __future__ import annotations\n\nimport json\n\nfrom .runtime import DiscoveryDocuments\n\n"
        f"DISCOVERY_DOCUMENTS: DiscoveryDocuments = json.loads({json.dumps(json.dumps(data))})\n",
        "utf-8",
    )
    for template in ("django", "fastapi"):
        source = (TEMPLATES_DIR / f"{template}.py.hbs").read_text("utf-8")
        (package / f"{template}.py").write_text(source.replace("{{packageName}}", name), "utf-8")
    sys.path.insert(0, str(parent))
    return parent


"""The two runtimes keep the same structure (HOUSE-STYLE: "two runtimes in two languages keep the same file
names, function names and order of decisions, so a change to one points at its twin"): every file of
generator/runtime has its snake_case twin in generator/runtime-python, and every function, constant and class
a TypeScript file exports is defined in its twin under its snake_case name, in the same order."""

from __future__ import annotations

import re
import unittest

from fixtures import REPO, RUNTIME_DIR

TS_DIR = REPO / "generator" / "runtime"
# TypeScript files with no Python meaning (said in the runtime's __init__ docstring), and the reverse.
NO_PYTHON_TWIN = {"body-view.ts", "fetch-handler.ts"}
NO_TS_TWIN = {"json_text.py", "uri_component.py"}
# index.ts's twin is __init__.py.
RENAMED = {"index.ts": "__init__.py"}

EXPORT = re.compile(r"^export (?:async )?(?:function|const|class) ([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)


def snake(name: str) -> str:
    if name.isupper() or "_" in name:
        return name  # CONSTANT_CASE stays
    if name[0].isupper():
        return name  # a class keeps its name
    return re.sub(r"(?<=[a-z0-9])([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def python_definitions(source: str) -> tuple[list[str], set[str]]:
    """The names a module defines at top level, in order, and the names it imports from a sibling."""
    defined: list[str] = []
    imported: set[str] = set()
    for line in source.splitlines():
        match = re.match(r"(?:async )?def ([A-Za-z_]\w*)|class ([A-Za-z_]\w*)|([A-Za-z_]\w*)\s*(?::[^=]*)?=", line)
        if match is not None:
            defined.append(next(group for group in match.groups() if group is not None))
    for block in re.findall(r"^from \.\w+ import \(?([^)]*?)\)?$", source, re.MULTILINE | re.DOTALL):
        imported |= {name.strip() for name in block.replace("\n", ",").split(",") if name.strip()}
    return defined, imported


class TwinsTest(unittest.TestCase):
    def test_every_file_has_its_twin(self) -> None:
        ts_files = sorted(path.name for path in TS_DIR.glob("*.ts"))
        py_files = sorted(path.name for path in RUNTIME_DIR.glob("*.py"))
        want = sorted({RENAMED.get(name, name[:-3].replace("-", "_") + ".py") for name in ts_files if name not in NO_PYTHON_TWIN} | NO_TS_TWIN)
        self.assertEqual(py_files, want)

    def test_every_export_has_its_twin_in_the_same_order(self) -> None:
        init = (RUNTIME_DIR / "__init__.py").read_text("utf-8")
        for ts_file in sorted(TS_DIR.glob("*.ts")):
            if ts_file.name in NO_PYTHON_TWIN or ts_file.name == "index.ts":
                continue
            py_file = RUNTIME_DIR / (ts_file.name[:-3].replace("-", "_") + ".py")
            exported = [snake(name) for name in EXPORT.findall(ts_file.read_text("utf-8"))]
            defined, imported = python_definitions(py_file.read_text("utf-8"))
            with self.subTest(file=ts_file.name):
                missing = [name for name in exported if name not in defined and name not in imported]
                self.assertEqual(missing, [], f"{py_file.name} lacks the twins of {missing}")
                positions = [defined.index(name) for name in exported if name in defined]
                self.assertEqual(positions, sorted(positions), f"{py_file.name} defines {exported} in another order")
        # Whatever index.ts exports (values, not types), __init__.py exports too.
        index = (TS_DIR / "index.ts").read_text("utf-8")
        for block in re.findall(r"^export \{([^}]*)\}", index, re.MULTILINE):
            for name in [snake(name.strip()) for name in block.split(",") if name.strip()]:
                with self.subTest(export=name):
                    if name in ("createFetchHandler".lower(), "create_fetch_handler"):
                        continue  # fetch-handler.ts has no Python twin
                    self.assertIn(f'"{name}"', init)


if __name__ == "__main__":
    unittest.main()


class DocumentShapesTest(unittest.TestCase):
    def test_every_document_shape_has_its_typed_dict(self) -> None:
        shapes = re.findall(r"^export (?:interface|type) ([A-Za-z]\w*)", (TS_DIR / "scim-documents.ts").read_text("utf-8"), re.MULTILINE)
        defined, _ = python_definitions((RUNTIME_DIR / "scim_documents.py").read_text("utf-8"))
        self.assertGreater(len(shapes), 5)
        self.assertEqual([name for name in shapes if name not in defined], [])

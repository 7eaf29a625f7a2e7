"""The packages stay layered (DESIGN.md): each imports only from the layers below it, and no
two files import each other, even through a chain. Imports inside functions count too: a lazy
import is still a dependency."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Bottom to top; a package may import its own layer's packages and any layer below.
LAYERS = [{"core", "prompts"}, {"retrieval"}, {"ranker"}, {"assistant"}, {"server"}, {"eval"},
          {"app"}]
RANK = {package: level for level, packages in enumerate(LAYERS) for package in packages}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_files() -> dict[str, Path]:
    files = {"app": ROOT / "app.py"}
    for package in RANK:
        if package != "app":
            files |= {module_name(p): p for p in (ROOT / package).rglob("*.py")}
    return files


def imported_modules(path: Path, modules: set[str]) -> set[str]:
    """Project modules a file imports, resolved to the longest existing module name."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] not in RANK:
                continue
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    return found


def import_graph() -> dict[str, set[str]]:
    files = project_files()
    return {name: imported_modules(path, set(files)) - {name} for name, path in files.items()}


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{src} -> {dst}" for src, targets in graph.items() for dst in targets
                  if RANK[dst.split(".")[0]] > RANK[src.split(".")[0]])


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_package_imports_a_layer_above_it():
    assert upward_imports(import_graph()) == []


def test_no_import_cycle_between_files():
    assert cycles(import_graph()) == []


def test_every_package_has_a_layer():
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file()} - {"tests"}
    assert packages <= set(RANK)


@pytest.mark.parametrize("graph, upward, cyclic", [
    ({"core.a": {"server.b"}, "server.b": set()}, ["core.a -> server.b"], []),
    ({"assistant.a": {"core.b"}, "core.b": set()}, [], []),
    ({"ranker.a": {"ranker.b"}, "ranker.b": {"ranker.c"}, "ranker.c": {"ranker.a"}}, [],
     [["ranker.a", "ranker.b", "ranker.c"]]),
])
def test_the_checks_catch_what_they_should(graph, upward, cyclic):
    assert upward_imports(graph) == upward
    assert cycles(graph) == cyclic


def test_lazy_imports_are_seen(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from server.api import create_api\n")
    assert imported_modules(source, {"server.api", "server"}) == {"server.api"}


def top_level_names(tree: ast.Module) -> list[str]:
    """Each name a module binds at its top level, once per binding."""
    names = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
    return names


def test_no_module_binds_a_name_twice() -> None:
    """A second pattern of the same name replaces the first for every use above it too: the
    title swap had read the people's SWAP_BETWEEN, and a new YEAR_ALONE once silenced "what
    about 2018"."""
    twice = {}
    for name, path in project_files().items():
        names = top_level_names(ast.parse(path.read_text()))
        if repeated := sorted({n for n in names if names.count(n) > 1}):
            twice[name] = repeated
    assert twice == {}


def test_a_name_bound_twice_is_found() -> None:
    assert top_level_names(ast.parse("A = 1\ndef f(): pass\nA = 2\n")) == ["A", "f", "A"]

"""The core's folders are its layers: each module imports only its own layer and those below, and no two
modules import each other, even through imports inside functions. Computed from the sources."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "dangjian_desktop"
PACKAGE = CORE.name

# Lowest first. Modules of one layer may import each other (without a cycle); reports and excel are
# siblings that never import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("common",),
    ("store",),
    ("domain",),
    ("services",),
    ("queries",),
    ("reports", "excel"),
    ("archive",),
    ("demo",),
    ("cli", "__init__"),
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(CORE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> list[str]:
    if node.level:
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        base = package[: len(package) - node.level + 1]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    # "from package import module" names modules too
    return [target] + [f"{target}.{alias.name}" for alias in node.names]


def import_graph() -> dict[str, set[str]]:
    sources = {_module_name(p): p for p in CORE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in sources}
    for name, path in sources.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                targets = _resolve(name, path, node)
            else:
                continue
            graph[name] |= {t for t in targets if t in sources and t != name and not name.startswith(t + ".")}
    return graph


def layer_of(module: str) -> tuple[int, str]:
    top = module.split(".")[1] if "." in module else "__init__"
    for rank, names in enumerate(LAYERS):
        if top in names:
            return rank, top
    raise AssertionError(f"{module} lies in no layer: add its folder to LAYERS")


def test_every_module_lies_in_a_layer():
    for module in import_graph():
        layer_of(module)


def test_no_module_imports_a_higher_layer_or_a_sibling():
    offenders = []
    for module, targets in import_graph().items():
        rank, top = layer_of(module)
        for target in targets:
            target_rank, target_top = layer_of(target)
            if target_rank > rank or (target_rank == rank and target_top != top):
                offenders.append(f"{module} → {target}")
    assert sorted(offenders) == []


def test_no_import_cycles():
    graph = import_graph()
    # package __init__ modules that only re-export are edges into their own package: drop them
    graph = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in graph.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append(" → ".join(trail[trail.index(target):] + [target]))
            elif target not in state:
                visit(target, trail + [target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_the_graph_sees_imports_inside_functions():
    """The checker itself: an import inside a function body is an edge like any other."""
    graph = import_graph()
    assert f"{PACKAGE}.demo.builder" in graph[f"{PACKAGE}.cli"]  # imported inside _demo()

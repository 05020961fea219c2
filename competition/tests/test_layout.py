"""The code's rooms (STYLE.md): reads never import writes, and no module grows past ~400 lines."""

import graphlib
from pathlib import Path

from competition.tests.test_stream import competition_imports

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 400
# A module allowed past MAX_LINES, with the reason it cannot split along a natural seam.
LONG_MODULES_ALLOWED: dict[str, str] = {}


def import_graph(*start: str) -> dict[str, set[str]]:
    """The competition modules reachable from `start`, each with the competition modules it imports."""
    graph: dict[str, set[str]] = {}
    todo = list(start)
    while todo:
        name = todo.pop()
        if name not in graph:
            graph[name] = competition_imports(name)
            todo.extend(graph[name])
    return graph


def package_modules(package: str) -> list[str]:
    folder = ROOT / package.replace(".", "/")
    return sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in folder.rglob("*.py")
    )


def test_selectors_never_import_a_service_so_reads_and_writes_have_no_import_cycle():
    selectors = package_modules("competition.selectors")
    assert {"competition.selectors", "competition.selectors.stats", "competition.selectors.runners"} <= set(selectors)
    reachable = import_graph(*selectors)
    assert not [name for name in reachable if name.startswith("competition.services")]
    # Services may read through selectors; together they form no cycle.
    graph = import_graph(*selectors, *package_modules("competition.services"))
    layers = {
        name: deps for name, deps in graph.items() if name.startswith(("competition.selectors", "competition.services"))
    }
    graphlib.TopologicalSorter(layers).prepare()  # raises CycleError on a cycle


def test_no_module_outside_the_tests_and_migrations_passes_400_lines():
    too_long = {}
    for package in ("competition", "it24u"):
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES and relative not in LONG_MODULES_ALLOWED:
                too_long[relative] = lines
    assert not too_long, f"split these along a natural seam (STYLE.md, point 1): {too_long}"


def test_every_allowed_long_module_still_exists_and_is_long():
    for relative in LONG_MODULES_ALLOWED:
        path = ROOT / relative
        assert path.is_file() and len(path.read_text(encoding="utf-8").splitlines()) > MAX_LINES, relative

"""The production image installs requirements.lock alone: every package the app imports must be in it."""

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCAL = {"competition", "it24u"}


def locked() -> set[str]:
    text = (ROOT / "requirements.lock").read_text()
    return {normal(m) for m in re.findall(r"^([A-Za-z0-9_.\-]+)==", text, flags=re.M)}


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_by_the_app() -> dict[str, Path]:
    """Top-level modules imported by every non-test module of the app, with one file importing each."""
    found: dict[str, Path] = {}
    for path in [*ROOT.joinpath("competition").rglob("*.py"), *ROOT.joinpath("it24u").rglob("*.py")]:
        if "tests" in path.parts or path.name == "test_settings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in LOCAL:
                    found.setdefault(top, path)
    return found


def test_every_package_the_app_imports_is_in_the_lock_file():
    distributions = packages_distributions()
    lock = locked()
    missing = {
        f"{module} ({path.relative_to(ROOT)})"
        for module, path in imported_by_the_app().items()
        if not any(normal(d) in lock for d in distributions.get(module, [module]))
    }
    assert not missing, f"imported by the app but not in requirements.lock: {sorted(missing)}"


def test_the_rehearsal_client_is_a_runtime_requirement():
    # competition_simulate runs in the production image: its HTTP client cannot be a dev tool.
    assert "httpx" in imported_by_the_app()
    assert "httpx" in locked()


def test_the_lock_files_pin_every_package_with_hashes():
    for name in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / name).read_text()
        pins = re.findall(r"^[A-Za-z0-9_.\-]+==\S+ \\\n\s+--hash=sha256:", text, flags=re.M)
        assert len(pins) == len(re.findall(r"^[A-Za-z0-9_.\-]+==", text, flags=re.M)) > 20, name

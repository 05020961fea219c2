"""The app's API types come from the schema, and `make lint` fails when they are stale.

`make lint` runs frontend/scripts/api-types.mjs --check, which regenerates the types and compares
them with the committed ones; here it is given the schema of this very code, and then a schema
whose lap has one field renamed, as a change to a serializer would.
"""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from competition.api import answers

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
SCRIPT = FRONTEND / "scripts" / "api-types.mjs"

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not (FRONTEND / "node_modules" / "openapi-typescript").is_dir(),
    reason="needs Node and the frontend's packages (make install)",
)


def check_against_schema(tmp_path: Path) -> subprocess.CompletedProcess:
    """Describe the API as the code stands now, and ask the script whether the committed types match it."""
    schema = tmp_path / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(schema))
    return subprocess.run(
        ["node", str(SCRIPT), "--check", "--schema", str(schema)],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_committed_types_match_the_schema(tmp_path):
    done = check_against_schema(tmp_path)
    assert done.returncode == 0, done.stderr


def test_a_renamed_serializer_field_makes_the_check_fail(tmp_path, monkeypatch):
    renamed = {
        ("length" if name == "duration" else name): field
        for name, field in answers.LapSerializer._declared_fields.items()
    }
    monkeypatch.setattr(answers.LapSerializer, "_declared_fields", renamed)

    done = check_against_schema(tmp_path)

    assert done.returncode == 1
    assert "frontend/src/api/schema.d.ts is stale" in done.stderr
    assert "length" in done.stderr  # the first line that differs, as the schema has it now
    assert "make api-types" in done.stderr  # and what to do about it

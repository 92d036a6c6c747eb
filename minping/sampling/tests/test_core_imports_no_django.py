"""The sampling engine is a pure core: it runs where Django is not installed."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def test_no_module_of_the_engine_imports_django() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "django"]
    assert offenders == []


def test_the_engine_draws_and_verifies_with_django_unavailable(tmp_path: Path) -> None:
    script = f"""
import sys
sys.modules["django"] = None  # any "import django" now fails
from minping.sampling import DrawSpec, Person, Quota, draw, export_frame, verify
people = [Person(f"p{{i}}", "npc", "东胜区") for i in range(30)]
spec = DrawSpec("s", (Quota(1, "branch", "东胜区", "npc", 5, 2),))
result = draw(people, spec)
export_frame(people, spec, result, {str(tmp_path)!r})
print(verify({str(tmp_path)!r}).ok, len(result.selected))
"""
    root = PACKAGE.parents[1]
    out = subprocess.run(  # noqa: S603  # fixed argv: this interpreter and a literal script
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["True", "5"]

"""The engines are pure: importing every module of them loads nothing of Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sixia

ENGINES = ["deadlines", "workflow", "rates"]  # the lead extends this list (insight is written concurrently)
SRC = Path(sixia.__file__).resolve().parent.parent


def _modules() -> list[str]:
    found = []
    for name in ENGINES:
        root = SRC / "sixia" / "engines" / name
        for path in sorted(root.rglob("*.py")):
            parts = path.relative_to(SRC).with_suffix("").parts
            found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def test_every_engine_module_imports_without_django():
    modules = _modules()
    assert len(modules) >= 3 * 2
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name)\n"
            "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
            "assert not bad, bad\n"
            "print(len([m for m in sys.modules if m.startswith('sixia.engines.')]))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=SRC,
                          env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) >= len(modules)


def test_engines_do_not_import_the_apps_either():
    for name in _modules():
        path = SRC / Path(*name.split("."))
        source = (path / "__init__.py" if path.is_dir() else path.with_suffix(".py")).read_text(encoding="utf-8")
        for forbidden in ("import django", "from django", "sixia.core", "sixia.cases", "sixia.org"):
            assert forbidden not in source, (name, forbidden)

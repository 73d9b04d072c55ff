"""No published key is ever used: keys come from the environment or var/, the server refuses missing, published
or short ones outside DEBUG, and ``sixia check --deploy`` fails on them (issue 14, item 1)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from sixia import keys
from sixia.core.checks import check_keys

SETTINGS_PY = Path(keys.__file__).with_name("settings.py")
GOOD = "k" * 20 + "-a-long-enough-random-looking-key"


def run(code: str, var_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """A fresh interpreter with none of the suite's keys (settings are read once, at start-up)."""
    environ = {k: v for k, v in os.environ.items()
               if not k.startswith(("SIXIA_SECRET_KEY", "SIXIA_FIELD_KEY", "SIXIA_DEBUG", "DJANGO_SETTINGS"))}
    environ |= {"SIXIA_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "sixia.settings"} | env
    return subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True, text=True, timeout=60)


LOAD = "import sixia.settings as s; print(s.SECRET_KEY_SOURCE, s.FIELD_KEY_SOURCE)"


def test_without_debug_and_without_keys_the_server_refuses_to_start(tmp_path):
    done = run(LOAD, tmp_path, SIXIA_DEBUG="false")
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr and "SIXIA_SECRET_KEY is not set" in done.stderr
    assert not (tmp_path / "secret_key").exists()  # nothing generated behind the operator's back
    done = run("import sixia.wsgi", tmp_path, SIXIA_SECRET_KEY=GOOD)
    assert done.returncode != 0 and "SIXIA_FIELD_KEY is not set" in done.stderr


@pytest.mark.parametrize("published", sorted(keys.PUBLISHED_KEYS))
def test_a_published_key_is_refused_even_in_debug(tmp_path, published):
    for debug in ("false", "true"):
        done = run(LOAD, tmp_path, SIXIA_DEBUG=debug, SIXIA_SECRET_KEY=published, SIXIA_FIELD_KEY=published)
        assert done.returncode != 0 and "published development key" in done.stderr


def test_a_short_key_is_refused_outside_debug(tmp_path):
    done = run(LOAD, tmp_path, SIXIA_SECRET_KEY=GOOD, SIXIA_FIELD_KEY="short-key")
    assert done.returncode != 0 and "SIXIA_FIELD_KEY is too short (9 characters" in done.stderr


def test_debug_generates_private_key_files_once_and_reads_them(tmp_path):
    done = run(LOAD, tmp_path, SIXIA_DEBUG="true")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(tmp_path / "secret_key"), str(tmp_path / "field_key")]
    source = SETTINGS_PY.read_text(encoding="utf-8")
    first = {}
    for name in keys.KEY_NAMES:
        path = tmp_path / name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        first[name] = path.read_text()
        assert len(first[name].strip()) >= 64 and first[name].strip() not in source
    assert first["secret_key"] != first["field_key"]
    # a server without DEBUG reads the generated files; nothing is ever overwritten
    done = run(LOAD, tmp_path, SIXIA_DEBUG="false")
    assert done.returncode == 0, done.stderr
    assert {name: (tmp_path / name).read_text() for name in keys.KEY_NAMES} == first


def test_the_environment_and_key_files_win_over_var(tmp_path):
    key_file = tmp_path / "from-file"
    key_file.write_text(GOOD + "-file\n")
    code = "import sixia.settings as s; print(s.SECRET_KEY, s.FIELD_KEY)"
    done = run(code, tmp_path, SIXIA_SECRET_KEY=GOOD + "-env", SIXIA_FIELD_KEY_FILE=str(key_file))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [GOOD + "-env", GOOD + "-file"]


def test_the_generator_keeps_existing_files(tmp_path, monkeypatch):
    for name in ("SIXIA_SECRET_KEY", "SIXIA_FIELD_KEY"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "secret_key").write_text("kept\n")
    assert keys.main([str(tmp_path)]) == 0
    assert (tmp_path / "secret_key").read_text() == "kept\n"
    assert stat.S_IMODE((tmp_path / "field_key").stat().st_mode) == 0o600
    assert keys.generate_file(tmp_path / "field_key") is False


def test_settings_print_no_key():
    source = SETTINGS_PY.read_text(encoding="utf-8")
    assert not any(published in source for published in keys.PUBLISHED_KEYS)


def test_check_deploy_reports_each_bad_key():
    assert check_keys() == []
    with override_settings(SECRET_KEY="not-long", FIELD_KEY="sixia-dev-only-field-key"):
        found = {m.id: m.msg for m in check_keys()}
    assert set(found) == {"sixia.E001", "sixia.E002"}
    assert "SIXIA_SECRET_KEY is too short" in found["sixia.E001"]
    assert "published development key" in found["sixia.E002"]


def test_sixia_check_deploy_exits_non_zero_on_a_short_key(tmp_path):
    code = "import sys; from sixia.cli import main; sys.argv = ['sixia', 'check', '--deploy']; main()"
    done = run(code, tmp_path, SIXIA_DEBUG="true", SIXIA_SECRET_KEY=GOOD, SIXIA_FIELD_KEY="short-key")
    assert done.returncode != 0
    assert "sixia.E002" in done.stderr and "SIXIA_FIELD_KEY is too short" in done.stderr

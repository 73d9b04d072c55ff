"""Where the server's two keys come from, and the keys it refuses (no Django settings needed: settings.py uses it).

* ``SIXIA_SECRET_KEY`` — Django's secret (sessions, CSRF, password-reset links, tracking-code check letters).
* ``SIXIA_FIELD_KEY`` — personal data (ID numbers, phones): the cipher key and the blind-index key derive from it.

Each is read from ``SIXIA_<NAME>_FILE`` (a file holding the key), else ``SIXIA_<NAME>``, else the file
``var/<name>`` that ``make setup`` / ``make run`` (or ``python -m sixia.keys``) generates once: random, mode 0600,
created atomically and never overwritten. With ``SIXIA_DEBUG`` on, a missing file is generated on first use.
Outside DEBUG a missing key, a key that was ever published (in this code's history) or a short one stops the
server at start-up; ``sixia check --deploy`` reports the same as errors (sixia.core.checks).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sys
from pathlib import Path

KEY_NAMES = ("secret_key", "field_key")
MIN_LENGTH = 32
# Keys that were printed in settings.py (git history): anyone with the source can decrypt with them. A stale
# env file or a copied .env must never bring them back. Prefixes catch the Django template's insecure keys too.
PUBLISHED_KEYS = frozenset({
    "sixia-dev-only-secret-key-change-me-in-production-0123456789",
    "sixia-dev-only-field-key",
})
PUBLISHED_PREFIXES = ("sixia-dev-only", "django-insecure-")


def env_name(name: str) -> str:
    return f"SIXIA_{name.upper()}"


def generate_file(path: Path) -> bool:
    """Create ``path`` with a fresh random key (0600, atomic, never overwriting). True when it was created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two processes starting at once cannot both write, and an existing key is never replaced.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_urlsafe(48) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return True


def read(name: str, var_dir: Path, *, generate: bool) -> tuple[str, str]:
    """The key called ``name`` and where it came from (``""`` when there is none)."""
    env = env_name(name)
    file_name = os.environ.get(f"{env}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip(), f"{env}_FILE"
    if os.environ.get(env):
        return os.environ[env].strip(), env
    path = var_dir / name
    if generate:
        generate_file(path)
    if path.exists():
        return path.read_text(encoding="utf-8").strip(), str(path)
    return "", ""


def problem(name: str, value: str, *, debug: bool) -> str:
    """Why the key may not be used (empty when it is fine). Published keys are refused even in DEBUG."""
    env = env_name(name)
    if not value:
        return (f"{env} is not set: set {env} or {env}_FILE, or run `make setup` / `python -m sixia.keys` to "
                f"generate var/{name}. The server does not start without its own key.")
    if value in PUBLISHED_KEYS or value.startswith(PUBLISHED_PREFIXES):
        return (f"{env} is a published development key (it was printed in the source code): anyone can "
                f"decrypt with it. Generate a new one (python -m sixia.keys) and, for the field key, re-encrypt "
                f"with `sixia rotate-field-key`.")
    if not debug and len(value) < MIN_LENGTH:
        return f"{env} is too short ({len(value)} characters, at least {MIN_LENGTH}): use a random key."
    return ""


def fingerprint(value: str) -> str:
    """SHA-256 of a key: lets a backup or a rotation name a key without containing it."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def main(argv: list[str]) -> int:
    """``python -m sixia.keys [VAR_DIR]``: generate the missing key files (existing ones are kept)."""
    var_dir = Path(argv[0]) if argv else Path(os.environ.get("SIXIA_VAR_DIR", Path.cwd() / "var"))
    for name in KEY_NAMES:
        if os.environ.get(env_name(name)) or os.environ.get(f"{env_name(name)}_FILE"):
            continue  # the environment provides it
        if generate_file(var_dir / name):
            print(f"generated {var_dir / name} (mode 0600)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

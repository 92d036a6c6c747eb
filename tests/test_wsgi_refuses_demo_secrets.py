from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load_wsgi(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "MINPING_PII_KEY", "DEBUG"}
    }
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-c", "import minping.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_production_server_refuses_to_start_with_the_demo_secrets():
    result = _load_wsgi({"MINPING_ENV": "production", "ALLOWED_HOSTS": "minping.example.org"})
    assert result.returncode != 0
    assert "minping.E001" in result.stderr and "minping.E002" in result.stderr


def test_a_production_server_starts_with_real_secrets(tmp_path):
    result = _load_wsgi(
        {
            "MINPING_ENV": "production",
            "ALLOWED_HOSTS": "minping.example.org",
            "SECRET_KEY": "k" * 30 + "-production-secret-key-0123456789",
            "MINPING_PII_KEY": "cHJvZHVjdGlvbi1rZXktMzItYnl0ZXMtbG9uZy4uLi4=",
            "STATIC_ROOT": str(tmp_path / "static"),
            "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
            "MEDIA_ROOT": str(tmp_path / "media"),
        }
    )
    assert result.returncode == 0, result.stderr

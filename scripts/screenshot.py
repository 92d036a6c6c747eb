"""Takes the README screenshot (docs/screenshot.png): the demo at phone width in Chromium.

Builds a throwaway SQLite demo database, serves it, and photographs one or more pages:

    .venv/bin/python scripts/screenshot.py                      # docs/screenshot.png of "/"
    .venv/bin/python scripts/screenshot.py --login office --path /campaign/setup/ --out /tmp/a.png
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = os.environ.get("MINPING_CHROMIUM", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", action="append", help="page to photograph (repeatable)")
    parser.add_argument("--out", action="append", help="PNG file per --path")
    parser.add_argument("--login", default="", help="demo username to log in as first")
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--lang", default="zh-hans")
    args = parser.parse_args()
    paths = args.path or ["/"]
    outs = args.out or [str(ROOT / "docs" / "screenshot.png")]
    if len(outs) != len(paths):
        parser.error("give one --out per --path")

    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from minping.demo import DEMO_PASSWORD

    workdir = Path(tempfile.mkdtemp(prefix="minping-shot-"))
    env = {
        **os.environ,
        "SQLITE_PATH": str(workdir / "demo.sqlite3"),
        "MINPING_ENV": "demo",
        "DJANGO_SETTINGS_MODULE": "minping.settings",
    }
    env.pop("DATABASE_URL", None)
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], check=True, env=env, cwd=ROOT)  # noqa: S603
    subprocess.run([*manage, "load_demo"], check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)  # noqa: S603
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            context = browser.new_context(
                viewport={"width": 390, "height": 844},
                device_scale_factor=2,
                is_mobile=True,
                has_touch=True,
                locale="zh-CN",
                base_url=base,
            )
            page = context.new_page()
            if args.lang != "zh-hans":
                context.add_cookies([{"name": "django_language", "value": args.lang, "url": base}])
            if args.login:
                page.goto("/accounts/login/")
                page.fill("input[name=username]", args.login)
                page.fill("input[name=password]", DEMO_PASSWORD)
                page.click("main button[type=submit]")
                page.wait_for_load_state()
            for path, out in zip(paths, outs, strict=True):
                page.goto(path)
                Path(out).parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=out, full_page=args.full_page)
                print(f"{path} -> {out}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())

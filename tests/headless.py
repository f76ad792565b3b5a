"""Headless Chromium for graph.html: Debian's (or the system's) Chromium, driven by Playwright for Python.

Used by the view's tests, its benchmark (bench/bench_view.py) and the
screenshot script (scripts/screenshot_view.py).  Playwright talks to the
browser over a pipe, so the browser can run in an empty network namespace
(``unshare --net``, where the machine allows it), and every page opens in an
offline browser context: a page that reaches for the network gets nothing.

Waiting is never by the clock: :func:`open_view` waits until the page sets
``data-rendered`` on its body (``"true"`` once laid out and drawn).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

#: The system's Chromium; CHROMIUM=/path/to/chrome picks another.
CHROMIUM = (
    os.environ.get("CHROMIUM")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
    or shutil.which("google-chrome")
)
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # a second barrier besides the offline context: any request would go to a closed port
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
]
RENDER_TIMEOUT_MS = 120_000


def unavailable() -> str | None:
    """Why the view cannot be tested here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]'; scripts/test.sh does it)"
    if not CHROMIUM:
        return "chromium is not installed (apt-get install chromium; scripts/test.sh does it when run as root)"
    return None


@contextlib.contextmanager
def chromium(*, isolate_network: bool = True) -> Iterator:
    """A headless Chromium (a Playwright ``Browser``) with a fresh profile, in its own network namespace if it can."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="graphbuild-chromium-") as folder, sync_playwright() as playwright:
        executable = _without_network(Path(folder), CHROMIUM) if isolate_network else CHROMIUM
        browser = playwright.chromium.launch(executable_path=executable, args=FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def open_view(browser, page_file: Path, *, width: int = 1400, height: int = 900, fragment: str = ""):
    """``page_file`` opened offline at ``width`` × ``height`` CSS pixels, once the page says it is drawn.

    The page's console errors and uncaught exceptions are collected in ``page.errors``.
    """
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1, offline=True)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(Path(page_file).resolve().as_uri() + (f"#{fragment}" if fragment else ""))
    page.wait_for_function("document.body.dataset.rendered !== 'false'", timeout=RENDER_TIMEOUT_MS)
    return page


def next_frame(page) -> None:
    """Return once the page has drawn a frame after the last change (sigma draws on the next animation frame)."""
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def _without_network(folder: Path, executable: str) -> str:
    """A launcher that starts the browser in an empty network namespace, where ``unshare --net`` works."""
    unshare = shutil.which("unshare")
    if not unshare or subprocess.run([unshare, "--net", "true"], capture_output=True).returncode != 0:
        return executable  # the offline context and the closed proxy still stop every request
    launcher = folder / "chromium-without-network"
    launcher.write_text(f'#!/bin/sh\nexec {unshare} --net "{executable}" "$@"\n')
    launcher.chmod(launcher.stat().st_mode | stat.S_IXUSR)
    return str(launcher)

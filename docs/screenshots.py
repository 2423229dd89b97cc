"""Regenerate the README's screenshots from the demo sample.

Usage: .venv/bin/python docs/screenshots.py [OUT]   (after `make demo`; OUT defaults to output/)
Drives Debian's Chromium headless through Playwright, with no network.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from kg.viz import render_topic, render_views

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(out: Path) -> None:
    render_views(out)
    topic_page = render_topic(out, "GDC")
    shots = {
        "network.png": out / "viz" / "corpus.html",
        "topic.png": topic_page,
    }
    target = Path(__file__).parent / "img"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
        for name, path in shots.items():
            page.goto(path.resolve().as_uri())
            page.wait_for_timeout(1500)
            page.screenshot(path=str(target / name))
            print("wrote", target / name)
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "output"))

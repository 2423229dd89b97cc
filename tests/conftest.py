"""Shared fixtures: where the sample corpus and gold annotations live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def root_dir() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The five real sample reports (read at test time, never copied)."""
    path = SHARED / "corpus"
    if not path.is_dir():
        pytest.fail(f"sample corpus not found at {path}: put ../shared beside the repo or set KG_SHARED")
    return path


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    path = SHARED / "eval" / "gold"
    if not path.is_dir():
        pytest.fail(f"gold annotations not found at {path}")
    return path


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return ROOT / "examples"


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser build)."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make browser` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield b
        b.close()

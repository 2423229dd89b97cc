"""What every page shares: the autoescaped jinja environment and the offline assets."""

from __future__ import annotations

import importlib.util
import shutil
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from kg.errors import VizError

# pyvis's own copy of vis-network, found without importing pyvis (which imports IPython).
_PYVIS = importlib.util.find_spec("pyvis")
VIS_JS = (Path(_PYVIS.origin).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
          if _PYVIS and _PYVIS.origin else None)
_STATIC = Path(__file__).parent / "static"
_ASSETS = ("viz.js", "viz.css", "topic.js")


@cache
def environment() -> Environment:
    """Templates from ``kg/viz/templates``; HTML is autoescaped and ``tojson`` is compact.

    ``tojson`` escapes ``<``, ``>``, ``&`` and ``'``, so data embedded in a
    ``<script type="application/json">`` block can never close it.
    """
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "separators": (",", ":"),
                                         "ensure_ascii": False}
    return env


def write_assets(out: Path) -> Path:
    """Copy vis-network and our own script and styles to ``OUT/viz/assets`` (nothing is fetched).

    Pages link these files relatively, so one copy serves every page.
    """
    target = Path(out) / "viz" / "assets"
    target.mkdir(parents=True, exist_ok=True)
    if VIS_JS is None or not VIS_JS.is_file():
        raise VizError("pyvis's bundled vis-network is missing", path=str(VIS_JS or "pyvis"),
                       hint="reinstall pyvis==0.3.2")
    shutil.copyfile(VIS_JS, target / "vis-network.min.js")
    for name in _ASSETS:
        shutil.copyfile(_STATIC / name, target / name)
    return target

"""Node positions computed in Python, so pages open already laid out with physics off.

Connected components are laid out one by one and packed in rows, largest first.
Small components use networkx's Fruchterman-Reingold (``spring_layout``); large
ones (where networkx needs scipy and an n^2 matrix) use the same force model in
numpy with repulsion estimated from a random sample of nodes each iteration,
which keeps a 10,000-node layout at a few seconds.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

# Typical distance from a node to its nearest neighbour, in vis-network pixels at zoom 1:
# scaling by this (not by edge length) keeps dense hairballs from piling nodes on each other.
SPACING_PX = 60.0
# Components up to this size use networkx's exact O(n^2) spring layout.
EXACT_MAX = 400
# Up to this many nodes, a final pass pushes apart nodes that overlap (O(n^2) per pass).
SPREAD_MAX = 1500
_SAMPLE = 160
_GAP = 3.0  # space between packed components, in node spacings


def layout_positions(graph: nx.Graph, *, seed: int = 7,
                     centre: object | None = None) -> dict[object, tuple[float, float]]:
    """Pixel positions for every node of ``graph`` (edges' direction and keys ignored).

    ``centre``, when given, is moved to the origin (focused views put their focus there).
    """
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    comps = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    placed: list[tuple[list, np.ndarray]] = []
    singles: list = []
    for comp in comps:
        if len(comp) == 1:
            singles.extend(comp)
            continue
        nodes = sorted(comp, key=str)
        placed.append((nodes, _component(simple.subgraph(nodes), nodes, seed)))
    if singles:
        side = math.ceil(math.sqrt(len(singles)))
        grid = np.array([(i % side, i // side) for i in range(len(singles))], dtype=float) * 1.5
        placed.append((sorted(singles, key=str), grid))
    pos = _pack(placed)
    if len(pos) <= SPREAD_MAX:
        pos = _spread(pos, min_dist=1.0 if len(pos) > 60 else 1.6)
    if centre is not None and centre in pos:
        cx, cy = pos[centre]
        pos = {n: (x - cx, y - cy) for n, (x, y) in pos.items()}
    # Small views get more room: their nodes are larger and every label is shown.
    px = SPACING_PX * (1 + 0.6 * max(0.0, 1 - len(pos) / 400))
    return {n: (round(x * px, 1), round(y * px, 1)) for n, (x, y) in pos.items()}


def _component(sub: nx.Graph, nodes: list, seed: int) -> np.ndarray:
    """Positions of one connected component, in units of the typical node spacing."""
    n = len(nodes)
    if n <= EXACT_MAX:
        raw = nx.spring_layout(sub, seed=seed, iterations=100)
        arr = np.array([raw[v] for v in nodes])
    else:
        index = {v: i for i, v in enumerate(nodes)}
        edges = np.array([(index[u], index[v]) for u, v in sub.edges()], dtype=np.int64)
        arr = _sampled_fr(n, edges, seed)
    return _normalise(arr, seed)


def _normalise(arr: np.ndarray, seed: int) -> np.ndarray:
    """Centre and scale so the median nearest-neighbour distance is one unit."""
    n = len(arr)
    rng = np.random.default_rng(seed)
    probe = arr[rng.choice(n, min(n, 400), replace=False)]
    dist = np.sqrt(((probe[:, None, :] - arr[None, :, :]) ** 2).sum(axis=2))
    dist[dist < 1e-12] = np.inf  # the probe itself (and exact duplicates)
    nearest = dist.min(axis=1)
    typical = float(np.median(nearest[np.isfinite(nearest)])) if np.isfinite(nearest).any() else 1.0
    arr = (arr - arr.mean(axis=0)) / (typical or 1.0)
    # Lay the component's longest extent horizontally: screens are wider than tall.
    if n > 2:
        _, vectors = np.linalg.eigh(np.cov(arr.T))
        arr = arr @ vectors[:, ::-1]
    return arr


def _sampled_fr(n: int, edges: np.ndarray, seed: int, iterations: int = 120) -> np.ndarray:
    """Fruchterman-Reingold with sampled repulsion (ideal edge length 1)."""
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, (n, 2)) * math.sqrt(n)
    src, dst = edges[:, 0], edges[:, 1]
    sample = min(n - 1, _SAMPLE)
    scale = (n - 1) / sample
    temp = math.sqrt(n) / 4
    cool = (0.05 / temp) ** (1.0 / iterations)
    for _ in range(iterations):
        idx = rng.choice(n, sample, replace=False)
        delta = pos[:, None, :] - pos[idx][None, :, :]
        d2 = np.einsum("ijk,ijk->ij", delta, delta) + 1e-3
        disp = np.einsum("ijk,ij->ik", delta, 1.0 / d2) * scale
        diff = pos[src] - pos[dst]
        dist = np.sqrt(np.einsum("ij,ij->i", diff, diff)) + 1e-9
        pull = diff * dist[:, None]
        for axis in (0, 1):
            disp[:, axis] -= np.bincount(src, weights=pull[:, axis], minlength=n)
            disp[:, axis] += np.bincount(dst, weights=pull[:, axis], minlength=n)
        disp -= pos * (0.5 / math.sqrt(n))  # weak gravity keeps the periphery from drifting
        length = np.sqrt(np.einsum("ij,ij->i", disp, disp)) + 1e-9
        pos += disp * (np.minimum(length, temp) / length)[:, None]
        temp *= cool
    return pos


def _spread(pos: dict, *, min_dist: float, passes: int = 40) -> dict:
    """Push apart any two nodes closer than ``min_dist`` so shapes and labels do not overlap."""
    nodes = list(pos)
    arr = np.array([pos[v] for v in nodes], dtype=float)
    rng = np.random.default_rng(0)
    for _ in range(passes):
        delta = arr[:, None, :] - arr[None, :, :]
        dist = np.sqrt(np.einsum("ijk,ijk->ij", delta, delta))
        np.fill_diagonal(dist, 1e9)
        close = dist < min_dist
        if not close.any():
            break
        # Coincident nodes get a random direction to separate along.
        zero = dist < 1e-9
        if zero.any():
            delta[zero] = rng.normal(size=(int(zero.sum()), 2))
            dist = np.where(zero, 1.0, dist)
        push = np.where(close, (min_dist - dist) / 2 / dist, 0.0)
        arr += np.einsum("ijk,ij->ik", delta, push) * 0.9
    return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, arr)}


def _pack(placed: list[tuple[list, np.ndarray]]) -> dict[object, tuple[float, float]]:
    """Place component layouts in rows (largest first) of roughly square overall shape."""
    boxes = []
    for nodes, arr in placed:
        lo = arr.min(axis=0)
        size = arr.max(axis=0) - lo
        boxes.append((nodes, arr - lo, size))
    total = sum((s[0] + _GAP) * (s[1] + _GAP) for _, _, s in boxes)
    row_width = max(math.sqrt(total * 1.6), max((s[0] for _, _, s in boxes), default=0.0))
    x = y = row_height = 0.0
    out: dict[object, tuple[float, float]] = {}
    for nodes, arr, size in boxes:
        if x > 0 and x + size[0] > row_width:
            x, y, row_height = 0.0, y + row_height + _GAP, 0.0
        for node, (px, py) in zip(nodes, arr):
            out[node] = (float(px + x), float(py + y))
        x += size[0] + _GAP
        row_height = max(row_height, size[1])
    if out:
        cx = (min(p[0] for p in out.values()) + max(p[0] for p in out.values())) / 2
        cy = (min(p[1] for p in out.values()) + max(p[1] for p in out.values())) / 2
        out = {k: (px - cx, py - cy) for k, (px, py) in out.items()}
    return out

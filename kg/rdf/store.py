"""The embedded Oxigraph store on disk: write a new version, swap it in atomically, open it.

Layout under an output directory OUT::

    OUT/store            symlink to the current version (what readers open)
    OUT/stores/<id>/     store versions; each is written once and never modified after
    OUT/.store.lock      held by the one writer at a time

A build writes a complete new version, then swaps the ``OUT/store`` symlink with
``os.replace`` (atomic on POSIX).  A build that fails or is killed half-way leaves
the previous version in place and queryable; its leftover directory is removed by
a later build.  Each named graph carries its content hash
(``<g> kg:contentHash "..."``), so a rebuild knows which graphs changed: when few
did, the new version starts as a hard-linked backup of the previous one and only
those graphs are replaced; otherwise everything is bulk-loaded afresh.
"""

from __future__ import annotations

import errno
import fcntl
import io
import os
import secrets
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.rdf import stats
from kg.rdf.graph import CorpusGraphs, NamedGraph
from kg.rdf.vocab import KG

STORE = "store"
STORES = "stores"
_LOCK = ".store.lock"
_CONTENT_HASH = ox.NamedNode(str(KG.contentHash))


@dataclass(frozen=True)
class StoreStats:
    """What ``write_store`` did.

    ``mode`` is ``"full"`` (bulk-loaded afresh), ``"incremental"`` (a copy of the
    previous version with some graphs replaced) or ``"unchanged"`` (nothing to
    write; the current version stays).  Graph IRIs are listed per outcome:
    ``kept`` are graphs of the previous store that the caller did not pass and
    did not prune.
    """

    path: Path
    mode: str
    graphs: int
    quads: int
    added: tuple[str, ...]
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    kept: tuple[str, ...]
    seconds: float


# --------------------------------------------------------------------------- locating and opening


def store_dir(out: Path) -> Path | None:
    """The directory of the current store under ``out`` (or ``out`` itself if it is a store)."""
    out = Path(out)
    link = out / STORE
    if (link / "CURRENT").is_file():
        return link.resolve()
    if (out / "CURRENT").is_file():
        return out.resolve()
    return None


def _missing(out: Path) -> StoreError:
    return StoreError(f"no store in {Path(out)}/: run `kg build PATH --out {Path(out)}` first")


def open_store(out: Path, read_only: bool = True) -> ox.Store:
    """Open the current store under ``out`` (read-only by default).

    Raises:
        StoreError: when ``out`` holds no store, or the store cannot be opened.
    """
    path = store_dir(out)
    if path is None:
        raise _missing(out)
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as err:
        raise StoreError(
            f"cannot open the store: {err}",
            path=str(path),
            hint="another process may hold it for writing; stop it or open read-only",
        ) from err


def graph_hashes(store: ox.Store) -> dict[str, str]:
    """Content hash of every named graph in ``store`` that records one."""
    return {
        q.subject.value: q.object.value
        for q in store.quads_for_pattern(None, _CONTENT_HASH, None, None)
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name == q.subject
    }


def to_rdflib(out: Path):
    """The whole store as an rdflib ``Dataset`` (every named graph), for Python users.

    Loads everything into memory through rdflib: fine for a few hundred thousand
    quads; query the store with ``kg.query.run_query`` for anything bigger.
    """
    from rdflib import Dataset

    from kg.rdf.graph import nquads_to_rdflib

    store = open_store(out)
    dataset = Dataset()
    for name in sorted(store.named_graphs(), key=str):
        if isinstance(name, ox.NamedNode):
            data = ox.serialize(store.quads_for_pattern(None, None, None, name), format=ox.RdfFormat.N_QUADS)
            dataset.add_graph(nquads_to_rdflib(data or b"", name.value))
    return dataset


# --------------------------------------------------------------------------- writing


class _Chunks(io.RawIOBase):
    """A readable stream over byte chunks, so the bulk loader never needs one joined copy."""

    def __init__(self, chunks: Iterable[bytes]):
        self._chunks: Iterator[bytes] = iter(chunks)
        self._buf = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while not self._buf:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buf = memoryview(chunk)
        n = min(len(target), len(self._buf))
        target[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


@contextmanager
def _writer_lock(out: Path) -> Iterator[None]:
    with open(out / _LOCK, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno in (errno.EAGAIN, errno.EACCES):
                raise StoreError(
                    "another build is writing this store", path=str(out),
                    hint="wait for it to finish, or use another --out directory",
                ) from err
            raise
        yield


def _new_id() -> str:
    return f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"


def _load(store: ox.Store, chunks: Iterable[bytes]) -> None:
    # lenient: our own writer produced the N-Quads, so IRI re-validation only costs time.
    store.bulk_load(_Chunks(chunks), ox.RdfFormat.N_QUADS, lenient=True)


def _dump_graph(store: ox.Store, iri: str) -> bytes:
    quads = store.quads_for_pattern(None, None, None, ox.NamedNode(iri))
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def _swap(out: Path, version: Path) -> None:
    """Point ``OUT/store`` at ``version`` atomically."""
    link = out / STORE
    if link.exists() and not link.is_symlink():
        # A store written in place (older layout, or `oxigraph load`): move it into stores/.
        os.replace(link, out / STORES / f"{_new_id()}-legacy")
    tmp = out / f".{STORE}-{version.name}.tmp"
    tmp.unlink(missing_ok=True)
    os.symlink(Path(STORES) / version.name, tmp)
    os.replace(tmp, link)


def _open_paths() -> set[str]:
    """Paths of files any process on this machine holds open (best effort; Linux /proc)."""
    held: set[str] = set()
    proc = Path("/proc")
    if not proc.is_dir():
        return held
    for fd_dir in proc.glob("[0-9]*/fd"):
        try:
            for fd in fd_dir.iterdir():
                try:
                    held.add(os.readlink(fd))
                except OSError:
                    continue
        except OSError:
            continue
    return held


def _collect_garbage(out: Path, keep: set[Path]) -> None:
    """Delete store versions no reader holds open, keeping ``keep`` (best effort)."""
    stores = out / STORES
    if not stores.is_dir():
        return
    held = _open_paths()
    for version in stores.iterdir():
        if version.resolve() in keep or not version.is_dir():
            continue
        prefix = str(version.resolve()) + os.sep
        if any(path.startswith(prefix) for path in held):
            continue
        shutil.rmtree(version, ignore_errors=True)
    for tmp in out.glob(f".{STORE}-*.tmp"):
        tmp.unlink(missing_ok=True)


@dataclass(frozen=True)
class _Plan:
    """Which graphs a write adds, changes, keeps as they are, removes, or carries over."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    kept: tuple[str, ...]


def _plan(previous: ox.Store | None, graphs: CorpusGraphs, forced: set[str], prune: bool) -> _Plan:
    old = graph_hashes(previous) if previous is not None else {}
    old_graphs = set(old)
    if previous is not None:
        old_graphs |= {g.value for g in previous.named_graphs() if isinstance(g, ox.NamedNode)}
        old_graphs.discard(stats.STATISTICS_GRAPH)  # rewritten by every write, never carried over
    new = graphs.graphs
    changed = sorted(g for g in new if g in old_graphs and (old.get(g) != new[g].content_hash or g in forced))
    gone = sorted(g for g in old_graphs if g not in new)
    removed = sorted(g for g in gone if prune or g in forced)
    return _Plan(
        added=tuple(sorted(g for g in new if g not in old_graphs)),
        changed=tuple(changed),
        unchanged=tuple(sorted(g for g in new if g in old_graphs and g not in changed)),
        removed=tuple(removed),
        kept=tuple(g for g in gone if g not in removed),
    )


def _triple_lines(data: bytes, iri: str) -> set[bytes]:
    """The N-Quads lines of one graph as N-Triples lines (our writer ends each with `` <g> .``)."""
    suffix = f" <{iri}> .".encode()
    return {line[: -len(suffix)] + b" ." for line in data.splitlines() if line.endswith(suffix)}


def _diff(previous: ox.Store, graph: NamedGraph) -> tuple[set[ox.Quad], set[ox.Quad]]:
    """The quads a changed graph loses and gains, compared as terms (not as text)."""
    node = ox.NamedNode(graph.iri)
    old_text = set(previous.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=node).splitlines())
    new_text = _triple_lines(graph.nquads, graph.iri)

    def quads(lines: set[bytes]) -> set[ox.Quad]:
        data = b"\n".join(lines)
        return {ox.Quad(t.subject, t.predicate, t.object, node) for t in ox.parse(data, ox.RdfFormat.N_TRIPLES)}

    # Text that differs only in escaping parses to the same quads and cancels out here.
    old, new = quads(old_text - new_text), quads(new_text - old_text)
    return old - new, new - old


def _count(store: ox.Store, iri: str) -> int:
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri)).count(b"\n")


def _write_incremental(store: ox.Store, graphs: CorpusGraphs, plan: _Plan, patches: dict) -> None:
    """Patch a copy of the previous version: drop, patch or replace graphs, then bulk-load new ones."""
    for iri in plan.removed:
        store.remove_graph(ox.NamedNode(iri))
    bulk = [graphs.graphs[iri].nquads for iri in plan.added]
    for iri, (stale, fresh, patch) in patches.items():
        if patch:
            for quad in stale:
                store.remove(quad)
            store.extend(fresh)
        else:
            store.remove_graph(ox.NamedNode(iri))
            bulk.append(graphs.graphs[iri].nquads)
    _load(store, bulk)


def write_store(
    out: Path,
    graphs: CorpusGraphs,
    *,
    replace_graphs: Iterable[str] | None = None,
    prune: bool = False,
) -> StoreStats:
    """Write ``graphs`` as a new version of ``OUT/store`` and swap it in atomically.

    A new version is either bulk-loaded afresh or patched from a hard-linked copy
    of the previous one, whichever the size of the change makes cheaper; a changed
    graph with a small difference gets only the differing quads.

    Args:
        out: the output directory (created if missing).
        graphs: the current graphs (all of them, or those the caller rebuilt).
        replace_graphs: graph IRIs to rewrite even if their content hash is unchanged
            (an IRI absent from ``graphs`` is dropped).  By default every graph of
            ``graphs`` whose hash differs from the store's is rewritten.
        prune: drop graphs of the previous store that ``graphs`` does not hold
            (reports no longer in the corpus); by default they are kept.

    Returns:
        ``StoreStats`` naming the graphs added, changed, unchanged, removed and kept.

    Raises:
        StoreError: when another build holds the store or the new version cannot be
            written; the previous version is then left as it was.
    """
    started = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / STORES).mkdir(exist_ok=True)
    with _writer_lock(out):
        previous_dir = store_dir(out)
        previous = ox.Store.read_only(str(previous_dir)) if previous_dir else None
        plan = _plan(previous, graphs, set(replace_graphs or ()), prune)
        if previous is not None and not (plan.added or plan.changed or plan.removed) and stats.is_current(previous):
            return StoreStats(previous_dir, "unchanged", len(graphs.graphs) + len(plan.kept), len(previous),
                              (), (), plan.unchanged, (), plan.kept, time.perf_counter() - started)
        new = graphs.graphs
        # Relative costs measured on pyoxigraph 0.5: bulk-loading a quad = 1, removing one with
        # remove_graph = 2.6, removing or inserting one quad in a transaction = 2.
        patches: dict[str, tuple[set, set, bool]] = {}
        cost = float(sum(new[g].quad_count for g in plan.added))
        if previous is not None:
            cost += 2.6 * sum(_count(previous, g) for g in plan.removed)
            for iri in plan.changed:
                stale, fresh = _diff(previous, new[iri])
                patch_cost = 2.0 * (len(stale) + len(fresh))
                replace_cost = 2.6 * new[iri].quad_count + new[iri].quad_count
                patches[iri] = (stale, fresh, patch_cost < replace_cost)
                cost += min(patch_cost, replace_cost)
        incremental = previous is not None and cost < graphs.quad_count
        version = out / STORES / _new_id()
        try:
            if incremental:
                previous.backup(str(version))
                store = ox.Store(str(version))
                _write_incremental(store, graphs, plan, patches)
            else:
                store = ox.Store(str(version))
                carried = [_dump_graph(previous, g) for g in plan.kept] if previous is not None else []
                _load(store, [*(ng.nquads for ng in new.values()), *carried])
            # Counts, dates and listing ranks of the whole new content (kg/rdf/stats.py).
            stats.write(store)
            # The bulk loader leaves dozens of unmerged files, and every index lookup then
            # searches them all: compacting makes queries 3-7x faster on 10,000 reports
            # (BENCHMARKS.md).  It takes about 10 s there after a full load, and next to
            # nothing after an incremental write onto a store compacted before.
            store.optimize()
            store.flush()
            quads = len(store)
            del store
        except (OSError, SyntaxError, ValueError, QueryError) as err:
            shutil.rmtree(version, ignore_errors=True)
            raise StoreError(f"could not write a new store version: {err}", path=str(version),
                             hint="the previous store is unchanged") from err
        del previous
        _swap(out, version)
        _collect_garbage(out, keep={version.resolve(), *([previous_dir] if previous_dir else [])})
    return StoreStats(version, "incremental" if incremental else "full", len(new) + len(plan.kept), quads,
                      plan.added, plan.changed, plan.unchanged, plan.removed, plan.kept,
                      time.perf_counter() - started)

"""Run SPARQL over the store: ad-hoc queries and the analyst query kit in ``kg/queries/*.rq``.

Parameters are bound as RDF terms through pyoxigraph's ``substitutions`` (never
by building query strings), after conversion by their declared type: a topic
given as label, alias or key becomes the concept's IRI, a person's name the
person's IRI, a date an ``xsd:date``.  The default graph is the union of all
named graphs, and the standard prefixes (``kg:``, ``schema:``, ``skos:``,
``prov:``, ``dcterms:``, ``xsd:``, ``owl:``, ``rdf:``, ``rdfs:``, ``org:``) are
predeclared.

Each kit file starts with a header of comments::

    # name: people-on-topic
    # description: People who spoke on a topic, with the meetings and dates.
    # param: topic | topic | GDC | the topic, as its label, an alias or its key
    # example: kg query --name people-on-topic --param topic=GDC

A ``param`` line is ``name | type | example | description``; the parameter is
the query's projected variable of the same name, and every parameter is required
but a ``page``.

Paging: a query that can answer thousands of rows (every meeting; everybody who
spoke on a busy topic) takes a ``page`` parameter (type ``page``, default 1) and
answers ``PAGE_SIZE`` rows of it.  The rows' ranks are computed when the store is
written (``kg.rdf.stats``), so a page is found by its rank, not by sorting every
row first as ``ORDER BY ... LIMIT ... OFFSET`` would; ``run_all_pages`` reads
every page.

Writing a kit query: Oxigraph plans a query before the substitutions are
applied, so the planner treats a parameter as a free variable.  A pattern with
a constant, such as ``?m a org:Membership``, then looks more selective than
``?m org:member ?person`` and the plan starts from every membership in the
store (person-roles: 1.2 s on 10,000 reports, 24 ms without that redundant
type pattern).  Leave out type patterns that the parameter's own pattern
implies, and put the parameter's patterns in a sub-select that projects the
parameter when the rest must join onto a small result (co-speakers,
organisations-on-topic).  A sub-select that does not project the parameter
does not see its value.

Three more rules, measured on 1,000 and 10,000 reports (BENCHMARKS.md):

- Find the rows first, in a sub-select (a page's rows, a person's statistics rows),
  then read each column in its own ``OPTIONAL`` on a variable the sub-select bound.
  Required patterns joined beside the sub-select, or an ``OPTIONAL`` on a variable
  bound only by an earlier ``OPTIONAL``, are evaluated for the whole store first
  (``topic-timeline`` on 1,000 reports: 8 ms against 500 ms).
- An ``OPTIONAL`` through a two-step path (``kg:series/schema:name``) looks up every
  name in the store: state the value the listing shows in the statistics instead
  (``kg:seriesName``; ``review``'s candidates: 17 ms against 5 ms).
- A page is found from its topic (or its listing) by one lookup
  (``?topic kg:timelinePage ?p . ?p kg:pageNumber ?page``), never by a ``FILTER``
  on the rank, which scans every row of the listing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.rdf import uris
from kg.rdf import stats
from kg.rdf.stats import PAGE_SIZE
from kg.rdf.store import open_store
from kg.rdf.vocab import NAMESPACE

QUERY_DIR = Path(__file__).with_name("queries")
LOOKUP_DIR = QUERY_DIR / "lookup"

PREFIXES: dict[str, str] = {
    "kg": NAMESPACE,
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "org": "http://www.w3.org/ns/org#",
}

PARAM_TYPES = ("topic", "person", "organisation", "meeting", "date", "string", "integer", "iri", "page")
_XSD = PREFIXES["xsd"]
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOATS = {_XSD + "decimal", _XSD + "double", _XSD + "float"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_HEADER = re.compile(r"#\s*(name|description|param|example)\s*:\s*(.*)")


# --------------------------------------------------------------------------- the kit


@dataclass(frozen=True)
class Parameter:
    """A named query's parameter: its name, type (one of ``PARAM_TYPES``) and an example value."""

    name: str
    type: str
    example: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """One ``kg/queries/<name>.rq`` file, with its documented header."""

    name: str
    description: str
    params: tuple[Parameter, ...]
    example: str
    sparql: str
    path: Path


def _parse_header(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params: list[Parameter] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "param":
            parts = [p.strip() for p in value.split("|")]
            if len(parts) != 4 or parts[1] not in PARAM_TYPES:
                raise QueryError(
                    f"malformed param line {line!r}", path=str(path),
                    hint=f"write '# param: name | type | example | description' with a type in {PARAM_TYPES}",
                )
            params.append(Parameter(*parts))
        else:
            fields[key] = value.strip()
    missing = [k for k in ("name", "description", "example") if not fields.get(k)]
    if missing:
        raise QueryError(f"query header lacks {', '.join(missing)}", path=str(path))
    if fields["name"] != path.stem:
        raise QueryError(f"header name {fields['name']!r} differs from the file name", path=str(path))
    return NamedQuery(fields["name"], fields["description"], tuple(params), fields["example"], text, path)


def list_queries() -> list[NamedQuery]:
    """The analyst query kit: every ``kg/queries/*.rq`` file, by name."""
    return [_parse_header(path) for path in sorted(QUERY_DIR.glob("*.rq"))]


def get_query(name: str) -> NamedQuery:
    """The named query ``name``.

    Raises:
        QueryError: when no kit file has that name (the message lists those that do).
    """
    path = QUERY_DIR / f"{name}.rq"
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name) or not path.is_file():
        available = ", ".join(q.name for q in list_queries())
        raise QueryError(f"unknown query {name!r}", hint=f"available: {available}")
    return _parse_header(path)


# --------------------------------------------------------------------------- results


def _python(term: Any) -> Any:
    """A result term as a plain Python value (IRIs as strings)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype else ""
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _FLOATS:
                return float(term.value)
            if datatype == _XSD + "boolean":
                return term.value in ("true", "1")
            if datatype == _XSD + "date":
                return dt.date.fromisoformat(term.value)
            if datatype == _XSD + "dateTime":
                return dt.datetime.fromisoformat(term.value)
        except ValueError:
            return term.value
        return term.value
    return str(term)


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and term.datatype.value != _XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _plain(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def _compact(term: Any) -> str:
    """A short form for human tables: prefixed names, data IRIs relative to the base."""
    if isinstance(term, ox.NamedNode):
        value = term.value
        if value.startswith(uris.BASE):
            return value[len(uris.BASE):]
        for prefix, ns in PREFIXES.items():
            if value.startswith(ns):
                return f"{prefix}:{value[len(ns):]}"
        return value
    return _plain(term)


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query.

    ``columns`` are the variable names; ``rows`` hold plain Python values (IRIs as
    strings, numbers as ``int``/``float``, dates as ``datetime.date``); ``terms``
    the same cells as pyoxigraph terms.  An ASK query gives one column
    ``boolean``; CONSTRUCT/DESCRIBE give ``subject``, ``predicate``, ``object``.
    """

    columns: tuple[str, ...]
    terms: tuple[tuple[Any, ...], ...]
    kind: str = "select"

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        return [tuple(_python(t) for t in row) for row in self.terms]

    @property
    def boolean(self) -> bool | None:
        return self.terms[0][0].value == "true" if self.kind == "ask" else None

    def to_dicts(self) -> list[dict[str, Any]]:
        """Rows as ``{column: value}`` dictionaries (unbound cells left out)."""
        return [{c: v for c, v in zip(self.columns, row) if v is not None} for row in self.rows]

    def to_format(self, fmt: str) -> str:
        """Serialise as ``table``, ``csv``, ``tsv`` or ``json`` (SPARQL 1.1 JSON results).

        Raises:
            QueryError: for any other format.
        """
        if fmt == "json":
            return self._json()
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(self.columns)
            writer.writerows([_plain(t) for t in row] for row in self.terms)
            return buffer.getvalue()
        if fmt == "tsv":
            lines = ["\t".join(f"?{c}" for c in self.columns)]
            lines += ["\t".join("" if t is None else str(t) for t in row) for row in self.terms]
            return "\n".join(lines) + "\n"
        if fmt == "table":
            return self._table()
        raise QueryError(f"unknown result format {fmt!r}", hint="use table, csv, tsv or json")

    def _json(self) -> str:
        if self.kind == "ask":
            data: dict[str, Any] = {"head": {}, "boolean": self.boolean}
        else:
            bindings = [
                {c: _json_term(t) for c, t in zip(self.columns, row) if t is not None} for row in self.terms
            ]
            data = {"head": {"vars": list(self.columns)}, "results": {"bindings": bindings}}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def _table(self) -> str:
        cells = [list(self.columns)] + [[_compact(t) for t in row] for row in self.terms]
        widths = [max(len(r[i]) for r in cells) for i in range(len(self.columns))]
        lines = ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines) + f"\n({len(self.terms)} row(s))\n"


# --------------------------------------------------------------------------- running


def _store(store_or_out: ox.Store | str | Path) -> ox.Store:
    return store_or_out if isinstance(store_or_out, ox.Store) else open_store(Path(store_or_out))


def _execute(store: ox.Store, sparql: str, substitutions: Mapping[ox.Variable, Any], where: str) -> QueryResult:
    try:
        answer = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True,
                             substitutions=dict(substitutions) or None)
        if isinstance(answer, ox.QueryBoolean):
            value = ox.Literal("true" if bool(answer) else "false", datatype=ox.NamedNode(_XSD + "boolean"))
            return QueryResult(("boolean",), ((value,),), "ask")
        if isinstance(answer, ox.QueryTriples):
            rows = tuple((t.subject, t.predicate, t.object) for t in answer)
            return QueryResult(("subject", "predicate", "object"), rows, "graph")
        columns = tuple(v.value for v in answer.variables)
        return QueryResult(columns, tuple(tuple(solution) for solution in answer))
    except SyntaxError as err:
        raise QueryError(f"malformed SPARQL in {where}: {err}",
                         hint=f"predeclared prefixes: {', '.join(PREFIXES)}") from err
    except RuntimeError as err:
        # pyoxigraph refuses a substitution for a variable the query does not project.
        raise QueryError(f"cannot bind the parameters of {where}: {err}",
                         hint="a parameter must be a variable in the query's SELECT clause") from err
    except OSError as err:
        raise QueryError(f"the store could not answer {where}: {err}") from err


def run_query(
    store_or_out: ox.Store | str | Path, query: str, params: Mapping[str, str] | None = None
) -> QueryResult:
    """Run SPARQL text over the store (an open ``pyoxigraph.Store`` or an output directory).

    Each parameter binds the projected variable of the same name: a value written
    ``<...>`` binds an IRI, anything else a plain string literal.

    Raises:
        QueryError: for malformed SPARQL or a parameter the query does not project.
        StoreError: when the output directory holds no store.
    """
    store = _store(store_or_out)
    substitutions = {
        ox.Variable(name.lstrip("?$")): _iri(value[1:-1]) if value.startswith("<") and value.endswith(">")
        else ox.Literal(value)
        for name, value in (params or {}).items()
    }
    return _execute(store, query, substitutions, "the query")


def run_named_query(
    store_or_out: ox.Store | str | Path, name: str, params: Mapping[str, str] | None = None
) -> QueryResult:
    """Run the kit query ``name`` with ``params`` converted by their declared types.

    Raises:
        QueryError: for an unknown query, a missing or unknown parameter, or a value
            that matches nothing (or several things) in the store.
        StoreError: when the output directory holds no store.
    """
    named = get_query(name)
    store = _store(store_or_out)
    return _execute(store, named.sparql, bind_params(store, named, params), f"query {name!r}")


def run_all_pages(
    store_or_out: ox.Store | str | Path, name: str, params: Mapping[str, str] | None = None
) -> QueryResult:
    """Every row of the kit query ``name``: its pages one after another (just one for an unpaged query)."""
    named = get_query(name)
    store = _store(store_or_out)
    params = dict(params or {})
    if not any(p.type == "page" for p in named.params):
        return run_named_query(store, name, params)
    params.pop("page", None)
    first = run_named_query(store, name, {**params, "page": "1"})
    terms = list(first.terms)
    page, last = 1, len(first.terms)
    while last == PAGE_SIZE:
        page += 1
        more = run_named_query(store, name, {**params, "page": str(page)}).terms
        terms.extend(more)
        last = len(more)
    return QueryResult(first.columns, tuple(terms), first.kind)


def bind_params(store: ox.Store, named: NamedQuery, params: Mapping[str, str] | None) -> dict[ox.Variable, Any]:
    """The substitutions for ``named``: each parameter's text converted by its declared type.

    Raises:
        QueryError: for a missing or unknown parameter, or a value that matches nothing
            (or several things) in the store.
    """
    params = dict(params or {})
    if not stats.is_current(store):
        raise QueryError(f"query {named.name!r} reads statistics this store does not have",
                         hint="rebuild it with `kg build` (an unchanged corpus takes seconds): "
                              "stores written before statistics existed lack them")
    unknown = sorted(set(params) - {p.name for p in named.params})
    if unknown:
        raise QueryError(f"query {named.name!r} has no parameter {', '.join(map(repr, unknown))}",
                         hint=_usage(named))
    substitutions = {}
    for param in named.params:
        value = params.get(param.name)
        if (value is None or value == "") and param.type == "page":
            value = "1"
        if value is None or value == "":
            raise QueryError(f"query {named.name!r} needs the parameter {param.name!r} ({param.type})",
                             hint=_usage(named))
        substitutions[ox.Variable(param.name)] = convert_param(store, param, value)
    return substitutions


def _usage(named: NamedQuery) -> str:
    if not named.params:
        return f"it takes no parameters; e.g. {named.example}"
    listed = "; ".join(f"{p.name} ({p.type}, e.g. {p.example!r})" for p in named.params)
    return f"parameters: {listed}; e.g. {named.example}"


# --------------------------------------------------------------------------- parameter types


def _iri(value: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as err:
        raise QueryError(f"{value!r} is not a valid IRI: {err}") from err


def _fold(text: str) -> str:
    """Case-, accent-, punctuation- and spacing-insensitive form of a label or name."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", folded))


def _lookup(store: ox.Store, file: str) -> list[tuple[str, ...]]:
    sparql = (LOOKUP_DIR / file).read_text(encoding="utf-8")
    result = _execute(store, sparql, {}, f"lookup {file}")
    return [tuple(_plain(t) for t in row) for row in result.terms]


def _match(kind: str, value: str, rows: list[tuple[str, ...]], tail_prefix: str) -> ox.NamedNode:
    """The one IRI whose labels (columns 1..) match ``value``: exactly, by key, or by words."""
    if value.startswith(("http://", "https://", "urn:")):
        return _iri(value)
    wanted = _fold(value)
    labels: dict[str, set[str]] = {}
    for iri, *names in rows:
        labels.setdefault(iri, set()).update(_fold(n) for n in names if n)
    found = sorted(iri for iri, names in labels.items() if wanted in names)
    if not found:
        found = sorted(iri for iri in labels if iri.startswith(tail_prefix) and iri[len(tail_prefix):] in
                       {value, uris.slugify(value)})
    if not found:
        words = set(wanted.split())
        found = sorted(iri for iri, names in labels.items() if words and any(words <= set(n.split()) for n in names))
    if len(found) == 1:
        return ox.NamedNode(found[0])
    if not found:
        known = sorted({min(names) for names in labels.values() if names})[:15]
        raise QueryError(f"no {kind} matches {value!r}",
                         hint=f"known {kind}s include: {', '.join(known)}" if known else f"the store has no {kind}s")
    names = {iri: min(labels[iri]) for iri in found}
    listed = ", ".join(f"{names[i]} <{i}>" for i in found[:10])
    raise QueryError(f"{value!r} matches {len(found)} {kind}s: {listed}", hint="give a fuller name or the IRI")


def convert_param(store: ox.Store, param: Parameter, value: str) -> Any:
    """Turn a parameter's text into the RDF term its type calls for."""
    kind = param.type
    if kind in ("topic", "person", "organisation", "meeting"):
        bare = value.strip()
        if bare.startswith("<") and bare.endswith(">"):
            bare = bare[1:-1]
        if bare.startswith(("http://", "https://", "urn:")):
            return _iri(bare)  # an IRI names the entity already: no lookup needed
    if kind == "topic":
        return _match("topic", value, _lookup(store, "topics.rq"), uris.BASE + "topic/")
    if kind == "person":
        return _match("person", value, _lookup(store, "people.rq"), uris.BASE + "person/")
    if kind == "organisation":
        return _match("organisation", value, _lookup(store, "organisations.rq"), uris.BASE + "org/")
    if kind == "meeting":
        return _match("meeting", value, _lookup(store, "meetings.rq"), uris.BASE + "meeting/")
    if kind == "date":
        try:
            if not _ISO_DATE.fullmatch(value):
                raise ValueError(value)
            dt.date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"parameter {param.name!r} must be a date YYYY-MM-DD, not {value!r}") from None
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "date"))
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"parameter {param.name!r} must be an integer, not {value!r}")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(_XSD + "integer"))
    if kind == "page":
        if not re.fullmatch(r"\+?0*[1-9]\d{0,8}", value.strip()):
            raise QueryError(f"parameter {param.name!r} must be a page number (1, 2, ...), not {value!r}")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(_XSD + "integer"))
    if kind == "iri":
        return _iri(value)
    return ox.Literal(value)

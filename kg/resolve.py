"""Identity resolution: map speaker mentions and participant entries to people.

``resolve(annotations, aliases)`` is the one step that looks across the whole
corpus.  It first builds a *registry* of the full names the corpus attests
(participant lists, chair lines, names stated with an alias, full-name
mentions, the user's alias file), grouping names equal up to case, diacritics
and word order, and merging groups only through an explicit rung:

* ``user-alias``: the alias file says so;
* ``text-alias``: "Bibi Rossi" is "Benedetta Rossi" because some report
  states "Benedetta Rossi (Bibi)";
* ``variant``: one name contains the other with the same family name
  ("Lito Barreda" within "Jose Lito Barreda"), and only one such longer name exists;
* ``fuzzy``: a typo or an abbreviation ("Mateoz Ferreira" / "Mateo Ferreira",
  "Lena St. Clair" / "Lena Saint Clair"), with a high score, a unique best by a
  margin, the same initial letters and at least one identical word.

Two entries of one participant list are never merged, nor names the alias
file keeps ``[[separate]]``.  Then every mention climbs a ladder from strict to
loose, accepting only a *unique* answer at each rung:

1. ``exact`` - a full name the registry knows;
2. ``participant-list`` - the only entry of the meeting's own list whose name
   contains the mention (first name, family name, a middle part); of several
   namesakes, the one listed with the mention's form of address ("Dr. Naseem"
   for the one listed as "Dr."), or, at a lower confidence, the one left when
   every other is listed with a form the mention contradicts;
3. ``text-alias`` - an alias stated in a report ("Bibi"), this report first;
   a first name the participant list gives alone ("Present: Søren"), or a
   speaker named by a given name and an initial ("Sandeep R."), then takes the
   only full name the same report writes with it - in its mail headers, signature or
   text ("From: Søren Kallestrup") - at the ``corpus-roster`` confidence; several
   such names leave it ambiguous;
4. ``chair-line`` - the meeting's chair or moderator;
5. ``role`` - roles and pronouns through their antecedent, or the only
   participant holding that role (in the list's roles, its headings, or a
   descriptor that states a post); a bare "the chair" is the chair line's
   person, as is a role several hold when the chair is one of them;
6. ``corpus-roster`` - the only person seen anywhere in the corpus whose name
   fits; when several fit, the one named in full in the same report, or the
   one seen nearest the meeting's date when that is clear by a wide margin
   (before it, a familiar form of a given name, "Maggie", takes the only listed
   "Margaret" at the ``variant`` rung, the pairs being data);
7. ``name-order`` / ``fuzzy`` / ``variant`` - through the registry's merges,
   single-word typos against the meeting's own list, and a given name cut
   short at its start ("Raj") or, less surely, its end ("Emeka").

When a rung finds several people, the mention is ``ambiguous``; when none
fits, ``unresolved``: it then points at a per-report placeholder person
(``unresolved/<doc_id>/<slug>``) that keeps the name as written, with the
candidates listed.  Nothing is guessed.  Every outcome carries a confidence
and an evidence sentence that starts with the rung ("participant-list: ...")
and names the reports it rests on, followed by the merges that link the name
found to the person's display name.

Identity is decided here only: a person mention's name is taken from its text
when the NLP stage completed it from elsewhere ("Mr. Doe" given as "John
Doe"), and a speaker read as an organisation that no document names as one
resolves to a person when a person fits.

Organisations are merged by name and by acronym when a text pairs them
("Open Cable Society (OCS)"); speakers that are organisations resolve to them;
participant descriptors give affiliations, as does the bracket of a chat or
transcript label ("Ana Lima (Kestrel Labs)") that names an organisation.

Names a report writes outside speech (action owners, the chair line, apologies
entries) become ``Reference`` records once every mention is resolved
(:func:`with_references`): the graph builder only writes what they name.

The alias file (TOML) confirms or overrides merges; see :func:`load_aliases`.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import re
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from kg.errors import ResolveError
from kg.model import (
    Annotations,
    Mention,
    MentionResolution,
    Organisation,
    Participant,
    Person,
    Reference,
    Report,
    Resolution,
)
from kg.parse import vocab as parse_vocab
from kg.parse.names import is_initials_of, read_name, strip_honorific
from kg.parse.roster import is_attendance_mode, is_location, is_organisation_cue, is_role
from kg.rdf.uris import slugify, unresolved_key

__all__ = ["AliasFile", "load_aliases", "name_tokens", "resolve"]

CONFIDENCE = {
    "exact": 1.0,
    "user-alias": 1.0,
    "participant-list": 0.95,
    "name-order": 0.95,
    "text-alias": 0.9,
    "chair-line": 0.9,
    "role": 0.85,
    "corpus-roster": 0.8,
    "variant": 0.8,
    "fuzzy": 0.7,
    "unresolved": 0.0,
    "ambiguous": 0.0,
}
ROSTER_BY_DATE_CONFIDENCE = 0.6
# Two listed people share the family name: the form of address tells them apart.
ADDRESS_MATCH_CONFIDENCE = 0.9  # only one is listed with the mention's title ("Dr. Naseem")
ADDRESS_ELIMINATION_CONFIDENCE = 0.75  # the others are listed with another gender's form ("Mr." for "Ms. Doe")
ADDRESS_TITLE_ELIMINATION_CONFIDENCE = 0.7  # the others are listed with a title the mention leaves out
SHORT_FORM_CONFIDENCE = 0.75  # "Maggie" for the only listed "Margaret"
NAME_ENDING_CONFIDENCE = 0.7  # "Emeka" for the only listed "Chukwuemeka"
FUZZY_THRESHOLD = 90.0
FUZZY_MARGIN = 5.0
# Among names equally close to a typo, the one seen this many times more often than each other wins.
FUZZY_SUPPORT = 3
# The nearest candidate wins on dates only when it is clearly nearer: at most a
# third of the runner-up's distance, and at least half a year nearer.
DATE_RATIO = 3
DATE_MIN_GAP_DAYS = 180

_CHAIR_WORDS = frozenset(
    {"chair", "chairs", "cochair", "cochairs", "chairperson", "chairman", "chairwoman", "moderator", "comoderator", "host"}
)
# A listed role carrying one of these is not the current holder of the role the
# mention names ("the MAG Chair" is not a "former MAG Chair").
_ROLE_QUALIFIERS = frozenset({"former", "past", "ex", "outgoing", "incoming", "prospective", "previous", "vice", "deputy"})
_DETERMINERS = frozenset({"the", "a", "an", "our", "this", "his", "her", "their", "its"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "madam", "amb", "ambassador", "he", "hon"})
_SPECIAL_LETTERS = str.maketrans(
    {"ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe",
     "Œ": "Oe", "ł": "l", "Ł": "L", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i"}
)
_APOSTROPHES = re.compile(r"[’'`´ʼ]")
_NON_WORD = re.compile(r"[\W_]+")
_PARENTHETICAL = re.compile(r"^(?P<core>.*?)\s*\((?P<alias>[^()]+)\)\s*$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.+\-]{1,11}$")

_SOURCE_LABEL = {
    "participant": "the participant list of",
    "absent": "the apologies list of",
    "chair": "the chair line of",
    "mention": "the text of",
    "header": "the mail headers of",
    "signature": "the signature of",
    "alias": "an alias statement in",
    "user": "the alias file",
}


# --------------------------------------------------------------------------- text helpers


@lru_cache(maxsize=1 << 16)
def _fold(text: str, *, accents: bool = False) -> str:
    text = unicodedata.normalize("NFKC", text)
    if not accents:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = text.translate(_SPECIAL_LETTERS)
    text = _APOSTROPHES.sub("", text.casefold())
    return " ".join(_NON_WORD.sub(" ", text).split())


@lru_cache(maxsize=1 << 16)
def name_tokens(name: str, *, accents: bool = False) -> tuple[str, ...]:
    """A name's words, case-, punctuation- and (unless ``accents``) diacritic-folded."""
    return tuple(_fold(name, accents=accents).split())


def _split_alias(name: str) -> tuple[str, str | None]:
    """"Benedetta Rossi (Bibi)" -> ("Benedetta Rossi", "Bibi")."""
    m = _PARENTHETICAL.match(name.strip())
    if not m or not m.group("core").strip():
        return " ".join(name.split()), None
    return " ".join(m.group("core").split()), " ".join(m.group("alias").split())


@lru_cache(maxsize=1)
def _honorific_words() -> frozenset[str]:
    """These and the parser's honorifics ("Engr.", "Hajiya"), folded as a name's words are."""
    return _HONORIFICS | frozenset(_fold(h) for h in parse_vocab.word_set("roles", "honorifics"))


_NLP_PATTERNS = Path(__file__).resolve().parent / "nlp" / "patterns"


def _honorific_key(word: str) -> str:
    return _fold(word).replace(" ", "")


@lru_cache(maxsize=1)
def _address_forms() -> dict[str, tuple[str, str | None, bool]]:
    """Honorifics that may stand before a listed name: folded word -> (title, gender, plain).

    ``title`` is the same for spellings of one title ("Prof." / "Professor"); ``plain``
    forms state only a gender ("Ms."). Titles that are roles without a name ("Minister",
    "Director"), unless spelt several ways as forms of address are ("Professor" / "Prof."),
    are left out: in a list they describe a post, not how the person is addressed.
    """
    data = json.loads((_NLP_PATTERNS / "honorifics.json").read_text(encoding="utf-8"))
    plain = {_honorific_key(w) for w in data.get("plain", ())}
    same = {_honorific_key(w): _honorific_key(group[0]) for group in data.get("same", ()) for w in group}
    roles = {_honorific_key(w) for w in data.get("needs_name", ())} - set(same) - plain
    out = {}
    for word, gender in data.get("honorifics", {}).items():
        key = _honorific_key(word)
        if key and key not in roles:
            out[key] = (same.get(key, key), gender, key in plain)
    return out


def _leading_honorific(text: str) -> str | None:
    """The form of address a name opens with ("Dr." of "Dr. Naseem"), as written; the last of several."""
    found = None
    for word in text.split():
        if _honorific_key(word) not in _address_forms():
            break
        found = word
    return found


def _listed_honorific(participant: Participant) -> str | None:
    """The form of address a participant entry writes before the name ("Dr. Ibrahim Naseem", "Naseem, Dr. Ibrahim")."""
    written = participant.name_as_written or ""
    found = _leading_honorific(written)
    if found is None and "," in written:
        found = _leading_honorific(written.split(",", 1)[1])
    return found


def _same_address(a: str, b: str) -> bool:
    """ "Dr." and "Dr", "Prof." and "Professor", "Ms." and "Mrs.": one form of address."""
    (ta, ga, pa), (tb, gb, pb) = _address_forms()[_honorific_key(a)], _address_forms()[_honorific_key(b)]
    return ta == tb or (pa and pb and ga is not None and ga == gb)


def _address_clash(mention: str, listed: str | None) -> str | None:
    """How a mention's form of address contradicts the one an entry is listed with, if it does.

    ``"gender"``: they state different genders ("Mr." / "Ms."); ``"title"``: the entry has a
    title ("Dr.") and the mention only a plain form ("Ms."), which a writer who lists the title
    would not use for that person.  A title in the mention contradicts nothing ("Dr." for a
    listed "Ms.": the list may leave titles out).
    """
    if listed is None:
        return None
    _, gm, pm = _address_forms()[_honorific_key(mention)]
    _, gl, pl = _address_forms()[_honorific_key(listed)]
    if gm is not None and gl is not None and gm != gl:
        return "gender"
    if pm and not pl:
        return "title"
    return None


@lru_cache(maxsize=1)
def _given_name_forms() -> dict[str, frozenset[str]]:
    """Short form of a given name -> the full names it is short for ("maggie" -> {"margaret"}), folded."""
    data = json.loads((_NLP_PATTERNS / "given_name_forms.json").read_text(encoding="utf-8"))
    out: dict[str, set[str]] = defaultdict(set)
    for group in data.get("forms", ()):
        names = {_fold(n) for n in group.get("names", ())}
        for short in group.get("short", ()):
            out[_fold(short)].update(names)
    return {short: frozenset(names) for short, names in out.items()}


def _strip_honorifics(name: str) -> str:
    words = name.split()
    while len(words) > 1 and _fold(words[0]) in _honorific_words():
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1 << 16)
def _is_full_name(name: str) -> bool:
    """Two capitalised words or more, the first not an initial or abbreviation ("St. Clair", "P. Raman"),
    the last not an initial ("Ana R." names a person only among those it fits)."""
    words = [w for w in name.split() if any(c.isalpha() for c in w)]
    if len(words) < 2 or _fold(words[0]) in _DETERMINERS:
        return False
    if sum(c.isalpha() for c in words[-1]) == 1:
        return False
    # Names are capitalised at both ends ("Ana de la Cruz"); "the host country" is no name.
    if not all(next(c for c in w if c.isalpha()).isupper() for w in (words[0], words[-1])):
        return False
    first = words[0]
    letters = [c for c in first if c.isalpha()]
    return len(letters) >= 2 and not (first.endswith(".") and len(letters) <= 3)


def _person_name(mention: Mention) -> str:
    """The name a person mention writes: the NLP stage's cleaned ``name`` when the text holds it.

    A ``name`` with words the text lacks ("Mr. Doe" given as "John Doe") was completed
    from elsewhere; identity is this stage's decision, so the text is used instead.
    """
    text = " ".join(mention.text.split())
    name = " ".join((mention.name or "").split())
    if name and set(name_tokens(name)) <= set(name_tokens(text)):
        return name
    return _strip_honorifics(text)


def _is_acronym(text: str) -> bool:
    text = text.strip()
    if not _ACRONYM.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper * 2 >= len(letters)


def _tokens_equal(a: str, b: str, initials: bool) -> bool:
    if a == b:
        return True
    return initials and ((len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)))


def _abbreviates(short: str, long: str) -> bool:
    """"st" (written "St.") for "saint": same first letter, letters in order."""
    letters = iter(long)
    return len(short) < len(long) and short[0] == long[0] and all(c in letters for c in short)


def _abbreviations(written: str) -> frozenset[str]:
    """The words of a name written as abbreviations with a full stop ("St.", not the initial "P.")."""
    return frozenset(_fold(w) for w in written.split() if w.endswith(".") and len(w) > 2)


def _fits(mention: tuple[str, ...], name: tuple[str, ...], abbreviated: frozenset[str] = frozenset()) -> bool:
    """The mention's words appear, in order and adjacent, within the name."""
    if not mention or len(mention) > len(name) or not any(len(t) > 1 for t in mention):
        return False
    initials = len(mention) > 1
    span = len(mention)
    return any(
        all(
            _tokens_equal(t, name[i + j], initials) or (t in abbreviated and _abbreviates(t, name[i + j]))
            for j, t in enumerate(mention)
        )
        for i in range(len(name) - span + 1)
    )


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(any(_tokens_equal(t, u, True) for u in it) for t in short)


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _role_tokens(text: str) -> tuple[str, ...]:
    """Words of a role phrase, determiners dropped, "co chair" joined to "cochair"."""
    words = list(name_tokens(text))
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    joined: list[str] = []
    i = 0
    while i < len(words):
        if words[i] == "co" and i + 1 < len(words):
            joined.append("co" + words[i + 1])
            i += 2
        else:
            joined.append(words[i])
            i += 1
    return tuple(joined)


def _list(items: Iterable[str], limit: int = 4) -> str:
    items = list(items)
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _quoted(items: Iterable[str], limit: int = 4) -> str:
    return _list((f"'{i}'" for i in items), limit)


_WORD = re.compile(r"[^\W\d_][\w\u0300-\u036f'\u2019-]*")
_BLOCK_SOURCE = {"mail_headers": "header", "signature": "signature"}
MAX_COMPLETION_WORDS = 5


def _given_name_completions(report: Report) -> dict[tuple[str, ...], list[tuple[str, str]]]:
    """Full names the report writes for the participant entries that give a first name only.

    "Present: Amara, Søren" with "From: Søren Kallestrup <...>", a signature "Søren
    Kallestrup", or "Søren Kallestrup (DC coordinator) opened ..." in the text: for each
    one-word entry, every distinct full name of the same document whose first word is that
    name (accent-folded), read on one line, with no role, organisation or place in it, and
    not itself an entry of the report's lists (two entries are two people).  Returns
    ``{entry tokens: [(full name, source), ...]}`` where ``source`` is "header",
    "signature" or "mention" (the text).
    """
    wanted = set()
    for p in report.participants:
        name = _split_alias(p.name)[0]
        tokens = name_tokens(name)
        if len(tokens) == 1 and len(name.split()) == 1 and len(tokens[0]) > 1 and name[:1].isupper():
            wanted.add(tokens[0])
    if not wanted:
        return {}
    listed = {tuple(sorted(name_tokens(_split_alias(p.name)[0]))) for p in (*report.participants, *report.absent)}
    found = _full_names_opening_with(report, wanted)
    return {
        (key,): kept for key, names in found.items()
        if (kept := [(full, source) for full, source in names if tuple(sorted(name_tokens(full))) not in listed])
    }


def _initial_completions(a: Annotations) -> dict[tuple[str, ...], list[tuple[str, str]]]:
    """Full names the report writes for speakers named by a given name and an initial ("Sandeep R.").

    "[00:05:20] Sandeep R.: ..." and, earlier or later, "Thank you Sandeep Raghunathan": for
    each such person mention, every distinct full name of the same document (as
    :func:`_full_names_opening_with` reads them) that opens with the mention's given names
    and has a later word beginning with its initial.  Returns ``{mention tokens: [(full name,
    source), ...]}``; the ladder takes the only one (several leave the mention ambiguous).
    """
    wanted: set[tuple[str, ...]] = set()
    for i in a.interventions:
        m = i.speaker
        if m.kind != "person":
            continue
        name = _split_alias(_strip_honorifics(_person_name(m)))[0]
        words, tokens = name.split(), name_tokens(name)
        if (2 <= len(words) == len(tokens) and sum(c.isalpha() for c in words[-1]) == 1 and words[0][:1].isupper()
                and all(len(t) > 1 for t in tokens[:-1])):
            wanted.add(tokens)
    if not wanted:
        return {}
    found = _full_names_opening_with(a.report, {t[0] for t in wanted})
    out = {}
    for tokens in sorted(wanted):
        given, initial = tokens[:-1], tokens[-1]
        names = [
            (full, source) for full, source in found.get(tokens[0], ())
            if (ft := name_tokens(full))[: len(given)] == given and any(t.startswith(initial) for t in ft[len(given):])
        ]
        if names:
            out[tokens] = names
    return out


def _full_names_opening_with(report: Report, wanted: set[str]) -> dict[str, list[tuple[str, str]]]:
    """The distinct full names the report writes whose first word (folded) is one of ``wanted``.

    Each read on one line, with no role, organisation or place in it; returns ``{first
    word: [(full name, source), ...]}`` where ``source`` is "header", "signature" or
    "mention" (the text), a header or signature preferred for a name seen in several.
    """
    text = report.text
    starts = [b.start for b in report.blocks]
    found: dict[str, dict[tuple[str, ...], tuple[str, str]]] = defaultdict(dict)
    for m in _WORD.finditer(text):
        key = _fold(m.group())
        if key not in wanted:
            continue
        end = text.find("\n", m.end())
        hit = read_name(text[: len(text) if end < 0 else end], m.start(), max_tokens=MAX_COMPLETION_WORDS)
        if hit is None or hit[1] != m.start():
            continue
        full = hit[0]
        rest = full.split()[1:]
        if (
            not rest
            or name_tokens(full)[:1] != (key,)
            or not _is_full_name(full)
            or any(sum(c.isupper() for c in w) >= 2 and w.isupper() for w in rest)  # "Søren ISOC": an acronym
            or any(is_role(w) or is_organisation_cue(w) or is_location(w) or is_attendance_mode(w) for w in rest)
        ):
            continue
        sorted_key = tuple(sorted(name_tokens(full)))
        at = bisect.bisect_right(starts, m.start()) - 1
        source = _BLOCK_SOURCE.get(report.blocks[at].kind, "mention") if at >= 0 else "mention"
        seen = found[key]
        if sorted_key not in seen or (seen[sorted_key][1] == "mention" and source != "mention"):
            seen[sorted_key] = (full, source)
    return {key: list(names.values()) for key, names in found.items()}


def _stated_posts(participant: Participant) -> list[str]:
    """Parts of a participant's descriptors that name a post though they were read as organisations.

    "Eriksen, Håkon - IGF 2025 Host Country Co-Chair": the list states the role, and a
    role mention ("the Host Country Co-Chair") may name that entry by it.
    """
    return [part.strip() for org in participant.organisations for part in re.split(r"[;,]", org)
            if part.strip() and is_role(part.strip())]


# --------------------------------------------------------------------------- alias file


@dataclass(frozen=True)
class UserPerson:
    """``[[person]]``: a canonical display name and the mentions/variants that are this person."""

    name: str
    aliases: tuple[str, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class UserSeparate:
    """``[[separate]]``: names that are different people and must never be merged."""

    names: tuple[str, ...]
    line: int | None = None


@dataclass(frozen=True)
class UserPin:
    """``[[mention]]``: one mention (by text, optionally offset) in one report, pinned."""

    report: str
    text: str
    person: str | None = None
    unresolved: bool = False
    start: int | None = None
    line: int | None = None


@dataclass(frozen=True)
class UserOrganisation:
    """``[[organisation]]``: a canonical organisation name and its acronyms/variants."""

    name: str
    aliases: tuple[str, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class AliasFile:
    """The parsed user alias file."""

    path: str
    people: tuple[UserPerson, ...] = ()
    separate: tuple[UserSeparate, ...] = ()
    mentions: tuple[UserPin, ...] = ()
    organisations: tuple[UserOrganisation, ...] = ()


_SECTIONS = {
    "person": ({"name": str, "aliases": list}, {"name"}),
    "separate": ({"names": list}, {"names"}),
    "mention": ({"report": str, "text": str, "person": str, "unresolved": bool, "start": int}, {"report", "text"}),
    "organisation": ({"name": str, "aliases": list}, {"name"}),
}
_EXAMPLE = "see examples/aliases.toml"


def load_aliases(path: Path | str) -> AliasFile:
    """Read and check a user alias file.

    The file is TOML with four kinds of tables, all optional::

        [[person]]                        # these names are one person
        name = "Priya Raman"              # canonical display name (natural order)
        aliases = ["Priya", "P. Raman"]   # mentions or name variants of her

        [[separate]]                      # different people: never merge them
        names = ["Sam Lee", "Samuel Lee"]

        [[mention]]                       # pin the mention "Sam" in one report
        report = "minutes_2024_03"        # doc id or file name
        text = "Sam"                      # the mention as written
        person = "Sam Lee"                # or: unresolved = true
        start = 1234                      # optional: only the mention at this offset

        [[organisation]]
        name = "Open Cable Society"
        aliases = ["OCS"]

    A ``[[person]]`` alias that is a full name merges that name into the
    person; a shorter alias ("Priya") resolves that mention in every report.
    ``[[mention]]`` pins win over everything; pins for reports not in the
    corpus being built are ignored.

    Raises:
        ResolveError: the file is missing, is not TOML, or an entry is
            malformed or contradicts another (the message names the file,
            the entry and its line, and what to change).
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ResolveError("alias file not found", path=str(path), hint="check the path given to --aliases") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ResolveError(f"cannot read the alias file: {err}", path=str(path), hint="save it as UTF-8 text") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as err:
        raise ResolveError(f"not valid TOML: {err}", path=str(path), hint=f"fix the syntax there; {_EXAMPLE}") from None

    where_path = str(path)
    for key in data:
        if key not in _SECTIONS:
            raise ResolveError(
                f"unknown section '{key}'",
                path=where_path,
                hint="use [[person]], [[separate]], [[mention]] or [[organisation]] tables; " + _EXAMPLE,
            )
    entries: dict[str, list[tuple[dict, str, int | None]]] = {}
    for section, (types, required) in _SECTIONS.items():
        items = data.get(section, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ResolveError(f"'{section}' must be written as [[{section}]] tables", path=where_path, hint=_EXAMPLE)
        lines = _header_lines(raw, section)
        checked = []
        for n, item in enumerate(items):
            line = lines[n] if n < len(lines) else None
            where = f"[[{section}]] entry {n + 1}" + (f" (line {line})" if line else "")
            for key, value in item.items():
                if key not in types:
                    raise ResolveError(
                        f"{where}: unknown key '{key}'", path=where_path, hint=f"allowed keys: {', '.join(types)}"
                    )
                expected = types[key]
                if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                    raise ResolveError(
                        f"{where}: '{key}' must be a {_type_name(expected)}, not {value!r}", path=where_path, hint=_EXAMPLE
                    )
                if expected is str and not value.strip():
                    raise ResolveError(f"{where}: '{key}' is empty", path=where_path, hint=f"give a {key} or remove the key")
                if expected is list and not all(isinstance(v, str) and v.strip() for v in value):
                    raise ResolveError(
                        f"{where}: '{key}' must be a list of non-empty strings", path=where_path, hint=f'write {key} = ["...", "..."]'
                    )
            missing = sorted(required - item.keys())
            if missing:
                raise ResolveError(f"{where}: missing '{missing[0]}'", path=where_path, hint=_EXAMPLE)
            checked.append((item, where, line))
        entries[section] = checked

    people = tuple(
        UserPerson(" ".join(i["name"].split()), tuple(" ".join(a.split()) for a in i.get("aliases", [])), line)
        for i, _, line in entries["person"]
    )
    separate = []
    for item, where, line in entries["separate"]:
        names = tuple(" ".join(n.split()) for n in item["names"])
        if len(names) < 2:
            raise ResolveError(f"{where}: 'names' needs at least two names", path=where_path, hint='names = ["A B", "A C"]')
        keys = [tuple(sorted(name_tokens(n))) for n in names]
        if len(set(keys)) < len(keys):
            raise ResolveError(
                f"{where}: two of {_quoted(names)} are the same name up to case, accents and order",
                path=where_path,
                hint="names that equal each other cannot be told apart; pin the mentions with [[mention]] instead",
            )
        separate.append(UserSeparate(names, line))
    pins = []
    for item, where, line in entries["mention"]:
        person = item.get("person")
        unresolved = item.get("unresolved", False)
        if bool(person) == bool(unresolved):
            raise ResolveError(
                f"{where}: give exactly one of 'person' or 'unresolved = true'",
                path=where_path,
                hint="person = \"Full Name\" pins the mention; unresolved = true keeps it unresolved",
            )
        pins.append(
            UserPin(item["report"].strip(), " ".join(item["text"].split()), person and " ".join(person.split()), unresolved, item.get("start"), line)
        )
    orgs = tuple(
        UserOrganisation(" ".join(i["name"].split()), tuple(" ".join(a.split()) for a in i.get("aliases", [])), line)
        for i, _, line in entries["organisation"]
    )
    result = AliasFile(where_path, people, tuple(separate), tuple(pins), orgs)
    _check_consistency(result)
    return result


def _type_name(t: type) -> str:
    return {str: "string", list: "list of strings", bool: "boolean (true/false)", int: "whole number"}[t]


def _header_lines(raw: str, section: str) -> list[int]:
    pattern = re.compile(rf"^\s*\[\[\s*{section}\s*\]\]")
    return [n for n, line in enumerate(raw.splitlines(), 1) if pattern.match(line)]


def _at(line: int | None) -> str:
    return f" (line {line})" if line else ""


def _check_consistency(aliases: AliasFile) -> None:
    path = aliases.path
    owner: dict[tuple[str, ...], UserPerson] = {}
    for person in aliases.people:
        for form in (person.name, *person.aliases):
            key = tuple(sorted(name_tokens(form)))
            if not key:
                raise ResolveError(f"[[person]] '{person.name}'{_at(person.line)}: '{form}' has no letters", path=path)
            other = owner.get(key)
            if other is not None and other is not person:
                raise ResolveError(
                    f"'{form}' belongs to two [[person]] entries: '{other.name}'{_at(other.line)} and '{person.name}'{_at(person.line)}",
                    path=path,
                    hint="keep it under one person, or pin single mentions with [[mention]]",
                )
            owner[key] = person
    for sep in aliases.separate:
        owners = {}
        for name in sep.names:
            p = owner.get(tuple(sorted(name_tokens(name))))
            if p is not None:
                if p.name in owners:
                    raise ResolveError(
                        f"[[separate]]{_at(sep.line)} keeps '{owners[p.name]}' and '{name}' apart, "
                        f"but [[person]] '{p.name}'{_at(p.line)} says they are the same person",
                        path=path,
                        hint="remove one of the two statements",
                    )
                owners[p.name] = name
    for org in aliases.organisations:
        if not name_tokens(org.name):
            raise ResolveError(f"[[organisation]]{_at(org.line)}: the name has no letters", path=path)


# --------------------------------------------------------------------------- registry of names


@dataclass(frozen=True)
class _Record:
    """One sighting of a full name."""

    display: str
    doc_id: str
    source: str
    date: date | None


class _Node:
    """Full names equal up to case, diacritics, punctuation and word order."""

    def __init__(self, ident: int, key: tuple[str, ...], records: list[_Record]):
        self.id = ident
        self.key = key
        self.records = sorted(records, key=lambda r: (r.doc_id, r.source, r.display))
        self.displays = sorted({r.display for r in records})
        self.token_forms = sorted({name_tokens(d) for d in self.displays})
        self.docs = sorted({r.doc_id for r in records if r.doc_id})
        self.attested = any(r.source != "mention" for r in records)

    def display_for(self, form: tuple[str, ...]) -> str:
        return next((d for d in self.displays if name_tokens(d) == form), self.displays[0])

    def describe(self) -> str:
        by_source: dict[str, list[str]] = defaultdict(list)
        for r in self.records:
            if r.doc_id not in by_source[r.source]:
                by_source[r.source].append(r.doc_id)
        parts = []
        for source in ("participant", "absent", "chair", "header", "signature", "alias", "mention", "user"):
            if source in by_source:
                docs = [d for d in by_source[source] if d]
                parts.append(_SOURCE_LABEL[source] + (" " + _list(docs, 3) if docs else ""))
        return "; ".join(parts)


@dataclass(frozen=True)
class _Edge:
    a: int
    b: int
    method: str
    confidence: float
    evidence: str


class _Clusters:
    """Union-find over registry nodes, with what keeps clusters apart and a log of merges.

    ``apart[i]`` holds markers of node ``i``: the reports whose participant list names it
    (two entries of one list are two people) and the ``[[separate]]`` groups it is in.
    Two clusters sharing a marker never merge, except when the alias file forces it.
    """

    def __init__(self, n: int):
        self.parent = list(range(n))
        self.apart: dict[int, set[str]] = {i: set() for i in range(n)}
        self.edges: list[_Edge] = []

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def keep_apart(self, node: int, marker: str) -> None:
        self.apart[self.find(node)].add(marker)

    def can_merge(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        return ra != rb and not (self.apart[ra] & self.apart[rb])

    def merge(self, a: int, b: int, method: str, confidence: float, evidence: str, *, force: bool = False) -> bool:
        if not (force or self.can_merge(a, b)):
            return False
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        root, child = min(ra, rb), max(ra, rb)
        self.parent[child] = root
        self.apart[root] |= self.apart.pop(child)
        self.edges.append(_Edge(a, b, method, confidence, f"{method}: {evidence}"))
        return True


class _Registry:
    """Every full name the corpus attests, grouped into people."""

    def __init__(self, records: list[_Record]):
        by_key: dict[tuple[str, ...], list[_Record]] = defaultdict(list)
        for r in records:
            key = tuple(sorted(name_tokens(r.display)))
            if key:
                by_key[key].append(r)
        self.nodes = [_Node(i, key, by_key[key]) for i, key in enumerate(sorted(by_key))]
        self.by_key = {n.key: n for n in self.nodes}
        self.by_exact: dict[tuple[str, ...], int] = {}
        self.by_token: dict[str, set[int]] = defaultdict(set)
        self.by_family: dict[str, set[int]] = defaultdict(set)
        for n in self.nodes:
            for d in n.displays:
                self.by_exact.setdefault(name_tokens(d, accents=True), n.id)
            for form in n.token_forms:
                for t in form:
                    self.by_token[t].add(n.id)
                self.by_family[form[-1]].add(n.id)
        self.clusters = _Clusters(len(self.nodes))
        self.ambiguous: dict[int, tuple[str, frozenset[int]]] = {}
        self.user_names: dict[int, str] = {}

    def node_of(self, name: str) -> _Node | None:
        return self.by_key.get(tuple(sorted(name_tokens(name))))

    def root(self, node_id: int) -> int:
        return self.clusters.find(node_id)


# --------------------------------------------------------------------------- per-report context


@dataclass
class _Entry:
    """A participant entry and the person it was resolved to."""

    name: str
    tokens: tuple[str, ...]
    root: int | None
    node: int | None
    roles: tuple[tuple[str, ...], ...]
    label: str
    orgs: frozenset[str] = frozenset()
    """Keys of the organisations the entry names."""
    address: str | None = None
    """The form of address the list writes before the name ("Dr."), if any."""
    written: str = ""
    """The entry's name as the list writes it."""
    posts: tuple[tuple[str, ...], ...] = ()
    """Roles the entry's descriptors state though they were not read as roles ("IGF 2025 Host Country Co-Chair")."""


@dataclass
class _Ctx:
    doc_id: str
    date: date | None
    entries: list[_Entry]
    chair: str | None
    chair_outcome: _Outcome | None
    local_aliases: dict[tuple[str, ...], set[int]]
    stated: list[tuple[int, str, str]] = field(default_factory=list)
    """``(person root, organisation as written, sentence)`` the text states: "Ms. Doe, representing ACME"."""
    by_word: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    """Participant entries (indexes into ``entries``) by the words of their names."""
    completions: dict[tuple[str, ...], list[tuple[int, str, str]]] = field(default_factory=dict)
    """A first name the participant list gives alone -> ``(registry node, full name, source)`` of each full
    name the same report writes with it (:func:`_given_name_completions`)."""

    def entries_with(self, tokens: tuple[str, ...], abbreviated: frozenset[str] = frozenset()) -> list[_Entry]:
        """Entries whose names hold every word of ``tokens`` longer than an initial, abbreviations aside."""
        words = [t for t in tokens if len(t) > 1 and t not in abbreviated]
        if not words:
            return []
        found = set.intersection(*(set(self.by_word.get(w, ())) for w in words))
        return [self.entries[i] for i in sorted(found)]


@dataclass(frozen=True)
class _Outcome:
    """What the ladder decided; ``rung`` is the rung that found it when a weaker merge sets ``method``."""

    root: int | None
    method: str
    confidence: float
    evidence: str
    candidates: frozenset[int] = frozenset()
    rung: str | None = None

    @property
    def explained(self) -> str:
        """The evidence, labelled with the rung that found the answer."""
        return f"{self.rung or self.method}: {self.evidence}"


# --------------------------------------------------------------------------- resolver


class _Resolver:
    """The corpus-wide state: alias statements, the registry of names and its merges, display names."""

    def __init__(self, annotations: Sequence[Annotations], user: AliasFile | None):
        self.docs = sorted(annotations, key=lambda a: a.report.source.doc_id)
        ids = [a.report.source.doc_id for a in self.docs]
        for a, b in zip(self.docs, self.docs[1:]):
            if a.report.source.doc_id == b.report.source.doc_id:
                raise ResolveError(
                    f"two reports share the id '{a.report.source.doc_id}': {a.report.source.path} and {b.report.source.path}",
                    hint="give the files different names (the id is the file's stem)",
                )
        self.doc_ids = set(ids)
        self.user = user or AliasFile("")
        self.dates = {a.report.source.doc_id: _parse_date(a.report.meeting.date) for a in self.docs}
        self._person_alias_pairs, self._org_alias_pairs = self._split_alias_statements()
        self.completions = {
            a.report.source.doc_id: {**_given_name_completions(a.report), **_initial_completions(a)} for a in self.docs
        }
        self.registry = _Registry(self._collect_records())
        self.given_names = self._given_names()
        self._build_clusters()
        self.user_alias_roots = self._user_aliases()
        self.alias_index = self._alias_index()
        self._name_people()

    # ----------------------------------------------------------------- records

    def _chair(self, a: Annotations) -> tuple[str | None, str | None]:
        chair = a.report.meeting.chair
        if not chair or not chair.strip():
            return None, None
        core, alias = _split_alias(_strip_honorifics(chair.strip()))
        return core, alias

    def _split_alias_statements(self):
        """Alias statements of people ("Benedetta Rossi (Bibi)") and of organisations ("... (OSET)")."""
        org_names: set[str] = set()
        for a in self.docs:
            for p in a.report.participants:
                org_names.update(_fold(o) for o in p.organisations)
            for o in a.org_mentions:
                org_names.add(_fold(o.name))
                if o.acronym:
                    org_names.add(_fold(o.acronym))
            for i in a.interventions:
                if i.speaker.kind == "organisation":
                    org_names.add(_fold(_org_core(i.speaker.name or i.speaker.text)))
        person_names: set[tuple[str, ...]] = set()
        for a in self.docs:
            # the absent too: minutes may report an absent member's written input by the initials the list gives
            listed = [_split_alias(p.name)[0] for p in (*a.report.participants, *a.report.absent)]
            person_names.update(tuple(sorted(name_tokens(n))) for n in (*listed, self._chair(a)[0] or "") if _is_full_name(n))
        people: list[tuple[str, str, str]] = []
        orgs: list[tuple[str, str, str]] = []
        for a in self.docs:
            doc = a.report.source.doc_id
            for full, alias, _, _ in a.aliases:
                full, alias = " ".join(full.split()), " ".join(alias.split())
                if not full or not alias:
                    continue
                # A listed person's nickname stays a nickname even if a descriptor misread it as an organisation.
                if tuple(sorted(name_tokens(full))) in person_names and (
                    not _is_acronym(alias) or is_initials_of(alias, full)
                ):
                    people.append((full, alias, doc))  # a nickname, or the initials the notes use
                elif _fold(_org_core(full)) in org_names or _fold(alias) in org_names:
                    orgs.append((full, alias, doc))
                elif _is_full_name(full) and not _is_acronym(alias):
                    people.append((full, alias, doc))
            for p in a.report.participants:
                _, alias = _split_alias(p.name)
                if alias and not _is_acronym(alias):
                    people.append((_split_alias(p.name)[0], alias, doc))
            core, alias = self._chair(a)
            if core and alias and _is_full_name(core):
                people.append((core, alias, doc))
        return sorted(set(people)), sorted(set(orgs))

    def _collect_records(self) -> list[_Record]:
        records: list[_Record] = []
        for a in self.docs:
            doc = a.report.source.doc_id
            day = self.dates[doc]
            for p in a.report.participants:
                name = _split_alias(p.name)[0]
                if _is_full_name(name):
                    records.append(_Record(name, doc, "participant", day))
            for p in a.report.absent:
                name = _split_alias(p.name)[0]
                if _is_full_name(name):
                    records.append(_Record(name, doc, "absent", day))
            core, _ = self._chair(a)
            if core and _is_full_name(core):
                records.append(_Record(core, doc, "chair", day))
            for i in a.interventions:
                m = i.speaker
                if m.kind == "person":
                    name = _split_alias(_strip_honorifics(_person_name(m)))[0]
                    if _is_full_name(name):
                        records.append(_Record(name, doc, "mention", day))
            for names in self.completions[doc].values():
                records.extend(_Record(full, doc, source, day) for full, source in names)
        for full, _, doc in self._person_alias_pairs:
            records.append(_Record(full, doc, "alias", self.dates[doc]))
        for person in self.user.people:
            records.append(_Record(person.name, "", "user", None))
            records.extend(_Record(al, "", "user", None) for al in person.aliases if _is_full_name(al))
        for sep in self.user.separate:
            records.extend(_Record(n, "", "user", None) for n in sep.names)
        for pin in self.user.mentions:
            if pin.person:
                records.append(_Record(pin.person, "", "user", None))
        return records

    def _given_names(self) -> set[str]:
        """Words used as given names: first words of listed names, and names used alone for a speaker."""
        given = set()
        for a in self.docs:
            for p in a.report.participants:
                tokens = name_tokens(_split_alias(p.name)[0])
                if len(tokens) > 1:
                    given.add(tokens[0])
            for i in a.interventions:
                if i.speaker.kind == "person":
                    text = i.speaker.text.strip()
                    tokens = name_tokens(text)
                    # "Ms. Raman" uses a family name; "Priya" alone a given name.
                    if len(tokens) == 1 and _strip_honorifics(text) == text:
                        given.add(tokens[0])
        return given

    # ----------------------------------------------------------------- merges

    def _build_clusters(self) -> None:
        reg, cl = self.registry, self.registry.clusters
        # Entries of one participant list (and its apologies) are different people.
        for node in reg.nodes:
            for r in node.records:
                if r.source in ("participant", "absent"):
                    cl.keep_apart(node.id, "list:" + r.doc_id)
        for person in self.user.people:
            node = reg.node_of(person.name)
            reg.user_names[node.id] = person.name
            cl.keep_apart(node.id, "user-person")
        for n, sep in enumerate(self.user.separate):
            for name in sep.names:
                cl.keep_apart(reg.node_of(name).id, f"separate:{n}")
        for person in self.user.people:
            node = reg.node_of(person.name)
            for alias in person.aliases:
                if _is_full_name(alias):
                    other = reg.node_of(alias)
                    cl.merge(
                        node.id, other.id, "user-alias", 1.0,
                        f"the alias file ({self.user.path}{_at(person.line)}) says '{alias}' is '{person.name}'", force=True,
                    )
        # Repeat until no rung adds a merge: a merge can make a later proposal unique.
        while True:
            self.registry.ambiguous.clear()
            proposals = self._alias_proposals() + self._variant_proposals() + self._fuzzy_proposals()
            merged = False
            for method, conf, a, b, evidence in sorted(proposals, key=lambda p: (-p[1], p[2], p[3], p[0])):
                merged |= cl.merge(a, b, method, conf, evidence)
            if not merged:
                break

    def _alias_proposals(self) -> list[tuple]:
        """'Bibi Rossi' is 'Benedetta Rossi' when a report states 'Benedetta Rossi (Bibi)'."""
        reg = self.registry
        by_alias: dict[tuple[str, ...], dict[int, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
        for full, alias, doc in self._person_alias_pairs:
            by_alias[name_tokens(alias)][reg.node_of(full).id].append((doc, alias))
        out = []
        for node in reg.nodes:
            targets: dict[int, tuple[int, str, str]] = {}
            for form in node.token_forms:
                for given in (form[:-1], form):
                    for full_id, statements in sorted(by_alias.get(given, {}).items()):
                        full = reg.nodes[full_id]
                        if given != form and not any(f[-1] == form[-1] for f in full.token_forms):
                            continue
                        root = reg.root(full_id)
                        if root != reg.root(node.id):
                            docs = _list(sorted({d for d, _ in statements}), 3)
                            targets.setdefault(root, (full_id, min(a for _, a in statements), docs))
            if len(targets) == 1:
                ((full_id, alias, docs),) = targets.values()
                full = reg.nodes[full_id]
                out.append((
                    "text-alias", CONFIDENCE["text-alias"], node.id, full_id,
                    (
                        f"'{node.displays[0]}' ({node.describe()}) is '{full.displays[0]}': "
                        f"'{alias}' is stated as an alias of '{full.displays[0]}' in {docs}"
                    ),
                ))
            elif len(targets) > 1 and not node.attested:
                reg.ambiguous[node.id] = ("text-alias", frozenset(targets))
        return out

    def _variant_proposals(self) -> list[tuple]:
        """A name within a longer one with the same family name ("Lito Barreda" / "Jose Lito Barreda")."""
        reg = self.registry
        out = []
        for node in reg.nodes:
            targets: dict[int, tuple[int, str, str, bool]] = {}
            for form in node.token_forms:
                for other_id in sorted(reg.by_family.get(form[-1], ())):
                    if reg.root(other_id) == reg.root(node.id):
                        continue
                    other = reg.nodes[other_id]
                    for long in other.token_forms:
                        if len(long) > len(form) and long[-1] == form[-1] and _is_subsequence(form, long):
                            targets.setdefault(reg.root(other_id), (other_id, form, long, False))
                # Given name and first family name of a name with two ("Lucía Fernández" /
                # "Lucía Fernández Ochoa"): the same person written without the second surname.
                if len(form) >= 2:
                    for other_id in sorted(set.intersection(*(reg.by_token.get(w, set()) for w in form))):
                        if reg.root(other_id) == reg.root(node.id):
                            continue
                        other = reg.nodes[other_id]
                        for long in other.token_forms:
                            # a hyphenated family name ("Moyo-Tanaka") is another family name
                            if (len(long) == len(form) + 1 and long[: len(form)] == form
                                    and "-" not in other.display_for(long).split()[-1]):
                                targets.setdefault(reg.root(other_id), (other_id, form, long, True))
            if len(targets) == 1:
                ((other_id, form, long, second_surname),) = targets.values()
                other = reg.nodes[other_id]
                how = ("with a second family name" if second_surname else "with the same family name")
                out.append((
                    "variant", CONFIDENCE["variant"] - (0.1 if second_surname else 0.0), node.id, other_id,
                    (
                        f"'{node.display_for(form)}' ({node.describe()}) is contained in '{other.display_for(long)}' "
                        f"({other.describe()}) {how}, and no other known name contains it"
                    ),
                ))
            elif len(targets) > 1 and not node.attested and node.id not in reg.ambiguous:
                reg.ambiguous[node.id] = ("variant", frozenset(targets))
        return out

    def _fuzzy_proposals(self) -> list[tuple]:
        """Typos and abbreviations: same initials, one identical word, a high score unique by a margin."""
        reg = self.registry
        forms: dict[int, list[tuple[tuple[str, ...], frozenset[str]]]] = defaultdict(list)
        blocks: dict[tuple[str, ...], list[tuple[int, tuple[str, ...], frozenset[str]]]] = defaultdict(list)
        for node in reg.nodes:
            for form in node.token_forms:
                if len(form) >= 2:
                    abbreviated = _abbreviations(node.display_for(form))
                    forms[node.id].append((form, abbreviated))
                    blocks[tuple(t[0] for t in form)].append((node.id, form, abbreviated))
        sightings: dict[int, int] = defaultdict(int)
        for node in reg.nodes:
            sightings[reg.root(node.id)] += len(node.records)
        out = []
        for node in reg.nodes:
            scores: dict[int, tuple[float, int]] = {}
            for form, abbreviated in forms[node.id]:
                for other_id, other_form, other_abbreviated in blocks[tuple(t[0] for t in form)]:
                    if reg.root(other_id) == reg.root(node.id):
                        continue
                    score = _fuzzy_score(form, other_form, abbreviated | other_abbreviated)
                    root = reg.root(other_id)
                    if score is not None and score > scores.get(root, (-1.0, 0))[0]:
                        scores[root] = (score, other_id)
            ranked = sorted(((s, r, o) for r, (s, o) in scores.items()), key=lambda x: (-x[0], x[1]))
            if not ranked or ranked[0][0] < FUZZY_THRESHOLD:
                continue
            top = ranked[0][0]
            close = [(s, r, o) for s, r, o in ranked if top - s < FUZZY_MARGIN]
            why = "no other known name is as close"
            if len(close) > 1:
                # Two typos of one name are close to each other too; the name seen far
                # more often than every other close one is the one they misspell.
                close.sort(key=lambda x: (-sightings[x[1]], x[1]))
                first, runner_up = sightings[close[0][1]], sightings[close[1][1]]
                if first < FUZZY_SUPPORT * runner_up:
                    if not node.attested and node.id not in reg.ambiguous:
                        reg.ambiguous[node.id] = ("fuzzy", frozenset(r for _, r, _ in close))
                    continue
                why = f"of the names as close, it is seen {first} times, the next {runner_up}"
            score, _, other_id = close[0]
            other = reg.nodes[other_id]
            out.append((
                "fuzzy", round(CONFIDENCE["fuzzy"] * score / 100, 2), node.id, other_id,
                (
                    f"'{node.displays[0]}' ({node.describe()}) and '{other.displays[0]}' ({other.describe()}) "
                    f"differ by a typo or abbreviation (similarity {score:.0f}/100; {why})"
                ),
            ))
        return out

    # ----------------------------------------------------------------- aliases

    def _user_aliases(self) -> dict[tuple[str, ...], tuple[int, str]]:
        reg = self.registry
        out = {}
        for person in self.user.people:
            node = reg.node_of(person.name)
            for alias in person.aliases:
                if not _is_full_name(alias):
                    out[name_tokens(alias)] = (node.id, f"the alias file ({self.user.path}{_at(person.line)}) lists '{alias}' for '{person.name}'")
        return out

    def _alias_index(self) -> dict[tuple[str, ...], dict[int, set[str]]]:
        index: dict[tuple[str, ...], dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        for full, alias, doc in self._person_alias_pairs:
            index[name_tokens(alias)][self.registry.node_of(full).id].add(doc)
        return index

    # ----------------------------------------------------------------- canonical people

    def canonical(self, root: int) -> str:
        return self._canonical[root]

    def _name_people(self) -> None:
        """Choose each person's display name and key, once the merges are final."""
        reg = self.registry
        groups: dict[int, list[_Node]] = defaultdict(list)
        for n in reg.nodes:
            groups[reg.root(n.id)].append(n)
        self.groups = groups
        self._canonical: dict[int, str] = {}
        for root, nodes in groups.items():
            user = [reg.user_names[n.id] for n in nodes if n.id in reg.user_names]
            if user:
                self._canonical[root] = user[0]
                continue
            self._canonical[root] = self._display_name(nodes)
        self.keys: dict[int, str] = {}
        taken: set[str] = set()
        for root in sorted(groups, key=lambda r: (slugify(self._canonical[r]), groups[r][0].key)):
            base = slugify(self._canonical[root])
            key, n = base, 2
            while key in taken or key == "unresolved":
                key, n = f"{base}-{n}", n + 1
            taken.add(key)
            self.keys[root] = key
        adjacency: dict[int, list[tuple[int, _Edge]]] = defaultdict(list)
        for e in reg.clusters.edges:
            adjacency[e.a].append((e.b, e))
            adjacency[e.b].append((e.a, e))
        self._adjacency = {k: sorted(v, key=lambda x: x[0]) for k, v in adjacency.items()}

    def _display_name(self, nodes: list[_Node]) -> str:
        """The most complete, most often seen form of a person's name, in natural order, diacritics kept.

        Forms that differ only in accents or case are one spelling.  Spellings from
        participant lists are eligible, and others seen at least as often (so a
        one-off typo in a list loses to the spelling the texts keep using, and a
        stray "Dear Ana Lopes" does not win).  Among them the longest wins
        ("Tracy Q. Moyo"), then mixed case over capitals, then one starting with a
        word used as a given name, then the most sightings (lists counting double).
        """
        weight: dict[str, int] = defaultdict(int)
        listed: set[str] = set()
        for n in nodes:
            for r in n.records:
                weight[r.display] += 2 if r.source in ("participant", "absent") else 1
                if r.source in ("participant", "absent", "user"):
                    listed.add(r.display)
        spellings: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for display in weight:
            spellings[name_tokens(display)].append(display)
        support = {tokens: sum(weight[d] for d in forms) for tokens, forms in spellings.items()}
        floor = max((support[t] for t, forms in spellings.items() if set(forms) & listed), default=0)
        eligible = [t for t, forms in spellings.items() if set(forms) & listed or support[t] >= floor]

        def spelling_rank(tokens: tuple[str, ...]) -> tuple:
            return (
                -len(tokens),
                all(d.isupper() for d in spellings[tokens]),
                tokens[0] not in self.given_names,
                -support[tokens],
                tokens,
            )

        best = min(eligible, key=spelling_rank)
        return min(spellings[best], key=lambda d: (-sum(ord(c) > 127 for c in d), d.isupper(), -weight[d], d))

    def people_for(self, used_roots: set[int]) -> list[Person]:
        """The resolved people some mention, entry or candidate list points at."""
        reg = self.registry
        learned: dict[int, set[str]] = defaultdict(set)
        for full, alias, _ in self._person_alias_pairs:
            learned[reg.root(reg.node_of(full).id)].add(alias)
        for person in self.user.people:
            learned[reg.root(reg.node_of(person.name).id)].update(a for a in person.aliases if not _is_full_name(a))
        people = []
        for root in used_roots:
            canonical = self._canonical[root]
            variants = {d for n in self.groups[root] for d in n.displays} | learned.get(root, set())
            variants = {v for v in variants if name_tokens(v, accents=True) != name_tokens(canonical, accents=True)}
            people.append(Person(self.keys[root], canonical, True, tuple(sorted(variants))))
        return people

    def link(self, node_id: int, display: str) -> tuple[str, float, str]:
        """How a name joined its person: the weakest merge on the path to the canonical name."""
        reg = self.registry
        canonical = self._canonical[reg.root(node_id)]
        if name_tokens(display, accents=True) == name_tokens(canonical, accents=True):
            return "exact", 1.0, ""
        path = self._path(node_id, reg.node_of(canonical).id)
        if not path:
            return "name-order", CONFIDENCE["name-order"], f"name-order: '{display}' is '{canonical}' up to word order, case or diacritics"
        weakest = min(path, key=lambda e: (e.confidence, e.method))
        return weakest.method, weakest.confidence, "; ".join(e.evidence for e in path)

    def _path(self, start: int, goal: int) -> list[_Edge]:
        """The merges linking two names of one person (breadth-first, so the shortest chain)."""
        if start == goal:
            return []
        previous: dict[int, tuple[int, _Edge]] = {}
        frontier, seen = [start], {start}
        while frontier and goal not in previous:
            nxt = []
            for node in frontier:
                for other, edge in self._adjacency.get(node, ()):
                    if other not in seen:
                        seen.add(other)
                        previous[other] = (node, edge)
                        nxt.append(other)
            frontier = nxt
        path = []
        node = goal
        while node != start and node in previous:
            node, edge = previous[node]
            path.append(edge)
        return path[::-1]


def _fuzzy_score(a: tuple[str, ...], b: tuple[str, ...], abbreviated: frozenset[str] = frozenset()) -> float | None:
    """Similarity of two names of equal length with the same initials, or None when not comparable.

    ``abbreviated`` holds the words written with a full stop ("St."): only those may
    stand for a longer word.
    """
    if len(a) != len(b) or a == b or not any(x == y for x, y in zip(a, b)):
        return None
    expanded_a, expanded_b = [], []
    for x, y in zip(a, b):
        if x == y:
            expanded_a.append(x)
            expanded_b.append(y)
            continue
        short, long = sorted((x, y), key=len)
        if short in abbreviated and _abbreviates(short, long):
            # "St." for "Saint": an abbreviation, not a different word ("Al" for "Alan" may be another person).
            expanded_a.append(long)
            expanded_b.append(long)
        elif min(len(x), len(y)) >= 4 and OSA.distance(x, y) <= 1:
            expanded_a.append(x)
            expanded_b.append(y)
        else:
            return None
    return fuzz.ratio(" ".join(expanded_a), " ".join(expanded_b))


def _org_core(name: str) -> str:
    words = name.split()
    while len(words) > 1 and _fold(words[0]) in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


# --------------------------------------------------------------------------- mention ladder


_DELEGATE = re.compile(
    r"^(?:the\s+)(?:representatives?|delegates?|delegation|speaker)\s+(?:of|from|for)\s+(?:the\s+)?(?P<org>.+?)$"
    # "the OECD representative": the organisation before the noun
    r"|^the\s+(?P<before>[^,;()]+?)(?:'s)?\s+(?:representative|delegate|delegation)$",
    re.IGNORECASE,
)


# "Ms. Doe, speaking for the Ministry of X", "Mr. Roe of the Tern Trust", "Dr. Poe (Kestrel Labs)":
# the organisation a person mention is stated to represent, right after it.
_STATED_AFFILIATION = re.compile(
    r"^\s*(?:,\s*(?:who\s+(?:was\s+|is\s+)?)?(?:representing|represents|speaking\s+(?:for|on\s+behalf\s+of)|on\s+behalf\s+of)"
    r"|\s(?:of|from|representing)|\s*\((?:representing\s+)?)\s+(?:the\s+)?$|^\s*\($",
    re.IGNORECASE,
)
MIN_SHORT_FORM = 3
"""Letters a given name cut short must keep ("Raj" for "Rajesh")."""
MIN_NAME_ENDING = 4
"""Letters the end of a given name must have to stand for it ("Emeka" for "Chukwuemeka")."""
MAX_AFFILIATION_GAP = 40
"""Characters between a person mention and the organisation stated as theirs."""


def _org_words_key(name: str) -> tuple[str, ...]:
    return tuple(_fold(name).split())


class _Ladder:
    """Resolve one report's mentions against the registry."""

    def __init__(self, resolver: _Resolver, orgs: _Orgs | None = None):
        self.r = resolver
        self.reg = resolver.registry
        self.orgs = orgs

    def _name(self, root: int) -> str:
        return self.r.canonical(root)

    def _names(self, roots: Iterable[int]) -> str:
        return _quoted(sorted(self._name(r) for r in roots))

    def _combine(self, method: str, evidence: str, root: int, node_id: int | None, display: str | None, conf: float | None = None) -> _Outcome:
        """An outcome reached through a name: its merge into the person may be the weaker link."""
        conf = CONFIDENCE[method] if conf is None else conf
        rung = method
        if node_id is not None and display is not None:
            link_method, link_conf, link_evidence = self.r.link(node_id, display)
            if link_evidence:
                evidence = f"{evidence}; {link_evidence}"
            if link_conf < conf:
                method, conf = link_method, link_conf
        return _Outcome(root, method, conf, evidence, rung=rung)

    def _ambiguous(self, text: str, rung: str, roots: Iterable[int], detail: str = "") -> _Outcome:
        roots = frozenset(roots)
        evidence = f"'{text}' fits several people at the {rung} rung{detail}: {self._names(roots)}; left unresolved"
        return _Outcome(None, "ambiguous", 0.0, evidence, roots)

    # -- names

    def name(self, text: str, ctx: _Ctx, *, skip_participants: bool = False, skip_chair: bool = False,
             address: str | None = None) -> _Outcome:
        """The ladder for a name as written ("Priya", "Ms. St. Clair", "Tomas Lind").

        ``address`` is the form of address the mention was written with ("Dr." of "Dr. Naseem")
        when ``text`` no longer has it.
        """
        address = _leading_honorific(text) or address
        core, _ = _split_alias(_strip_honorifics(text))
        tokens = name_tokens(core)
        if not tokens:
            return _Outcome(None, "unresolved", 0.0, f"'{text}' has no name in it")
        abbreviated = _abbreviations(core)
        reg = self.reg
        registry_ambiguity = None

        user = self.r.user_alias_roots.get(tokens)
        if user is not None:
            node_id, evidence = user
            return _Outcome(reg.root(node_id), "user-alias", 1.0, evidence)

        if _is_full_name(core):
            node_id = reg.by_exact.get(name_tokens(core, accents=True))
            node = reg.nodes[node_id] if node_id is not None else reg.node_of(core)
            # A full name the corpus only mentions, fitting several people, climbs on.
            if node is not None and node.id in reg.ambiguous:
                registry_ambiguity = reg.ambiguous[node.id]
            elif node is not None and not node.attested and (
                listed := self._participant(text, core, tokens, ctx, abbreviated, skip_participants, address)
            ) is not None:
                # Only mentioned, never listed ("María José" said ...): the meeting's own list,
                # where "María José De la Cruz" is, knows better than the mention itself.
                return listed
            elif node is not None:
                root = reg.root(node.id)
                if node_id is not None:
                    evidence = f"'{core}' is the full name '{self._name(root)}' ({node.describe()})"
                    return self._combine("exact", evidence, root, node.id, core)
                evidence = f"'{core}' equals '{node.displays[0]}' ({node.describe()}) up to word order or diacritics"
                return self._combine("name-order", evidence, root, node.id, node.displays[0])

        outcome = self._participant(text, core, tokens, ctx, abbreviated, skip_participants, address)
        if outcome is not None:
            return outcome

        local = {reg.root(n) for n in ctx.local_aliases.get(tokens, ())}
        if len(local) == 1:
            (root,) = local
            evidence = f"{ctx.doc_id} states '{core}' as an alias of '{self._name(root)}'"
            return _Outcome(root, "text-alias", CONFIDENCE["text-alias"], evidence)
        outcome = self._completion(text, core, tokens, ctx)
        if outcome is not None:
            return outcome
        stated = self.r.alias_index.get(tokens, {})
        roots = {reg.root(n) for n in stated}
        if len(roots) == 1:
            (root,) = roots
            docs = sorted(set().union(*stated.values()))
            evidence = f"'{core}' is stated as an alias of '{self._name(root)}' in {_list(docs, 3)}"
            return _Outcome(root, "text-alias", CONFIDENCE["text-alias"], evidence)
        if len(roots) > 1:
            return self._ambiguous(text, "text-alias", roots)

        chair = ctx.chair_outcome
        if not skip_chair and chair is not None and chair.root is not None and _fits(tokens, name_tokens(ctx.chair)):
            evidence = f"'{core}' fits the chair of the meeting, '{ctx.chair}', named in {ctx.doc_id}"
            conf = min(CONFIDENCE["chair-line"], chair.confidence)
            return _Outcome(chair.root, "chair-line", conf, f"{evidence}; {chair.explained}" if conf < CONFIDENCE["chair-line"] else evidence)

        if ctx.entries and tokens[0] in _given_name_forms():
            outcome = self._familiar_form(text, tokens, ctx)
            if outcome is not None:
                return outcome

        outcome = self._roster(text, core, tokens, ctx, abbreviated)
        if outcome is not None:
            return outcome

        if len(tokens) == 1 and len(tokens[0]) >= 4 and ctx.entries:
            outcome = self._fuzzy_word(text, tokens[0], ctx)
            if outcome is not None:
                return outcome
        if len(tokens) == 1 and len(tokens[0]) >= MIN_SHORT_FORM and ctx.entries and not reg.by_token.get(tokens[0]):
            outcome = self._short_form(text, tokens[0], ctx)
            if outcome is not None:
                return outcome
        if len(tokens) == 1 and len(tokens[0]) >= MIN_NAME_ENDING and ctx.entries and not reg.by_token.get(tokens[0]):
            outcome = self._name_ending(text, tokens[0], ctx)
            if outcome is not None:
                return outcome
        if registry_ambiguity is not None:
            rung, candidates = registry_ambiguity
            return self._ambiguous(text, rung, {reg.root(c) for c in candidates})
        return _Outcome(
            None, "unresolved", 0.0,
            f"'{core}' fits nobody in the participant list of {ctx.doc_id}, the aliases stated in the corpus, "
            "the chair line or the people seen in the corpus",
        )

    def _participant(self, text: str, core: str, tokens: tuple[str, ...], ctx: _Ctx, abbreviated: frozenset[str],
                     skip: bool = False, address: str | None = None) -> _Outcome | None:
        """The only entry of the meeting's own participant list that the name fits (or ambiguity).

        Several entries sharing the name ("Dr. Naseem" for "Dr. Ibrahim Naseem" and "Aishath
        Naseem") may be told apart by the mention's form of address (:meth:`_by_address`).
        """
        if skip or not ctx.entries:
            return None
        fits = [e for e in ctx.entries_with(tokens, abbreviated) if e.root is not None and _fits(tokens, e.tokens, abbreviated)]
        roots = {e.root for e in fits}
        if len(roots) == 1:
            entry = fits[0]
            evidence = f"'{core}' fits only '{entry.name}' in the participant list of {ctx.doc_id}"
            return self._combine("participant-list", evidence, entry.root, entry.node, entry.name)
        if len(roots) > 1:
            told = self._by_address(text, address, fits, ctx) if address else None
            return told or self._ambiguous(text, "participant-list", roots, f" (the participant list of {ctx.doc_id})")
        return None

    def _by_address(self, text: str, address: str, fits: list[_Entry], ctx: _Ctx) -> _Outcome | None:
        """Of several listed people a surname fits, the one the mention's form of address singles out.

        The one entry listed with the same form ("Dr. Naseem": only "Dr. Ibrahim Naseem" is
        listed as "Dr.") is that person.  Failing that, when every other entry is listed with a
        form the mention contradicts (another gender's "Mr."; a title such as "Dr." where the
        mention has a plain "Ms."), the one left is, at a lower confidence: a writer who
        lists one namesake as "Dr." and calls someone "Ms. Naseem" means the other.  Else None.
        """
        entries: dict[int, _Entry] = {}
        for e in fits:
            entries.setdefault(e.root, e)
        names = self._names(entries)
        text = text if _leading_honorific(text) else f"{address} {text}"
        same = {r: e for r, e in entries.items() if e.address and _same_address(address, e.address)}
        if len(same) == 1:
            ((root, entry),) = same.items()
            evidence = (f"'{text}' fits {len(entries)} entries of the participant list of {ctx.doc_id} ({names}); "
                        f"only '{entry.written}' is listed as '{entry.address}'")
            return self._combine("participant-list", evidence, root, entry.node, entry.name, ADDRESS_MATCH_CONFIDENCE)
        if same:
            return self._ambiguous(text, "participant-list", same, f" (listed as '{address}' in {ctx.doc_id})")
        clashes = {r: _address_clash(address, e.address) for r, e in entries.items()}
        left = [r for r, clash in clashes.items() if clash is None]
        if len(left) != 1:
            return None
        (root,) = left
        entry = entries[root]
        others = [entries[r] for r in sorted(entries) if r != root]
        by_gender = all(clashes[e.root] == "gender" for e in others)
        why = "a form of another gender" if by_gender else "a title the mention does not use"
        evidence = (f"'{text}' fits {len(entries)} entries of the participant list of {ctx.doc_id} ({names}); "
                    f"the others are listed with {why} ({_quoted(e.written for e in others)}), "
                    f"which leaves '{entry.name}'")
        conf = ADDRESS_ELIMINATION_CONFIDENCE if by_gender else ADDRESS_TITLE_ELIMINATION_CONFIDENCE
        return self._combine("participant-list", evidence, root, entry.node, entry.name, conf)

    def _completion(self, text: str, core: str, tokens: tuple[str, ...], ctx: _Ctx) -> _Outcome | None:
        """A first name listed alone, completed by the only full name the same report writes with it.

        The report's mail headers, signature or text ("From: Søren Kallestrup", "Søren
        Kallestrup (DC coordinator) opened ...") name the person in full; several such
        names leave the entry ambiguous, with them as its candidates.
        """
        found = ctx.completions.get(tokens)
        if not found:
            return None
        roots = {self.reg.root(node_id) for node_id, _, _ in found}
        if len(roots) > 1:
            return self._ambiguous(text, "corpus-roster", roots, f" (the full names {ctx.doc_id} writes with it)")
        node_id, full, source = found[0]
        where = "; ".join(dict.fromkeys(f"{_SOURCE_LABEL[s]} {ctx.doc_id}" for _, _, s in found))
        evidence = f"'{core}' fits only '{full}' among the full names {ctx.doc_id} writes ({where})"
        return self._combine("corpus-roster", evidence, self.reg.root(node_id), node_id, full)

    def _roster(self, text: str, core: str, tokens: tuple[str, ...], ctx: _Ctx, abbreviated: frozenset[str]) -> _Outcome | None:
        """People seen anywhere in the corpus whose name contains the mention."""
        reg = self.reg
        words = [t for t in tokens if len(t) > 1 and t not in abbreviated]
        if not words:
            return None
        ids = set.intersection(*(reg.by_token.get(t, set()) for t in words))
        fits: dict[int, list[_Node]] = defaultdict(list)
        for node_id in sorted(ids):
            node = reg.nodes[node_id]
            if node_id not in reg.ambiguous and any(_fits(tokens, f, abbreviated) for f in node.token_forms):
                fits[reg.root(node_id)].append(node)
        if not fits:
            return None
        if len(fits) == 1:
            ((root, nodes),) = fits.items()
            where = "; ".join(n.describe() for n in nodes)
            evidence = f"'{core}' fits only '{self._name(root)}' among the people seen in the corpus ({where})"
            return self._combine("corpus-roster", evidence, root, nodes[0].id, nodes[0].displays[0])
        here = [root for root, nodes in fits.items() if any(ctx.doc_id in n.docs for n in nodes)]
        if len(here) == 1:
            (root,) = here
            evidence = (
                f"'{core}' fits {len(fits)} people in the corpus ({self._names(fits)}), "
                f"but only '{self._name(root)}' is named in full in {ctx.doc_id}"
            )
            return _Outcome(root, "corpus-roster", CONFIDENCE["corpus-roster"], evidence)
        if ctx.date is None:
            return self._ambiguous(text, "corpus-roster", fits, f" ({ctx.doc_id} has no date to prefer one)")
        distances = []
        for root, nodes in fits.items():
            days = [
                (abs((r.date - ctx.date).days), r.doc_id)
                for n in nodes
                for r in n.records
                if r.date is not None and r.doc_id != ctx.doc_id
            ]
            if days:
                distances.append((min(days), root))
        distances.sort(key=lambda x: (x[0][0], x[1]))
        if len(distances) == len(fits):
            (d1, doc1), best = distances[0]
            (d2, _), second = distances[1]
            if d1 * DATE_RATIO <= d2 and d2 - d1 >= DATE_MIN_GAP_DAYS:
                evidence = (
                    f"'{core}' fits {len(fits)} people in the corpus ({self._names(fits)}); '{self._name(best)}' "
                    f"was seen nearest the meeting's date ({d1} days away, in {doc1}), the next, "
                    f"'{self._name(second)}', {d2} days away: preferred by that clear margin"
                )
                return _Outcome(best, "corpus-roster", ROSTER_BY_DATE_CONFIDENCE, evidence)
        return self._ambiguous(text, "corpus-roster", fits, " (none was seen clearly nearer the meeting's date)")

    def _short_form(self, text: str, word: str, ctx: _Ctx) -> _Outcome | None:
        """A given name cut short ("Raj" for "Rajesh"): the one entry of the meeting's list whose first name opens with it.

        Only for a word no name in the corpus holds whole, so a "Raj" seen anywhere keeps it.
        """
        fits = {e.root: e for e in ctx.entries if e.root is not None and len(e.tokens) >= 2
                and e.tokens[0] != word and e.tokens[0].startswith(word)}
        return self._one_entry(text, "variant", fits, ctx, lambda entry: (
            f"'{text}' is the start of the first name of '{entry.name}', the only such entry in the "
            f"participant list of {ctx.doc_id}, and no name in the corpus holds it whole"))

    def _name_ending(self, text: str, word: str, ctx: _Ctx) -> _Outcome | None:
        """The end of a given name ("Emeka" for "Chukwuemeka"): the one entry of the meeting's list whose first name ends with it.

        Only for a word of four letters or more that no name in the corpus holds whole; a
        lower confidence than a name cut short at its start, which is the commoner habit.
        """
        fits = {e.root: e for e in ctx.entries if e.root is not None and len(e.tokens) >= 2
                and e.tokens[0] != word and e.tokens[0].endswith(word)}
        return self._one_entry(text, "variant", fits, ctx, lambda entry: (
            f"'{text}' is the end of the first name of '{entry.name}', the only such entry in the "
            f"participant list of {ctx.doc_id}, and no name in the corpus holds it whole"), NAME_ENDING_CONFIDENCE)

    def _familiar_form(self, text: str, tokens: tuple[str, ...], ctx: _Ctx) -> _Outcome | None:
        """A well-known short form of a given name ("Maggie", "Pepe"): the one listed entry called by the full name.

        The pairs are data (``kg/nlp/patterns/given_name_forms.json``).  The rest of the
        mention ("Maggie O'Donnell") must fit the rest of the entry.  Not when a full name the
        same report writes fits the mention as it stands: that person is the one meant.
        """
        reg = self.reg
        here = [n for n in set.intersection(*(reg.by_token.get(t, set()) for t in tokens))
                if ctx.doc_id in reg.nodes[n].docs and any(_fits(tokens, f) for f in reg.nodes[n].token_forms)]
        if here:
            return None
        full = _given_name_forms()[tokens[0]]
        fits = {e.root: e for e in ctx.entries if e.root is not None and len(e.tokens) >= 2 and e.tokens[0] in full
                and (len(tokens) == 1 or _fits(tokens[1:], e.tokens[1:]))}
        return self._one_entry(text, "variant", fits, ctx, lambda entry: (
            f"'{text}' is a familiar form of '{entry.name.split()[0]}' (given_name_forms.json), and '{entry.name}' is "
            f"the only entry of the participant list of {ctx.doc_id} with that first name"), SHORT_FORM_CONFIDENCE)

    def _one_entry(self, text: str, method: str, fits: Mapping[int, _Entry], ctx: _Ctx,
                   evidence: Callable[[_Entry], str], conf: float | None = None) -> _Outcome | None:
        """The one participant entry that fits, as ``method`` with its evidence; ambiguous among several."""
        if len(fits) == 1:
            ((root, entry),) = fits.items()
            return self._combine(method, evidence(entry), root, entry.node, entry.name, conf)
        if fits:
            return self._ambiguous(text, method, fits, f" (the participant list of {ctx.doc_id})")
        return None

    def _fuzzy_word(self, text: str, word: str, ctx: _Ctx) -> _Outcome | None:
        """A one-letter typo of a word of exactly one participant entry."""
        scored: dict[int, tuple[float, _Entry]] = {}
        for e in ctx.entries:
            if e.root is None:
                continue
            for t in e.tokens:
                if t[0] == word[0] and len(t) >= 4 and OSA.distance(t, word) == 1:
                    score = fuzz.ratio(t, word)
                    if score > scored.get(e.root, (0.0, e))[0]:
                        scored[e.root] = (score, e)
        if len(scored) == 1:
            ((root, (score, entry)),) = scored.items()
            evidence = (
                f"'{word}' is one typo (a letter added, dropped, changed or swapped) away from a word of '{entry.name}', "
                f"the only such entry in the participant list of {ctx.doc_id}"
            )
            return self._combine("fuzzy", evidence, root, entry.node, entry.name, round(CONFIDENCE["fuzzy"] * score / 100, 2))
        if len(scored) > 1:
            return self._ambiguous(text, "fuzzy", scored, f" (the participant list of {ctx.doc_id})")
        return None

    # -- roles

    def role(self, mention: Mention, ctx: _Ctx) -> _Outcome:
        """Roles and pronouns: through their antecedent, else the role's only holder or the chair."""
        text = mention.text.strip() or mention.name
        if mention.antecedent and mention.antecedent.strip():
            antecedent = mention.antecedent.strip()
            inner = self.name(antecedent, ctx)
            if inner.root is None and _role_tokens(antecedent) != _role_tokens(text):
                phrase = self._role_phrase(antecedent, ctx)
                if phrase.root is not None:
                    inner = phrase
            evidence = f"'{text}' refers to '{antecedent}' in {ctx.doc_id}; {inner.explained}"
            if inner.root is None:
                return _Outcome(None, inner.method, 0.0, evidence, inner.candidates)
            return _Outcome(inner.root, "role", min(CONFIDENCE["role"], inner.confidence), evidence)
        if mention.kind == "pronoun":
            return _Outcome(None, "unresolved", 0.0, f"the pronoun '{text}' has no antecedent in {ctx.doc_id}")
        delegate = self._delegate(text, ctx)
        if delegate is not None:
            return delegate
        return self._role_phrase(mention.name or text, ctx)

    def _role_phrase(self, text: str, ctx: _Ctx) -> _Outcome:
        """A role as written: its only holder on the list, or the chair named by the chair line."""
        delegate = self._delegate(text, ctx)
        if delegate is not None:
            return delegate
        role = _role_tokens(text)
        if not role:
            return _Outcome(None, "unresolved", 0.0, f"'{text}' names no role")
        exact: dict[int, _Entry] = {}
        holders: dict[int, _Entry] = {}
        for e in ctx.entries:
            if e.root is None:
                continue
            for phrase in e.roles:
                if phrase == role:
                    exact.setdefault(e.root, e)
                if _fits(role, phrase) and not ((set(phrase) - set(role)) & _ROLE_QUALIFIERS):
                    holders.setdefault(e.root, e)
        if len(exact) == 1:
            ((root, entry),) = exact.items()
            return self._role_holder(text, root, entry, ctx)
        chair = ctx.chair_outcome
        chair_root = chair.root if chair is not None else None
        chair_like = bool(set(role) & _CHAIR_WORDS)
        # "The chair" alone means the meeting's chair; "the Host Country Co-Chair" names a post.
        bare = all(t in _CHAIR_WORDS for t in role)
        if chair_like and chair_root is not None and (chair_root in holders or (bare and not holders)):
            detail = f"{len(holders)} participants hold it ({self._names(holders)}) and " if holders else ""
            evidence = f"'{text}' is a chair's role; {detail}the chair line of {ctx.doc_id} names '{ctx.chair}'"
            return _Outcome(chair_root, "chair-line", min(CONFIDENCE["chair-line"], chair.confidence), evidence)
        if bare and chair_root is not None:
            return self._ambiguous(text, "role", {*holders, chair_root}, f" (the chair line and the participant list of {ctx.doc_id})")
        if len(holders) == 1:
            ((root, entry),) = holders.items()
            return self._role_holder(text, root, entry, ctx)
        if holders:
            return self._ambiguous(text, "role", holders, f" (the participant list of {ctx.doc_id})")
        posts: dict[int, tuple[_Entry, tuple[str, ...]]] = {}
        for e in ctx.entries:
            for phrase in e.posts if e.root is not None else ():
                if _fits(role, phrase) and not ((set(phrase) - set(role)) & _ROLE_QUALIFIERS):
                    posts.setdefault(e.root, (e, phrase))
        if len(posts) == 1:
            ((root, (entry, phrase)),) = posts.items()
            evidence = (f"'{text}' fits the post '{' '.join(phrase)}' that only '{entry.name}' is listed with "
                        f"in the participant list of {ctx.doc_id} (among the entry's descriptors)")
            return self._combine("role", evidence, root, entry.node, entry.name)
        if posts:
            return self._ambiguous(text, "role", posts, f" (the descriptors of the participant list of {ctx.doc_id})")
        return _Outcome(None, "unresolved", 0.0, f"'{text}' fits no participant's role and no chair line in {ctx.doc_id}")

    def _delegate(self, text: str, ctx: _Ctx) -> _Outcome | None:
        """"The representative of ISOC": the only listed person from that organisation (name or acronym).

        "A representative of ..." does not say which one, and stays unresolved.
        """
        m = _DELEGATE.match(text.strip())
        if m is None or self.orgs is None:
            return None
        org = m.group("org") or m.group("before")
        found = self.orgs.lookup(org, ctx.doc_id)
        if found is None:
            return self._stated_delegate(text, org, ctx)
        fits = {e.root: e for e in ctx.entries if e.root is not None and found[0] in e.orgs}
        return self._one_entry(text, "role", fits, ctx, lambda entry: (
            f"'{text}' names the organisation of only '{entry.name}' in the participant list of "
            f"{ctx.doc_id} ({found[3]})")) or self._stated_delegate(text, org, ctx)

    def _stated_delegate(self, text: str, org: str, ctx: _Ctx) -> _Outcome | None:
        """The only person the report's text states as representing the organisation.

        "Ms. Doe, speaking for the Ministry of Posts" makes her "the representative of
        the Ministry": the organisation as written, or the words its stated name opens
        with, fits her statement and nobody else's.
        """
        want = _org_words_key(_org_core(org))
        if not want:
            return None
        fits: dict[int, str] = {}
        for root, stated, _ in ctx.stated:
            words = _org_words_key(_org_core(stated))
            if words[: len(want)] == want:
                fits.setdefault(root, stated)
        if len(fits) == 1:
            ((root, stated),) = fits.items()
            evidence = f"'{text}' names the organisation that only '{self._name(root)}' is stated to represent in {ctx.doc_id} ('{stated}')"
            return _Outcome(root, "role", CONFIDENCE["role"], evidence)
        if fits:
            return self._ambiguous(text, "role", fits, f" (the organisations the text of {ctx.doc_id} states)")
        return None

    def _role_holder(self, text: str, root: int, entry: _Entry, ctx: _Ctx) -> _Outcome:
        """The participant entry holding the role."""
        evidence = f"'{text}' fits the role of only '{entry.name}' ({entry.label}) in the participant list of {ctx.doc_id}"
        return self._combine("role", evidence, root, entry.node, entry.name)


# --------------------------------------------------------------------------- organisations

_ORG_PREPOSITIONS = frozenset({"of", "for", "on", "in", "to", "at", "from"})
"""Where an organisation's head ends: "Council | for Digital Cooperation"."""
_ORG_CONNECTORS = frozenset({"of", "the", "for", "on", "and", "to"})
"""What may join generic heads into a name that is still generic ("Secretariat of the Committee")."""
_ACRONYM_DOTS = re.compile(r"\b(?:[^\W\d_]\.){2,}")
_SPACED_AMPERSAND = re.compile(r"\s+&\s+")


@lru_cache(maxsize=1 << 16)
def _org_key(name: str) -> str:
    """An organisation's name folded for comparison.

    Case, accents and punctuation aside as for people ("Asia-Pacific" = "Asia Pacific",
    "Tech Envoy's" = "Tech Envoys"), an acronym's periods dropped ("U.N." = "UN") and a
    spaced "&" read as "and".
    """
    name = _ACRONYM_DOTS.sub(lambda m: m.group().replace(".", ""), name)
    return _fold(_SPACED_AMPERSAND.sub(" and ", name))


def _org_words(key: str) -> tuple[str, ...]:
    words = key.split()
    while len(words) > 1 and words[0] in _DETERMINERS:
        words = words[1:]
    return tuple(words)


@lru_cache(maxsize=1)
def _generic_heads() -> frozenset[tuple[str, ...]]:
    return frozenset(_org_words(_org_key(h)) for h in parse_vocab.load("organisations").get("generic_heads", ()))


@lru_cache(maxsize=1)
def _generic_acronyms() -> dict[str, tuple[str, ...]]:
    data = parse_vocab.load("organisations").get("generic_acronyms", {})
    return {_org_key(short): _org_words(_org_key(head)) for short, head in data.items()}


@lru_cache(maxsize=1)
def _umbrella_qualifiers() -> tuple[tuple[str, ...], ...]:
    words = {_org_words(_org_key(q)) for q in parse_vocab.load("organisations").get("umbrella_qualifiers", ())}
    return tuple(sorted(words, key=lambda q: (-len(q), q)))


@lru_cache(maxsize=1)
def _stakeholder_groups() -> frozenset[str]:
    return frozenset(_org_key(g) for g in parse_vocab.load("groups").get("stakeholder_groups", ()))


@lru_cache(maxsize=1 << 14)
def _generic_head(key: str) -> tuple[str, ...] | None:
    """The head a name that is nothing but one names ("committee", "the wg" -> "working group"), else None."""
    words = _org_words(key)
    if words in _generic_heads():
        return words
    return _generic_acronyms().get(words[0]) if len(words) == 1 else None


@lru_cache(maxsize=1 << 14)
def _is_generic(key: str) -> bool:
    """Whether a name is only generic heads, joined or not ("Committee", "Secretariat of the Committee")."""
    if _generic_head(key):
        return True
    words, heads = _org_words(key), _generic_heads()
    longest = max(map(len, heads), default=1)
    i, found = 0, False
    while i < len(words):
        if words[i] in _ORG_CONNECTORS:
            i += 1
            continue
        n = next((n for n in range(longest, 0, -1) if words[i:i + n] in heads), 0)
        if not n:
            return False
        i, found = i + n, True
    return found


def _is_stakeholder_group(key: str) -> bool:
    """ "Civil Society", "private sector": a stakeholder group, no organisation ("the Government" is one)."""
    return key in _stakeholder_groups() and not _generic_head(key)


def _headed_by(key: str, head: tuple[str, ...]) -> bool:
    """Whether a longer name has ``head`` as its head: "Council for Digital Cooperation", "IGF Secretariat"."""
    words = _org_words(key)
    cut = next((i for i, w in enumerate(words) if i > 0 and w in _ORG_PREPOSITIONS), len(words))
    return len(words) > len(head) and cut >= len(head) and words[cut - len(head):cut] == head


def _written(text: str, start: int, end: int, name: str) -> str:
    """A mention's words as the report writes them (the name when the text does not hold the span)."""
    written = text[start:end] if 0 <= start < end <= len(text) else ""
    return written.strip() or name


@dataclass
class _Sighting:
    """A report's use of an organisation name: ``written`` is the text's spelling, ``candidate`` whether it says
    which organisation a generic head in the same report is."""

    doc: str
    key: str
    written: str
    candidate: bool


class _Orgs:
    """Organisations named in participant descriptors, the text and speakers, merged by name and acronym.

    Names are compared by :func:`_org_key`.  Across the corpus, names merge when a text pairs
    a name with an acronym ("Open Cable Society (OCS)"), or when a name is another less a
    leading umbrella qualifier ("Youth Mentorship Programme" / "IGF Youth Mentorship
    Programme") and the corpus holds one such longer name.  A generic name ("the Committee",
    "the WG", "Secretariat of the Committee") is never merged across reports: within its
    report it is the one organisation there whose name has that head; when the report names
    none or several, it is the report's own organisation, keyed ``<doc_id>/<slug>``.  A
    stakeholder group ("Civil Society") is no organisation.
    """

    def __init__(
        self, docs: list[Annotations], pairs: list[tuple[str, str, str]], user: AliasFile, nicknames: list[tuple[str, str, str]]
    ):
        records: dict[str, list[str]] = defaultdict(list)
        docs_of: dict[str, set[str]] = defaultdict(set)
        # "Bibi" in "Benedetta Rossi (Bibi), Expert" is her nickname, not her organisation.
        self.nicknames = {(name_tokens(full), _fold(alias)) for full, alias, _ in nicknames}
        sightings: list[_Sighting] = []
        generic: dict[tuple[str, str], list[str]] = defaultdict(list)
        """(doc, generic key) -> its displays in that report."""
        # The alias file may say what a generic name is everywhere ("Secretariat" for "IGF Secretariat").
        user_keys = {_org_key(" ".join(_org_core(n).split())) for o in user.organisations for n in (o.name, *o.aliases)}

        def add(display: str, doc: str | None = None, written: str | None = None, candidate: bool = True) -> str | None:
            display = " ".join(_org_core(display).split())
            key = _org_key(display)
            if not key or _is_stakeholder_group(key):
                return None
            if doc is not None and _is_generic(key) and key not in user_keys:
                generic[(doc, key)].append(display)
                return key
            records[key].append(display)
            if doc is not None:
                docs_of[key].add(doc)
                sightings.append(_Sighting(doc, key, written or display, candidate))
            return key

        links: list[tuple[str, str, str]] = []
        local_links: list[tuple[str, str, str]] = []

        def pair(full: str, acronym: str, doc: str, written: str | None = None) -> None:
            k, a = add(full, doc, written), add(acronym, doc)
            if not (k and a and k != a):
                return
            if (doc, k) in generic or (doc, a) in generic:
                local_links.append((doc, k, a))  # "Working Group (WG)": only this report says which it is
            else:
                links.append((k, a, doc))

        for a in docs:
            doc = a.report.source.doc_id
            text = a.report.text
            for p in a.report.participants:
                for org in self.descriptors(p):
                    core, acronym = _split_alias(org)
                    if acronym and _is_acronym(acronym):
                        pair(core, acronym, doc)
                    else:
                        add(org, doc)
            for o in a.org_mentions:
                written = _written(text, o.start, o.end, o.name)
                if o.acronym:
                    pair(o.name, o.acronym, doc, written)
                else:
                    add(o.name, doc, written)
            for m in _labels(a):
                inner = _label_organisation(m)
                if inner:
                    add(inner, doc)
        for full, alias, doc in pairs:
            pair(full, alias, doc)
        forced: list[tuple[str, str, UserOrganisation]] = []
        user_names: dict[str, str] = {}
        for org in user.organisations:
            k = add(org.name)
            if k is None:
                continue
            user_names[k] = org.name
            forced.extend((k, a, org) for alias in org.aliases if (a := add(alias)) is not None)
        # Names only a speaker's reading as an organisation attests ("Haoran noted", misread).
        self.attested = set(records)
        self.attested_generic = set(generic)
        for a in docs:
            doc = a.report.source.doc_id
            for i in a.interventions:
                if i.speaker.kind == "organisation":
                    add(i.speaker.name or i.speaker.text, doc, i.speaker.text, candidate=False)

        parent = {k: k for k in records}

        def find(k: str) -> str:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        self.how: dict[str, tuple[str, str]] = {}
        """How a name joined its organisation: ``(method, evidence)``."""
        for k, alias_key, org in forced:
            union(k, alias_key)
            self.how[alias_key] = ("user-alias", f"the alias file{_at(org.line)} lists '{records[alias_key][0]}' for '{org.name}'")
        # An acronym paired with two different names joins neither.
        partners: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for full, acronym, doc in links:
            partners[acronym][full].add(doc)
        for acronym in sorted(partners):
            fulls = partners[acronym]
            if len({find(f) for f in fulls}) != 1:
                continue
            for full in sorted(fulls):
                union(full, acronym)
                evidence = f"'{records[acronym][0]}' is paired with '{records[full][0]}' in {_list(sorted(fulls[full]), 3)}"
                self.how.setdefault(acronym, ("text-alias", evidence))
                self.how.setdefault(full, ("text-alias", evidence))
        for short, (qualifier, long) in sorted(self._qualified(records, find).items()):
            union(short, long)
            evidence = (f"'{records[short][0]}' is '{records[long][0]}' less the leading '{qualifier}', the only such longer "
                        f"name in the corpus ({_list(sorted(docs_of[long]), 3)})")
            self.how.setdefault(short, ("variant", evidence))

        groups: dict[str, list[str]] = defaultdict(list)
        for k in sorted(records):
            groups[find(k)].append(k)
        self.key_of: dict[str, str] = {}
        self.canonical_of: dict[str, str] = {}
        organisations = []
        taken: set[str] = set()
        for root in sorted(groups):
            members = groups[root]
            counts: dict[str, int] = defaultdict(int)
            for k in members:
                for display in records[k]:
                    counts[display] += 1
            user_name = next((user_names[k] for k in members if k in user_names), None)
            # A full name over an acronym, then the most frequent, the longest.
            canonical = user_name or min(counts, key=lambda d: (_is_acronym(d), -counts[d], -len(d), d))
            base = slugify(canonical)
            key, n = base, 2
            while key in taken:
                key, n = f"{base}-{n}", n + 1
            taken.add(key)
            # Every spelling the graph would not find under the canonical name ("Asia Pacific ..." for "Asia-Pacific ...").
            alt: dict[str, str] = {}
            for d in sorted(counts, key=lambda d: (-counts[d], d)):
                if _label_key(d) != _label_key(canonical):
                    alt.setdefault(_label_key(d), d)
            organisations.append(Organisation(key, canonical, tuple(sorted(alt.values()))))
            for k in members:
                self.key_of[k] = key
                self.canonical_of[k] = canonical
        self.speaker_only = {o.key for o in organisations} - {self.key_of[k] for k in self.attested}

        self.local: dict[tuple[str, str], tuple[str, str, float, str]] = {}
        """(doc, generic key) -> ``(key, method, confidence, evidence)``: what the name is in that report."""
        own = self._resolve_generic(generic, sightings, local_links)
        self.organisations = sorted([*organisations, *own], key=lambda o: o.key)
        self.speaker_only |= {o.key for o in own} - {self.local[dk][0] for dk in self.attested_generic if dk in self.local}

    def _qualified(self, records: Mapping[str, list[str]], find: Callable[[str], str]) -> dict[str, tuple[str, str]]:
        """Names that are another less a leading umbrella qualifier: ``{short key: (qualifier, long key)}``.

        Only when the corpus holds one such longer name (or several already merged), and never
        for a generic name or an acronym: "General Assembly" joins "UN General Assembly", while
        "Caribbean IGF" stays apart from "Latin American and the Caribbean IGF".
        """
        longer: dict[str, dict[str, int]] = defaultdict(dict)
        for k in sorted(records):
            words = k.split()
            for qualifier in _umbrella_qualifiers():
                n = len(qualifier)
                short = " ".join(words[n:])
                if len(words) > n and tuple(words[:n]) == qualifier and short in records:
                    longer[short][k] = n
                    break
        out: dict[str, tuple[str, str]] = {}
        for short, longs in sorted(longer.items()):
            if _is_generic(short) or all(_is_acronym(d) for d in records[short]) or len({find(k) for k in longs}) != 1:
                continue
            long = min(longs)
            out[short] = (" ".join(records[long][0].split()[: longs[long]]), long)
        return out

    def _resolve_generic(
        self, generic: Mapping[tuple[str, str], list[str]], sightings: list[_Sighting], local_links: list[tuple[str, str, str]]
    ) -> list[Organisation]:
        """Decide what each report's generic names are; returns the reports' own organisations.

        A generic name is, in its report, the organisation a text pairs it with ("the Working
        Group (WG)", where "WG" is paired with a full name), else the only one the report names,
        as written in words, with that head.  Otherwise it is the report's own: a
        ``<doc_id>/<slug>`` organisation, ``unresolved`` (no candidate) or ``ambiguous`` (several).
        """
        by_doc: dict[str, list[_Sighting]] = defaultdict(list)
        for s in sightings:
            if s.candidate:
                by_doc[s.doc].append(s)
        paired: dict[tuple[str, str], str] = {}
        same: dict[tuple[str, str], str] = {}
        for doc, k, a in sorted(local_links):
            if (doc, k) in generic and (doc, a) in generic:
                same.setdefault((doc, a), k)  # "Working Group (WG)": the acronym is whatever the name is
            elif (doc, k) in generic and a in self.key_of:
                paired.setdefault((doc, k), a)
            elif (doc, a) in generic and k in self.key_of:
                paired.setdefault((doc, a), k)
        own: dict[str, Organisation] = {}

        def decide(doc: str, k: str) -> tuple[str, str, float, str]:
            display = min(generic[(doc, k)], key=lambda d: (_is_acronym(d), d))
            if (doc, k) in paired:
                other = paired[(doc, k)]
                evidence = f"text-alias: {doc} pairs '{display}' with '{self.canonical_of[other]}'"
                return self.key_of[other], "text-alias", CONFIDENCE["text-alias"], evidence
            head = _generic_head(k)
            found: dict[str, str] = {}
            for s in by_doc.get(doc, ()) if head else ():
                if s.key in self.key_of and _headed_by(_org_key(_org_core(s.written)), head):
                    found.setdefault(self.key_of[s.key], s.written)
            headed = f"with the head '{' '.join(head)}'" if head else "it could be"
            if len(found) == 1:
                ((key, written),) = found.items()
                evidence = f"variant: '{display}' is '{written}', the only organisation {headed} that {doc} names"
                return key, "variant", CONFIDENCE["variant"], evidence
            key, n = f"{doc}/{slugify(display)}", 2
            while key in own:
                key, n = f"{doc}/{slugify(display)}-{n}", n + 1
            own[key] = Organisation(key, display, ())
            if found:
                evidence = (f"ambiguous: {doc} names several organisations {headed} ({_quoted(sorted(found.values()))}); "
                            f"'{display}' stays that report's own")
                return key, "ambiguous", CONFIDENCE["ambiguous"], evidence
            evidence = f"unresolved: {doc} names no organisation {headed}; '{display}' stays that report's own"
            return key, "unresolved", CONFIDENCE["unresolved"], evidence

        for doc, k in sorted(generic):
            if (doc, k) not in same:
                self.local[(doc, k)] = decide(doc, k)
        for doc, a in sorted(same):
            k = same[(doc, a)]
            self.local[(doc, a)] = self.local[(doc, k)] if (doc, k) in self.local else decide(doc, a)
        return list(own.values())

    def is_attested(self, name: str, doc: str | None = None) -> bool:
        """Whether a participant descriptor, the text or the alias file names this organisation (in ``doc``, for a generic name)."""
        key = _org_key(" ".join(_org_core(name).split()))
        return key in self.attested or (doc, key) in self.attested_generic

    def used(self, keys: set[str]) -> tuple[Organisation, ...]:
        """The organisations to publish: all the documents name, and speakers' ones that were kept."""
        return tuple(o for o in self.organisations if o.key not in self.speaker_only or o.key in keys)

    def descriptors(self, participant: Participant) -> list[str]:
        """A participant's organisations, less a nickname stated for them."""
        tokens = name_tokens(_split_alias(participant.name)[0])
        return [o for o in participant.organisations if (tokens, _fold(o)) not in self.nicknames]

    def lookup(self, name: str, doc: str | None = None) -> tuple[str, str, float, str] | None:
        """``(key, method, confidence, evidence)`` for an organisation's name as report ``doc`` uses it, or None.

        A generic name ("the Committee") is found only in a report that uses it.
        """
        core = " ".join(_org_core(name).split())
        k = _org_key(core)
        if (doc, k) in self.local:
            return self.local[(doc, k)]
        if k not in self.key_of:
            return None
        canonical = self.canonical_of[k]
        if _org_key(canonical) == k:
            return self.key_of[k], "exact", 1.0, f"exact: '{core}' names the organisation '{canonical}'"
        method, evidence = self.how.get(k, ("exact", f"'{core}' names the organisation '{canonical}'"))
        return self.key_of[k], method, CONFIDENCE[method], f"{method}: {evidence}"

    def local_lookup(self, name: str, doc: str) -> tuple[str, str, float, str] | None:
        """What a generic name is in report ``doc`` (None for any other name)."""
        return self.local.get((doc, _org_key(" ".join(_org_core(name).split()))))


def _labels(a: Annotations) -> list[Mention]:
    """The person mentions that are a transcript's or chat's speaker labels ("14:02 From Ana Lima (ACME) to Everyone:")."""
    spans = {(t.label_start, t.label_end) for t in a.report.turns}
    return [i.speaker for i in a.interventions if i.speaker.kind == "person" and (i.speaker.start, i.speaker.end) in spans]


def _label_organisation(m: Mention) -> str | None:
    """The organisation a speaker label gives in brackets after the name ("Ana Lima (Kestrel Labs)"), if it names one.

    The brackets must hold a word that marks an organisation ("Labs", "Secretariat"), or an
    acronym that is not the person's initials; a role ("(moderator)"), a place or a mode of
    attendance ("(remote)") is none.
    """
    core, inner = _split_alias(m.text)
    if not inner or is_role(inner) or is_location(inner) or is_attendance_mode(inner):
        return None
    if is_organisation_cue(inner) or (_is_acronym(inner) and not is_initials_of(inner, core)):
        return inner
    return None


def _label_key(label: str) -> str:
    """How the graph compares organisation names (case and spacing aside): the spellings an alternative label must cover."""
    return " ".join(label.casefold().split())


# --------------------------------------------------------------------------- entry point


def resolve(annotations: Sequence[Annotations], aliases: Path | None = None) -> Resolution:
    """Resolve every speaker mention and participant entry of the corpus to people.

    Deterministic and independent of the order of ``annotations``.  ``aliases``
    is a TOML alias file (see :func:`load_aliases`) that confirms or overrides
    merges.

    Raises:
        ResolveError: the alias file is missing or malformed, a pin names a
            mention its report does not have, or two reports share a doc id.
    """
    user = load_aliases(aliases) if aliases is not None else None
    resolver = _Resolver(annotations, user)
    out = _Output(resolver)
    for a in resolver.docs:
        out.report(a)
    return out.result()


_OWNER_SPLIT = re.compile(r"\s*(?:,|;|&|/|\band\b|\bwith\b)\s*", re.IGNORECASE)


def _written_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _name_words(name: str) -> list[str]:
    """Words of a name, accents and punctuation aside: "El-Amrani" and "el amrani" agree."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    return re.findall(r"[^\W\d_]+", "".join(ch for ch in plain if not unicodedata.combining(ch)))


def with_references(annotations: Sequence[Annotations], resolution: Resolution) -> Resolution:
    """``resolution`` with the people each report's action owners, chair line and apologies name.

    ``resolve`` returns its resolution this way; a resolution put together otherwise (an
    alias tool, a test) gets its references from here, from its people and mentions.
    """
    found = _References(resolution.people, resolution.mentions, resolution.participants)
    refs = tuple(ref for a in sorted(annotations, key=lambda a: a.report.source.doc_id) for ref in found.of(a.report))
    return dataclasses.replace(resolution, references=refs)


class _References:
    """Who the names a report writes outside speech refer to: action owners, the chair line, apologies.

    Once every report's mentions are resolved: a name is the person the same name
    written by a speaker of the report resolved to, else the resolved person of that
    name in the corpus, else (owners and chairs) the only one of the report's people
    whose name contains it ("Fatima" for "Fatima El-Amrani").  Anything else names no one.
    """

    def __init__(self, people: Sequence[Person], mentions: Sequence[MentionResolution],
                 participants: Sequence[MentionResolution]):
        self.names = {p.key: p.name for p in people if p.resolved}
        self.by_name: dict[str, set[str]] = defaultdict(set)
        for p in people:
            if p.resolved:
                for name in {p.name, *p.variants}:
                    self.by_name[_written_key(name)].add(p.key)
        self.mentions: dict[str, list[MentionResolution]] = defaultdict(list)
        for m in mentions:
            self.mentions[m.doc_id].append(m)
        self.participants = {(m.doc_id, m.start, m.end): m for m in participants}

    def of(self, report: Report) -> list[Reference]:
        doc = report.source.doc_id
        out: list[Reference] = []
        chair = report.meeting.chair
        if chair:
            span = report.meeting.span_of("chair")
            person = self._named(doc, chair, {})
            out.append(Reference(doc, "chair", span.start if span else 0, span.end if span else 0, chair,
                                 (person,) if person else ()))
        present = self._present(report) if report.actions else {}
        for item in report.actions:
            out.append(Reference(doc, "owner", item.start, item.end, item.owner or "",
                                 tuple(self._named_several(doc, item.owner, present))))
        for p in report.absent:
            keys = self.by_name.get(_written_key(p.name), set())
            out.append(Reference(doc, "absentee", p.start, p.end, p.name, (next(iter(keys)),) if len(keys) == 1 else ()))
        return out

    def _present(self, report: Report) -> dict[str, str]:
        """The report's resolved people, speakers and listed, by person key: who an owner may be."""
        doc = report.source.doc_id
        out: dict[str, str] = {}
        for mr in self.mentions.get(doc, ()):
            if mr.person in self.names:
                out[mr.person] = self.names[mr.person]
        for p in report.participants:
            mr = self.participants.get((doc, p.start, p.end))
            if mr is None or not mr.person:
                out[slugify(p.name)] = p.name  # a self-evident entry: its key is its name
            elif mr.person in self.names:
                out[mr.person] = self.names[mr.person]
        return out

    def _named(self, doc: str, name: str | None, present: Mapping[str, str]) -> str | None:
        if not name:
            return None
        wanted = _written_key(strip_honorific(name))
        keys = {m.person for m in self.mentions.get(doc, ()) if m.person in self.names and _written_key(m.text) == wanted}
        if not keys:
            keys = self.by_name.get(wanted, set())
        if not keys and wanted and present:
            words = set(_name_words(wanted))
            keys = {key for key, full in present.items() if words <= set(_name_words(full))}
        return next(iter(keys)) if len(keys) == 1 else None

    def _named_several(self, doc: str, text: str | None, present: Mapping[str, str]) -> list[str]:
        """The people an owner text names, each unambiguously ("Ana and Kwame", "Li / Ivo")."""
        if not text:
            return []
        whole = self._named(doc, text, present)
        if whole:
            return [whole]
        out: list[str] = []
        for part in _OWNER_SPLIT.split(text):
            key = self._named(doc, part.strip(), present) if part.strip() else None
            if key and key not in out:
                out.append(key)
        return out


class _Output:
    """Collects the per-report outcomes into a ``Resolution``."""

    def __init__(self, resolver: _Resolver):
        self.r = resolver
        self.reg = resolver.registry
        self.orgs = _Orgs(resolver.docs, resolver._org_alias_pairs, resolver.user, resolver._person_alias_pairs)
        self.ladder = _Ladder(resolver, self.orgs)
        self.used: set[int] = set()
        self.placeholders: dict[str, Person] = {}
        self.mentions: list[MentionResolution] = []
        self.participants: list[MentionResolution] = []
        self.affiliations: set[tuple[str, str, str]] = set()
        self.used_orgs: set[str] = set()
        self.pins: dict[str, list[UserPin]] = defaultdict(list)
        for pin in resolver.user.mentions:
            doc = pin.report if pin.report in resolver.doc_ids else pin.report.rsplit(".", 1)[0]
            if doc in resolver.doc_ids:
                self.pins[doc].append(pin)

    def _add(self, target: list, doc: str, text: str, start: int, end: int, outcome: _Outcome, written: str | None) -> str | None:
        """Record an outcome; unresolved ones point at the report's placeholder for ``written``."""
        self.used.update(outcome.candidates)
        if outcome.root is not None:
            self.used.add(outcome.root)
            key = self.r.keys[outcome.root]
        elif written:
            key = unresolved_key(doc, written)
            self.placeholders.setdefault(key, Person(key, written, False))
        else:
            key = None
        candidates = tuple(sorted(self.r.keys[c] for c in outcome.candidates))
        target.append(
            MentionResolution(doc, text, start, end, key, None, outcome.method, round(outcome.confidence, 2), candidates, outcome.explained)
        )
        return key

    def report(self, a: Annotations) -> None:
        r, reg, ladder = self.r, self.reg, self.ladder
        report = a.report
        doc = report.source.doc_id
        ctx = _Ctx(doc, r.dates[doc], [], None, None, defaultdict(set))
        ctx.completions = {
            tokens: [(reg.node_of(full).id, full, source) for full, source in names]
            for tokens, names in r.completions.get(doc, {}).items()
        }
        for full, alias, d in r._person_alias_pairs:
            if d == doc:
                ctx.local_aliases[name_tokens(alias)].add(reg.node_of(full).id)

        # Full-name entries are registry names; the others climb the ladder once the chair is known.
        pending = []
        for p in report.participants:
            name = _split_alias(p.name)[0]
            roles = tuple(t for t in (_role_tokens(x) for x in (*p.roles, p.group or "")) if t)
            label = ", ".join(p.roles) or (p.group or "")
            outcome = None
            node_id = None
            if _is_full_name(name):
                node_id = reg.node_of(name).id
                method, conf, link_evidence = r.link(node_id, name)
                evidence = f"'{name}' is listed in the participant list of {doc}" + (f"; {link_evidence}" if link_evidence else "")
                outcome = _Outcome(reg.root(node_id), method, conf, evidence, rung="participant-list")
            for word in set(name_tokens(name)):
                ctx.by_word[word].append(len(ctx.entries))
            orgs = frozenset(f[0] for o in self.orgs.descriptors(p) if (f := self.orgs.lookup(_split_alias(o)[0], doc)))
            posts = tuple(t for t in (_role_tokens(part) for part in _stated_posts(p)) if t)
            ctx.entries.append(_Entry(name, name_tokens(name), outcome and outcome.root, node_id, roles, label, orgs,
                                      _listed_honorific(p), p.name_as_written or p.name, posts))
            pending.append((p, name, outcome))

        chair, _ = r._chair(a)
        if chair:
            ctx.chair = chair
            if _is_full_name(chair):
                node_id = reg.node_of(chair).id
                found = ladder._combine("exact", f"the chair line of {doc} names '{chair}'", reg.root(node_id), node_id, chair)
                ctx.chair_outcome = dataclasses.replace(found, rung="chair-line")
            else:
                ctx.chair_outcome = ladder.name(chair, ctx, skip_chair=True)

        for index, (p, name, outcome) in enumerate(pending):
            if outcome is None:
                outcome = ladder.name(name, ctx, skip_participants=True)
                ctx.entries[index].root = outcome.root
            key = self._add(self.participants, doc, p.name_as_written or p.name, p.start, p.end, outcome, name)
            for org in self.orgs.descriptors(p):
                found = self.orgs.lookup(_split_alias(org)[0], doc)
                if found and key:
                    self.affiliations.add((key, found[0], doc))

        ctx.stated = self._stated_affiliations(a, ctx)
        seen = self._speakers(a, ctx)

        span = report.meeting.span_of("chair")
        if chair and span is not None and (span.start, span.end) not in seen and ctx.chair_outcome is not None:
            self._add(self.mentions, doc, report.meeting.chair, span.start, span.end, ctx.chair_outcome, chair)
            seen.add((span.start, span.end))
        self._generic_org_mentions(a, seen)

    def _stated_affiliations(self, a: Annotations, ctx: _Ctx) -> list[tuple[int, str, str]]:
        """``(person root, organisation, text)``: a named person, then the organisation the text says they represent."""
        text = a.report.text
        orgs = sorted(a.org_mentions, key=lambda o: o.start)
        starts = [o.start for o in orgs]
        out: list[tuple[int, str, str]] = []
        for m in a.mentions:
            if m.kind != "person":
                continue
            k = bisect.bisect_left(starts, m.end)
            if k == len(orgs) or orgs[k].start - m.end > MAX_AFFILIATION_GAP:
                continue
            if not _STATED_AFFILIATION.match(text[m.end:orgs[k].start]):
                continue
            person = self.ladder.name(_person_name(m), ctx, address=_leading_honorific(m.text))
            if person.root is not None:
                out.append((person.root, orgs[k].name, text[m.start:orgs[k].end]))
        return out

    def _label_affiliation(self, m: Mention, key: str, doc: str) -> None:
        """ "Wojciech Stańczyk (IGF Secretariat)" as a chat or transcript label: the organisation in the brackets is theirs.

        The brackets must name an organisation (:func:`_label_organisation`), and the
        organisation is then known by that name.
        """
        inner = _label_organisation(m)
        found = self.orgs.lookup(inner, doc) if inner else None
        if found is not None and found[1] not in ("unresolved", "ambiguous"):
            self.affiliations.add((key, found[0], doc))

    def _generic_org_mentions(self, a: Annotations, seen: set[tuple[int, int]]) -> None:
        """Record what each generic organisation name of the text ("the Committee") is in this report, with the evidence.

        Other names need no record: they are the organisation of that name wherever they occur.
        """
        doc = a.report.source.doc_id
        for o in sorted(a.org_mentions, key=lambda o: (o.start, o.end, o.name)):
            found = self.orgs.local_lookup(o.name, doc)
            if found is None or (o.start, o.end) in seen:
                continue
            seen.add((o.start, o.end))
            key, method, conf, evidence = found
            self.used_orgs.add(key)
            self.mentions.append(MentionResolution(doc, o.name, o.start, o.end, None, key, method, conf, (), evidence))

    def _speakers(self, a: Annotations, ctx: _Ctx) -> set[tuple[int, int]]:
        """Resolve each distinct speaker mention; returns the spans seen."""
        doc = ctx.doc_id
        pins = self.pins.get(doc, [])
        matched: set[int] = set()
        seen: set[tuple[int, int]] = set()
        labels = {(m.start, m.end) for m in _labels(a)}
        for m in sorted((i.speaker for i in a.interventions), key=lambda m: (m.start, m.end, m.text)):
            if (m.start, m.end) in seen:
                continue
            seen.add((m.start, m.end))
            written = _person_name(m) if m.kind == "person" else (m.text.strip() or m.name)
            pin_index = next(
                (
                    n for n, pin in enumerate(pins)
                    if _fold(pin.text) in (_fold(m.text), _fold(m.name)) and pin.start in (None, m.start)
                ),
                None,
            )
            if pin_index is not None:
                pin = pins[pin_index]
                matched.add(pin_index)
                where = f"the alias file ({self.r.user.path}{_at(pin.line)}) pins '{pin.text}' in {doc}"
                if pin.unresolved:
                    outcome = _Outcome(None, "unresolved", 0.0, f"{where} as unresolved")
                else:
                    root = self.reg.root(self.reg.node_of(pin.person).id)
                    outcome = _Outcome(root, "user-alias", 1.0, f"{where} to '{pin.person}'")
                self._add(self.mentions, doc, m.text, m.start, m.end, outcome, written)
                continue
            if m.kind == "organisation" and not self.orgs.is_attested(m.name or m.text, doc):
                person = self.ladder.name(_strip_honorifics(m.name or m.text), ctx)
                if person.root is not None:
                    # Read as an organisation upstream, but no document names one so; a person fits.
                    note = f"no document names an organisation '{m.name or m.text}'; "
                    self._add(self.mentions, doc, m.text, m.start, m.end, dataclasses.replace(person, evidence=note + person.evidence), written)
                    continue
            if m.kind in ("organisation", "group"):
                found = self.orgs.lookup(m.name or m.text, doc)
                if found:
                    key, method, conf, evidence = found
                    self.used_orgs.add(key)
                    self.mentions.append(MentionResolution(doc, m.text, m.start, m.end, None, key, method, conf, (), evidence))
                else:
                    evidence = f"unresolved: '{m.text}' is a group of people, not one person or a known organisation"
                    self.mentions.append(MentionResolution(doc, m.text, m.start, m.end, None, None, "unresolved", 0.0, (), evidence))
                continue
            if m.kind in ("role", "pronoun"):
                outcome = self.ladder.role(m, ctx)
                if outcome.root is None and m.antecedent and m.antecedent.strip():
                    # Unresolved like its antecedent: the same placeholder as "Zephyrine" for "She".
                    written = _split_alias(_strip_honorifics(m.antecedent.strip()))[0]
                elif outcome.root is None and m.kind == "pronoun":
                    # A pronoun with no antecedent names no one: no placeholder person "He".
                    written = None
            else:
                outcome = self.ladder.name(_person_name(m), ctx, address=_leading_honorific(m.text))
            key = self._add(self.mentions, doc, m.text, m.start, m.end, outcome, written)
            if key is not None and (m.start, m.end) in labels:
                self._label_affiliation(m, key, doc)
        for n, pin in enumerate(pins):
            if n not in matched:
                at = f" at offset {pin.start}" if pin.start is not None else ""
                raise ResolveError(
                    f"[[mention]]{_at(pin.line)}: report {doc} has no speaker mention '{pin.text}'{at}",
                    path=self.r.user.path,
                    hint="write the mention as the text has it (see `kg review`), or remove the pin",
                )
        return seen

    def result(self) -> Resolution:
        people = sorted(self.r.people_for(self.used) + list(self.placeholders.values()), key=lambda p: p.key)
        resolution = Resolution(
            people=tuple(people),
            organisations=self.orgs.used(self.used_orgs),
            mentions=tuple(sorted(self.mentions, key=lambda m: (m.doc_id, m.start, m.end))),
            participants=tuple(sorted(self.participants, key=lambda m: (m.doc_id, m.start, m.end))),
            affiliations=tuple(sorted(self.affiliations)),
        )
        return with_references(self.r.docs, resolution)

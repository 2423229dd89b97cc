"""Participant lists in every layout: numbered, bulleted, "Last, First", dashes, brackets, tab tables.

An entry gives a person's name in natural order, the group heading it sits
under, and the roles and organisations its descriptor (or its group heading)
states.  A descriptor part is a role when it contains a role word ("Co-Chair",
"member", "Expert", ...), a location qualifier when it is only a country, and
an organisation otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.model import Participant
from kg.parse import vocab
from kg.parse.agenda import split_numbered
from kg.parse.headings import annex_label, heading_kind, numbered
from kg.parse.names import (
    PARTICLES,
    drop_nickname,
    is_elided_name,
    is_initials_of,
    is_name_token,
    looks_like_name,
    natural_order,
    strip_honorific,
)
from kg.parse.text import Clean, Line, bullet_prefix, clean, is_prose, norm_key, straighten

_PART_SEP = re.compile(r"\s*[,;]\s*|\s*/\s+|\s+/\s*")

MIN_TAB_RUN = 3
"""Tab-separated lines in a row that make a participant table without a heading."""


@dataclass(frozen=True)
class RosterBlock:
    """One participant list: its entries and the lines it occupies."""

    participants: tuple[Participant, ...]
    first_line: int
    last_line: int
    absent: tuple[Participant, ...] = ()
    """People an absent list ("Apologies: ...") names; they are not participants."""
    nested: bool = False
    """A session's own list ("Speakers:" under "Session 2: ..."): part of that heading's section, not its end."""


# --------------------------------------------------------------------------- vocabularies


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    return vocab.word_set("roles", "head_words")


@lru_cache(maxsize=1)
def _canonical_roles() -> dict[str, dict[str, str]]:
    return {norm_key(k): v for k, v in vocab.load("roles")["canonical"].items()}


@lru_cache(maxsize=1)
def _org_words() -> frozenset[str]:
    return vocab.word_set("organisations", "cue_words")


@lru_cache(maxsize=1)
def _locations() -> frozenset[str]:
    return frozenset(norm_key(x) for x in vocab.load("organisations")["locations"])


@lru_cache(maxsize=1)
def _stakeholder_groups() -> frozenset[str]:
    return frozenset(norm_key(x) for x in vocab.load("groups")["stakeholder_groups"])


@lru_cache(maxsize=1)
def _list_groups() -> frozenset[str]:
    return _stakeholder_groups() | frozenset(norm_key(x) for x in vocab.load("groups")["list_groups"])


@lru_cache(maxsize=1)
def _not_surnames() -> frozenset[str]:
    return vocab.word_set("groups", "not_surnames")


@lru_cache(maxsize=1)
def _meeting_roles() -> frozenset[str]:
    return frozenset(norm_key(x) for x in vocab.load("groups")["meeting_roles"])


@lru_cache(maxsize=1)
def _attendance_mode_re() -> re.Pattern[str]:
    """A descriptor part that says how the person took part ("remote", "in person", "via Zoom"), in full."""
    data = vocab.load("roster")

    def alternatives(key: str) -> str:
        phrases = sorted(data[key], key=len, reverse=True)
        return "|".join(re.escape(p).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]?") for p in phrases)

    return re.compile(
        rf"(?:(?:{alternatives('attendance_mode_leads')})\s+)?(?:{alternatives('attendance_modes')})"
        rf"(?:\s+(?:{alternatives('attendance_mode_tails')}))?",
        re.IGNORECASE,
    )


def is_attendance_mode(part: str) -> bool:
    """Whether a descriptor part says how the person attended ("remote", "(in person)", "via Zoom"): no organisation."""
    return _attendance_mode_re().fullmatch(" ".join(straighten(part).strip(" .()").split())) is not None


@lru_cache(maxsize=1)
def _entry_marks() -> str:
    """A character class of the marks that separate an entry's parts like a dash ("Ana Lima · Kestrel Labs")."""
    return "".join(re.escape(m) for m in vocab.load("roster")["entry_marks"])


@lru_cache(maxsize=1)
def _dash_sep() -> re.Pattern[str]:
    """Where an entry's name ends and its descriptors begin when no comma does it: a spaced dash or mark, a leader."""
    leader = vocab.load("roster")["leader"]
    return re.compile(rf"\s+[\u2013\u2014{_entry_marks()}]\s+|\s+-{{1,2}}\s+|{leader}")


@lru_cache(maxsize=1)
def _mark_sep() -> re.Pattern[str]:
    """Descriptor parts split at ',', ';', '/' and at the entry marks."""
    return re.compile(rf"{_PART_SEP.pattern}|\s*[{_entry_marks()}]\s*")


@lru_cache(maxsize=1)
def _handle_re() -> re.Pattern[str]:
    return vocab.regex("roster", "handle", 0)


@lru_cache(maxsize=1)
def _empty_cell() -> re.Pattern[str]:
    return vocab.regex("roster", "empty_cell")


def entry_handle(entry: str) -> re.Match[str] | None:
    """The chat handle an entry states for its person ("@ana_l (Ana Lima, ...)", "Ana Lima (@ana_l)"), if any."""
    for m in _handle_re().finditer(entry):
        before = entry[: m.start()]
        if m.start() == 0 or before.rstrip()[-1:] in ("(", "-", "*", "\u2022", ",", ";") or not before.strip(" \t-*\u2022"):
            return m
    return None


def _group_key(text: str) -> str:
    """A heading's lookup key: lower case, a trailing ':' and a '(12)' count dropped."""
    return re.sub(r"\s*\(\d{1,4}\)$", "", norm_key(straighten(text)).rstrip(" :.")).rstrip(" :.")


def is_stakeholder_group(part: str) -> bool:
    """Whether a phrase names a stakeholder group ("Civil society", "Private Sector")."""
    return _group_key(part) in _stakeholder_groups()


def is_group_heading(text: str) -> bool:
    """Whether a line inside a participant list names a group of its entries ("Government", "Secretariat")."""
    return _group_key(text) in _list_groups()


def _tokens(s: str) -> list[str]:
    return [t.strip(".,;:()'\u2019\"").lower() for t in s.split()]


def is_role(part: str) -> bool:
    """Whether a descriptor part names a role ("Group's Co-Chair", "Independent expert")."""
    words = _role_words()
    return any(t in words for t in _tokens(part)) or norm_key(part) in _canonical_roles()


def role_head(part: str) -> str | None:
    """The first role word of a descriptor part ("MAG Co-Chair" -> "co-chair"), if any."""
    words = _role_words()
    return next((t for t in _tokens(part) if t in words), None)


def is_organisation_cue(part: str) -> bool:
    """Whether a phrase contains a word that marks an organisation ("Government", "Secretariat")."""
    words = _org_words()
    return any(t in words or (t.endswith("s") and t[:-1] in words) for t in _tokens(part))


def is_location(part: str) -> bool:
    return norm_key(part).strip(" .") in _locations()


def canonical_role(role: str) -> tuple[str, str | None]:
    """The canonical form of a role as written, and the organisation it implies."""
    written = straighten(role)
    entry = _canonical_roles().get(norm_key(written))
    if entry:
        return entry["role"], entry.get("organisation")
    return written, None


def classify(parts: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split descriptor parts into (roles, organisations), dropping location qualifiers."""
    roles: list[str] = []
    orgs: list[str] = []
    after_role = False
    for part in parts:
        part = straighten(part).strip()
        was_role, after_role = after_role, False
        if not part or is_location(part) or is_attendance_mode(part):
            continue  # "(Kenya)", "(remote)": where or how the person took part, not who they represent
        if norm_key(part) in _meeting_roles():
            if part not in roles:
                roles.append(part)
            after_role = True
            continue
        if is_stakeholder_group(part) and not is_role(part):
            continue  # "(Civil society)": the person's stakeholder group, not an organisation
        if is_role(part):
            role, implied = canonical_role(part)
            if role not in roles:
                roles.append(role)
            # "IGF Secretariat consultant": a role held at the organisation its words name
            implied = implied or _organisation_before_role(part)
            if implied and implied not in orgs:
                orgs.append(implied)
            after_role = True
        elif _lower_case_phrase(part):
            # "lead, subgroup on AI and labour": what the role before it is about;
            # alone, a phrase in lower case describes the person, it names no organisation
            if was_role and roles:
                roles[-1] = f"{roles[-1]}, {part}"
            elif part not in roles:
                roles.append(part)
            after_role = True
        elif part not in orgs:
            orgs.append(part)
    return tuple(roles), tuple(orgs)


def _organisation_before_role(part: str) -> str | None:
    """The organisation a role's opening words name ("IGF Secretariat consultant" -> "IGF Secretariat"), if any."""
    tokens = part.split()
    head = next((n for n, t in enumerate(_tokens(part)) if t in _role_words()), None)
    if not head or head != len(tokens) - 1:
        return None
    named = " ".join(tokens[:head])
    last = tokens[head - 1]
    # the organisation's own word ends it ("Secretariat"): "IGF MAG member" names the role only
    if len(tokens[:head]) < 2 or not is_organisation_cue(last) or last.isupper() or not named[:1].isupper() or named.endswith("'s"):
        return None  # "Committee Chair": a body's bare word names none
    return named


def _lower_case_phrase(part: str) -> bool:
    """A descriptor that opens with a word in lower case ("subgroup on liability", "guest"), no organisation's cue in it."""
    words = part.split()
    if not words:
        return False
    first = words[0]
    return (
        re.fullmatch(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*", first) is not None
        and first.islower()
        and first not in PARTICLES
        and not is_organisation_cue(part)
    )


def group_descriptor(heading: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Roles and organisations a participant-list group heading gives its entries."""
    key = norm_key(heading)
    data = vocab.load("groups")
    for rule in data["explicit"]:
        if re.search(rule["match"], key, re.IGNORECASE):
            return tuple(rule["roles"]), tuple(rule["organisations"])
    if key in vocab.word_set("groups", "no_role"):
        return (), ()
    parts = [p for p in _dash_sep().split(straighten(heading)) if p.strip()]
    if len(parts) > 1 and any(is_stakeholder_group(p) for p in parts):
        # "MAG Members – Civil Society": the stakeholder group qualifies the heading, it is no organisation
        roles: list[str] = []
        orgs: list[str] = []
        for part in parts:
            if not is_stakeholder_group(part):
                more_roles, more_orgs = group_descriptor(part)
                roles.extend(r for r in more_roles if r not in roles)
                orgs.extend(o for o in more_orgs if o not in orgs)
        return tuple(roles), tuple(orgs)
    tokens = straighten(heading).split()
    if not tokens:
        return (), ()
    head = tokens[-1].lower()
    singular = head[:-1] if head.endswith("s") and head[:-1] in _role_words() else head
    if singular in _role_words():
        written = " ".join(tokens[:-1] + [tokens[-1][: len(singular)]])
        role, implied = canonical_role(written)
        orgs: list[str] = []
        named = " ".join(tokens[:-1])
        if named and not named.endswith("'s") and (
            re.search(r"\b[A-Z]{2,}\b", named) or is_organisation_cue(named)
        ):
            orgs.append(named)
        if implied and implied not in orgs:
            orgs.append(implied)
        return (role,), tuple(orgs)
    if is_group_heading(heading):
        return (), ()
    # "Members of the multistakeholder working group": a role in a body, not the body
    m = re.fullmatch(r"(?P<role>[^\W\d_][\w-]*)\s+(?:of|from)\s+(?:the\s+)?(?P<body>\S.*)", straighten(heading).strip(), re.IGNORECASE)
    if m:
        word = m.group("role").lower()
        singular = word[:-1] if word.endswith("s") and word[:-1] in _role_words() else word
        if singular in _role_words():
            body = m.group("body").strip()
            role = canonical_role(m.group("role")[: len(singular)])[0]
            # "of Governments", "of civil society": kinds of bodies, no one organisation
            named = is_organisation_cue(body) and not is_stakeholder_group(body) and body.lower().rstrip("s") not in _org_words()
            return (role,), ((body,) if named else ())
    if is_organisation_cue(heading):
        return (), (straighten(heading),)
    return (), ()


# --------------------------------------------------------------------------- entries


def parse_entry(c: Clean, i: int, j: int, group: str | None = None) -> Participant | None:
    """Read one list entry ``c.text[i:j]`` ("Name, role, organisation" and variants)."""
    text = c.text
    while i < j and text[i] in " \t-\u2013\u2022*":
        i += 1
    while j > i and text[j - 1] in " \t,;.":
        j -= 1
    entry = drop_nickname(text[i:j])  # 'Kwabena "Kobby" Osei-Mensah': the NLP roster keeps the nickname
    if not entry:
        return None
    handle = _handle_re().match(entry)
    if handle and _mentions_full_name(entry, handle):
        # "@Ana Lima": a notes app's mention of a person by full name, not a handle
        i += 1
        entry = entry[1:]
    elif handle:
        return _handle_entry(c, i, j, handle, group)
    paren_parts: list[str] = []
    outside = entry
    m = _BRACKETS.search(entry)
    place_parts: list[str] = []
    if m:
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        # "Ana Lima (@ana_l)": a handle in brackets is an alias, not an organisation;
        # "Ana Lima [1]": a footnote mark says nothing about the person
        paren_parts = [
            p for p in _PART_SEP.split(inner) if p.strip() and not _handle_re().fullmatch(p.strip()) and _has_letters(p)
        ]
        outside = (entry[: m.start()] + entry[m.end() :]).strip()
        # "Priya Raman (Pri) – member": a name-like word in brackets right after the
        # name, with the descriptor after it, is a nickname, not an organisation.
        after = entry[m.end() :].lstrip()
        nickname = inner.strip()
        if (
            after[:1] in ("-", "\u2013", "\u2014", ",")
            and looks_like_name(entry[: m.start()].strip(), 6)
            and looks_like_name(nickname, 2)
            and not _descriptor_like(nickname)
        ):
            paren_parts = []
        if _expanded_acronym(entry[: m.start()], paren_parts):
            # "– Pan-African Registry Network (PARN)": the short form of the organisation before it, no other
            # organisation (the NLP stage reads the pair from the text as the organisation's alias)
            paren_parts = []
        place_parts, paren_parts = _place_qualifier(entry[: m.start()], paren_parts)
    dash = _dash_sep().search(outside)
    comma = outside.find(",")
    colon = _named_colon(outside)
    if colon is not None:
        # "Ana Lima: Kestrel Labs": a definition list's term and definition (HTML <dl>)
        name_part, rest = outside[:colon], outside[colon + 1 :]
        dash, comma = None, -1
    elif dash and (comma < 0 or dash.start() < comma):
        name_part, rest = outside[: dash.start()], outside[dash.end() :]
    elif comma >= 0:
        name_part, rest = outside[:comma], outside[comma + 1 :]
    else:
        name_part, rest = _split_without_separator(outside)
    # "Ana Lima – Kestrel Labs – Kenya": each dash, like each comma, starts another descriptor
    parts = [q for p in _mark_sep().split(rest) for q in _dash_sep().split(p) if q.strip()]
    parts = [p for p in parts if p.strip() not in place_parts]
    name_written = name_part.strip()
    name = strip_honorific(name_written)
    # "Traoré, Imran – role": the given names run from the comma to the dash
    given_to_dash = bool(dash and 0 <= comma < dash.start() and parts and outside[comma + 1 : dash.start()].strip() == parts[0].strip())
    # "Novak, Tomas, ...", "De la Cruz, María José", "HALVORSEN, Ingrid": a surname, then given
    # names that are neither role nor organisation; "Cárdenas Villalobos, Mariana – ...": a
    # surname of several words when one given name stands between the comma and a dash
    if comma >= 0 and (not dash or comma < dash.start()) and parts and (
        _surname_shaped(name) or (given_to_dash and len(parts[0].split()) == 1 and _plain_full_name(name))
    ):
        given = parts[0].strip()
        if looks_like_name(given, 3) and not _descriptor_like(given):
            name = natural_order(_surname_case(name), given)
            name_written = entry[: entry.find(given, comma) + len(given)]
            parts = parts[1:]
    else:
        name = _capitals_read(name)
    if not looks_like_name(name) or _descriptor_like(name):
        return None
    # "Amara Diallo (amara_d)": a chat handle without '@' is the person's alias (the NLP roster reads it),
    # and so is "Bartholomew Ashworth (Bart)", the short form of a given name
    paren_parts = [p for p in paren_parts if not (is_bare_handle(p, name) or _short_given_name(p, name))]
    roles, orgs = classify(parts + paren_parts)
    # "Anna Berg (AB)": the person's initials, which the notes then use, not an organisation
    orgs = tuple(o for o in orgs if not is_initials_of(o, name))
    start, end = c.span(i, j)
    return Participant(name, name_written.strip(), start, end, group, roles, orgs)


_BRACKETS = re.compile(r"\(([^()]{1,200})\)|\[([^\[\]]{1,200})\]")
"""A descriptor in round or square brackets ("Ana Lima (Kestrel Labs)", "Ana Lima [co-facilitator]")."""


def _has_letters(s: str) -> bool:
    return any(ch.isalpha() for ch in s)


def _plain_full_name(name: str) -> bool:
    """Two or three capitalised words and nothing else ("Cárdenas Villalobos"): no particle, role or organisation."""
    tokens = name.split()
    return 2 <= len(tokens) <= 3 and all(is_name_token(t) for t in tokens) and not _descriptor_like(name)


@lru_cache(maxsize=1)
def _chat_handle() -> re.Pattern[str]:
    return vocab.regex("transcript", "chat_handle", 0)


def is_bare_handle(part: str, name: str) -> bool:
    """Whether a bracketed word after a name is the person's chat handle without '@' ("Amara Diallo (amara_d)").

    A handle is one word in lower case, no role, mode of attendance or place, that
    holds a character a word does not ('_', '.', a digit) or opens with the first
    three letters of one of the person's names ("oguzd" for "Oğuz Demirtaş").
    """
    word = part.strip()
    if not _chat_handle().fullmatch(word) or is_role(word) or is_attendance_mode(word) or is_location(word):
        return False
    if re.search(r"[_.\d]", word):
        return True
    letters = re.sub(r"[^a-z]", "", norm_key(word))
    return any(len(w) >= 3 and letters.startswith(w[:3]) for w in norm_key(name).split())


def _short_given_name(part: str, name: str) -> bool:
    """Whether a bracketed word is a short form of the person's first name ("Bart" for "Bartholomew Ashworth")."""
    word = part.strip()
    first = name.split()[0] if name.split() else ""
    return (
        is_name_token(word)
        and not _caps_word(word)
        and 2 <= len(word) < len(first)
        and norm_key(first).startswith(norm_key(word))
    )


def _descriptor_before(before: str) -> str | None:
    """The descriptor part a bracket follows ("Ana Lima – Kestrel Labs (" -> "Kestrel Labs"); None right after the name."""
    seps = list(_dash_sep().finditer(before)) + list(re.finditer(r",", before))
    if not seps:
        return None
    last = max(seps, key=lambda m: m.end())
    return before[last.end():].strip() or None


def _expanded_acronym(before: str, inner: list[str]) -> tuple[str, str] | None:
    """(organisation, short form) when a bracket after an organisation gives its acronym ("Internet Society (ISOC)")."""
    previous = _descriptor_before(before)
    if previous is None or len(inner) != 1:
        return None
    short = inner[0].strip()
    if not re.fullmatch(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*", short) or sum(ch.isupper() for ch in short) < 2:
        return None
    words = [w for w in re.split(r"[\s\-\u2010]+", previous) if w[:1].isalpha()]
    if len(short) > MAX_ACRONYM or len(words) > MAX_ACRONYM:
        return None
    return (previous, short) if _abbreviates(short.lower(), [w.lower() for w in words]) else None


MAX_ACRONYM = 12
"""Letters of a short form, and words of the name it abbreviates, that are matched against each other."""


def _abbreviates(short: str, words: list[str]) -> bool:
    """Whether ``short`` is made of a prefix of each of some of ``words`` in order, the first word's included ("isoc", ["internet", "society"])."""
    if not short:
        return True
    if not words:
        return False
    head, rest = words[0], words[1:]
    for n in range(min(len(head), len(short)), 0, -1):
        if short[:n] == head[:n] and any(_abbreviates(short[n:], rest[k:]) for k in range(len(rest) + 1)):
            return True
    return False


def _place_qualifier(before: str, inner: list[str]) -> tuple[list[str], list[str]]:
    """Where a bracket after a descriptor names a place: the descriptor parts it makes places, and what is left of it.

    "– Institute for Network Society (Kumasi)": one capitalised word in brackets after an
    organisation is the town it is in, not another organisation; "– Réunion (France)": a
    part before a country in brackets is a place in that country. A bracket right after the
    name ("Ana Lima (Kestrel Labs)") is a descriptor as usual.
    """
    seps = list(_dash_sep().finditer(before)) + [m for m in re.finditer(r",", before)]
    if not seps or len(inner) != 1:
        return [], inner
    last = max(seps, key=lambda m: m.end())
    previous = before[last.end():].strip()
    word = inner[0].strip()
    if not previous or " " in word and not is_location(word):
        return [], inner
    if is_location(word) and len(previous.split()) <= 2 and looks_like_name(previous, 2) and not _descriptor_like(previous):
        return [previous], []
    if (
        is_name_token(word)
        and not _caps_word(word)
        and not (is_role(word) or is_organisation_cue(word) or is_attendance_mode(word))
        and (is_organisation_cue(previous) or len(previous.split()) >= 3)
    ):
        return [], []
    return [], inner


_NAME_COLON = re.compile(r"(?P<name>[^:,()]{3,80}?)[ \t]*:[ \t]+(?=\S)")


def _named_colon(entry: str) -> int | None:
    """Where the colon after an entry's opening full name is ("Dr Ana Lima: Kestrel Labs"), else None.

    Only a full name (two words or more, no role, organisation or place) opens
    such an entry, so "Note: ..." or "Chair: Ana Lima" are not read so.
    """
    m = _NAME_COLON.match(entry)
    if not m:
        return None
    name = strip_honorific(m.group("name").strip())
    if len(name.split()) < 2 or not looks_like_name(name) or _descriptor_like(name):
        return None
    return m.end("name") + entry[m.end("name"):].index(":")


_BRACKETS_AFTER = re.compile(r"\s*\(([^()]{1,200})\)")


def _mentions_full_name(entry: str, handle: re.Match[str]) -> bool:
    """Whether an entry opening with '@' mentions a person by full name ("@Ana Lima", "@Nguyễn Thu Hà").

    A handle is one word ("@ana_l"); a mention goes on with more name words after it
    and has no brackets naming the person.
    """
    if _BRACKETS_AFTER.match(entry, handle.end()) or not entry[handle.end():handle.end() + 1].isspace():
        return False
    name = _mark_sep().split(_dash_sep().split(entry[1:], 1)[0], 1)[0].split("(", 1)[0].strip()
    return len(name.split()) >= 2 and looks_like_name(name) and not _descriptor_like(name)


def _handle_entry(c: Clean, i: int, j: int, handle: re.Match[str], group: str | None) -> Participant | None:
    """ "@ana_l (Ana Lima, Kestrel Labs) · notes": the person is named in the brackets after the handle.

    The entry keeps the handle in its span, where the NLP stage reads it as the person's alias.
    """
    entry = c.text[i:j]
    m = _BRACKETS_AFTER.match(entry, handle.end())
    if not m:
        return None  # a handle alone names nobody
    inner = [p for p in _PART_SEP.split(m.group(1)) if p.strip()]
    if not inner:
        return None
    tail = entry[m.end():].strip(" \t,;:-\u2013\u2014" + "".join(vocab.load("roster")["entry_marks"]))
    written = inner[0].strip()
    name = _capitals_read(strip_honorific(written))
    if not looks_like_name(name) or _descriptor_like(name):
        return None
    parts = inner[1:] + [p for p in _mark_sep().split(tail) if p.strip()]
    roles, orgs = classify(parts)
    orgs = tuple(o for o in orgs if not is_initials_of(o, name))
    start, end = c.span(i, j)
    return Participant(name, written, start, end, group, roles, orgs)


_CAPS_WORD = re.compile(
    r"(?:[^\W\d_a-z][\u0300-\u036f]*(?:[^\W\d_a-z][\u0300-\u036f]*)+|[^\W\d_a-z]['\u2019][^\W\d_a-z]{2,})"
    r"(?:['\u2019-][^\W\d_a-z]+)*"
)
_VOWELS = frozenset("AEIOUY")


def _caps_word(tok: str) -> bool:
    """A word written in capitals ("HALVORSEN", "OKONKWO-VALE", "DE"), not an initial."""
    return _CAPS_WORD.fullmatch(tok) is not None and tok.upper() == tok


def _caps_surname(tokens: Sequence[str], column: bool = False) -> bool:
    """Whether capitalised words are a surname written in capitals rather than an acronym.

    Each word other than a particle ("DE LA CRUZ") has three letters or more,
    a vowel, and is not a known organisation acronym.  In a table's name
    column (``column``), a word of a surname of several capital words may
    spell like an acronym when another does not.
    """
    core = [t for t in tokens if t.lower() not in PARTICLES]
    if not core or not all(_caps_word(t) or t in PARTICLES for t in tokens):
        return False

    def acronym(t: str) -> bool:
        return any(x.lower() in _not_surnames() for x in re.split(r"['\u2019-]", t) + [t])

    lenient = column and len(core) > 1 and not all(acronym(t) for t in core)
    for t in core:
        if sum(c.isalpha() for c in t) < 3 or (acronym(t) and not lenient):
            return False
        folded = norm_key(t).upper()
        if not any(c in _VOWELS for c in folded):
            return False
    return True


def _surname_shaped(name: str) -> bool:
    """A surname written before the given names: one word, particles and a word, or capitals."""
    tokens = name.split()
    if not tokens:
        return False
    if any(_caps_word(t) for t in tokens):
        return _caps_surname(tokens)
    if tokens[0] in PARTICLES and len(tokens) > 1:
        # "de Souza Lima": a name in natural order never opens with a particle in lower case
        return is_name_token(tokens[-1]) and len(tokens) <= 5 and all(
            is_name_token(t) or t.lower() in PARTICLES or is_elided_name(t) for t in tokens
        )
    return len(tokens) == 1 or (
        all(t.lower() in PARTICLES for t in tokens[:-1]) and is_name_token(tokens[-1])
    )


def _surname_case(surname: str) -> str:
    """A surname written in capitals in title case ("DE LA CRUZ" -> "De la Cruz"); others unchanged."""
    tokens = surname.split()
    if not any(_caps_word(t) for t in tokens):
        return surname
    out = []
    for k, t in enumerate(tokens):
        if (k and t.lower() in PARTICLES) or t in PARTICLES:
            out.append(t.lower())  # "DE LA CRUZ" -> "De la Cruz"; "de la PEÑA" keeps "de" as written
        else:
            out.append(re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), t))
    return " ".join(out)


def _capitals_read(name: str, column: bool = False) -> str:
    """ "WIERZBICKI Tomasz" or "Tomasz WIERZBICKI" -> "Tomasz Wierzbicki"; other names unchanged.

    A particle in lower case may join the capital words of a surname written
    first ("KALONJI wa KALONJI Serge").  ``column``: the name fills a table's
    name column (see ``_caps_surname``).
    """
    tokens = name.split()
    caps = [_caps_word(t) for t in tokens]
    if len(tokens) < 2 or all(caps) or not any(caps):
        return name
    lead = next((k for k, c in enumerate(caps) if not c), len(tokens))
    while (
        0 < lead < len(tokens) - 1
        and tokens[lead] in PARTICLES
        and caps[lead + 1]
    ):
        # "KALONJI wa KALONJI Serge": the particle sits inside the surname
        lead = next((k for k in range(lead + 1, len(tokens)) if not caps[k]), len(tokens))
    trail = next((k for k in range(len(tokens) - 1, -1, -1) if not caps[k]), -1) + 1
    if lead > 0 and not any(caps[lead:]):
        surname, given = tokens[:lead], tokens[lead:]
    elif trail < len(tokens) and not any(caps[:trail]):
        # "Tomás de la PEÑA ROJAS": particles in lower case before the capitals open the surname
        while trail > 1 and tokens[trail - 1] in PARTICLES:
            trail -= 1
        given, surname = tokens[:trail], tokens[trail:]
    else:
        return name
    if not _caps_surname(surname, column) or not looks_like_name(" ".join(given), 4):
        return name
    return natural_order(_surname_case(" ".join(surname)), " ".join(given))


def _drop_acronym_names(found: Sequence[Participant]) -> list[Participant]:
    """Entries whose "surname" in capitals is an organisation elsewhere in the same list are not people."""
    acronyms = {o.lower() for p in found for o in p.organisations if _caps_word(o)}
    if not acronyms:
        return list(found)
    return [
        p for p in found if not any(_caps_word(t) and t.lower() in acronyms for t in re.split(r"[\s,\t]+", p.name_as_written))
    ]


@lru_cache(maxsize=1)
def _list_labels() -> frozenset[str]:
    data = vocab.load("headings")
    return frozenset(norm_key(x) for x in (*data["participants"], *data["absent"]))


def _descriptor_like(s: str) -> bool:
    """A phrase that reads as a role, organisation, acronym or place rather than a name, or a list's label ("Participants")."""
    if is_role(s) or is_organisation_cue(s) or is_location(s) or is_attendance_mode(s):
        return True
    if norm_key(s).strip(" :") in _list_labels():
        return True
    return any(len(t) >= 2 and t.isupper() and t.isalpha() for t in s.split())


def _split_without_separator(s: str) -> tuple[str, str]:
    """Split "Nigel Hickson Government of UK" where the descriptor begins."""
    tokens = s.split()
    org_words = _org_words()
    for k in range(2, len(tokens)):
        low = tokens[k].lower().strip(",.")
        if low in org_words or low in _role_words():
            cut = k
            # an adjective before the cue word belongs to the organisation ("Russian Government")
            if k - 1 >= 2 and re.search(r"(?:ian|an|ese|ish|ic)$", tokens[k - 1]):
                cut = k - 1
            return " ".join(tokens[:cut]), " ".join(tokens[cut:])
        if not (is_name_token(tokens[k]) or tokens[k].lower() in PARTICLES):
            break
    return s, ""


@lru_cache(maxsize=1)
def _column_names() -> dict[str, str]:
    columns = vocab.load("headings")["table_columns"]
    return {norm_key(name): kind for kind, names in columns.items() for name in names}


@lru_cache(maxsize=1)
def _group_columns() -> frozenset[str]:
    return frozenset(norm_key(x) for x in vocab.load("roster")["group_columns"])


def _column_kind(cell: str) -> str | None:
    """The kind of one header cell: a column name, or one qualified ("Role in the working group")."""
    names = _column_names()
    key = norm_key(cell).strip(" :")
    if key in _group_columns():
        return "group"
    if key in names:
        return names[key]
    m = vocab.regex("roster", "column_qualifier").match(key)
    if m:
        return names.get(m.group("column").strip(" :"))
    parts = [p for p in re.split(r"\s+/\s+", cell) if p.strip()]
    if len(parts) > 1:
        # "Nom / Name", "Fonction / Role": a header in two languages names one column
        found = {k for p in parts if (k := _column_kind(p))}
        return found.pop() if len(found) == 1 else None
    return None


def column_kinds(cells: Sequence[str]) -> list[str] | None:
    """The kinds of a table's columns ("last", "first", "name", "role", ...) when ``cells`` is its header row."""
    kinds = [_column_kind(c) for c in cells]
    if len(kinds) < 2 or not {"name", "last", "first"} & set(kinds):
        return None
    if "last" in kinds and "first" not in kinds:
        kinds = ["first" if k == "name" else k for k in kinds]  # "Surname | Name": the name is the given name
    unknown = [c for c, k in zip(cells, kinds) if k is None]
    if unknown and (len(unknown) > MAX_UNKNOWN_COLUMNS or len(kinds) - len(unknown) < MIN_KNOWN_COLUMNS
                    or any(len(c.split()) > 3 or not _has_letters(c) for c in unknown)):
        return None
    # "Function | Name | Affiliation | Joined": a column of another kind is left unread
    return [k or "ignore" for k in kinds]


MIN_KNOWN_COLUMNS = 3
MAX_UNKNOWN_COLUMNS = 1
"""A header row may hold one column name the vocabulary lacks, beside three it knows."""


def _guess_columns(rows: Sequence[Sequence[str]]) -> list[str]:
    """Column kinds of a table without a header row.

    A list of surnames and given names ("Roach<TAB>Carol") has mostly
    one-word first cells; a list of names and affiliations has mostly
    full names first.
    """
    full_first = sum(1 for cells in rows if len(cells[0].split()) >= 2)
    if rows and full_first >= 0.6 * len(rows):
        return ["name"]
    return ["last", "first"]


_CELL = re.compile(r"[^\t ]+(?: [^\t ]+)*")
"""A cell of a row: words separated by single spaces (a tab or 2+ spaces is a cell break)."""


def _cells(ln: Line, spaces: bool) -> list[tuple[int, str]]:
    """The non-blank cells of a row as (offset in ``ln.raw``, text): split on tabs, and on runs of 2+ spaces when ``spaces``."""
    raw = ln.raw.rstrip()
    if not spaces:
        return _row_cells(raw)
    start = bullet_prefix(raw)
    return [(m.start(), m.group()) for m in _CELL.finditer(raw, start)]


def _row_cells(raw: str) -> list[tuple[int, str]]:
    """The non-blank cells of a table row as (offset in ``raw``, text): split on tabs, or on the
    bars of a plain-text pipe table ("Civil society | Ana LIMA | GRULAC"); a line of neither is one cell."""
    bars = None if "\t" in raw.strip() else _pipe_bars(raw)
    cuts = [m.start() for m in re.finditer("\t", raw)] if bars is None else bars
    out = []
    start = 0
    for cut in [*cuts, len(raw)]:
        cell = raw[start:cut]
        if cell.strip():
            out.append((start + len(cell) - len(cell.lstrip()), cell.strip()))
        start = cut + 1
    return out


def _pipe_bars(raw: str) -> list[int] | None:
    """Where the column bars of a plain-text pipe table row are, or None when ``raw`` is not such a row.

    Two bars between cells make a row ("A | B | C"), or one inside a frame ("| A | B |");
    one bar alone only when a cell is padded to align the columns ("Ana Lima     | Kestrel Labs"), as a lone
    bar also separates a name from its descriptor ("Ana Lima | Kestrel Labs").
    """
    if "|" not in raw:
        return None
    bars = [m.start() for m in re.finditer(r"\|", raw)]
    body = raw.strip()
    inner = [b for b in bars if raw[:b].strip() and raw[b + 1 :].strip()]
    if not inner or not body.replace("|", "").strip():
        return None
    framed = body.startswith("|") and body.endswith("|")
    if len(inner) < 2 and not framed and not re.search(r" {2,}\||\| {2,}\S", raw):
        return None
    return bars


def _rule_line(ln: Line) -> bool:
    """A line that only draws a table's rules ("-----+------", "|---|---|", "=====")."""
    raw = ln.raw.strip()
    return len(raw) >= 3 and re.fullmatch(r"[-=+|:_\u2500-\u257f\s]+", raw) is not None and re.search(r"[-=_\u2500]", raw) is not None


_MARKED_NAME = re.compile(r"^(?P<name>.*?\S)\s*(?P<mark>\*{1,3}|[\u2020\u2021\u00a7]|\(\*{1,3}\))$")


def _strip_mark(name: str) -> tuple[str, str | None]:
    """A name less the mark a legend explains ("Ana LIMA *" -> ("Ana LIMA", "*")), and the mark."""
    m = _MARKED_NAME.match(name)
    return (m.group("name"), m.group("mark").strip("()")) if m else (name, None)


@lru_cache(maxsize=1)
def _legend_re() -> re.Pattern[str]:
    return vocab.regex("roster", "legend")


def _legend(text: str) -> tuple[str, str] | None:
    """The mark a legend line explains and what it means ("(* = WG co-facilitator)" -> ("*", "WG co-facilitator"))."""
    m = _legend_re().fullmatch(text.strip())
    if not m:
        return None
    meaning = m.group("meaning").strip(" .;:")
    return (m.group("mark").strip("()"), meaning) if meaning and _has_letters(meaning) else None


def _with_legend(found: Sequence[Participant], lines: Sequence[Line], legends: dict[str, str]) -> list[Participant]:
    """The entries whose name carries a mark a legend explains ("Ana LIMA *"), given what the mark means."""
    if not legends:
        return list(found)
    out = []
    for p in found:
        ln = next((x for x in lines if x.start <= p.start < x.stop), None)
        mark = None
        if ln is not None:
            at = ln.raw.find(p.name_as_written, p.start - ln.start) if p.name_as_written else -1
            if at >= 0:
                m = re.match(r"\s*(\*{1,3}|[\u2020\u2021\u00a7]|\(\*{1,3}\))", ln.raw[at + len(p.name_as_written) :])
                mark = m.group(1).strip("()") if m else None
        meaning = legends.get(mark) if mark else None
        if meaning:
            # "* = co-facilitators": what each of them is
            roles, orgs = classify([meaning])
            roles = group_descriptor(meaning)[0] or roles
            p = Participant(p.name, p.name_as_written, p.start, p.end, p.group,
                            p.roles + tuple(r for r in roles if r not in p.roles),
                            p.organisations + tuple(o for o in orgs if o not in p.organisations))
        out.append(p)
    return out


def _tab_entry(
    ln: Line,
    columns: Sequence[str],
    group: str | None,
    g_roles: tuple[str, ...],
    g_orgs: tuple[str, ...],
    cells: Sequence[tuple[int, str]] | None = None,
    end: int | None = None,
) -> Participant | None:
    cells = list(cells) if cells is not None else _cells(ln, spaces=False)
    if len(cells) < 2:
        return None
    kinds = list(columns) + ["other"] * (len(cells) - len(columns))
    by_kind: dict[str, str] = {}
    for kind, (_, cell) in zip(kinds, cells):
        by_kind.setdefault(kind, cell.strip())
    extra: tuple[str, ...] = ()
    if "name" in by_kind:
        written = _strip_mark(drop_nickname(by_kind["name"]))[0]
        # "Kenji Watanabe (co-facilitator)": the bracket says what the person is, not who
        m = re.fullmatch(r"(?P<name>[^()]+?)\s*\((?P<inner>[^()]+)\)", written)
        if m:
            written, extra = m.group("name"), tuple(x.strip() for x in m.group("inner").split(",") if x.strip())
        elif _open_brackets(written) > 0:
            # "Ana LIMA (for Mr." with the bracket closed on the cell's next line: the name is before it
            written = written[: written.rindex("(")].rstrip()
        name = _surname_first_cell(strip_honorific(written))
    else:
        last, first = by_kind.get("last", ""), by_kind.get("first", "")
        name = strip_honorific(natural_order(_surname_case(last) if _caps_surname(last.split()) else last, first))
        written = "\t".join(c.strip() for k, (_, c) in zip(kinds, cells) if k in ("last", "first"))
    name = _capitals_read(name, column="name" in by_kind)
    if not looks_like_name(name, 8) or _descriptor_like(name):
        return None
    roles: list[str] = list(g_roles)
    orgs: list[str] = list(g_orgs)
    if extra:
        more_roles, more_orgs = classify(extra)
        roles.extend(r for r in more_roles if r not in roles)
        orgs.extend(o for o in more_orgs if o not in orgs and not is_stakeholder_group(o))
    for kind, (_, cell) in zip(kinds, cells):
        cell = straighten(cell)
        if _empty_cell().match(cell):
            continue  # "—": an empty cell of a table exported from a PDF
        if kind == "role" and cell and cell not in roles:
            # "Moderator; PNIF MWG co-facilitator": a cell may hold several roles;
            # "Panellists" (a cell spanning the rows of a group): what each of them is
            for part in (p.strip() for p in cell.split(";")):
                role = (group_descriptor(part)[0] or (canonical_role(part)[0],))[0] if part else ""
                if role and role not in roles:
                    roles.append(role)
        elif kind == "group" and cell:
            # "Stakeholder group" column: the row's group, as a group heading would give it
            # (a list's own heading, when it has one, stays its group)
            group = group or cell
            more_roles, more_orgs = group_descriptor(cell)
            roles.extend(r for r in more_roles if r not in roles)
            orgs.extend(o for o in more_orgs if o not in orgs)
        elif kind == "organisation" and cell and cell not in orgs and not is_stakeholder_group(cell):
            for part in (p.strip() for p in cell.split(";")):
                # "MAG Chair; Aotearoa Internet Trust": a role beside the organisation
                if part != cell and is_role(part) and (not is_organisation_cue(part) or _tokens(part)[-1] in _role_words()):
                    roles.extend(r for r in classify([part])[0] if r not in roles)
                    continue
                # "IGF Secretariat (NRI focal point)": the bracket states the person's role there
                m = re.fullmatch(r"(?P<org>[^()]+?)\s*\((?P<inner>[^()]+)\)", part)
                if m and is_role(m.group("inner")) and not is_organisation_cue(m.group("inner")):
                    orgs.append(m.group("org"))
                    roles.extend(r for r in classify([m.group("inner")])[0] if r not in roles)
                elif part and part not in orgs:
                    orgs.append(part)
        elif kind == "attendance":
            roles.extend(r for r in _attendance_roles(cell) if r not in roles)
        elif kind == "other":
            more_roles, more_orgs = classify([cell])
            roles.extend(r for r in more_roles if r not in roles)
            orgs.extend(o for o in more_orgs if o not in orgs)
    s = ln.start + cells[0][0]
    e = end if end is not None else ln.start + cells[-1][0] + len(cells[-1][1].rstrip())
    return Participant(name, written, s, e, group, tuple(roles), tuple(orgs))


def _attendance_parts(cell: str) -> list[str]:
    """An attendance cell cut at its dashes and commas ("Present – Chair" -> ["Present", "Chair"])."""
    return [p.strip() for p in re.split(r"\s+[-\u2013\u2014]\s+|[,;/]", cell) if p.strip()]


def _attendance_roles(cell: str) -> list[str]:
    """The roles an attendance cell adds to its status ("Present – Chair", "Present – Minutes")."""
    parts = _attendance_parts(cell)
    return [canonical_role(p)[0] for p in parts[1:] if any(ch.isalpha() for ch in p) and not is_attendance_mode(p)]


def _absent_row(ln: Line, columns: Sequence[str]) -> bool:
    """Whether a table row's attendance cell says the person was absent ("Apologies", "Absent")."""
    if "attendance" not in columns:
        return False
    cells = _cells(ln, spaces=False)
    at = columns.index("attendance")
    if len(cells) != len(columns):
        return False  # an empty cell moved the others: which is the attendance cell is not plain
    parts = _attendance_parts(cells[at][1])
    return bool(parts) and heading_kind(Line(-1, 0, len(parts[0]), len(parts[0]), parts[0])) == "absent"


def _surname_first_cell(cell: str) -> str:
    """A name column's "Surname, Given" cell in natural order ("Novak, Tomas" -> "Tomas Novak"); others unchanged.

    A column of names leaves the comma no other use, so a surname of several
    words ("Solvang Haugen, Ingrid") is read too; the part after the one comma
    must read as given names, not as a role or organisation.
    """
    surname, comma, given = cell.partition(",")
    surname, given = surname.strip(), given.strip()
    if not comma or "," in given or not (_surname_shaped(surname) or looks_like_name(surname, 3)):
        return cell
    if _descriptor_like(surname):
        return cell
    if not looks_like_name(given, 3) or _descriptor_like(given):
        return cell
    return natural_order(_surname_case(surname), given)


def _cell_entries(ln: Line, group: str | None, spaces: bool = True) -> list[Participant]:
    """One participant per cell of a multi-column roster row ("A, Org    B, Org").

    Every cell must be a full entry: a name with a role or organisation.
    """
    if numbered(ln) or not ("\t" in ln.raw or "  " in ln.raw.strip()):
        return []
    cells = _cells(ln, spaces)
    if len(cells) < 2:
        return []
    out: list[Participant] = []
    for a, cell in cells:
        c = clean(cell, ln.start + a)
        p = parse_entry(c, 0, len(c.text), group)
        if p is None or not (p.roles or p.organisations):
            return []
        out.append(p)
    return out


def _spaced_entry(ln: Line, group: str | None) -> Participant | None:
    """A row whose name and descriptors are aligned in columns by spaces ("Ana Lima      Kestrel Networks")."""
    if numbered(ln) or "  " not in ln.raw.strip():
        return None
    cells = _cells(ln, spaces=True)
    if len(cells) < 2 or any(cell.startswith(("(", "[")) for _, cell in cells[1:]):
        return None
    a, first = cells[0]
    c = clean(first, ln.start + a)
    p = parse_entry(c, 0, len(c.text), group)
    if p is None or p.roles or p.organisations or len(p.name.split()) < 2:
        return None
    for b, cell in cells[1:]:
        cc = clean(cell, ln.start + b)
        if parse_entry(cc, 0, len(cc.text), group) is not None and not _descriptor_like(cell):
            return None  # another name: not a descriptor column
    return _tab_entry(ln, ["name"], group, (), (), cells)


# --------------------------------------------------------------------------- lists


def find_rosters(lines: Sequence[Line], kinds: Sequence[str | None], claimed: Collection[int]) -> list[RosterBlock]:
    """Every participant list: under a participants heading, inline, or a headingless tab table."""
    blocks: list[RosterBlock] = []
    taken: set[int] = set(claimed)
    for h, kind in enumerate(kinds):
        if kind not in ("participants", "absent") or h in taken:
            continue
        block = _read_list(lines, kinds, h, taken)
        if block and kind == "absent":
            # "Apologies" / "Absent" over a list: named, but not present
            block = RosterBlock((), block.first_line, block.last_line, absent=block.participants + block.absent)
        if block:
            blocks.append(block)
            taken.update(range(block.first_line, block.last_line + 1))
    for j, ln in enumerate(lines):
        if j in taken or ln.blank:
            continue
        m = inline_list_match(ln)
        if m:
            block = _inline_list(lines, kinds, j, m, taken)
            if block:
                blocks.append(block)
                taken.update(range(block.first_line, block.last_line + 1))
    j = 0
    while j < len(lines):
        if j in taken or not _tab_row(lines[j]):
            j += 1
            continue
        run = [j]
        k = j + 1
        while k < len(lines) and k not in taken and (
            lines[k].blank or _tab_row(lines[k]) or _rule_line(lines[k]) or _cell_fragment(lines, k)
        ):
            if _tab_row(lines[k]):
                run.append(k)
            k += 1
        end = run[-1] + 1
        if end < k and not lines[end].blank:
            end += 1  # a line right after the last row may end one of its cells
        if len(run) >= MIN_TAB_RUN:
            block = _read_rows(lines, kinds, run[0], end, None, taken, heading_line=None)
            if block:
                blocks.append(block)
                taken.update(range(block.first_line, block.last_line + 1))
        j = k
    blocks.sort(key=lambda b: b.first_line)
    signer = find_signer(lines, {k for b in blocks for k in range(b.first_line, b.last_line + 1)})
    return _signed(blocks, signer.name, signer.roles) if signer and signer.roles else blocks


def _cell_fragment(lines: Sequence[Line], k: int) -> bool:
    """A short line right after or before a table row that may hold a line of one of its cells (a PDF table)."""
    ln = lines[k]
    text = ln.text.strip()
    if ln.blank or is_prose(text) or len(text.split()) > MAX_WRAPPED_WORDS or _is_marked(ln):
        return False
    # the shapes _wrapped_into puts back: a bracket left open or closed, a phrase in lower case,
    # an organisation's word alone ("Association"); a group's row ("MAG Members") ends a run
    wrap_shaped = (
        _open_brackets(text) != 0
        or _lower_case_phrase(text)
        or (len(text.split()) == 1 and is_organisation_cue(text) and not is_group_heading(text))
    )
    return wrap_shaped and any(0 <= x < len(lines) and _tab_row(lines[x]) for x in (k - 1, k + 1))


# --------------------------------------------------------------------------- signature

SIGNATURE_LINES = 4
"""The last non-blank lines of a report a signature may take (a date or place may follow it)."""
MAX_SIGNATURE_WORDS = 14


@dataclass(frozen=True)
class Signer:
    """The person who signs a report or a message, the roles the signature gives them, and where the name is."""

    name: str
    roles: tuple[str, ...]
    start: int
    end: int


@lru_cache(maxsize=1)
def _signature_label() -> re.Pattern[str]:
    """ "Signed:", "Approved by", "— Chair:" before the signer's name: a label, or a role and a colon."""
    labels = "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in sorted(vocab.load("roster")["signature_labels"], key=len, reverse=True))
    return re.compile(rf"^[\s\u2013\u2014-]*(?:(?P<label>{labels})\b\s*:?|(?P<role>[^\W\d_][^:,;()]{{0,40}}?)\s*:)\s*(?=\S)", re.IGNORECASE)


def find_signer(lines: Sequence[Line], listed: Collection[int] = (), *, given_name: bool = False) -> Signer | None:
    """The person who signs the text ``lines`` end with, and the roles the signature gives them.

    Among the last non-blank lines, outside the participant lists (``listed``): a name over
    its role ("Ana Lima" / "Chair, Kestrel Committee"), a name and its role on one line
    ("Ana Lima, Chair", "Ana Lima (Chair)"), a role as a label ("— Chair: Ana Lima"), or a
    signature label ("Signed: A. Lima (Chair)").  A name over a role must be a full name
    unless ``given_name`` (a mail's signature, where "Ana" over "Co-chair" signs it).
    """
    tail = [ln for ln in lines if not ln.blank][-SIGNATURE_LINES:]
    for n, ln in enumerate(tail):
        text = ln.text
        if ln.index in listed or len(text.split()) > MAX_SIGNATURE_WORDS or is_prose(text):
            continue
        labelled = _labelled_signer(ln)
        if labelled is not None:
            return labelled
        if _is_marked(ln):
            continue
        name = strip_honorific(text.strip(" ,"))
        words = len(name.split())
        if (words >= 2 or (given_name and words == 1)) and looks_like_name(name) and not _descriptor_like(name):
            nxt = tail[n + 1] if n + 1 < len(tail) else None
            if nxt is None or nxt.index in listed or len(nxt.text.split()) > MAX_SIGNATURE_WORDS:
                continue
            first = _mark_sep().split(nxt.text, 1)[0].strip()
            roles = classify([first])[0] if is_role(first) else ()
            if roles:
                return _signer_at(ln, name, roles)
        elif "," in text or "(" in text:
            entry = parse_entry(ln.clean, 0, len(text))
            if entry is not None and entry.roles and len(entry.name.split()) >= 2:
                return _signer_at(ln, entry.name, entry.roles, entry.name_as_written)
    return None


def _labelled_signer(ln: Line) -> Signer | None:
    """ "Signed: A. Lima (Chair)", "Approved by Ana Lima, Chair", "— Chair: Ana Lima": the signer after a label."""
    c = ln.clean
    m = _signature_label().match(c.text)
    if m is None or (m.group("role") is not None and not is_role(m.group("role"))):
        return None
    entry = parse_entry(c, m.end(), len(c.text))
    if entry is None or len(entry.name.split()) < 2:
        return None
    roles = entry.roles
    if m.group("role") is not None:
        label_roles = classify([m.group("role").strip()])[0]
        roles = label_roles + tuple(r for r in roles if r not in label_roles)
    return _signer_at(ln, entry.name, roles, entry.name_as_written, m.end())


def _signer_at(ln: Line, name: str, roles: tuple[str, ...], written: str | None = None, at: int = 0) -> Signer:
    """A signer whose name is written on line ``ln``: its span the name (titles aside), else as written, else the line."""
    c = ln.clean
    for form in (name, (written or name).strip()):
        i = c.text.find(form, at)
        if i >= 0:
            j = i + len(form)
            break
    else:
        i, j = at, len(c.text.rstrip())
    start, end = c.span(i, j)
    return Signer(name, roles, start, end)


def names_listed(name: str, participants: Sequence[Participant]) -> bool:
    """Whether a name as a signature writes it is one of the listed people's.

    The same name, a first name alone ("Nadia" for "Nadia Haddad"), or initials for
    given names ("S. Ortega", "A. B. Diallo" for "Sebastián Ortega", "Amara Binta Diallo").
    """
    words = norm_key(name).replace(".", ". ").split()
    for p in participants:
        listed = norm_key(p.name).split()
        if not listed:
            continue
        if words == listed or (len(words) == 1 and words[0] == listed[0]):
            return True
        given, family = words[:-1], words[-1]
        if (
            given
            and family == listed[-1]
            and len(given) <= len(listed) - 1
            and all(w == x or (w.endswith(".") and len(w) == 2 and x.startswith(w[0])) for w, x in zip(given, listed))
        ):
            return True
    return False


def _signed(blocks: list[RosterBlock], name: str, roles: tuple[str, ...]) -> list[RosterBlock]:
    """The lists with the signature's roles given to the one listed person it names.

    The signature says what the signer is ("Chair"), which lets "the Chair" of the
    text find them; a signer the lists do not name, or name twice, gains nothing.
    """
    key = norm_key(name)
    hits = [(b, p) for b, block in enumerate(blocks) for p, entry in enumerate(block.participants) if norm_key(entry.name) == key]
    if len(hits) != 1:
        return blocks
    (b, p), = hits
    block = blocks[b]
    entry = block.participants[p]
    added = tuple(r for r in roles if r not in entry.roles)
    if not added:
        return blocks
    signed = Participant(entry.name, entry.name_as_written, entry.start, entry.end, entry.group, entry.roles + added, entry.organisations)
    participants = block.participants[:p] + (signed,) + block.participants[p + 1:]
    return [*blocks[:b], RosterBlock(participants, block.first_line, block.last_line, block.absent), *blocks[b + 1:]]


@lru_cache(maxsize=1)
def _inline_list_re() -> re.Pattern[str]:
    """"<participants or absent label>: names" at the start of a line, the labels taken from the heading vocabulary."""
    data = vocab.load("headings")

    def alternatives(kind: str) -> str:
        return "|".join(re.escape(label) for label in sorted(data[kind], key=len, reverse=True))

    return re.compile(
        rf"^(?:(?P<label>{alternatives('participants')})|(?P<absent>{alternatives('absent')}))\s*:\s*(?P<rest>\S.*)$",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _cell_list_re() -> re.Pattern[str]:
    """The inline list regex with the label's colon optional: the label may end a table cell instead."""
    return re.compile(_inline_list_re().pattern.replace(r"\s*:\s*", r"\s*:?\s*", 1), re.IGNORECASE)


def inline_list_match(ln: Line) -> re.Match[str] | None:
    """"<label>: names" at the start of a line, or a table row whose first cell is the label ("Present<TAB>A; B")."""
    m = _inline_list_re().match(ln.text)
    if m is not None or "\t" not in ln.raw or len(_row_cells(ln.raw)) != 2:
        return m  # a row of more cells is a table's ("Panellists<TAB>Ana Lima<TAB>Kestrel Labs")
    head = clean(ln.raw.split("\t", 1)[0], 0).text.strip(" :")
    m = _cell_list_re().match(ln.text)
    if m is None or m.group("rest") is None or norm_key(head) != norm_key(m.group("label") or m.group("absent")):
        return None
    return m


def is_inline_list(ln: Line) -> bool:
    """A one-line participant or absent list ("Present: A, B and C", "Apologies: D", "Present<TAB>A; B")."""
    return inline_list_match(ln) is not None


def _tab_row(ln: Line) -> bool:
    """A row of a table: two cells or more, split by tabs or by the bars of a pipe table."""
    return len(_row_cells(ln.raw)) >= 2


def _read_list(
    lines: Sequence[Line], kinds: Sequence[str | None], h: int, claimed: Collection[int]
) -> RosterBlock | None:
    label = vocab.regex("headings", "annex_prefix").sub("", lines[h].text).strip(" :")
    annex = annex_label(lines[h])
    prev = next((k for k in range(h - 1, -1, -1) if not lines[k].blank), None)
    if annex is None and prev is not None and kinds[prev] == "annex":
        annex = annex_label(lines[prev])
    group = f"{label} ({annex})" if annex else label
    session = _session_heading(lines, kinds, h, prev, claimed)
    if session is not None:
        group = session
    end = h + 1
    while end < len(lines) and end not in claimed and (kinds[end] is None or kinds[end] == "participants"):
        end += 1
    block = _read_rows(lines, kinds, h + 1, end, group, claimed, heading_line=h)
    if block is not None and session is not None:
        block = RosterBlock(block.participants, block.first_line, block.last_line, block.absent, nested=True)
    return block


@lru_cache(maxsize=1)
def _session_labels() -> frozenset[str]:
    return frozenset(norm_key(label) for label in vocab.load("roster")["session_labels"])


MAX_SESSION_HEADING_WORDS = 16


def _session_heading(
    lines: Sequence[Line], kinds: Sequence[str | None], h: int, prev: int | None, claimed: Collection[int]
) -> str | None:
    """The heading a session's own list sits under ("Session 2: Data governance" over "Speakers:"), or None.

    Only a session label ("Speakers", "Panellists") is read so, and only right under a
    heading line of the body: a title-like line, neither the report's header nor a list item.
    """
    if norm_key(lines[h].text).rstrip(" :") not in _session_labels() or prev is None or prev in claimed:
        return None
    ln = lines[prev]
    text = ln.text.strip()
    if (
        kinds[prev] is not None
        or bullet_prefix(ln.raw)
        or is_prose(text)
        or text[-1:] in ".;,:"
        or len(text.split()) > MAX_SESSION_HEADING_WORDS
        or text[0].islower()
    ):
        return None
    return text


def _is_table(lines: Sequence[Line], rows: Sequence[int], table: Sequence[Sequence[str]], columns: Sequence[str]) -> bool:
    """Whether tab rows read as a participant table: the rows below the first name people in the name column.

    A table whose header is not a participant header ("Action / Owner / Due")
    reads as one entry at most, its header row.
    """
    body = [k for k, cells in zip(rows, table) if len(cells) >= 2 and not column_kinds(cells)][1:]
    if not body:
        return True
    read = sum(1 for k in body if _cell_entries(lines[k], None, spaces=False) or _tab_entry(lines[k], columns, None, (), ()))
    return 2 * read >= len(body)


def _read_rows(
    lines: Sequence[Line],
    kinds: Sequence[str | None],
    first: int,
    end: int,
    group: str | None,
    claimed: Collection[int],
    heading_line: int | None,
) -> RosterBlock | None:
    rows = [k for k in range(first, end) if not lines[k].blank and k not in claimed]
    # "MAG members: A (Org); B (Org)" lines make the list; a table further down is not its layout
    labelled = next((n for n, k in enumerate(rows) if _label_line(lines[k])), len(rows))
    tabbed = sum(1 for k in rows[:labelled] if _tab_row(lines[k])) >= 2
    out: list[Participant] = []
    absent: list[Participant] = []
    sub_group: str | None = None
    g_roles: tuple[str, ...] = ()
    g_orgs: tuple[str, ...] = ()
    table = [[cell for _, cell in _row_cells(lines[k].raw)] for k in rows]
    header = next((column_kinds(cells) for cells in table if column_kinds(cells)), None)
    columns = header or _guess_columns([cells for cells in table if len(cells) >= 2])
    if tabbed and not header and not _is_table(lines, rows, table, columns):
        return None  # a table of something else ("Action / Owner / Due")
    if not tabbed and labelled == len(rows):
        stanzas = _stanza_entries(lines, first, end, group, claimed)
        if stanzas is not None:
            found, last = stanzas
            return RosterBlock(tuple(found), heading_line if heading_line is not None else first, last, ())
    last_used = heading_line if heading_line is not None else first
    marked_list: bool | None = None  # whether the list's entries carry numbers or bullets
    entry_style: str | None = None  # "number" or "bullet": how the last entry read was marked
    legends: dict[str, str] = {}  # "(* = co-facilitator)": what a mark after a name means
    last_row: _Row | None = None  # the table row read last, which a wrapped cell's last line may follow
    carried: str | None = None  # the first line of a wrapped cell, which the next row ends
    for position, (k, cells) in enumerate(zip(rows, table)):
        ln = lines[k]
        following = rows[position + 1] if position + 1 < len(rows) else None
        if not any(ch.isalnum() for ch in ln.text) or _rule_line(ln):
            if k == rows[0] or following is not None:
                continue  # a rule under the heading or between groups ("=====", "-----")
            break
        legend = _legend(ln.raw)
        if legend:
            legends[legend[0]] = legend[1]
            last_used = k
            continue
        labelled_line = _label_line(ln)
        if labelled_line:
            label, found, is_absent = labelled_line
            (absent if is_absent else out).extend(found)
            sub_group, g_roles, g_orgs = None, (), ()
            last_used = k
            continue
        if labelled < len(rows) and k > rows[labelled] and not _is_marked(ln):
            break  # a list of "Group: entries" lines ends at a line of another shape
        if (
            kinds[k] is None
            and is_group_heading(ln.text)
            and following is not None
            and _entry_line(lines[following], columns if tabbed else None)
        ):
            # a stakeholder-group heading inside the list ("Government", "Civil Society")
            sub_group = straighten(ln.text.rstrip(":"))
            g_roles, g_orgs = group_descriptor(sub_group)
            last_used = k
            continue
        if tabbed:
            if column_kinds(cells):
                last_used = k
                continue
            if len(cells) >= 2:
                multi = [] if header or carried else _cell_entries(ln, sub_group or group, spaces=False)
                if multi:
                    out.extend(_with_group(p, g_roles, g_orgs) for p in multi)
                    last_used = k
                    last_row, carried = None, None
                    continue
                row_cells = _cells(ln, spaces=False)
                merged = _wrapped_into(row_cells, carried, columns, before=True) if carried else None
                p = _tab_entry(ln, columns, sub_group or group, g_roles, g_orgs, merged)
                carried = None
                if p:
                    is_absent = _absent_row(ln, columns)
                    (absent if is_absent else out).append(p)
                    last_row = _Row(k, merged or row_cells, sub_group or group, g_roles, g_orgs, is_absent)
                    last_used = k
                    continue
                if last_row is not None and last_row.index == k - 1 and not merged:
                    # the next line of the row above's last cells, in cells of its own (a PDF table)
                    grown = _wrapped_cells(last_row, [c for _, c in row_cells], columns)
                    row = last_row
                    p = grown and _tab_entry(lines[row.index], columns, row.group, row.g_roles, row.g_orgs,
                                             grown, end=ln.start + len(ln.raw.rstrip()))
                    if p and p.name == (absent if row.absent else out)[-1].name:
                        (absent if row.absent else out)[-1] = p
                        last_row = _Row(row.index, grown, row.group, row.g_roles, row.g_orgs, row.absent)
                        last_used = k
                        continue
                break
            wrapped = _wrapped_line(lines, k, last_row, columns)
            if wrapped is not None:
                # a cell's text wrapped onto a line of its own (a PDF table): the row it belongs to, read whole
                row, merged = wrapped
                p = _tab_entry(lines[row.index], columns, row.group, row.g_roles, row.g_orgs, merged,
                               end=ln.start + len(ln.raw.rstrip()))
                if p:
                    found_in = absent if row.absent else out
                    found_in[-1] = p
                    last_row = _Row(row.index, merged, row.group, row.g_roles, row.g_orgs, row.absent)
                    last_used = k
                    continue
            if (
                following is not None
                and lines[following].index == k + 1
                and _open_brackets(cells[0] if cells else "") > 0
                and _tab_row(lines[following])
                and _wrapped_into(_cells(lines[following], spaces=False), cells[0], columns, before=True)
            ):
                # "Centre for Open Networks Policy (PNAI" over "Ana Lima<TAB>co-facilitator)<TAB>...":
                # the first line of a cell the next row ends, no heading of a group
                carried = cells[0]
                last_used = k
                continue
            last_row = None
            if is_prose(ln.text) or kinds[k] is not None or following is None or not _tab_row(lines[following]):
                break  # a one-cell line heads a group of the table only when rows follow it
            sub_group = straighten(clean(cells[0]).text) if cells else None
            g_roles, g_orgs = group_descriptor(sub_group or "")
            last_used = k
            continue
        marked = _is_marked(ln)
        style = _marker_style(ln)
        if style and entry_style and style != entry_style and any(lines[x].blank for x in range(last_used + 1, k)):
            break  # "- Ana Lima" ... then, after a blank line, "1. Welcome": the numbered headings of the text
        found = _line_entries(ln, sub_group or group) if marked or not marked_list else []
        if (found or marked) and marked_list is None:
            marked_list = marked
        if found:
            out.extend(_with_group(p, g_roles, g_orgs) for p in found)
            last_used = k
            entry_style = style
            continue
        if marked and not is_prose(ln.text[bullet_prefix(ln.text):]):
            last_used = k  # a list item we cannot read as a name still belongs to the list
            continue
        text = ln.text
        if (
            not is_prose(text)
            and kinds[k] is None
            and len(text.split()) <= 12
            and (text.endswith(":") or _heading_like(text))
            and following is not None
            and _entry_line(lines[following], None)
        ):
            sub_group = straighten(text.rstrip(":"))
            g_roles, g_orgs = group_descriptor(sub_group)
            last_used = k
            continue
        break
    out = _drop_acronym_names(out)
    if not out and not absent:
        return None
    # a legend may also follow the list ("* co-facilitator" under the table)
    nxt = next((x for x in range(last_used + 1, min(len(lines), last_used + 3)) if not lines[x].blank), None)
    if nxt is not None and nxt not in claimed and (legend := _legend(lines[nxt].raw)):
        legends.setdefault(*legend)
        last_used = nxt
    out = _with_legend(out, lines, legends)
    return RosterBlock(tuple(out), heading_line if heading_line is not None else first, last_used, tuple(absent))


@dataclass(frozen=True)
class _Row:
    """A table row read as an entry, kept while a wrapped cell's next line may follow it."""

    index: int
    cells: Sequence[tuple[int, str]]
    group: str | None
    g_roles: tuple[str, ...]
    g_orgs: tuple[str, ...]
    absent: bool


MAX_WRAPPED_WORDS = 6
"""Words a line of a cell wrapped over lines may hold."""


def _wrapped_line(
    lines: Sequence[Line], k: int, row: _Row | None, columns: Sequence[str]
) -> tuple[_Row, list[tuple[int, str]]] | None:
    """Whether line ``k`` ends a cell of the table row just above it, and that row's cells with it."""
    ln = lines[k]
    if row is None or row.index != k - 1 or _tab_row(ln) or _is_marked(ln) or is_prose(ln.text):
        return None
    text = ln.text.strip()
    if not text or len(text.split()) > MAX_WRAPPED_WORDS or text.endswith(":") or is_group_heading(text):
        return None
    merged = _wrapped_into(row.cells, text, columns, before=False)
    return (row, merged) if merged else None


def _wrapped_into(
    cells: Sequence[tuple[int, str]], fragment: str, columns: Sequence[str], *, before: bool
) -> list[tuple[int, str]] | None:
    """A row's cells with a line of one of them put back (``before`` the row: the cell's first line).

    The cell is the one a bracket left open, or closed, waits for ("(PNAI" / "co-facilitator)");
    else, for a line after the row, by what the line says: an organisation's word alone
    ("Association") ends the organisation column, a phrase in lower case the role column when
    it names a role ("co-facilitator"), else the last cell. A capitalised phrase ("Members –
    Civil Society") heads a group of the rows below it: None, as when no cell takes the line.
    """
    cells = list(cells)
    texts = [c for _, c in cells]
    at: int | None = None
    if before:
        if _open_brackets(fragment) > 0:
            at = next((n for n, c in enumerate(texts) if _open_brackets(c) < 0), None)
        if at is None:
            return None
        cells[at] = (cells[at][0], f"{fragment.strip()} {texts[at]}")
        return cells
    if _open_brackets(fragment) < 0:
        at = next((n for n, c in enumerate(texts) if _open_brackets(c) > 0), None)
    kinds = list(columns) + ["other"] * (len(cells) - len(columns))
    if at is None and len(fragment.split()) == 1 and is_organisation_cue(fragment) and "organisation" in kinds[: len(cells)]:
        at = kinds.index("organisation")
    if at is None and _lower_case_phrase(fragment):
        at = kinds.index("role") if is_role(fragment) and "role" in kinds[: len(cells)] else len(cells) - 1
    if at is not None and at < len(cells) and kinds[at] in ("name", "last", "first") and _open_brackets(fragment) < 0:
        # "Ana LIMA (for Mr." over "SOUSA)": the name cell's bracket ends here; the name is read before it
        return cells
    if at is None or at >= len(cells) or kinds[at] in ("name", "last", "first"):
        return None
    cells[at] = (cells[at][0], f"{texts[at]} {fragment.strip()}")
    return cells


def _wrapped_cells(row: _Row, fragments: Sequence[str], columns: Sequence[str]) -> list[tuple[int, str]] | None:
    """A row's cells with the next lines of its last cells put back ("numériques<TAB>the Committee" under
    "NAME<TAB>Réseau … droits<TAB>Chair of"): a PDF table whose cells wrapped, the line's cells
    taken as the row's last ones; never into a name column."""
    cells = list(row.cells)
    if not fragments or len(fragments) >= len(cells):
        return None
    kinds = list(columns) + ["other"] * (len(cells) - len(columns))
    first = len(cells) - len(fragments)
    if any(k in ("name", "last", "first") for k in kinds[first:len(cells)]):
        return None
    for n, fragment in enumerate(fragments, start=first):
        cells[n] = (cells[n][0], f"{cells[n][1]} {fragment.strip()}")
    return cells


MIN_STANZAS = 3
"""Name-over-descriptor paragraphs a list must open with to be read as such."""


def _stanza_entries(
    lines: Sequence[Line], first: int, end: int, group: str | None, claimed: Collection[int]
) -> tuple[list[Participant], int] | None:
    """A list written as paragraphs of a name over its organisation or role (a sidebar's "Who took
    part", a programme's speaker boxes): one entry per paragraph, the second line its descriptor.

    At least :data:`MIN_STANZAS` two-line paragraphs whose first line is a name must open the
    list, and at least half of their second lines must read as no name (an organisation's word,
    a bracketed role, not a name's shape): two names a paragraph are two entries, read elsewhere.
    The list ends at the first paragraph of another shape.
    """
    paragraphs: list[list[int]] = []
    current: list[int] = []
    for k in range(first, end):
        if lines[k].blank or k in claimed:
            if current:
                paragraphs.append(current)
                current = []
            continue
        current.append(k)
    if current:
        paragraphs.append(current)
    pairs: list[tuple[Line, Line]] = []
    for para in paragraphs:
        if len(para) != 2:
            break
        name_line, descriptor = lines[para[0]], lines[para[1]]
        if (
            _is_marked(name_line)
            or _is_marked(descriptor)
            or not looks_like_name(strip_honorific(name_line.clean.text), max_tokens=5)
            or is_prose(descriptor.text)
        ):
            break
        pairs.append((name_line, descriptor))
    if len(pairs) < MIN_STANZAS or 2 * sum(_descriptor_line(d.clean.text) for _, d in pairs) < len(pairs):
        return None
    found: list[Participant] = []
    for a_line, b_line in pairs:
        a, b = a_line.clean, b_line.clean
        joined = Clean(f"{a.text}, {b.text}", (*a.offsets, a.end, a.end, *b.offsets), b.end)
        p = parse_entry(joined, 0, len(joined.text), group)
        if p is None:
            break
        found.append(p)
    if len(found) < MIN_STANZAS:
        return None
    return found, pairs[len(found) - 1][1].index


def _descriptor_line(text: str) -> bool:
    """Whether a line under a name describes it rather than naming someone else."""
    words = text.split("(")[0].strip()
    return "(" in text or is_organisation_cue(words) or is_role(words) or not looks_like_name(words, max_tokens=3)


_LABEL_LINE = re.compile(r"(?P<label>[^\W\d_][^:;,()\d]{0,60}?)\s*:\s*(?P<rest>\S)")
MAX_LABEL_WORDS = 6


def _label_line(ln: Line) -> tuple[str, list[Participant], bool] | None:
    """A line of a participant list that names a group, then its entries ("MAG members: A (Org); B (Org)").

    The label must read as a group: a participants or absent label ("Present",
    "Apologies"), a group heading ("Observers", "Secretariat"), a stakeholder
    group, or a phrase that gives its entries a role or organisation
    ("Co-facilitators", "Ministry of Health").  Returns the label, the entries
    (with what the label gives them) and whether the label names people absent.
    """
    c = ln.clean
    bp = bullet_prefix(c.text)
    m = _LABEL_LINE.match(c.text, bp)
    if not m:
        return None
    label = straighten(m.group("label")).strip()
    if len(label.split()) > MAX_LABEL_WORDS:
        return None
    inline = _inline_list_re().match(c.text, bp)
    is_absent = bool(inline and inline.group("absent"))
    roles, orgs = group_descriptor(label)
    if not (inline or is_group_heading(label) or is_stakeholder_group(label) or roles or orgs):
        return None
    found = [p for i, e in _inline_spans(c.text, m.start("rest")) if (p := parse_entry(c, i, e, label))]
    found = _drop_acronym_names(found)
    if not found:
        return None
    return label, [_with_group(p, roles, orgs) for p in found], is_absent


def _entry_line(ln: Line, columns: Sequence[str] | None) -> bool:
    """Whether a list line is an entry: marked, or read as one (as a table row when ``columns`` is given)."""
    if columns is not None and _tab_row(ln):
        return bool(_cell_entries(ln, None, spaces=False) or _tab_entry(ln, columns, None, (), ()))
    if _line_entries(ln, None):
        return True
    return _is_marked(ln) and not is_prose(ln.text[bullet_prefix(ln.text):])


def _is_marked(ln: Line) -> bool:
    return bool(numbered(ln) or bullet_prefix(ln.raw))


def _marker_style(ln: Line) -> str | None:
    """How a list line is marked: "number", "bullet", or None."""
    return "number" if numbered(ln) else "bullet" if bullet_prefix(ln.raw) else None


def _line_entries(ln: Line, group: str | None) -> list[Participant]:
    """The participants one list line names.

    A line without a number or bullet is an entry only when it reads as one:
    a full name, or a name with a role or organisation ("Budget" is not).
    A line whose cells (split on a tab or 2+ spaces) are each an entry gives
    one participant per cell.
    """
    multi = _cell_entries(ln, group)
    if multi:
        return multi
    spaced = _spaced_entry(ln, group)
    if spaced:
        return [spaced]
    found = [
        p
        for c, i, j in _list_entries(ln)
        for a, b in (_names_only_spans(c, i, j) or _run_on_spans(c, i, j))
        if (p := parse_entry(c, a, b, group))
    ]
    if not _is_marked(ln):
        found = [p for p in found if len(p.name.split()) >= 2 or p.roles or p.organisations]
    return found


MIN_NAMES_ONLY = 3
"""Comma-separated full names one line must hold to read as a paragraph of names ("A, B, C")."""


def _names_only_spans(c: Clean, i: int, j: int) -> list[tuple[int, int]] | None:
    """A line of full names only ("Ana Lima, Bo Chen, Dr. Carl Diaz and Dee Eng."): one span per name.

    Every part must be a full name (two words or more, an honorific aside) that reads
    as no role, organisation or place, so "Ana Lima, Kestrel Labs" stays one entry and
    "Lima, Ana" a name written surname first.  At least three names, or two joined by
    "and" without a comma.  None when the line is not such a list.
    """
    text = c.text[:j]
    spans = _inline_spans(text, i)
    if len(spans) < 2 or (len(spans) < MIN_NAMES_ONLY and "," in text[i:j]):
        return None
    for a, b in spans:
        part = text[a:b].strip(" \t.")
        name = strip_honorific(drop_nickname(part))
        if len(name.split()) < 2 or not looks_like_name(name) or _descriptor_like(name):
            return None
    return spans


_NAME_RUN = re.compile(r"[^\s,]+(?:\s+[^\s,]+){1,3}(?=,)")
MAX_RUN_ON = 4
"""Entries one line may hold when a text export ran the columns of a list together."""


def _run_on_spans(c: Clean, i: int, j: int) -> list[tuple[int, int]]:
    """An entry split where a second "Name, descriptor" entry begins on the same line.

    A text export of a two-column list runs entries together: "Ada Obi, Lead,
    Kestrel Labs (chairing) Bo Chen, Tern Trust".  A new entry starts at a
    full name followed by a comma, right after a closing bracket or after a
    word that ends an organisation's name ("Network", "Trust") once the entry
    has had its own comma.  Both halves must read as entries, the second with
    a descriptor of its own (after an organisation's word, an organisation).
    """
    text = c.text
    spans: list[tuple[int, int]] = []
    start = i
    if "," not in text[i:j]:
        return [(i, j)]
    org_words = _org_words()
    for ws in re.finditer(r"\s+", text[i:j]):
        s = i + ws.end()
        if s <= start or len(spans) + 1 >= MAX_RUN_ON:
            continue
        before = text[start:i + ws.start()]
        prev = before.rsplit(None, 1)[-1] if before.strip() else ""
        after_bracket = prev.endswith(")")
        after_org = "," in before and prev.lower().strip(".") in org_words
        if not (after_bracket or after_org):
            continue
        m = _NAME_RUN.match(text, s, j)
        if not m or not looks_like_name(m.group(), 4) or _descriptor_like(m.group()):
            continue
        if any(is_location(t) or t.lower() in org_words for t in m.group().split()):
            continue
        left = parse_entry(c, start, i + ws.start())
        right = parse_entry(c, s, j)
        if left is None or right is None or not (right.organisations if after_org else right.roles or right.organisations):
            continue  # "..., Open Data Institute Leeds Node, member": the organisation's name goes on
        spans.append((start, i + ws.start()))
        start = s
    spans.append((start, j))
    return spans


def _heading_like(text: str) -> bool:
    return (
        "," not in text
        and (not looks_like_name(text) or _descriptor_like(text) or is_group_heading(text))
        and heading_kind_text(text) is None
    )


def heading_kind_text(text: str) -> str | None:
    """:func:`heading_kind` for a bare string."""
    return heading_kind(Line(0, 0, len(text), len(text), text))


def _with_group(p: Participant, roles: tuple[str, ...], orgs: tuple[str, ...]) -> Participant:
    if not roles and not orgs:
        return p
    merged_roles = roles + tuple(r for r in p.roles if r not in roles)
    merged_orgs = orgs + tuple(o for o in p.organisations if o not in orgs)
    return Participant(p.name, p.name_as_written, p.start, p.end, p.group, merged_roles, merged_orgs)


def _list_entries(ln: Line) -> list[tuple[Clean, int, int]]:
    """The entries on one list line (a run-on numbered list gives several)."""
    c = ln.clean
    m = numbered(ln)
    if m:
        return [(c, i, j) for _, i, j in split_numbered(c, int(m.group("n")), m.start("t"))]
    bp = bullet_prefix(c.text)
    return [(c, bp, len(c.text))]


# --------------------------------------------------------------------------- inline lists

_JOINER = re.compile(r"(?<=\s)(?:and|plus|as well as|&)(?=\s|$)", re.IGNORECASE)
_LEADING_JOINER = re.compile(r"^\s*(?:(?:and|plus|as well as)\b|&)\s*", re.IGNORECASE)
_JOINER_END = re.compile(r"(?:[,;&]|\b(?:and|plus|as well as))\s*$", re.IGNORECASE)
MAX_INLINE_LINES = 8
"""Lines an inline list may wrap over ("On the call: A, B, plus" / "C (notes).")."""


def _split_outside_brackets(text: str, i: int, j: int, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    """``text[i:j]`` split at ``sep`` where it is not inside brackets."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = i
    k = i
    while k < j:
        ch = text[k]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = sep.match(text, k, j)
            if m and m.end() > k:
                spans.append((start, k))
                start = k = m.end()
                continue
        k += 1
    spans.append((start, j))
    return spans


def _inline_spans(text: str, rest: int) -> list[tuple[int, int]]:
    """The entries of an inline list ``text[rest:]``: split at ';' (or at ',', 'and', 'plus' in a list of names)."""
    semi = len(_split_outside_brackets(text, rest, len(text), re.compile(";"))) > 1
    spans = _split_outside_brackets(text, rest, len(text), re.compile(";" if semi else ","))
    if not semi:
        # a comma list is only names: split "A and B", "A plus B" too
        spans = [
            part
            for i, j in spans
            for part in _split_outside_brackets(text, i, j, _JOINER)
        ]
    out = []
    for i, j in spans:
        m = _LEADING_JOINER.match(text, i, j)
        if m:
            i = m.end()
        m = _JOINER_END.search(text, i, j)
        if m:
            j = m.start()
        if text[i:j].strip():
            out.append((i, j))
    return out if semi else _surname_first_pairs(text, out)


def _surname_first_pairs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Comma-split entries put back together where each is written surname first ("Apologies: Okoro, Tunde (Kestrel Labs)").

    Every pair of parts must read so: a surname alone, then given names with their
    descriptor in brackets; "Ana, Bo" (two first names) stays two entries, and so does
    "Ingeborg, Hira Qureshi (Tern Labs)" (a first name, then a full name).
    """
    if len(spans) < 2 or len(spans) % 2:
        return spans
    merged = []
    pairs = len(spans) // 2
    for (a, b), (c, d) in zip(spans[0::2], spans[1::2]):
        surname = strip_honorific(text[a:b].strip())
        m = re.match(r"\s*(?P<given>[^()\[\],;]+?)\s*[(\[]", text[c:d])
        if (
            not m
            or not surname
            or any(ch in surname for ch in "()[]")
            or not _surname_shaped(surname)
            or _descriptor_like(surname)
            or not looks_like_name(m.group("given"), 3)
            or _descriptor_like(m.group("given"))
        ):
            return spans
        # "Ingeborg, Hira Qureshi (Tern Labs)": a first name, then a full name; only a surname
        # written as one ("Bakare-Williams", "OKORO", "de Souza"), or the same shape twice, says otherwise
        marked = "-" in surname or _caps_surname(surname.split()) or surname.split()[0] in PARTICLES
        if not (marked or (pairs >= 2 and len(m.group("given").split()) == 1)):
            return spans
        merged.append((a, d))
    return merged


def _joined(views: Sequence[Clean]) -> Clean:
    """Clean views of consecutive lines as one, a space standing for each line break."""
    text = " ".join(v.text for v in views)
    offsets: list[int] = []
    for n, v in enumerate(views):
        if n:
            offsets.append(views[n - 1].end)
        offsets.extend(v.offsets)
    return Clean(text, tuple(offsets), views[-1].end)


def _inline_list(
    lines: Sequence[Line], kinds: Sequence[str | None], j: int, m: re.Match[str], claimed: Collection[int]
) -> RosterBlock | None:
    """"Participants: A (Org); B, role" at the start of a line, possibly wrapped over the next lines.

    A list goes on over the next line when its line ends in a separator ("A, B," / "and")
    and the next line holds only entries, or when the line was broken inside an entry (a
    bracket left open, "C (Chilean Directorate for" / "Digital Diplomacy), D"; or the
    next line opens with the last name's brackets) and the list read whole still parses.
    """
    label = (m.group("label") or m.group("absent")).strip().capitalize()
    views = [lines[j].clean]
    k = j + 1
    while (
        k < len(lines)
        and k - j < MAX_INLINE_LINES
        and k not in claimed
        and not lines[k].blank
        and kinds[k] is None
        and not _is_marked(lines[k])
        and not is_inline_list(lines[k])
    ):
        nxt = lines[k].clean
        if _JOINER_END.search(views[-1].text) and _continues_list(nxt):
            views.append(nxt)
        elif _broken_entry(views, nxt):
            views.append(nxt)
        else:
            break
        k += 1
    # a line broken inside an entry must be mended by the lines taken after it
    while len(views) > 1 and not _reads_whole(_joined(views), m.start("rest")):
        views.pop()
    last = j + len(views) - 1
    c = _joined(views) if len(views) > 1 else views[0]
    found = [p for i, e in _inline_spans(c.text, m.start("rest")) if (p := parse_entry(c, i, e, label))]
    found = _drop_acronym_names(found)
    if not found:
        return None
    if m.group("absent"):
        return RosterBlock((), j, last, absent=tuple(found))
    return RosterBlock(tuple(found), j, last)


def _open_brackets(text: str) -> int:
    return text.count("(") - text.count(")")


def _broken_entry(views: Sequence[Clean], nxt: Clean) -> bool:
    """Whether an inline list's line was broken inside an entry and ``nxt`` carries it on."""
    prev = views[-1].text.rstrip()
    if not prev or prev[-1] in ".;:!?":
        return False
    if sum(_open_brackets(v.text) for v in views) > 0:
        return True  # "Catalina Urrutia (Chilean Directorate for" / "Digital Diplomacy), ..."
    # "..., Ruta" / "Kazlauskiene (co-facilitator), ...": the line broke inside a name
    tail = re.split(r"[,;(]|\band\b", prev)[-1].strip()
    head = re.split(r"[,;(]", nxt.text, maxsplit=1)[0].strip()
    if tail and head and head != nxt.text.strip() and looks_like_name(f"{tail} {head}", 5) and len(f"{tail} {head}".split()) >= 2:
        return True
    if not nxt.text.startswith("(") or prev[-1] in ",&":
        return False
    # "... Julian Restrepo" / "(Colectivo Conecta), ...": the brackets describe the name, they are no remark
    inner = nxt.text[1:].split(")", 1)[0]
    return not (is_prose(inner) or re.search(r"[.!?:;](?:\s|$)", inner))


def _reads_whole(c: Clean, rest: int) -> bool:
    """An inline list wrapped over lines: brackets closed, and every entry reads as one."""
    if _open_brackets(c.text) != 0:
        return False
    spans = _inline_spans(c.text, rest)
    return bool(spans) and all(parse_entry(c, i, e) is not None for i, e in spans)


def _continues_list(c: Clean) -> bool:
    """Whether a line that follows an inline list ending in ',' / 'and' / 'plus' holds only more entries."""
    spans = _inline_spans(c.text, 0)
    return bool(spans) and all(parse_entry(c, i, e) is not None for i, e in spans)

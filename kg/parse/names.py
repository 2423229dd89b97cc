"""Person names as written: reading them out of text and putting them in natural order."""

from __future__ import annotations

import re

from kg.parse import vocab

# Lower-case words that occur inside personal names ("Ana de los Santos", "van der Berg").
PARTICLES = frozenset(
    "de da das do dos du del della dello degli der den des di van vande vander von zu la le les los las y e i "
    "bin binti bint ibn ben abu al el ter ten op st. saint ó ní nic uí wa".split()
)
# A particle elided before a vowel and written onto the family name: "Jean-Claude d'Offay",
# "Carlo dell'Acqua", "Anne l'Hermite". Written so, in lower case, it never opens a name.
_ELIDED = re.compile(r"^(?:d|l|dell|dall|degl|nell|sull|all)['\u2019](?P<rest>.+)$")
_TOKEN = re.compile(r"\S+")
# combining marks count as letters: "Adébáyọ̀" writes its last vowel as "ọ" and a combining grave
_NAME_CHARS = re.compile(r"^[^\W\d_][\u0300-\u036f]*(?:[\w'\u2019.\-\u0300-\u036f]*[\w.\u0300-\u036f])?$")


def is_name_token(tok: str) -> bool:
    """A capitalised word or an initial ("S."), possibly hyphenated ("Sven-Erik")."""
    return bool(tok) and tok[0].isupper() and _NAME_CHARS.match(tok) is not None


def is_elided_name(tok: str) -> bool:
    """A family name behind an elided particle in lower case ("d'Offay", "dell'Acqua")."""
    m = _ELIDED.match(tok)
    return m is not None and is_name_token(m.group("rest"))


def _honorifics() -> frozenset[str]:
    return vocab.word_set("roles", "honorifics")


def strip_honorific(name: str) -> str:
    """Drop a leading honorific ("Dr.", "Ms", "H.E.") from a name."""
    honorifics = _honorifics()
    parts = name.split()
    while len(parts) > 1 and parts[0].lower().rstrip(".") in honorifics:
        parts = parts[1:]
    return " ".join(parts)


def read_name(s: str, pos: int = 0, max_tokens: int = 6) -> tuple[str, int, int] | None:
    """Read a personal name starting at ``s[pos:]``.

    Returns ``(name, start, end)`` with indices into ``s``, or None when no
    capitalised word starts there.  Reading stops at a comma, a bracket, a
    lower-case word that is not a name particle, or after ``max_tokens``.
    """
    tokens = list(_TOKEN.finditer(s, pos))
    taken: list[tuple[str, int, int]] = []
    for k, m in enumerate(tokens):
        raw = m.group()
        if raw.startswith(("(", "[", "\"", "\u201c")):
            break
        tok = raw.rstrip(",;:)]\"\u201d")
        stop_after = tok != raw
        if tok.endswith(".") and not re.fullmatch(r"[^\W\d_]\.|(?:[^\W\d_]\.){2,}", tok):
            tok = tok[:-1]
            # a sentence period, not an initial, unless it ends a leading honorific ("Ms. de la Cruz")
            leading_honorific = all(t.lower() in _honorifics() for t in [tok, *(t for t, _, _ in taken)])
            stop_after = stop_after or not leading_honorific
        if tok.endswith("'s") or tok.endswith("\u2019s"):
            tok = tok[:-2]
            stop_after = True
        if is_name_token(tok) or (taken and is_elided_name(tok)):
            taken.append((tok, m.start(), m.start() + len(tok)))
        elif tok.lower() in PARTICLES and taken and not stop_after and _particles_then_name(tokens, k + 1):
            taken.append((tok, m.start(), m.start() + len(tok)))
        else:
            break
        if stop_after or len(taken) >= max_tokens:
            break
    if not taken:
        return None
    name = " ".join(t for t, _, _ in taken)
    cleaned = strip_honorific(name)
    start = taken[len(name.split()) - len(cleaned.split())][1]
    return cleaned, start, taken[-1][2]


def _particles_then_name(tokens: list[re.Match[str]], k: int) -> bool:
    """Whether ``tokens[k:]`` holds a run of name particles ending in a capitalised word ("la Cruz")."""
    while k < len(tokens):
        tok = tokens[k].group().rstrip(",;:)]\"\u201d")
        if tok.endswith(("'s", "\u2019s")):
            tok = tok[:-2]
        if is_name_token(tok) or is_elided_name(tok):
            return True
        if tok.lower() not in PARTICLES or tok != tokens[k].group():
            return False
        k += 1
    return False


def looks_like_name(s: str, max_tokens: int = 6) -> bool:
    """Whether ``s`` is, in full, a plausible personal name."""
    parts = s.split()
    if not 1 <= len(parts) <= max_tokens:
        return False
    if not is_name_token(parts[0]) or not (is_name_token(parts[-1]) or (len(parts) > 1 and is_elided_name(parts[-1]))):
        return False
    return all(is_name_token(p) or p.lower() in PARTICLES or is_elided_name(p) for p in parts[1:])


def natural_order(last: str, first: str) -> str:
    """``"Novak", "Tomas"`` -> ``"Tomas Novak"``."""
    return " ".join(f"{first} {last}".split())


def is_initials_of(short: str, full: str) -> bool:
    """Whether ``short`` is written as the initials of the name ``full``: "AB" for "Anna Berg",
    "JBM" for "Jean-Baptiste Mugisha", "AB" for "Anna Maria Berg" (first and last)."""
    letters = short.replace(".", "").strip()
    if not 2 <= len(letters) <= 5 or not letters.isalpha() or not letters.isupper():
        return False
    words = [w for w in re.split(r"\s+", full.strip()) if w and w.lower() not in PARTICLES]
    parts = [p for w in words for p in re.split(r"[-\u2010]", w) if p]
    every = "".join(p[0] for p in parts).upper()
    ends = (words[0][0] + words[-1][0]).upper() if len(words) >= 2 else ""
    return letters in (every, ends)


# A nickname written between a person's given and family names: 'Kwabena "Kobby" Osei-Mensah',
# "Kwabena “Kobby” Osei-Mensah", "Kwabena ‘Kobby’ Osei-Mensah", "Kwabena (Kobby) Osei-Mensah".
_INNER_NICKNAME = re.compile(
    r"""\s+(?:"(?P<straight>[^"\n]{1,40})"|\u201c(?P<curly>[^\u201c\u201d\n]{1,40})\u201d"""
    r"""|[\u2018\u2019'](?P<single>[^\u2018\u2019'\n]{1,40})[\u2019\u2018']|\((?P<bracket>[^()\n]{1,40})\))(?=\s+\S)"""
)


def nickname_in_name(text: str) -> tuple[str, int, int] | None:
    """The nickname quoted or bracketed inside the name that starts ``text``.

    Returns ``(nickname, start, end)``, where ``text[start:end]`` is the nickname with
    its quotes or brackets and the space before them, so that removing it leaves the
    name: 'Kwabena "Kobby" Osei-Mensah (Org)' -> ("Kobby", 7, 15).  The nickname must
    stand between name words ("Anna Berg (AB)" and "Ana (Kestrel Labs)" hold none).
    """
    for m in _INNER_NICKNAME.finditer(text):
        before = text[: m.start()].split()
        if not before or not all(is_name_token(t) or t.lower() in PARTICLES for t in before) or len(before) > 4:
            return None
        after = text[m.end():].split()
        nickname = next(g for g in m.groups() if g is not None).strip()
        follows = after[0].rstrip(",;:") if after else ""
        if (is_name_token(follows) or follows.lower() in PARTICLES) and looks_like_name(nickname, 2) and not (
            len(nickname) > 1 and nickname.isupper()  # "Jean (ISOC) Dupont": an acronym, not a nickname
        ):
            return nickname, m.start(), m.end()
        return None
    return None


def drop_nickname(text: str) -> str:
    """``text`` without the nickname inside its leading name ('Kwabena "Kobby" Osei-Mensah' -> "Kwabena Osei-Mensah")."""
    found = nickname_in_name(text)
    return text if found is None else text[: found[1]] + text[found[2]:]

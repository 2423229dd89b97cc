"""The user alias file: confirm, override, separate, pin, and clear errors for malformed files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from test_resolve import P, entry, name_of, org, report, speaker

from kg.errors import ResolveError
from kg.resolve import CONFIDENCE, load_aliases, resolve


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "aliases.toml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_resolve_alias_file_confirms_a_merge(tmp_path):
    reports = [report("b", participants=["Jose Lito Barreda"]), report("a", participants=["Lito Barreda"])]
    assert entry(resolve(reports), "a", 0).method == "variant"
    aliases = write(tmp_path, """
        [[person]]
        name = "Jose Lito Barreda"
        aliases = ["Lito Barreda"]
    """)
    result = entry(resolve(reports, aliases), "a", 0)
    assert (result.person, result.method, result.confidence) == ("jose-lito-barreda", "user-alias", 1.0)
    assert "aliases.toml (line 1)" in result.evidence


def test_resolve_alias_file_sets_the_display_name(tmp_path):
    reports = [report("b", participants=["Benedetta Rossi"]), report("a", speakers=["Benedetta Rossi"])]
    aliases = write(tmp_path, """
        [[person]]
        name = "Benedetta Rossi-Vale"
        aliases = ["Benedetta Rossi"]
    """)
    r = resolve(reports, aliases)
    result = speaker(r, "a", 0)
    assert name_of(r, result.person) == "Benedetta Rossi-Vale"
    assert r.person(result.person).variants == ("Benedetta Rossi",)


def test_resolve_alias_file_short_alias_resolves_everywhere(tmp_path):
    reports = [
        report("a", participants=["Priya Raman", "Pritam Das"], speakers=["Pri"]),
        report("b", speakers=["Pri"]),
    ]
    # "Pri" opens both listed first names: no answer without the alias file
    assert speaker(resolve(reports), "a", 0).method == "ambiguous"
    aliases = write(tmp_path, """
        [[person]]
        name = "Priya Raman"
        aliases = ["Pri"]
    """)
    r = resolve(reports, aliases)
    assert [(speaker(r, d, 0).person, speaker(r, d, 0).method) for d in "ab"] == [("priya-raman", "user-alias")] * 2


def test_resolve_alias_file_separates_a_fuzzy_merge(tmp_path):
    reports = [report("b", participants=["Mateo Ferreira"]), report("a", participants=["Mateoz Ferreira"])]
    assert len([p for p in resolve(reports).people if p.resolved]) == 1
    aliases = write(tmp_path, """
        [[separate]]
        names = ["Mateo Ferreira", "Mateoz Ferreira"]
    """)
    r = resolve(reports, aliases)
    assert sorted(p.name for p in r.people if p.resolved) == ["Mateo Ferreira", "Mateoz Ferreira"]
    assert entry(r, "a", 0).method == "exact"


@pytest.mark.parametrize(
    "pin, expected_person, expected_method",
    [
        ('person = "Chris Moyo"', "chris-moyo", "user-alias"),
        ('person = "Christopher Moyo-Banda"', "christopher-moyo-banda", "user-alias"),
        ("unresolved = true", "unresolved/a/chris", "unresolved"),
        ('person = "Chris Moyo"\nstart = 0', "chris-moyo", "user-alias"),
    ],
)
def test_resolve_alias_file_pins_a_mention(tmp_path, pin, expected_person, expected_method):
    reports = [report("a", participants=["Chris Moyo", "Chris Tanaka", "Priya Raman"], speakers=["Chris", "Priya"])]
    assert speaker(resolve(reports), "a", 0).method == "ambiguous"
    aliases = write(tmp_path, '[[mention]]\nreport = "a.txt"\ntext = "Chris"\n' + pin + "\n")
    r = resolve(reports, aliases)
    result = speaker(r, "a", 0)
    assert (result.person, result.method) == (expected_person, expected_method)
    assert speaker(r, "a", 1).method == "participant-list"  # the other mention is untouched


def test_resolve_alias_file_pin_for_another_corpus_is_ignored(tmp_path):
    reports = [report("a", participants=["Priya Raman"], speakers=["Priya"])]
    aliases = write(tmp_path, '[[mention]]\nreport = "elsewhere"\ntext = "Sam"\nperson = "Sam Lee"\n')
    assert speaker(resolve(reports, aliases), "a", 0).person == "priya-raman"


def test_resolve_alias_file_merges_organisations(tmp_path):
    reports = [report("a", participants=[P("Priya Raman", orgs=("Open Cable Soc.",))], speakers=[org("OCS")])]
    aliases = write(tmp_path, """
        [[organisation]]
        name = "Open Cable Society"
        aliases = ["OCS", "Open Cable Soc."]
    """)
    r = resolve(reports, aliases)
    assert [(o.key, o.name, o.alt_labels) for o in r.organisations] == [
        ("open-cable-society", "Open Cable Society", ("OCS", "Open Cable Soc."))
    ]
    assert (speaker(r, "a", 0).organisation, speaker(r, "a", 0).method) == ("open-cable-society", "user-alias")
    assert r.affiliations == (("priya-raman", "open-cable-society", "a"),)


def test_resolve_example_alias_file_loads(examples_dir):
    aliases = load_aliases(examples_dir / "aliases.toml")
    assert [p.name for p in aliases.people] == ["Priya Raman", "Dána Eiríksdóttir"]
    assert aliases.separate[0].names == ("Sam Lee", "Samuel Lee")
    assert [(m.text, m.person, m.unresolved) for m in aliases.mentions] == [("Sam", "Samuel Lee", False), ("Chris", None, True)]
    assert aliases.organisations[0].aliases == ("OCS", "The Open Cable Soc.")


# (case id, file text, expected fragments of the message)
ERROR_CASES = [
    ("not TOML", '[[person]]\nname = "Priya\n', ["not valid TOML", "line 2"]),
    ("unknown section", '[[people]]\nname = "Priya Raman"\n', ["unknown section 'people'", "[[person]]"]),
    ("section not a table array", 'person = "Priya Raman"\n', ["'person' must be written as [[person]]"]),
    ("unknown key", '[[person]]\nname = "Priya Raman"\nalias = ["Priya"]\n', ["[[person]] entry 1 (line 1)", "unknown key 'alias'", "aliases"]),
    ("wrong type", '[[person]]\nname = "Priya Raman"\naliases = "Priya"\n', ["'aliases' must be a list of strings"]),
    ("missing name", '[[person]]\naliases = ["Priya"]\n', ["missing 'name'"]),
    ("empty name", '[[person]]\nname = " "\n', ["'name' is empty"]),
    (
        "second entry broken",
        '[[person]]\nname = "Priya Raman"\n\n[[person]]\nname = 3\n',
        ["[[person]] entry 2 (line 4)", "'name' must be a string"],
    ),
    ("separate one name", '[[separate]]\nnames = ["Sam Lee"]\n', ["at least two names"]),
    ("separate equal names", '[[separate]]\nnames = ["Sam Lee", "LEE Sam"]\n', ["same name up to case", "[[mention]]"]),
    ("pin with both", '[[mention]]\nreport = "a"\ntext = "Sam"\nperson = "Sam Lee"\nunresolved = true\n', ["exactly one of 'person'"]),
    ("pin with neither", '[[mention]]\nreport = "a"\ntext = "Sam"\n', ["exactly one of 'person'"]),
    ("pin start not a number", '[[mention]]\nreport = "a"\ntext = "Sam"\nperson = "Sam Lee"\nstart = "10"\n', ["'start' must be a whole number"]),
    (
        "alias claimed twice",
        '[[person]]\nname = "Sam Lee"\naliases = ["Sam"]\n\n[[person]]\nname = "Samuel Lee"\naliases = ["Sam"]\n',
        ["'Sam' belongs to two [[person]] entries", "(line 1)", "(line 5)"],
    ),
    (
        "separate contradicts person",
        '[[person]]\nname = "Sam Lee"\naliases = ["Samuel Lee"]\n\n[[separate]]\nnames = ["Sam Lee", "Samuel Lee"]\n',
        ["[[separate]] (line 5)", "says they are the same person"],
    ),
]


@pytest.mark.parametrize("text, fragments", [c[1:] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES])
def test_resolve_alias_file_errors_say_where_and_what(tmp_path, text, fragments):
    path = tmp_path / "aliases.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ResolveError) as err:
        resolve([report("a", participants=["Priya Raman"])], path)
    message = str(err.value)
    assert message.startswith(f"{path}: ")
    for fragment in fragments:
        assert fragment in message


def test_resolve_alias_file_missing(tmp_path):
    with pytest.raises(ResolveError, match="alias file not found"):
        resolve([report("a")], tmp_path / "nope.toml")


def test_resolve_alias_file_pin_without_its_mention(tmp_path):
    aliases = write(tmp_path, '[[mention]]\nreport = "a"\ntext = "Sammy"\nperson = "Sam Lee"\n')
    with pytest.raises(ResolveError, match=r"\[\[mention\]\] \(line 1\): report a has no speaker mention 'Sammy'"):
        resolve([report("a", speakers=["Sam"])], aliases)


# --------------------------------------------------------------------------- nicknames the report explains

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from test_resolve import speaker as speaker_of  # noqa: E402

from kg.model import SourceDoc  # noqa: E402
from kg.nlp import annotate, load_pipeline  # noqa: E402
from kg.parse import parse_report  # noqa: E402
from kg.parse.names import drop_nickname, nickname_in_name  # noqa: E402


@pytest.fixture(scope="module")
def rules():
    return load_pipeline("none")


def build(rules, *texts: str):
    """Parse, annotate and resolve inline reports ``r0``, ``r1``, ... together."""
    anns = []
    for n, text in enumerate(texts):
        doc = SourceDoc(path=f"r{n}.md", file_name=f"r{n}.md", sha256="0" * 64, fmt="md", text=text, original=text)
        anns.append(annotate(parse_report(doc), rules))
    return anns, resolve(anns)


def said(anns, r, doc: str, text: str):
    """The resolution of the speaker mention written ``text`` in report ``doc``."""
    found = [m for m in r.mentions if m.doc_id == doc and m.text == text]
    assert found, f"no speaker mention '{text}' in {doc}: {[m.text for m in r.mentions if m.doc_id == doc]}"
    return found[0]


@pytest.mark.parametrize(
    "written, nickname, name",
    [
        ('Efua "Effie" Boateng-Asare (Kestrel Mobile)', "Effie", "Efua Boateng-Asare (Kestrel Mobile)"),
        ("Efua \u201cEffie\u201d Boateng-Asare", "Effie", "Efua Boateng-Asare"),
        ("Efua \u2018Effie\u2019 Boateng-Asare, member", "Effie", "Efua Boateng-Asare, member"),
        ("Efua \u2019Effie\u2019 Boateng-Asare", "Effie", "Efua Boateng-Asare"),
        ("Efua 'Effie' Boateng-Asare", "Effie", "Efua Boateng-Asare"),
        ("Efua (Effie) Boateng-Asare (Kestrel Mobile)", "Effie", "Efua Boateng-Asare (Kestrel Mobile)"),
        ("Dr. Ines \"Nena\" de la Vega", "Nena", "Dr. Ines de la Vega"),
        ("Anna Berg (AB)", None, "Anna Berg (AB)"),  # initials after the name, not inside it
        ("Anna Berg (Kestrel Labs) - member", None, "Anna Berg (Kestrel Labs) - member"),
        ("Jon (OCS) Berg", None, "Jon (OCS) Berg"),  # an acronym is no nickname
        ("Anna \"Annie\"", None, "Anna \"Annie\""),  # nothing after it: no name around it
        ("the \"Tern\" Group", None, "the \"Tern\" Group"),
    ],
)
def test_parse_names_nickname_inside_a_name(written, nickname, name):
    found = nickname_in_name(written)
    assert (found[0] if found else None) == nickname
    assert drop_nickname(written) == name


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Ab c\"'()\u201c\u201d\u2018\u2019-,.\n")), max_size=40))
def test_parse_names_nickname_offsets_inside_the_text(text):
    found = nickname_in_name(text)
    if found is not None:
        nickname, start, end = found
        assert 0 <= start < end <= len(text) and nickname in text[start:end]


LISTED_WITH_NICKNAME = """# Working Group on Example Matters

## Attendance

- Efua {nick} Boateng-Asare (Kestrel Mobile)
- Tomasz Wierzba (Tern Trust)

## Discussion

Effie said that the survey would close in March.

Tomasz agreed.
"""


@pytest.mark.parametrize("nick", ['"Effie"', "\u201cEffie\u201d", "\u2018Effie\u2019", "(Effie)"])
def test_resolve_nickname_inside_a_listed_name_is_the_persons_alias(rules, nick):
    anns, r = build(rules, LISTED_WITH_NICKNAME.format(nick=nick))
    assert [p.name for p in anns[0].report.participants] == ["Efua Boateng-Asare", "Tomasz Wierzba"]
    found = said(anns, r, "r0", "Effie")
    assert (found.person, found.method) == ("efua-boateng-asare", "text-alias")
    assert found.confidence == CONFIDENCE["text-alias"]
    assert "Effie" in r.person("efua-boateng-asare").variants


EXPLAINED = """# Working Group on Example Matters

## Attendance

- Radomir Petkov (Tern Trust)
- Ilse Vanterpool (Kestrel Labs)
- Ruth Okonjo (Civic Lab)

## Discussion

{sentence}

Ilse agreed.
"""


@pytest.mark.parametrize(
    "sentence, short, person",
    [
        ("Rado (Radomir Petkov) presented the plans for the youth track.", "Rado", "radomir-petkov"),
        # any short form of a listed person ("Mila" does not start like "Ruth")
        ("Mila (Ruth Okonjo) presented the mapping.", "Mila", "ruth-okonjo"),
        ("Thanks to Rado (Radomir Petkov) for agreeing to moderate. Rado said he would.", "Rado", "radomir-petkov"),
        # the full name is said only in the bracket: the report still names the person in full
        ("Bisi (Olabisi Adeyemi-Cole) presented the mapping.", "Bisi", "olabisi-adeyemi-cole"),
        # a name within the full one
        ("Lan Chi (Tran Thi Lan Chi, Civic Lab) presented the mapping.", "Lan Chi", "tran-thi-lan-chi"),
    ],
)
def test_resolve_short_name_explained_by_a_full_name_in_brackets(rules, sentence, short, person):
    anns, r = build(rules, EXPLAINED.format(sentence=sentence))
    found = said(anns, r, "r0", short)
    assert found.person == person and found.method == "text-alias", found.evidence
    assert f"'{short}'" in found.evidence


@pytest.mark.parametrize(
    "sentence, full",
    [
        ("The Chair (Radomir Petkov) presented the plans.", "Radomir Petkov"),  # a role, not a nickname
        ("Kenya (Radomir Petkov) presented the plans.", "Radomir Petkov"),  # a country
        # an unlisted full name that the short form neither starts like nor contains
        ("Bojan (Milan Horvat) presented the plans.", "Milan Horvat"),
    ],
)
def test_resolve_bracketed_full_name_after_a_non_nickname_states_no_alias(rules, sentence, full):
    anns, _ = build(rules, EXPLAINED.format(sentence=sentence))
    assert not [pair for pair in anns[0].aliases if pair[0] == full]


def test_resolve_stated_nickname_holds_for_the_whole_report(rules):
    text = EXPLAINED.format(sentence="Ilse (Ilse Vanterpool) opened the call. Rado (Radomir Petkov) presented. Later Rado asked a question.")
    anns, r = build(rules, text)
    rado = [m for m in r.mentions if m.doc_id == "r0" and m.text == "Rado"]
    assert rado and {m.person for m in rado} == {"radomir-petkov"}


@pytest.mark.parametrize(
    "mention, expected, method",
    [
        ("Lucia M.", "lucia-moreau", "participant-list"),
        ("Lucia T.", "lucia-tanaka", "participant-list"),
        ("Lucia", None, "ambiguous"),
        ("Lucia X.", None, "unresolved"),
    ],
)
def test_resolve_first_name_with_a_surname_initial(mention, expected, method):
    reports = [report("a", participants=["Lucia Moreau", "Lucia Tanaka", "Pavel Horak"], speakers=[mention])]
    found = speaker_of(resolve(reports), "a", 0)
    assert found.method == method
    if expected:
        assert found.person == expected
    else:
        assert found.person.startswith("unresolved/")
    if method == "ambiguous":
        assert found.candidates == ("lucia-moreau", "lucia-tanaka")


def test_resolve_surname_initial_never_merges_people_across_reports():
    reports = [
        report("a", participants=["Lucia Moreau", "Lucia Tanaka"], speakers=["Lucia M."]),
        report("b", participants=["Lucia Mbeki"], speakers=["Lucia M."]),
    ]
    r = resolve(reports)
    assert speaker_of(r, "a", 0).person == "lucia-moreau"
    assert speaker_of(r, "b", 0).person == "lucia-mbeki"
    assert {"lucia-moreau", "lucia-mbeki"} <= {p.key for p in r.people}


# --------------------------------------------------------------------------- what the text states: representatives, the signer

STATED = """Kestrel Committee, second meeting

4 March 2025

Present

Ana Lima, Bola Ade, Sina Tupou, Ravi Menon

Proceedings

{first} proposed a session on open data.

{second} presented the survey results.

{then} supported the proposal.
"""


@pytest.mark.parametrize(
    "first, second, then, person, method",
    [
        # the organisation as stated, or the words its name opens with
        ("Ms. Lima, speaking for the Ministry of Posts,", "Mr. Ade", "The representative of the Ministry", "ana-lima", "role"),
        ("Ms. Lima, representing the Tern Digital Network,", "Mr. Ade", "The representative of the Tern Digital Network", "ana-lima", "role"),
        ("Ms. Lima (Tern Digital Network)", "Mr. Ade", "The representative of the Tern Digital Network", "ana-lima", "role"),
        ("Ms. Lima of the Tern Digital Network", "Mr. Ade", "The representative of the Tern Digital Network", "ana-lima", "role"),
        # two people stated for ministries: which one is not said
        ("Ms. Lima, speaking for the Ministry of Posts,", "Mr. Ade, speaking for the Ministry of Energy,",
         "The representative of the Ministry", None, "ambiguous"),
        # nobody stated to represent it
        ("Ms. Lima thanked the Ministry of Posts and", "Mr. Ade", "The representative of the Ministry", None, "unresolved"),
    ],
)
def test_resolve_representative_of_an_organisation_the_text_states(rules, first, second, then, person, method):
    anns, r = build(rules, STATED.format(first=first, second=second, then=then))
    found = said(anns, r, "r0", then)
    assert (found.person if found.method not in ("ambiguous", "unresolved") else None, found.method) == (person, method), found.evidence


SIGNED = """Kestrel Committee, second meeting

4 March 2025

Present

Ana Lima, Bola Ade, Sina Tupou

Proceedings

The Chair opened the meeting. Ms. Ade presented the survey results.

{signature}
"""


@pytest.mark.parametrize(
    "signature, person, method",
    [
        ("Ana Lima\n\nChair, Kestrel Committee\n\n5 March 2025", "ana-lima", "role"),
        ("Ana Lima, Chair", "ana-lima", "role"),
        ("Omar Haddad\nChair", None, "unresolved"),  # a signer not on the list: no guess
        ("5 March 2025", None, "unresolved"),
    ],
)
def test_resolve_the_chair_is_the_signer_a_signature_names_as_chair(rules, signature, person, method):
    anns, r = build(rules, SIGNED.format(signature=signature))
    found = said(anns, r, "r0", "The Chair")
    assert (found.person if found.method not in ("ambiguous", "unresolved") else None, found.method) == (person, method), found.evidence


@pytest.mark.parametrize(
    "present, person, method",
    [
        ("Ana Lima, Kofi Mensah, Sina Tupou", "kofi-mensah", "participant-list"),
        ("Ana Lima, Kofi Mensah, Yaw Mensah, Sina Tupou", None, "ambiguous"),  # two Mensahs: no guess
    ],
)
def test_resolve_titled_surname_is_the_one_listed_person_with_it(rules, present, person, method):
    text = SIGNED.replace("Ana Lima, Bola Ade, Sina Tupou", present).format(signature="").replace("Ms. Ade", "Mr. Mensah")
    anns, r = build(rules, text)
    found = said(anns, r, "r0", "Mr. Mensah")
    assert (found.person if found.method not in ("ambiguous", "unresolved") else None, found.method) == (person, method), found.evidence

"""The command line: every command has help with an example; errors are one line, no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()
COMMANDS = sorted(c.name for c in app.registered_commands)


def test_cli_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_command_has_help_and_example(name):
    result = runner.invoke(app, [name, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert f"kg {name}" in result.output


def test_cli_python_dash_m_runs():
    proc = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert "build" in proc.stdout


def test_cli_missing_store_is_a_one_line_error(tmp_path):
    result = runner.invoke(app, ["query", "--out", str(tmp_path), "SELECT * WHERE { ?s ?p ?o } LIMIT 1"])
    assert result.exit_code == 1
    assert "Error:" in result.output
    assert "kg build" in result.output
    assert "Traceback" not in result.output


def test_cli_build_reports_a_bad_file_and_builds_the_rest(tmp_path, examples_dir):
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = sorted(p for p in examples_dir.glob("*.txt"))[0]
    (inputs / good.name).write_bytes(good.read_bytes())
    (inputs / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["build", str(inputs), "--out", str(tmp_path / "out"), "--model", "none"])
    assert result.exit_code == 2, result.output
    assert "empty.txt" in result.output
    assert "reports" in result.output
    assert (tmp_path / "out" / "store").exists()


def test_cli_review_prints_records_with_unbound_cells(monkeypatch):
    """A mention whose person never spoke has no intervention count: listed with 0, not a crash."""
    import pyoxigraph as ox

    import kg.query
    from kg.query import QueryResult

    columns = ("page", "fileName", "mention", "method", "confidence", "candidates", "evidence", "interventions", "agent")
    row = (ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), ox.Literal("minutes.docx"),
           ox.Literal("Action"), ox.Literal("unresolved"), None, None, None, None,
           ox.NamedNode("https://w3id.org/igfkg/id/person/action"))
    monkeypatch.setattr(kg.query, "run_all_pages", lambda out, name: QueryResult(columns, (row,)))
    result = runner.invoke(app, ["review"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "minutes.docx" in result.output and "(0 intervention(s))" in result.output

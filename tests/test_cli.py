"""`python -m observer check`: the same report for a folder, a zip or one table; exit 0/1, no traceback."""

import subprocess
import sys

import pytest

from observer.__main__ import main
from tests.loading_cases import DATA, ROOT, SYNTHETIC, edit, package_files, zipped


def test_bundled_package_ok(capsys):
    assert main(["check", str(DATA)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK ") and "parties 5, channels 5, tv_coverage 40" in out


def test_zip_ok(tmp_path, capsys):
    file = tmp_path / "synthetic.zip"
    file.write_bytes(zipped(package_files(SYNTHETIC, descriptor=True)))
    assert main(["check", str(file)]) == 0
    assert "parties 8, channels 3" in capsys.readouterr().out


def test_folder_and_zip_give_the_same_report(tmp_path, capsys):
    files = edit(package_files(), "tv_coverage", 2, "share_pct", "abc")
    folder = tmp_path / "pkg"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (tmp_path / "pkg.zip").write_bytes(zipped(files))
    assert main(["check", str(folder)]) == 1
    from_folder = capsys.readouterr().out
    assert main(["check", str(tmp_path / "pkg.zip")]) == 1
    assert capsys.readouterr().out == from_folder
    assert "tv_coverage.csv, row 2, column share_pct" in from_folder


def test_single_table(tmp_path, capsys):
    file = tmp_path / "coverage export.csv"
    file.write_bytes(edit(package_files(), "tv_coverage", 3, "share_pct", "x")["tv_coverage.csv"])
    assert main(["check", str(file), "--table", "tv_coverage"]) == 1
    assert "coverage export.csv, row 3, column share_pct" in capsys.readouterr().out
    good = tmp_path / "tv_coverage.csv"
    good.write_bytes(package_files()["tv_coverage.csv"])
    assert main(["check", str(good)]) == 0  # named after its table: --table is not needed
    assert "table tv_coverage, 40 rows" in capsys.readouterr().out


@pytest.mark.parametrize("content", [b"", b"\x00\xff" * 100, b"PK\x03\x04junk"])
def test_junk_is_reported_not_raised(tmp_path, capsys, content):
    file = tmp_path / "x.zip"
    file.write_bytes(content)
    assert main(["check", str(file)]) == 1
    assert "x.zip" in capsys.readouterr().out


def test_unknown_file_name_asks_for_table(tmp_path, capsys):
    file = tmp_path / "export.csv"
    file.write_bytes(b"a,b\n")
    assert main(["check", str(file)]) == 1
    assert "--table" in capsys.readouterr().out


def test_missing_path(capsys):
    assert main(["check", "/nonexistent/folder"]) == 1
    assert "does not exist" in capsys.readouterr().out


def test_no_traceback_from_the_real_command(tmp_path):
    file = tmp_path / "parties.csv"
    file.write_bytes(bytes(range(256)))
    result = subprocess.run([sys.executable, "-m", "observer", "check", str(file)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "binary" in result.stdout


def _export(tmp_path, *args, browser="/nonexistent", timeout=60):
    env = {**__import__("os").environ, "BROWSER_PATH": browser}
    return subprocess.run([sys.executable, "-m", "observer", "export", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("browser", ["/nonexistent", "/bin/false"])
def test_slides_without_a_browser_say_so_in_one_line(tmp_path, browser):
    """No browser (or one that does not start): one line, a non-zero exit, soon; no traceback, no hang."""
    try:
        result = _export(tmp_path, "--format", "pptx", "--out", str(tmp_path / "x.pptx"), browser=browser,
                         timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"BROWSER_PATH={browser}: the slides export hung for 30 s")
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1 and "Chromium" in lines[0] and "--format html" in lines[0], result.stdout
    assert not (tmp_path / "x.pptx").exists()
    # The 30 s timeout above is the bound on a hang; how soon it answers (under 10 s with no browser at
    # rest) is measured in bench/EXTREMES.md, not asserted here, where a loaded machine would fail it.


def test_html_pack_needs_no_browser(tmp_path):
    result = _export(tmp_path, "--out", str(tmp_path / "x.html"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert (tmp_path / "x.html").read_bytes().startswith(b"<!DOCTYPE html>")


def test_an_unforeseen_error_is_one_line(monkeypatch, capsys):
    from observer import __main__ as cli

    def broken(*_):
        raise ValueError("something unforeseen")
    monkeypatch.setattr(cli, "run_check", broken)
    assert cli.entry(["check", "data"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "python -m observer: ValueError: something unforeseen"


MONITORING = ROOT / "tests" / "fixtures" / "synthetic_monitoring"


def test_export_takes_the_logs_period(tmp_path, capsys):
    """A weekly report from the command line: --from and --to narrow the figures computed from the log, as the
    TV page's period does, and the pack says which days it covers."""
    out = tmp_path / "week.html"
    assert main(["export", "--data", str(MONITORING), "--lang", "en", "--out", str(out),
                 "--from", "2031-02-17", "--to", "2031-02-23"]) == 0
    assert "cover items aired from 17\u00a0February 2031 to 23\u00a0February 2031" in out.read_text()


@pytest.mark.parametrize("args, said", [
    (["--from", "2031-13-01"], "--from 2031-13-01: not a date; write it as YYYY-MM-DD"),
    (["--from", "2031-02-23", "--to", "2031-02-17"], "--from 2031-02-23 is after --to 2031-02-17"),
    (["--to", "2020-01-01"], "--to 2020-01-01: the log covers 2031-02-"),
])
def test_a_period_the_log_cannot_give_is_said_in_one_line(tmp_path, capsys, args, said):
    assert main(["export", "--data", str(MONITORING), "--out", str(tmp_path / "x.html"), *args]) == 1
    out = capsys.readouterr().out
    assert said in out and "Traceback" not in out
    assert not (tmp_path / "x.html").exists()


def test_a_period_without_a_log_is_said(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path / "x.html"), "--from", "2021-01-01"]) == 1
    assert "--from and --to choose days of a coded log (tv_segments), and this package has none" in \
        capsys.readouterr().out

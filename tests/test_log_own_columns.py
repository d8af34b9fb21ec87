"""A coded log may carry columns of the mission's own (a monitor's note, a reference): they are kept and
described, never an error; a near-miss of a known column still gets 'did you mean'."""

import pytest

from observer.loading import load_files
from observer.problems import PackageError
from tests.apptest import ROOT

FOLDER = ROOT / "tests" / "fixtures" / "synthetic_log"
FILES = {p.name: p.read_bytes() for p in FOLDER.iterdir() if p.suffix in (".csv", ".json")}


def with_column(header: str, value: str) -> dict[str, bytes]:
    lines = FILES["tv_segments.csv"].decode("utf-8").splitlines()
    lines = [lines[0] + f',"{header}"'] + [line + f",{value}" for line in lines[1:]]
    return {**FILES, "tv_segments.csv": ("\n".join(lines) + "\n").encode("utf-8")}


def test_a_column_of_the_logs_own_is_kept_and_described():
    pkg = load_files(with_column("monitor_note", "checked twice"))
    log = pkg.table("tv_segments")
    assert set(log["monitor_note"]) == {"checked twice"}
    field = next(f for f in pkg.descriptor["resources"] if f["name"] == "tv_segments")["schema"]["fields"][-1]
    assert (field["name"], field.get("extra")) == ("monitor_note", True)
    assert len(log) == len(FILES["tv_segments.csv"].decode("utf-8").splitlines()) - 1


def test_a_near_miss_of_a_log_column_still_gets_did_you_mean():
    files = dict(FILES)
    files["tv_segments.csv"] = files["tv_segments.csv"].replace(b'"seconds"', b'"secnds"', 1)
    with pytest.raises(PackageError) as refused:
        load_files(files)
    kinds = {(p.kind, p.column) for p in refused.value.problems}
    assert ("column_misspelt", "secnds") in kinds

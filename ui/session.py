"""Which package this browser session shows: its own upload, else the one the dashboard was started with."""

from __future__ import annotations

import argparse
import sys
from pathlib import PurePath

import streamlit as st

from observer import Package, PackageError, load_package
from observer.i18n import DEFAULT_LANGUAGE, Language, catalogue
from observer.package import BUNDLED_DATA, load_files
from observer.problems import Problem

# This browser session's own package (from the Data & sources upload) and what was wrong with the last try.
UPLOADED_PACKAGE = "uploaded_package"
UPLOAD_PROBLEMS = "upload_problems"
UPLOAD_NAMES = "upload_names"


def data_path() -> str:
    """The package folder: `streamlit run dashboard.py -- --data PATH`, else the bundled data/."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data", default=str(BUNDLED_DATA))
    known, _ = parser.parse_known_args(sys.argv[1:])
    return known.data


@st.cache_resource(show_spinner=False)
def started_package(path: str) -> Package:
    """The package the server was started with, loaded and validated once per process and shared by every
    session and rerun (keyed by its path: the server's own choice, never a viewer's).

    cache_resource, not cache_data: cache_data would unpickle a fresh copy of every table on each call,
    several times a run, which costs seconds with a coded log of a million segments. The tables are
    read-only by convention: pages derive new frames (pandas' copy-on-write keeps those apart) and
    never assign into a package's tables. What is derived from it is kept on it (observer.derived).
    """
    return load_package(path)


def uploaded(state=None) -> Package | None:
    state = st.session_state if state is None else state
    found = state.get(UPLOADED_PACKAGE)
    return found if isinstance(found, Package) else None


def current() -> Package:
    """The package this session shows, or PackageError if the started one cannot be loaded."""
    return uploaded() or started_package(data_path())


def load_upload(files: dict[str, bytes], state=None) -> list[Problem]:
    """Validate uploaded files (name -> bytes) exactly as a folder is validated. A valid package becomes
    this session's package; an invalid one changes nothing but the problems shown. Files on disk and
    other viewers' sessions are never touched."""
    state = st.session_state if state is None else state
    state[UPLOAD_NAMES] = sorted(files)
    try:
        pkg = load_files(files)
    except PackageError as error:
        state[UPLOAD_PROBLEMS] = error.problems
        return error.problems
    state[UPLOADED_PACKAGE] = pkg
    state[UPLOAD_PROBLEMS] = []
    return []


def on_upload() -> None:
    """file_uploader callback: read the chosen files once, when the choice changes."""
    chosen = st.session_state.get("upload") or []
    if not isinstance(chosen, list):
        chosen = [chosen]
    if chosen:
        load_upload({f.name: f.getvalue() for f in chosen})


def use_started_package(state=None) -> None:
    """Back to the package the dashboard was started with (the bundled data, or --data PATH)."""
    state = st.session_state if state is None else state
    for name in (UPLOADED_PACKAGE, UPLOAD_PROBLEMS, UPLOAD_NAMES):
        state.pop(name, None)


def is_uploaded(state=None) -> bool:
    return uploaded(state) is not None


def described(L: Language, key: str, english: str) -> str:
    """A title or description of the bundled package in the reader's language: the catalogue's entry
    where the package's own (English) text is the one the catalogue translates, else the text as given."""
    return L(key) if english and catalogue(DEFAULT_LANGUAGE).get(key) == english else english


def package_label(pkg: Package, L: Language) -> str:
    """What to call the active package: its title, else where it came from (a folder by its name: the
    full path of the machine it runs on is nothing to put on a projector)."""
    title = L.title(pkg.descriptor).strip()
    if title:
        return title
    if is_uploaded():
        return L("data.uploaded_files")
    return PurePath(pkg.origin or str(pkg.path)).name or pkg.origin or str(pkg.path)

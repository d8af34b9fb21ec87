"""Step 1: gather the files of a package, from a folder, a zip or an upload, within every cap.

Whatever the source, the result is one flat set of files (base name -> bytes): zips are unpacked, names
lose their folders, and nothing larger than a cap is ever read into memory, whatever a zip's headers
claim. A coded log opened from disk may be larger than an upload: it has a cap of its own, outside the
package's total."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from observer.loading import limits
from observer.loading.names import base_name, extension, table_name_of
from observer.problems import PackageError, Problem, Term, problem
from observer.segments import TABLE as LOG

TEXT_EXTENSIONS = (".csv", ".tsv", ".txt")
WORKBOOK_EXTENSION = ".xlsx"
ZIP_EXTENSION = ".zip"
PARQUET_EXTENSION = ".parquet"
PACKAGE_EXTENSIONS = TEXT_EXTENSIONS + (WORKBOOK_EXTENSION, ZIP_EXTENSION, ".json", PARQUET_EXTENSION)
UPLOADED = "uploaded files"  # where a problem is when it is about the upload as a whole
FILES_GIVEN = Term("files_given")  # where a file came from when it was not in a zip
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError)


def is_log_file(name: str) -> bool:
    return table_name_of(name, [LOG]) == LOG


# --- from disk -------------------------------------------------------------------------------------

def read_file(file: Path) -> bytes:
    """One file (a .zip or .xlsx package), checked for size before it is read."""
    size = file.stat().st_size
    if size > limits.MAX_FILE_BYTES:
        raise PackageError([too_large(file.name, size)])
    with file.open("rb") as handle:
        return handle.read(limits.MAX_FILE_BYTES + 1)


def read_folder(folder: Path) -> dict[str, bytes]:
    """The folder's package files, each checked for size before it is read."""
    try:
        entries = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))
                         and p.suffix.lower() in PACKAGE_EXTENSIONS)
    except OSError as exc:
        raise PackageError([problem(str(folder), "folder_unreadable", detail=exc.strerror)]) from None
    if len(entries) > limits.MAX_FILES:
        raise PackageError([problem(str(folder), "folder_too_many_files", count=len(entries),
                                    limit=limits.MAX_FILES)])
    files, problems, total = {}, [], 0
    for entry in entries:
        size = entry.stat().st_size
        if is_log_file(entry.name):
            # A coded log read from disk may be large: its own cap, outside the package's total.
            if size > limits.LOG_MAX_FILE_BYTES:
                problems.append(log_too_large(entry.name, size))
            else:
                files[entry.name] = entry.read_bytes()
            continue
        total += size
        if size > limits.MAX_FILE_BYTES:
            problems.append(too_large(entry.name, size))
        elif total > limits.MAX_TOTAL_BYTES:
            problems.append(problem(entry.name, "package_too_large", limit=limits.MAX_TOTAL_MB))
            break
        else:
            files[entry.name] = entry.read_bytes()
    if problems:
        raise PackageError(problems)
    return files


def too_large(file: str, size: int) -> Problem:
    return problem(file, "file_too_large", size=round(size / limits.MB, 1), limit=limits.MAX_FILE_MB)


def log_too_large(file: str, size: int) -> Problem:
    return problem(file, "log_too_large", size=round(size / limits.MB), limit=limits.LOG_MAX_FILE_MB,
                   rows=limits.LOG_MAX_ROWS, parquet=f"{LOG}{PARQUET_EXTENSION}")


# --- any set of files ------------------------------------------------------------------------------

def expand(files: dict[str, bytes], problems: list[Problem], from_disk: bool = False) -> dict[str, bytes]:
    """Unpack zips and apply the size caps; names become base names ("folder/parties.csv" -> "parties.csv")."""
    if len(files) > limits.MAX_FILES:
        problems.append(problem(UPLOADED, "too_many_files", count=len(files), limit=limits.MAX_FILES))
        return {}
    flat: dict[str, bytes] = {}
    came_from: dict[str, str | Term] = {}
    total = 0
    for name, data in files.items():
        name = base_name(str(name)) or "unnamed"
        if not isinstance(data, (bytes, bytearray, memoryview)):
            problems.append(problem(name, "file_not_received"))
            continue
        data = bytes(data)
        if from_disk and is_log_file(name):
            if len(data) > limits.LOG_MAX_FILE_BYTES:
                problems.append(log_too_large(name, len(data)))
            else:
                flat[name] = data  # checked for size by its own cap, not counted in the package's total
                came_from[name] = FILES_GIVEN
            continue
        if len(data) > limits.MAX_FILE_BYTES:
            problems.append(too_large(name, len(data)))
            continue
        try:
            members = unzip(data, name) if extension(name) == ZIP_EXTENSION else {name: data}
        except PackageError as error:
            problems += error.problems
            continue
        for member, content in members.items():
            total += len(content)
            if total > limits.MAX_TOTAL_BYTES:
                problems.append(problem(member, "package_too_large", limit=limits.MAX_TOTAL_MB))
                return flat
            source = name if name != member else FILES_GIVEN
            if member in flat:
                problems.append(problem(member, "file_given_twice", value=member, first=came_from[member],
                                        second=source))
                continue
            flat[member] = content
            came_from[member] = source
    return flat


# --- zips ------------------------------------------------------------------------------------------

def unzip(data: bytes, file: str) -> dict[str, bytes]:
    """The files of a zip, flattened to their base names, after checking the sizes its headers declare
    and again while unpacking: a header may lie."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir() and not _junk_member(i.filename)]
    except ZIP_ERRORS as exc:
        raise PackageError([problem(file, "zip_unreadable", detail=exc)]) from None
    if len(infos) > limits.MAX_FILES:
        raise PackageError([problem(file, "zip_too_many_files", count=len(infos), limit=limits.MAX_FILES)])
    declared = sum(i.file_size for i in infos)
    if declared > limits.MAX_TOTAL_BYTES:
        raise PackageError([problem(file, "zip_too_large", size=round(declared / limits.MB),
                                    limit=limits.MAX_TOTAL_MB)])
    files: dict[str, bytes] = {}
    problems = []
    for info in infos:
        name = base_name(info.filename)
        refused = _refused_member(info, name, file, files)
        if refused is None:
            content, refused = _unpack(archive, info, name, file)
            if refused is None:
                files[name] = content
        if refused is not None:
            problems.append(refused)
    if problems:
        raise PackageError(problems)
    return files


def _refused_member(info: zipfile.ZipInfo, name: str, file: str, files: dict) -> Problem | None:
    """Why a member cannot be unpacked, from its header alone (None: it may be)."""
    if info.flag_bits & 0x1:
        return problem(file, "zip_member_encrypted", value=info.filename)
    if info.file_size > limits.MAX_FILE_BYTES:
        return problem(name, "zip_member_too_large", value=info.filename, size=round(info.file_size / limits.MB),
                       limit=limits.MAX_FILE_MB)
    if name in files:
        return problem(file, "zip_duplicate_name", value=info.filename)
    return None


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, file: str) -> tuple[bytes, Problem | None]:
    """A member's content, read no further than the cap whatever its header says."""
    try:
        with archive.open(info) as member:
            content = member.read(limits.MAX_FILE_BYTES + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError, EOFError) as exc:
        return b"", problem(file, "zip_member_unreadable", value=info.filename, detail=exc)
    if len(content) > limits.MAX_FILE_BYTES:
        return b"", problem(name, "zip_member_unpacks_too_large", value=info.filename, limit=limits.MAX_FILE_MB)
    return content, None


def _junk_member(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return parts[0] == "__MACOSX" or parts[-1].startswith((".", "~$")) or parts[-1] in ("Thumbs.db", "desktop.ini")


def check_xlsx_size(data: bytes, file: str) -> None:
    """An .xlsx is a zip of XML: refused before openpyxl opens it if it would unpack to too much."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise PackageError([problem(file, "xlsx_unreadable")]) from None
    unpacked = sum(i.file_size for i in infos)
    if len(infos) > limits.MAX_XLSX_MEMBERS or unpacked > limits.MAX_XLSX_UNPACKED_MB * limits.MB:
        raise PackageError([problem(file, "xlsx_too_large", size=round(unpacked / limits.MB),
                                    limit=limits.MAX_XLSX_UNPACKED_MB)])

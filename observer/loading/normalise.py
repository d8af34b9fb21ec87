"""Step 4: tables as read, made to fit their schema before it is checked.

Headers are matched to schema columns (one matcher, for every table and the coded log), columns put
in schema order; numbers, booleans and dates are written in the schema's plain form where that is
unambiguous ('11 915 903', '28,8 %', '30.12.2020'), and party and channel names become their ids.
Text columns are never altered, and what cannot be read is left as typed for the schema check to report."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date

from observer.loading import limits
from observer.loading.names import header_key, key
from observer.loading.text import RawTable
from observer.problems import Problem, problem

NUMERIC_TYPES = ("integer", "number")
NOT_NUMBERS = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "snan"}
BOOLEANS = {"true": "true", "false": "false", "yes": "true", "no": "false", "1": "true", "0": "false",
            "да": "true", "нет": "false", "иә": "true", "жоқ": "false"}

SPACES = "\u00a0\u202f\u2009\u2007 "
_GROUPED = {sep: re.compile(r"^[+-]?\d{1,3}(?:" + re.escape(sep) + r"\d{3})+(?:[.,]\d+)?$") for sep in ",. '’"}


# --- headers ---------------------------------------------------------------------------------------

# A column of text in one language: name_ka, short_de, label_uk, text_fr, quote_en (any language code).
LANGUAGE_COLUMN = re.compile(r"(name|short|label|text|quote)_[a-z]{2,3}")
# Tables that need a text in at least one language, and the stem of its columns: name, name_en, name_ka, ...
NAMED = {"parties": "name", "channels": "name", "facts": "label", "notes": "text"}


def match_header(header: list[str], fields: list[dict], file: str, header_row: int, table: str,
                 has_data: Callable[[int], bool] | None = None, *,
                 extras: list[str]) -> tuple[dict[str, int], list[Problem]]:
    """The position of each schema column in ``header``, and what is wrong with the header: columns
    given twice, required but missing, and (given ``has_data``) unnamed columns with data.

    A column the schema does not know is no problem: its name is added to ``extras`` (and its position
    to the result), unless it looks like a misspelling of a schema column the header lacks ('sourse',
    'Share pc'), which is reported with that column's name."""
    names = [f["name"] for f in fields]
    by_key = {header_key(n): n for n in names}
    problems, positions, unknown = [], {}, []
    for index, label in enumerate(header):
        if not label.strip():
            if has_data is not None and has_data(index):
                problems.append(_unnamed(file, header_row, index))
            continue
        name = by_key.get(header_key(label))
        if name is None:
            unknown.append((index, label))
        elif name in positions:
            problems.append(problem(file, "column_twice", row=header_row, column=name, value=label))
        else:
            positions[name] = index
    for index, label in unknown:
        name, near = label.strip(), misspelling_of(label, [n for n in names if n not in positions])
        if LANGUAGE_COLUMN.fullmatch(header_key(label)):
            name = header_key(label)  # 'Name KA' is name_ka
        if near is not None:
            problems.append(problem(file, "column_misspelt", row=header_row, column=name, value=label, table=table,
                                    suggestion=near))
        elif name in positions:
            problems.append(problem(file, "column_twice", row=header_row, column=name, value=label))
        else:
            positions[name] = index
            extras.append(name)
    for spec in fields:
        if spec["name"] not in positions and spec.get("constraints", {}).get("required"):
            problems.append(problem(file, "column_missing", row=header_row, column=spec["name"]))
    return positions, problems


def misspelling_of(label: str, names: list[str]) -> str | None:
    """The schema column ``label`` looks like a misspelling of, if any: the nearest by edit distance, at most
    one edit for names of up to five letters, two for longer ones. A column in another language (name_ka)
    is a column of its own, never a misspelling."""
    wanted = header_key(label)
    if LANGUAGE_COLUMN.fullmatch(wanted):
        return None
    best, best_distance = None, None
    for name in names:
        distance = edit_distance(wanted, name)
        if distance <= (1 if len(name) <= 5 else 2) and (best_distance is None or distance < best_distance):
            best, best_distance = name, distance
    return best


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, with two neighbouring letters swapped counting as one edit."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if previous2 is not None and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def extra_field(name: str) -> dict:
    """The schema of a column the contract does not know: kept as text, as typed."""
    return {"name": name, "type": "string", "extra": True}


def _unnamed(file: str, header_row: int, index: int) -> Problem:
    from openpyxl.utils import get_column_letter  # imported here: reading CSV packages does not need it

    return problem(file, "column_unnamed", row=header_row, number=index + 1, letter=get_column_letter(index + 1))


def fit_to_schema(table: RawTable, fields: list[dict]) -> list[Problem]:
    """Rename header cells to schema names, put columns in schema order; report missing columns and those
    that look misspelt. Columns the schema does not know are kept after the schema's, as text: each is
    added to ``fields`` (the package's own copy of the contract), so it is checked, typed and shown."""
    extras: list[str] = []
    positions, problems = match_header(
        table.header, fields, table.file, table.header_row, table.name,
        has_data=lambda index: any(index < len(row) and row[index].strip() for row in table.rows), extras=extras)
    known = {f["name"] for f in fields}
    fields += [extra_field(n) for n in extras if n not in known]
    names = [f["name"] for f in fields]
    table.present = [n for n in names if n in positions]
    width = len(table.header)
    for row, line in zip(table.rows, table.lines):
        extra = [c for c in row[width:] if c.strip()]
        if extra:
            problems.append(problem(table.file, "row_too_many_cells", row=line, value=extra[0]))
    # Optional columns the file leaves out are written empty, so every table has the schema's columns.
    table.header = names
    table.rows = [[row[positions[n]] if n in positions and positions[n] < len(row) else "" for n in names]
                  for row in table.rows]
    problems += _named(table)
    return problems


def text_columns(columns, stem: str) -> list[str]:
    """A table's columns of one text in any language: 'name', then 'name_en', 'name_ka', ... in their order."""
    return [c for c in columns if c == stem or (c.startswith(stem + "_") and LANGUAGE_COLUMN.fullmatch(c))]


def _named(table: RawTable) -> list[Problem]:
    """A table that needs a name (a label, a text) in some language: a column of it, and one on each row."""
    stem = NAMED.get(table.name)
    if stem is None:
        return []
    columns = [table.header.index(c) for c in text_columns(table.present, stem)]
    if not columns:
        return [problem(table.file, "column_missing_text", row=table.header_row, column=stem, stem=stem)]
    return [problem(table.file, "row_no_text", row=line, column=stem, stem=stem)
            for row, line in zip(table.rows, table.lines)
            if any(cell.strip() for cell in row) and not any(row[i].strip() for i in columns)]


# --- values ----------------------------------------------------------------------------------------

def normalise_values(table: RawTable, fields: list[dict]) -> list[Problem]:
    """Numbers, booleans and dates into the schema's plain form; text columns are left exactly as found."""
    problems = []
    for position, spec in enumerate(fields):
        type_ = spec.get("type", "string")
        column = [row[position] for row in table.rows]
        if type_ in NUMERIC_TYPES:
            # 'nan' and 'inf' parse as numbers but mean none: make the schema check report them as not numbers.
            column = ["not a number" if key(v) in NOT_NUMBERS else v for v in column]
            column, found = normalise_numbers(column, type_, table.delimiter)
            for index, original in found:
                problems.append(problem(table.file, "number_ambiguous", row=table.lines[index], column=spec["name"],
                                        value=original))
        elif type_ == "boolean":
            column = [BOOLEANS.get(key(v), v.strip()) for v in column]
        elif type_ == "date":
            column = [normalise_date(v) for v in column]
        elif _is_key(spec):
            column = [v.strip() for v in column]
        for index, kind, params in out_of_bounds(column, spec):
            problems.append(problem(table.file, kind, row=table.lines[index], column=spec["name"],
                                    value=table.rows[index][position], **params))
        if type_ in NUMERIC_TYPES + ("boolean", "date") or _is_key(spec):
            for row, value in zip(table.rows, column):
                row[position] = value
    return problems


# --- bounds ----------------------------------------------------------------------------------------

_INTEGER = re.compile(r"[+-]?\d+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def text_cap(spec: dict) -> int | None:
    """The most characters a text column may hold beyond the cell cap: ids, names and short names are
    drawn on charts and in legends, labels in tables (limits.MAX_NAME_CHARS, MAX_LABEL_CHARS)."""
    name = spec.get("name", "")
    if spec.get("type", "string") != "string":
        return None
    if _is_key(spec) or name.startswith(("name_", "short_")) or name in ("name", "short", "programme"):
        return limits.MAX_NAME_CHARS
    if name == "label" or name.startswith("label_"):
        return limits.MAX_LABEL_CHARS
    return None


def out_of_bounds(column: list[str], spec: dict) -> list[tuple[int, str, dict]]:
    """(index, problem kind, its parameters) of each value, in plain form, that its column's type could
    only hold by changing it: an integer beyond 64 bits, a number beyond floating point (1e309), a date
    outside FIRST_DATE..LAST_DATE, a name longer than its cap. Nothing is clipped or wrapped."""
    type_ = spec.get("type", "string")
    found = []
    if type_ == "integer":
        low, high = limits.MIN_INTEGER, limits.MAX_INTEGER
        for index, value in enumerate(column):
            if _INTEGER.fullmatch(value) and not _integer_fits(value):
                found.append((index, "integer_out_of_range", {"minimum": str(low), "maximum": str(high)}))
    elif type_ == "number":
        for index, value in enumerate(column):
            if not number_is_finite(value):
                found.append((index, "number_not_finite", {}))
    elif type_ == "date":
        first, last = date.fromisoformat(limits.FIRST_DATE), date.fromisoformat(limits.LAST_DATE)
        for index, value in enumerate(column):
            day = iso_date(value)
            if day is not None and not first <= day <= last:
                found.append((index, "date_out_of_range", {"first": limits.FIRST_DATE, "last": limits.LAST_DATE}))
    cap = text_cap(spec)
    if cap is not None:
        for index, value in enumerate(column):
            if len(value) > cap:
                found.append((index, "text_too_long", {"length": len(value), "limit": cap}))
    return found


def _integer_fits(value: str) -> bool:
    digits = value.lstrip("+-").lstrip("0")
    if len(digits) > 19:  # more digits than 2**63 has: out of range, without converting thousands of them
        return False
    return limits.MIN_INTEGER <= int(value) <= limits.MAX_INTEGER


def number_is_finite(value: str) -> bool:
    """False for a number in plain form that floating point can only hold as infinity (1e309, or 400
    digits); True for anything else, numbers or not (what is not a number the schema check reports)."""
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return True
    return math.isfinite(number)


def iso_date(value: str) -> date | None:
    """A YYYY-MM-DD date as a date, None when it is not one (date.fromisoformat also takes other forms)."""
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _is_key(spec: dict) -> bool:
    return "pattern" in spec.get("constraints", {}) or spec.get("name") in ("party", "channel")


def normalise_numbers(values: list[str], type_: str, delimiter: str = ",") -> tuple[list[str], list[tuple[int, str]]]:
    """Return the column with unambiguous numbers in plain form ('11 915 903' -> '11915903', '28,8' ->
    '28.8', '28.8%' -> '28.8'), and the (index, value) of numbers whose comma is ambiguous.

    Which mark is the decimal one is decided per column: a column that anywhere shows '1.234,5',
    '1.234.567' or '28,8' writes decimals with a comma; one showing '1,234.5' or '1,234,567' with a
    dot; integers never have decimals, so there a lone ',ddd' or '.ddd' group is thousands."""
    cleaned = [_strip_number(v) for v in values]
    decimal = _decimal_mark(cleaned, type_, delimiter)
    out, ambiguous = [], []
    for index, (original, text) in enumerate(zip(values, cleaned)):
        if text is None:
            out.append(original.strip())
            continue
        number = _plain(text, decimal, type_)
        if number is None and decimal is None and re.fullmatch(r"[+-]?\d{1,3},\d{3}", text):
            ambiguous.append((index, original.strip()))
        out.append(original.strip() if number is None else number)
    return out, ambiguous


def _strip_number(value: str) -> str | None:
    """The value without spaces and per cent sign, if it looks like a number at all."""
    text = value.strip().strip(SPACES)
    if text.endswith("%"):
        text = text[:-1].strip(SPACES)
    if not text or not re.fullmatch(r"[+-]?[\d" + re.escape(SPACES) + r".,'’]*\d(?:[.,]\d*)?(?:[eE][+-]?\d+)?", text):
        return None
    return text


def _decimal_mark(values: list[str | None], type_: str, delimiter: str) -> str | None:
    comma = dot = False
    for text in values:
        if not text:
            continue
        digits = re.sub("[" + re.escape(SPACES) + "'’]", "", text)
        if re.search(r"\.\d+,", digits) or digits.count(".") > 1 or re.search(r",\d{1,2}$|,\d{4,}$", digits):
            comma = True
        if re.search(r",\d+\.", digits) or digits.count(",") > 1 or re.search(r"\.\d{1,2}$|\.\d{4,}$", digits):
            dot = True
    if comma and not dot:
        return ","
    if dot and not comma:
        return "."
    if type_ == "integer":
        return None  # integers: separators only group thousands
    return "," if delimiter == ";" and not dot else None


def _plain(text: str, decimal: str | None, type_: str) -> str | None:
    """The number in plain form, or None when it is not an unambiguous number (left for the schema check)."""
    if any(c in text for c in SPACES + "'’") and not _grouped(text):
        return None  # spaces that do not group thousands
    compact = re.sub("[" + re.escape(SPACES) + "'’]", "", text)
    if decimal is None:
        # Whole numbers have no decimals, so '1,000' and '1.000' there can only group thousands.
        if type_ == "integer" and re.fullmatch(r"[+-]?\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*", compact):
            return re.sub(r"[.,]", "", compact)
        if "," in compact:
            return None
        decimal = "."
    if decimal == "." and re.fullmatch(r"[+-]?\d+(?:\.\d+)?[eE][+-]?\d+", compact):
        return compact
    thousands = "," if decimal == "." else "."
    whole, mark, fraction = compact.rpartition(decimal)
    if not mark:
        whole, fraction = compact, ""
    if thousands in whole:
        if not re.fullmatch(r"[+-]?\d{1,3}(?:" + re.escape(thousands) + r"\d{3})+", whole):
            return None
        whole = whole.replace(thousands, "")
    if not re.fullmatch(r"[+-]?\d*", whole) or not re.fullmatch(r"\d*", fraction) or not (whole + fraction).strip("+-"):
        return None
    if type_ == "integer" and fraction:
        return None  # a whole number with decimals: the schema check says so, showing the value as typed
    return whole + ("." + fraction if fraction else "")


def _grouped(text: str) -> bool:
    return any(pattern.fullmatch(text) for pattern in _GROUPED.values()) or bool(
        re.fullmatch(r"[+-]?\d{1,3}(?:[" + re.escape(SPACES) + r"]\d{3})+(?:[.,]\d+)?", text))


def normalise_date(value: str) -> str:
    """'2020-12-30' stays; '30.12.2020' (day first, as Excel writes it in Russian and Kazakh) becomes ISO."""
    text = value.strip()
    found = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if found:
        day, month, year = map(int, found.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return text
    found = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[ T]00:00(?::00)?", text)
    return found.group(1) if found else text


# --- references by name ----------------------------------------------------------------------------

def name_lookup(table: RawTable, key_field: str) -> dict[str, str]:
    """Every way a row of parties/channels can be named (id, name_*, short_*) -> its id; a name shared by
    two rows is left out, so it is reported rather than guessed."""
    if key_field not in table.header:
        return {}
    columns = [i for i, n in enumerate(table.header)
               if n in (key_field, "name", "short") or n.startswith(("name_", "short_"))]
    key_index = table.header.index(key_field)
    lookup, clashes = {}, set()
    for row in table.rows:
        ident = row[key_index].strip()
        if not ident:
            continue
        for i in columns:
            name = key(row[i])
            if not name:
                continue
            if lookup.get(name, ident) != ident:
                clashes.add(name)
            lookup.setdefault(name, ident)
    for name in clashes:
        lookup.pop(name, None)
    for row in table.rows:  # an id always means itself
        if row[key_index].strip():
            lookup[key(row[key_index])] = row[key_index].strip()
    return lookup


def map_references(tables: dict[str, RawTable], descriptor: dict) -> None:
    """Replace party and channel names in referencing tables by ids, before the foreign-key check."""
    for resource in descriptor["resources"]:
        table = tables.get(resource["name"])
        if table is None:
            continue
        for foreign in resource["schema"].get("foreignKeys", []):
            fields, reference = foreign["fields"], foreign["reference"]
            target_fields = reference["fields"]
            if isinstance(fields, list) or isinstance(target_fields, list):
                continue
            target = tables.get(reference["resource"])
            if target is None or fields not in table.header:
                continue
            lookup = name_lookup(target, target_fields)
            position = table.header.index(fields)
            for row in table.rows:
                row[position] = lookup.get(key(row[position]), row[position])

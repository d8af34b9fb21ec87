"""Step 2: the descriptor a package is checked against: the data contract, with the package's own
title, sources and file names from its datapackage.json, if it has one.

Pages rely on the contract's columns, so a package may describe itself but not change the schema: a
required field its datapackage.json leaves out, renames or retypes is reported, and the contract's schema
applies. Fields of its own (a monitor's notes, an item id) are fine: the files' own columns are kept."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

from observer.loading.names import base_name
from observer.problems import Problem, problem

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_DATA = ROOT.parent / "data"
# Tables the contract allows that the bundled package does not have (the statement has no coded log).
# Their schemas live here, so data/ stays a complete Frictionless package on its own.
OPTIONAL_SCHEMAS = ROOT / "schemas"
DESCRIPTOR = "datapackage.json"
# Package-level keys a package's own datapackage.json may set; the schemas always come from the contract.
METADATA = ("name", "title", "description", "version", "sources", "licenses", "contributors", "created",
            "homepage", "keywords", "currency", "quote_language", "sections")
RESOURCE_METADATA = ("title", "description", "sources")


def _is_metadata(key: str) -> bool:
    """A package's words about itself, in any language (title_kk, description_ru): never inherited from
    the bundled package, or another election would carry Kazakhstan's title in Kazakh and Russian."""
    return key in METADATA or ("_" in key and key.split("_", 1)[0] in ("title", "description"))


@cache
def _contract_text() -> str:
    contract_ = json.loads((BUNDLED_DATA / DESCRIPTOR).read_text(encoding="utf-8"))
    present = {r["name"] for r in contract_["resources"]}
    for file in sorted(OPTIONAL_SCHEMAS.glob("*.json")):
        resource = json.loads(file.read_text(encoding="utf-8"))
        if resource["name"] not in present:
            contract_["resources"].append(resource)
    return json.dumps(contract_)


def contract() -> dict:
    """The data contract: the bundled datapackage.json plus the optional tables' schemas; every package
    is checked against it."""
    return json.loads(_contract_text())


def contract_tables() -> list[str]:
    return [r["name"] for r in contract()["resources"]]


def resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def fields_of(descriptor: dict, name: str) -> list[dict]:
    return resource(descriptor, name)["schema"]["fields"]


def take_own(files: dict[str, bytes], problems: list[Problem]) -> dict:
    """The effective descriptor of a set of files; their datapackage.json, if any, is taken out of them."""
    own_file = next((n for n in files if n.lower() == DESCRIPTOR), None)
    own = parse(files.pop(own_file), problems) if own_file else None
    return effective(own, problems)


def parse(data: bytes, problems: list[Problem]) -> dict | None:
    """A package's own datapackage.json as a dict, or None (and a Problem) when it is not one."""
    try:
        own = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        problems.append(problem(DESCRIPTOR, "descriptor_not_utf8"))
        return None
    except (json.JSONDecodeError, RecursionError) as exc:
        row = getattr(exc, "lineno", None)
        problems.append(problem(DESCRIPTOR, "descriptor_not_json", row=row, detail=getattr(exc, "msg", exc)))
        return None
    if not isinstance(own, dict) or not isinstance(own.get("resources", []), list):
        problems.append(problem(DESCRIPTOR, "descriptor_no_resources", column="resources"))
        return None
    return own


def effective(own: dict | None, problems: list[Problem]) -> dict:
    """The contract's schemas with the package's own title, sources and file names."""
    base = contract()
    descriptor = {k: v for k, v in base.items() if not _is_metadata(k)}
    if own is None:
        # Without its own datapackage.json a package says nothing about itself: no bundled title or sources.
        descriptor["title"] = ""
        descriptor["resources"] = [_without_sources(r) for r in base["resources"]]
        return descriptor
    for key in own:
        if _is_metadata(key):
            descriptor[key] = copy.deepcopy(own[key])
    if not isinstance(descriptor.get("title", ""), str):
        descriptor["title"] = str(descriptor["title"])
    theirs = {r.get("name"): r for r in own.get("resources", []) if isinstance(r, dict)}
    descriptor["resources"] = [_merged(r, theirs.get(r["name"]), problems) for r in base["resources"]]
    return descriptor


def _without_sources(resource_: dict) -> dict:
    return {k: v for k, v in resource_.items() if k != "sources"}


def _merged(contract_resource: dict, mine: dict | None, problems: list[Problem]) -> dict:
    """A contract resource with what the package says of it: title, description, sources, file name."""
    merged = _without_sources(contract_resource)
    if mine is None:
        return merged
    for key in RESOURCE_METADATA:
        if key in mine:
            merged[key] = copy.deepcopy(mine[key])
    if isinstance(mine.get("path"), str) and mine["path"].strip():
        merged["path"] = base_name(mine["path"])
    problems += _schema_differences(contract_resource, mine)
    return merged


def _schema_differences(contract_resource: dict, mine: dict) -> list[Problem]:
    schema = mine.get("schema")
    if schema is None:
        return []
    name = contract_resource["name"]
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list):
        return [problem(DESCRIPTOR, "descriptor_no_fields", column=f"resources/{name}/schema", table=name)]
    contract_fields = contract_resource["schema"]["fields"]
    want = [(f["name"], f.get("type", "string")) for f in contract_fields]
    have = [(f.get("name"), f.get("type", "string")) for f in fields if isinstance(f, dict)]
    named = {n for n, _ in have}
    # A field the contract has is wrong when retyped, or left out though required; others may be left out.
    missing = [n for n, t in want if (n in named and (n, t) not in have)
               or (n not in named and any(f["name"] == n and f.get("constraints", {}).get("required")
                                          for f in contract_fields))]
    if not missing:
        return []
    extra = [str(n) for n, t in have if (n, t) not in want]
    kind = "schema_differs" if extra else "schema_differs_missing"
    return [problem(DESCRIPTOR, kind, column=f"resources/{name}/schema", table=name, expected=", ".join(missing),
                    unexpected=", ".join(extra))]

"""A SYNTHETIC package whose every free-text cell carries markup: markdown links and images, emphasis,
Streamlit's colour and emoji syntax, HTML with event handlers and javascript: URLs. Generated from the
synthetic election (tests/fixtures/synthetic_election) and the data contract, not hand-copied, so a new
text column is covered as soon as the contract has it.

A page, chart, slide or pack that shows any of it must show the characters as typed: no link, image,
bold text or colour may come from the data.
"""

from __future__ import annotations

import json

from observer.package import contract
from tests.loading_cases import SYNTHETIC, package_files, rows, to_csv

EVIL_HOST = "evil.example.org"
# Each piece is a different way text could turn into something else on the way to the screen.
PAYLOAD = (f"[Evil](https://{EVIL_HOST}/phish) ![pix](http://{EVIL_HOST}/track.png) **bold** *em* :red[x] "
           f":smile: <img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">js</a> <b>b</b> &amp; $x^2$")


def free_text_fields() -> dict[str, list[str]]:
    """Per table, the string columns that hold free text: no id, reference, code list, pattern or format."""
    found = {}
    for resource in contract()["resources"]:
        schema = resource["schema"]
        listed = lambda value: [value] if isinstance(value, str) else list(value)  # noqa: E731
        keys = set(listed(schema.get("primaryKey", [])))
        keys |= {f for fk in schema.get("foreignKeys", []) for f in listed(fk["fields"])}
        found[resource["name"]] = [
            f["name"] for f in schema["fields"]
            if f.get("type", "string") == "string" and f["name"] not in keys
            and not {"enum", "pattern"} & set(f.get("constraints", {})) and f["name"] not in ("unit", "page")]
    return found


def markup_files() -> dict[str, bytes]:
    """The synthetic election with the payload in every free-text cell (numbered, so names stay unique)."""
    files = package_files(SYNTHETIC, descriptor=True)
    fields = free_text_fields()
    count = 0
    for name in list(files):
        table = name.removesuffix(".csv")
        if table not in fields:
            continue
        data = rows(files[name])
        header = data[0]
        for row in data[1:]:
            for column in fields[table]:
                if column in header and row[header.index(column)]:
                    count += 1
                    row[header.index(column)] = f"{count} {PAYLOAD}"
        files[name] = to_csv(data)
    descriptor = json.loads(files["datapackage.json"])
    for key in ("title", "description"):
        descriptor[key] = f"{key} {PAYLOAD}"
    for source in descriptor.get("sources", []):
        source["title"] = f"source {PAYLOAD}"
    files["datapackage.json"] = json.dumps(descriptor, ensure_ascii=False).encode("utf-8")
    return files

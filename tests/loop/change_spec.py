#!/usr/bin/env python3
"""Applies the scripted spec change of tests/loop/spec_change.sh to a copy of the spec.

    change_spec.py SPEC edit      # the change a maintainer makes by hand
    change_spec.py SPEC bump VER  # set x-crate.version, as `cargo xtask diff` advised
    change_spec.py verify REPORT.json CHANGE.json  # the diff report names every change;
                                                   # prints the advised version
    change_spec.py bumped REPORT.json  # the head declares the advised version

`edit` picks its places from the spec itself (no fact of a particular spec is written here):
the first operation (in path order) whose JSON request body reaches a string enum gets

- a new optional query parameter `loop_filter` (string, 1 to 64 characters),
- a new value `loop_value` in that enum,
- one more sentence in its description,

and prints what it changed as JSON, for `verify`. The spec is read and written with PyYAML
(the OpenAPI validator CI installs depends on it); comments are lost, which does not matter in the
scratch copy this runs on.
"""
import json
import sys

import yaml

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PARAM = "loop_filter"
VALUE = "loop_value"
SENTENCE = "Changed by the scripted spec-change loop."


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def dump(path, doc):
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(doc, f, sort_keys=False, allow_unicode=True, width=100)


def resolve(doc, node):
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        ref = node["$ref"]
        assert ref.startswith("#/"), f"only local $refs: {ref}"
        node = doc
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        seen += 1
    return node


def string_enums(doc, schema, depth=0):
    """String-enum schemas reachable from a schema (properties, items), depth first."""
    schema = resolve(doc, schema)
    if not isinstance(schema, dict) or depth > 8:
        return
    if schema.get("type") == "string" and isinstance(schema.get("enum"), list):
        yield schema
    for prop in (schema.get("properties") or {}).values():
        yield from string_enums(doc, prop, depth + 1)
    if "items" in schema:
        yield from string_enums(doc, schema["items"], depth + 1)


def pick(doc):
    for path in sorted(doc.get("paths") or {}):
        item = doc["paths"][path]
        for method in METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            body = resolve(doc, op.get("requestBody") or {})
            media = (body.get("content") or {}).get("application/json") or {}
            for enum in string_enums(doc, media.get("schema") or {}):
                if VALUE not in enum["enum"]:
                    return op, enum
    sys.exit("change_spec.py: no operation with a JSON request body that reaches a string enum")


def edit(path):
    doc = load(path)
    op, enum = pick(doc)
    params = op.setdefault("parameters", [])
    names = {resolve(doc, p).get("name") for p in params}
    assert PARAM not in names, f"{PARAM} is already a parameter of {op.get('operationId')}"
    params.append({
        "name": PARAM,
        "in": "query",
        "required": False,
        "description": "Filters the result (added by the scripted spec-change loop).",
        "schema": {"type": "string", "minLength": 1, "maxLength": 64},
    })
    enum["enum"].append(VALUE)
    if isinstance(enum.get("x-enum-descriptions"), dict):
        enum["x-enum-descriptions"][VALUE] = "a value added by the scripted spec-change loop"
    old = op.get("description") or ""
    op["description"] = (old.rstrip() + "\n\n" + SENTENCE) if old else SENTENCE
    dump(path, doc)
    print(json.dumps({"operation": op.get("operationId"), "parameter": PARAM, "enum_value": VALUE}))


def bump(path, version):
    doc = load(path)
    doc["x-crate"]["version"] = version
    dump(path, doc)


def verify(report_path, change_path):
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    with open(change_path, encoding="utf-8") as f:
        change = json.load(f)
    changes = report["changes"]
    problems = []

    def find(kind, needle):
        return [c for c in changes if c["kind"] == kind and needle in json.dumps(c)]

    if not find("parameter-added", change["parameter"]):
        problems.append(f"no parameter-added change for {change['parameter']}")
    else:
        row = json.dumps(find("parameter-added", change["parameter"]))
        if "64" not in row:
            problems.append(f"the new parameter's row does not show its constraints: {row}")
    if not find("enum-value-added", change["enum_value"]):
        problems.append(f"no enum-value-added change for {change['enum_value']}")
    if not [c for c in changes if c["kind"] == "docs" and change["operation"] in c["location"]]:
        problems.append(f"no description change on {change['operation']}")
    if problems:
        sys.exit("cargo xtask diff missed changes:\n  " + "\n  ".join(problems)
                 + "\nkinds reported: " + ", ".join(sorted({c['kind'] for c in changes})))
    print(report["semver"]["next"])


def bumped(report_path):
    with open(report_path, encoding="utf-8") as f:
        semver = json.load(f)["semver"]
    if semver["head_status"] != "ok":
        sys.exit(f"x-crate.version is {semver['head_declares']}, the report advises {semver['next']}"
                 f" ({semver['head_status']})")


def main():
    if len(sys.argv) >= 3 and sys.argv[2] == "edit":
        edit(sys.argv[1])
    elif len(sys.argv) == 4 and sys.argv[2] == "bump":
        bump(sys.argv[1], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "verify":
        verify(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "bumped":
        bumped(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

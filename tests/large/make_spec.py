#!/usr/bin/env python3
"""Writes a large, deterministic OpenAPI 3.0.3 spec: the input of the generation and build benchmarks.

    python3 tests/large/make_spec.py                      # 582 operations, basic constructs, to stdout
    python3 tests/large/make_spec.py --ops 10000 --out /tmp/large.yaml
    python3 tests/large/make_spec.py --constructs all     # also the constructs the generator rejects today
    python3 tests/large/make_spec.py --constructs basic,maps,csv-query
    python3 tests/large/make_spec.py --list-constructs

The shape follows a real cloud-service API of 582 operations (about 359 GET, 133 POST, 60 PUT and
30 DELETE; about two object schemas and five to six parameter uses per operation; a tenant path
parameter on every path; offset/limit paging; four-part field descriptions), with invented names.
The operation mix scales with --ops.

Why a Python script (standard library only) rather than a Rust binary: it needs no build step and
no dependency, runs in well under a second for thousands of operations, and CI already has
python3. Output is a pure function of the arguments: the pseudo-random choices come from a
splitmix64 generator implemented here (not `random`, whose algorithms may change between Python
versions), and no set or hash order is involved.

`basic` (the default) uses only what the generator accepted, and what compiled, when this script
was written; it stays fixed so that benchmark figures remain comparable over time. The other
constructs are opt-in by name, so each can be switched on when the generator supports it; `all`
switches on every one. Each construct is applied to a deterministic subset of the operations
(one in EVERY_NTH of those whose method fits), spread over the whole spec; the number of
operations does not change. With `all` the document is still valid OpenAPI 3.0.3.
"""

import argparse
import json
import re
import sys

# ----- deterministic pseudo-random numbers -----------------------------------------------------


class Rng:
    """splitmix64: tiny, well distributed, and identical on every Python version."""

    MASK = (1 << 64) - 1

    def __init__(self, seed):
        self.state = seed & self.MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def range(self, lo, hi):
        """An integer in lo..=hi."""
        return lo + self.below(hi - lo + 1)

    def chance(self, percent):
        return self.below(100) < percent

    def pick(self, items):
        return items[self.below(len(items))]

    def sample(self, items, k):
        pool = list(items)
        out = []
        for _ in range(min(k, len(pool))):
            out.append(pool.pop(self.below(len(pool))))
        return out

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]


# ----- vocabulary (invented; no vendor's names) ------------------------------------------------

GROUPS = [
    "orchard", "lantern", "compass", "beacon", "canvas", "cobalt", "ember", "falcon", "garnet",
    "helix", "jasper", "kestrel", "lotus", "magnet", "nebula", "onyx", "pylon", "quartz", "raven",
    "sierra", "tundra", "umber", "vertex", "willow", "yarrow", "zephyr", "meadow", "harp",
]
NOUNS = [
    "widget", "gadget", "sprocket", "gizmo", "spindle", "lever", "pulley", "ratchet", "bracket",
    "flange", "gasket", "piston", "rotor", "valve", "nozzle", "hinge", "bobbin", "coil", "dial",
    "socket", "trellis", "rivet", "tether", "prism",
]
VIEWS = [
    "statistics", "summary", "history", "overview", "timeline", "breakdown", "trend", "topology",
    "ranking", "distribution", "digest", "snapshot", "inventory", "metrics", "audit-log",
    "export-record", "counter", "usage",
]
POST_VERBS = ["Create", "Batch", "Start", "Stop", "Run", "Apply", "Import", "Export", "Check", "Sync"]
PUT_VERBS = ["Update", "Change", "Set", "Modify"]
DELETE_VERBS = ["Delete", "Remove", "Clear"]
FIELD_WORDS = [
    "name", "label", "status", "level", "kind", "mode", "owner", "source", "target", "origin",
    "version", "digest", "region_name", "zone", "cluster", "group", "policy", "rule", "path",
    "address", "port", "protocol", "size", "count", "total", "weight", "score", "rank", "ratio",
    "enabled", "visible", "locked", "shared", "remark", "summary", "comment", "owner_id",
    "serial", "vendor_tag", "channel", "flavor", "quota", "limit_value", "timeout", "interval",
    "retries", "duration", "created_time", "updated_time", "start_time", "end_time", "expire_time",
]
FIELD_QUALIFIERS = ["", "primary", "backup", "last", "next", "max", "min", "total", "current", "default"]
ENUM_WORDS = [
    "pending", "running", "succeeded", "failed", "stopped", "paused", "queued", "skipped",
    "normal", "warning", "critical", "low", "medium", "high", "manual", "automatic", "daily",
    "weekly", "monthly", "linux", "windows", "all", "none", "partial", "local", "remote",
]

# ----- YAML output -----------------------------------------------------------------------------

PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


def scalar(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    s = str(v)
    if PLAIN.match(s) and s.lower() not in YAML11_WORDS:
        return s
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(s)


def is_scalar(v):
    return not isinstance(v, (dict, list))


def emit(out, value, indent):
    pad = "  " * indent
    if isinstance(value, dict):
        for k, v in value.items():
            key = scalar(k)
            if isinstance(v, dict) and v:
                out.append(f"{pad}{key}:")
                emit(out, v, indent + 1)
            elif isinstance(v, list) and v and not all(is_scalar(x) for x in v):
                out.append(f"{pad}{key}:")
                emit(out, v, indent + 1)
            elif isinstance(v, str) and "\n" in v:
                out.append(f"{pad}{key}: |-")
                for line in v.split("\n"):
                    out.append(f"{pad}  {line}" if line else "")
            else:
                out.append(f"{pad}{key}: {inline(v)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                lines = []
                emit(lines, item, indent + 1)
                first = lines[0].lstrip()
                out.append(f"{pad}- {first}")
                out.extend(lines[1:])
            else:
                out.append(f"{pad}- {inline(item)}")
    else:
        out.append(pad + scalar(value))


def inline(v):
    if isinstance(v, dict):
        return "{" + ", ".join(f"{scalar(k)}: {inline(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(inline(x) for x in v) + "]"
    return scalar(v)


# ----- naming helpers --------------------------------------------------------------------------


def pascal(s):
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[_\- ]+", s) if p)


def describe(rng, definition, rng_text="N/A", default="N/A"):
    """The four-part field description layout of the API the spec imitates."""
    constraint = rng.pick(["N/A", "N/A", "Only letters, digits, hyphens and underscores.",
                           "Case-sensitive."])
    return (
        f"Definition: {definition}\n\nConstraints: {constraint}\n\nRange: {rng_text}\n\n"
        f"Default: {default}"
    )


# ----- schemas ---------------------------------------------------------------------------------


class Spec:
    def __init__(self, rng, constructs):
        self.rng = rng
        self.constructs = constructs
        self.schemas = {}
        self.shared_enums = []
        for i in range(12):
            name = pascal(GROUPS[i]) + "State"
            values = rng.sample(ENUM_WORDS, rng.range(3, 7))
            self.schemas[name] = {
                "type": "string",
                "description": f"State of a {GROUPS[i]} resource.",
                "enum": values,
            }
            self.shared_enums.append(name)

    def field_names(self, k):
        names = []
        while len(names) < k:
            q = self.rng.pick(FIELD_QUALIFIERS)
            w = self.rng.pick(FIELD_WORDS)
            n = f"{q}_{w}" if q else w
            if n not in names:
                names.append(n)
        return names

    def scalar_field(self, name):
        """A scalar, enum or scalar-array property with constraints and a description."""
        rng = self.rng
        kind = rng.below(100)
        words = name.replace("_", " ")
        if name.endswith("_time"):
            return {"type": "integer", "format": "int64", "minimum": 0,
                    "maximum": 9223372036854775807,
                    "description": describe(rng, f"{words} in milliseconds since the epoch",
                                            "0 to 9223372036854775807")}
        if kind < 38:
            lo = rng.pick([0, 1, 1])
            hi = rng.pick([32, 64, 128, 256, 1024])
            return {"type": "string", "minLength": lo, "maxLength": hi,
                    "description": describe(rng, f"The {words}.", f"{lo} to {hi} characters")}
        if kind < 55:
            fmt = rng.pick(["int32", "int32", "int64"])
            hi = rng.pick([1, 100, 1000, 65535, 2147483647])
            d = {"type": "integer", "format": fmt, "minimum": 0, "maximum": hi,
                 "description": describe(rng, f"The {words}.", f"0 to {hi}")}
            if rng.chance(20):
                d["default"] = 0
                d["description"] = describe(rng, f"The {words}.", f"0 to {hi}", "0")
            return d
        if kind < 65:
            return {"type": "boolean", "description": describe(rng, f"Whether {words} applies.",
                                                                 "true or false")}
        if kind < 72:
            return {"type": "number", "format": "double", "minimum": 0, "maximum": 100,
                    "description": describe(rng, f"The {words} ratio.", "0 to 100")}
        if kind < 82:
            return {"$ref": "#/components/schemas/" + rng.pick(self.shared_enums)}
        if kind < 90:
            values = rng.sample(ENUM_WORDS, rng.range(2, 5))
            return {"type": "string", "enum": values,
                    "description": describe(rng, f"The {words}.", ", ".join(values))}
        hi = rng.pick([10, 50, 100, 200])
        return {"type": "array", "minItems": 0, "maxItems": hi,
                "items": {"type": "string", "minLength": 1, "maxLength": rng.pick([64, 128, 256])},
                "description": describe(rng, f"List of {words} values.", f"0 to {hi} items")}

    def object_schema(self, name, definition, n_fields, required_share, nested_ref=None,
                      nested_array=False, inline_nested=False):
        """Registers an object component schema and returns a $ref to it."""
        rng = self.rng
        names = self.field_names(n_fields)
        props = {}
        for n in names:
            props[n] = self.scalar_field(n)
        if inline_nested:
            inner = {}
            for n in self.field_names(rng.range(2, 4)):
                inner[n] = self.scalar_field(n)
            props["detail"] = {"type": "object", "description": f"Details of the {definition}.",
                               "properties": inner}
        if nested_ref:
            key = "items" if nested_array else "spec"
            if nested_array:
                hi = rng.pick([50, 100, 200])
                props[key] = {"type": "array", "minItems": 0, "maxItems": hi,
                              "items": nested_ref,
                              "description": describe(rng, f"Entries of the {definition}.",
                                                      f"0 to {hi} items")}
            else:
                props[key] = nested_ref
        required = [n for n in props if rng.chance(required_share) and "$ref" not in props[n]]
        schema = {"type": "object", "description": f"The {definition}."}
        if required:
            schema["required"] = required
        schema["properties"] = props
        self.schemas[name] = schema
        return {"$ref": "#/components/schemas/" + name}


# ----- operations ------------------------------------------------------------------------------

METHOD_MIX = [("get", 359), ("post", 133), ("put", 60), ("delete", 30)]


def method_plan(n, rng):
    total = sum(c for _, c in METHOD_MIX)
    counts = {m: (c * n) // total for m, c in METHOD_MIX}
    counts["get"] += n - sum(counts.values())
    plan = [m for m, _ in METHOD_MIX for _ in range(counts[m])]
    rng.shuffle(plan)
    return plan


def resources():
    """An endless, deterministic sequence of (group, noun) pairs."""
    i = 0
    while True:
        g = GROUPS[i % len(GROUPS)]
        nn = NOUNS[(i // len(GROUPS)) % len(NOUNS)]
        rnd = i // (len(GROUPS) * len(NOUNS))
        yield g, nn + (str(rnd + 1) if rnd else "")
        i += 1


def common_params():
    return {
        "TenantId": {
            "name": "tenant_id", "in": "path", "required": True,
            "description": "Tenant ID.", "x-client-config": "tenant_id",
            "schema": {"type": "string", "minLength": 1, "maxLength": 64},
        },
        "ScopeId": {
            "name": "scope_id", "in": "query", "required": False,
            "description": "Scope (workspace) ID. 0 is the default scope; all_scopes queries every one.",
            "schema": {"type": "string", "minLength": 0, "maxLength": 64, "default": "0"},
        },
        "Offset": {
            "name": "offset", "in": "query", "required": False,
            "description": "Offset from which the query starts.",
            "schema": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 2000000,
                       "default": 0},
        },
        "Limit": {
            "name": "limit", "in": "query", "required": False,
            "description": "Number of records on each page.",
            "schema": {"type": "integer", "format": "int32", "minimum": 10, "maximum": 200,
                       "default": 10},
        },
    }


def ref_param(name):
    return {"$ref": "#/components/parameters/" + name}


def query_params(spec, k):
    """k inline query parameters of mixed types."""
    rng = spec.rng
    out = []
    for n in spec.field_names(k):
        if n in ("offset", "limit", "scope_id"):
            continue
        s = spec.scalar_field(n)
        if "$ref" not in s:
            s.pop("description", None)
            if s.get("type") == "number":
                s = {"type": "integer", "format": "int32", "minimum": 0, "maximum": 100}
        p = {"name": n, "in": "query", "required": rng.chance(15) and s.get("type") != "array",
             "description": f"Filter by {n.replace('_', ' ')}.", "schema": s}
        out.append(p)
    return out


def header_param(rng):
    return {"name": "X-Client-Trace", "in": "header", "required": False,
            "description": "Caller-chosen trace ID, echoed in logs.",
            "schema": {"type": "string", "minLength": 1, "maxLength": rng.pick([64, 128])}}


def json_content(schema):
    return {"application/json": {"schema": schema}}


def build_operations(spec, n_ops):
    rng = spec.rng
    plan = method_plan(n_ops, rng)
    res_iter = resources()
    per_res = {}
    paths = {}
    ops = []
    seen_ids = set()
    # Each resource takes a few operations, like a real API's resource groups.
    current = None
    used = 0
    budget = 0
    for i, method in enumerate(plan):
        if current is None or used >= budget:
            current = next(res_iter)
            used = 0
            budget = rng.range(4, 9)
        group, noun = current
        used += 1
        key = (group, noun, method)
        k = per_res.get(key, 0)
        per_res[key] = k + 1
        base = f"/v2/{{tenant_id}}/{group}/{noun}s"
        res = pascal(group) + pascal(noun)
        id_name = f"{noun}_id"
        params = [ref_param("TenantId")]
        op = {"tags": [pascal(group)]}
        if method == "get":
            if k == 0:
                op_id, path, shape = f"List{res}s", base, "list"
            elif k == 1:
                op_id, path, shape = f"Show{res}", f"{base}/{{{id_name}}}", "show"
            else:
                view = VIEWS[(k - 2) % len(VIEWS)] + (str((k - 2) // len(VIEWS) + 1)
                                                       if k - 2 >= len(VIEWS) else "")
                op_id, path, shape = f"List{res}{pascal(view)}", f"{base}/{view}", "list"
        elif method == "post":
            verb = POST_VERBS[k % len(POST_VERBS)]
            sfx = str(k // len(POST_VERBS) + 1) if k >= len(POST_VERBS) else ""
            op_id = f"{verb}{res}{sfx}"
            path = base if k == 0 else f"{base}/{verb.lower()}{sfx}"
            shape = "body"
        elif method == "put":
            verb = PUT_VERBS[k % len(PUT_VERBS)]
            sfx = str(k // len(PUT_VERBS) + 1) if k >= len(PUT_VERBS) else ""
            op_id = f"{verb}{res}{sfx}"
            path = f"{base}/{{{id_name}}}" + ("" if k == 0 else f"/{verb.lower()}{sfx}")
            shape = "body"
        else:
            verb = DELETE_VERBS[k % len(DELETE_VERBS)]
            sfx = str(k // len(DELETE_VERBS) + 1) if k >= len(DELETE_VERBS) else ""
            op_id = f"{verb}{res}{sfx}"
            path = f"{base}/{{{id_name}}}" + ("" if k == 0 else f"/{verb.lower()}{sfx}")
            shape = "delete"
        if "{" + id_name + "}" in path:
            params.append({"name": id_name, "in": "path", "required": True,
                           "description": f"ID of the {noun}.",
                           "schema": {"type": "string", "minLength": 1, "maxLength": 64}})
        if rng.chance(80):
            params.append(ref_param("ScopeId"))
        if shape == "list":
            params += [ref_param("Offset"), ref_param("Limit")]
            params += query_params(spec, rng.range(2, 5))
        elif shape == "show" or shape == "delete":
            params += query_params(spec, rng.range(1, 3))
        else:
            params += query_params(spec, rng.range(0, 2))
        if rng.chance(35):
            params.append(header_param(rng))
        # A noun that ends in a digit (`sprocket2`, from a wrapped vocabulary) can meet a verb's
        # numeric suffix (`UpdateCanvasSprocket` + `2`): the later operation takes a free name.
        if op_id in seen_ids:
            n = 2
            while f"{op_id}Again{n}" in seen_ids:
                n += 1
            op_id = f"{op_id}Again{n}"
        seen_ids.add(op_id)
        op["operationId"] = op_id
        op["summary"] = f"{op_id} on {noun}s of {group}"
        op["description"] = (f"Operation {op_id}: works on the {noun} resources of the {group} "
                              f"service.")
        op["parameters"] = params
        words = f"{noun} in {group}"
        if shape == "list":
            item = spec.object_schema(f"{op_id}Info", f"{words} entry", rng.range(5, 12), 30,
                                      inline_nested=rng.chance(25))
            body = spec.object_schema(f"{op_id}ResponseBody", f"response of {op_id}",
                                      0, 0, nested_ref=item, nested_array=True)
            props = spec.schemas[f"{op_id}ResponseBody"]["properties"]
            props["total_num"] = {"type": "integer", "format": "int32", "minimum": 0,
                                  "maximum": 2147483647,
                                  "description": describe(rng, "Total number of records.",
                                                          "0 to 2147483647")}
            responses = {"200": {"description": "OK", "content": json_content(body)}}
        elif shape == "show":
            item = spec.object_schema(f"{op_id}Detail", f"{words} detail", rng.range(3, 8), 30)
            body = spec.object_schema(f"{op_id}ResponseBody", f"response of {op_id}",
                                      rng.range(4, 10), 40, nested_ref=item,
                                      inline_nested=rng.chance(30))
            responses = {"200": {"description": "OK", "content": json_content(body)}}
        elif shape == "body":
            nested = None
            if rng.chance(70):
                nested = spec.object_schema(f"{op_id}Spec", f"settings of {op_id}",
                                            rng.range(3, 8), 40, inline_nested=rng.chance(20))
            req = spec.object_schema(f"{op_id}RequestBody", f"request of {op_id}",
                                     rng.range(2, 7), 50, nested_ref=nested,
                                     nested_array=rng.chance(40))
            op["requestBody"] = {"required": True, "content": json_content(req)}
            if rng.chance(60):
                resp = spec.object_schema(f"{op_id}ResponseBody", f"response of {op_id}",
                                          rng.range(1, 3), 0)
                responses = {"200": {"description": "OK", "content": json_content(resp)}}
            else:
                responses = {"200": {"description": "OK"}}
        else:
            if rng.chance(50):
                resp = spec.object_schema(f"{op_id}ResponseBody", f"response of {op_id}",
                                          rng.range(1, 2), 0)
                responses = {"200": {"description": "OK", "content": json_content(resp)}}
            else:
                responses = {"200": {"description": "OK"}}
        if rng.chance(30):
            responses["400"] = {"description": "Bad request",
                                "content": json_content({"$ref": "#/components/schemas/ErrorBody"})}
        op["responses"] = responses
        paths.setdefault(path, {})[method] = op
        ops.append((i, method, op))
    return paths, ops


# ----- opt-in constructs -----------------------------------------------------------------------
#
# Each takes (spec, op, method, serial) and changes the operation in place; `serial` counts the
# operations the construct has been applied to, so names stay unique.

BODY_METHODS = ("post", "put")


def c_maps(spec, op, method, serial):
    name = f"{op['operationId']}Labels"
    spec.schemas[name] = {
        "type": "object", "description": "Labels as a map.", "minProperties": 0,
        "maxProperties": 20,
        "properties": {"owner": {"type": "string", "maxLength": 64}},
        "additionalProperties": {"type": "string", "minLength": 1, "maxLength": 128},
    }
    target = body_schema(spec, op)
    target["properties"]["labels"] = {"$ref": "#/components/schemas/" + name}
    target["properties"]["annotations"] = {"type": "object", "additionalProperties": True}
    target["properties"]["weights"] = {
        "type": "object",
        "additionalProperties": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 9},
    }


def c_free_form(spec, op, method, serial):
    target = body_schema(spec, op)
    target["properties"]["extension"] = {"type": "object",
                                         "description": "Free-form JSON object."}


def c_csv_query(spec, op, method, serial):
    op["parameters"].append({
        "name": "id_list", "in": "query", "required": False, "style": "form", "explode": False,
        "description": "Comma-separated IDs.",
        "schema": {"type": "array", "maxItems": 50, "items": {"type": "string", "maxLength": 64}},
    })


def c_delimited_query(spec, op, method, serial):
    for style, name in (("spaceDelimited", "space_list"), ("pipeDelimited", "pipe_list")):
        op["parameters"].append({
            "name": name, "in": "query", "required": False, "style": style, "explode": False,
            "schema": {"type": "array", "maxItems": 20, "items": {"type": "string", "maxLength": 32}},
        })


def c_typed_query_arrays(spec, op, method, serial):
    op["parameters"].append({
        "name": "level_list", "in": "query", "required": False,
        "schema": {"type": "array", "maxItems": 10,
                   "items": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 9}},
    })
    op["parameters"].append({
        "name": "state_list", "in": "query", "required": False,
        "schema": {"type": "array", "maxItems": 10,
                   "items": {"$ref": "#/components/schemas/" + spec.shared_enums[serial % 12]}},
    })


def c_required_query_array(spec, op, method, serial):
    op["parameters"].append({
        "name": "target_list", "in": "query", "required": True,
        "schema": {"type": "array", "minItems": 1, "maxItems": 100,
                   "items": {"type": "string", "maxLength": 64}},
    })


def c_array_bodies(spec, op, method, serial):
    ref = body_ref(op)
    if serial % 2:
        schema = {"type": "array", "minItems": 1, "maxItems": 100, "items": ref}
    else:
        schema = {"type": "array", "items": {"type": "array", "maxItems": 10,
                                             "items": {"type": "string", "maxLength": 64}}}
    op["requestBody"]["content"] = json_content(schema)
    op["responses"]["200"] = {"description": "OK", "content": json_content(
        {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}})}


def c_optional_body(spec, op, method, serial):
    op["requestBody"]["required"] = False


def c_empty_responses(spec, op, method, serial):
    op["responses"].pop("200", None)
    op["responses"]["204"] = {"description": "No content"}


def c_text_responses(spec, op, method, serial):
    op["responses"]["200"] = {"description": "OK",
                              "content": {"text/plain": {"schema": {"type": "string"}}}}


def c_binary_responses(spec, op, method, serial):
    op["responses"]["200"] = {"description": "OK", "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}


def c_multipart(spec, op, method, serial):
    op["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"],
        "properties": {
            "file": {"type": "string", "format": "binary", "description": "The file to upload."},
            "file_name": {"type": "string", "minLength": 1, "maxLength": 255},
            "overwrite": {"type": "boolean"},
        }}}}}


def c_response_headers(spec, op, method, serial):
    resp = next(iter(op["responses"].values()))
    resp["headers"] = {
        "X-Request-Id": {"description": "Request ID.", "schema": {"type": "string"}},
        "X-Rate-Remaining": {"schema": {"type": "integer", "format": "int32"}},
    }


def c_recursive(spec, op, method, serial):
    a, b = f"{op['operationId']}Node", f"{op['operationId']}Branch"
    spec.schemas[a] = {"type": "object", "properties": {
        "name": {"type": "string"},
        "child": {"$ref": "#/components/schemas/" + a},
        "children": {"type": "array", "items": {"$ref": "#/components/schemas/" + a}},
        "branch": {"$ref": "#/components/schemas/" + b}}}
    spec.schemas[b] = {"type": "object", "properties": {
        "leaf": {"type": "boolean"}, "parent": {"$ref": "#/components/schemas/" + a}}}
    response_schema(spec, op)["properties"]["tree"] = {"$ref": "#/components/schemas/" + a}


def c_composition(spec, op, method, serial):
    p = op["operationId"]
    spec.schemas[p + "Base"] = {"type": "object", "required": ["kind"], "properties": {
        "kind": {"type": "string"}, "note": {"type": "string", "maxLength": 64}}}
    spec.schemas[p + "Disk"] = {"allOf": [{"$ref": f"#/components/schemas/{p}Base"}, {
        "type": "object", "properties": {"size_gb": {"type": "integer", "minimum": 1}}}]}
    spec.schemas[p + "Nic"] = {"allOf": [{"$ref": f"#/components/schemas/{p}Base"}, {
        "type": "object", "properties": {"mac": {"type": "string", "maxLength": 17}}}]}
    props = response_schema(spec, op)["properties"]
    props["device"] = {"oneOf": [{"$ref": f"#/components/schemas/{p}Disk"},
                                 {"$ref": f"#/components/schemas/{p}Nic"}],
                       "discriminator": {"propertyName": "kind", "mapping": {
                           "disk": f"#/components/schemas/{p}Disk",
                           "nic": f"#/components/schemas/{p}Nic"}}}
    props["value"] = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
    props["either"] = {"anyOf": [{"$ref": f"#/components/schemas/{p}Disk"},
                                 {"$ref": f"#/components/schemas/{p}Nic"}]}


def c_nullable(spec, op, method, serial):
    props = response_schema(spec, op)["properties"]
    props["maybe_note"] = {"type": "string", "nullable": True, "maxLength": 128}
    props["maybe_count"] = {"type": "integer", "format": "int32", "nullable": True}
    props["maybe_list"] = {"type": "array", "nullable": True, "items": {"type": "string"}}


def c_formats(spec, op, method, serial):
    props = body_schema(spec, op)["properties"]
    for name, fmt in (("at", "date-time"), ("on_day", "date"), ("uid", "uuid"),
                      ("blob", "byte"), ("raw", "binary")):
        props[name] = {"type": "string", "format": fmt}


def c_many_required(spec, op, method, serial):
    target = body_schema(spec, op)
    for j in range(12):
        target["properties"][f"field_{j:02}"] = {"type": "string", "maxLength": 32}
    target["required"] = list(target["properties"].keys())


def c_vendor_headers(spec, op, method, serial):
    op["parameters"] += [
        {"name": "X-Language", "in": "header", "required": False,
         "schema": {"type": "string", "enum": ["zh-cn", "en-us"], "default": "en-us"}},
        {"name": "region", "in": "header", "required": False,
         "schema": {"type": "string", "minLength": 1, "maxLength": 128}},
        {"name": "X-Security-Token", "in": "header", "required": False,
         "schema": {"type": "string", "maxLength": 4096}},
    ]


def c_odd_names(spec, op, method, serial):
    op["parameters"] += [
        {"name": "type", "in": "query", "required": False, "schema": {"type": "string"}},
        {"name": "match", "in": "query", "required": False, "schema": {"type": "boolean"}},
        {"name": "2fa", "in": "query", "required": False, "schema": {"type": "string"}},
        {"name": "self", "in": "header", "required": False, "schema": {"type": "string"}},
    ]


def body_ref(op):
    return op["requestBody"]["content"]["application/json"]["schema"]


def schema_of(spec, ref):
    return spec.schemas[ref["$ref"].rsplit("/", 1)[1]]


def body_schema(spec, op):
    return schema_of(spec, body_ref(op))


def response_schema(spec, op):
    resp = op["responses"].get("200")
    ref = resp and resp.get("content", {}).get("application/json", {}).get("schema")
    if not ref or "$ref" not in ref:
        name = op["operationId"] + "ResponseBody"
        spec.schemas.setdefault(name, {"type": "object", "properties": {
            "id": {"type": "string", "maxLength": 64}}})
        ref = {"$ref": "#/components/schemas/" + name}
        op["responses"]["200"] = {"description": "OK", "content": json_content(ref)}
    return schema_of(spec, ref)


# name -> (function, methods it applies to, slot). None of these is part of `basic`, which is
# exactly what build_operations writes. Constructs in the same slot replace the same part of an
# operation, so one operation gets at most one construct per slot.
CONSTRUCTS = {
    "maps": (c_maps, BODY_METHODS, "extra-props"),
    "free-form": (c_free_form, BODY_METHODS, "extra-props"),
    "formats": (c_formats, BODY_METHODS, "extra-props2"),
    "many-required": (c_many_required, BODY_METHODS, "extra-props3"),
    "csv-query": (c_csv_query, ("get", "delete"), "query"),
    "delimited-query": (c_delimited_query, ("get",), "query2"),
    "typed-query-arrays": (c_typed_query_arrays, ("get",), "query3"),
    "required-query-array": (c_required_query_array, ("get", "post"), "query4"),
    "odd-names": (c_odd_names, ("get", "put"), "query5"),
    "vendor-headers": (c_vendor_headers, ("get", "post", "put", "delete"), "headers"),
    "array-bodies": (c_array_bodies, BODY_METHODS, "body"),
    "multipart": (c_multipart, ("post",), "body"),
    "optional-body": (c_optional_body, BODY_METHODS, "body-required"),
    "empty-responses": (c_empty_responses, ("delete", "put"), "response"),
    "text-responses": (c_text_responses, ("get",), "response"),
    "binary-responses": (c_binary_responses, ("get",), "response"),
    "response-headers": (c_response_headers, ("get", "post"), "response-headers"),
    "recursive": (c_recursive, ("get",), "response-props"),
    "composition": (c_composition, ("get",), "response-props2"),
    "nullable": (c_nullable, ("get", "delete"), "response-props3"),
}

# One operation in EVERY_NTH of the compatible ones gets a given construct.
EVERY_NTH = 17


def apply_constructs(spec, ops, names):
    taken = set()  # (op index, slot)
    # Body replacements first: later constructs look at the body and response they leave.
    order = sorted(names, key=lambda n: (CONSTRUCTS[n][2] not in ("body", "response"), n))
    for ci, name in enumerate(order):
        fn, methods, slot = CONSTRUCTS[name]
        compatible = [(i, m, op) for i, m, op in ops if m in methods]
        serial = 0
        offset = (ci * 5) % EVERY_NTH
        for j, (i, m, op) in enumerate(compatible):
            if j % EVERY_NTH != offset or (i, slot) in taken:
                continue
            if slot.startswith("extra-props") and (i, "body") in taken:
                continue  # the body is no longer the object schema
            if slot.startswith("response-props") and (i, "response") in taken:
                continue  # the response is no longer a JSON object
            taken.add((i, slot))
            fn(spec, op, m, serial)
            serial += 1


# ----- the document ----------------------------------------------------------------------------


def build(n_ops, seed, constructs):
    rng = Rng(seed)
    spec = Spec(rng, constructs)
    spec.schemas["ErrorBody"] = {"type": "object", "description": "Error response body.",
                                 "properties": {
                                     "error_code": {"type": "string", "maxLength": 64},
                                     "error_msg": {"type": "string", "maxLength": 1024}}}
    paths, ops = build_operations(spec, n_ops)
    apply_constructs(spec, ops, constructs)
    tags = sorted({op["tags"][0] for _, _, op in ops})
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "Large Synthetic API",
                 "description": f"A generated benchmark spec of {n_ops} operations (seed {seed}).",
                 "version": "v2"},
        "x-crate": {"name": "large-api", "version": "0.1.0",
                    "description": "Client of a generated benchmark spec."},
        "x-client": {"settings": {"tenant_id": {
            "description": "The tenant every operation's `tenant_id` parameter defaults to.",
            "env": ["LARGE_API_TENANT_ID"], "header": "X-Tenant-Id"}}},
        "servers": [{"url": "https://api.example.net"}],
        "security": [{"api_key": []}],
        "tags": [{"name": t, "description": f"Operations of the {t.lower()} service."}
                 for t in tags],
        "paths": paths,
        "components": {
            "parameters": common_params(),
            "securitySchemes": {"api_key": {"type": "apiKey", "in": "header",
                                            "name": "X-Api-Key",
                                            "description": "API key of the caller."}},
            "schemas": spec.schemas,
        },
    }
    return doc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ops", type=int, default=582, help="number of operations (default 582)")
    ap.add_argument("--seed", type=int, default=1, help="pseudo-random seed (default 1)")
    ap.add_argument("--constructs", default="basic",
                    help="basic (default), all, or basic plus a comma-separated list of names")
    ap.add_argument("--list-constructs", action="store_true",
                    help="print the names of the opt-in constructs and exit")
    ap.add_argument("--out", help="output file (default: standard output)")
    args = ap.parse_args()
    if args.list_constructs:
        print("\n".join(sorted(CONSTRUCTS)))
        return 0
    if args.ops < 1:
        ap.error("--ops must be at least 1")
    names = set()
    for part in args.constructs.split(","):
        part = part.strip()
        if part in ("", "basic"):
            continue
        if part == "all":
            names.update(CONSTRUCTS)
        elif part in CONSTRUCTS:
            names.add(part)
        else:
            ap.error(f"unknown construct {part!r} (see --list-constructs)")
    doc = build(args.ops, args.seed, sorted(names))
    lines = [f"# Generated by tests/large/make_spec.py --ops {args.ops} --seed {args.seed} "
             f"--constructs {','.join(sorted(names)) or 'basic'}. Do not edit."]
    emit(lines, doc, 0)
    text = "\n".join(lines) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

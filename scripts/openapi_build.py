#!/usr/bin/env python3
"""openapi_build.py: the partner API's OpenAPI 3.1 document, build/openapi.json, merged from
api/openapi/base.json (info, security, the shared errors, parameters and headers) and each resource file's
fragment api/openapi/X.json ({"paths": {...}, "components": {"schemas": {...}, ...}}, optionally "tags").

A path, or a component of the same section and name, defined in two files is an error: each piece has one
owner. The answers the dispatcher (cgi-src/api/api.c) can give before any resource runs are added to every
operation that does not list them itself: for a call with a token 400 (a body where none is taken, a query
that is not UTF-8), 401, 403 (scope, role), 429, 500 and 503; for a write also 409 (an Idempotency-Key used
for another body), 413 and 415. Usage: openapi_build.py [--out build/openapi.json] [api/openapi]"""
import argparse
import json
import os
import sys

FRAGMENT_KEYS = {"paths", "components", "tags"}


def fail(message):
    print(f"openapi_build: {message}", file=sys.stderr)
    sys.exit(1)


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"{path}: {e}")
    if not isinstance(doc, dict):
        fail(f"{path}: not a JSON object")
    return doc


def merge_named(into, owners, section, items, path):
    """Add ITEMS (name -> definition) to INTO; OWNERS remembers which file defined each name."""
    if not isinstance(items, dict):
        fail(f"{path}: {section} is not an object")
    for name, value in items.items():
        key = (section, name)
        if key in owners:
            fail(f"{path}: {section} {name} is already defined in {owners[key]}")
        owners[key] = path
        into[name] = value


def merge_fragment(doc, owners, path, fragment):
    unknown = set(fragment) - FRAGMENT_KEYS
    if unknown:
        fail(f"{path}: a fragment holds only paths, components and tags, not {', '.join(sorted(unknown))}")
    merge_named(doc.setdefault("paths", {}), owners, "path", fragment.get("paths", {}), path)
    components = fragment.get("components", {})
    if not isinstance(components, dict):
        fail(f"{path}: components is not an object")
    for section, items in components.items():
        merge_named(doc.setdefault("components", {}).setdefault(section, {}), owners,
                    f"components/{section}", items, path)
    tags = {t["name"]: t for t in doc.get("tags", [])}
    merge_named(tags, owners, "tag", {t["name"]: t for t in fragment.get("tags", [])}, path)
    if tags:
        doc["tags"] = list(tags.values())


COMMON = {"400": "BadRequest", "401": "Unauthorized", "403": "Forbidden", "429": "TooManyRequests",
          "500": "InternalError", "503": "Unavailable"}
WRITE = {"409": "Conflict", "413": "PayloadTooLarge", "415": "UnsupportedMediaType"}
METHODS = {"get", "head", "post", "put", "patch", "delete"}


def add_dispatcher_answers(doc):
    for item in doc.get("paths", {}).values():
        for method, op in item.items():
            if method not in METHODS or op.get("security") == []:
                continue  # a public operation: no token, so none of the token's answers
            responses = op.setdefault("responses", {})
            common = dict(COMMON, **WRITE) if method in {"post", "put", "patch", "delete"} else COMMON
            for status, name in common.items():
                responses.setdefault(status, {"$ref": f"#/components/responses/{name}"})
            op["responses"] = dict(sorted(responses.items()))


def build(folder):
    base_path = os.path.join(folder, "base.json")
    doc = load(base_path)
    owners = {}
    for section, items in doc.get("components", {}).items():
        for name in items:
            owners[(f"components/{section}", name)] = base_path
    for name in doc.get("paths", {}):
        owners[("path", name)] = base_path
    for t in doc.get("tags", []):
        owners[("tag", t["name"])] = base_path
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json") and name != "base.json":
            path = os.path.join(folder, name)
            merge_fragment(doc, owners, path, load(path))
    doc["paths"] = dict(sorted(doc.get("paths", {}).items()))
    add_dispatcher_answers(doc)
    return doc


def main():
    p = argparse.ArgumentParser(description="Merge api/openapi/*.json into one OpenAPI document.")
    p.add_argument("--out", default="build/openapi.json")
    p.add_argument("folder", nargs="?", default="api/openapi")
    args = p.parse_args()
    doc = build(args.folder)
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, args.out)


if __name__ == "__main__":
    main()

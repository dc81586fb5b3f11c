#!/usr/bin/env python3
"""Validates every record and dead letter that `dateline process` writes for the
project's fixtures against config/schema/*.json (JSON Schema 2020-12).

Usage: validate_records.py DATELINE_BINARY SOURCE_DIR
A test tool: Python's jsonschema is the reference validator, far simpler than
writing one in C++.
"""
import json
import pathlib
import subprocess
import sys

import jsonschema


def main() -> int:
    binary, root = sys.argv[1], pathlib.Path(sys.argv[2])
    record_schema = json.loads((root / "config/schema/record.v1.json").read_text())
    dead_schema = json.loads((root / "config/schema/dead-letter.v1.json").read_text())
    records = jsonschema.Draft202012Validator(record_schema)
    dead = jsonschema.Draft202012Validator(dead_schema)

    inputs = sorted((root / "tests/data/golden").glob("*/input.*")) + sorted((root / "tests/data/reports").glob("*.txt"))
    # One `process` run per format hint (start-up loads the gazetteer, which is
    # slow under the sanitizers); it prints one line per file, in order.
    groups = {}
    for path in inputs:
        meta = path.parent / "meta.json"
        hint = json.loads(meta.read_text()).get("format_hint") if meta.exists() else None
        groups.setdefault(hint, []).append(path)
    failures, counts = 0, {"records": 0, "dead_letters": 0}
    for hint, paths in groups.items():
        args = [binary, "process"] + (["--format", hint] if hint else [])
        out = subprocess.run(args + [str(p) for p in paths], capture_output=True, check=True).stdout.decode()
        lines = out.splitlines()
        if len(lines) != len(paths):
            print(f"format {hint}: expected {len(paths)} lines, got {len(lines)}")
            failures += 1
            continue
        for path, line in zip(paths, lines):
            doc = json.loads(line)
            validator = dead if doc.get("dead_letter") else records
            counts["dead_letters" if doc.get("dead_letter") else "records"] += 1
            for error in validator.iter_errors(doc):
                failures += 1
                print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")

    # Garbage gives schema-valid dead letters too.
    garbage = '{"payload": ""}\nnot json\n{"payload": "\\u0000\\u0001"}\n{"payload": "hi"}\n'
    out = subprocess.run([binary, "process"], input=garbage.encode(), capture_output=True, check=True).stdout
    for line in out.decode().splitlines():
        counts["dead_letters"] += 1
        for error in dead.iter_errors(json.loads(line)):
            failures += 1
            print(f"garbage: {error.message}")

    print(f"{counts['records']} records and {counts['dead_letters']} dead letters checked; {failures} failures")
    if counts["records"] == 0:
        print("no records were checked")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes a seed corpus for the query fuzzer (tests/fuzz/): one file per query.

    scripts/fuzz-seeds.py OUT_DIR [SOURCE...]

A SOURCE is a .cypher file (statements separated by ';', `//` comment lines dropped) or a
folder searched for .feature files (the openCypher TCK, e.g. ../shared/tck/features), whose
`executing query` / `having executed` doc strings are taken, Scenario Outlines expanded with
each row of their Examples. Without SOURCE: samples/queries.cypher and ../shared/tck/features
(when present). Files are named by the SHA-1 of their content, so re-running adds nothing twice.
The seeds of samples/ are committed in tests/fuzz/corpus/; the TCK's are not (they belong to
../shared): generate them next to the committed ones before a run.
"""
import hashlib
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cypher_file(path):
    text = open(path, encoding="utf-8").read()
    lines = [l for l in text.splitlines() if not l.lstrip().startswith("//")]
    for stmt in "\n".join(lines).split(";"):
        stmt = stmt.strip()
        if stmt:
            yield stmt


def feature_file(path):
    """Doc strings of query steps; Scenario Outline placeholders filled from Examples."""
    lines = open(path, encoding="utf-8").read().splitlines()
    scenarios = []  # (is_outline, [queries], [example rows as dicts])
    current = None
    i = 0
    header = None
    while i < len(lines):
        s = lines[i].strip()
        if s.startswith("Scenario Outline:") or s.startswith("Scenario:"):
            current = (s.startswith("Scenario Outline:"), [], [])
            scenarios.append(current)
            header = None
        elif s.startswith("Examples:"):
            header = None
        elif s.startswith('"""') and current is not None:
            step = lines[i - 1].strip() if i > 0 else ""
            i += 1
            body = []
            while i < len(lines) and not lines[i].strip().startswith('"""'):
                body.append(lines[i])
                i += 1
            if "executing" in step or "having executed" in step:
                indent = min((len(l) - len(l.lstrip()) for l in body if l.strip()), default=0)
                current[1].append("\n".join(l[indent:] for l in body).strip())
        elif s.startswith("|") and current is not None and current[0]:
            cells = [c.strip() for c in s.strip("|").split("|")]
            if header is None:
                header = cells
            elif len(cells) == len(header):
                current[2].append(dict(zip(header, cells)))
        i += 1
    for outline, queries, rows in scenarios:
        for q in queries:
            if not outline or not rows:
                yield q
                continue
            for row in rows:
                out = q
                for k, v in row.items():
                    out = out.replace("<" + k + ">", v)
                yield out


def sources_of(path):
    if os.path.isdir(path):
        for dirpath, _, files in sorted(os.walk(path)):
            for f in sorted(files):
                if f.endswith(".feature"):
                    yield from feature_file(os.path.join(dirpath, f))
    elif path.endswith(".feature"):
        yield from feature_file(path)
    else:
        yield from cypher_file(path)


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out_dir = argv[1]
    sources = argv[2:] or [os.path.join(ROOT, "samples", "queries.cypher")] + [
        p for p in [os.path.join(ROOT, "..", "shared", "tck", "features")] if os.path.isdir(p)
    ]
    os.makedirs(out_dir, exist_ok=True)
    written = 0
    seen = 0
    for src in sources:
        for q in sources_of(src):
            data = q.encode("utf-8")
            name = hashlib.sha1(data).hexdigest()
            seen += 1
            target = os.path.join(out_dir, name)
            if not os.path.exists(target):
                with open(target, "wb") as f:
                    f.write(data)
                written += 1
    print(f"{seen} queries read, {written} new seed files in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

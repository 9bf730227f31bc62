#!/usr/bin/env python3
"""Print the definition -> event type mapping that the upstream SystemEvents.json states in prose.

Upstream (Azure/azure-rest-api-specs, Microsoft.EventGrid/stable/2024-01-01/SystemEvents.json)
names the event type of an event-data model only inside the model's own `description`.
This script recovers that mapping with two lenient rules (the RULES below), applied to
definition-level descriptions only (property descriptions are never read):

  1. the "Data property of an EventGridEvent" wording: "for a" or "for an", then <T> and "event"
  2. the "Event data for" wording: "for", then <T> and "event"

Matching ignores case, collapses runs of whitespace (upstream wraps some descriptions over
several lines) and allows text before and after. <T> must be a dotted name (at least two
segments, e.g. Microsoft.Storage.BlobCreated); this rejects base models whose prose names a
short, undotted kind of event. The event type keeps the exact spelling and case upstream uses.

Usage: extract-event-types.py [path/to/SystemEvents.json]
Output: one "<definition>\t<event type>" line per mapped definition, sorted by definition.
Exits non-zero if a definition yields two different event types or two definitions share one.
"""
import json
import os
import re
import sys

DEFAULT_UPSTREAM = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "upstream-spec",
    "Microsoft.EventGrid", "stable", "2024-01-01", "SystemEvents.json")

_DOTTED = r"((?:[A-Za-z0-9_-]+\.)+[A-Za-z0-9_-]+)"
RULES = [
    ("schema-of-data-property",
     re.compile(r"schema of the data property of an eventgridevent for an? " + _DOTTED + r" event",
                re.IGNORECASE)),
    ("event-data-for", re.compile(r"event data for " + _DOTTED + r" event", re.IGNORECASE)),
]


def upstream_path(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        return argv[0]
    return os.environ.get("EVENTGRID_UPSTREAM_SYSTEM_EVENTS", DEFAULT_UPSTREAM)


def load_upstream(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def extract(doc):
    """Return (mapping {definition: event type}, rule used per definition, problems list)."""
    mapping, rule_of, problems = {}, {}, []
    for name, schema in doc.get("definitions", {}).items():
        text = " ".join(str(schema.get("description", "")).split())
        found = []
        for rule_name, rx in RULES:
            for m in rx.finditer(text):
                found.append((rule_name, m.group(1)))
        types = sorted({t for _, t in found})
        if len(types) > 1:
            problems.append(f"{name}: several event types {types}")
        if found:
            mapping[name] = found[0][1]
            rule_of[name] = found[0][0]
    seen = {}
    for name, et in mapping.items():
        if et in seen:
            problems.append(f"event type {et} named by both {seen[et]} and {name}")
        seen[et] = name
    return mapping, rule_of, problems


def main():
    path = upstream_path()
    if not os.path.exists(path):
        print(f"upstream file not found: {path}", file=sys.stderr)
        return 2
    mapping, rule_of, problems = extract(load_upstream(path))
    for name in sorted(mapping):
        print(f"{name}\t{mapping[name]}")
    counts = {}
    for r in rule_of.values():
        counts[r] = counts.get(r, 0) + 1
    print(f"# {len(mapping)} definitions, {len(set(mapping.values()))} distinct event types; "
          + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())), file=sys.stderr)
    for p in problems:
        print(f"problem: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

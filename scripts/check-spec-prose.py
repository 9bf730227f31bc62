#!/usr/bin/env python3
"""Check Spec/SystemEvents/*.yaml against the upstream SystemEvents.json.

1. Prose: no description (or title) of ours equals an upstream description, and no run of
   8 consecutive words of any upstream description appears in ours. Words are compared
   case-insensitively as runs of letters and digits. Spec/SystemEvents/SOURCE.md is scanned too.
2. Event types: the set of (definition, x-eventgrid-event-type) pairs in our files equals the
   mapping that scripts/extract-event-types.py computes from upstream.
3. Facts: our definitions equal upstream's, key for key, once descriptions are removed from both,
   `x-eventgrid-event-type` from ours and `x-ms-identifiers` from upstream's, and our
   cross-file `$ref`s are resolved (each must point at a definition in the named file).
   Property order and `required` order must match upstream.
4. Shape: every file is Swagger 2.0 with version 2024-01-01 and empty paths; every definition,
   property and enum value has a description; no definition is in two files.
5. Freshness: scripts/author-system-events-spec.py regenerates byte-identical files.

Needs PyYAML (`pip install pyyaml`). Usage: check-spec-prose.py [path/to/SystemEvents.json]
Exit status: 0 when all checks pass, 1 on a finding, 2 when an input is missing.
"""
import copy
import glob
import importlib.util
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SPEC_DIR = os.path.join(ROOT, "Spec", "SystemEvents")
RUN = 8

try:
    import yaml
except ImportError:
    print("PyYAML is needed for this check: pip install pyyaml", file=sys.stderr)
    sys.exit(2)


def load_script(file_name, module_name):
    spec = importlib.util.spec_from_file_location(module_name, os.path.join(HERE, file_name))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate mapping keys."""


def _mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                             lambda loader, node: dict(_mapping(loader, node, deep=True)))


def tokens(text):
    return re.findall(r"[a-z0-9]+", str(text).lower())


def upstream_descriptions(obj, path="", out=None):
    """Every string under a `description` key of a schema, enum value or info object."""
    out = [] if out is None else out
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "properties" and isinstance(v, dict):
                for pn, ps in v.items():
                    upstream_descriptions(ps, f"{path}/properties/{pn}", out)
            elif k == "description" and isinstance(v, str):
                out.append((path, v))
            else:
                upstream_descriptions(v, f"{path}/{k}", out)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            upstream_descriptions(v, f"{path}/{i}", out)
    return out


def our_prose(obj, path="", out=None):
    out = [] if out is None else out
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "properties" and isinstance(v, dict):
                for pn, ps in v.items():
                    our_prose(ps, f"{path}/properties/{pn}", out)
            elif k in ("description", "title") and isinstance(v, str):
                out.append((path + "/" + k, v))
            else:
                our_prose(v, f"{path}/{k}", out)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            our_prose(v, f"{path}/{i}", out)
    return out


def check_prose(upstream_doc, ours, extra_texts, findings):
    ups = upstream_descriptions(upstream_doc)
    exact = {" ".join(tokens(t)): p for p, t in ups if tokens(t)}
    exact_raw = {" ".join(t.split()): p for p, t in ups}
    runs = {}
    for p, t in ups:
        w = tokens(t)
        for i in range(len(w) - RUN + 1):
            runs.setdefault(tuple(w[i:i + RUN]), p)
    texts = list(extra_texts)
    for fname, doc in ours.items():
        texts += [(f"{fname}{p}", t) for p, t in our_prose(doc)]
    for where, t in texts:
        norm = " ".join(tokens(t))
        same = exact_raw.get(" ".join(t.split())) or (exact.get(norm) if norm else None)
        if same:
            findings.append(f"prose: {where} equals the upstream description at {same}")
            continue
        w = tokens(t)
        for i in range(len(w) - RUN + 1):
            hit = runs.get(tuple(w[i:i + RUN]))
            if hit:
                findings.append(f"prose: {where} repeats {RUN} words of upstream {hit}: "
                                f"{' '.join(w[i:i + RUN])!r}")
                break
    return len(texts)


def strip_upstream(schema):
    s = copy.deepcopy(schema)
    s.pop("description", None)
    s.pop("x-ms-identifiers", None)
    for ps in s.get("properties", {}).values():
        ps.pop("description", None)
        ps.pop("x-ms-identifiers", None)
    for v in s.get("x-ms-enum", {}).get("values", []):
        v.pop("description", None)
    return s


def strip_ours(schema, resolve_ref):
    s = copy.deepcopy(schema)
    s.pop("description", None)
    s.pop("x-eventgrid-event-type", None)
    for ps in s.get("properties", {}).values():
        ps.pop("description", None)
    for v in s.get("x-ms-enum", {}).get("values", []):
        v.pop("description", None)

    def fix(o):
        if isinstance(o, dict):
            return {k: (resolve_ref(v) if k == "$ref" else fix(v)) for k, v in o.items()}
        if isinstance(o, list):
            return [fix(v) for v in o]
        return o
    return fix(s)


def missing_descriptions(name, schema):
    out = []
    if not str(schema.get("description", "")).strip():
        out.append(name)
    for pn, ps in schema.get("properties", {}).items():
        if not str(ps.get("description", "")).strip():
            out.append(f"{name}.{pn}")
    for v in schema.get("x-ms-enum", {}).get("values", []):
        if not str(v.get("description", "")).strip():
            out.append(f"{name} enum value {v.get('value')!r}")
    return out


def main(argv):
    ext = load_script("extract-event-types.py", "extract_event_types")
    path = ext.upstream_path(argv)
    if not os.path.exists(path):
        print(f"upstream file not found: {path} (pass its path as the argument)", file=sys.stderr)
        return 2
    upstream = ext.load_upstream(path)
    up_defs = upstream["definitions"]
    findings = []

    files = sorted(glob.glob(os.path.join(SPEC_DIR, "*.yaml")))
    if not files:
        print(f"no YAML files in {SPEC_DIR}", file=sys.stderr)
        return 2
    ours, texts = {}, {}
    for f in files:
        fname = os.path.basename(f)
        with open(f, encoding="utf-8") as fh:
            texts[fname] = fh.read()
        try:
            ours[fname] = yaml.load(texts[fname], Loader=StrictLoader)
        except yaml.YAMLError as e:
            findings.append(f"yaml: {fname}: {e}")
    # 4. shape, and where each definition lives
    home = {}
    for fname, doc in ours.items():
        if not isinstance(doc, dict):
            findings.append(f"shape: {fname} is not a mapping")
            continue
        if doc.get("swagger") != "2.0":
            findings.append(f"shape: {fname}: swagger is {doc.get('swagger')!r}, want '2.0'")
        if (doc.get("info") or {}).get("version") != "2024-01-01":
            findings.append(f"shape: {fname}: info.version is not '2024-01-01'")
        if doc.get("paths") != {}:
            findings.append(f"shape: {fname}: paths is not {{}}")
        for name, schema in (doc.get("definitions") or {}).items():
            if name in home:
                findings.append(f"shape: {name} is defined in {home[name]} and {fname}")
            home[name] = fname
            findings += [f"shape: {fname}: no description for {m}"
                         for m in missing_descriptions(name, schema)]

    # 1. prose
    extra = []
    source_md = os.path.join(SPEC_DIR, "SOURCE.md")
    if os.path.exists(source_md):
        with open(source_md, encoding="utf-8") as fh:
            for i, line in enumerate(fh, 1):
                extra.append((f"SOURCE.md:{i}", line))
    for fname, text in texts.items():
        for i, line in enumerate(text.splitlines(), 1):
            if line.lstrip().startswith("#"):
                extra.append((f"{fname}:{i}", line))
    checked = check_prose(upstream, ours, extra, findings)

    # 2. event types
    mapping, _, problems = ext.extract(upstream)
    findings += [f"event types: upstream: {p}" for p in problems]
    pairs = set()
    for fname, doc in ours.items():
        for name, schema in ((doc or {}).get("definitions") or {}).items():
            if "x-eventgrid-event-type" in schema:
                pairs.add((name, schema["x-eventgrid-event-type"]))
    want = set(mapping.items())
    for p in sorted(want - pairs):
        findings.append(f"event types: missing {p[0]} -> {p[1]}")
    for p in sorted(pairs - want):
        findings.append(f"event types: not upstream {p[0]} -> {p[1]}")

    # 3. facts
    for name in sorted(set(up_defs) - set(home)):
        findings.append(f"facts: upstream definition {name} is missing")
    for name in sorted(set(home) - set(up_defs)):
        findings.append(f"facts: definition {name} is not upstream")
    for name in sorted(set(up_defs) & set(home)):
        fname = home[name]

        def resolve(ref, fname=fname, name=name):
            file_part, _, frag = str(ref).partition("#")
            target_file = fname if file_part == "" else os.path.normpath(file_part)
            m = re.fullmatch(r"/definitions/([^/]+)", frag)
            if not m:
                findings.append(f"facts: {name}: bad $ref {ref!r}")
                return ref
            target = m.group(1)
            if home.get(target) != target_file:
                findings.append(f"facts: {name}: $ref {ref!r} does not resolve "
                                f"({target} lives in {home.get(target)})")
            return f"#/definitions/{target}"
        mine = strip_ours(ours[fname]["definitions"][name], resolve)
        theirs = strip_upstream(up_defs[name])
        if mine != theirs:
            keys = sorted(set(mine) | set(theirs))
            diff = [k for k in keys if mine.get(k) != theirs.get(k)]
            findings.append(f"facts: {name} differs from upstream in {diff}")
            continue
        if list(mine.get("properties", {})) != list(theirs.get("properties", {})):
            findings.append(f"facts: {name}: property order differs from upstream")
        if mine.get("required") != theirs.get("required"):
            findings.append(f"facts: {name}: required order differs from upstream")

    # 5. freshness
    author = os.path.join(HERE, "author-system-events-spec.py")
    if os.path.exists(author):
        gen = load_script("author-system-events-spec.py", "author_system_events_spec")
        want_texts, _, _, _ = gen.build(upstream)
        for fname in sorted(set(want_texts) | set(texts)):
            if want_texts.get(fname) != texts.get(fname):
                findings.append(f"freshness: {fname} differs from what "
                                f"author-system-events-spec.py writes")

    for f in findings:
        print(f)
    print(f"{len(files)} files, {len(home)} definitions, {len(pairs)} event types, "
          f"{checked} prose strings checked: "
          f"{'FAILED, ' + str(len(findings)) + ' findings' if findings else 'ok'}",
          file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

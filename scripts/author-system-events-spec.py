#!/usr/bin/env python3
"""Write Spec/SystemEvents/<Provider>.yaml from the facts of the upstream SystemEvents.json.

Facts (names, types, formats, required, enums, allOf, discriminators, dictionaries, items,
x-ms-client-name, readOnly, x-nullable) are copied from upstream. Upstream descriptions are
never copied: every description written here comes from a template below, filled in from
names and types only. The event type of each event-data model comes from
scripts/extract-event-types.py and is written as `x-eventgrid-event-type`.
`x-ms-identifiers` is dropped.

Usage: author-system-events-spec.py [path/to/SystemEvents.json] [--out Spec/SystemEvents]
The output is deterministic: running it twice gives identical bytes.
"""
import importlib.util
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def _load_extractor():
    spec = importlib.util.spec_from_file_location("extract_event_types",
                                                  os.path.join(HERE, "extract-event-types.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


ext = _load_extractor()

API_VERSION = "2024-01-01"
COMMON = "Common"

# Definitions without an event type go to a provider by name prefix (longest prefix wins).
# Names matching no prefix go to the one provider whose models use them, else to Common.yaml.
NAME_PREFIXES = [
    ("Acs", "Communication"), ("Communication", "Communication"),
    ("MicrosoftTeams", "Communication"), ("PhoneNumber", "Communication"),
    ("recording", "Communication"),
    ("ApiCenter", "ApiCenter"), ("ApiManagement", "ApiManagement"),
    ("AppConfiguration", "AppConfiguration"), ("Avs", "AVS"),
    ("ContainerRegistry", "ContainerRegistry"), ("ContainerService", "ContainerService"),
    ("DataBox", "DataBox"), ("Device", "Devices"), ("IotHub", "Devices"),
    ("EventGrid", "EventGrid"), ("Subscription", "EventGrid"), ("EventHub", "EventHub"),
    ("Healthcare", "HealthcareApis"), ("KeyVault", "KeyVault"),
    ("MachineLearningServices", "MachineLearningServices"), ("Maps", "Maps"),
    ("Media", "Media"), ("PolicyInsights", "PolicyInsights"), ("Redis", "Cache"),
    ("ResourceNotifications", "ResourceNotifications"), ("Resource", "Resources"),
    ("ServiceBus", "ServiceBus"), ("SignalRService", "SignalRService"),
    ("Storage", "Storage"), ("Web", "Web"),
]

# Our own words for a few models whose role a name template cannot say.
OWN_WORDS = {
    "SubscriptionValidationResponse":
        "Reply a webhook sends to finish the subscription validation handshake.",
    "MediaJobOutputAsset": "Job output written to a media asset.",
    "MediaJobOutput": "One output of a media job; `@odata.type` picks the concrete kind.",
}

KEY_ORDER = ["$ref", "type", "format", "description", "x-eventgrid-event-type", "required",
             "properties", "items", "additionalProperties", "allOf", "discriminator",
             "x-ms-discriminator-value", "enum", "x-ms-enum", "x-ms-client-name", "readOnly",
             "x-nullable"]
ENUM_KEY_ORDER = ["name", "modelAsString", "values"]
ENUM_VALUE_KEY_ORDER = ["name", "value", "description"]
DROPPED = {"x-ms-identifiers"}

# ---------------------------------------------------------------- words from names

ACRONYMS = {"id": "ID", "url": "URL", "uri": "URI", "ip": "IP", "api": "API", "sku": "SKU",
            "sms": "SMS", "etag": "ETag", "http": "HTTP", "mqtt": "MQTT", "utc": "UTC",
            "rdb": "RDB", "dicom": "DICOM", "fhir": "FHIR", "json": "JSON", "tls": "TLS",
            "acs": "ACS", "avs": "AVS", "ttl": "TTL", "sip": "SIP", "odata": "OData"}
WHOLE_NAMES = {"eTag": "ETag", "etag": "ETag"}


def words(name):
    """`contentLength` -> 'content length'; `$metadata` -> 'metadata'."""
    if name in WHOLE_NAMES:
        return WHOLE_NAMES[name]
    bare = re.sub(r"[^A-Za-z0-9]+", " ", name)
    parts = re.findall(r"[Xx]509|[A-Z]+(?=[A-Z][a-z]|\d|\b)|[A-Z]?[a-z]+|[A-Z]+|\d+", bare)
    out = []
    for p in parts:
        low = p.lower()
        if low in ACRONYMS:
            out.append(ACRONYMS[low])
        elif p.isupper() and len(p) > 1:
            out.append(p)
        else:
            out.append(low)
    return " ".join(out) if out else name


def type_phrase(schema):
    t, f = schema.get("type"), schema.get("format")
    if f == "date-time":
        return "RFC 3339 timestamp"
    if f == "uri":
        return "URI string"
    if t == "integer":
        return {"int64": "64-bit integer", "int32": "32-bit integer"}.get(f, "integer")
    if t == "number":
        return {"float": "float", "double": "double"}.get(f, "number")
    if t == "boolean":
        return "boolean"
    if t == "string":
        return "string"
    return t or "any JSON"


def ref_name(ref):
    return ref.rsplit("/", 1)[-1]


def property_description(prop_name, schema, defs, discriminator=None):
    w = words(prop_name)
    if prop_name == discriminator:
        return f"Discriminator naming the concrete kind ({type_phrase(schema)})."
    if "$ref" in schema:
        target = ref_name(schema["$ref"])
        kind = "known values in" if "enum" in defs.get(target, {}) else "shape"
        if kind == "shape":
            return f"The {w}, shaped as `{target}`."
        return f"The {w}, one of the {kind} `{target}`."
    t = schema.get("type")
    if t == "array":
        items = schema.get("items", {})
        if "$ref" in items:
            return f"List of {w}, each of type `{ref_name(items['$ref'])}`."
        return f"List of {w}, each of type {type_phrase(items)}."
    if t == "object" and "additionalProperties" in schema:
        ap = schema["additionalProperties"]
        if ap == {}:
            return f"The {w}, a map from names to any JSON values."
        if "$ref" in ap:
            return f"The {w}, a map from names to `{ref_name(ap['$ref'])}` values."
        return f"The {w}, a map from names to {type_phrase(ap)} values."
    if t is None:
        return f"The {w}, which may be any JSON value."
    if t == "boolean":
        return f"The {w} flag (boolean)."
    return f"The {w} ({type_phrase(schema)})."


def definition_description(name, schema, event_type, derived_events, referrers):
    if name in OWN_WORDS:
        return OWN_WORDS[name]
    if event_type:
        return f"Data of the `{event_type}` event."
    if "enum" in schema:
        return f"Known values for the {words(name)} (extensible string enum)."
    if derived_events:
        providers = sorted({e.split(".")[1] for e in derived_events})
        prov = ", ".join(f"`Microsoft.{p}`" for p in providers)
        if len(derived_events) == 1:
            return f"Fields that the `{next(iter(derived_events))}` event data builds on."
        return f"Fields shared by the data of {len(derived_events)} {prov} events."
    if len(referrers) == 1:
        return f"The {words(name)}, nested in `{referrers[0]}`."
    if referrers:
        return f"The {words(name)}, nested in {len(referrers)} models."
    return f"Model for the {words(name)}."


def enum_value_description(value):
    return f"Wire value `{value}`."

# ---------------------------------------------------------------- analysis


def refs_in(obj):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "$ref" and isinstance(v, str):
                yield ref_name(v)
            else:
                yield from refs_in(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from refs_in(v)


def analyse(doc):
    defs = doc["definitions"]
    mapping, _, problems = ext.extract(doc)
    if problems:
        raise SystemExit("event type extraction problems: " + "; ".join(problems))
    referrers = {n: set() for n in defs}
    children = {n: set() for n in defs}  # allOf children
    for n, s in defs.items():
        for r in refs_in(s):
            if r != n:
                referrers[r].add(n)
        for a in s.get("allOf", []):
            children[ref_name(a["$ref"])].add(n)

    def derived_events(n, seen=None):
        seen = seen or set()
        out = set()
        for c in children[n]:
            if c in seen:
                continue
            seen.add(c)
            if c in mapping:
                out.add(mapping[c])
            out |= derived_events(c, seen)
        return out

    def using_providers(n):
        """Providers of the event-data models that reach n through $ref (transitively)."""
        seen, stack, provs = {n}, [n], set()
        while stack:
            cur = stack.pop()
            for r in referrers[cur]:
                if r in mapping:
                    provs.add(mapping[r].split(".")[1])
                if r not in seen:
                    seen.add(r)
                    stack.append(r)
        return provs

    provider, why = {}, {}
    for n in defs:
        if n in mapping:
            provider[n], why[n] = mapping[n].split(".")[1], "event type"
            continue
        best = max((p for p in NAME_PREFIXES if n.startswith(p[0])), key=lambda p: len(p[0]),
                   default=None)
        provs = using_providers(n)
        if best:
            provider[n], why[n] = best[1], "name prefix"
        elif len(provs) == 1:
            provider[n], why[n] = next(iter(provs)), "used only by this provider"
        else:
            provider[n], why[n] = COMMON, "shared"
        if provs and provider[n] not in provs and provider[n] != COMMON:
            print(f"note: {n} placed in {provider[n]} but used by {sorted(provs)}",
                  file=sys.stderr)
    return defs, mapping, provider, why, referrers, derived_events

# ---------------------------------------------------------------- YAML emitter

_PLAIN = re.compile(r"^[A-Za-z$][A-Za-z0-9 _.,()/`$'-]*$")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


def scalar(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, (int, float)):
        return repr(v)
    s = str(v)
    if (_PLAIN.match(s) and s.lower() not in _RESERVED and not s.endswith(" ")
            and "  " not in s):
        return s
    return "'" + s.replace("'", "''") + "'"


def ordered_items(d, order):
    rank = {k: i for i, k in enumerate(order)}
    return sorted(d.items(), key=lambda kv: rank.get(kv[0], len(order)))


def emit(obj, indent, lines, order=KEY_ORDER):
    pad = "  " * indent
    for k, v in ordered_items(obj, order) if order else obj.items():
        key = scalar(k)
        if isinstance(v, dict):
            if not v:
                lines.append(f"{pad}{key}: {{}}")
                continue
            lines.append(f"{pad}{key}:")
            # property maps keep their upstream order; schema objects use KEY_ORDER
            sub = None if k == "properties" or k == "definitions" else (
                ENUM_KEY_ORDER if k == "x-ms-enum" else KEY_ORDER)
            emit(v, indent + 1, lines, sub)
        elif isinstance(v, list):
            if not v:
                lines.append(f"{pad}{key}: []")
                continue
            lines.append(f"{pad}{key}:")
            for item in v:
                if isinstance(item, dict):
                    sub_order = ENUM_VALUE_KEY_ORDER if k == "values" else KEY_ORDER
                    sub = []
                    emit(item, indent + 2, sub, sub_order)
                    first = sub[0].lstrip()
                    sub[0] = f"{pad}  - {first}"
                    lines.extend(sub)
                else:
                    lines.append(f"{pad}  - {scalar(item)}")
        else:
            lines.append(f"{pad}{key}: {scalar(v)}")

# ---------------------------------------------------------------- building documents


def rewrite_refs(obj, here, provider):
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if k == "$ref":
                target = ref_name(v)
                where = provider[target]
                out[k] = (f"#/definitions/{target}" if where == here
                          else f"./{where}.yaml#/definitions/{target}")
            else:
                out[k] = rewrite_refs(v, here, provider)
        return out
    if isinstance(obj, list):
        return [rewrite_refs(v, here, provider) for v in obj]
    return obj


def own_schema(name, s, defs, mapping, referrers, derived_events):
    out = {}
    for k, v in s.items():
        if k in DROPPED or k == "description":
            continue
        if k == "properties":
            props = {}
            for pn, ps in v.items():
                p = {pk: pv for pk, pv in ps.items() if pk not in DROPPED and pk != "description"}
                p["description"] = property_description(pn, ps, defs, s.get("discriminator"))
                props[pn] = p
            out[k] = props
        elif k == "x-ms-enum":
            xe = {ek: ev for ek, ev in v.items() if ek != "values"}
            if "values" in v:
                xe["values"] = []
                for val in v["values"]:
                    nv = {vk: vv for vk, vv in val.items() if vk != "description"}
                    nv["description"] = enum_value_description(val.get("value"))
                    xe["values"].append(nv)
            out[k] = xe
        else:
            out[k] = v
    out["description"] = definition_description(
        name, s, mapping.get(name), derived_events(name), sorted(referrers[name]))
    if name in mapping:
        out["x-eventgrid-event-type"] = mapping[name]
    return out


def build(doc):
    defs, mapping, provider, why, referrers, derived_events = analyse(doc)
    files = {}
    for name, s in defs.items():  # upstream order
        files.setdefault(provider[name], {})[name] = own_schema(
            name, s, defs, mapping, referrers, derived_events)
    texts = {}
    for prov in sorted(files):
        title = ("Azure Event Grid system events: models shared by several providers"
                 if prov == COMMON else f"Azure Event Grid system events: Microsoft.{prov}")
        body = {n: rewrite_refs(s, prov, provider) for n, s in files[prov].items()}
        lines = ["# Written by scripts/author-system-events-spec.py from the facts of upstream",
                 "# SystemEvents.json (see SOURCE.md); descriptions are this project's own words.",
                 "swagger: '2.0'", "info:", f"  title: {scalar(title)}",
                 f"  version: {scalar(API_VERSION)}", "paths: {}", "definitions:"]
        emit(body, 1, lines, None)
        texts[f"{prov}.yaml"] = "\n".join(lines) + "\n"
    return texts, provider, why, mapping


def main(argv):
    out_dir = os.path.join(ROOT, "Spec", "SystemEvents")
    args = list(argv)
    if "--out" in args:
        i = args.index("--out")
        out_dir = args[i + 1]
        del args[i:i + 2]
    path = ext.upstream_path(args)
    texts, provider, why, mapping = build(ext.load_upstream(path))
    os.makedirs(out_dir, exist_ok=True)
    for old in os.listdir(out_dir):
        if old.endswith(".yaml") and old not in texts:
            os.remove(os.path.join(out_dir, old))
    for fname, text in texts.items():
        with open(os.path.join(out_dir, fname), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    counts = {}
    for n, p in provider.items():
        counts[p] = counts.get(p, 0) + 1
    for p in sorted(counts):
        print(f"{p}.yaml\t{counts[p]} definition{'s' if counts[p] != 1 else ''}")
    print(f"{len(provider)} definitions, {len(mapping)} with an event type")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Writes reference vectors from the Python SDK (azure-eventgrid) for the Swift SDK's tests.

    python3 scripts/python-reference.py --out Tests/AzureEventGridTests/Fixtures

Writes two files into --out:
  python-sas-vectors.json  tokens from azure.eventgrid.generate_sas
  python-requests.json     the publish requests EventGridPublisherClient builds

Runs offline: publishing goes through a transport that records the request and answers 200, so
nothing leaves the machine. Every id and time is fixed, so running it twice gives identical files.
Needs `pip install azure-eventgrid` (made with 4.22.1, azure-core 1.41.0).
"""

import argparse
import base64
import datetime as dt
import hashlib
import json
import os
import sys
from urllib.parse import quote

import azure.core
import azure.eventgrid
from azure.core.credentials import AzureKeyCredential, AzureSasCredential
from azure.core.messaging import CloudEvent
from azure.eventgrid import EventGridEvent, generate_sas

# The public azure.eventgrid.EventGridPublisherClient (4.22.x) builds this legacy client for
# basic topics and domains (no namespace_topic) but does not pass it **kwargs, so `transport=`
# would be dropped and the request would go to the network. We build the same client directly.
from azure.eventgrid._legacy import EventGridPublisherClient as BasicTierPublisherClient
from azure.eventgrid._legacy._constants import DEFAULT_API_VERSION, SAFE_ENCODE

from eventgrid_python_support import InstantTransport

RECORDED_HEADERS = ("content-type", "aeg-sas-key", "aeg-sas-token", "aeg-channel-name", "authorization")


# MARK: - helpers


def parse_time(text):
    """ISO 8601 with Z or an offset -> an aware datetime."""
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def format_utc(value):
    """An aware datetime -> ISO 8601 in UTC with Z; fractional digits only when nonzero."""
    value = value.astimezone(dt.timezone.utc)
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += ".%06d" % value.microsecond
    return text + "Z"


def key_from_seed(seed, length):
    """A deterministic base64 key of `length` bytes."""
    raw = b""
    counter = 0
    while len(raw) < length:
        raw += hashlib.sha256(("%s-%d" % (seed, counter)).encode()).digest()
        counter += 1
    return base64.b64encode(raw[:length]).decode()


def write_json(path, value):
    text = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    print("wrote %s" % path)


# MARK: - SAS vectors

SAS_NOTES = [
    "Produced by azure.eventgrid.generate_sas(endpoint, shared_access_key, expiration_date_utc, "
    "api_version=...) from azure-eventgrid %s (source: azure/eventgrid/_legacy/_helpers.py)."
    % azure.eventgrid.__version__,
    "Algorithm: resource = endpoint + '?apiVersion=' + apiVersion, where endpoint is used VERBATIM: "
    "no scheme is added or checked, '/api/events' is NOT appended, an existing query is kept (giving a "
    "second '?'), case is kept. apiVersion defaults to '2018-01-01' (apiVersion null in a vector).",
    "The query key in the resource is 'apiVersion' (camel case), not the 'api-version' the publish URL uses.",
    "expiry = str(expiration_date_utc). For the timezone-aware UTC datetimes used here that is "
    "'YYYY-MM-DD HH:MM:SS+00:00', or 'YYYY-MM-DD HH:MM:SS.ffffff+00:00' (always 6 digits) when "
    "microseconds are nonzero: a space between date and time, 24-hour clock, no 'T', no 'Z'. "
    "(A naive datetime would give the same without '+00:00'; an aware non-UTC datetime is NOT converted "
    "to UTC, str() prints its own offset. Vectors use aware UTC only; expiresOn gives that instant in "
    "ISO 8601 with Z, and 'expiry' is the exact string Python signed.)",
    "enc(x) = urllib.parse.quote(x, safe=%r): UTF-8 bytes; A-Z a-z 0-9 and _ . - ~ ( ) * ! ' stay as they "
    "are; every other byte, including '/', ':', '?', '=', '&', '+', ' ' and '%%', becomes %%XX with "
    "UPPERCASE hex (space is %%20, never '+')." % SAFE_ENCODE,
    "unsigned = 'r=' + enc(resource) + '&e=' + enc(expiry).",
    "signature = standard base64 (with '+', '/', '=' padding) of HMAC-SHA256(key = base64decode(sharedAccessKey), "
    "message = ASCII bytes of unsigned). base64decode is Python's non-strict b64decode: characters outside the "
    "base64 alphabet are skipped ('a2V5!!' signs like 'a2V5'), wrong padding raises binascii.Error ('a2V').",
    "token = unsigned + '&s=' + enc(signature). So '+' -> %2B, '/' -> %2F, '=' -> %3D in s.",
    "'resource' and 'expiry' in each vector are the strings before encoding, for debugging; 'token' is "
    "the full output to match byte for byte.",
]

SAS_ENDPOINTS = {
    "topic": "https://mytopic.westus2-1.eventgrid.azure.net/api/events",
    "noPath": "https://mytopic.westus2-1.eventgrid.azure.net",
    "withQuery": "https://mytopic.westus2-1.eventgrid.azure.net/api/events?api-version=2018-01-01",
    "http": "http://127.0.0.1:8080/api/events",
    "mixedCase": "https://MyTopic.WestUS2-1.EventGrid.Azure.net/api/events",
    "noScheme": "mytopic.westus2-1.eventgrid.azure.net/api/events",
    "domain": "https://mydomain.eastus-1.eventgrid.azure.net/api/events",
    "oddChars": "https://host.example/a b/ü~()*!.'-_?x=1&y=%41+",
}

SAS_KEYS = {
    "short": "a2V5",  # b"key"
    "realistic32": key_from_seed("topic-key", 32),  # 44 characters, like a portal key
    "long64": key_from_seed("long-key", 64),
    "padded": base64.b64encode(bytes([0xFB, 0xFF, 0xBF, 0xFE, 0x3E])).decode(),  # '+', '/' and '='
    "oneByte": base64.b64encode(b"\x00").decode(),  # "AA=="
}


def sas_vectors():
    cases = [
        ("topic", "realistic32", "2026-01-01T00:05:00Z", None),
        ("topic", "realistic32", "2026-01-01T00:00:00Z", "2018-01-01"),
        ("topic", "realistic32", "2026-06-15T12:00:00Z", None),
        ("topic", "short", "2026-06-15T12:30:45Z", None),
        ("topic", "padded", "2026-12-31T23:59:59Z", None),
        ("topic", "long64", "2026-03-04T05:06:07.123456Z", None),
        ("topic", "oneByte", "2026-03-04T05:06:07.5Z", None),
        ("noPath", "realistic32", "2027-02-28T00:59:59Z", None),
        ("withQuery", "realistic32", "2026-07-04T13:14:15Z", None),
        ("http", "short", "2028-02-29T12:00:00.000001Z", None),
        ("mixedCase", "realistic32", "2026-01-01T09:09:09Z", None),
        ("noScheme", "realistic32", "2026-01-01T21:00:00Z", None),
        ("domain", "padded", "2026-05-05T05:05:05Z", "2024-06-01"),
        ("topic", "realistic32", "2026-05-05T05:05:05Z", "2099-12-31-preview"),
        ("oddChars", "long64", "2026-11-11T11:11:11.999999Z", None),
    ]
    vectors = []
    for endpoint_name, key_name, expires_on, api_version in cases:
        endpoint = SAS_ENDPOINTS[endpoint_name]
        key = SAS_KEYS[key_name]
        expiry = parse_time(expires_on).astimezone(dt.timezone.utc)
        if api_version is None:
            token = generate_sas(endpoint, key, expiry)
        else:
            token = generate_sas(endpoint, key, expiry, api_version=api_version)
        vectors.append(
            {
                "endpoint": endpoint,
                "key": key,
                "expiresOn": format_utc(expiry),
                "apiVersion": api_version,
                "token": token,
                "resource": "%s?apiVersion=%s" % (endpoint, api_version or DEFAULT_API_VERSION),
                "expiry": str(expiry),
            }
        )
    check_sas_description(vectors)
    return {
        "generator": "scripts/python-reference.py",
        "python": {"azure-eventgrid": azure.eventgrid.__version__, "azure-core": azure.core.__version__},
        "notes": SAS_NOTES,
        "vectors": vectors,
    }


def check_sas_description(vectors):
    """Rebuilds every token from the notes' description, so the notes cannot drift from Python."""
    import hmac

    for vector in vectors:
        enc = lambda text: quote(text, safe="~()*!.'")  # noqa: E731
        unsigned = "r=%s&e=%s" % (enc(vector["resource"]), enc(vector["expiry"]))
        digest = hmac.new(base64.b64decode(vector["key"]), unsigned.encode("ascii"), hashlib.sha256).digest()
        rebuilt = "%s&s=%s" % (unsigned, enc(base64.b64encode(digest).decode()))
        if rebuilt != vector["token"]:
            sys.exit("the SAS description does not match Python for %r" % vector)


# MARK: - publish requests


def make_eventgrid_event(neutral):
    kwargs = {"id": neutral["id"], "event_time": parse_time(neutral["eventTime"])}
    if "topic" in neutral:
        kwargs["topic"] = neutral["topic"]
    return EventGridEvent(
        subject=neutral["subject"],
        event_type=neutral["eventType"],
        data=neutral["data"],
        data_version=neutral["dataVersion"],
        **kwargs,
    )


def make_cloud_event(neutral):
    if "dataBase64" in neutral:
        data = base64.b64decode(neutral["dataBase64"])
    else:
        data = neutral.get("data")
    return CloudEvent(
        source=neutral["source"],
        type=neutral["type"],
        id=neutral["id"],
        # Without `time` Python stamps the current time; None leaves the attribute out.
        time=parse_time(neutral["time"]) if "time" in neutral else None,
        data=data,
        datacontenttype=neutral.get("datacontenttype"),
        dataschema=neutral.get("dataschema"),
        subject=neutral.get("subject"),
        extensions=neutral.get("extensions"),
    )


TOPIC = "https://mytopic.westus2-1.eventgrid.azure.net/api/events"
DOMAIN = "https://mydomain.westus2-1.eventgrid.azure.net/api/events"
CLOUD_TOPIC = "https://mycloudtopic.westus2-1.eventgrid.azure.net/api/events"
PARTNER = "https://mypartnertopic.westus2-1.eventgrid.azure.net/api/events"
CUSTOM_TOPIC = "https://mycustomtopic.westus2-1.eventgrid.azure.net/api/events"
KEY = key_from_seed("topic-key", 32)
SAS_TOKEN = generate_sas(TOPIC, KEY, dt.datetime(2030, 1, 1, 0, 0, 0, tzinfo=dt.timezone.utc))

REQUEST_CASES = [
    {
        "name": "eventgrid-single",
        "endpoint": TOPIC,
        "credential": {"kind": "key", "value": KEY},
        "schema": "eventgrid",
        "channelName": None,
        "events": [
            {
                "id": "7f3c3a5e-0b5e-4c1e-9d1a-000000000001",
                "subject": "/orders/1",
                "eventType": "Contoso.Orders.Created",
                "dataVersion": "1.0",
                "data": {"orderId": 1, "amount": 12.5, "currency": "EUR"},
                "eventTime": "2024-05-06T07:08:09Z",
            }
        ],
    },
    {
        "name": "eventgrid-batch-domain",
        "endpoint": DOMAIN,
        "credential": {"kind": "key", "value": KEY},
        "schema": "eventgrid",
        "channelName": None,
        "events": [
            {
                "id": "batch-1",
                "subject": "devices/thermostat-1",
                "eventType": "Contoso.Devices.Reading",
                "dataVersion": "2.0",
                "data": {
                    "device": {"id": "thermostat-1", "tags": ["kitchen", "floor-1"]},
                    "readings": [{"kind": "celsius", "value": 21}, {"kind": "humidity", "value": 40}],
                    "ok": True,
                    "note": None,
                },
                "eventTime": "2024-05-06T07:08:09.123456Z",
                "topic": "devices",
            },
            {
                "id": "batch-2",
                "subject": "devices/thermostat-2",
                "eventType": "Contoso.Devices.Reading",
                "dataVersion": "2.0",
                "data": {"device": {"id": "thermostat-2", "tags": []}, "text": "ünïcödé ✓ \"quoted\""},
                "eventTime": "2024-05-06T09:08:09.5+02:00",
                "topic": "devices",
            },
            {
                "id": "batch-3",
                "subject": "billing/invoice-9",
                "eventType": "Contoso.Billing.Issued",
                "dataVersion": "",
                "data": [1, "two", [3]],
                "eventTime": "2024-12-31T23:59:59.000001Z",
                "topic": "billing",
            },
        ],
    },
    {
        "name": "eventgrid-data-none",
        "endpoint": TOPIC,
        "credential": {"kind": "key", "value": KEY},
        "schema": "eventgrid",
        "channelName": None,
        "events": [
            {
                "id": "null-data-1",
                "subject": "/orders/4",
                "eventType": "Contoso.Orders.Deleted",
                "dataVersion": "1.0",
                "data": None,
                "eventTime": "2024-05-06T07:08:09Z",
            }
        ],
    },
    {
        "name": "cloudevent-json-extensions",
        "endpoint": CLOUD_TOPIC,
        "credential": {"kind": "key", "value": KEY},
        "schema": "cloudevents",
        "channelName": None,
        "events": [
            {
                "id": "ce-json-1",
                "source": "/contoso/orders",
                "type": "Contoso.Orders.Shipped",
                "time": "2024-05-06T07:08:09.123Z",
                "data": {"orderId": 2, "items": [{"sku": "A-1", "qty": 3}]},
                "datacontenttype": "application/json",
                "dataschema": "https://contoso.example/schemas/shipped.json",
                "subject": "orders/2",
                "extensions": {"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                               "priority": 5, "tenant": "contoso"},
            }
        ],
    },
    {
        "name": "cloudevent-binary-data",
        "endpoint": CLOUD_TOPIC,
        "credential": {"kind": "key", "value": KEY},
        "schema": "cloudevents",
        "channelName": None,
        "events": [
            {
                "id": "ce-bin-1",
                "source": "/contoso/sensors",
                "type": "Contoso.Sensors.Blob",
                "time": "2024-05-06T07:08:09Z",
                "dataBase64": base64.b64encode(bytes(range(0, 256, 7)) + b"\xfb\xff\xbf").decode(),
                "datacontenttype": "application/octet-stream",
            }
        ],
    },
    {
        "name": "cloudevent-string-data",
        "endpoint": CLOUD_TOPIC,
        "credential": {"kind": "key", "value": KEY},
        "schema": "cloudevents",
        "channelName": None,
        "events": [
            {
                "id": "ce-str-1",
                "source": "/contoso/notes",
                "type": "Contoso.Notes.Added",
                "time": "2024-05-06T07:08:09Z",
                "data": "plain text, \"quoted\", ü",
                "datacontenttype": "text/plain",
            }
        ],
    },
    {
        "name": "cloudevent-without-data-or-time",
        "endpoint": CLOUD_TOPIC,
        "credential": {"kind": "key", "value": KEY},
        "schema": "cloudevents",
        "channelName": None,
        "events": [{"id": "ce-empty-1", "source": "/contoso/pings", "type": "Contoso.Ping"}],
    },
    {
        "name": "cloudevent-channel-name",
        "endpoint": PARTNER,
        "credential": {"kind": "key", "value": KEY},
        "schema": "cloudevents",
        "channelName": "my-channel",
        "events": [
            {
                "id": "ce-partner-1",
                "source": "/contoso/partner",
                "type": "Contoso.Partner.Event",
                "time": "2024-05-06T07:08:09Z",
                "data": {"hello": "partner"},
            }
        ],
    },
    {
        "name": "custom-two-events",
        "endpoint": CUSTOM_TOPIC,
        "credential": {"kind": "key", "value": KEY},
        "schema": "custom",
        "channelName": None,
        "events": [
            {"myId": "c-1", "myType": "Contoso.Custom", "when": "2024-05-06T07:08:09Z", "payload": {"n": 1}},
            {"myId": "c-2", "myType": "Contoso.Custom", "nested": {"list": [True, False, None], "x": -3}},
        ],
    },
    {
        "name": "eventgrid-sas-credential",
        "endpoint": TOPIC,
        "credential": {"kind": "sas", "value": SAS_TOKEN},
        "schema": "eventgrid",
        "channelName": None,
        "events": [
            {
                "id": "sas-1",
                "subject": "/orders/3",
                "eventType": "Contoso.Orders.Created",
                "dataVersion": "1.0",
                "data": {"orderId": 3},
                "eventTime": "2024-05-06T07:08:09Z",
            }
        ],
    },
]


def capture_request(case):
    transport = InstantTransport(record=True)
    credential = case["credential"]
    if credential["kind"] == "key":
        cred = AzureKeyCredential(credential["value"])
    else:
        cred = AzureSasCredential(credential["value"])
    client = BasicTierPublisherClient(case["endpoint"], cred, transport=transport)
    schema = case["schema"]
    if schema == "eventgrid":
        events = [make_eventgrid_event(e) for e in case["events"]]
    elif schema == "cloudevents":
        events = [make_cloud_event(e) for e in case["events"]]
    else:
        events = [dict(e) for e in case["events"]]
    if case["channelName"] is not None:
        client.send(events, channel_name=case["channelName"])
    else:
        client.send(events)
    if len(transport.requests) != 1:
        sys.exit("case %s: expected one captured request, got %d" % (case["name"], len(transport.requests)))
    request = transport.requests[0]
    headers = {}
    for name, value in request.headers.items():
        if name.lower() in RECORDED_HEADERS:
            headers[name.lower()] = value
    return {
        "method": request.method,
        "url": request.url,
        "headers": dict(sorted(headers.items())),
        "body": json.loads(request.data),
    }, sorted(name.lower() for name in request.headers.keys())


def probe_endpoint(endpoint):
    """The URL Python posts to for `endpoint`, or the error it raises."""
    transport = InstantTransport(record=True)
    client = BasicTierPublisherClient(endpoint, AzureKeyCredential("a2V5"), transport=transport)
    try:
        client.send([{"a": 1}])
    except Exception as error:  # noqa: BLE001 - recorded as text
        return "%s: %s" % (type(error).__name__, error)
    return transport.requests[0].url


def requests_fixture():
    cases = []
    header_names = set()
    for case in REQUEST_CASES:
        request, names = capture_request(case)
        header_names.update(names)
        out = dict(case)
        out["request"] = request
        cases.append(out)
    probes = [
        "https://mytopic.westus2-1.eventgrid.azure.net",
        "https://mytopic.westus2-1.eventgrid.azure.net/",
        "http://127.0.0.1:8080/api/events",
        "https://mytopic.westus2-1.eventgrid.azure.net/api/events?x=1",
        "mytopic.westus2-1.eventgrid.azure.net/api/events",
    ]
    probe_lines = ["%r -> %s" % (endpoint, probe_endpoint(endpoint)) for endpoint in probes]
    unrecorded = sorted(header_names - set(RECORDED_HEADERS))
    notes = [
        "Captured from azure-eventgrid %s (azure-core %s): the basic-tier client that the public "
        "azure.eventgrid.EventGridPublisherClient builds when no namespace_topic is given (constructed "
        "directly because the public wrapper drops the transport= keyword), sending through an in-process "
        "transport that answers 200. No network." % (azure.eventgrid.__version__, azure.core.__version__),
        "URL: the endpoint is used verbatim plus the query api-version=2018-01-01 (the default). Python "
        "does NOT append /api/events, does NOT force https (http is accepted) and needs a scheme. An existing "
        "query is kept, with api-version inserted FIRST. Observed: " + "; ".join(probe_lines) + ".",
        "Method POST. Body: json.dumps of a JSON array (separators ', ' and ': ', ensure_ascii so non-ASCII "
        "is \\uXXXX-escaped); compare bodies as parsed JSON, not bytes. Content-Length is set from it.",
        "content-type per schema: eventgrid -> 'application/json; charset=utf-8'; cloudevents -> "
        "'application/cloudevents-batch+json; charset=utf-8'; custom -> 'application/json; charset=utf-8'.",
        "Credentials: key -> header aeg-sas-key: <key>; sas -> header aeg-sas-token: <token> (not "
        "Authorization). aeg-channel-name only when a channel name is given (CloudEvents to a partner topic).",
        "Headers Python sends that the fixture does not record (values vary per run or machine): "
        + ", ".join(name for name in unrecorded) + ". Its User-Agent is "
        "'azsdk-python-eventgrid/<legacy version> Python/<ver> (<platform>)'.",
        "EventGridEvent body keys, in Python's order: id, topic (only when given), subject, data, eventType, "
        "eventTime, dataVersion. metadataVersion is never sent (read-only). dataVersion '' is sent as ''. "
        "data is sent as given (object, array, null inside objects). SURPRISE: an EventGridEvent whose data is "
        "None is sent WITHOUT a data key (see case eventgrid-data-none), although the spec marks data required; "
        "a plain dict in EventGridEvent shape with \"data\": null is sent as given, with null.",
        "Times (EventGridEvent eventTime and CloudEvent time): converted to UTC and written "
        "'YYYY-MM-DDTHH:MM:SS.fffZ' with at least 3 fractional digits: trailing zeros of the 6-digit "
        "microseconds are stripped, then padded back to 3. So 09Z -> '09.000Z', .5 -> '.500Z', .123456 -> "
        "'.123456Z', .000001 -> '.000001Z'; an input offset (+02:00) is converted to Z.",
        "CloudEvent body: each extension as a top-level attribute FIRST, then id, source, data or data_base64, "
        "type, time, specversion '1.0', dataschema, datacontenttype, subject (key order is irrelevant to JSON "
        "equality; recorded for byte-level comparisons). Absent optional "
        "attributes are left out, never null. bytes data -> data_base64 (standard base64 with padding) and no "
        "data key. str data -> a JSON string in data. data=None -> neither data nor data_base64. Extension "
        "values keep their JSON type (priority 5 stays a number).",
        "CloudEvent time: Python stamps the current time when time is not passed at all; the fixture passes "
        "time=None when the neutral input has no time, which leaves time out. id is always given here (Python "
        "would make a uuid4).",
        "Custom events are sent exactly as given (dicts in order), with the eventgrid content type.",
        "Neutral inputs: EventGridEvent {id, subject, eventType, dataVersion, data, eventTime, topic?}; "
        "CloudEvent {id, source, type, time?, data? | dataBase64?, datacontenttype?, dataschema?, subject?, "
        "extensions?}; custom: the raw objects. request.headers keys are lowercased and limited to "
        + ", ".join(RECORDED_HEADERS) + ".",
        "The SAS case's token is generate_sas(%r, <the key of the other cases>, 2030-01-01 00:00:00+00:00)." % TOPIC,
    ]
    return {
        "generator": "scripts/python-reference.py",
        "python": {"azure-eventgrid": azure.eventgrid.__version__, "azure-core": azure.core.__version__},
        "notes": notes,
        "cases": cases,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out",
        default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "AzureEventGridTests", "Fixtures"),
        help="directory to write the fixtures into (default: Tests/AzureEventGridTests/Fixtures)",
    )
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    write_json(os.path.join(args.out, "python-sas-vectors.json"), sas_vectors())
    write_json(os.path.join(args.out, "python-requests.json"), requests_fixture())


if __name__ == "__main__":
    main()

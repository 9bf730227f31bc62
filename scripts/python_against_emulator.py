#!/usr/bin/env python3
"""Publishes with the Python SDK azure-eventgrid to a running local emulator and checks it.

Usage: python_against_emulator.py BASE_URL KEY RESULT_JSON

BASE_URL is the emulator's http://127.0.0.1:P, serving topics egtopic (eventgrid), cetopic
(cloudevents), custom (custom) and shopdomain (an eventgrid domain), all with KEY. Publishes Event Grid events,
CloudEvents and custom events with the key and with SAS tokens from generate_sas, checks they
are visible at GET /_emulator/topics/<name>/events, and checks that what the service rejects is
rejected the same way (status, error code, message). Writes the rejections it saw to
RESULT_JSON so the caller can compare them with the Swift SDK's. Exits 1 on any mismatch.
"""
import datetime as dt
import json
import sys
import urllib.request
import uuid

from azure.core.credentials import AzureKeyCredential, AzureSasCredential
from azure.core.exceptions import HttpResponseError
from azure.core.messaging import CloudEvent
from azure.eventgrid import EventGridEvent, EventGridPublisherClient, generate_sas

failures = []


def check(condition, what):
    print(("ok:   " if condition else "FAIL: ") + what)
    if not condition:
        failures.append(what)


def endpoint(base, topic):
    return "%s/topics/%s/api/events" % (base, topic)


def accepted(base, topic):
    with urllib.request.urlopen("%s/_emulator/topics/%s/events" % (base, topic), timeout=10) as response:
        return json.loads(response.read())


def rejection(send):
    """Runs send(); returns (status, code, message) of the HttpResponseError it raises."""
    try:
        send()
    except HttpResponseError as error:
        # For a 404 the SDK raises a new ResourceNotFoundError (no response) from the original.
        while error.response is None and isinstance(error.__cause__, HttpResponseError):
            error = error.__cause__
        body = json.loads(error.response.text() or "{}") if error.response is not None else {}
        inner = body.get("error", {})
        return error.status_code, inner.get("code"), inner.get("message", "")
    return None, None, None


def first_sentence(message):
    return (message or "").split(" Report '")[0]


def main():
    base, key, result_path = sys.argv[1], sys.argv[2], sys.argv[3]
    in_an_hour = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)

    # Event Grid schema: key, then SAS.
    eg = EventGridPublisherClient(endpoint(base, "egtopic"), AzureKeyCredential(key))
    eg_events = [EventGridEvent("/orders/%d" % n, {"n": n}, "Shop.OrderPlaced", "1.0") for n in range(2)]
    eg.send(eg_events)
    sas = generate_sas(endpoint(base, "egtopic"), key, in_an_hour)
    eg_sas_event = EventGridEvent("/orders/sas", {"via": "sas"}, "Shop.OrderPlaced", "1.0")
    EventGridPublisherClient(endpoint(base, "egtopic"), AzureSasCredential(sas)).send(eg_sas_event)
    ids = [e["id"] for e in accepted(base, "egtopic")]
    want = [str(e.id) for e in eg_events] + [str(eg_sas_event.id)]
    check(ids == want, "EventGridEvents with key and SAS accepted in order" + ("" if ids == want else " (%s vs %s)" % (ids, want)))

    # CloudEvents: JSON data, binary data, channel name, SAS.
    ce = EventGridPublisherClient(endpoint(base, "cetopic"), AzureKeyCredential(key))
    json_event = CloudEvent(source="/shop", type="Shop.Paid", data={"amount": 5})
    binary_event = CloudEvent(source="/shop", type="Shop.Blob", data=b"\x00\x01\xff", datacontenttype="application/octet-stream")
    ce.send([json_event, binary_event], channel_name="partner-channel")
    ce_sas = generate_sas(endpoint(base, "cetopic"), key, in_an_hour)
    sas_cloud = CloudEvent(source="/shop", type="Shop.Sas", data="text")
    EventGridPublisherClient(endpoint(base, "cetopic"), AzureSasCredential(ce_sas)).send(sas_cloud)
    got = accepted(base, "cetopic")
    check([e["id"] for e in got] == [json_event.id, binary_event.id, sas_cloud.id], "CloudEvents (JSON, binary, SAS) accepted in order")
    check(got[1].get("data_base64") == "AAH/", "binary CloudEvent arrives as data_base64")
    with urllib.request.urlopen("%s/_emulator/topics/cetopic/accepted" % base, timeout=10) as response:
        records = json.loads(response.read())
    check([r.get("channelName") for r in records] == ["partner-channel", "partner-channel", None], "aeg-channel-name recorded")
    check(records[0].get("contentType", "").startswith("application/cloudevents-batch+json"), "CloudEvents sent as cloudevents-batch+json")
    check([r["authMethod"] for r in records] == ["key", "key", "sas"], "auth methods recorded (key, key, sas)")

    # Custom schema.
    custom = EventGridPublisherClient(endpoint(base, "custom"), AzureKeyCredential(key))
    custom_events = [{"orderId": str(uuid.uuid4()), "total": 12.5}, {"orderId": str(uuid.uuid4()), "nested": {"a": [1, 2]}}]
    custom.send(custom_events)
    check(accepted(base, "custom") == custom_events, "custom events accepted as sent")

    # Domain: the event names its domain topic.
    domain = EventGridPublisherClient(endpoint(base, "shopdomain"), AzureKeyCredential(key))
    domain_event = EventGridEvent("/d/1", {"n": 1}, "Shop.Domain", "1.0", topic="tenant-a")
    domain.send(domain_event)
    check([e.get("topic") for e in accepted(base, "shopdomain")] == ["tenant-a"], "domain event accepted with its domain topic")

    # Rejections, as the service would.
    results = {}
    wrong = EventGridPublisherClient(endpoint(base, "egtopic"), AzureKeyCredential("d3Jvbmcta2V5"))
    results["wrong_key"] = rejection(lambda: wrong.send(EventGridEvent("/x", {}, "T", "1.0")))
    status, code, message = results["wrong_key"]
    check(status == 401 and code == "Unauthorized", "wrong key -> 401 Unauthorized (got %s %s)" % (status, code))
    check(message.startswith("The request authorization key is not authorized for"), "401 message as the service's")

    expired = generate_sas(endpoint(base, "egtopic"), key, dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1))
    old = EventGridPublisherClient(endpoint(base, "egtopic"), AzureSasCredential(expired))
    results["expired_sas"] = rejection(lambda: old.send(EventGridEvent("/x", {}, "T", "1.0")))
    check(results["expired_sas"][0] == 401, "expired SAS -> 401 (got %s)" % results["expired_sas"][0])

    missing_subject = {"id": "no-subject", "eventType": "T", "eventTime": "2026-01-01T00:00:00Z", "dataVersion": "1.0", "data": {}}
    results["missing_subject"] = rejection(lambda: eg.send([missing_subject]))
    status, code, message = results["missing_subject"]
    check(status == 400 and code == "BadRequest", "event without subject -> 400 BadRequest (got %s %s)" % (status, code))
    check(first_sentence(message) == "Required property 'subject' was not set.", "400 names the missing property: %r" % first_sentence(message))

    nowhere = EventGridPublisherClient(endpoint(base, "nosuchtopic"), AzureKeyCredential(key))
    results["unknown_topic"] = rejection(lambda: nowhere.send(EventGridEvent("/x", {}, "T", "1.0")))
    check(results["unknown_topic"][:2] == (404, "NotFound"), "unknown topic -> 404 NotFound (got %s)" % (results["unknown_topic"][:2],))

    check(len(accepted(base, "egtopic")) == 3, "rejected requests recorded nothing")

    with open(result_path, "w") as out:
        json.dump({name: {"status": r[0], "code": r[1], "message": first_sentence(r[2])} for name, r in results.items()}, out, indent=2)

    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("python SDK against the emulator: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The Python side of `make bench`: the same workloads with azure-eventgrid, on the same inputs.

A peer of the Swift benchmark (Sources/EventGridBenchmarks), which starts it and asks it for each
workload right after measuring its own, so both sides of a workload are measured minutes apart at
most: for each line "<workload> <runs>" read from stdin (publish-http: "<workload> <runs> <url>",
the loopback server the Swift side runs for it) it runs that workload once untimed (a warm-up),
then <runs> times, and writes one line: the median operations per second. Inputs are the files
the Swift side wrote.
"""
import argparse
import datetime as dt
import json
import statistics
import sys
import time

from azure.core.credentials import AzureKeyCredential
from azure.core.messaging import CloudEvent
from azure.eventgrid import EventGridEvent, generate_sas
from azure.eventgrid._legacy import EventGridPublisherClient as BasicTierPublisherClient

from eventgrid_python_support import InstantTransport


def parse_time(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def median_rate(count, runs, body):
    """Runs body once untimed (warm-up), then runs times; the median rate (as the Swift side)."""
    body()
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        body()
        rates.append(count / (time.perf_counter() - started))
    return statistics.median(rates)


def publish(client, events, batch):
    for start in range(0, len(events), batch):
        client.send(events[start:start + batch])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", required=True)
    args = parser.parse_args()
    with open(args.inputs) as handle:
        inputs = json.load(handle)
    endpoint = inputs["endpoint"]
    key = inputs["key"]
    cloud = [
        CloudEvent(source=e["source"], type=e["type"], id=e["id"], time=parse_time(e["time"]), data=e["data"])
        for e in inputs["cloudEvents"]
    ]
    grid = [
        EventGridEvent(subject=e["subject"], event_type=e["eventType"], data=e["data"], data_version=e["dataVersion"],
                       id=e["id"], event_time=parse_time(e["eventTime"]))
        for e in inputs["eventGridEvents"]
    ]
    batch = inputs["batchSize"]
    instant = BasicTierPublisherClient(endpoint, AzureKeyCredential(key), transport=InstantTransport())
    with open(inputs["blobEventsPath"], "rb") as handle:
        payload = handle.read()
    expiry = dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)

    def sas():
        for index in range(inputs["sasCount"]):
            generate_sas(endpoint, key, expiry + dt.timedelta(seconds=index))

    workloads = {
        "publish-cloudevents": (len(cloud), lambda: publish(instant, cloud, batch)),
        "publish-eventgrid": (len(grid), lambda: publish(instant, grid, batch)),
        "parse": (inputs["blobEventCount"], lambda: [EventGridEvent.from_dict(e) for e in json.loads(payload)]),
        "sas": (inputs["sasCount"], sas),
    }
    print("ready", flush=True)  # set up: the Swift side measures only while this side is idle
    for line in sys.stdin:
        name, runs, *url = line.split()
        if name == "publish-http" and url:
            http = BasicTierPublisherClient(url[0], AzureKeyCredential(key))
            workloads[name] = (len(cloud), lambda: publish(http, cloud, batch))
        if name not in workloads or not runs.isdigit():
            print("unknown request: " + line.strip(), flush=True)
            continue
        count, body = workloads[name]
        print(median_rate(count, int(runs), body), flush=True)

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The Python side of `make bench`: the same workloads with azure-eventgrid, on the same inputs.

Prints one JSON object: {"<workload>": <operations per second (median)>, ...}.
Run by the Swift benchmark (Sources/EventGridBenchmarks); inputs are the files it wrote.
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
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--workloads", default="publish-cloudevents,publish-eventgrid,parse,sas")
    parser.add_argument("--http-endpoint")
    args = parser.parse_args()
    with open(args.inputs) as handle:
        inputs = json.load(handle)
    endpoint = inputs["endpoint"]
    key = inputs["key"]
    results = {}
    workloads = args.workloads.split(",")
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
    if "publish-cloudevents" in workloads:
        client = BasicTierPublisherClient(endpoint, AzureKeyCredential(key), transport=InstantTransport())
        results["publish-cloudevents"] = median_rate(len(cloud), args.runs, lambda: publish(client, cloud, batch))
    if "publish-eventgrid" in workloads:
        client = BasicTierPublisherClient(endpoint, AzureKeyCredential(key), transport=InstantTransport())
        results["publish-eventgrid"] = median_rate(len(grid), args.runs, lambda: publish(client, grid, batch))
    if "publish-http" in workloads and args.http_endpoint:
        client = BasicTierPublisherClient(args.http_endpoint, AzureKeyCredential(key))
        results["publish-http"] = median_rate(len(cloud), max(1, args.runs // 2), lambda: publish(client, cloud, batch))
    if "parse" in workloads:
        with open(inputs["blobEventsPath"], "rb") as handle:
            payload = handle.read()
        count = inputs["blobEventCount"]
        results["parse"] = median_rate(
            count, args.runs, lambda: [EventGridEvent.from_dict(e) for e in json.loads(payload)]
        )
    if "sas" in workloads:
        expiry = dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)
        count = inputs["sasCount"]

        def sas():
            for index in range(count):
                generate_sas(endpoint, key, expiry + dt.timedelta(seconds=index))

        results["sas"] = median_rate(count, args.runs, sas)
    json.dump(results, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

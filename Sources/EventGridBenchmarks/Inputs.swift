import AzureCore
import AzureEventGrid
import Foundation

/// The benchmark's inputs: made deterministically, written to a file the Python side reads too.
struct Inputs {
    static let endpoint = "https://benchtopic.westus2-1.eventgrid.azure.net/api/events"
    static let key = "c2VjcmV0LWtleS1mb3ItdGhlLWJlbmNobWFyay0xMjM0NTY3OA=="
    static let batchSize = 100

    let cloudEvents: [CloudEvent]
    let eventGridEvents: [EventGridEvent]
    let blobEventsJSON: Data
    let blobEventCount: Int
    let sasCount: Int

    /// A small linear congruential generator: the same numbers on every machine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        mutating func word() -> String {
            let letters = Array("abcdefghijklmnopqrstuvwxyz")
            return String((0..<(3 + Int(next() % 8))).map { _ in letters[Int(next() % 26)] })
        }
    }

    /// About 1 KB of JSON data.
    static func payload(_ random: inout Random, index: Int) -> JSONValue {
        var members: [String: JSONValue] = [
            "index": .int(Int64(index)), "price": .double(Double(random.next() % 10_000) / 100),
        ]
        for field in 0..<24 {
            members["field\(field)"] = .string((0..<4).map { _ in random.word() }.joined(separator: " "))
        }
        return .object(members)
    }

    init(events: Int, blobEvents: Int, sasCount: Int) {
        var random = Random(state: 42)
        let base = Date(timeIntervalSince1970: 1_700_000_000)
        var cloud: [CloudEvent] = []
        var grid: [EventGridEvent] = []
        for index in 0..<events {
            let time = base.addingTimeInterval(Double(index) / 1000)
            cloud.append(
                CloudEvent(
                    source: "/bench/source",
                    type: "Bench.Event",
                    data: Self.payload(&random, index: index),
                    id: "ce-\(index)",
                    time: time
                )
            )
            grid.append(
                EventGridEvent(
                    subject: "/bench/\(index)",
                    eventType: "Bench.Event",
                    data: Self.payload(&random, index: index),
                    dataVersion: "1.0",
                    id: "eg-\(index)",
                    eventTime: time
                )
            )
        }
        cloudEvents = cloud
        eventGridEvents = grid
        var blobs: [JSONValue] = []
        for index in 0..<blobEvents {
            blobs.append([
                "id": .string("blob-\(index)"),
                "topic":
                    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct",
                "subject": .string("/blobServices/default/containers/c/blobs/file\(index).bin"),
                "eventType": "Microsoft.Storage.BlobCreated",
                "eventTime": "2024-05-06T07:08:09.1234567Z",
                "dataVersion": "",
                "metadataVersion": "1",
                "data": [
                    "api": "PutBlob",
                    "clientRequestId": .string("client-\(index)"),
                    "requestId": .string("request-\(index)"),
                    "eTag": "0x8D4BCC2E4835CD0",
                    "contentType": "application/octet-stream",
                    "contentLength": .int(Int64(524_288 + index)),
                    "blobType": "BlockBlob",
                    "url": .string("https://acct.blob.core.windows.net/c/file\(index).bin"),
                    "sequencer": "00000000000004420000000000028963",
                    "storageDiagnostics": ["batchId": "b68529f3-68cd-4744-baa4-3c0498ec19f0"],
                ],
            ])
        }
        blobEventsJSON = (try? JSONCoding.makeEncoder().encode(JSONValue.array(blobs))) ?? Data()
        blobEventCount = blobEvents
        self.sasCount = sasCount
    }

    /// Writes what the Python side needs.
    func write(to directory: URL) throws -> URL {
        let blobPath = directory.appendingPathComponent("blob-events.json")
        try blobEventsJSON.write(to: blobPath)
        let encoder = JSONCoding.makeEncoder()
        let document: JSONValue = [
            "endpoint": .string(Self.endpoint),
            "key": .string(Self.key),
            "batchSize": .int(Int64(Self.batchSize)),
            "cloudEvents": try JSONValue(encoding: cloudEvents),
            "eventGridEvents": try JSONValue(encoding: eventGridEvents),
            "blobEventsPath": .string(blobPath.path),
            "blobEventCount": .int(Int64(blobEventCount)),
            "sasCount": .int(Int64(sasCount)),
        ]
        let path = directory.appendingPathComponent("inputs.json")
        try encoder.encode(document).write(to: path)
        return path
    }
}

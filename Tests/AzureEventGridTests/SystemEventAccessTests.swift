import AzureCore
import AzureEventGrid
import EventGridCLI
import EventGridSystemEvents
import Foundation
import Synchronization
import XCTest

final class SystemEventAccessTests: XCTestCase {
    private let blobCreated = #"""
        [{"id":"e1","topic":"/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a",
          "subject":"/blobServices/default/containers/c/blobs/b.txt","eventType":"microsoft.STORAGE.blobcreated",
          "eventTime":"2024-01-01T00:00:00.1234567Z","dataVersion":"","metadataVersion":"1",
          "data":{"url":"https://a.blob.core.windows.net/c/b.txt","contentLength":"524288","extraKey":true}}]
        """#

    func test_eventGridEvent_typedDataFromAnyCaseOfTheEventType() throws {
        let event = try XCTUnwrap(EventGridParser.parseEventGridEvents(Data(blobCreated.utf8)).first)
        guard case .storageBlobCreated(let data) = event.systemEvent else {
            return XCTFail("expected storageBlobCreated, got \(event.systemEvent)")
        }
        XCTAssertEqual(data.url, "https://a.blob.core.windows.net/c/b.txt")
        XCTAssertEqual(data.contentLength, 524_288, "a number sent as a string still decodes")
        XCTAssertEqual(event.systemEventData(as: StorageBlobCreatedEventData.self)?.url, data.url)
        XCTAssertEqual(event.data["extraKey"], true, "the raw data keeps every member")
    }

    func test_unknownEventType_isNotAnErrorAndKeepsRawData() throws {
        let event = EventGridEvent(subject: "s", eventType: "Contoso.Custom", data: ["k": 1])
        guard case .unknown(let type, let data) = event.systemEvent else { return XCTFail("expected unknown") }
        XCTAssertEqual(type, "Contoso.Custom")
        XCTAssertEqual(data, ["k": 1])
        XCTAssertNil(event.systemEventData(as: StorageBlobCreatedEventData.self))
    }

    func test_cloudEvent_typedDataAndBinaryFallsBackToUnknown() throws {
        let json = CloudEvent(source: "/s", type: "Microsoft.Storage.BlobCreated", data: ["url": "u"])
        XCTAssertEqual(json.systemEventData(as: StorageBlobCreatedEventData.self)?.url, "u")
        let binary = CloudEvent(
            source: "/s", type: "Microsoft.Storage.BlobCreated", binaryData: Data([1]), dataContentType: "x/y")
        guard case .unknown = binary.systemEvent else { return XCTFail("binary data is not typed") }
        XCTAssertEqual(ReceivedEvent.cloudEvent(json).systemEventData(as: StorageBlobCreatedEventData.self)?.url, "u")
    }

    // MARK: eventgrid decode

    private final class Output: Sendable {
        let out = Mutex<[String]>([])
        let err = Mutex<[String]>([])
    }

    private func decode(_ input: String) async -> (Int32, String, [String]) {
        let output = Output()
        let io = CommandIO(
            readStandardInput: { Data(input.utf8) },
            readFile: { _ in throw CocoaError(.fileNoSuchFile) },
            print: { line in output.out.withLock { $0.append(line) } },
            printError: { line in output.err.withLock { $0.append(line) } }
        )
        let status = await EventGridCommand.run(["decode", "-"], io: io)
        return (status, output.out.withLock { $0.joined(separator: "\n") }, output.err.withLock { $0 })
    }

    func test_decodeCLI_printsEnvelopeModelNameAndTypedData() async throws {
        let cloud = #"{"specversion":"1.0","id":"c1","source":"/s","type":"Contoso.Thing","data":{"x":1},"tenant":"t"}"#
        let (status, text, errors) = await decode("[\(blobCreated.dropFirst().dropLast()),\(cloud)]")
        XCTAssertEqual(status, 0, errors.joined())
        let entries = try XCTUnwrap(JSONValue(parsing: Data(text.utf8)).arrayValue)
        XCTAssertEqual(entries.count, 2)
        XCTAssertEqual(entries[0]["systemEventType"], "StorageBlobCreatedEventData")
        XCTAssertEqual(entries[0]["schema"], "eventgrid")
        XCTAssertEqual(entries[0]["id"], "e1")
        XCTAssertEqual(entries[0]["data"]?["contentLength"], 524_288)
        XCTAssertNil(entries[0]["data"]?["extraKey"], "data is the typed model re-encoded")
        XCTAssertEqual(entries[1]["systemEventType"], .null)
        XCTAssertEqual(entries[1]["schema"], "cloudevents")
        XCTAssertEqual(entries[1]["data"], ["x": 1])
        XCTAssertEqual(entries[1]["tenant"], "t")
    }

    func test_decodeCLI_invalidJSONIsOneLineNamingTheOffset() async {
        let (status, text, errors) = await decode(#"[{"id": }]"#)
        XCTAssertEqual(status, 1)
        XCTAssertTrue(text.isEmpty)
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors.first?.contains("offset 8") ?? false, "\(errors)")
    }

    func test_decodeCLI_dataThatDoesNotFitStillPrintsWhatDecoded() async throws {
        let payload =
            #"{"id":"e","subject":"s","eventType":"Microsoft.Storage.BlobCreated","eventTime":"2024-01-01T00:00:00Z","dataVersion":"1","data":{"url":"u","contentLength":{"not":"a number"}}}"#
        let (status, text, errors) = await decode(payload)
        XCTAssertEqual(status, 0, errors.joined())
        let entry = try XCTUnwrap(JSONValue(parsing: Data(text.utf8)).arrayValue?.first)
        XCTAssertEqual(entry["systemEventType"], "StorageBlobCreatedEventData")
        XCTAssertEqual(entry["data"]?["url"], "u")
        XCTAssertNil(entry["data"]?["contentLength"])
    }
}

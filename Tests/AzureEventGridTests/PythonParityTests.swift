import AzureCore
import AzureEventGrid
import Foundation
import XCTest

/// The requests this SDK sends equal those the Python SDK `azure-eventgrid` sends for the same
/// events (fixture written by scripts/python-reference.py): method, URL with query, content
/// type, auth and channel headers, and the body compared as JSON. Timestamps are compared as
/// instants, since the two SDKs write fractional seconds differently (see README).
final class PythonParityTests: XCTestCase {
    func test_requestsMatchThePythonSDK() async throws {
        let fixture = try Fixtures.json("python-requests.json")
        let cases = try XCTUnwrap(fixture["cases"]?.arrayValue)
        XCTAssertGreaterThanOrEqual(cases.count, 8)
        for testCase in cases {
            let name = testCase["name"]?.stringValue ?? "?"
            let transport = RecordingTransport()
            let client = try makeClient(testCase, transport: transport)
            let schema = try XCTUnwrap(testCase["schema"]?.stringValue)
            let inputs = try XCTUnwrap(testCase["events"]?.arrayValue)
            let channel = testCase["channelName"]?.stringValue
            switch schema {
            case "eventgrid": try await client.send(try inputs.map(eventGridEvent))
            case "cloudevents": try await client.send(try inputs.map(cloudEvent), channelName: channel)
            default: try await client.send(customEvents: inputs)
            }
            let request = try XCTUnwrap(transport.requests.first, name)
            let expected = try XCTUnwrap(testCase["request"], name)
            XCTAssertEqual(request.method.rawValue, expected["method"]?.stringValue, name)
            XCTAssertEqual(request.url.absoluteString, expected["url"]?.stringValue, name)
            let headers = try XCTUnwrap(expected["headers"]?.objectValue, name)
            for header in ["content-type", "aeg-sas-key", "aeg-sas-token", "aeg-channel-name", "authorization"] {
                XCTAssertEqual(request.headers[header], headers[header]?.stringValue, "\(name): \(header)")
            }
            XCTAssertEqual(
                normalized(try request.jsonBody(), schema: schema),
                normalized(try XCTUnwrap(expected["body"], name), schema: schema),
                name
            )
        }
    }

    private func makeClient(_ testCase: JSONValue, transport: RecordingTransport) throws -> EventGridPublisherClient {
        let endpoint = try XCTUnwrap(testCase["endpoint"]?.stringValue.flatMap(URL.init(string:)))
        let credential = try XCTUnwrap(testCase["credential"])
        let value = try XCTUnwrap(credential["value"]?.stringValue)
        if credential["kind"] == "sas" {
            return try EventGridPublisherClient(
                endpoint: endpoint, credential: AzureSASCredential(value), options: testOptions(transport))
        }
        return try EventGridPublisherClient(
            endpoint: endpoint, credential: AzureKeyCredential(value), options: testOptions(transport))
    }

    private func eventGridEvent(_ input: JSONValue) throws -> EventGridEvent {
        EventGridEvent(
            subject: try XCTUnwrap(input["subject"]?.stringValue),
            eventType: try XCTUnwrap(input["eventType"]?.stringValue),
            data: input["data"] ?? .null,
            dataVersion: try XCTUnwrap(input["dataVersion"]?.stringValue),
            id: try XCTUnwrap(input["id"]?.stringValue),
            eventTime: try XCTUnwrap(input["eventTime"]?.stringValue.flatMap(RFC3339.date(from:))),
            topic: input["topic"]?.stringValue
        )
    }

    private func cloudEvent(_ input: JSONValue) throws -> CloudEvent {
        var event = CloudEvent(
            source: try XCTUnwrap(input["source"]?.stringValue),
            type: try XCTUnwrap(input["type"]?.stringValue),
            data: input["data"].flatMap { $0 == .null ? nil : $0 },
            dataContentType: input["datacontenttype"]?.stringValue,
            id: try XCTUnwrap(input["id"]?.stringValue),
            time: input["time"]?.stringValue.flatMap(RFC3339.date(from:)),
            subject: input["subject"]?.stringValue,
            dataSchema: input["dataschema"]?.stringValue,
            extensions: input["extensions"]?.objectValue ?? [:]
        )
        if let base64 = input["dataBase64"]?.stringValue {
            event.data = .binary(try XCTUnwrap(Data(base64Encoded: base64)))
        }
        return event
    }

    /// Replaces every `eventTime`/`time` string by the same instant in this SDK's format, and
    /// gives an Event Grid event without `data` an explicit `"data": null` (Python leaves the
    /// required member out when the data is `None`; this SDK writes it as `null`).
    private func normalized(_ value: JSONValue, schema: String) -> JSONValue {
        switch value {
        case .array(let elements):
            return .array(elements.map { normalized($0, schema: schema) })
        case .object(var members):
            for key in ["eventTime", "time"] {
                if let text = members[key]?.stringValue, let date = RFC3339.date(from: text) {
                    members[key] = .string(RFC3339.string(from: date))
                }
            }
            if schema == "eventgrid", members["data"] == nil {
                members["data"] = .null
            }
            return .object(members)
        default:
            return value
        }
    }
}

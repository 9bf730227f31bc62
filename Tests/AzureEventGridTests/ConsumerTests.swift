import AzureCore
import AzureEventGrid
import EventGridSystemEvents
import Foundation
import XCTest

final class ConsumerTests: XCTestCase {
    private let eventGridJSON = #"""
        {"id":"e1","topic":"/subscriptions/x","subject":"/blobs/a","eventType":"Microsoft.Storage.BlobCreated",
         "eventTime":"2024-01-01T00:00:00.1234567Z","data":{"url":"https://a/b"},"dataVersion":"","metadataVersion":"1"}
        """#
    private let cloudJSON = #"""
        {"specversion":"1.0","id":"c1","source":"/s","type":"Contoso.T","time":"2024-01-01T00:00:00Z","data":{"k":1}}
        """#

    func test_parse_singleObjectAndArrayOfBothSchemas() throws {
        let single = try EventGridParser.parse(eventGridJSON)
        XCTAssertEqual(single.count, 1)
        XCTAssertEqual(single.first?.schema, .eventGrid)
        XCTAssertEqual(single.first?.eventType, "Microsoft.Storage.BlobCreated")
        XCTAssertEqual(single.first?.data, ["url": "https://a/b"])

        let mixed = try EventGridParser.parse("[\(cloudJSON),\(eventGridJSON)]")
        XCTAssertEqual(mixed.map(\.schema), [.cloudEvents, .eventGrid])
        XCTAssertEqual(mixed.map(\.id), ["c1", "e1"])
    }

    func test_parseTyped_readsEachSchema() throws {
        XCTAssertEqual(try EventGridParser.parseEventGridEvents(Data(eventGridJSON.utf8)).first?.subject, "/blobs/a")
        XCTAssertEqual(try EventGridParser.parseCloudEvents(Data("[\(cloudJSON)]".utf8)).first?.source, "/s")
    }

    func test_parse_errorsNameTheEventAndProblem() {
        let cases: [(String, String)] = [
            ("{", "invalid JSON"),
            ("3", "JSON object or an array"),
            ("[\(cloudJSON), 4]", "event 1 is not a JSON object"),
            (#"[{"id":"x"}]"#, "neither a CloudEvent"),
            (#"[{"specversion":"1.0","id":"x","type":"t"}]"#, "event 0 is not a valid CloudEvent"),
        ]
        for (input, text) in cases {
            XCTAssertThrowsError(try EventGridParser.parse(input), input) { error in
                let azure = error as? AzureError
                XCTAssertEqual(azure?.kind, .serialization, input)
                XCTAssertTrue(azure?.message.contains(text) ?? false, "\(azure?.message ?? "") lacks \(text)")
            }
        }
    }

    func test_parse_envelopeErrorsNameTheMemberAndWhatIsWrong() {
        let grid = #"{"id":"e","subject":"s","eventType":"T","eventTime":"2024-01-01T00:00:00Z""#
        let cases: [(String, String)] = [
            (
                #"{"specversion":"1.0","id":"x","type":"t"}"#,
                "event 0 is not a valid CloudEvent: member 'source' is missing"
            ),
            (#"{"specversion":"1.0","id":"x","source":null,"type":"t"}"#, "member 'source' is missing"),
            (#"{"specversion":"1.0","id":7,"source":"s","type":"t"}"#, "member 'id' must be a string, not a number"),
            (
                #"{"specversion":"1.0","id":"x","source":"s","type":"t","time":"soon"}"#,
                "member 'time' is not an RFC 3339 date-time: 'soon'"
            ),
            (
                #"{"specversion":"1.0","id":"x","source":"s","type":"t","data_base64":"!!"}"#,
                "member 'data_base64' is not valid base64"
            ),
            (
                #"{"eventType":"T","subject":"s","eventTime":"2024-01-01T00:00:00Z"}"#,
                "EventGridEvent: member 'id' is missing"
            ),
            (#"{"id":"e","subject":"s","eventType":"T"}"#, "member 'eventTime' is missing"),
            (grid + #","topic":["t"]}"#, "member 'topic' must be a string, not an array"),
            (
                "[" + grid + "}, " + grid + #","subject":{}}]"#,
                "event 1 is not a valid EventGridEvent: member 'subject'"
            ),
        ]
        for (input, text) in cases {
            XCTAssertThrowsError(try EventGridParser.parse(input), input) { error in
                let message = (error as? AzureError)?.message ?? ""
                XCTAssertTrue(message.contains(text), "\(message) lacks \(text)")
            }
        }
    }

    func test_parse_cloudEventExtensionsIncludeNamesOfTheOtherSchema() throws {
        let json = #"""
            {"specversion":"1.0","id":"c","source":"/s","type":"t","topic":"blue","eventType":"x","n":{"k":[1]},"z":null}
            """#
        guard case .cloudEvent(let event) = try XCTUnwrap(EventGridParser.parse(json).first) else {
            return XCTFail("not a cloud event")
        }
        XCTAssertEqual(event.extensions, ["topic": "blue", "eventType": "x", "n": ["k": [1]]])
        XCTAssertEqual(event, try JSONDecoder().decode(CloudEvent.self, from: Data(json.utf8)))
    }

    /// A parsed event keeps `data` as the JSON text it came as (read on first use): it is
    /// equal, hashes and encodes exactly like the same event built in code, and setting `data`
    /// replaces it.
    func test_parsedEvents_keepDataAsText_yetBehaveAsBuiltEvents() throws {
        var parsed = try XCTUnwrap(EventGridParser.parseEventGridEvents(Data(eventGridJSON.utf8)).first)
        var built = EventGridEvent(
            subject: "/blobs/a", eventType: "Microsoft.Storage.BlobCreated", data: ["url": "https://a/b"],
            dataVersion: "", id: "e1", eventTime: try XCTUnwrap(RFC3339.date(from: "2024-01-01T00:00:00.1234567Z")),
            topic: "/subscriptions/x")
        built.metadataVersion = "1"
        XCTAssertEqual(parsed, built)
        XCTAssertEqual(Set([parsed, built]).count, 1, "equal events hash alike")
        let encoder = JSONCoding.makeEncoder()
        XCTAssertEqual(try encoder.encode(parsed), try encoder.encode(built))
        XCTAssertEqual(parsed.systemEventData(as: StorageBlobCreatedEventData.self)?.url, "https://a/b")
        parsed.data = ["url": "changed"]
        XCTAssertEqual(parsed.data, ["url": "changed"])
        XCTAssertEqual(parsed.systemEventData(as: StorageBlobCreatedEventData.self)?.url, "changed")
        XCTAssertNotEqual(parsed, built)

        // The same data in other bytes (order, spacing) is still equal.
        let respaced = eventGridJSON.replacingOccurrences(
            of: #"{"url":"https://a/b"}"#, with: #"{ "url" : "https://a/b" }"#)
        XCTAssertEqual(try EventGridParser.parseEventGridEvents(Data(respaced.utf8)).first, built)

        let noData =
            #"{"id":"e","subject":"s","eventType":"Microsoft.Storage.BlobCreated","eventTime":"2024-01-01T00:00:00Z","data":null}"#
        let empty = try XCTUnwrap(EventGridParser.parseEventGridEvents(Data(noData.utf8)).first)
        XCTAssertEqual(empty.data, .null)
        guard case .unknown(_, .null) = empty.systemEvent else { return XCTFail("null data is not typed") }

        let cloud = #"""
            [{"specversion":"1.0","id":"c1","source":"/s","type":"Microsoft.Storage.BlobCreated","data":{"url":"u"}},
             {"specversion":"1.0","id":"c2","source":"/s","type":"t","data":null},
             {"specversion":"1.0","id":"c3","source":"/s","type":"t","data_base64":"AQI=","data":{"ignored":1}}]
            """#
        let events = try EventGridParser.parseCloudEvents(Data(cloud.utf8))
        XCTAssertEqual(events.map(\.data), [.json(["url": "u"]), nil, .binary(Data([1, 2]))])
        XCTAssertEqual(events.first?.systemEventData(as: StorageBlobCreatedEventData.self)?.url, "u")
        XCTAssertEqual(
            events.first,
            CloudEvent(source: "/s", type: "Microsoft.Storage.BlobCreated", data: ["url": "u"], id: "c1", time: nil))
    }

    func test_decodable_readsTheEnvelopeAsTheParserDoes() throws {
        let json = #"""
            {"id":"e1","subject":"/s","eventType":"T","eventTime":"2024-01-01T00:00:00.5+01:00","data":null}
            """#
        let decoded = try JSONDecoder().decode(EventGridEvent.self, from: Data(json.utf8))
        XCTAssertEqual(decoded, try EventGridParser.parseEventGridEvents(Data(json.utf8)).first)
        XCTAssertEqual(decoded.dataVersion, "", "a missing dataVersion is empty")
        XCTAssertEqual(decoded.data, .null)
        XCTAssertEqual(decoded.eventTime, RFC3339.date(from: "2023-12-31T23:00:00.5Z"))

        let cloud = #"{"specversion":"1.0","id":"c","source":"/s","type":"t","subject":null,"tenant":"a","gone":null}"#
        let event = try JSONDecoder().decode(CloudEvent.self, from: Data(cloud.utf8))
        XCTAssertNil(event.subject, "a null attribute is absent")
        XCTAssertEqual(event.extensions, ["tenant": "a"], "null extensions are dropped")
        XCTAssertEqual(event, try EventGridParser.parseCloudEvents(Data(cloud.utf8)).first)

        XCTAssertThrowsError(try JSONDecoder().decode(CloudEvent.self, from: Data(#"{"id":"c","type":"t"}"#.utf8))) {
            error in
            guard case DecodingError.keyNotFound(let key, let context) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(key.stringValue, "source")
            XCTAssertEqual(context.debugDescription, "member 'source' is missing")
        }
        XCTAssertThrowsError(try JSONDecoder().decode(EventGridEvent.self, from: Data("[]".utf8))) { error in
            guard case DecodingError.typeMismatch = error else { return XCTFail("\(error)") }
        }
    }

    func test_validationHandshake_eventGridSchemaAnswersTheCode() throws {
        let json = #"""
            [{"id":"v","topic":"/t","subject":"","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent",
              "eventTime":"2024-01-01T00:00:00Z","dataVersion":"2","metadataVersion":"1",
              "data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6","validationUrl":"https://v"}}]
            """#
        let body = try XCTUnwrap(SubscriptionValidation.response(for: EventGridParser.parse(json)))
        XCTAssertEqual(try JSONValue(parsing: body), ["validationResponse": "512d38b6-c7b8-40c8-89fe-f46f9e9622b6"])
        XCTAssertNil(try SubscriptionValidation.response(for: EventGridParser.parse(eventGridJSON)))
    }

    func test_validationHandshake_cloudEventsOptionsGrantsTheOrigin() throws {
        let headers = try XCTUnwrap(
            SubscriptionValidation.cloudEventsOptionsResponse(requestHeaders: [
                "WebHook-Request-Origin": "eventgrid.azure.net"
            ])
        )
        XCTAssertEqual(headers["WebHook-Allowed-Origin"], "eventgrid.azure.net")
        XCTAssertEqual(headers["WebHook-Allowed-Rate"], "*")
        XCTAssertNil(SubscriptionValidation.cloudEventsOptionsResponse(requestHeaders: [:]))
        XCTAssertNil(
            SubscriptionValidation.cloudEventsOptionsResponse(
                requestHeaders: ["webhook-request-origin": "evil.example"],
                allowedOrigins: ["eventgrid.azure.net"]
            )
        )
        XCTAssertEqual(
            SubscriptionValidation.cloudEventsOptionsResponse(
                requestHeaders: ["webhook-request-origin": "eventgrid.azure.net"],
                allowedRate: 120
            )?["WebHook-Allowed-Rate"],
            "120"
        )
    }
}

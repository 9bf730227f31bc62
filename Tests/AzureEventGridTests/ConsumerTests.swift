import AzureCore
import AzureEventGrid
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

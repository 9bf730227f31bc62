import AzureCore
import AzureEventGrid
import Foundation
import Synchronization
import XCTest

final class EventGridPublisherClientTests: XCTestCase {
    private let endpoint = URL(string: "https://mytopic.westus2-1.eventgrid.azure.net/api/events")!
    private let fixedTime = Date(timeIntervalSince1970: 1_700_000_000.25)

    private func makeClient(_ transport: RecordingTransport, key: String = "secret-key", retries: Int = 3) throws
        -> EventGridPublisherClient
    {
        try EventGridPublisherClient(
            endpoint: endpoint,
            credential: AzureKeyCredential(key),
            options: testOptions(transport, retries: retries)
        )
    }

    // MARK: Event Grid schema

    func test_sendEventGridEvents_postsJSONArrayWithKeyAndAPIVersion() async throws {
        let transport = RecordingTransport()
        let client = try makeClient(transport)
        let event = EventGridEvent(
            subject: "/orders/1",
            eventType: "Contoso.Orders.Placed",
            data: ["amount": 12, "items": ["a", "b"]],
            dataVersion: "2.0",
            id: "id-1",
            eventTime: fixedTime
        )
        try await client.send([event])

        let request = try XCTUnwrap(transport.requests.first)
        XCTAssertEqual(transport.requests.count, 1)
        XCTAssertEqual(request.method, .post)
        XCTAssertEqual(
            request.url.absoluteString,
            "https://mytopic.westus2-1.eventgrid.azure.net/api/events?api-version=2018-01-01")
        XCTAssertEqual(request.headers["Content-Type"], "application/json; charset=utf-8")
        XCTAssertEqual(request.headers["aeg-sas-key"], "secret-key")
        XCTAssertNil(request.headers["aeg-channel-name"])
        let expected: JSONValue = [
            [
                "id": "id-1", "subject": "/orders/1", "eventType": "Contoso.Orders.Placed", "dataVersion": "2.0",
                "eventTime": "2023-11-14T22:13:20.25Z", "data": ["amount": 12, "items": ["a", "b"]],
            ]
        ]
        XCTAssertEqual(try request.jsonBody(), expected)
    }

    func test_sendEventGridEvent_domainTopicTravelsInTopicField() async throws {
        let transport = RecordingTransport()
        let client = try makeClient(transport)
        try await client.send(EventGridEvent(subject: "s", eventType: "t", data: nil, topic: "orders"))
        XCTAssertEqual(try transport.requests.first?.jsonBody().arrayValue?.first?["topic"], "orders")
    }

    func test_send_setsUserAgentAndClientRequestID() async throws {
        let transport = RecordingTransport()
        var options = testOptions(transport)
        options.applicationID = "myapp"
        let client = try EventGridPublisherClient(
            endpoint: endpoint, credential: AzureKeyCredential("k"), options: options)
        try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1))
        let request = try XCTUnwrap(transport.requests.first)
        let agent = try XCTUnwrap(request.headers["User-Agent"])
        XCTAssertTrue(agent.hasPrefix("myapp azsdk-swift-eventgrid/\(SDKInfo.version) ("), agent)
        XCTAssertNotNil(request.headers["x-ms-client-request-id"])
    }

    // MARK: CloudEvents

    func test_sendCloudEvents_usesBatchContentTypeChannelAndExtensions() async throws {
        let transport = RecordingTransport()
        let client = try makeClient(transport)
        let json = CloudEvent(
            source: "/orders",
            type: "com.contoso.placed",
            data: ["n": 1],
            dataContentType: "application/json",
            id: "c1",
            time: fixedTime,
            subject: "o/1",
            extensions: ["tenant": "blue", "priority": 3]
        )
        let binary = CloudEvent(
            source: "/orders",
            type: "com.contoso.blob",
            binaryData: Data([0, 1, 2, 255]),
            dataContentType: "application/octet-stream",
            id: "c2",
            time: nil
        )
        try await client.send([json, binary], channelName: "channel-7")

        let request = try XCTUnwrap(transport.requests.first)
        XCTAssertEqual(request.headers["Content-Type"], "application/cloudevents-batch+json; charset=utf-8")
        XCTAssertEqual(request.headers["aeg-channel-name"], "channel-7")
        let body = try XCTUnwrap(request.jsonBody().arrayValue)
        XCTAssertEqual(
            body[0],
            [
                "id": "c1", "source": "/orders", "type": "com.contoso.placed", "specversion": "1.0",
                "time": "2023-11-14T22:13:20.25Z", "subject": "o/1", "datacontenttype": "application/json",
                "data": ["n": 1], "tenant": "blue", "priority": 3,
            ]
        )
        XCTAssertEqual(
            body[1],
            [
                "id": "c2", "source": "/orders", "type": "com.contoso.blob", "specversion": "1.0",
                "datacontenttype": "application/octet-stream", "data_base64": "AAEC/w==",
            ]
        )
    }

    func test_sendCloudEvents_invalidExtensionNameIsRefusedAndNothingSent() async throws {
        let transport = RecordingTransport()
        let client = try makeClient(transport)
        for name in ["Tenant", "trace-id", "data", "ünï", ""] {
            let event = CloudEvent(source: "s", type: "t", extensions: [name: "x"])
            do {
                try await client.send([CloudEvent(source: "s", type: "t"), event])
                XCTFail("expected an error for extension '\(name)'")
            } catch let error as AzureError {
                XCTAssertEqual(error.kind, .invalidInput)
                XCTAssertTrue(error.message.contains("event 1"), error.message)
                XCTAssertTrue(error.message.contains("'\(name)'"), error.message)
            }
        }
        XCTAssertTrue(transport.requests.isEmpty)
    }

    func test_sendCloudEvents_emptyChannelNameIsRefused() async throws {
        let transport = RecordingTransport()
        let client = try makeClient(transport)
        await assertAzureError(.invalidInput, containing: "channelName") {
            try await client.send(CloudEvent(source: "s", type: "t"), channelName: "")
        }
        XCTAssertTrue(transport.requests.isEmpty)
    }

    // MARK: Custom schema

    func test_sendCustomEvents_sendsValuesAsTheyAre() async throws {
        struct Order: Encodable {
            var orderID: Int
            var note: String
        }
        let transport = RecordingTransport()
        let client = try makeClient(transport)
        try await client.send(customEvents: [Order(orderID: 7, note: "x"), Order(orderID: 8, note: "y")])
        let request = try XCTUnwrap(transport.requests.first)
        XCTAssertEqual(request.headers["Content-Type"], "application/json; charset=utf-8")
        XCTAssertEqual(try request.jsonBody(), [["orderID": 7, "note": "x"], ["orderID": 8, "note": "y"]])
    }

    // MARK: Mixed schemas and empty batches

    func test_sendPublishableEvents_mixingSchemasIsAClearError() async throws {
        let transport = RecordingTransport()
        let client = try makeClient(transport)
        let events: [PublishableEvent] = [
            .cloudEvent(CloudEvent(source: "s", type: "t")),
            .cloudEvent(CloudEvent(source: "s", type: "t")),
            .eventGrid(EventGridEvent(subject: "s", eventType: "t", data: nil)),
        ]
        await assertAzureError(.invalidInput, containing: "event 2 is eventgrid") {
            try await client.send(events)
        }
        XCTAssertTrue(transport.requests.isEmpty)
    }

    func test_sendPublishableEvents_channelNameWithEventGridSchemaIsRefused() async throws {
        let client = try makeClient(RecordingTransport())
        await assertAzureError(.invalidInput, containing: "channel name") {
            try await client.send(
                [.eventGrid(EventGridEvent(subject: "s", eventType: "t", data: nil))], channelName: "c")
        }
    }

    func test_sendEmptyBatch_isRefusedForEverySchema() async throws {
        let transport = RecordingTransport()
        let client = try makeClient(transport)
        await assertAzureError(.invalidInput, containing: "empty") { try await client.send([EventGridEvent]()) }
        await assertAzureError(.invalidInput, containing: "empty") { try await client.send([CloudEvent]()) }
        await assertAzureError(.invalidInput, containing: "empty") {
            try await client.send(customEvents: [JSONValue]())
        }
        await assertAzureError(.invalidInput, containing: "empty") { try await client.send([PublishableEvent]()) }
        XCTAssertTrue(transport.requests.isEmpty)
    }

    // MARK: Size limits and splitting

    func test_send_eventOverOneMebibyteNamesTheEventAndItsSize() async throws {
        let transport = RecordingTransport()
        let client = try makeClient(transport)
        let big = EventGridEvent(
            subject: "s", eventType: "t", data: .string(String(repeating: "x", count: 1_100_000)), id: "big")
        do {
            try await client.send([EventGridEvent(subject: "s", eventType: "t", data: 1), big])
            XCTFail("expected an error")
        } catch let error as AzureError {
            XCTAssertEqual(error.kind, .invalidInput)
            XCTAssertTrue(error.message.contains("event 1 (id big)"), error.message)
            XCTAssertTrue(error.message.contains("1048576"), error.message)
        }
        XCTAssertTrue(transport.requests.isEmpty)
    }

    func test_send_requestOverServiceLimitIsRefusedWithItsSize() async throws {
        let transport = RecordingTransport()
        let client = try makeClient(transport)
        let events = (0..<4).map { _ in
            CloudEvent(source: "s", type: "t", data: .string(String(repeating: "y", count: 500_000)))
        }
        do {
            try await client.send(events)
            XCTFail("expected an error")
        } catch let error as AzureError {
            XCTAssertEqual(error.kind, .invalidInput)
            XCTAssertTrue(error.message.contains("1536000"), error.message)
            XCTAssertTrue(error.message.contains("4 events"), error.message)
        }
        XCTAssertTrue(transport.requests.isEmpty)
    }

    func test_sendSplitting_sendsInOrderUnderTheLimit() async throws {
        let transport = RecordingTransport()
        let client = try makeClient(transport)
        let events = (0..<7).map { index in
            EventGridEvent(
                subject: "s", eventType: "t", data: .string(String(repeating: "z", count: 400_000)), id: "e\(index)")
        }
        try await client.send(events, splitting: .automatic)
        XCTAssertEqual(transport.requests.count, 3)
        var ids: [String] = []
        for request in transport.requests {
            XCTAssertLessThanOrEqual(request.body?.count ?? 0, 1_536_000)
            ids += try request.jsonBody().arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        }
        XCTAssertEqual(ids, (0..<7).map { "e\($0)" })
    }

    func test_sendSplitting_failureReportsAcceptedAndNotAcceptedEvents() async throws {
        let failure = HTTPResponse(statusCode: 400, body: Data(#"{"error":{"code":"BadRequest","message":"no"}}"#.utf8))
        let transport = RecordingTransport([.response(HTTPResponse(statusCode: 200)), .response(failure)])
        let client = try makeClient(transport)
        let events = (0..<7).map { _ in
            EventGridEvent(subject: "s", eventType: "t", data: .string(String(repeating: "z", count: 400_000)))
        }
        do {
            try await client.send(events, splitting: .automatic)
            XCTFail("expected an error")
        } catch let error as AzureError {
            XCTAssertEqual(error.kind, .partialFailure)
            let report = try XCTUnwrap(error.partialSend)
            XCTAssertEqual(report.acceptedEventIndices, 0..<3)
            XCTAssertEqual(report.failedEventIndices, 3..<6)
            XCTAssertEqual(report.unsentEventIndices, 6..<7)
            XCTAssertEqual(report.notAcceptedEventIndices, 3..<7)
            XCTAssertEqual(report.requestCount, 3)
            XCTAssertEqual(report.acceptedRequestCount, 1)
            XCTAssertEqual(error.statusCode, 400)
            XCTAssertEqual(error.errorCode, "BadRequest")
        }
        XCTAssertEqual(transport.requests.count, 2)
    }

    // MARK: Errors and retries

    func test_serviceError_carriesStatusCodeMessageRequestIDsAndRawBody() async throws {
        let body =
            #"{"error":{"code":"Unauthorized","message":"The request authorization key is not authorized for X.","details":[{"code":"Inner","message":"m"}]}}"#
        let response = HTTPResponse(statusCode: 401, headers: ["x-ms-request-id": "svc-1"], body: Data(body.utf8))
        let transport = RecordingTransport([.response(response)])
        let client = try makeClient(transport)
        do {
            try await client.send(EventGridEvent(subject: "s", eventType: "t", data: nil))
            XCTFail("expected an error")
        } catch let error as AzureError {
            XCTAssertEqual(error.kind, .service)
            XCTAssertEqual(error.statusCode, 401)
            XCTAssertEqual(error.errorCode, "Unauthorized")
            XCTAssertTrue(error.message.contains("not authorized"), error.message)
            XCTAssertEqual(error.details, [AzureError.ServiceErrorDetail(code: "Inner", message: "m")])
            XCTAssertEqual(error.requestID, "svc-1")
            XCTAssertEqual(error.clientRequestID, transport.requests.first?.headers["x-ms-client-request-id"])
            XCTAssertEqual(error.rawBody, Data(body.utf8))
        }
        XCTAssertEqual(transport.requests.count, 1, "401 is not retried")
    }

    func test_retry_503ThenSuccessKeepsRequestIDAndBody() async throws {
        let transport = RecordingTransport(statuses: [503, 500, 200])
        let client = try makeClient(transport)
        try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1))
        XCTAssertEqual(transport.requests.count, 3)
        XCTAssertEqual(Set(transport.requests.map { $0.headers["x-ms-client-request-id"] }).count, 1)
        XCTAssertEqual(Set(transport.requests.map(\.body)).count, 1)
    }

    func test_keyRotation_takesEffectOnTheNextSend() async throws {
        let transport = RecordingTransport()
        let credential = AzureKeyCredential("old")
        let client = try EventGridPublisherClient(
            endpoint: endpoint, credential: credential, options: testOptions(transport))
        try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1))
        credential.update("new")
        try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1))
        XCTAssertEqual(transport.requests.map { $0.headers["aeg-sas-key"] }, ["old", "new"])
    }

    func test_sasAndTokenCredentials_setTheirHeaders() async throws {
        final class FixedToken: TokenCredential {
            let scopes = Mutex<[[String]]>([])
            func getToken(for scopes: [String]) async throws -> AccessToken {
                self.scopes.withLock { $0.append(scopes) }
                return AccessToken(token: "tok", expiresOn: Date().addingTimeInterval(3600))
            }
        }
        let transport = RecordingTransport()
        let sasClient = try EventGridPublisherClient(
            endpoint: endpoint,
            credential: AzureSASCredential("r=x&e=y&s=z"),
            options: testOptions(transport)
        )
        try await sasClient.send(EventGridEvent(subject: "s", eventType: "t", data: 1))
        let token = FixedToken()
        let tokenClient = try EventGridPublisherClient(
            endpoint: endpoint, credential: token, options: testOptions(transport))
        try await tokenClient.send(EventGridEvent(subject: "s", eventType: "t", data: 1))

        XCTAssertEqual(transport.requests[0].headers["aeg-sas-token"], "r=x&e=y&s=z")
        XCTAssertNil(transport.requests[0].headers["aeg-sas-key"])
        XCTAssertEqual(transport.requests[1].headers["Authorization"], "Bearer tok")
        XCTAssertEqual(token.scopes.withLock { $0 }, [["https://eventgrid.azure.net/.default"]])
    }

    func test_invalidApplicationID_isRefusedAtInit() {
        var options = testOptions(RecordingTransport())
        options.applicationID = "has space"
        XCTAssertThrowsError(
            try EventGridPublisherClient(endpoint: endpoint, credential: AzureKeyCredential("k"), options: options))
    }
}

/// Asserts that `body` throws an ``AzureError`` of `kind` whose message contains `text`.
func assertAzureError(
    _ kind: AzureError.Kind,
    containing text: String,
    file: StaticString = #filePath,
    line: UInt = #line,
    _ body: () async throws -> Void
) async {
    do {
        try await body()
        XCTFail("expected AzureError.\(kind)", file: file, line: line)
    } catch let error as AzureError {
        XCTAssertEqual(error.kind, kind, error.message, file: file, line: line)
        XCTAssertTrue(
            error.message.contains(text), "'\(error.message)' does not contain '\(text)'", file: file, line: line)
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
    }
}

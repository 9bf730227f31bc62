import AzureCore
import AzureEventGrid
import EventGridEmulator
import Foundation
import Synchronization
import XCTest

/// Every send path through the real URLSession transport to a real HTTP listener on 127.0.0.1.
final class LoopbackWireTests: XCTestCase {
    /// Records requests and answers from a script (the last answer repeats).
    private final class Recorder: Sendable {
        let state: Mutex<(requests: [ServerRequest], answers: [ServerResponse])>
        let delay: Duration?

        init(_ answers: [ServerResponse] = [.empty(status: 200)], delay: Duration? = nil) {
            state = Mutex((requests: [], answers: answers))
            self.delay = delay
        }

        func handle(_ request: ServerRequest) async -> ServerResponse {
            if let delay { try? await Task.sleep(for: delay) }
            return state.withLock { state in
                state.requests.append(request)
                return state.answers.count > 1 ? state.answers.removeFirst() : state.answers[0]
            }
        }

        var requests: [ServerRequest] { state.withLock { $0.requests } }
    }

    private var server: LoopbackHTTPServer?

    override func tearDown() {
        server?.stop()
        server = nil
        super.tearDown()
    }

    private func start(_ recorder: Recorder) throws -> URL {
        let server = LoopbackHTTPServer { request in await recorder.handle(request) }
        try server.start()
        self.server = server
        return server.baseURL.appendingPathComponent("api/events")
    }

    private func options(retries: Int = 3, tryTimeout: Duration? = nil) -> EventGridPublisherClientOptions {
        var options = EventGridPublisherClientOptions(retryClock: ImmediateClock())
        options.retry.maxRetries = retries
        options.retry.tryTimeout = tryTimeout
        return options
    }

    func test_eventGridEvents_arriveWithPathQueryHeadersAndBody() async throws {
        let recorder = Recorder()
        let endpoint = try start(recorder)
        let client = try EventGridPublisherClient(
            endpoint: endpoint, credential: AzureKeyCredential("k1"), options: options())
        try await client.send([
            EventGridEvent(
                subject: "a", eventType: "T", data: ["n": 1], id: "1", eventTime: Date(timeIntervalSince1970: 0)),
            EventGridEvent(
                subject: "b", eventType: "T", data: "x", id: "2", eventTime: Date(timeIntervalSince1970: 0),
                topic: "domain-topic"),
        ])
        let request = try XCTUnwrap(recorder.requests.first)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.path, "/api/events")
        XCTAssertEqual(request.query, ["api-version": "2018-01-01"])
        XCTAssertEqual(request.header("aeg-sas-key"), "k1")
        XCTAssertEqual(request.header("content-type"), "application/json; charset=utf-8")
        XCTAssertNotNil(request.header("x-ms-client-request-id"))
        XCTAssertTrue(request.header("user-agent")?.hasPrefix("azsdk-swift-eventgrid/") ?? false)
        let body = try JSONValue(parsing: request.body)
        XCTAssertEqual(body.arrayValue?.count, 2)
        XCTAssertEqual(body.arrayValue?[1]["topic"], "domain-topic")
        XCTAssertEqual(body.arrayValue?[0]["eventTime"], "1970-01-01T00:00:00Z")
    }

    func test_cloudEvents_withChannelAndSASCredential() async throws {
        let recorder = Recorder()
        let endpoint = try start(recorder)
        let client = try EventGridPublisherClient(
            endpoint: endpoint, credential: AzureSASCredential("r=a&e=b&s=c"), options: options())
        try await client.send(
            [CloudEvent(source: "/s", type: "t", binaryData: Data("hi".utf8), dataContentType: "text/plain", id: "c")],
            channelName: "ch"
        )
        let request = try XCTUnwrap(recorder.requests.first)
        XCTAssertEqual(request.header("content-type"), "application/cloudevents-batch+json; charset=utf-8")
        XCTAssertEqual(request.header("aeg-channel-name"), "ch")
        XCTAssertEqual(request.header("aeg-sas-token"), "r=a&e=b&s=c")
        XCTAssertEqual(try JSONValue(parsing: request.body).arrayValue?.first?["data_base64"], "aGk=")
    }

    func test_customEvents_andPathPrefixEndpoints() async throws {
        let recorder = Recorder()
        let base = try start(recorder)
        let endpoint = base.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "topics/orders")
        let client = try EventGridPublisherClient(
            endpoint: endpoint, credential: AzureKeyCredential("k"), options: options())
        try await client.send(customEvents: [["anything": true]] as [JSONValue])
        let request = try XCTUnwrap(recorder.requests.first)
        XCTAssertEqual(request.path, "/topics/orders/api/events")
        XCTAssertEqual(try JSONValue(parsing: request.body), [["anything": true]])
    }

    func test_retry_503WithRetryAfterThenSuccess_noEventLostOrDuplicated() async throws {
        let recorder = Recorder([
            ServerResponse(status: 503, headers: [("Retry-After", "1")]),
            ServerResponse(status: 429, headers: [("retry-after-ms", "10")]),
            .empty(status: 200),
        ])
        let endpoint = try start(recorder)
        let client = try EventGridPublisherClient(
            endpoint: endpoint, credential: AzureKeyCredential("k"), options: options())
        try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1, id: "only"))
        XCTAssertEqual(recorder.requests.count, 3)
        XCTAssertEqual(Set(recorder.requests.map(\.body)).count, 1)
        XCTAssertEqual(Set(recorder.requests.compactMap { $0.header("x-ms-client-request-id") }).count, 1)
    }

    func test_serviceErrors_areTypedWithCodeAndMessage() async throws {
        let body = Data(
            #"{"error":{"code":"BadRequest","message":"Required property 'subject' was not set.","details":[{"code":"InputJsonInvalid","message":"m"}]}}"#
                .utf8)
        let recorder = Recorder([ServerResponse(status: 400, headers: [("x-ms-request-id", "rid")], body: body)])
        let endpoint = try start(recorder)
        let client = try EventGridPublisherClient(
            endpoint: endpoint, credential: AzureKeyCredential("k"), options: options())
        do {
            try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1))
            XCTFail("expected an error")
        } catch let error as AzureError {
            XCTAssertEqual(error.kind, .service)
            XCTAssertEqual(error.statusCode, 400)
            XCTAssertEqual(error.errorCode, "BadRequest")
            XCTAssertEqual(error.details.first?.code, "InputJsonInvalid")
            XCTAssertEqual(error.requestID, "rid")
            XCTAssertTrue(error.message.contains("subject"), error.message)
        }
        XCTAssertEqual(recorder.requests.count, 1)
    }

    func test_tryTimeout_surfacesAsTimeout() async throws {
        let recorder = Recorder(delay: .seconds(3))
        let endpoint = try start(recorder)
        let client = try EventGridPublisherClient(
            endpoint: endpoint,
            credential: AzureKeyCredential("k"),
            options: options(retries: 0, tryTimeout: .milliseconds(300))
        )
        let started = ContinuousClock.now
        do {
            try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1))
            XCTFail("expected a timeout")
        } catch let error as AzureError {
            XCTAssertEqual(error.kind, .timeout, error.message)
        }
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(2))
    }

    func test_cancellation_stopsTheSend() async throws {
        let recorder = Recorder(delay: .seconds(3))
        let endpoint = try start(recorder)
        let client = try EventGridPublisherClient(
            endpoint: endpoint, credential: AzureKeyCredential("k"), options: options())
        let task = Task { try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1)) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        do {
            try await task.value
            XCTFail("expected cancellation")
        } catch let error as AzureError {
            XCTAssertEqual(error.kind, .cancelled, error.message)
        }
    }

    func test_connectionRefused_isATransportErrorAfterRetries() async throws {
        let recorder = Recorder()
        let endpoint = try start(recorder)
        server?.stop()
        let client = try EventGridPublisherClient(
            endpoint: endpoint, credential: AzureKeyCredential("k"), options: options(retries: 2))
        do {
            try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1))
            XCTFail("expected an error")
        } catch let error as AzureError {
            XCTAssertEqual(error.kind, .transport, error.message)
        }
    }
}

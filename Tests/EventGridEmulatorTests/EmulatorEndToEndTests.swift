import AzureCore
import AzureEventGrid
import EventGridEmulator
import Foundation
import Synchronization
import XCTest

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A retry clock that records the waits and never sleeps.
private final class NoSleepClock: RetryClock {
    private let waits = Mutex<[Duration]>([])

    func now() -> Date { Date() }

    func sleep(for duration: Duration) async throws {
        waits.withLock { $0.append(duration) }
        try Task.checkCancellation()
    }

    var recorded: [Duration] { waits.withLock { $0 } }
}

/// The emulator's test issuer, seen from the client side: a fixed token.
private struct StaticTokenCredential: TokenCredential {
    let token: String

    func getToken(for scopes: [String]) async throws -> AccessToken {
        AccessToken(token: token, expiresOn: Date().addingTimeInterval(3600))
    }
}

/// Pads the JSON body with spaces (still valid JSON) so the request goes over the service limit
/// after the client's own size check.
private struct PaddingPolicy: HTTPPolicy {
    let bytes: Int

    func send(_ request: HTTPRequest, context: PipelineContext, next: NextPolicy) async throws -> HTTPResponse {
        var padded = request
        padded.body = (request.body ?? Data()) + Data(repeating: UInt8(ascii: " "), count: bytes)
        return try await next.send(padded, context: context)
    }
}

/// Every send path of the SDK, through URLSession, against the real emulator over loopback.
final class EmulatorEndToEndTests: XCTestCase {
    private let key = Data("emulator-key-one".utf8).base64EncodedString()
    private let otherKey = Data("emulator-key-two".utf8).base64EncodedString()
    private let bearer = "test-issuer-token-1"

    private var emulator: EventGridEmulator?

    override func tearDown() {
        emulator?.stop()
        emulator = nil
        super.tearDown()
    }

    private func start(_ topics: [EmulatorTopic]? = nil) throws -> EventGridEmulator {
        let emulator = try EventGridEmulator(
            topics: topics ?? [
                EmulatorTopic(name: "orders", schema: .eventGrid, keys: [key]),
                EmulatorTopic(name: "clouds", schema: .cloudEvents, keys: [key]),
                EmulatorTopic(name: "custom", schema: .custom, keys: [key]),
                EmulatorTopic(name: "shop", schema: .eventGrid, keys: [key], isDomain: true),
                EmulatorTopic(name: "cloudshop", schema: .cloudEvents, keys: [key], isDomain: true),
            ],
            bearerTokens: [bearer]
        )
        try emulator.start()
        self.emulator = emulator
        return emulator
    }

    private func options(retry: RetryOptions = RetryOptions(maxRetries: 0), clock: NoSleepClock = NoSleepClock())
        -> EventGridPublisherClientOptions
    {
        EventGridPublisherClientOptions(retry: retry, retryClock: clock)
    }

    private func client(
        _ emulator: EventGridEmulator,
        topic: String,
        key: String? = nil,
        options: EventGridPublisherClientOptions? = nil
    ) throws -> EventGridPublisherClient {
        try EventGridPublisherClient(
            endpoint: XCTUnwrap(emulator.endpoint(forTopic: topic)),
            credential: AzureKeyCredential(key ?? self.key),
            options: options ?? self.options()
        )
    }

    private func serviceError(_ body: () async throws -> Void, file: StaticString = #filePath, line: UInt = #line)
        async -> AzureError?
    {
        do {
            try await body()
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch let error as AzureError {
            return error
        } catch {
            XCTFail("expected AzureError, got \(error)", file: file, line: line)
            return nil
        }
    }

    // MARK: Schemas and auth

    func test_eventGridEvents_withKey_areAcceptedInOrder() async throws {
        let emulator = try start()
        let client = try client(emulator, topic: "orders")
        let events = (0..<3).map {
            EventGridEvent(subject: "/orders/\($0)", eventType: "Shop.OrderPlaced", data: ["n": .int(Int64($0))])
        }
        try await client.send(events)
        try await client.send(EventGridEvent(subject: "/orders/3", eventType: "Shop.OrderPlaced", data: nil))
        let accepted = emulator.events(topic: "orders")
        XCTAssertEqual(accepted.map(\.id), events.map(\.id) + [accepted.last?.id])
        XCTAssertEqual(accepted.count, 4)
        XCTAssertEqual(accepted.first?.authMethod, .key)
        XCTAssertEqual(accepted.first?.event["subject"], "/orders/0")
        XCTAssertTrue(accepted.first?.userAgent?.contains("azsdk-swift-eventgrid") ?? false)
        XCTAssertEqual(emulator.requests(topic: "orders").map(\.status), [200, 200])
    }

    func test_cloudEvents_withChannelName_jsonAndBinaryData() async throws {
        let emulator = try start()
        let client = try client(emulator, topic: "clouds")
        let json = CloudEvent(source: "/shop", type: "Shop.Paid", data: ["amount": 5])
        let binary = CloudEvent(
            source: "/shop",
            type: "Shop.Blob",
            binaryData: Data([0, 1, 2, 255]),
            dataContentType: "application/octet-stream"
        )
        try await client.send([json, binary], channelName: "partner-channel")
        let accepted = emulator.events(topic: "clouds")
        XCTAssertEqual(accepted.map(\.id), [json.id, binary.id])
        XCTAssertEqual(accepted.first?.channelName, "partner-channel")
        XCTAssertTrue(accepted.first?.contentType?.hasPrefix("application/cloudevents-batch+json") ?? false)
        XCTAssertEqual(accepted.last?.event["data_base64"], .string(Data([0, 1, 2, 255]).base64EncodedString()))
        XCTAssertEqual(accepted.first?.event["specversion"], "1.0")
    }

    func test_customEvents_areAcceptedAsSent() async throws {
        let emulator = try start()
        let client = try client(emulator, topic: "custom")
        try await client.send(customEvents: [["kind": "a", "value": 1], ["kind": "b", "nested": ["x": true]]])
        struct Order: Encodable { var orderID: String }
        try await client.send(customEvents: [Order(orderID: "42")])
        let accepted = emulator.events(topic: "custom").map(\.event)
        XCTAssertEqual(accepted.count, 3)
        XCTAssertEqual(accepted[0]["kind"], "a")
        XCTAssertEqual(accepted[2]["orderID"], "42")
    }

    func test_publishableEvents_andASingleCloudEvent() async throws {
        let emulator = try start()
        let clouds = try client(emulator, topic: "clouds")
        let single = CloudEvent(source: "/s", type: "t", data: "one", subject: "first")
        try await clouds.send(single)
        let mixed: [PublishableEvent] = [.cloudEvent(CloudEvent(source: "/s", type: "t", data: 2))]
        try await clouds.send(mixed, channelName: "ch")
        try await client(emulator, topic: "custom").send([PublishableEvent.custom(["k": 1])])
        try await client(emulator, topic: "orders").send([
            PublishableEvent.eventGrid(EventGridEvent(subject: "s", eventType: "t", data: 1))
        ])
        XCTAssertEqual(emulator.events(topic: "clouds").map(\.channelName), [nil, "ch"])
        XCTAssertEqual(emulator.events(topic: "clouds").first?.event["subject"], "first")
        XCTAssertEqual(emulator.events(topic: "custom").count, 1)
        XCTAssertEqual(emulator.events(topic: "orders").count, 1)
    }

    func test_automaticSplitting_sendsEveryEventOnceInOrder_underTheLimit() async throws {
        let emulator = try start()
        let client = try client(emulator, topic: "custom")
        let filler = String(repeating: "x", count: 600_000)
        let events: [JSONValue] = (0..<4).map { ["n": .int(Int64($0)), "filler": .string(filler)] }
        try await client.send(customEvents: events, splitting: .automatic)
        XCTAssertEqual(emulator.events(topic: "custom").map { $0.event["n"] }, [0, 1, 2, 3])
        XCTAssertGreaterThanOrEqual(emulator.requests(topic: "custom").count, 2)
        XCTAssertTrue(emulator.requests(topic: "custom").allSatisfy { $0.status == 200 })
    }

    func test_automaticSplitting_partialFailure_saysWhatWasAccepted() async throws {
        let emulator = try start()
        emulator.inject(.fail(status: 503, after: 1), topic: "custom")
        let client = try client(emulator, topic: "custom")
        let filler = String(repeating: "y", count: 900_000)
        let events: [JSONValue] = (0..<3).map { ["n": .int(Int64($0)), "filler": .string(filler)] }
        let error = await serviceError { try await client.send(customEvents: events, splitting: .automatic) }
        XCTAssertEqual(error?.kind, .partialFailure)
        XCTAssertEqual(error?.statusCode, 503)
        XCTAssertEqual(error?.partialSend?.acceptedEventIndices, 0..<1)
        XCTAssertEqual(emulator.events(topic: "custom").map { $0.event["n"] }, [0])
        XCTAssertEqual(emulator.requests(topic: "custom").map(\.status), [200, 503])
    }

    func test_singleTopic_isServedAtApiEvents() async throws {
        let emulator = try start([EmulatorTopic(name: "solo", schema: .eventGrid, keys: [key])])
        XCTAssertEqual(emulator.endpoint(forTopic: "solo")?.path, "/api/events")
        let client = try client(emulator, topic: "solo")
        try await client.send(EventGridEvent(subject: "s", eventType: "t", data: "x"))
        let byPath = try EventGridPublisherClient(
            endpoint: XCTUnwrap(URL(string: emulator.baseURL.absoluteString + "/topics/solo/api/events")),
            credential: AzureKeyCredential(key),
            options: options()
        )
        try await byPath.send(EventGridEvent(subject: "s", eventType: "t", data: "y"))
        XCTAssertEqual(emulator.events(topic: "solo").count, 2)
    }

    func test_domain_eventGridAndCloudEvents_needTheDomainTopic() async throws {
        let emulator = try start()
        let eventGrid = try client(emulator, topic: "shop")
        try await eventGrid.send(EventGridEvent(subject: "s", eventType: "t", data: 1, topic: "tenant-a"))
        let missing = await serviceError {
            try await eventGrid.send(EventGridEvent(subject: "s", eventType: "t", data: 1))
        }
        XCTAssertEqual(missing?.statusCode, 400)
        XCTAssertEqual(missing?.errorCode, "BadRequest")
        XCTAssertTrue(
            missing?.message.contains("Required property 'topic' was not set.") ?? false,
            "\(String(describing: missing))")

        let cloud = try client(emulator, topic: "cloudshop")
        try await cloud.send(CloudEvent(source: "tenant-b", type: "t", data: 1))
        let absolute = await serviceError {
            try await cloud.send(CloudEvent(source: "https://example.com/tenant", type: "t", data: 1))
        }
        XCTAssertEqual(absolute?.statusCode, 400)
        XCTAssertTrue(
            absolute?.message.contains(
                "Required property 'source' needs to either be a full resource id or should be just the name of the domain topic."
            ) ?? false
        )
        XCTAssertEqual(emulator.events(topic: "shop").map { $0.event["topic"] }, ["tenant-a"])
        XCTAssertEqual(emulator.events(topic: "cloudshop").map { $0.event["source"] }, ["tenant-b"])
    }

    func test_sasFromGenerateSAS_isAccepted_expiredIsRefused() async throws {
        let emulator = try start()
        let endpoint = try XCTUnwrap(emulator.endpoint(forTopic: "orders"))
        let token = try generateSAS(endpoint: endpoint, key: key, expiresOn: Date().addingTimeInterval(600))
        let client = try EventGridPublisherClient(
            endpoint: endpoint, credential: AzureSASCredential(token), options: options())
        try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1))
        XCTAssertEqual(emulator.events(topic: "orders").first?.authMethod, .sas)

        let expired = try generateSAS(endpoint: endpoint, key: key, expiresOn: Date().addingTimeInterval(-5))
        let old = try EventGridPublisherClient(
            endpoint: endpoint, credential: AzureSASCredential(expired), options: options())
        let error = await serviceError { try await old.send(EventGridEvent(subject: "s", eventType: "t", data: 1)) }
        XCTAssertEqual(error?.statusCode, 401)
        XCTAssertEqual(error?.errorCode, "Unauthorized")
        XCTAssertTrue(error?.message.contains("The request authorization key is not authorized for") ?? false)
        XCTAssertTrue(error?.message.contains("expired") ?? false)

        // A token for another topic's path does not cover this one.
        let other = try generateSAS(
            endpoint: XCTUnwrap(emulator.endpoint(forTopic: "custom")), key: key,
            expiresOn: Date().addingTimeInterval(600))
        let wrongResource = try EventGridPublisherClient(
            endpoint: endpoint, credential: AzureSASCredential(other), options: options())
        let refused = await serviceError {
            try await wrongResource.send(EventGridEvent(subject: "s", eventType: "t", data: 1))
        }
        XCTAssertEqual(refused?.statusCode, 401)
    }

    func test_bearerToken_fromTheTestIssuer() async throws {
        let emulator = try start()
        let endpoint = try XCTUnwrap(emulator.endpoint(forTopic: "orders"))
        let good = try EventGridPublisherClient(
            endpoint: endpoint, credential: StaticTokenCredential(token: bearer), options: options())
        try await good.send(EventGridEvent(subject: "s", eventType: "t", data: 1))
        XCTAssertEqual(emulator.events(topic: "orders").first?.authMethod, .bearer)
        let bad = try EventGridPublisherClient(
            endpoint: endpoint, credential: StaticTokenCredential(token: "nope"), options: options())
        let error = await serviceError { try await bad.send(EventGridEvent(subject: "s", eventType: "t", data: 1)) }
        XCTAssertEqual(error?.statusCode, 401)
        XCTAssertEqual(error?.errorCode, "Unauthorized")
    }

    func test_keyRotation_onALiveClient() async throws {
        let emulator = try start([EmulatorTopic(name: "orders", schema: .eventGrid, keys: [otherKey])])
        let credential = AzureKeyCredential(key)
        let client = try EventGridPublisherClient(
            endpoint: XCTUnwrap(emulator.endpoint(forTopic: "orders")),
            credential: credential,
            options: options()
        )
        let error = await serviceError { try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1)) }
        XCTAssertEqual(error?.statusCode, 401)
        XCTAssertTrue(
            error?.message.hasPrefix("HTTP 401 Unauthorized: The request authorization key is not authorized for")
                ?? false, "\(String(describing: error))")
        XCTAssertNotNil(error?.requestID)
        credential.update(otherKey)
        try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 2))
        XCTAssertEqual(emulator.events(topic: "orders").map { $0.event["data"] }, [2])
    }

    // MARK: Faults and retries

    func test_retries_across503And429_withRetryAfter_loseAndDuplicateNothing() async throws {
        let emulator = try start()
        emulator.inject(.fail(status: 503, count: 2, retryAfter: 2), topic: "orders")
        emulator.inject(.fail(status: 429, retryAfterMilliseconds: 1500), topic: "orders")
        let clock = NoSleepClock()
        let client = try client(
            emulator, topic: "orders", options: options(retry: RetryOptions(maxRetries: 3), clock: clock))
        let events = (0..<5).map { EventGridEvent(subject: "/o/\($0)", eventType: "t", data: 1) }
        try await client.send(events)
        XCTAssertEqual(emulator.requests(topic: "orders").map(\.status), [503, 503, 429, 200])
        XCTAssertEqual(emulator.events(topic: "orders").map(\.id), events.map(\.id))
        XCTAssertEqual(clock.recorded.count, 3)
        XCTAssertGreaterThanOrEqual(clock.recorded.first ?? .zero, .seconds(2))
        XCTAssertGreaterThanOrEqual(clock.recorded.last ?? .zero, .milliseconds(1500))
    }

    func test_retriesExhausted_surfaceTheLastServiceError() async throws {
        let emulator = try start()
        emulator.inject(.fail(status: 503, count: 3))
        let client = try client(emulator, topic: "orders", options: options(retry: RetryOptions(maxRetries: 2)))
        let error = await serviceError { try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1)) }
        XCTAssertEqual(error?.statusCode, 503)
        XCTAssertEqual(error?.errorCode, "ServiceUnavailable")
        XCTAssertTrue(emulator.events(topic: "orders").isEmpty)
    }

    func test_droppedConnection_isRetried() async throws {
        let emulator = try start()
        emulator.inject(.dropConnection(), topic: "custom")
        let client = try client(emulator, topic: "custom", options: options(retry: RetryOptions(maxRetries: 2)))
        try await client.send(customEvents: [["n": 1]])
        XCTAssertEqual(emulator.requests(topic: "custom").map(\.status), [0, 200])
        XCTAssertEqual(emulator.events(topic: "custom").count, 1)
    }

    func test_tryTimeout_givesATimeoutError() async throws {
        let emulator = try start()
        emulator.inject(.delay(.milliseconds(2000)), topic: "orders")
        let client = try client(
            emulator,
            topic: "orders",
            options: options(retry: RetryOptions(maxRetries: 0, tryTimeout: .milliseconds(300)))
        )
        let started = Date()
        let error = await serviceError { try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1)) }
        XCTAssertEqual(error?.kind, .timeout)
        // Well before the 2 s answer, with room for a loaded machine.
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.8)
    }

    func test_tryTimeout_thenRetrySucceeds_noDuplicateBeyondTheRetries() async throws {
        let emulator = try start()
        emulator.inject(.delay(.milliseconds(2500)), topic: "orders")
        let client = try client(
            emulator,
            topic: "orders",
            options: options(retry: RetryOptions(maxRetries: 3, tryTimeout: .milliseconds(1000)))
        )
        let event = EventGridEvent(subject: "s", eventType: "t", data: 1)
        try await client.send(event)
        // Stopping waits for the delayed request: a timed-out try is still accepted once its
        // delay ends, as with a slow service, so each retry may add one copy, never more.
        emulator.stop()
        let ids = emulator.events(topic: "orders").map(\.id)
        let tries = emulator.requests(topic: "orders").count
        XCTAssertTrue(ids.allSatisfy { $0 == event.id }, "\(ids)")
        XCTAssertGreaterThanOrEqual(ids.count, 1)
        XCTAssertLessThanOrEqual(ids.count, tries)
        XCTAssertLessThanOrEqual(tries, 4)
    }

    func test_cancellation_givesACancelledError() async throws {
        let emulator = try start()
        emulator.inject(.delay(.milliseconds(1000)), topic: "orders")
        let client = try client(emulator, topic: "orders")
        let task = Task { try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1)) }
        try await Task.sleep(for: .milliseconds(150))
        task.cancel()
        do {
            try await task.value
            XCTFail("expected cancellation")
        } catch let error as AzureError {
            XCTAssertEqual(error.kind, .cancelled)
        } catch is CancellationError {
        }
    }

    // MARK: Errors as the service

    func test_badRequest_namesTheMissingProperty() async throws {
        let emulator = try start()
        // Custom-schema objects sent to an Event Grid schema topic.
        let client = try client(emulator, topic: "orders")
        let error = await serviceError {
            try await client.send(customEvents: [
                ["id": "1", "eventType": "t", "eventTime": "2026-01-01T00:00:00Z", "dataVersion": "1", "data": 1]
            ])
        }
        XCTAssertEqual(error?.statusCode, 400)
        XCTAssertEqual(error?.errorCode, "BadRequest")
        XCTAssertTrue(
            error?.message.contains("Required property 'subject' was not set.") ?? false, "\(String(describing: error))"
        )
        XCTAssertEqual(error?.details.first?.code, "InputJsonInvalid")
        XCTAssertTrue(emulator.events(topic: "orders").isEmpty)
        XCTAssertEqual(emulator.requests(topic: "orders").map(\.status), [400])
    }

    func test_overTheSizeLimit_is413WithTheServiceMessage() async throws {
        let emulator = try start()
        var options = options()
        options.perRetryPolicies = [PaddingPolicy(bytes: 1_536_001)]
        let client = try client(emulator, topic: "custom", options: options)
        let error = await serviceError { try await client.send(customEvents: [["n": 1]]) }
        XCTAssertEqual(error?.statusCode, 413)
        XCTAssertTrue(
            error?.message.contains("The maximum size (1536000) has been exceeded.") ?? false,
            "\(String(describing: error))")
        XCTAssertTrue(emulator.events(topic: "custom").isEmpty)
    }

    func test_wrongApiVersion_is400() async throws {
        let emulator = try start()
        var options = options()
        options.apiVersion = .init(rawValue: "2019-01-01")
        let client = try client(emulator, topic: "orders", options: options)
        let error = await serviceError { try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1)) }
        XCTAssertEqual(error?.statusCode, 400)
        XCTAssertTrue(error?.message.contains("does not support the API version '2019-01-01'") ?? false)
    }

    func test_unknownTopic_is404() async throws {
        let emulator = try start()
        let client = try EventGridPublisherClient(
            endpoint: XCTUnwrap(URL(string: emulator.baseURL.absoluteString + "/topics/nope/api/events")),
            credential: AzureKeyCredential(key),
            options: options()
        )
        let error = await serviceError { try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1)) }
        XCTAssertEqual(error?.statusCode, 404)
        XCTAssertEqual(error?.errorCode, "NotFound")
        XCTAssertTrue(error?.message.contains("No HTTP resource was found that matches the request URI") ?? false)
    }

    // MARK: Inspection over HTTP

    func test_inspectionEndpoint_listsAcceptedEvents() async throws {
        let emulator = try start()
        let client = try client(emulator, topic: "orders")
        let event = EventGridEvent(subject: "s", eventType: "t", data: ["k": "v"])
        try await client.send(event)
        let url = try XCTUnwrap(URL(string: emulator.baseURL.absoluteString + "/_emulator/topics/orders/events"))
        let (data, response) = try await URLSession.shared.data(from: url)
        XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200)
        let array = try JSONValue(parsing: data).arrayValue
        XCTAssertEqual(array?.map { $0["id"] }, [.string(event.id)])
        XCTAssertEqual(array?.first?["data"], ["k": "v"])
    }
}

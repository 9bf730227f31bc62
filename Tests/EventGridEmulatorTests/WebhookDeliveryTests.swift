import AzureCore
import AzureEventGrid
import EventGridEmulator
import Foundation
import Synchronization
import XCTest

/// Push delivery from the emulator to a local webhook (a second loopback server), with the
/// validation handshakes, over real HTTP.
final class WebhookDeliveryTests: XCTestCase {
    private let key = Data("webhook-key".utf8).base64EncodedString()

    /// A webhook that records requests and answers the handshakes (unless told not to).
    private final class Receiver: Sendable {
        let seen = Mutex<[ServerRequest]>([])
        let answersHandshake: Bool
        let failFirstNotifications: Mutex<Int>

        init(answersHandshake: Bool = true, failFirstNotifications: Int = 0) {
            self.answersHandshake = answersHandshake
            self.failFirstNotifications = Mutex(failFirstNotifications)
        }

        func handle(_ request: ServerRequest) -> ServerResponse {
            seen.withLock { $0.append(request) }
            if request.method == "OPTIONS" {
                guard answersHandshake else { return .empty(status: 200) }
                return ServerResponse(
                    status: 200, headers: [(name: "WebHook-Allowed-Origin", value: "eventgrid.azure.net")])
            }
            if request.header("aeg-event-type") == "SubscriptionValidation" {
                guard answersHandshake, let body = try? JSONValue(parsing: request.body),
                    let code = body.arrayValue?.first?["data"]?["validationCode"]?.stringValue
                else { return .empty(status: 400) }
                return .json(Data(#"{"validationResponse":"\#(code)"}"#.utf8))
            }
            let fail = failFirstNotifications.withLock { count -> Bool in
                defer { count = max(0, count - 1) }
                return count > 0
            }
            return .empty(status: fail ? 503 : 200)
        }

        var requests: [ServerRequest] { seen.withLock { $0 } }
    }

    private func run(
        schema: EventGridSchema,
        receiver: Receiver,
        publish: (EventGridPublisherClient) async throws -> Void
    ) async throws -> (EventGridEmulator, EmulatorDeliveryStatus) {
        let webhook = LoopbackHTTPServer { request in receiver.handle(request) }
        try webhook.start()
        addTeardownBlock { webhook.stop() }
        let hookURL = try XCTUnwrap(URL(string: webhook.baseURL.absoluteString + "/hook"))
        let emulator = try EventGridEmulator(
            configuration: .init(
                topics: [EmulatorTopic(name: "orders", schema: schema, keys: [key])],
                subscriptions: [
                    EmulatorSubscription(
                        topic: "orders", name: "sub1", endpoint: hookURL, retryDelay: .milliseconds(10))
                ]
            )
        )
        try emulator.start()
        addTeardownBlock { emulator.stop() }
        let client = try EventGridPublisherClient(
            endpoint: XCTUnwrap(emulator.endpoint(forTopic: "orders")),
            credential: AzureKeyCredential(key)
        )
        try await publish(client)
        let idle = await emulator.waitForDeliveries(timeout: .seconds(10))
        XCTAssertTrue(idle)
        return (emulator, try XCTUnwrap(emulator.deliveryStatus(subscription: "sub1")))
    }

    func test_eventGridSchema_handshakeThenOneNotificationPerEvent() async throws {
        let receiver = Receiver()
        let events = (0..<3).map {
            EventGridEvent(subject: "/o/\($0)", eventType: "Shop.Placed", data: ["n": .int(Int64($0))])
        }
        let (_, status) = try await run(schema: .eventGrid, receiver: receiver) { try await $0.send(events) }
        XCTAssertEqual(status.validation, .validated)
        XCTAssertEqual(status.delivered, events.map(\.id))
        let requests = receiver.requests
        XCTAssertEqual(
            requests.map { $0.header("aeg-event-type") },
            ["SubscriptionValidation", "Notification", "Notification", "Notification"])
        let delivered = try requests.dropFirst().map { try EventGridParser.parseEventGridEvents($0.body) }
        XCTAssertEqual(delivered.count, 3)
        let first = try XCTUnwrap(JSONValue(parsing: requests[1].body).arrayValue?.first)
        XCTAssertEqual(first["metadataVersion"], "1")
        XCTAssertTrue(first["topic"]?.stringValue?.hasSuffix("/topics/orders") ?? false)
        XCTAssertEqual(requests[1].header("aeg-subscription-name"), "SUB1")
        XCTAssertEqual(requests[1].header("aeg-delivery-count"), "0")
    }

    func test_cloudEvents_optionsHandshake_thenStructuredDelivery() async throws {
        let receiver = Receiver()
        let event = CloudEvent(source: "/s", type: "t", data: ["k": "v"])
        let (_, status) = try await run(schema: .cloudEvents, receiver: receiver) { try await $0.send(event) }
        XCTAssertEqual(status.validation, .validated)
        XCTAssertEqual(status.delivered, [event.id])
        let requests = receiver.requests
        XCTAssertEqual(requests.map(\.method), ["OPTIONS", "POST"])
        XCTAssertEqual(requests[0].header("WebHook-Request-Origin"), "eventgrid.azure.net")
        XCTAssertEqual(requests[1].header("Content-Type"), "application/cloudevents+json; charset=utf-8")
        XCTAssertEqual(try JSONValue(parsing: requests[1].body)["id"], .string(event.id))
    }

    func test_failedHandshake_deliversNothing() async throws {
        let receiver = Receiver(answersHandshake: false)
        let (emulator, status) = try await run(schema: .eventGrid, receiver: receiver) {
            try await $0.send(EventGridEvent(subject: "s", eventType: "t", data: 1))
        }
        XCTAssertEqual(status.validation, .failed)
        XCTAssertEqual(status.delivered, [])
        XCTAssertEqual(status.undeliverable.count, 1)
        XCTAssertEqual(receiver.requests.count, 1)
        XCTAssertEqual(emulator.events(topic: "orders").count, 1, "publishing still succeeds")
    }

    func test_failedNotification_isRetried_thenGivenUp() async throws {
        let receiver = Receiver(failFirstNotifications: 4)
        let events = (0..<2).map { EventGridEvent(subject: "/o/\($0)", eventType: "t", data: 1) }
        let (_, status) = try await run(schema: .custom, receiver: receiver) {
            try await $0.send(customEvents: events.map { ["id": .string($0.id)] as JSONValue })
        }
        // Three tries for the first event (all 503), then the second: one 503, then 200.
        XCTAssertEqual(status.attempts, [200, 503, 503, 503, 503, 200])
        XCTAssertEqual(status.undeliverable, [events[0].id])
        XCTAssertEqual(status.delivered, [events[1].id])
        XCTAssertEqual(receiver.requests.last?.header("aeg-delivery-count"), "1")
    }

    func test_subscriptionForAnUnknownTopic_isRefused() throws {
        XCTAssertThrowsError(
            try EventGridEmulator(
                configuration: .init(
                    topics: [EmulatorTopic(name: "orders", schema: .custom, keys: [key])],
                    subscriptions: [
                        EmulatorSubscription(
                            topic: "other", name: "s", endpoint: XCTUnwrap(URL(string: "http://127.0.0.1:1/")))
                    ]
                )
            )
        )
    }
}

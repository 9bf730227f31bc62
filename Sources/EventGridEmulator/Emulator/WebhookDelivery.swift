import AzureCore
public import Foundation

/// A webhook subscription of an emulated topic: accepted events are pushed to `endpoint`,
/// after the subscription-validation handshake.
///
/// Event Grid schema and custom topics: the first delivery is preceded by a
/// `Microsoft.EventGrid.SubscriptionValidationEvent` (`aeg-event-type: SubscriptionValidation`)
/// that the endpoint must answer with 200 and `{"validationResponse":"<code>"}`; then each
/// event is POSTed as a one-element array (`aeg-event-type: Notification`). CloudEvents topics:
/// an `OPTIONS` request with `WebHook-Request-Origin: eventgrid.azure.net` must be answered with
/// `WebHook-Allowed-Origin` (that origin or `*`); then each event is POSTed alone as
/// `application/cloudevents+json`. A failed handshake fails the subscription (nothing is
/// delivered). A delivery answered outside 200–204 is tried again, a few times.
public struct EmulatorSubscription: Sendable, Hashable {
    /// The topic (or domain) whose events are delivered.
    public var topic: String
    /// The subscription's name (sent as `aeg-subscription-name`).
    public var name: String
    /// The webhook URL.
    public var endpoint: URL
    /// How many times a delivery is tried in all (at least 1).
    public var maxAttempts: Int
    /// The wait between two tries of a delivery.
    public var retryDelay: Duration

    /// Creates a subscription.
    /// - Parameters:
    ///   - topic: The topic name.
    ///   - name: The subscription name.
    ///   - endpoint: The webhook URL.
    ///   - maxAttempts: Tries per delivery (3 by default).
    ///   - retryDelay: The wait between tries (0.2 s by default; the service waits 10 s or more).
    public init(
        topic: String,
        name: String,
        endpoint: URL,
        maxAttempts: Int = 3,
        retryDelay: Duration = .milliseconds(200)
    ) {
        self.topic = topic
        self.name = name
        self.endpoint = endpoint
        self.maxAttempts = max(1, maxAttempts)
        self.retryDelay = retryDelay
    }
}

/// What happened to one subscription's deliveries.
public struct EmulatorDeliveryStatus: Sendable, Hashable {
    /// The handshake's state.
    public enum Validation: String, Sendable, Hashable {
        /// Not tried yet (no event arrived).
        case pending
        /// The endpoint answered the handshake.
        case validated
        /// The endpoint did not answer the handshake as required; nothing is delivered.
        case failed
    }

    /// The handshake's state.
    public var validation: Validation
    /// Ids of events the endpoint accepted (200–204), in delivery order.
    public var delivered: [String]
    /// Ids of events given up on after every try.
    public var undeliverable: [String]
    /// Every try's HTTP status (0 when no answer came), handshake included.
    public var attempts: [Int]

    /// Creates a status.
    /// - Parameters:
    ///   - validation: The handshake's state.
    ///   - delivered: Delivered event ids.
    ///   - undeliverable: Given-up event ids.
    ///   - attempts: Every try's status.
    public init(
        validation: Validation = .pending, delivered: [String] = [], undeliverable: [String] = [], attempts: [Int] = []
    ) {
        self.validation = validation
        self.delivered = delivered
        self.undeliverable = undeliverable
        self.attempts = attempts
    }
}

/// Pushes one subscription's events, one at a time and in order, on its own task.
final class WebhookDeliverer: Sendable {
    let subscription: EmulatorSubscription
    private let topic: EmulatorTopic
    private let transport: any HTTPTransport
    private let state = Locked(DelivererState())
    /// Signals pending work to the delivery task.
    private let work: AsyncStream<Void>.Continuation
    private let task: Task<Void, Never>

    private struct DelivererState {
        var queue: [JSONValue] = []
        var status = EmulatorDeliveryStatus()
        var busy = false
    }

    init(subscription: EmulatorSubscription, topic: EmulatorTopic, transport: any HTTPTransport) {
        self.subscription = subscription
        self.topic = topic
        self.transport = transport
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        work = continuation
        let state = self.state
        let deliver = Delivery(subscription: subscription, topic: topic, transport: transport, state: state)
        task = Task.detached {
            for await _ in stream {
                await deliver.drain()
            }
        }
    }

    deinit {
        work.finish()
        task.cancel()
    }

    func enqueue(_ events: [JSONValue]) {
        state.withLock { $0.queue.append(contentsOf: events) }
        work.yield()
    }

    var status: EmulatorDeliveryStatus {
        state.withLock { $0.status }
    }

    /// Whether nothing is queued or being delivered.
    var isIdle: Bool {
        state.withLock { $0.queue.isEmpty && !$0.busy }
    }

    func stop() {
        work.finish()
        task.cancel()
    }

    /// The delivery loop's body, separate so the task does not capture the deliverer.
    private struct Delivery: Sendable {
        let subscription: EmulatorSubscription
        let topic: EmulatorTopic
        let transport: any HTTPTransport
        let state: Locked<DelivererState>

        func drain() async {
            while !Task.isCancelled {
                let next = state.withLock { state -> (JSONValue, EmulatorDeliveryStatus.Validation)? in
                    guard !state.queue.isEmpty else {
                        state.busy = false
                        return nil
                    }
                    state.busy = true
                    return (state.queue.removeFirst(), state.status.validation)
                }
                guard let next else { return }
                let (event, validation) = next
                switch validation {
                case .failed:
                    record(undeliverable: event)
                    continue
                case .pending:
                    let ok = await handshake()
                    state.withLock { $0.status.validation = ok ? .validated : .failed }
                    if !ok {
                        record(undeliverable: event)
                        continue
                    }
                case .validated:
                    break
                }
                await deliver(event)
            }
        }

        private func record(undeliverable event: JSONValue) {
            let id = event["id"]?.stringValue ?? ""
            state.withLock { $0.status.undeliverable.append(id) }
        }

        private func send(_ request: HTTPRequest) async -> HTTPResponse? {
            let response = try? await transport.send(request, context: PipelineContext(tryTimeout: .seconds(30)))
            state.withLock { $0.status.attempts.append(response?.statusCode ?? 0) }
            return response
        }

        private func handshake() async -> Bool {
            if topic.schema == .cloudEvents {
                var request = HTTPRequest(method: .options, url: subscription.endpoint)
                request.headers["WebHook-Request-Origin"] = "eventgrid.azure.net"
                request.headers["WebHook-Request-Rate"] = "120"
                guard let response = await send(request), (200...299).contains(response.statusCode) else {
                    return false
                }
                let allowed = response.headers["WebHook-Allowed-Origin"]?.trimmingCharacters(in: .whitespaces)
                return allowed == "*" || allowed?.lowercased() == "eventgrid.azure.net"
            }
            let code = UUID().uuidString
            let validationEvent: JSONValue = [
                "id": .string(UUID().uuidString.lowercased()),
                "topic": .string(resourceID),
                "subject": "",
                "data": [
                    "validationCode": .string(code),
                    "validationUrl": .string("https://127.0.0.1/validate?id=\(code)"),
                ],
                "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent",
                "eventTime": .string(RFC3339.string(from: Date())),
                "metadataVersion": "1",
                "dataVersion": "2",
            ]
            var request = HTTPRequest(
                method: .post, url: subscription.endpoint, body: EmulatorJSON.encode(JSONValue.array([validationEvent]))
            )
            request.headers["Content-Type"] = "application/json; charset=utf-8"
            request.headers["aeg-event-type"] = "SubscriptionValidation"
            request.headers["aeg-subscription-name"] = subscription.name.uppercased()
            guard let response = await send(request), response.statusCode == 200,
                let body = try? JSONValue(parsing: response.body)
            else { return false }
            return body["validationResponse"]?.stringValue == code
        }

        private var resourceID: String {
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulator/providers/"
                + "Microsoft.EventGrid/\(topic.isDomain ? "domains" : "topics")/\(topic.name)"
        }

        private func deliver(_ event: JSONValue) async {
            var request = HTTPRequest(method: .post, url: subscription.endpoint)
            request.headers["aeg-event-type"] = "Notification"
            request.headers["aeg-subscription-name"] = subscription.name.uppercased()
            if topic.schema == .cloudEvents {
                request.headers["Content-Type"] = "application/cloudevents+json; charset=utf-8"
                request.headers["aeg-metadata-version"] = event["specversion"]?.stringValue ?? "1.0"
                request.body = EmulatorJSON.encode(event)
            } else {
                var stamped = event
                if topic.schema == .eventGrid, case .object(var members) = event {
                    members["metadataVersion"] = "1"
                    let domainTopic = topic.isDomain ? members["topic"]?.stringValue : nil
                    if let domainTopic, !domainTopic.hasPrefix("/") {
                        members["topic"] = .string(resourceID + "/topics/\(domainTopic)")
                    } else if members["topic"] == nil || members["topic"] == .null {
                        members["topic"] = .string(resourceID)
                    }
                    stamped = .object(members)
                    request.headers["aeg-data-version"] = members["dataVersion"]?.stringValue ?? ""
                    request.headers["aeg-metadata-version"] = "1"
                }
                request.headers["Content-Type"] = "application/json; charset=utf-8"
                request.body = EmulatorJSON.encode(JSONValue.array([stamped]))
            }
            let id = event["id"]?.stringValue ?? ""
            for attempt in 1...subscription.maxAttempts {
                request.headers["aeg-delivery-count"] = String(attempt - 1)
                if let response = await send(request), (200...204).contains(response.statusCode) {
                    state.withLock { $0.status.delivered.append(id) }
                    return
                }
                if attempt < subscription.maxAttempts {
                    try? await Task.sleep(for: subscription.retryDelay)
                }
            }
            state.withLock { $0.status.undeliverable.append(id) }
        }
    }
}

import AzureCore
import AzureEventGrid
public import Foundation

/// A local Event Grid data plane (topics and domains, basic tier) on 127.0.0.1, for offline
/// development and as the peer of end-to-end tests.
///
/// Routing: every topic is served at `/topics/<name>/api/events`; when exactly one topic is
/// configured it is also served at `/api/events`. The SDK accepts such endpoints as they are
/// (`http://127.0.0.1:P/topics/orders/api/events`). ``endpoint(forTopic:)`` builds them.
///
/// It answers like the service: `POST` only, `api-version=2018-01-01`, authentication by
/// `aeg-sas-key` (header or query), `aeg-sas-token` or `Authorization: SharedAccessSignature`
/// (signature, resource and expiry checked), or `Authorization: Bearer` with a token of the
/// configured test issuer (a static list, ``Configuration/bearerTokens``); a JSON array body
/// checked against the topic's schema; 1,536,000 bytes at most; errors as
/// `{"error":{"code","message","details"}}`; `x-ms-request-id` on every answer.
///
/// Tests inject faults (``inject(_:topic:)``) and read what each topic accepted
/// (``events(topic:)``, or `GET /_emulator/topics/<name>/events` over HTTP).
///
/// ```swift
/// let emulator = try EventGridEmulator(topics: [
///     EmulatorTopic(name: "orders", schema: .eventGrid, keys: ["a2V5"]),
/// ])
/// try emulator.start()
/// defer { emulator.stop() }
/// let client = try EventGridPublisherClient(
///     endpoint: emulator.endpoint(forTopic: "orders")!, credential: AzureKeyCredential("a2V5"))
/// ```
public final class EventGridEmulator: Sendable {
    /// What the emulator serves and how.
    public struct Configuration: Sendable {
        /// The topics and domains.
        public var topics: [EmulatorTopic]
        /// The port on 127.0.0.1; 0 lets the system choose.
        public var port: UInt16
        /// The test issuer: bearer tokens accepted for every topic.
        public var bearerTokens: Set<String>
        /// The largest accepted request body, in bytes (the service's 1,536,000 by default).
        public var maxRequestBytes: Int
        /// The clock SAS expiry is checked against.
        public var now: @Sendable () -> Date
        /// Called with each accepted event, in order, on the server's threads (it may read the
        /// emulator, e.g. ``EventGridEmulator/events(topic:)``).
        public var onAccepted: (@Sendable (AcceptedEvent) -> Void)?
        /// Webhook subscriptions: accepted events are pushed to them (see ``EmulatorSubscription``).
        public var subscriptions: [EmulatorSubscription]

        /// Creates a configuration.
        /// - Parameters:
        ///   - topics: The topics and domains.
        ///   - port: The port; 0 lets the system choose.
        ///   - bearerTokens: The test issuer's tokens.
        ///   - maxRequestBytes: The request size limit.
        ///   - now: The clock for SAS expiry.
        ///   - onAccepted: Called with each accepted event.
        ///   - subscriptions: Webhook subscriptions.
        public init(
            topics: [EmulatorTopic],
            port: UInt16 = 0,
            bearerTokens: Set<String> = [],
            maxRequestBytes: Int = 1_536_000,
            now: @escaping @Sendable () -> Date = { Date() },
            onAccepted: (@Sendable (AcceptedEvent) -> Void)? = nil,
            subscriptions: [EmulatorSubscription] = []
        ) {
            self.topics = topics
            self.port = port
            self.bearerTokens = bearerTokens
            self.maxRequestBytes = maxRequestBytes
            self.now = now
            self.onAccepted = onAccepted
            self.subscriptions = subscriptions
        }
    }

    /// The only API version of the topics and domains publish API.
    public static let apiVersion = "2018-01-01"

    private let core: EmulatorCore
    private let server: LoopbackHTTPServer

    /// Creates an emulator; it listens only after ``start()``.
    /// - Parameter configuration: Topics, port and settings.
    /// - Throws: ``EmulatorConfigurationError`` for no topics, a bad or repeated name, or a
    ///   topic without keys.
    public init(configuration: Configuration) throws {
        guard !configuration.topics.isEmpty else {
            throw EmulatorConfigurationError("the emulator needs at least one topic or domain")
        }
        var seen: Set<String> = []
        for topic in configuration.topics {
            try topic.check()
            guard seen.insert(topic.name.lowercased()).inserted else {
                throw EmulatorConfigurationError("topic name '\(topic.name)' is given twice")
            }
        }
        var subscriptionNames: Set<String> = []
        for subscription in configuration.subscriptions {
            guard seen.contains(subscription.topic.lowercased()) else {
                throw EmulatorConfigurationError(
                    "subscription '\(subscription.name)' names an unknown topic '\(subscription.topic)'"
                )
            }
            guard subscriptionNames.insert(subscription.name.lowercased()).inserted, !subscription.name.isEmpty else {
                throw EmulatorConfigurationError("subscription name '\(subscription.name)' is empty or given twice")
            }
        }
        let core = EmulatorCore(configuration: configuration)
        self.core = core
        let tooLarge = ServiceError.payloadTooLarge(limit: configuration.maxRequestBytes)
        let options = LoopbackHTTPServer.Options(
            maxBodySize: max(8 * 1024 * 1024, configuration.maxRequestBytes + 1),
            payloadTooLargeResponse: ServerResponse(
                status: 413,
                headers: [
                    (name: "Content-Type", value: "application/json; charset=utf-8"),
                    (name: "x-ms-request-id", value: "00000000-0000-0000-0000-000000000413"),
                ],
                body: tooLarge.body(requestID: "00000000-0000-0000-0000-000000000413", at: Date())
            )
        )
        // The handler captures the core only (never the server, never the main actor).
        server = LoopbackHTTPServer(port: configuration.port, options: options) { request in
            await core.handle(request)
        }
    }

    /// Creates an emulator for `topics`.
    /// - Parameters:
    ///   - topics: The topics and domains.
    ///   - port: The port; 0 lets the system choose.
    ///   - bearerTokens: The test issuer's tokens.
    /// - Throws: ``EmulatorConfigurationError`` (see ``init(configuration:)``).
    public convenience init(topics: [EmulatorTopic], port: UInt16 = 0, bearerTokens: Set<String> = []) throws {
        try self.init(configuration: Configuration(topics: topics, port: port, bearerTokens: bearerTokens))
    }

    /// Starts listening on 127.0.0.1.
    /// - Throws: ``LoopbackHTTPServerError`` when the port is taken.
    public func start() throws {
        try server.start()
    }

    /// Stops listening and waits for requests in progress (including injected delays).
    public func stop() {
        server.stop()
    }

    /// The port, once started.
    public var port: UInt16 { server.port }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL { server.baseURL }

    /// The configured topics and domains.
    public var topics: [EmulatorTopic] { core.configuration.topics }

    /// The publish endpoint of a topic: `<baseURL>/api/events` when it is the only topic,
    /// else `<baseURL>/topics/<name>/api/events`; `nil` for an unknown name.
    /// - Parameter name: The topic name (any case).
    /// - Returns: The endpoint URL, or `nil` for an unknown topic.
    public func endpoint(forTopic name: String) -> URL? {
        guard let topic = core.topic(named: name) else { return nil }
        let path = core.configuration.topics.count == 1 ? "/api/events" : "/topics/\(topic.name)/api/events"
        return URL(string: baseURL.absoluteString + path)
    }

    /// What a topic accepted, in order (only events of requests answered 200).
    /// - Parameter topic: The topic name (any case).
    /// - Returns: The accepted events, oldest first.
    public func events(topic: String) -> [AcceptedEvent] {
        core.events(topic: topic)
    }

    /// The requests answered on a topic's publish path, in order, faults included.
    /// - Parameter topic: The topic name (any case).
    /// - Returns: The request records, oldest first.
    public func requests(topic: String) -> [EmulatorRequestRecord] {
        core.requests(topic: topic)
    }

    /// Forgets accepted events and recorded requests.
    /// - Parameter topic: One topic, or `nil` for all.
    public func clearEvents(topic: String? = nil) {
        core.clear(topic: topic)
    }

    /// Injects a fault into the next requests of one topic, or of any topic.
    /// - Parameters:
    ///   - fault: The fault.
    ///   - topic: The topic name, or `nil` for any topic.
    public func inject(_ fault: EmulatorFault, topic: String? = nil) {
        core.inject(fault, topic: topic)
    }

    /// Removes every fault not yet used.
    public func clearFaults() {
        core.clearFaults()
    }

    /// What happened to a webhook subscription's deliveries so far; `nil` for an unknown name.
    /// - Parameter subscription: The subscription name (any case).
    /// - Returns: The delivery status, or `nil` for an unknown subscription.
    public func deliveryStatus(subscription: String) -> EmulatorDeliveryStatus? {
        core.deliverers.first { $0.subscription.name.lowercased() == subscription.lowercased() }?.status
    }

    /// Waits until every accepted event was delivered or given up on, or until `timeout`.
    /// - Parameter timeout: The longest wait.
    /// - Returns: Whether every subscription is idle.
    public func waitForDeliveries(timeout: Duration = .seconds(10)) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if core.deliverers.allSatisfy(\.isIdle) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return core.deliverers.allSatisfy(\.isIdle)
    }
}

/// The emulator's state and request handling, shared with the server's handler.
final class EmulatorCore: Sendable {
    let configuration: EventGridEmulator.Configuration
    private let topicsByName: [String: EmulatorTopic]
    /// One per webhook subscription.
    let deliverers: [WebhookDeliverer]
    private let state = Locked(State())
    private let notification = Locked(())

    private struct State {
        var accepted: [String: [AcceptedEvent]] = [:]
        var requests: [String: [EmulatorRequestRecord]] = [:]
        var topicFaults: [String: [EmulatorFault]] = [:]
        var globalFaults: [EmulatorFault] = []
    }

    init(configuration: EventGridEmulator.Configuration) {
        self.configuration = configuration
        var byName: [String: EmulatorTopic] = [:]
        for topic in configuration.topics { byName[topic.name.lowercased()] = topic }
        topicsByName = byName
        let transport = URLSessionTransport()
        deliverers = configuration.subscriptions.compactMap { subscription in
            byName[subscription.topic.lowercased()].map {
                WebhookDeliverer(subscription: subscription, topic: $0, transport: transport)
            }
        }
    }

    func topic(named name: String) -> EmulatorTopic? {
        topicsByName[name.lowercased()]
    }

    func events(topic: String) -> [AcceptedEvent] {
        state.withLock { $0.accepted[topic.lowercased()] ?? [] }
    }

    func requests(topic: String) -> [EmulatorRequestRecord] {
        state.withLock { $0.requests[topic.lowercased()] ?? [] }
    }

    func clear(topic: String?) {
        state.withLock { state in
            if let topic {
                state.accepted[topic.lowercased()] = nil
                state.requests[topic.lowercased()] = nil
            } else {
                state.accepted = [:]
                state.requests = [:]
            }
        }
    }

    func inject(_ fault: EmulatorFault, topic: String?) {
        state.withLock { state in
            if let topic {
                state.topicFaults[topic.lowercased(), default: []].append(fault)
            } else {
                state.globalFaults.append(fault)
            }
        }
    }

    func clearFaults() {
        state.withLock { state in
            state.topicFaults = [:]
            state.globalFaults = []
        }
    }

    /// Uses up one hit of the first fault for `topic`, topic faults first.
    private func takeFault(topic: String) -> EmulatorFault.Action? {
        state.withLock { state in
            func take(_ list: inout [EmulatorFault]) -> EmulatorFault.Action?? {
                guard var first = list.first else { return nil }
                if first.after > 0 {
                    first.after -= 1
                    list[0] = first
                    return .some(nil)
                }
                first.count -= 1
                if first.count <= 0 { list.removeFirst() } else { list[0] = first }
                return first.action
            }
            if var list = state.topicFaults[topic], let action = take(&list) {
                state.topicFaults[topic] = list
                return action
            }
            return take(&state.globalFaults) ?? nil
        }
    }

    // MARK: Handling

    func handle(_ request: ServerRequest) async -> ServerResponse {
        let requestID = UUID().uuidString.lowercased()
        let host = request.header("Host") ?? "127.0.0.1"
        if request.path.hasPrefix("/_emulator/") {
            return inspect(request, requestID: requestID, host: host)
        }
        guard let topic = route(request.path) else {
            let url = "http://\(host)\(request.path)\(request.rawQuery.map { "?\($0)" } ?? "")"
            return answer(.notFound(url: url), requestID: requestID)
        }
        let key = topic.name.lowercased()
        var response = await publish(request, topic: topic, requestID: requestID, host: host)
        if response.status == 200 {
            response.headers.append((name: "x-ms-request-id", value: requestID))
        }
        let record = EmulatorRequestRecord(
            topic: topic.name,
            method: request.method,
            status: response.dropsConnection ? 0 : response.status,
            requestID: requestID
        )
        state.withLock { $0.requests[key, default: []].append(record) }
        return response
    }

    private func route(_ path: String) -> EmulatorTopic? {
        if path == "/api/events", configuration.topics.count == 1 {
            return configuration.topics.first
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        // "", "topics", name, "api", "events"
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "topics", parts[3] == "api", parts[4] == "events" else {
            return nil
        }
        return topic(named: String(parts[2]))
    }

    private func publish(_ request: ServerRequest, topic: EmulatorTopic, requestID: String, host: String) async
        -> ServerResponse
    {
        guard request.method == "POST" else {
            var error = ServiceError(
                status: 405,
                code: "MethodNotAllowed",
                message: "The requested resource does not support http method '\(request.method)'.",
                detailCode: nil
            )
            error.headers = [(name: "Allow", value: "POST")]
            return answer(error, requestID: requestID)
        }
        switch takeFault(topic: topic.name.lowercased()) {
        case .fail(let status, let retryAfter, let retryAfterMilliseconds):
            var error = ServiceError(
                status: status,
                code: Self.faultCode(status),
                message: "Injected fault: the emulator answers \(status).",
                detailCode: nil
            )
            if let retryAfter { error.headers.append((name: "Retry-After", value: String(retryAfter))) }
            if let retryAfterMilliseconds {
                error.headers.append((name: "retry-after-ms", value: String(retryAfterMilliseconds)))
            }
            return answer(error, requestID: requestID)
        case .delay(let duration):
            try? await Task.sleep(for: duration)
        case .dropConnection:
            return .droppedConnection
        case nil:
            break
        }
        guard let version = request.query["api-version"] else {
            return answer(
                .badRequest(
                    "The api-version query parameter (?api-version=) is required for all requests.",
                    detail: "MissingApiVersionParameter"
                ),
                requestID: requestID
            )
        }
        guard version == EventGridEmulator.apiVersion else {
            return answer(
                .badRequest(
                    "The HTTP resource that matches the request URI 'http://\(host)\(request.path)' does not support "
                        + "the API version '\(version)'.",
                    detail: "UnsupportedApiVersion"
                ),
                requestID: requestID
            )
        }
        guard request.body.count <= configuration.maxRequestBytes else {
            return answer(.payloadTooLarge(limit: configuration.maxRequestBytes), requestID: requestID)
        }
        let method: EmulatorAuthMethod
        switch EmulatorAuthenticator.authenticate(
            request,
            topic: topic,
            host: host,
            bearerTokens: configuration.bearerTokens,
            now: configuration.now()
        ) {
        case .success(let value): method = value
        case .failure(let error): return answer(error, requestID: requestID)
        }
        let events: [JSONValue]
        switch EmulatorValidation.validate(request.body, contentType: request.header("Content-Type"), topic: topic) {
        case .success(let value): events = value
        case .failure(let error): return answer(error, requestID: requestID)
        }
        let now = Date()
        let accepted = events.map { event in
            AcceptedEvent(
                topic: topic.name,
                event: event,
                requestID: requestID,
                authMethod: method,
                contentType: request.header("Content-Type"),
                channelName: request.header("aeg-channel-name"),
                clientRequestID: request.header("x-ms-client-request-id"),
                userAgent: request.header("User-Agent"),
                receivedAt: now
            )
        }
        // The notification lock keeps the callback's order the accepted order; the callback
        // runs outside the state lock, so it may read the emulator.
        notification.withLock { _ in
            state.withLock { state in
                state.accepted[topic.name.lowercased(), default: []].append(contentsOf: accepted)
            }
            if let onAccepted = configuration.onAccepted {
                accepted.forEach(onAccepted)
            }
            for deliverer in deliverers where deliverer.subscription.topic.lowercased() == topic.name.lowercased() {
                deliverer.enqueue(events)
            }
        }
        return ServerResponse(status: 200)
    }

    private static func faultCode(_ status: Int) -> String {
        switch status {
        case 429: "TooManyRequests"
        case 500: "InternalServerError"
        case 502: "BadGateway"
        case 503: "ServiceUnavailable"
        case 504: "GatewayTimeout"
        default: "InjectedFault"
        }
    }

    private func answer(_ error: ServiceError, requestID: String) -> ServerResponse {
        var headers: [(name: String, value: String)] = [
            (name: "Content-Type", value: "application/json; charset=utf-8"),
            (name: "x-ms-request-id", value: requestID),
        ]
        headers.append(contentsOf: error.headers)
        return ServerResponse(
            status: error.status, headers: headers, body: error.body(requestID: requestID, at: Date()))
    }

    // MARK: Inspection

    /// `GET /_emulator/topics` (names), `GET /_emulator/topics/<name>/events` (accepted events,
    /// a JSON array), `GET /_emulator/topics/<name>/accepted` (each event with the request
    /// details that mattered), `DELETE /_emulator/topics/<name>/events` (forget them).
    private func inspect(_ request: ServerRequest, requestID: String, host: String) -> ServerResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        let idHeader = (name: "x-ms-request-id", value: requestID)
        if parts == ["_emulator", "topics"], request.method == "GET" {
            let names = configuration.topics.map { JSONValue.string($0.name) }
            var response = ServerResponse.json(EmulatorJSON.encode(JSONValue.array(names)))
            response.headers.append(idHeader)
            return response
        }
        if parts.count == 4, parts[0] == "_emulator", parts[1] == "topics", parts[3] == "accepted",
            request.method == "GET", let topic = topic(named: parts[2])
        {
            let records = self.events(topic: topic.name).map(\.jsonRecord)
            var response = ServerResponse.json(EmulatorJSON.encode(JSONValue.array(records)))
            response.headers.append(idHeader)
            return response
        }
        if parts.count == 4, parts[0] == "_emulator", parts[1] == "topics", parts[3] == "events",
            let topic = topic(named: parts[2])
        {
            switch request.method {
            case "GET":
                let events = self.events(topic: topic.name).map(\.event)
                var response = ServerResponse.json(EmulatorJSON.encode(JSONValue.array(events)))
                response.headers.append(idHeader)
                return response
            case "DELETE":
                clear(topic: topic.name)
                return ServerResponse(status: 204, headers: [idHeader])
            default:
                var error = ServiceError(
                    status: 405,
                    code: "MethodNotAllowed",
                    message: "The requested resource does not support http method '\(request.method)'.",
                    detailCode: nil
                )
                error.headers = [(name: "Allow", value: "GET, DELETE")]
                return answer(error, requestID: requestID)
            }
        }
        return answer(.notFound(url: "http://\(host)\(request.path)"), requestID: requestID)
    }
}

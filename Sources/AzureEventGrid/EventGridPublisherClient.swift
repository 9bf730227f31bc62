public import AzureCore
import EventGridGenerated
public import Foundation

/// Publishes events to an Event Grid topic or domain (basic tier): Event Grid schema,
/// CloudEvents 1.0, or a custom schema.
///
/// Thread-safe and `Sendable`: create one per endpoint and share it. Every send checks the
/// events before anything goes out (an empty batch, an event over 1 MiB, a request over the
/// service's 1,536,000-byte limit are refused with an error that names the event and its size),
/// then sends them as one request — or, with `splitting: .automatic`, as several requests under
/// the limit, in order.
public final class EventGridPublisherClient: Sendable {
    /// Whether a send may become several requests.
    public enum Splitting: Sendable, Hashable {
        /// One request; a batch over the service's request limit is refused before sending.
        case none
        /// As many requests as needed, each under the limit, sent in order. When one fails, the
        /// error is of kind `partialFailure` and its `partialSend` tells which events the service
        /// accepted and which it did not.
        case automatic
    }

    /// The Entra ID scope of Event Grid.
    public static let tokenScope = "https://eventgrid.azure.net/.default"

    /// The endpoint the client publishes to.
    public let endpoint: EventGridEndpoint
    /// The options the client was created with.
    public let options: EventGridPublisherClientOptions

    private let operations: EventGridOperations
    private let planner = SendPlanner()

    /// Creates a client that authenticates with an access key (`aeg-sas-key` header). Update
    /// the credential to rotate the key while the client is in use.
    /// - Parameters:
    ///   - endpoint: The topic or domain endpoint, such as
    ///     `https://mytopic.westus2-1.eventgrid.azure.net/api/events`.
    ///   - credential: The access key.
    ///   - options: Client settings.
    /// - Throws: ``/AzureCore/AzureError`` of kind invalidInput for a bad endpoint or option.
    public convenience init(
        endpoint: URL,
        credential: AzureKeyCredential,
        options: EventGridPublisherClientOptions = EventGridPublisherClientOptions()
    ) throws {
        try self.init(
            endpoint: endpoint,
            authentication: KeyCredentialPolicy(credential: credential, headerName: "aeg-sas-key"),
            options: options
        )
    }

    /// Creates a client that authenticates with a shared access signature (`aeg-sas-token`
    /// header), such as one from ``generateSAS(endpoint:key:expiresOn:apiVersion:)``.
    /// - Parameters:
    ///   - endpoint: The topic or domain endpoint.
    ///   - credential: The signature.
    ///   - options: Client settings.
    /// - Throws: ``/AzureCore/AzureError`` of kind invalidInput for a bad endpoint or option.
    public convenience init(
        endpoint: URL,
        credential: AzureSASCredential,
        options: EventGridPublisherClientOptions = EventGridPublisherClientOptions()
    ) throws {
        try self.init(
            endpoint: endpoint,
            authentication: SASCredentialPolicy(credential: credential, headerName: "aeg-sas-token"),
            options: options
        )
    }

    /// Creates a client that authenticates with Microsoft Entra ID (`Authorization: Bearer`,
    /// scope ``tokenScope``). The identity needs the EventGrid Data Sender role.
    /// - Parameters:
    ///   - endpoint: The topic or domain endpoint.
    ///   - credential: The token source.
    ///   - options: Client settings.
    /// - Throws: ``/AzureCore/AzureError`` of kind invalidInput for a bad endpoint or option.
    public convenience init(
        endpoint: URL,
        credential: any TokenCredential,
        options: EventGridPublisherClientOptions = EventGridPublisherClientOptions()
    ) throws {
        try self.init(
            endpoint: endpoint,
            authentication: BearerTokenCredentialPolicy(credential: credential, scopes: [Self.tokenScope]),
            options: options
        )
    }

    private init(endpoint: URL, authentication: any HTTPPolicy, options: EventGridPublisherClientOptions) throws {
        if let applicationID = options.applicationID {
            try UserAgentPolicy.validateApplicationID(applicationID)
        }
        self.endpoint = try EventGridEndpoint(endpoint)
        self.options = options
        let pipeline = HTTPPipeline(
            userAgent: UserAgentPolicy(
                sdkName: "eventgrid", sdkVersion: SDKInfo.version, applicationID: options.applicationID),
            retry: RetryPolicy(options: options.retry, clock: options.retryClock ?? SystemRetryClock()),
            authentication: authentication,
            logging: LoggingPolicy(options: options.logging),
            perCallPolicies: options.perCallPolicies,
            perRetryPolicies: options.perRetryPolicies,
            transport: options.transport ?? URLSessionTransport()
        )
        operations = EventGridOperations(baseURL: self.endpoint.baseURL, pipeline: pipeline)
    }

    // MARK: Event Grid schema

    /// Publishes one event in the Event Grid schema.
    /// - Parameter event: The event.
    /// - Throws: ``/AzureCore/AzureError``: invalidInput before sending, service for an error
    ///   answer (status, code, message), transport, timeout or cancelled.
    public func send(_ event: EventGridEvent) async throws {
        try await send([event])
    }

    /// Publishes events in the Event Grid schema. To publish to a domain, set each event's
    /// `topic` to the domain topic.
    /// - Parameters:
    ///   - events: The events, in order.
    ///   - splitting: Whether the send may become several requests.
    /// - Throws: ``/AzureCore/AzureError``; with `.automatic` splitting and more than one request,
    ///   kind partialFailure tells which events were accepted.
    public func send(_ events: [EventGridEvent], splitting: Splitting = .none) async throws {
        let models = events.map(\.wireModel)
        try await publish(
            models, splitting: splitting, describe: { "event \($0) (id \(events[$0].id))" },
            send: { batch, body in
                let input = PublishEventsInput(events: batch, apiVersion: self.options.apiVersion.rawValue)
                _ = try await self.operations.publishEvents(input, encodedBody: body, context: self.context())
            })
    }

    // MARK: CloudEvents

    /// Publishes one CloudEvent.
    /// - Parameters:
    ///   - event: The event.
    ///   - channelName: The partner channel (`aeg-channel-name`), for partner topics routed by
    ///     channel name.
    /// - Throws: ``/AzureCore/AzureError``; invalidInput when the event breaks the CloudEvents rules.
    public func send(_ event: CloudEvent, channelName: String? = nil) async throws {
        try await send([event], channelName: channelName)
    }

    /// Publishes CloudEvents (`application/cloudevents-batch+json`). To publish to a domain, set
    /// each event's `source` to the domain topic.
    /// - Parameters:
    ///   - events: The events, in order.
    ///   - channelName: The partner channel (`aeg-channel-name`).
    ///   - splitting: Whether the send may become several requests.
    /// - Throws: ``/AzureCore/AzureError``; invalidInput when an event breaks the CloudEvents rules.
    public func send(_ events: [CloudEvent], channelName: String? = nil, splitting: Splitting = .none) async throws {
        if let channelName, channelName.isEmpty {
            throw AzureError.invalidInput("channelName must not be empty when given")
        }
        for (index, event) in events.enumerated() {
            do {
                try event.validate()
            } catch let error as AzureError {
                throw AzureError.invalidInput("event \(index): \(error.message)")
            }
        }
        let models = events.map(\.wireModel)
        try await publish(
            models, splitting: splitting, describe: { "event \($0) (id \(events[$0].id))" },
            send: { batch, body in
                let input = PublishCloudEventEventsInput(
                    events: batch,
                    apiVersion: self.options.apiVersion.rawValue,
                    aegChannelName: channelName
                )
                _ = try await self.operations.publishCloudEventEvents(
                    input, encodedBody: body, context: self.context())
            })
    }

    // MARK: Custom schema

    /// Publishes events of a topic with a custom input schema, as they are.
    /// - Parameters:
    ///   - customEvents: The events, each a JSON value (normally an object).
    ///   - splitting: Whether the send may become several requests.
    /// - Throws: ``/AzureCore/AzureError``.
    public func send(customEvents: [JSONValue], splitting: Splitting = .none) async throws {
        try await publish(
            customEvents, splitting: splitting, describe: { "event \($0)" },
            send: { batch, body in
                let input = PublishCustomEventEventsInput(events: batch, apiVersion: self.options.apiVersion.rawValue)
                _ = try await self.operations.publishCustomEventEvents(
                    input, encodedBody: body, context: self.context())
            })
    }

    /// Publishes events of a topic with a custom input schema, encoding each value as JSON.
    /// - Parameters:
    ///   - customEvents: The events.
    ///   - splitting: Whether the send may become several requests.
    /// - Throws: ``/AzureCore/AzureError``; serialization when a value cannot be encoded (nothing
    ///   is sent then).
    public func send<Event: Encodable>(customEvents: [Event], splitting: Splitting = .none) async throws {
        var values: [JSONValue] = []
        values.reserveCapacity(customEvents.count)
        for (index, event) in customEvents.enumerated() {
            do {
                values.append(try JSONValue(encoding: event))
            } catch let error as AzureError {
                throw AzureError(
                    kind: .serialization, message: "event \(index): \(error.message)", underlyingError: error)
            }
        }
        try await send(customEvents: values, splitting: splitting)
    }

    // MARK: Any schema

    /// Publishes events whose schema is known only at run time. All events must have the same
    /// schema.
    /// - Parameters:
    ///   - events: The events.
    ///   - channelName: The partner channel, for CloudEvents only.
    ///   - splitting: Whether the send may become several requests.
    /// - Throws: ``/AzureCore/AzureError`` of kind invalidInput when schemas are mixed (naming the
    ///   first event that differs), or a channel name comes with another schema.
    public func send(_ events: [PublishableEvent], channelName: String? = nil, splitting: Splitting = .none)
        async throws
    {
        guard let schema = events.first?.schema else {
            throw AzureError.invalidInput("no events to send: the batch is empty")
        }
        if let index = events.firstIndex(where: { $0.schema != schema }) {
            throw AzureError.invalidInput(
                "one send cannot mix schemas: event 0 is \(schema.rawValue), event \(index) is \(events[index].schema.rawValue)"
            )
        }
        if channelName != nil, schema != .cloudEvents {
            throw AzureError.invalidInput(
                "a channel name can only be sent with CloudEvents, not \(schema.rawValue) events")
        }
        switch schema {
        case .eventGrid:
            try await send(
                events.compactMap { if case .eventGrid(let event) = $0 { event } else { nil } }, splitting: splitting)
        case .cloudEvents:
            try await send(
                events.compactMap { if case .cloudEvent(let event) = $0 { event } else { nil } },
                channelName: channelName,
                splitting: splitting
            )
        case .custom:
            try await send(
                customEvents: events.compactMap { if case .custom(let event) = $0 { event } else { nil } },
                splitting: splitting
            )
        }
    }

    // MARK: Shared

    private func context() -> PipelineContext {
        PipelineContext(operationName: "EventGridPublisherClient.send")
    }

    /// Encodes every event once, into one JSON array, checks the limits on the sizes that gives,
    /// and sends the planned requests in order, each with its slice of those bytes as its body.
    private func publish<Model: JSONWritable & Sendable>(
        _ models: [Model],
        splitting: Splitting,
        describe: (Int) -> String,
        send: ([Model], Data) async throws -> Void
    ) async throws {
        var writer = JSONWriter(capacity: 4096)
        var starts: [Int] = []
        var sizes: [Int] = []
        starts.reserveCapacity(models.count)
        sizes.reserveCapacity(models.count)
        writer.beginArray()
        for (index, model) in models.enumerated() {
            // The writer puts a comma before every element but the first.
            let start = writer.count + (index == 0 ? 0 : 1)
            model.writeJSON(to: &writer)
            if let invalid = writer.invalidValue {
                throw AzureError(kind: .serialization, message: "\(describe(index)) could not be encoded: \(invalid)")
            }
            starts.append(start)
            sizes.append(writer.count - start)
            if index == 0 {
                // Events of one send are usually alike: room for all of them (and a tenth more)
                // at once, up to 64 MiB; the buffer grows as usual past that.
                let estimate = (sizes[0] + 1) * models.count / 10 * 11 + 16
                writer.reserveCapacity(min(estimate, 64 << 20))
            }
        }
        writer.endArray()
        let ranges = try planner.plan(sizes: sizes, split: splitting == .automatic, describe: describe)
        if ranges.count == 1, let range = ranges.first {
            let body = writer.data
            writer = JSONWriter(capacity: 0)
            try await send(models.count == range.count ? models : Array(models[range]), body)
            return
        }
        try await SendPlanner.run(ranges) { range in
            guard let first = range.first, let last = range.last else { return }
            var body = Data(capacity: starts[last] + sizes[last] - starts[first] + 2)
            body.append(UInt8(ascii: "["))
            writer.withBytes {
                body.append(UnsafeBufferPointer(rebasing: $0[starts[first]..<(starts[last] + sizes[last])]))
            }
            body.append(UInt8(ascii: "]"))
            try await send(Array(models[range]), body)
        }
    }
}

/// Facts about this SDK build.
public enum SDKInfo {
    /// The SDK's version, sent in the user agent.
    public static let version = "0.1.0"
}

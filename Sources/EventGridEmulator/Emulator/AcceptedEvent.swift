public import AzureCore
public import Foundation

/// One event a topic accepted, with the request details that mattered.
public struct AcceptedEvent: Sendable, Hashable {
    /// The topic (or domain) name.
    public var topic: String
    /// The event as sent, parsed.
    public var event: JSONValue
    /// The `x-ms-request-id` the emulator answered with.
    public var requestID: String
    /// How the request authenticated.
    public var authMethod: EmulatorAuthMethod
    /// The request's `Content-Type`.
    public var contentType: String?
    /// The request's `aeg-channel-name`.
    public var channelName: String?
    /// The request's `x-ms-client-request-id`.
    public var clientRequestID: String?
    /// The request's `User-Agent`.
    public var userAgent: String?
    /// When the emulator accepted it.
    public var receivedAt: Date

    /// Creates a record (the emulator does; tests comparing records may too).
    /// - Parameters:
    ///   - topic: The topic name.
    ///   - event: The event.
    ///   - requestID: The answered request id.
    ///   - authMethod: How the request authenticated.
    ///   - contentType: The content type.
    ///   - channelName: The channel name.
    ///   - clientRequestID: The client request id.
    ///   - userAgent: The user agent.
    ///   - receivedAt: When it was accepted.
    public init(
        topic: String,
        event: JSONValue,
        requestID: String,
        authMethod: EmulatorAuthMethod,
        contentType: String? = nil,
        channelName: String? = nil,
        clientRequestID: String? = nil,
        userAgent: String? = nil,
        receivedAt: Date = Date()
    ) {
        self.topic = topic
        self.event = event
        self.requestID = requestID
        self.authMethod = authMethod
        self.contentType = contentType
        self.channelName = channelName
        self.clientRequestID = clientRequestID
        self.userAgent = userAgent
        self.receivedAt = receivedAt
    }

    /// The event's `id`, when it has a string one.
    public var id: String? { event["id"]?.stringValue }

    /// The record as JSON, for `GET /_emulator/topics/<name>/accepted`: `event`, `topic`,
    /// `requestId`, `authMethod`, `receivedAt`, and `contentType`, `channelName`,
    /// `clientRequestId`, `userAgent` when present.
    public var jsonRecord: JSONValue {
        var members: [String: JSONValue] = [
            "event": event,
            "topic": .string(topic),
            "requestId": .string(requestID),
            "authMethod": .string(authMethod.rawValue),
            "receivedAt": .string(RFC3339.string(from: receivedAt)),
        ]
        if let contentType { members["contentType"] = .string(contentType) }
        if let channelName { members["channelName"] = .string(channelName) }
        if let clientRequestID { members["clientRequestId"] = .string(clientRequestID) }
        if let userAgent { members["userAgent"] = .string(userAgent) }
        return .object(members)
    }

    /// One line for logs: `<topic> [<auth>] <event as compact JSON with sorted keys>`.
    public var line: String {
        "\(topic) [\(authMethod.rawValue)\(channelName.map { ", channel \($0)" } ?? "")] \(EmulatorJSON.compact(event))"
    }
}

/// One request the emulator answered on a topic's publish path.
public struct EmulatorRequestRecord: Sendable, Hashable {
    /// The topic name.
    public var topic: String
    /// The request method.
    public var method: String
    /// The status answered (0 when the connection was dropped).
    public var status: Int
    /// The `x-ms-request-id` answered.
    public var requestID: String

    /// Creates a record.
    /// - Parameters:
    ///   - topic: The topic name.
    ///   - method: The method.
    ///   - status: The status.
    ///   - requestID: The request id.
    public init(topic: String, method: String, status: Int, requestID: String) {
        self.topic = topic
        self.method = method
        self.status = status
        self.requestID = requestID
    }
}

/// JSON text helpers.
enum EmulatorJSON {
    /// Compact JSON with sorted keys; `null` if it cannot be encoded.
    static func compact(_ value: JSONValue) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("null".utf8)
    }
}

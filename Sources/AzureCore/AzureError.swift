public import Foundation

/// The one error type of the SDK: a service answer that was not a success, a transport
/// failure, a timeout, a cancellation, or input the SDK refused before sending anything.
public struct AzureError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. Extensible: switch with a `default`.
    public struct Kind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// A short name of the kind.
        public var rawValue: String

        /// Creates a kind from its name.
        /// - Parameter rawValue: The name.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The service answered with a status the operation does not define as success.
        public static let service = Kind(rawValue: "service")
        /// No response arrived: the connection failed or broke.
        public static let transport = Kind(rawValue: "transport")
        /// A try took longer than its time limit.
        public static let timeout = Kind(rawValue: "timeout")
        /// The caller's task was cancelled.
        public static let cancelled = Kind(rawValue: "cancelled")
        /// The caller's input was refused before anything was sent.
        public static let invalidInput = Kind(rawValue: "invalidInput")
        /// A payload could not be read or written as JSON.
        public static let serialization = Kind(rawValue: "serialization")
        /// A credential could not produce a token or key; `underlyingError` says why.
        public static let authentication = Kind(rawValue: "authentication")
        /// Some requests of a split send succeeded and a later one failed.
        public static let partialFailure = Kind(rawValue: "partialFailure")

        /// The kind's name.
        public var description: String { rawValue }
    }

    /// One entry of the service's `details` array.
    public struct ServiceErrorDetail: Sendable, Hashable, Codable {
        /// The detail's error code.
        public var code: String?
        /// The detail's message.
        public var message: String?

        /// Creates a detail.
        /// - Parameters:
        ///   - code: The code.
        ///   - message: The message.
        public init(code: String?, message: String?) {
            self.code = code
            self.message = message
        }
    }

    /// What kind of failure this is.
    public var kind: Kind
    /// A readable message: the service's message when it sent one.
    public var message: String
    /// The HTTP status code, when a response arrived.
    public var statusCode: Int?
    /// The service's error code (`error.code` in the body), when it sent one.
    public var errorCode: String?
    /// The service's `error.details`, when it sent them.
    public var details: [ServiceErrorDetail]
    /// The `x-ms-client-request-id` of the request.
    public var clientRequestID: String?
    /// The service's `x-ms-request-id`, when a response arrived.
    public var requestID: String?
    /// The whole response, when one arrived; its `body` is the raw body.
    public var response: HTTPResponse?
    /// The error underneath (a URL error, a decoding error …), when there is one.
    public var underlyingError: (any Error)?
    /// For kind ``Kind/partialFailure``: which events were accepted, failed and never sent.
    public var partialSend: PartialSendReport?

    /// Creates an error.
    /// - Parameters:
    ///   - kind: The kind.
    ///   - message: A readable message.
    ///   - statusCode: The HTTP status.
    ///   - errorCode: The service's error code.
    ///   - details: The service's details.
    ///   - clientRequestID: The client request id.
    ///   - requestID: The service request id.
    ///   - response: The response.
    ///   - underlyingError: The error underneath.
    ///   - partialSend: For a partial failure, what happened to each event.
    public init(
        kind: Kind,
        message: String,
        statusCode: Int? = nil,
        errorCode: String? = nil,
        details: [ServiceErrorDetail] = [],
        clientRequestID: String? = nil,
        requestID: String? = nil,
        response: HTTPResponse? = nil,
        underlyingError: (any Error)? = nil,
        partialSend: PartialSendReport? = nil
    ) {
        self.kind = kind
        self.message = message
        self.statusCode = statusCode
        self.errorCode = errorCode
        self.details = details
        self.clientRequestID = clientRequestID
        self.requestID = requestID
        self.response = response
        self.underlyingError = underlyingError
        self.partialSend = partialSend
    }

    /// The raw response body, when a response arrived.
    public var rawBody: Data? { response?.body }

    /// An error for input refused before sending.
    /// - Parameter message: What was wrong, naming the input.
    /// - Returns: An error of kind ``Kind/invalidInput``.
    public static func invalidInput(_ message: String) -> AzureError {
        AzureError(kind: .invalidInput, message: message)
    }

    /// An error for a response whose status is not a success: reads
    /// `{"error":{"code","message","details"}}` from the body when it is there. The client
    /// request id comes from the request, else from the response's echo of it (the request
    /// id policy adds it inside the pipeline, after the caller built `request`).
    /// - Parameters:
    ///   - response: The response.
    ///   - request: The request it answers.
    /// - Returns: An error of kind ``Kind/service``.
    public static func service(response: HTTPResponse, request: HTTPRequest) -> AzureError {
        let body = try? JSONDecoder().decode(ServiceErrorBody.self, from: response.body)
        let code = body?.error?.code
        let serviceMessage = body?.error?.message
        let text = serviceMessage ?? String(decoding: response.body.prefix(1024), as: UTF8.self)
        let status = response.statusCode
        let summary = text.isEmpty ? "HTTP \(status)" : "HTTP \(status)\(code.map { " \($0)" } ?? ""): \(text)"
        return AzureError(
            kind: .service,
            message: summary,
            statusCode: status,
            errorCode: code,
            details: body?.error?.details ?? [],
            clientRequestID: request.headers["x-ms-client-request-id"]
                ?? response.headers["x-ms-client-request-id"],
            requestID: response.headers["x-ms-request-id"],
            response: response
        )
    }

    /// The kind and message, with status and request ids when known.
    public var description: String {
        var parts = ["AzureError.\(kind.rawValue): \(message)"]
        if let clientRequestID { parts.append("client request id \(clientRequestID)") }
        if let requestID { parts.append("request id \(requestID)") }
        return parts.joined(separator: "; ")
    }

    private struct ServiceErrorBody: Decodable {
        struct Inner: Decodable {
            var code: String?
            var message: String?
            var details: [ServiceErrorDetail]?
        }
        var error: Inner?
    }
}

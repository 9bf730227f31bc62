import Foundation

/// Gives each call a client request id: sets `x-ms-client-request-id` to a new lowercase UUID
/// unless the caller set one, and `x-ms-return-client-request-id: true` so the service echoes it.
///
/// Place it before ``RetryPolicy`` so every try of a call carries the same id.
public struct RequestIDPolicy: HTTPPolicy {
    /// The client request id header.
    public static let clientRequestIDHeader = "x-ms-client-request-id"
    /// The header asking the service to echo the client request id.
    public static let returnClientRequestIDHeader = "x-ms-return-client-request-id"

    /// Creates the policy.
    public init() {}

    /// A new client request id: a lowercase UUID.
    /// - Returns: The id.
    public static func makeID() -> String {
        UUID().uuidString.lowercased()
    }

    /// Sets the request id headers and passes the request on.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: The per-call state.
    ///   - next: The rest of the pipeline.
    /// - Returns: The response.
    /// - Throws: Whatever the rest of the pipeline throws.
    public func send(_ request: HTTPRequest, context: PipelineContext, next: NextPolicy) async throws -> HTTPResponse {
        var request = request
        if (request.headers[Self.clientRequestIDHeader] ?? "").isEmpty {
            request.headers[Self.clientRequestIDHeader] = Self.makeID()
        }
        request.headers[Self.returnClientRequestIDHeader] = "true"
        return try await next.send(request, context: context)
    }
}

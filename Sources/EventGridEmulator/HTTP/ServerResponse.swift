internal import AzureCore
public import Foundation

/// The answer a ``LoopbackHTTPServer`` handler gives to one request.
///
/// The server sets `Content-Length` from ``body`` itself; `Content-Length` and
/// `Transfer-Encoding` entries in ``headers`` are ignored. A `Connection: close` header makes
/// the server close the connection after this response.
public struct ServerResponse: Sendable {
    /// The HTTP status code (100–999; anything else closes the connection without an answer).
    public var status: Int
    /// Response headers in the order they are sent.
    public var headers: [(name: String, value: String)]
    /// The response body.
    public var body: Data
    /// When true the server drops the connection instead of answering (a fault to inject).
    /// Internal for now: the emulator's fault hooks build on it.
    var dropsConnection = false

    /// Creates a response.
    /// - Parameters:
    ///   - status: The status code; 200 by default.
    ///   - headers: Header fields in order.
    ///   - body: The body bytes; empty by default.
    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response without a body.
    /// - Parameter status: The status code; 200 by default.
    /// - Returns: The response.
    public static func empty(status: Int = 200) -> ServerResponse {
        ServerResponse(status: status)
    }

    /// A response whose body is already-encoded JSON, with
    /// `Content-Type: application/json; charset=utf-8`.
    /// - Parameters:
    ///   - status: The status code; 200 by default.
    ///   - body: The JSON bytes, sent as they are.
    /// - Returns: The response.
    public static func json(status: Int = 200, _ body: Data) -> ServerResponse {
        ServerResponse(status: status, headers: [(name: "Content-Type", value: jsonContentType)], body: body)
    }

    /// A response whose body is `value` encoded with the SDK's JSON settings, with
    /// `Content-Type: application/json; charset=utf-8`.
    /// - Parameters:
    ///   - status: The status code; 200 by default.
    ///   - value: The value to encode.
    /// - Throws: The encoder's error when `value` cannot be encoded.
    /// - Returns: The response.
    public static func json(status: Int = 200, encoding value: some Encodable) throws -> ServerResponse {
        json(status: status, try JSONCoding.makeEncoder().encode(value))
    }

    /// A plain-text response with `Content-Type: text/plain; charset=utf-8`.
    /// - Parameters:
    ///   - status: The status code; 200 by default.
    ///   - text: The body text, sent as UTF-8.
    /// - Returns: The response.
    public static func text(status: Int = 200, _ text: String) -> ServerResponse {
        ServerResponse(
            status: status,
            headers: [(name: "Content-Type", value: "text/plain; charset=utf-8")],
            body: Data(text.utf8)
        )
    }

    /// A fault: the server closes the connection without sending any response.
    static var droppedConnection: ServerResponse {
        var response = ServerResponse(status: 0)
        response.dropsConnection = true
        return response
    }

    private static let jsonContentType = "application/json; charset=utf-8"
}

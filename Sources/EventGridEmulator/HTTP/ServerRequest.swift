public import Foundation

/// One HTTP request as the loopback server received it, body complete.
public struct ServerRequest: Sendable {
    /// The request method as sent, e.g. `POST`.
    public var method: String
    /// The request path, percent-decoded, without the query string (e.g. `/api/events`).
    public var path: String
    /// The query parameters, percent-decoded (`+` read as a space). A name without `=` maps to
    /// the empty string; when a name repeats, the first value wins (see ``rawQuery`` for all).
    public var query: [String: String]
    /// The query string exactly as sent, without the leading `?`; `nil` when the target had no `?`.
    public var rawQuery: String?
    /// The request headers in arrival order, names as sent. Use ``header(_:)`` for lookups.
    public var headers: [(name: String, value: String)]
    /// The request body, byte for byte (empty when there was none).
    public var body: Data
    /// The client's address as `host:port`, when known. Two requests on one keep-alive
    /// connection share it.
    public var remote: String?

    /// Creates a request value; the server builds these, tests of handlers may too.
    /// - Parameters:
    ///   - method: The request method.
    ///   - path: The decoded path.
    ///   - rawQuery: The query string without `?`, or `nil`; ``query`` is decoded from it.
    ///   - headers: Header fields in order.
    ///   - body: The body bytes.
    ///   - remote: The client's `host:port`, if known.
    public init(
        method: String,
        path: String,
        rawQuery: String? = nil,
        headers: [(name: String, value: String)] = [],
        body: Data = Data(),
        remote: String? = nil
    ) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.query = rawQuery.map(Self.decodeQuery) ?? [:]
        self.headers = headers
        self.body = body
        self.remote = remote
    }

    /// The first value of the header `name`, compared case-insensitively; `nil` if absent.
    /// - Parameter name: The header name, in any case.
    /// - Returns: The first value, or `nil` when the header is absent.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// Every value of the header `name` in arrival order, compared case-insensitively.
    /// - Parameter name: The header name, in any case.
    /// - Returns: Every value, possibly none.
    public func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// Decodes `a=1&b=x%20y&c` into `["a": "1", "b": "x y", "c": ""]`; the first value of a
    /// repeated name wins; a malformed escape keeps its text as sent.
    static func decodeQuery(_ raw: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decodeComponent(parts[0])
            let value = parts.count > 1 ? decodeComponent(parts[1]) : ""
            if result[name] == nil {
                result[name] = value
            }
        }
        return result
    }

    private static func decodeComponent(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

public import Foundation

extension HTTPRequest {
    /// The characters a query name or value, or a path parameter, keeps unencoded: RFC 3986
    /// unreserved characters only.
    private static let unreserved: CharacterSet = {
        var set = CharacterSet()
        set.insert(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return set
    }()

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Builds the request of a generated operation: the one shared request-building step.
    ///
    /// The URL is `baseURL` (any path prefix kept, a trailing `/` dropped) followed by `path`
    /// with its `{name}` placeholders replaced by percent-encoded `pathParameters`, then the
    /// query items whose value is not `nil`, percent-encoded, in order. Headers whose value is
    /// `nil` are left out. `jsonBody` is written by ``JSONWriter`` when it is ``JSONWritable``
    /// (the fast path), else encoded with ``JSONCoding/makeEncoder()``, unless the caller
    /// already has its bytes in `encodedJSONBody`; a content type without parameters gets
    /// `; charset=utf-8`.
    /// - Parameters:
    ///   - method: The method.
    ///   - baseURL: The service's base URL.
    ///   - path: The operation's path template, such as `/api/events`.
    ///   - pathParameters: Values for the path placeholders.
    ///   - query: Query items in order; `nil` values are left out.
    ///   - headers: Header fields in order; `nil` values are left out.
    ///   - contentType: The `Content-Type` of the body.
    ///   - jsonBody: The body, encoded as JSON; `nil` for none.
    ///   - encodedJSONBody: The JSON of `jsonBody`, when the caller has already encoded it (to
    ///     measure it, say): sent as it is, and `jsonBody` is not encoded again.
    /// - Returns: The request.
    /// - Throws: ``AzureError`` of kind invalidInput when the URL cannot be built, or of kind
    ///   serialization when the body cannot be encoded.
    public static func operationRequest(
        method: HTTPMethod,
        baseURL: URL,
        path: String,
        pathParameters: [String: String] = [:],
        query: [(String, String?)] = [],
        headers: [(String, String?)] = [],
        contentType: String? = nil,
        jsonBody: (any Encodable)? = nil,
        encodedJSONBody: Data? = nil
    ) throws -> HTTPRequest {
        var text = baseURL.absoluteString
        if let queryStart = text.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            text = String(text[..<queryStart])
        }
        while text.hasSuffix("/") { text.removeLast() }
        var expanded = ""
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{") {
            expanded += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw AzureError.invalidInput("path template '\(path)' has an unclosed '{'")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard let value = pathParameters[name] else {
                throw AzureError.invalidInput("no value for path parameter '\(name)'")
            }
            guard !value.isEmpty else {
                throw AzureError.invalidInput("path parameter '\(name)' must not be empty")
            }
            expanded += encode(value)
            rest = rest[rest.index(after: close)...]
        }
        expanded += rest
        text += expanded.hasPrefix("/") ? expanded : "/" + expanded
        let items = query.compactMap { name, value in value.map { encode(name) + "=" + encode($0) } }
        if !items.isEmpty {
            text += "?" + items.joined(separator: "&")
        }
        guard let url = URL(string: text) else {
            throw AzureError.invalidInput("'\(text)' is not a valid URL")
        }
        var fields = HTTPHeaders()
        for (name, value) in headers {
            if let value { fields[name] = value }
        }
        var body: Data?
        if let encodedJSONBody {
            body = encodedJSONBody
            if let contentType { fields["Content-Type"] = jsonContentType(contentType) }
        } else if let writable = jsonBody as? any JSONWritable {
            var writer = JSONWriter()
            writable.writeJSON(to: &writer)
            if let invalid = writer.invalidValue {
                throw AzureError(kind: .serialization, message: "could not encode the request body: \(invalid)")
            }
            body = writer.data
            if let contentType { fields["Content-Type"] = jsonContentType(contentType) }
        } else if let jsonBody {
            do {
                body = try JSONCoding.makeEncoder().encode(jsonBody)
            } catch {
                throw AzureError(
                    kind: .serialization,
                    message: "could not encode the request body: \(error)",
                    underlyingError: error
                )
            }
            if let contentType { fields["Content-Type"] = jsonContentType(contentType) }
        }
        return HTTPRequest(method: method, url: url, headers: fields, body: body)
    }

    /// A JSON media type with its charset stated: JSON bodies are always UTF-8 (RFC 8259), and
    /// the Python SDK sends `application/json; charset=utf-8`, so a bare `application/json`
    /// gets `; charset=utf-8`. A type that already has parameters is kept as it is.
    /// - Parameter contentType: The operation's media type.
    /// - Returns: The header value.
    static func jsonContentType(_ contentType: String) -> String {
        contentType.contains(";") ? contentType : contentType + "; charset=utf-8"
    }

    /// Builds a base URL from an `x-ms-parameterized-host` template.
    /// - Parameters:
    ///   - template: The host template, such as `{topicHostname}`.
    ///   - useSchemePrefix: Whether `https://` goes before the host.
    ///   - parameters: Values for the template's placeholders.
    /// - Returns: The base URL.
    /// - Throws: ``AzureError`` of kind invalidInput when a value is missing, empty, holds
    ///   whitespace (or, with the scheme prefix, a `/`, `?`, `#` or `@`), or the result is not a
    ///   URL with a host.
    public static func parameterizedHost(
        template: String,
        useSchemePrefix: Bool,
        parameters: [String: String]
    ) throws -> URL {
        var text = template
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            guard !value.isEmpty, !value.contains(where: \.isWhitespace) else {
                throw AzureError.invalidInput("'\(value)' is not a valid \(name)")
            }
            if useSchemePrefix, value.contains(where: { "/?#@".contains($0) }) {
                throw AzureError.invalidInput("'\(value)' is not a valid \(name): give the host name only")
            }
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        if text.contains("{") {
            throw AzureError.invalidInput("host template '\(template)' has a placeholder without a value")
        }
        if useSchemePrefix { text = "https://" + text }
        guard let url = URL(string: text), url.scheme != nil, let host = url.host, !host.isEmpty else {
            throw AzureError.invalidInput("'\(text)' is not a valid URL")
        }
        return url
    }
}

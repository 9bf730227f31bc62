import AzureCore
public import Foundation

/// A topic or domain endpoint, checked and split into the base URL the generated operations
/// append the spec's path to.
///
/// Accepted forms: `https://host`, `https://host/api/events`, `https://host/prefix/api/events`
/// (a trailing slash is ignored). A path that does not end in `/api/events` gets it appended,
/// as the Python SDK does. Plain `http` is accepted only for loopback hosts (the local emulator).
public struct EventGridEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The scheme, host, port and any path prefix, without `/api/events`.
    public let baseURL: URL
    /// The full publish URL, ending in `/api/events`.
    public let url: URL

    /// The path every publish operation uses.
    static let eventsPath = "/api/events"

    /// Checks and normalises an endpoint.
    /// - Parameter endpoint: The topic or domain endpoint.
    /// - Throws: ``/AzureCore/AzureError`` of kind invalidInput naming what is wrong.
    public init(_ endpoint: URL) throws {
        guard let components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false),
            let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty
        else {
            throw AzureError.invalidInput("endpoint '\(endpoint.absoluteString)' needs a scheme and a host")
        }
        guard scheme == "https" || (scheme == "http" && Self.isLoopback(host)) else {
            throw AzureError.invalidInput(
                "endpoint '\(endpoint.absoluteString)' must use https (http is allowed only for 127.0.0.1, ::1 and localhost)"
            )
        }
        guard components.query == nil, components.fragment == nil else {
            throw AzureError.invalidInput("endpoint '\(endpoint.absoluteString)' must not have a query or fragment")
        }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix(Self.eventsPath) { path.removeLast(Self.eventsPath.count) }
        var base = URLComponents()
        base.scheme = scheme
        base.host = host
        base.port = components.port
        base.percentEncodedPath = path
        guard let baseURL = base.url, let url = URL(string: baseURL.absoluteString + Self.eventsPath) else {
            throw AzureError.invalidInput("endpoint '\(endpoint.absoluteString)' is not a valid URL")
        }
        self.baseURL = baseURL
        self.url = url
    }

    /// The full publish URL.
    public var description: String { url.absoluteString }

    /// Whether a host name is a loopback address.
    /// - Parameter host: A host name or address.
    /// - Returns: `true` for `localhost`, `127.x.x.x` and `::1`.
    static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        return lowered == "localhost" || lowered == "::1" || lowered == "[::1]" || lowered.hasPrefix("127.")
    }
}

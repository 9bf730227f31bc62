import Foundation

/// Follows HTTP redirects, keeping credentials on their origin.
///
/// Place it last, just before the transport (after authentication), since the transport
/// itself does not follow redirects. Rules:
/// - Followed: 300, 301, 302, 303, 307 and 308 with a `Location` (absolute or relative) to an
///   `http` or `https` URL.
/// - 307 and 308 keep the method and body. 303 turns the request into a `GET` without a body
///   (a `HEAD` stays a `HEAD`). 300, 301 and 302 keep the method for everything but `POST`; a
///   `POST` is **not** followed on those codes (a browser would silently turn it into a `GET`
///   and drop the body, which for a publish call would lose the events), and the redirect
///   response is returned.
/// - When the target differs from the current URL in scheme, host or port, the
///   `Authorization`, `aeg-sas-key` and `aeg-sas-token` headers and any `aeg-sas-key`,
///   `aeg-sas-token` and `sig` query parameters are removed first, and stay removed for the
///   rest of the chain.
/// - After `maxRedirects` redirects the last (redirect) response is returned.
public struct RedirectPolicy: HTTPPolicy {
    /// Header names removed when a redirect leaves the origin.
    public static let credentialHeaders = ["Authorization", "aeg-sas-key", "aeg-sas-token"]
    /// Query parameter names removed when a redirect leaves the origin.
    public static let credentialQueryParameters: Set<String> = ["aeg-sas-key", "aeg-sas-token", "sig"]

    /// The most redirects followed for one try.
    public let maxRedirects: Int

    /// Creates the policy.
    /// - Parameter maxRedirects: The most redirects followed for one try.
    public init(maxRedirects: Int = 3) {
        self.maxRedirects = maxRedirects
    }

    /// Sends the request and follows redirects as the rules say.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: The per-call state.
    ///   - next: The rest of the pipeline (normally the transport).
    /// - Returns: The first response that is not followed.
    /// - Throws: Whatever the rest of the pipeline throws.
    public func send(_ request: HTTPRequest, context: PipelineContext, next: NextPolicy) async throws -> HTTPResponse {
        var current = request
        var redirects = 0
        while true {
            let response = try await next.send(current, context: context)
            guard redirects < maxRedirects, let target = Self.redirect(from: current, response: response) else {
                return response
            }
            current = target
            redirects += 1
        }
    }

    /// The request to send for a redirect response, or `nil` when it is not followed.
    static func redirect(from request: HTTPRequest, response: HTTPResponse) -> HTTPRequest? {
        let status = response.statusCode
        guard [300, 301, 302, 303, 307, 308].contains(status),
            let location = response.headers["Location"]?.trimmingCharacters(in: .whitespaces), !location.isEmpty,
            let target = URL(string: location, relativeTo: request.url)?.absoluteURL,
            let scheme = target.scheme?.lowercased(), scheme == "http" || scheme == "https",
            target.host != nil
        else {
            return nil
        }
        var next = request
        switch status {
        case 307, 308:
            break
        case 303:
            if next.method != .head {
                next.method = .get
                next.body = nil
                next.headers["Content-Type"] = nil
                next.headers["Content-Length"] = nil
            }
        default:
            if next.method == .post { return nil }
        }
        next.url = target
        if !sameOrigin(request.url, target) {
            for name in credentialHeaders {
                next.headers[name] = nil
            }
            next.url = removingCredentialQuery(target)
        }
        return next
    }

    static func sameOrigin(_ lhs: URL, _ rhs: URL) -> Bool {
        let lhsScheme = lhs.scheme?.lowercased()
        return lhsScheme == rhs.scheme?.lowercased()
            && lhs.host?.lowercased() == rhs.host?.lowercased()
            && effectivePort(lhs) == effectivePort(rhs)
    }

    private static func effectivePort(_ url: URL) -> Int? {
        if let port = url.port { return port }
        switch url.scheme?.lowercased() {
        case "https": return 443
        case "http": return 80
        default: return nil
        }
    }

    private static func removingCredentialQuery(_ url: URL) -> URL {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return url }
        guard let items = components.percentEncodedQueryItems else { return url }
        let kept = items.filter { item in
            let name = (item.name.removingPercentEncoding ?? item.name).lowercased()
            return !credentialQueryParameters.contains(name)
        }
        components.percentEncodedQueryItems = kept.isEmpty ? nil : kept
        return components.url ?? url
    }
}

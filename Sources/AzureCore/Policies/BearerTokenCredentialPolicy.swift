import Foundation

/// Sends `Authorization: Bearer <token>` with a token from a ``TokenCredential``.
///
/// The token is cached and fetched again when it expires within two minutes; concurrent
/// requests share one fetch. Tokens are only sent over `https`, or over `http` to a loopback
/// host (`localhost`, `127.0.0.1`, `::1`) for local emulators. Place it in the per-retry part of
/// the pipeline.
public struct BearerTokenCredentialPolicy: HTTPPolicy {
    /// How long before its expiry, in seconds, a cached token is replaced.
    public static let refreshMargin: Double = 120

    /// The scopes asked for.
    public let scopes: [String]
    private let cache: TokenCache

    /// Creates the policy.
    /// - Parameters:
    ///   - credential: The token credential.
    ///   - scopes: The scopes to ask for, such as `https://eventgrid.azure.net/.default`.
    public init(credential: any TokenCredential, scopes: [String]) {
        self.scopes = scopes
        cache = TokenCache(credential: credential, scopes: scopes)
    }

    /// Sets the `Authorization` header and passes the request on.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: The per-call state.
    ///   - next: The rest of the pipeline.
    /// - Returns: The response.
    /// - Throws: ``AzureError`` of kind ``AzureError/Kind/invalidInput`` for a plain `http`
    ///   URL to a non-loopback host; of kind ``AzureError/Kind/authentication`` when the
    ///   credential fails; whatever the rest of the pipeline throws.
    public func send(_ request: HTTPRequest, context: PipelineContext, next: NextPolicy) async throws -> HTTPResponse {
        guard Self.mayCarryToken(request.url) else {
            throw AzureError.invalidInput(
                "a bearer token may only be sent over https; refusing \(request.url.scheme ?? "no") scheme for host "
                    + "\(request.url.host ?? "none")"
            )
        }
        let token = try await cache.token()
        var request = request
        request.headers["Authorization"] = "Bearer \(token.token)"
        return try await next.send(request, context: context)
    }

    static func mayCarryToken(_ url: URL) -> Bool {
        switch url.scheme?.lowercased() {
        case "https":
            return true
        case "http":
            let host = (url.host ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            return host == "localhost" || host == "127.0.0.1" || host == "::1"
        default:
            return false
        }
    }
}

/// The cached token of one ``BearerTokenCredentialPolicy``.
private actor TokenCache {
    let credential: any TokenCredential
    let scopes: [String]
    var cached: AccessToken?
    var refreshing: Task<AccessToken, any Error>?

    init(credential: any TokenCredential, scopes: [String]) {
        self.credential = credential
        self.scopes = scopes
    }

    func token() async throws -> AccessToken {
        if let cached, cached.expiresOn.timeIntervalSinceNow > BearerTokenCredentialPolicy.refreshMargin {
            return cached
        }
        let task: Task<AccessToken, any Error>
        if let refreshing {
            task = refreshing
        } else {
            let credential = credential
            let scopes = scopes
            task = Task { try await credential.getToken(for: scopes) }
            refreshing = task
        }
        do {
            let token = try await task.value
            if refreshing == task { refreshing = nil }
            cached = token
            return token
        } catch {
            if refreshing == task { refreshing = nil }
            if error is CancellationError || (error as? AzureError)?.kind == .cancelled {
                throw AzureError(kind: .cancelled, message: "getting a token was cancelled", underlyingError: error)
            }
            throw AzureError(
                kind: .authentication,
                message: "could not get a token for scopes \(scopes.joined(separator: " ")): \(error)",
                underlyingError: error
            )
        }
    }
}

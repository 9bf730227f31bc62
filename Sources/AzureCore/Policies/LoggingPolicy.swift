import Foundation

/// What ``LoggingPolicy`` logs and where.
public struct LoggingOptions: Sendable {
    /// The .NET `Azure.Core` default header allow-list, lowercased.
    public static let defaultAllowedHeaderNames: Set<String> = [
        "x-ms-client-request-id", "x-ms-return-client-request-id", "traceparent",
        "accept", "cache-control", "connection", "content-length", "content-type", "date", "etag",
        "expires", "if-match", "if-modified-since", "if-none-match", "if-unmodified-since",
        "last-modified", "pragma", "request-id", "retry-after", "server", "transfer-encoding",
        "user-agent",
    ]

    /// Header and query parameter names that are never logged, whatever the allow-lists say.
    public static let deniedNames: Set<String> = [
        "authorization", "proxy-authorization", "aeg-sas-key", "aeg-sas-token", "sig",
        "cookie", "set-cookie",
    ]

    /// Where messages go; `nil` turns logging off.
    public var logger: (any AzureLogger)?
    /// The least important level that is logged.
    public var level: AzureLogLevel
    /// Header names (compared case-insensitively) whose values are logged; others are `REDACTED`.
    public var allowedHeaderNames: Set<String>
    /// Query parameter names (compared case-insensitively) whose values are logged; others are
    /// `REDACTED`.
    public var allowedQueryParameters: Set<String>

    /// Creates logging options.
    /// - Parameters:
    ///   - logger: Where messages go; `nil` turns logging off.
    ///   - level: The least important level logged.
    ///   - allowedHeaderNames: Headers whose values may be logged.
    ///   - allowedQueryParameters: Query parameters whose values may be logged.
    public init(
        logger: (any AzureLogger)? = nil,
        level: AzureLogLevel = .info,
        allowedHeaderNames: Set<String> = LoggingOptions.defaultAllowedHeaderNames,
        allowedQueryParameters: Set<String> = ["api-version"]
    ) {
        self.logger = logger
        self.level = level
        self.allowedHeaderNames = allowedHeaderNames
        self.allowedQueryParameters = allowedQueryParameters
    }
}

/// Logs each try: the request line (query values not allow-listed shown as `REDACTED`), the
/// headers (values not allow-listed shown as `REDACTED`), the attempt number and the body size;
/// then the status, headers and duration, or the error.
///
/// Bodies are never logged, only their size. `Authorization`, `aeg-sas-key`, `aeg-sas-token`
/// (headers or query) and `sig` are never logged, even when allow-listed. Place it in the
/// per-retry part of the pipeline, after the authentication policy, so it sees what is sent.
/// Requests at ``AzureLogLevel/info``, responses at ``AzureLogLevel/info`` (at
/// ``AzureLogLevel/warning`` for status 400 and up), errors at ``AzureLogLevel/warning``
/// (cancellation at ``AzureLogLevel/info``).
public struct LoggingPolicy: HTTPPolicy {
    /// The text that replaces a value that may not be logged.
    public static let redacted = "REDACTED"

    /// The options.
    public let options: LoggingOptions
    private let allowedHeaders: Set<String>
    private let allowedQuery: Set<String>

    /// Creates the policy.
    /// - Parameter options: What to log and where.
    public init(options: LoggingOptions) {
        self.options = options
        allowedHeaders = Set(options.allowedHeaderNames.map { $0.lowercased() }).subtracting(LoggingOptions.deniedNames)
        allowedQuery = Set(options.allowedQueryParameters.map { $0.lowercased() }).subtracting(
            LoggingOptions.deniedNames)
    }

    /// Logs the request, passes it on, and logs the response or error.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: The per-call state.
    ///   - next: The rest of the pipeline.
    /// - Returns: The response.
    /// - Throws: Whatever the rest of the pipeline throws, unchanged.
    public func send(_ request: HTTPRequest, context: PipelineContext, next: NextPolicy) async throws -> HTTPResponse {
        guard let logger = options.logger else {
            return try await next.send(request, context: context)
        }
        let operation = context.operationName.map { " \($0)" } ?? ""
        let requestID = request.headers[RequestIDPolicy.clientRequestIDHeader].map { " id=\($0)" } ?? ""
        let prefix = "[attempt \(context.attempt)\(requestID)\(operation)]"
        emit(logger, .info) {
            "\(prefix) Request \(request.method.rawValue) \(redactedURL(request.url)) "
                + "headers: {\(redactedHeaders(request.headers))} body: \(request.body?.count ?? 0) bytes"
        }
        let start = ContinuousClock.now
        do {
            let response = try await next.send(request, context: context)
            let elapsed = Self.milliseconds(ContinuousClock.now - start)
            emit(logger, response.statusCode >= 400 ? .warning : .info) {
                "\(prefix) Response \(response.statusCode) after \(elapsed) ms "
                    + "headers: {\(redactedHeaders(response.headers))} body: \(response.body.count) bytes"
            }
            return response
        } catch {
            let elapsed = Self.milliseconds(ContinuousClock.now - start)
            let azureError = error as? AzureError
            let isCancel = azureError?.kind == .cancelled || error is CancellationError
            emit(logger, isCancel ? .info : .warning) {
                let summary = azureError.map { "\($0.kind): \($0.message)" } ?? "\(type(of: error))"
                return "\(prefix) Request failed after \(elapsed) ms: \(scrub(summary, request: request))"
            }
            throw error
        }
    }

    private func emit(_ logger: any AzureLogger, _ level: AzureLogLevel, _ message: () -> String) {
        guard level >= options.level else { return }
        logger.log(level, message())
    }

    /// The URL without user info or fragment, with every query value not allow-listed
    /// replaced by `REDACTED`.
    func redactedURL(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
            return "<unparsable URL>"
        }
        components.user = nil
        components.password = nil
        components.fragment = nil
        if let items = components.percentEncodedQueryItems {
            components.percentEncodedQueryItems = items.map { item in
                guard item.value != nil else { return item }
                let name = item.name.removingPercentEncoding ?? item.name
                return allowedQuery.contains(name.lowercased())
                    ? item : URLQueryItem(name: item.name, value: Self.redacted)
            }
        }
        return components.string ?? "<unparsable URL>"
    }

    /// The headers as `name: value` pairs, values not allow-listed replaced by `REDACTED`.
    func redactedHeaders(_ headers: HTTPHeaders) -> String {
        headers.map { field in
            let value = allowedHeaders.contains(field.name.lowercased()) ? field.value : Self.redacted
            return "\(field.name): \(value)"
        }.joined(separator: ", ")
    }

    /// Removes from an error message every header and query value this policy would redact,
    /// in case an error text quotes the request.
    private func scrub(_ text: String, request: HTTPRequest) -> String {
        var secrets: [String] = []
        for field in request.headers where !allowedHeaders.contains(field.name.lowercased()) {
            secrets.append(field.value)
        }
        if let items = URLComponents(url: request.url, resolvingAgainstBaseURL: true)?.percentEncodedQueryItems {
            for item in items where !allowedQuery.contains(item.name.lowercased()) {
                if let value = item.value {
                    secrets.append(value)
                    if let decoded = value.removingPercentEncoding { secrets.append(decoded) }
                }
            }
        }
        var result = text
        for secret in secrets where secret.count >= 4 {
            result = result.replacingOccurrences(of: secret, with: Self.redacted)
        }
        return result
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}

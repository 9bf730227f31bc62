import Foundation

/// Tries a request again when the service answers with a retryable status or no response came.
///
/// - A request is tried at most `1 + maxRetries` times, always as the policy received it (same
///   body, same client request id), with `context.attempt` set to 1, 2, … and
///   `context.tryTimeout` set to `options.tryTimeout` (when that is `nil`, the caller's value is
///   kept).
/// - Retried: responses whose status is in `options.statusCodes`, and errors of kind
///   ``AzureError/Kind/transport`` or ``AzureError/Kind/timeout``. Nothing else: not
///   cancellation, not refused input, not other statuses.
/// - Delay before retry *n*: exponential `baseDelay × 2^(n−1) × jitter()` or fixed
///   `baseDelay × jitter()`. A server delay from `retry-after-ms`, else `x-ms-retry-after-ms`
///   (milliseconds), else `Retry-After` (seconds or an HTTP date) replaces it when larger.
///   Every wait, the server's included, is capped at `maxDelay`: a call never hangs longer
///   than the caller allowed between tries.
/// - Cancellation is checked before every try and around every wait, and ends the call with
///   ``AzureError`` of kind ``AzureError/Kind/cancelled``.
/// - When retries run out the last response is returned (``HTTPPipeline/execute(_:context:successCodes:)``
///   turns it into a service error), or the last error is rethrown.
public struct RetryPolicy: HTTPPolicy {
    /// The options.
    public let options: RetryOptions
    private let clock: any RetryClock
    private let jitter: @Sendable () -> Double

    /// Creates the policy.
    /// - Parameters:
    ///   - options: When and how to retry.
    ///   - clock: The clock to read and wait on.
    ///   - jitter: The factor applied to each computed delay; 0.8…1.2 at random by default.
    public init(
        options: RetryOptions,
        clock: any RetryClock = SystemRetryClock(),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0.8...1.2) }
    ) {
        self.options = options
        self.clock = clock
        self.jitter = jitter
    }

    /// Sends the request, trying again as the options say.
    /// - Parameters:
    ///   - request: The request; every try sends it unchanged.
    ///   - context: The per-call state.
    ///   - next: The rest of the pipeline.
    /// - Returns: The first non-retryable response, or the last response.
    /// - Throws: ``AzureError`` of kind cancelled when the task is cancelled; the last error of
    ///   the rest of the pipeline when it is not retryable or retries ran out.
    public func send(_ request: HTTPRequest, context: PipelineContext, next: NextPolicy) async throws -> HTTPResponse {
        let maxTries = 1 + max(0, options.maxRetries)
        var attempt = 1
        while true {
            try checkCancellation(request)
            var tryContext = context
            tryContext.attempt = attempt
            tryContext.tryTimeout = options.tryTimeout ?? context.tryTimeout
            let delay: Duration
            do {
                let response = try await next.send(request, context: tryContext)
                guard attempt < maxTries, options.statusCodes.contains(response.statusCode) else {
                    return response
                }
                delay = self.delay(forRetry: attempt, response: response)
            } catch {
                if error is CancellationError {
                    throw cancelled(request, underlying: error)
                }
                guard attempt < maxTries, let azureError = error as? AzureError,
                    azureError.kind == .transport || azureError.kind == .timeout
                else {
                    throw error
                }
                delay = self.delay(forRetry: attempt, response: nil)
            }
            try checkCancellation(request)
            do {
                try await clock.sleep(for: delay)
            } catch {
                throw cancelled(request, underlying: error)
            }
            attempt += 1
        }
    }

    /// The wait before retry number `retry` (1 for the first retry).
    func delay(forRetry retry: Int, response: HTTPResponse?) -> Duration {
        let maxSeconds = Self.seconds(options.maxDelay)
        let factor = jitter()
        var seconds = Self.seconds(options.baseDelay) * (factor.isFinite ? max(0, factor) : 1)
        if options.mode == .exponential {
            seconds *= pow(2, Double(min(max(retry - 1, 0), 62)))
        }
        if let response, let server = serverDelay(response), server > seconds {
            seconds = server
        }
        guard seconds.isFinite, seconds < maxSeconds, seconds < 1e15 else {
            return options.maxDelay
        }
        let clamped = max(0, seconds)
        let whole = clamped.rounded(.down)
        return .seconds(Int64(whole)) + .nanoseconds(Int64(((clamped - whole) * 1e9).rounded()))
    }

    /// The delay the server asked for, in seconds: `retry-after-ms`, `x-ms-retry-after-ms`,
    /// then `Retry-After` (seconds or an HTTP date).
    func serverDelay(_ response: HTTPResponse) -> Double? {
        for name in ["retry-after-ms", "x-ms-retry-after-ms"] {
            if let text = response.headers[name], let millis = Double(text.trimmingCharacters(in: .whitespaces)),
                millis.isFinite, millis >= 0
            {
                return millis / 1000
            }
        }
        guard let text = response.headers["Retry-After"]?.trimmingCharacters(in: .whitespaces) else {
            return nil
        }
        if let seconds = Double(text) {
            return seconds.isFinite && seconds >= 0 ? seconds : nil
        }
        if let date = Self.httpDate(text) {
            return max(0, date.timeIntervalSince(clock.now()))
        }
        return nil
    }

    /// Parses an HTTP date (IMF-fixdate, RFC 850 or asctime form).
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                return date
            }
        }
        return nil
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    private func checkCancellation(_ request: HTTPRequest) throws {
        if Task.isCancelled {
            throw cancelled(request, underlying: CancellationError())
        }
    }

    private func cancelled(_ request: HTTPRequest, underlying: any Error) -> AzureError {
        AzureError(
            kind: .cancelled,
            message: "the request to \(request.url.host ?? "the service") was cancelled",
            clientRequestID: request.headers["x-ms-client-request-id"],
            underlyingError: underlying
        )
    }
}

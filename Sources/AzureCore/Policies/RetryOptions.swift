/// How the delay between tries grows.
public enum RetryMode: Sendable, Hashable {
    /// `baseDelay × 2^(retry − 1)`, with jitter, capped at `maxDelay`.
    case exponential
    /// `baseDelay` every time, with jitter, capped at `maxDelay`.
    case fixed
}

/// When and how ``RetryPolicy`` tries a request again.
///
/// The defaults follow the Azure SDK guidelines: 3 retries, 0.8 s exponential delay with
/// jitter, at most 60 s between tries, retrying 408, 429, 500, 502, 503 and 504.
public struct RetryOptions: Sendable, Hashable {
    /// How many times a request is tried again after the first try (0 turns retries off).
    public var maxRetries: Int
    /// The delay before the first retry (before jitter).
    public var baseDelay: Duration
    /// The longest wait between two tries, a server-requested delay included.
    public var maxDelay: Duration
    /// How the delay grows.
    public var mode: RetryMode
    /// The response status codes that are tried again.
    public var statusCodes: Set<Int>
    /// The time limit of each single try, or `nil` for the transport's default.
    public var tryTimeout: Duration?

    /// Creates retry options.
    /// - Parameters:
    ///   - maxRetries: How many retries after the first try.
    ///   - baseDelay: The delay before the first retry.
    ///   - maxDelay: The longest wait between two tries.
    ///   - mode: Exponential or fixed delays.
    ///   - statusCodes: The status codes to retry.
    ///   - tryTimeout: The time limit of one try.
    public init(
        maxRetries: Int = 3,
        baseDelay: Duration = .milliseconds(800),
        maxDelay: Duration = .seconds(60),
        mode: RetryMode = .exponential,
        statusCodes: Set<Int> = [408, 429, 500, 502, 503, 504],
        tryTimeout: Duration? = nil
    ) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.mode = mode
        self.statusCodes = statusCodes
        self.tryTimeout = tryTimeout
    }

    /// Retries turned off: every request is tried exactly once.
    public static var none: RetryOptions {
        RetryOptions(maxRetries: 0)
    }
}

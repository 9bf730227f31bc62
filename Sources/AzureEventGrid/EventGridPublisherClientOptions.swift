public import AzureCore

/// Settings of an ``EventGridPublisherClient``. A value type: change a copy, then pass it in.
public struct EventGridPublisherClientOptions: Sendable {
    /// A publish API version.
    public struct APIVersion: RawRepresentable, Sendable, Hashable {
        /// The `api-version` query value.
        public var rawValue: String

        /// Creates a version from its query value.
        /// - Parameter rawValue: Such as `2018-01-01`.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        // swift-format-ignore: AlwaysUseLowerCamelCase
        /// `2018-01-01`, the only version of the topics and domains publish API.
        public static let v2018_01_01 = APIVersion(rawValue: "2018-01-01")
        /// The newest version this SDK knows.
        public static let latest = v2018_01_01
    }

    /// The `api-version` sent with every request.
    public var apiVersion: APIVersion
    /// Retry settings (3 retries, 0.8 s exponential base with jitter, 60 s cap by default).
    public var retry: RetryOptions
    /// Logging settings: no logger by default.
    public var logging: LoggingOptions
    /// An application id put in front of the user agent (at most 24 characters, no spaces).
    public var applicationID: String?
    /// Caller policies run once per call, before the retry policy.
    public var perCallPolicies: [any HTTPPolicy]
    /// Caller policies run on every try, after authentication.
    public var perRetryPolicies: [any HTTPPolicy]
    /// The transport; `nil` means a ``/AzureCore/URLSessionTransport``.
    public var transport: (any HTTPTransport)?
    /// The clock the retry policy waits on; `nil` means the system clock. Tests pass one that
    /// does not sleep.
    public var retryClock: (any RetryClock)?

    /// Creates options.
    /// - Parameters:
    ///   - apiVersion: The API version.
    ///   - retry: Retry settings.
    ///   - logging: Logging settings.
    ///   - applicationID: The application id for the user agent.
    ///   - perCallPolicies: Caller policies run once per call.
    ///   - perRetryPolicies: Caller policies run on every try.
    ///   - transport: The transport.
    ///   - retryClock: The clock retries wait on.
    public init(
        apiVersion: APIVersion = .latest,
        retry: RetryOptions = RetryOptions(),
        logging: LoggingOptions = LoggingOptions(),
        applicationID: String? = nil,
        perCallPolicies: [any HTTPPolicy] = [],
        perRetryPolicies: [any HTTPPolicy] = [],
        transport: (any HTTPTransport)? = nil,
        retryClock: (any RetryClock)? = nil
    ) {
        self.apiVersion = apiVersion
        self.retry = retry
        self.logging = logging
        self.applicationID = applicationID
        self.perCallPolicies = perCallPolicies
        self.perRetryPolicies = perRetryPolicies
        self.transport = transport
        self.retryClock = retryClock
    }
}

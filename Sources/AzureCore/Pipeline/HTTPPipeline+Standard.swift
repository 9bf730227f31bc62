extension HTTPPipeline {
    /// Builds a pipeline in the canonical Azure order:
    ///
    /// 1. per call, once for each call: ``UserAgentPolicy``, ``RequestIDPolicy``, then
    ///    `perCallPolicies`;
    /// 2. ``RetryPolicy``: everything after it runs once per try;
    /// 3. per try: `authentication` (key, SAS or bearer policy), then `perRetryPolicies`, then
    ///    ``LoggingPolicy`` (so it logs what is really sent, redacted);
    /// 4. ``RedirectPolicy``, after authentication so a redirect can strip credentials that
    ///    would leave their origin;
    /// 5. the transport.
    ///
    /// The request id sits before retry, so every try of a call carries the same id.
    /// - Parameters:
    ///   - userAgent: The user agent policy.
    ///   - retry: The retry policy.
    ///   - authentication: The credential policy, or `nil` for none.
    ///   - logging: The logging policy, or `nil` for none.
    ///   - perCallPolicies: The caller's policies that run once per call.
    ///   - perRetryPolicies: The caller's policies that run once per try.
    ///   - redirect: The redirect policy, or `nil` to return redirects as they are.
    ///   - transport: The transport.
    public init(
        userAgent: UserAgentPolicy,
        retry: RetryPolicy,
        authentication: (any HTTPPolicy)? = nil,
        logging: LoggingPolicy? = nil,
        perCallPolicies: [any HTTPPolicy] = [],
        perRetryPolicies: [any HTTPPolicy] = [],
        redirect: RedirectPolicy? = RedirectPolicy(),
        transport: any HTTPTransport
    ) {
        var policies: [any HTTPPolicy] = [userAgent, RequestIDPolicy()]
        policies += perCallPolicies
        policies.append(retry)
        if let authentication { policies.append(authentication) }
        policies += perRetryPolicies
        if let logging { policies.append(logging) }
        if let redirect { policies.append(redirect) }
        self.init(policies: policies, transport: transport)
    }
}

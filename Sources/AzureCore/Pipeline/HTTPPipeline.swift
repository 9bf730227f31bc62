/// An ordered list of policies ending in a transport. Immutable and `Sendable`: build it once
/// per client and share it across tasks.
///
/// Canonical order: per call (``UserAgentPolicy``, ``RequestIDPolicy``, caller per-call
/// policies) → ``RetryPolicy`` → per try (authentication, caller per-try policies,
/// ``LoggingPolicy``) → ``RedirectPolicy`` → transport.
/// ``init(userAgent:retry:authentication:logging:perCallPolicies:perRetryPolicies:redirect:transport:)``
/// builds exactly that.
public struct HTTPPipeline: Sendable {
    /// The policies, in the order a request passes them.
    public let policies: [any HTTPPolicy]
    /// The transport at the end.
    public let transport: any HTTPTransport

    /// Creates a pipeline.
    /// - Parameters:
    ///   - policies: The policies in request order.
    ///   - transport: The transport at the end.
    public init(policies: [any HTTPPolicy], transport: any HTTPTransport) {
        self.policies = policies
        self.transport = transport
    }

    /// Sends a request through every policy and the transport.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: The per-call state.
    /// - Returns: The response, whatever its status code.
    /// - Throws: Whatever a policy or the transport throws.
    public func send(_ request: HTTPRequest, context: PipelineContext = PipelineContext()) async throws -> HTTPResponse
    {
        try await NextPolicy(policies: policies[...], transport: transport).send(request, context: context)
    }

    /// Sends a request and checks its status: the one shared send-and-check step of every
    /// generated operation. Gives the request an `x-ms-client-request-id` when it has none, so
    /// a service error carries it.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: The per-call state.
    ///   - successCodes: The status codes the operation defines as success.
    /// - Returns: The response when its status is in `successCodes`.
    /// - Throws: ``AzureError`` of kind service (status, code and message parsed from the
    ///   body) for any other status; whatever the pipeline throws.
    public func execute(
        _ request: HTTPRequest,
        context: PipelineContext = PipelineContext(),
        successCodes: Set<Int>
    ) async throws -> HTTPResponse {
        // The id is fixed here, not only in RequestIDPolicy, so that an error can name it.
        var request = request
        if request.headers[RequestIDPolicy.clientRequestIDHeader] == nil {
            request.headers[RequestIDPolicy.clientRequestIDHeader] = RequestIDPolicy.makeID()
        }
        let response = try await send(request, context: context)
        guard successCodes.contains(response.statusCode) else {
            throw AzureError.service(response: response, request: request)
        }
        return response
    }
}

/// One step of an ``HTTPPipeline``: it may change the request, call the rest of the pipeline
/// through `next` (zero, one or several times), and change or replace the response.
public protocol HTTPPolicy: Sendable {
    /// Handles one request.
    /// - Parameters:
    ///   - request: The request as the previous policy left it.
    ///   - context: Per-call state shared along the pipeline.
    ///   - next: The rest of the pipeline.
    /// - Returns: The response for the caller.
    /// - Throws: ``AzureError`` or any error of the rest of the pipeline.
    func send(_ request: HTTPRequest, context: PipelineContext, next: NextPolicy) async throws -> HTTPResponse
}

/// The rest of a pipeline after a policy: the remaining policies and the transport.
public struct NextPolicy: Sendable {
    private let policies: ArraySlice<any HTTPPolicy>
    private let transport: any HTTPTransport

    init(policies: ArraySlice<any HTTPPolicy>, transport: any HTTPTransport) {
        self.policies = policies
        self.transport = transport
    }

    /// Passes the request on to the remaining policies and finally the transport.
    /// - Parameters:
    ///   - request: The request to send.
    ///   - context: The per-call state (a policy may pass a changed copy).
    /// - Returns: The response.
    /// - Throws: Whatever the remaining policies or the transport throw.
    public func send(_ request: HTTPRequest, context: PipelineContext) async throws -> HTTPResponse {
        guard let first = policies.first else {
            return try await transport.send(request, context: context)
        }
        let rest = NextPolicy(policies: policies.dropFirst(), transport: transport)
        return try await first.send(request, context: context, next: rest)
    }
}

/// Per-call state that travels with a request through the pipeline.
public struct PipelineContext: Sendable {
    /// A short name of the public operation, such as `EventGridPublisherClient.send`, for logs.
    public var operationName: String?
    /// Which try this is: 1 for the first, 2 for the first retry, and so on. The retry policy
    /// sets it.
    public var attempt: Int
    /// The time limit of one try, or `nil` for the transport's default.
    public var tryTimeout: Duration?

    /// Creates a context.
    /// - Parameters:
    ///   - operationName: The public operation's name, for logs.
    ///   - attempt: The try number, starting at 1.
    ///   - tryTimeout: The time limit of one try.
    public init(operationName: String? = nil, attempt: Int = 1, tryTimeout: Duration? = nil) {
        self.operationName = operationName
        self.attempt = attempt
        self.tryTimeout = tryTimeout
    }
}

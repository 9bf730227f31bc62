/// Sends an ``AzureSASCredential`` in a header, such as `aeg-sas-token: <token>`.
///
/// The credential is read on every try, so ``AzureSASCredential/update(_:)`` takes effect on
/// the next request of a live client. Place it in the per-retry part of the pipeline.
public struct SASCredentialPolicy: HTTPPolicy {
    /// The credential.
    public let credential: AzureSASCredential
    /// The header the token goes in.
    public let headerName: String

    /// Creates the policy.
    /// - Parameters:
    ///   - credential: The SAS credential.
    ///   - headerName: The header name, such as `aeg-sas-token`.
    public init(credential: AzureSASCredential, headerName: String) {
        self.credential = credential
        self.headerName = headerName
    }

    /// Sets the SAS header and passes the request on.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: The per-call state.
    ///   - next: The rest of the pipeline.
    /// - Returns: The response.
    /// - Throws: Whatever the rest of the pipeline throws.
    public func send(_ request: HTTPRequest, context: PipelineContext, next: NextPolicy) async throws -> HTTPResponse {
        var request = request
        request.headers[headerName] = credential.signature
        return try await next.send(request, context: context)
    }
}

/// Sends an ``AzureKeyCredential`` in a header, such as `aeg-sas-key: <key>`.
///
/// The credential is read on every try, so ``AzureKeyCredential/update(_:)`` takes effect on
/// the next request of a live client. Place it in the per-retry part of the pipeline.
public struct KeyCredentialPolicy: HTTPPolicy {
    /// The credential.
    public let credential: AzureKeyCredential
    /// The header the key goes in.
    public let headerName: String
    /// A scheme put before the key with a space, such as `SharedAccessKey`, or `nil`.
    public let prefix: String?

    /// Creates the policy.
    /// - Parameters:
    ///   - credential: The key credential.
    ///   - headerName: The header name, such as `aeg-sas-key`.
    ///   - prefix: A scheme put before the key (`<prefix> <key>`), or `nil` for the bare key.
    public init(credential: AzureKeyCredential, headerName: String, prefix: String? = nil) {
        self.credential = credential
        self.headerName = headerName
        self.prefix = prefix
    }

    /// Sets the key header and passes the request on.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: The per-call state.
    ///   - next: The rest of the pipeline.
    /// - Returns: The response.
    /// - Throws: Whatever the rest of the pipeline throws.
    public func send(_ request: HTTPRequest, context: PipelineContext, next: NextPolicy) async throws -> HTTPResponse {
        var request = request
        let key = credential.key
        request.headers[headerName] = prefix.map { "\($0) \(key)" } ?? key
        return try await next.send(request, context: context)
    }
}

/// The last step of a pipeline: sends the request over the network (or wherever it likes) and
/// returns the response. URLSession is the default; a test or AsyncHTTPClient can plug in.
public protocol HTTPTransport: Sendable {
    /// Sends one request and returns its response, whatever its status code.
    /// - Parameters:
    ///   - request: The request, as the policies left it.
    ///   - context: The per-call state; `tryTimeout` limits this try when set.
    /// - Returns: The response.
    /// - Throws: ``AzureError`` of kind transport (or cancellation) when no response came.
    func send(_ request: HTTPRequest, context: PipelineContext) async throws -> HTTPResponse
}

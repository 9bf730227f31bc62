import AzureCore
import Foundation
import Synchronization

/// A transport that answers with a closure and records every request and context it got.
final class MockTransport: HTTPTransport, Sendable {
    typealias Handler = @Sendable (HTTPRequest, PipelineContext, Int) async throws -> HTTPResponse

    private let handler: Handler
    private let recorded = Mutex<[(HTTPRequest, PipelineContext)]>([])

    /// - Parameter handler: Gets the request, its context and the 0-based call index.
    init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    /// Answers with the given statuses in turn; the last one repeats.
    convenience init(statuses: [Int], headers: HTTPHeaders = HTTPHeaders()) {
        self.init { _, _, index in
            HTTPResponse(statusCode: statuses[min(index, statuses.count - 1)], headers: headers)
        }
    }

    var requests: [HTTPRequest] { recorded.withLock { $0.map(\.0) } }
    var contexts: [PipelineContext] { recorded.withLock { $0.map(\.1) } }
    var callCount: Int { recorded.withLock { $0.count } }

    func send(_ request: HTTPRequest, context: PipelineContext) async throws -> HTTPResponse {
        let index = recorded.withLock { calls in
            calls.append((request, context))
            return calls.count - 1
        }
        return try await handler(request, context, index)
    }
}

/// A logger that keeps every line.
final class CapturingLogger: AzureLogger, Sendable {
    private let lines = Mutex<[(AzureLogLevel, String)]>([])

    var messages: [String] { lines.withLock { $0.map(\.1) } }
    var entries: [(AzureLogLevel, String)] { lines.withLock { $0 } }

    func log(_ level: AzureLogLevel, _ message: String) {
        lines.withLock { $0.append((level, message)) }
    }
}

extension HTTPRequest {
    static func post(_ url: String = "https://topic.westus-1.eventgrid.azure.net/api/events?api-version=2018-01-01")
        -> HTTPRequest
    {
        HTTPRequest(
            method: .post,
            url: URL(string: url) ?? URL(fileURLWithPath: "/"),
            headers: ["Content-Type": "application/json"],
            body: Data(#"[{"id":"1"}]"#.utf8)
        )
    }
}

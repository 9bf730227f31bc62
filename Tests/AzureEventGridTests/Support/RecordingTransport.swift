import AzureCore
import AzureEventGrid
import Foundation
import Synchronization

/// A transport that records every request and answers from a script of canned responses
/// (the last one repeats). No network.
final class RecordingTransport: HTTPTransport {
    enum Reply: Sendable {
        case response(HTTPResponse)
        case failure(AzureError)
    }

    private let state: Mutex<(requests: [HTTPRequest], replies: [Reply])>

    init(_ replies: [Reply] = [.response(HTTPResponse(statusCode: 200))]) {
        state = Mutex((requests: [], replies: replies))
    }

    convenience init(statuses: [Int]) {
        self.init(statuses.map { .response(HTTPResponse(statusCode: $0)) })
    }

    var requests: [HTTPRequest] { state.withLock { $0.requests } }

    func send(_ request: HTTPRequest, context: PipelineContext) async throws -> HTTPResponse {
        let reply = state.withLock { state -> Reply in
            state.requests.append(request)
            return state.replies.count > 1 ? state.replies.removeFirst() : state.replies[0]
        }
        switch reply {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }
}

/// A clock that never sleeps, for retry tests.
struct ImmediateClock: RetryClock {
    func now() -> Date { Date(timeIntervalSince1970: 1_700_000_000) }
    func sleep(for duration: Duration) async throws {}
}

extension HTTPRequest {
    /// The body parsed as JSON.
    func jsonBody() throws -> JSONValue {
        try JSONValue(parsing: body ?? Data())
    }

    /// The decoded query items by name.
    var queryItems: [String: String] {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }
}

/// Client options for tests: the given transport; retries that never sleep.
func testOptions(_ transport: any HTTPTransport, retries: Int = 3) -> EventGridPublisherClientOptions {
    var options = EventGridPublisherClientOptions(transport: transport)
    options.retry.maxRetries = retries
    options.retryClock = ImmediateClock()
    return options
}

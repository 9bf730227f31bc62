import Synchronization

#if canImport(FoundationNetworking)
import Foundation
public import FoundationNetworking
#else
public import Foundation
#endif

/// The default transport: sends requests with `URLSession` (FoundationNetworking on Linux).
///
/// It never follows redirects itself (``RedirectPolicy`` decides), limits each try to
/// `context.tryTimeout` when set, and reports failures as ``AzureError``: kind
/// ``AzureError/Kind/timeout`` when the try ran out of time, ``AzureError/Kind/cancelled``
/// when the task was cancelled, ``AzureError/Kind/transport`` for anything else.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// Creates a transport with its own session.
    ///
    /// Each request is sent without cookies and without the URL cache, whatever the
    /// configuration says; the configuration object itself is not changed.
    /// - Parameter configuration: The session configuration; ephemeral (nothing stored on
    ///   disk) by default.
    public init(configuration: URLSessionConfiguration = .ephemeral) {
        session = URLSession(configuration: configuration, delegate: RedirectRefusingDelegate(), delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Sends one request and returns its response, whatever its status code.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: The per-call state; `tryTimeout` limits this try when set.
    /// - Returns: The response.
    /// - Throws: ``AzureError`` of kind timeout, cancelled or transport when no response came.
    public func send(_ request: HTTPRequest, context: PipelineContext) async throws -> HTTPResponse {
        let host = request.url.host ?? "the service"
        let clientRequestID = request.headers["x-ms-client-request-id"]
        if Task.isCancelled {
            throw AzureError(
                kind: .cancelled, message: "the request to \(host) was cancelled", clientRequestID: clientRequestID
            )
        }
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.httpBody = request.body
        urlRequest.httpShouldHandleCookies = false
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        for field in request.headers {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
        }
        let timeout = context.tryTimeout
        if let timeout {
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            if seconds.isFinite, seconds > 0 {
                urlRequest.timeoutInterval = seconds
            }
        }
        let finalRequest = urlRequest
        do {
            if let timeout {
                return try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
                    group.addTask { try await self.perform(finalRequest) }
                    group.addTask {
                        try await Task.sleep(for: timeout)
                        throw URLError(.timedOut)
                    }
                    defer { group.cancelAll() }
                    guard let first = try await group.next() else { throw URLError(.unknown) }
                    return first
                }
            }
            return try await perform(finalRequest)
        } catch {
            throw Self.wrap(error, host: host, clientRequestID: clientRequestID, timeout: timeout)
        }
    }

    private func perform(_ request: URLRequest) async throws -> HTTPResponse {
        let box = TaskBox()
        let (data, response) = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<(Data, URLResponse), any Error>) in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                box.start(task)
            }
        } onCancel: {
            box.cancel()
        }
        guard let http = response as? HTTPURLResponse else {
            throw URLError(.badServerResponse)
        }
        var headers = HTTPHeaders()
        for (name, value) in http.allHeaderFields {
            headers[String(describing: name.base)] = String(describing: value)
        }
        return HTTPResponse(statusCode: http.statusCode, headers: headers, body: data)
    }

    private static func wrap(
        _ error: any Error, host: String, clientRequestID: String?, timeout: Duration?
    ) -> AzureError {
        if let azureError = error as? AzureError { return azureError }
        let urlError = error as? URLError
        if error is CancellationError || Task.isCancelled {
            return AzureError(
                kind: .cancelled, message: "the request to \(host) was cancelled", clientRequestID: clientRequestID,
                underlyingError: error
            )
        }
        if urlError?.code == .timedOut {
            let limit = timeout.map { " (limit \($0))" } ?? ""
            return AzureError(
                kind: .timeout, message: "the request to \(host) timed out\(limit)", clientRequestID: clientRequestID,
                underlyingError: error
            )
        }
        let reason = urlError.map { "URL error \($0.code.rawValue)" } ?? "\(type(of: error))"
        return AzureError(
            kind: .transport, message: "no response from \(host): \(reason)", clientRequestID: clientRequestID,
            underlyingError: error
        )
    }
}

/// Holds a data task so a cancellation arriving before or after it starts cancels it.
private final class TaskBox: Sendable {
    private struct State: @unchecked Sendable {
        var task: URLSessionTask?
        var cancelled = false
    }

    private let state = Mutex(State())

    func start(_ task: URLSessionTask) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        if cancelled {
            task.cancel()
        } else {
            task.resume()
        }
    }

    func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }
}

/// Refuses every redirect so the pipeline's ``RedirectPolicy`` decides.
private final class RedirectRefusingDelegate: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

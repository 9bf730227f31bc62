internal import CMicroHTTPD
public import Foundation

/// An HTTP/1.1 server on 127.0.0.1, built on GNU libmicrohttpd, that hands each complete request
/// to an async handler. It is the base of the local Event Grid emulator and a peer for tests.
///
/// libmicrohttpd runs its own threads (one per connection); the handler is called from them, so
/// it must not be isolated to the main actor. Each connection's thread waits while its handler
/// runs; keep-alive connections are kept open between requests.
///
/// ```swift
/// let server = LoopbackHTTPServer { request in .json(Data("{}".utf8)) }
/// try server.start()
/// defer { server.stop() }
/// print(server.baseURL) // http://127.0.0.1:<port>
/// ```
public final class LoopbackHTTPServer: Sendable {
    /// Limits and settings of a ``LoopbackHTTPServer``.
    public struct Options: Sendable {
        /// The largest request body accepted, in bytes (8 MiB by default). A larger declared
        /// `Content-Length` is answered with ``payloadTooLargeResponse`` before the body is read
        /// and the connection is closed (a client still sending a large body may see the reset
        /// rather than the answer); a chunked body that grows past it is discarded as it arrives
        /// and answered the same way once it ends.
        public var maxBodySize: Int
        /// Seconds an idle connection stays open (30 by default; 0 means no limit).
        public var connectionTimeoutSeconds: UInt32
        /// The most connections served at once (64 by default); more are refused.
        public var connectionLimit: UInt32
        /// The answer to a body over ``maxBodySize``; a 413 with a JSON error body by default.
        public var payloadTooLargeResponse: ServerResponse

        /// Creates options; every parameter has the documented default.
        /// - Parameters:
        ///   - maxBodySize: The largest accepted body in bytes.
        ///   - connectionTimeoutSeconds: Idle seconds before a connection is closed.
        ///   - connectionLimit: The most concurrent connections.
        ///   - payloadTooLargeResponse: The answer to an over-limit body.
        public init(
            maxBodySize: Int = 8 * 1024 * 1024,
            connectionTimeoutSeconds: UInt32 = 30,
            connectionLimit: UInt32 = 64,
            payloadTooLargeResponse: ServerResponse = Options.defaultPayloadTooLargeResponse
        ) {
            self.maxBodySize = maxBodySize
            self.connectionTimeoutSeconds = connectionTimeoutSeconds
            self.connectionLimit = connectionLimit
            self.payloadTooLargeResponse = payloadTooLargeResponse
        }

        /// `413` with `{"error":{"code":"PayloadTooLarge","message":…}}`.
        public static var defaultPayloadTooLargeResponse: ServerResponse {
            .json(
                status: 413,
                Data(#"{"error":{"code":"PayloadTooLarge","message":"The request body is too large."}}"#.utf8)
            )
        }
    }

    private let requestedPort: UInt16
    private let core: ServerCore
    private let state = Locked(State())

    /// Creates a server; it listens only after ``start()``.
    /// - Parameters:
    ///   - port: The port on 127.0.0.1 to listen on; 0 (the default) lets the system choose.
    ///   - options: Limits and settings.
    ///   - handler: Called once per complete request, on the server's threads (never the main
    ///     actor); its response is sent back. It should not capture the server strongly: the
    ///     server keeps its handler, so that would keep both alive until ``stop()``.
    public init(
        port: UInt16 = 0,
        options: Options = Options(),
        handler: @escaping @Sendable (ServerRequest) async -> ServerResponse
    ) {
        self.requestedPort = port
        self.core = ServerCore(options: options, handler: handler)
    }

    deinit {
        stop()
    }

    /// Starts listening on 127.0.0.1. Calling it while the server runs does nothing; calling it
    /// after ``stop()`` starts it again (on a new port when the requested port is 0).
    /// - Throws: ``LoopbackHTTPServerError/cannotListen(port:)`` when the daemon cannot start,
    ///   typically because the port is taken.
    public func start() throws {
        try state.withLock { state in
            if state.daemon != nil { return }
            let context = Unmanaged.passRetained(core)
            let daemon = cmhd_start_loopback_daemon(
                requestedPort,
                core.options.connectionTimeoutSeconds,
                core.options.connectionLimit,
                MHDCallbacks.access, context.toOpaque(),
                MHDCallbacks.completed, nil,
                MHDCallbacks.uriLog, nil
            )
            guard let daemon else {
                context.release()
                throw LoopbackHTTPServerError.cannotListen(port: requestedPort)
            }
            state.daemon = DaemonHandle(pointer: daemon, context: context)
            state.boundPort = cmhd_daemon_port(daemon)
        }
    }

    /// Stops listening, closes open connections and waits for running handlers to finish.
    /// Safe to call more than once; also called when the server is released. A handler that
    /// never returns keeps this call waiting.
    public func stop() {
        let handle = state.withLock { state -> DaemonHandle? in
            defer { state.daemon = nil }
            return state.daemon
        }
        guard let handle else { return }
        MHD_stop_daemon(handle.pointer)
        handle.context.release()
    }

    /// The port the server listens on once started (the requested port before that).
    public var port: UInt16 {
        state.withLock { $0.boundPort } ?? requestedPort
    }

    /// Whether the server is listening.
    public var isRunning: Bool {
        state.withLock { $0.daemon != nil }
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL {
        let text = "http://127.0.0.1:\(port)"
        guard let url = URL(string: text) else {
            // A literal host and a UInt16 port always form a valid URL.
            preconditionFailure("unreachable: \(text) is not a URL")
        }
        return url
    }

    private struct State: @unchecked Sendable {
        // The daemon pointer is only touched under the lock and by MHD_stop_daemon.
        var daemon: DaemonHandle?
        var boundPort: UInt16?
    }

    private struct DaemonHandle {
        let pointer: OpaquePointer
        let context: Unmanaged<ServerCore>
    }
}

/// Why a ``LoopbackHTTPServer`` could not start.
public enum LoopbackHTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libmicrohttpd could not listen on 127.0.0.1 at `port` (0 means any port), usually
    /// because the port is in use.
    case cannotListen(port: UInt16)

    /// A sentence naming the port.
    public var description: String {
        switch self {
        case .cannotListen(let port):
            "cannot listen on 127.0.0.1:\(port)\(port == 0 ? " (any port)" : ""); is the port in use?"
        }
    }
}

/// A value behind a lock, for the few mutable bits a `Sendable` class keeps.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

internal import CMicroHTTPD
import Foundation

/// What the C callbacks reach through their `cls` pointer: the handler and the limits.
final class ServerCore: Sendable {
    let options: LoopbackHTTPServer.Options
    let handler: @Sendable (ServerRequest) async -> ServerResponse

    init(options: LoopbackHTTPServer.Options, handler: @escaping @Sendable (ServerRequest) async -> ServerResponse) {
        self.options = options
        self.handler = handler
    }

    /// One call of libmicrohttpd's access handler for `request`. MHD calls it first after the
    /// headers, then once per body chunk, then once more with no data when the body is complete.
    func access(
        connection: OpaquePointer,
        request: RequestState,
        url: String,
        method: String,
        uploadData: UnsafePointer<CChar>?,
        uploadDataSize: UnsafeMutablePointer<Int>
    ) -> MHD_Result {
        if !request.headersSeen {
            request.headersSeen = true
            if let declared = MHD_lookup_connection_value(connection, .HEADER_KIND, "Content-Length"),
                let length = Int(String(cString: declared)), length > options.maxBodySize
            {
                // Answering now, before reading the body, makes MHD discard it and close.
                return Self.queue(options.payloadTooLargeResponse, on: connection)
            }
            return .YES
        }
        let chunkSize = uploadDataSize.pointee
        if chunkSize > 0 {
            if !request.overLimit {
                if request.body.count + chunkSize > options.maxBodySize {
                    request.overLimit = true
                    request.body = Data()
                } else if let uploadData {
                    request.body.append(
                        UnsafeRawPointer(uploadData).assumingMemoryBound(to: UInt8.self), count: chunkSize)
                }
            }
            uploadDataSize.pointee = 0
            return .YES
        }
        if request.overLimit {
            return Self.queue(options.payloadTooLargeResponse, on: connection)
        }
        let serverRequest = ServerRequest(
            method: method,
            path: url,
            rawQuery: request.rawQuery,
            headers: Self.headers(of: connection),
            body: request.body,
            remote: Self.remoteAddress(of: connection)
        )
        request.body = Data()
        return Self.queue(run(serverRequest), on: connection)
    }

    /// Runs the async handler and waits for it. This blocks the connection's own MHD thread,
    /// which is not one of Swift's cooperative threads, so waiting here is safe.
    private func run(_ request: ServerRequest) -> ServerResponse {
        let slot = ResponseSlot()
        let handler = self.handler
        Task.detached {
            slot.fill(await handler(request))
        }
        return slot.wait()
    }

    private static func queue(_ response: ServerResponse, on connection: OpaquePointer) -> MHD_Result {
        guard !response.dropsConnection, (100...999).contains(response.status) else { return .NO }
        let created = response.body.withUnsafeBytes { bytes in
            MHD_create_response_from_buffer(
                bytes.count,
                UnsafeMutableRawPointer(mutating: bytes.baseAddress),
                .RESPMEM_MUST_COPY
            )
        }
        guard let mhdResponse = created else { return .NO }
        defer { MHD_destroy_response(mhdResponse) }
        for (name, value) in response.headers {
            let lowered = name.lowercased()
            if lowered == "content-length" || lowered == "transfer-encoding" { continue }
            // MHD refuses names or values with control characters; such a header is left out.
            _ = MHD_add_response_header(mhdResponse, name, value)
        }
        return MHD_queue_response(connection, UInt32(response.status), mhdResponse)
    }

    private static func headers(of connection: OpaquePointer) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        withUnsafeMutablePointer(to: &headers) { pointer in
            cmhd_collect_values(
                connection, .HEADER_KIND,
                { context, name, nameSize, value, valueSize in
                    guard let context else { return }
                    let list = context.assumingMemoryBound(to: [(name: String, value: String)].self)
                    list.pointee.append((name: string(name, nameSize), value: string(value, valueSize)))
                }, pointer)
        }
        return headers
    }

    private static func remoteAddress(of connection: OpaquePointer) -> String? {
        var buffer = [CChar](repeating: 0, count: 80)
        let count = buffer.count
        let found = buffer.withUnsafeMutableBufferPointer { cmhd_client_address(connection, $0.baseAddress, count) }
        guard found == 1 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

private func string(_ pointer: UnsafePointer<CChar>?, _ size: Int) -> String {
    guard let pointer else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: pointer, count: size), as: UTF8.self)
}

/// Per-request state kept in MHD's `con_cls` slot: created by the URI callback, released by
/// the request-completed callback. Only the connection's own thread touches it.
final class RequestState {
    let rawQuery: String?
    var headersSeen = false
    var overLimit = false
    var body = Data()

    init(rawTarget: String) {
        if let mark = rawTarget.firstIndex(of: "?") {
            rawQuery = String(rawTarget[rawTarget.index(after: mark)...])
        } else {
            rawQuery = nil
        }
    }
}

/// A one-shot hand-over of the handler's response from its task to the waiting MHD thread.
private final class ResponseSlot: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    // Written once before `signal`, read once after `wait`: the semaphore orders the two.
    private var response: ServerResponse?

    func fill(_ response: ServerResponse) {
        self.response = response
        semaphore.signal()
    }

    func wait() -> ServerResponse {
        semaphore.wait()
        return response ?? .empty(status: 500)
    }
}

/// The C entry points handed to libmicrohttpd. None captures context; each reaches its Swift
/// objects through the pointers MHD passes back.
enum MHDCallbacks {
    static let access: MHD_AccessHandlerCallback = {
        cls, connection, url, method, _, uploadData, uploadDataSize, requestSlot in
        guard let cls, let connection, let uploadDataSize, let requestSlot else { return .NO }
        let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
        let request: RequestState
        if let existing = requestSlot.pointee {
            request = Unmanaged<RequestState>.fromOpaque(existing).takeUnretainedValue()
        } else {
            // Only if MHD skipped the URI callback; the query is then unknown.
            request = RequestState(rawTarget: "")
            requestSlot.pointee = Unmanaged.passRetained(request).toOpaque()
        }
        return core.access(
            connection: connection,
            request: request,
            url: url.map { String(cString: $0) } ?? "/",
            method: method.map { String(cString: $0) } ?? "",
            uploadData: uploadData,
            uploadDataSize: uploadDataSize
        )
    }

    static let completed: MHD_RequestCompletedCallback = { _, _, requestSlot, _ in
        guard let requestSlot, let pointer = requestSlot.pointee else { return }
        Unmanaged<RequestState>.fromOpaque(pointer).release()
        requestSlot.pointee = nil
    }

    static let uriLog: cmhd_uri_log_fn = { _, uri, _ in
        let request = RequestState(rawTarget: uri.map { String(cString: $0) } ?? "")
        return Unmanaged.passRetained(request).toOpaque()
    }
}

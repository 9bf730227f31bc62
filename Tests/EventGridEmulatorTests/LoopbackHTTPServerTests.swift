import Foundation
import XCTest

@testable import EventGridEmulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Records what the handler saw, for assertions on the test's side.
private final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [ServerRequest] = []

    func record(_ request: ServerRequest) {
        lock.lock()
        seen.append(request)
        lock.unlock()
    }

    var requests: [ServerRequest] {
        lock.lock()
        defer { lock.unlock() }
        return seen
    }
}

final class LoopbackHTTPServerTests: XCTestCase {
    private func makeSession() -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 5
        configuration.timeoutIntervalForResource = 10
        return URLSession(configuration: configuration)
    }

    private func startServer(
        options: LoopbackHTTPServer.Options = .init(),
        handler: @escaping @Sendable (ServerRequest) async -> ServerResponse
    ) throws -> LoopbackHTTPServer {
        let server = LoopbackHTTPServer(options: options, handler: handler)
        try server.start()
        addTeardownBlock { server.stop() }
        return server
    }

    private static func post(
        _ session: URLSession,
        _ url: URL,
        body: Data,
        headers: [String: String] = [:]
    ) async throws -> (Data, HTTPURLResponse) {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        for (name, value) in headers {
            request.setValue(value, forHTTPHeaderField: name)
        }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else {
            throw URLError(.badServerResponse)
        }
        return (data, http)
    }

    func test_post_handlerSeesRequest_andResponseComesBack() async throws {
        let recorder = Recorder()
        let server = try startServer { request in
            XCTAssertFalse(Thread.isMainThread)
            recorder.record(request)
            return ServerResponse(
                status: 201,
                headers: [(name: "X-Answer", value: "forty-two"), (name: "Content-Type", value: "text/plain")],
                body: Data("made it".utf8)
            )
        }
        XCTAssertNotEqual(server.port, 0)
        XCTAssertEqual(server.baseURL.absoluteString, "http://127.0.0.1:\(server.port)")

        let url = try XCTUnwrap(
            URL(string: "\(server.baseURL.absoluteString)/api/events?api-version=2018-01-01&name=a%20b+c&flag")
        )
        let body = Data(#"[{"id":"1","data":{"ü":"✓"}}]"#.utf8)
        let (data, response) = try await Self.post(
            makeSession(), url, body: body,
            headers: ["aeg-sas-key": "secret", "Content-Type": "application/json; charset=utf-8"]
        )

        XCTAssertEqual(response.statusCode, 201)
        XCTAssertEqual(response.value(forHTTPHeaderField: "x-answer"), "forty-two")
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "made it")

        let seen = try XCTUnwrap(recorder.requests.first)
        XCTAssertEqual(recorder.requests.count, 1)
        XCTAssertEqual(seen.method, "POST")
        XCTAssertEqual(seen.path, "/api/events")
        XCTAssertEqual(seen.rawQuery, "api-version=2018-01-01&name=a%20b+c&flag")
        XCTAssertEqual(seen.query, ["api-version": "2018-01-01", "name": "a b c", "flag": ""])
        XCTAssertEqual(seen.header("AEG-SAS-KEY"), "secret")
        XCTAssertEqual(seen.header("content-type"), "application/json; charset=utf-8")
        XCTAssertEqual(seen.headerValues("Aeg-Sas-Key"), ["secret"])
        XCTAssertNil(seen.header("authorization"))
        XCTAssertEqual(seen.body, body)
        XCTAssertEqual(seen.remote?.hasPrefix("127.0.0.1:"), true)
    }

    func test_get_withoutQuery_hasEmptyBodyAndNilRawQuery() async throws {
        let recorder = Recorder()
        let server = try startServer { request in
            recorder.record(request)
            return .empty(status: 204)
        }
        let (_, response) = try await makeSession().data(from: server.baseURL.appendingPathComponent("health"))
        XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 204)
        let seen = try XCTUnwrap(recorder.requests.first)
        XCTAssertEqual(seen.method, "GET")
        XCTAssertEqual(seen.path, "/health")
        XCTAssertNil(seen.rawQuery)
        XCTAssertEqual(seen.query, [:])
        XCTAssertTrue(seen.body.isEmpty)
    }

    func test_oneMebibyteBody_arrivesIntact() async throws {
        let recorder = Recorder()
        let server = try startServer { request in
            recorder.record(request)
            return .json(Data(#"{"received":\#(request.body.count)}"#.utf8))
        }
        let body = Data((0..<(1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })
        let (data, response) = try await Self.post(makeSession(), server.baseURL, body: body)
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual(response.value(forHTTPHeaderField: "Content-Type"), "application/json; charset=utf-8")
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"received":1048576}"#)
        XCTAssertEqual(recorder.requests.first?.body, body)
    }

    func test_sequentialRequests_reuseOneKeepAliveConnection() async throws {
        let recorder = Recorder()
        let server = try startServer { request in
            recorder.record(request)
            return .text("ok \(request.body.count)")
        }
        let session = makeSession()
        let first = try await Self.post(session, server.baseURL, body: Data("one".utf8))
        let second = try await Self.post(session, server.baseURL, body: Data("second".utf8))
        XCTAssertEqual(String(decoding: first.0, as: UTF8.self), "ok 3")
        XCTAssertEqual(String(decoding: second.0, as: UTF8.self), "ok 6")
        let remotes = recorder.requests.map(\.remote)
        XCTAssertEqual(remotes.count, 2)
        XCTAssertNotNil(remotes[0])
        XCTAssertEqual(remotes[0], remotes[1], "the second request should come on the same connection")
    }

    func test_connectionCloseHeader_closesAfterTheResponse() async throws {
        let recorder = Recorder()
        let server = try startServer { request in
            recorder.record(request)
            return ServerResponse(status: 200, headers: [(name: "Connection", value: "close")])
        }
        let session = makeSession()
        _ = try await Self.post(session, server.baseURL, body: Data("a".utf8))
        _ = try await Self.post(session, server.baseURL, body: Data("b".utf8))
        let remotes = recorder.requests.compactMap(\.remote)
        XCTAssertEqual(remotes.count, 2)
        XCTAssertNotEqual(remotes[0], remotes[1], "each request should need a new connection")
    }

    func test_twentyConcurrentRequests_allAnswered() async throws {
        let server = try startServer { request in
            try? await Task.sleep(nanoseconds: 20_000_000)
            return .text(String(decoding: request.body, as: UTF8.self))
        }
        let session = makeSession()
        let url = server.baseURL
        let answers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<20 {
                group.addTask {
                    let (data, response) = try await Self.post(session, url, body: Data("request \(index)".utf8))
                    XCTAssertEqual(response.statusCode, 200)
                    return (index, String(decoding: data, as: UTF8.self))
                }
            }
            var answers: [Int: String] = [:]
            for try await (index, text) in group {
                answers[index] = text
            }
            return answers
        }
        XCTAssertEqual(answers.count, 20)
        for index in 0..<20 {
            XCTAssertEqual(answers[index], "request \(index)")
        }
    }

    func test_stop_thenRequestsFail_andStopIsIdempotent() async throws {
        let server = try startServer { _ in .empty() }
        let url = server.baseURL
        let (_, response) = try await Self.post(makeSession(), url, body: Data())
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertTrue(server.isRunning)

        server.stop()
        server.stop()
        XCTAssertFalse(server.isRunning)
        do {
            _ = try await Self.post(makeSession(), url, body: Data("late".utf8))
            XCTFail("a request after stop() should fail")
        } catch {
            XCTAssertTrue(error is URLError, "unexpected error \(error)")
        }
    }

    func test_twoServersOnPortZero_getDifferentPorts() throws {
        let first = try startServer { _ in .empty() }
        let second = try startServer { _ in .empty() }
        XCTAssertNotEqual(first.port, 0)
        XCTAssertNotEqual(second.port, 0)
        XCTAssertNotEqual(first.port, second.port)
    }

    func test_start_onTakenPort_throwsErrorNamingThePort() throws {
        let first = try startServer { _ in .empty() }
        let second = LoopbackHTTPServer(port: first.port) { _ in .empty() }
        XCTAssertThrowsError(try second.start()) { error in
            XCTAssertEqual(error as? LoopbackHTTPServerError, .cannotListen(port: first.port))
            XCTAssertTrue(String(describing: error).contains("\(first.port)"))
        }
        XCTAssertFalse(second.isRunning)
    }

    func test_bodyOverLimit_gets413_withoutCallingHandler() async throws {
        let recorder = Recorder()
        let server = try startServer(options: .init(maxBodySize: 1024)) { request in
            recorder.record(request)
            return .empty()
        }
        let session = makeSession()
        let (data, response) = try await Self.post(session, server.baseURL, body: Data(repeating: 0x41, count: 4096))
        XCTAssertEqual(response.statusCode, 413)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("PayloadTooLarge"))
        XCTAssertTrue(recorder.requests.isEmpty)

        let (_, atLimit) = try await Self.post(session, server.baseURL, body: Data(repeating: 0x41, count: 1024))
        XCTAssertEqual(atLimit.statusCode, 200)
        XCTAssertEqual(recorder.requests.first?.body.count, 1024)
    }

    func test_hugeBodyOverDefaultLimit_isRefusedUnread_andServerKeepsServing() async throws {
        let recorder = Recorder()
        let server = try startServer { request in
            recorder.record(request)
            return .empty()
        }
        // The server answers 413 without reading the 9 MiB; a client still sending then sees
        // either that answer or the connection reset (curl: "Broken pipe"), depending on timing.
        do {
            let (_, response) = try await Self.post(makeSession(), server.baseURL, body: Data(count: 9 * 1024 * 1024))
            XCTAssertEqual(response.statusCode, 413)
        } catch {
            XCTAssertTrue(error is URLError, "unexpected error \(error)")
        }
        XCTAssertTrue(recorder.requests.isEmpty)
        let (_, next) = try await Self.post(makeSession(), server.baseURL, body: Data("fine".utf8))
        XCTAssertEqual(next.statusCode, 200)
    }

    func test_chunkedBodyOverLimit_gets413() async throws {
        let recorder = Recorder()
        let server = try startServer(options: .init(maxBodySize: 1000)) { request in
            recorder.record(request)
            return .text("\(request.body.count)")
        }
        let session = makeSession()
        for (size, status) in [(900, 200), (5000, 413)] {
            var request = URLRequest(url: server.baseURL)
            request.httpMethod = "POST"
            request.httpBodyStream = InputStream(data: Data(repeating: 0x42, count: size))
            let (_, response) = try await session.data(for: request)
            XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, status, "body of \(size) bytes")
        }
        XCTAssertEqual(recorder.requests.map(\.body.count), [900])
        XCTAssertNil(recorder.requests.first?.header("Content-Length"), "the body should have been chunked")
    }

    func test_droppedConnection_failsTheRequest() async throws {
        let server = try startServer { _ in .droppedConnection }
        do {
            _ = try await Self.post(makeSession(), server.baseURL, body: Data("x".utf8))
            XCTFail("a dropped connection should fail the request")
        } catch {
            XCTAssertTrue(error is URLError, "unexpected error \(error)")
        }
    }

    func test_decodeQuery() {
        XCTAssertEqual(
            ServerRequest.decodeQuery("a=1&b=x%2By+z&&c&a=2&d=%zz&e=="),
            ["a": "1", "b": "x+y z", "c": "", "d": "%zz", "e": "="]
        )
    }
}

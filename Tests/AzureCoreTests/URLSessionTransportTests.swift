import AzureCore
import Foundation
import XCTest

final class URLSessionTransportTests: XCTestCase {
    func test_transport_postReachesServerWithHeadersAndBody() async throws {
        let server = try TestHTTPServer { _ in
            .init(
                status: 200, headers: [("x-ms-request-id", "srv-1"), ("Content-Type", "application/json")],
                body: Data(#"{"ok":true}"#.utf8))
        }
        defer { server.stop() }
        let transport = URLSessionTransport()
        var request = HTTPRequest.post("http://127.0.0.1:\(server.port)/api/events?api-version=2018-01-01")
        request.headers["aeg-sas-key"] = "secret"
        request.headers["x-ms-client-request-id"] = "abc"
        let response = try await transport.send(request, context: PipelineContext())
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual(response.headers["X-MS-Request-ID"], "srv-1")
        XCTAssertEqual(response.body, Data(#"{"ok":true}"#.utf8))
        let received = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(received.method, "POST")
        XCTAssertEqual(received.target, "/api/events?api-version=2018-01-01")
        XCTAssertEqual(received.headers["aeg-sas-key"], "secret")
        XCTAssertEqual(received.headers["x-ms-client-request-id"], "abc")
        XCTAssertEqual(received.headers["content-type"], "application/json")
        XCTAssertEqual(received.body, request.body)
    }

    func test_transport_doesNotFollowRedirects() async throws {
        let server = try TestHTTPServer(maxConnections: 2) { _ in
            .init(status: 302, headers: [("Location", "http://other.invalid/elsewhere")])
        }
        defer { server.stop() }
        let transport = URLSessionTransport()
        var request = HTTPRequest.post("http://127.0.0.1:\(server.port)/start")
        request.method = .get
        request.body = nil
        let response = try await transport.send(request, context: PipelineContext())
        XCTAssertEqual(response.statusCode, 302)
        XCTAssertEqual(response.headers["Location"], "http://other.invalid/elsewhere")
        XCTAssertEqual(server.requests.count, 1)
    }

    func test_transport_slowResponseHitsTryTimeout() async throws {
        let server = try TestHTTPServer { _ in .init(status: 200, delay: 3) }
        defer { server.stop() }
        let transport = URLSessionTransport()
        let start = ContinuousClock.now
        do {
            _ = try await transport.send(
                .post("http://127.0.0.1:\(server.port)/slow"), context: PipelineContext(tryTimeout: .milliseconds(300)))
            XCTFail("expected a timeout")
        } catch let error as AzureError {
            XCTAssertEqual(error.kind, .timeout, "\(error)")
        }
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(2))
    }

    func test_transport_connectionRefusedIsTransportError() async throws {
        let port = TestHTTPServer.closedPort()
        let transport = URLSessionTransport()
        do {
            _ = try await transport.send(.post("http://127.0.0.1:\(port)/x"), context: PipelineContext())
            XCTFail("expected an error")
        } catch let error as AzureError {
            XCTAssertEqual(error.kind, .transport, "\(error)")
            XCTAssertTrue(error.message.contains("127.0.0.1"), error.message)
            XCTAssertNotNil(error.underlyingError)
        }
    }

    func test_transport_cancellationIsCancelled() async throws {
        let server = try TestHTTPServer { _ in .init(status: 200, delay: 3) }
        defer { server.stop() }
        let transport = URLSessionTransport()
        let url = "http://127.0.0.1:\(server.port)/slow"
        let task = Task { try await transport.send(.post(url), context: PipelineContext()) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result
        XCTAssertEqual((result.failure as? AzureError)?.kind, .cancelled)
    }

    func test_transport_garbageResponseIsTransportErrorNotCrash() async throws {
        let server = try TestHTTPServer { _ in .init(status: 0, raw: Data("NOT HTTP AT ALL\r\n\r\n".utf8)) }
        defer { server.stop() }
        let transport = URLSessionTransport()
        do {
            let response = try await transport.send(
                .post("http://127.0.0.1:\(server.port)/odd"), context: PipelineContext(tryTimeout: .seconds(5)))
            XCTAssertGreaterThanOrEqual(response.statusCode, 0, "an odd answer may be tolerated, never a crash")
        } catch let error as AzureError {
            XCTAssertTrue([.transport, .timeout].contains(error.kind), "\(error)")
        }
    }
}

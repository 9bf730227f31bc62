import AzureCore
import Foundation
import XCTest

final class RedirectPolicyTests: XCTestCase {
    private func authedRequest(_ url: String) -> HTTPRequest {
        var request = HTTPRequest.post(url)
        request.headers["Authorization"] = "Bearer t"
        request.headers["aeg-sas-key"] = "k"
        request.headers["aeg-sas-token"] = "s"
        return request
    }

    private func redirecting(to locations: [String], status: Int = 307) -> MockTransport {
        MockTransport { _, _, index in
            guard index < locations.count else { return HTTPResponse(statusCode: 200) }
            return HTTPResponse(statusCode: status, headers: ["Location": locations[index]])
        }
    }

    func test_redirect_sameHostKeepsAuth() async throws {
        let transport = redirecting(to: ["/api/moved?api-version=1&sig=abc"])
        let pipeline = HTTPPipeline(policies: [RedirectPolicy()], transport: transport)
        let response = try await pipeline.send(authedRequest("https://a.example.net/api/events?aeg-sas-key=q"))
        XCTAssertEqual(response.statusCode, 200)
        let second = try XCTUnwrap(transport.requests.last)
        XCTAssertEqual(second.url.absoluteString, "https://a.example.net/api/moved?api-version=1&sig=abc")
        XCTAssertEqual(second.headers["Authorization"], "Bearer t")
        XCTAssertEqual(second.headers["aeg-sas-key"], "k")
        XCTAssertEqual(second.method, .post)
        XCTAssertEqual(second.body, HTTPRequest.post().body)
    }

    func test_redirect_crossHostStripsCredentials() async throws {
        for target in [
            "https://evil.example.org/x?aeg-sas-key=q&sig=s&aeg-sas-token=t&keep=1",
            "http://a.example.net/x?aeg-sas-key=q&sig=s&aeg-sas-token=t&keep=1",
            "https://a.example.net:8443/x?aeg-sas-key=q&sig=s&aeg-sas-token=t&keep=1",
        ] {
            let transport = redirecting(to: [target, "/back"])
            let pipeline = HTTPPipeline(policies: [RedirectPolicy()], transport: transport)
            _ = try await pipeline.send(authedRequest("https://a.example.net/api/events"))
            XCTAssertEqual(transport.callCount, 3)
            for request in transport.requests.dropFirst() {
                XCTAssertNil(request.headers["Authorization"], target)
                XCTAssertNil(request.headers["aeg-sas-key"], target)
                XCTAssertNil(request.headers["aeg-sas-token"], target)
                let query = request.url.query ?? ""
                XCTAssertFalse(query.contains("sas") || query.contains("sig"), query)
            }
            XCTAssertEqual(transport.requests[1].url.query, "keep=1")
        }
    }

    func test_redirect_stopsAfterMaxRedirects() async throws {
        let transport = redirecting(to: Array(repeating: "/again", count: 10), status: 302)
        let pipeline = HTTPPipeline(policies: [RedirectPolicy(maxRedirects: 3)], transport: transport)
        var request = HTTPRequest.post()
        request.method = .get
        let response = try await pipeline.send(request)
        XCTAssertEqual(response.statusCode, 302)
        XCTAssertEqual(transport.callCount, 4)
    }

    func test_redirect_methodRules() async throws {
        // 303 → GET without body.
        var transport = redirecting(to: ["/see-other"], status: 303)
        _ = try await HTTPPipeline(policies: [RedirectPolicy()], transport: transport).send(.post())
        XCTAssertEqual(transport.requests.last?.method, .get)
        XCTAssertNil(transport.requests.last?.body)
        XCTAssertNil(transport.requests.last?.headers["Content-Type"])
        // 301/302 with POST are not followed.
        for status in [301, 302] {
            transport = redirecting(to: ["/moved"], status: status)
            let response = try await HTTPPipeline(policies: [RedirectPolicy()], transport: transport).send(.post())
            XCTAssertEqual(response.statusCode, status)
            XCTAssertEqual(transport.callCount, 1)
        }
        // 308 keeps POST and body.
        transport = redirecting(to: ["/permanent"], status: 308)
        _ = try await HTTPPipeline(policies: [RedirectPolicy()], transport: transport).send(.post())
        XCTAssertEqual(transport.requests.last?.method, .post)
        XCTAssertEqual(transport.requests.last?.body, HTTPRequest.post().body)
    }

    func test_redirect_withoutLocationOrToOtherSchemeIsReturned() async throws {
        let transport = MockTransport { _, _, index in
            index == 0 ? HTTPResponse(statusCode: 307) : HTTPResponse(statusCode: 200)
        }
        let response = try await HTTPPipeline(policies: [RedirectPolicy()], transport: transport).send(.post())
        XCTAssertEqual(response.statusCode, 307)
        let ftp = redirecting(to: ["ftp://files.example.net/x"])
        let ftpResponse = try await HTTPPipeline(policies: [RedirectPolicy()], transport: ftp).send(.post())
        XCTAssertEqual(ftpResponse.statusCode, 307)
    }
}

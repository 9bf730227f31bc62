import AzureCore
import Foundation
import XCTest

final class HTTPPipelineTests: XCTestCase {
    /// Records the order policies run in.
    private struct Marker: HTTPPolicy {
        let name: String

        func send(_ request: HTTPRequest, context: PipelineContext, next: NextPolicy) async throws -> HTTPResponse {
            var request = request
            let trail = request.headers["x-trail"].map { $0 + "," } ?? ""
            request.headers["x-trail"] = trail + name
            return try await next.send(request, context: context)
        }
    }

    func test_standardPipeline_canonicalOrder() async throws {
        let credential = AzureKeyCredential("k")
        let logger = CapturingLogger()
        let transport = MockTransport { _, _, index in
            index == 0
                ? HTTPResponse(statusCode: 503)
                : index == 1
                    ? HTTPResponse(statusCode: 307, headers: ["Location": "https://other.example.org/x"])
                    : HTTPResponse(statusCode: 200)
        }
        let pipeline = HTTPPipeline(
            userAgent: UserAgentPolicy(sdkName: "eventgrid", sdkVersion: "1.0.0"),
            retry: RetryPolicy(options: RetryOptions(), clock: TestClock(), jitter: { 1 }),
            authentication: KeyCredentialPolicy(credential: credential, headerName: "aeg-sas-key"),
            logging: LoggingPolicy(options: LoggingOptions(logger: logger)),
            perCallPolicies: [Marker(name: "call")],
            perRetryPolicies: [Marker(name: "try")],
            transport: transport
        )
        let response = try await pipeline.send(.post())
        XCTAssertEqual(response.statusCode, 200)
        let requests = transport.requests
        XCTAssertEqual(requests.count, 3)
        XCTAssertEqual(requests[0].headers["x-trail"], "call,try")
        XCTAssertEqual(requests[1].headers["x-trail"], "call,try", "per-call policies run once; per-try ones again")
        XCTAssertEqual(requests[1].headers["aeg-sas-key"], "k")
        XCTAssertNil(requests[2].headers["aeg-sas-key"], "the redirect to another host dropped the key")
        XCTAssertEqual(Set(requests.map { $0.headers["x-ms-client-request-id"] }).count, 1)
        XCTAssertTrue(
            requests.allSatisfy { $0.headers["User-Agent"]?.hasPrefix("azsdk-swift-eventgrid/1.0.0") ?? false })
        XCTAssertEqual(logger.messages.filter { $0.contains("Request POST") }.count, 2)
        XCTAssertFalse(logger.messages.joined().contains("aeg-sas-key: k"))
    }
}

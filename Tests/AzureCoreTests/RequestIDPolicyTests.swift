import AzureCore
import Foundation
import XCTest

final class RequestIDPolicyTests: XCTestCase {
    func test_requestID_setsLowercaseUUIDAndReturnHeader() async throws {
        let transport = MockTransport(statuses: [200])
        _ = try await HTTPPipeline(policies: [RequestIDPolicy()], transport: transport).send(.post())
        let request = try XCTUnwrap(transport.requests.first)
        let id = try XCTUnwrap(request.headers["x-ms-client-request-id"])
        XCTAssertNotNil(UUID(uuidString: id))
        XCTAssertEqual(id, id.lowercased())
        XCTAssertEqual(request.headers["x-ms-return-client-request-id"], "true")
    }

    func test_requestID_keepsCallerValue() async throws {
        let transport = MockTransport(statuses: [200])
        var request = HTTPRequest.post()
        request.headers["X-MS-Client-Request-Id"] = "mine"
        _ = try await HTTPPipeline(policies: [RequestIDPolicy()], transport: transport).send(request)
        XCTAssertEqual(transport.requests.first?.headers["x-ms-client-request-id"], "mine")
    }

    func test_requestID_sameAcrossRetriesAndNewPerCall() async throws {
        let transport = MockTransport { _, _, index in HTTPResponse(statusCode: index % 2 == 0 ? 500 : 200) }
        let pipeline = HTTPPipeline(
            policies: [RequestIDPolicy(), RetryPolicy(options: RetryOptions(), clock: TestClock())],
            transport: transport
        )
        _ = try await pipeline.send(.post())
        _ = try await pipeline.send(.post())
        let ids = transport.requests.map { $0.headers["x-ms-client-request-id"] }
        XCTAssertEqual(ids.count, 4)
        XCTAssertEqual(ids[0], ids[1])
        XCTAssertEqual(ids[2], ids[3])
        XCTAssertNotEqual(ids[0], ids[2])
    }
}

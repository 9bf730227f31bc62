import AzureCore
import Foundation
import Synchronization
import XCTest

final class KeyCredentialPolicyTests: XCTestCase {
    func test_keyPolicy_setsHeader() async throws {
        let transport = MockTransport(statuses: [200])
        let credential = AzureKeyCredential("key-1")
        let pipeline = HTTPPipeline(
            policies: [KeyCredentialPolicy(credential: credential, headerName: "aeg-sas-key")], transport: transport)
        _ = try await pipeline.send(.post())
        XCTAssertEqual(transport.requests.first?.headers["aeg-sas-key"], "key-1")
    }

    func test_keyPolicy_prefix() async throws {
        let transport = MockTransport(statuses: [200])
        let policy = KeyCredentialPolicy(
            credential: AzureKeyCredential("k"), headerName: "Authorization", prefix: "SharedAccessKey")
        _ = try await HTTPPipeline(policies: [policy], transport: transport).send(.post())
        XCTAssertEqual(transport.requests.first?.headers["Authorization"], "SharedAccessKey k")
    }

    func test_keyPolicy_rotationTakesEffectOnNextRequest() async throws {
        let transport = MockTransport(statuses: [200])
        let credential = AzureKeyCredential("old")
        let pipeline = HTTPPipeline(
            policies: [KeyCredentialPolicy(credential: credential, headerName: "aeg-sas-key")], transport: transport)
        _ = try await pipeline.send(.post())
        credential.update("new")
        XCTAssertEqual(credential.key, "new")
        _ = try await pipeline.send(.post())
        XCTAssertEqual(transport.requests.map { $0.headers["aeg-sas-key"] }, ["old", "new"])
    }

    func test_keyPolicy_rotationBetweenRetries() async throws {
        let credential = AzureKeyCredential("old")
        let transport = MockTransport { _, _, index in
            if index == 0 { credential.update("new") }
            return HTTPResponse(statusCode: index == 0 ? 503 : 200)
        }
        let pipeline = HTTPPipeline(
            policies: [
                RetryPolicy(options: RetryOptions(), clock: TestClock()),
                KeyCredentialPolicy(credential: credential, headerName: "aeg-sas-key"),
            ],
            transport: transport
        )
        _ = try await pipeline.send(.post())
        XCTAssertEqual(transport.requests.map { $0.headers["aeg-sas-key"] }, ["old", "new"])
    }

    func test_keyCredential_concurrentUpdatesAndReadsAreAtomic() async {
        let credential = AzureKeyCredential("key-0")
        await withTaskGroup(of: Void.self) { group in
            for index in 1...50 {
                group.addTask { credential.update("key-\(index)") }
                group.addTask { XCTAssertTrue(credential.key.hasPrefix("key-")) }
            }
        }
        XCTAssertTrue(credential.key.hasPrefix("key-"))
    }
}

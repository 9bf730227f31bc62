import AzureCore
import Foundation
import Synchronization
import XCTest

final class BearerTokenCredentialPolicyTests: XCTestCase {
    func test_bearer_sendsTokenAndPassesScopes() async throws {
        let credential = FakeTokenCredential(lifetime: 3600)
        let transport = MockTransport(statuses: [200])
        let scopes = ["https://eventgrid.azure.net/.default"]
        let pipeline = HTTPPipeline(
            policies: [BearerTokenCredentialPolicy(credential: credential, scopes: scopes)], transport: transport)
        _ = try await pipeline.send(.post())
        _ = try await pipeline.send(.post())
        XCTAssertEqual(transport.requests.map { $0.headers["Authorization"] }, ["Bearer token-1", "Bearer token-1"])
        XCTAssertEqual(credential.calls, [scopes], "a token valid for an hour is cached")
    }

    func test_bearer_refreshesWhenExpiringWithinTwoMinutes() async throws {
        let credential = FakeTokenCredential(lifetime: 90)
        let transport = MockTransport(statuses: [200])
        let pipeline = HTTPPipeline(
            policies: [BearerTokenCredentialPolicy(credential: credential, scopes: ["s"])], transport: transport)
        _ = try await pipeline.send(.post())
        _ = try await pipeline.send(.post())
        XCTAssertEqual(transport.requests.map { $0.headers["Authorization"] }, ["Bearer token-1", "Bearer token-2"])
    }

    func test_bearer_concurrentRequestsShareOneFetch() async throws {
        let credential = FakeTokenCredential(lifetime: 3600, delay: .milliseconds(50))
        let transport = MockTransport(statuses: [200])
        let pipeline = HTTPPipeline(
            policies: [BearerTokenCredentialPolicy(credential: credential, scopes: ["s"])], transport: transport)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { _ = try await pipeline.send(.post()) }
            }
            try await group.waitForAll()
        }
        XCTAssertEqual(credential.calls.count, 1)
        XCTAssertEqual(Set(transport.requests.map { $0.headers["Authorization"] }), ["Bearer token-1"])
    }

    func test_bearer_refusesPlainHTTPExceptLoopback() async throws {
        let transport = MockTransport(statuses: [200])
        let pipeline = HTTPPipeline(
            policies: [BearerTokenCredentialPolicy(credential: FakeTokenCredential(lifetime: 3600), scopes: ["s"])],
            transport: transport
        )
        do {
            _ = try await pipeline.send(.post("http://topic.example.net/api/events"))
            XCTFail("expected an error")
        } catch let error as AzureError {
            XCTAssertEqual(error.kind, .invalidInput)
        }
        XCTAssertEqual(transport.callCount, 0)
        for url in ["http://127.0.0.1:8080/api/events", "http://localhost/api/events", "http://[::1]:9/api/events"] {
            _ = try await pipeline.send(.post(url))
        }
        XCTAssertEqual(transport.callCount, 3)
    }

    func test_bearer_credentialFailureIsAuthenticationError() async throws {
        let pipeline = HTTPPipeline(
            policies: [BearerTokenCredentialPolicy(credential: FailingTokenCredential(), scopes: ["s"])],
            transport: MockTransport(statuses: [200])
        )
        do {
            _ = try await pipeline.send(.post())
            XCTFail("expected an error")
        } catch let error as AzureError {
            XCTAssertEqual(error.kind, .authentication)
            XCTAssertTrue(error.underlyingError is FailingTokenCredential.Failure)
        }
    }
}

final class FakeTokenCredential: TokenCredential {
    private let state = Mutex<[[String]]>([])
    let lifetime: TimeInterval
    let delay: Duration?

    init(lifetime: TimeInterval, delay: Duration? = nil) {
        self.lifetime = lifetime
        self.delay = delay
    }

    var calls: [[String]] { state.withLock { $0 } }

    func getToken(for scopes: [String]) async throws -> AccessToken {
        let count = state.withLock { calls in
            calls.append(scopes)
            return calls.count
        }
        if let delay { try await Task.sleep(for: delay) }
        return AccessToken(token: "token-\(count)", expiresOn: Date().addingTimeInterval(lifetime))
    }
}

struct FailingTokenCredential: TokenCredential {
    struct Failure: Error {}

    func getToken(for scopes: [String]) async throws -> AccessToken {
        throw Failure()
    }
}

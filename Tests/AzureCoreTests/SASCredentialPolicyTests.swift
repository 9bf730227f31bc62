import AzureCore
import Foundation
import Synchronization
import XCTest

final class SASCredentialPolicyTests: XCTestCase {
    func test_sasPolicy_setsHeaderAndRotates() async throws {
        let transport = MockTransport(statuses: [200])
        let credential = AzureSASCredential("r=x&e=1&s=abc")
        let pipeline = HTTPPipeline(
            policies: [SASCredentialPolicy(credential: credential, headerName: "aeg-sas-token")], transport: transport)
        _ = try await pipeline.send(.post())
        credential.update("r=x&e=2&s=def")
        XCTAssertEqual(credential.signature, "r=x&e=2&s=def")
        _ = try await pipeline.send(.post())
        XCTAssertEqual(transport.requests.map { $0.headers["aeg-sas-token"] }, ["r=x&e=1&s=abc", "r=x&e=2&s=def"])
    }
}

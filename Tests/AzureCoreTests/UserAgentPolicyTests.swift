import AzureCore
import Foundation
import XCTest

final class UserAgentPolicyTests: XCTestCase {
    private func userAgent(_ policy: UserAgentPolicy, existing: String? = nil) async throws -> String? {
        let transport = MockTransport(statuses: [200])
        var request = HTTPRequest.post()
        request.headers["User-Agent"] = existing
        _ = try await HTTPPipeline(policies: [policy], transport: transport).send(request)
        return transport.requests.first?.headers["User-Agent"]
    }

    func test_userAgent_format() async throws {
        let found = try await userAgent(UserAgentPolicy(sdkName: "eventgrid", sdkVersion: "1.2.3"))
        let value = try XCTUnwrap(found)
        let pattern = #"^azsdk-swift-eventgrid/1\.2\.3 \([A-Za-z]+ \d+\.\d+\.\d+; Swift \d+\.\d+\+?\)$"#
        XCTAssertNotNil(value.range(of: pattern, options: .regularExpression), value)
    }

    func test_userAgent_applicationIDPrefix() async throws {
        let value = try await userAgent(
            UserAgentPolicy(sdkName: "eventgrid", sdkVersion: "1.0.0", applicationID: "myapp/2"))
        XCTAssertTrue(value?.hasPrefix("myapp/2 azsdk-swift-eventgrid/1.0.0 (") ?? false, value ?? "nil")
    }

    func test_userAgent_callerValueKeptInFront() async throws {
        let policy = UserAgentPolicy(sdkName: "eventgrid", sdkVersion: "1.0.0")
        let value = try await userAgent(policy, existing: "wrapper/9")
        XCTAssertEqual(value, "wrapper/9 " + policy.userAgent)
    }

    func test_applicationID_validation() throws {
        XCTAssertNoThrow(try UserAgentPolicy.validateApplicationID("abcdefghijklmnopqrstuvwx"))
        XCTAssertThrowsError(try UserAgentPolicy.validateApplicationID("abcdefghijklmnopqrstuvwxy")) { error in
            XCTAssertEqual((error as? AzureError)?.kind, .invalidInput)
            XCTAssertTrue((error as? AzureError)?.message.contains("24") ?? false)
        }
        XCTAssertThrowsError(try UserAgentPolicy.validateApplicationID("my app")) { error in
            XCTAssertEqual((error as? AzureError)?.kind, .invalidInput)
            XCTAssertTrue((error as? AzureError)?.message.contains("spaces") ?? false)
        }
    }

    func test_userAgent_invalidApplicationIDIsCleaned() {
        let policy = UserAgentPolicy(
            sdkName: "x", sdkVersion: "1", applicationID: "my app with a very long name indeed")
        XCTAssertTrue(policy.userAgent.hasPrefix("myappwithaverylongnamein azsdk-swift-x/1 "), policy.userAgent)
    }
}

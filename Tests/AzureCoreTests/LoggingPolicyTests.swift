import AzureCore
import Foundation
import XCTest

final class LoggingPolicyTests: XCTestCase {
    private let secrets = ["KEY-SECRET-123", "SAS-SECRET-456", "TOKEN-SECRET-789", "QUERY-SECRET-000", "SIG-SECRET"]

    private func run(
        _ options: LoggingOptions,
        transport: MockTransport = MockTransport(statuses: [200])
    ) async {
        let url =
            "https://topic.example.net/api/events?api-version=2018-01-01&aeg-sas-key=QUERY-SECRET-000"
            + "&sig=SIG-SECRET&other=value1"
        var request = HTTPRequest.post(url)
        request.headers["aeg-sas-key"] = "KEY-SECRET-123"
        request.headers["aeg-sas-token"] = "SAS-SECRET-456"
        request.headers["Authorization"] = "Bearer TOKEN-SECRET-789"
        request.headers["x-custom"] = "custom-value"
        request.headers["x-ms-client-request-id"] = "req-1"
        let pipeline = HTTPPipeline(policies: [LoggingPolicy(options: options)], transport: transport)
        _ = try? await pipeline.send(request, context: PipelineContext(operationName: "Test.send", attempt: 2))
    }

    func test_logging_neverLogsSecretsEvenWhenAllowListed() async throws {
        let logger = CapturingLogger()
        let everything: Set<String> = ["aeg-sas-key", "AEG-SAS-TOKEN", "authorization", "x-custom", "content-type"]
        let options = LoggingOptions(
            logger: logger, level: .debug,
            allowedHeaderNames: LoggingOptions.defaultAllowedHeaderNames.union(everything),
            allowedQueryParameters: ["api-version", "aeg-sas-key", "sig", "other"]
        )
        await run(options)
        let failing = MockTransport { request, _, _ in
            throw AzureError(kind: .transport, message: "failed for \(request.url) with \(request.headers)")
        }
        await run(options, transport: failing)
        let text = logger.messages.joined(separator: "\n")
        XCTAssertFalse(logger.messages.isEmpty)
        for secret in secrets {
            XCTAssertFalse(text.contains(secret), "\(secret) leaked in:\n\(text)")
        }
        XCTAssertTrue(text.contains("x-custom: custom-value"), text)
        XCTAssertTrue(text.contains("other=value1"), text)
    }

    func test_logging_defaultsRedactUnknownHeadersAndQueryValues() async throws {
        let logger = CapturingLogger()
        await run(LoggingOptions(logger: logger, level: .debug))
        let text = logger.messages.joined(separator: "\n")
        for secret in secrets + ["custom-value", "value1"] {
            XCTAssertFalse(text.contains(secret), "\(secret) leaked in:\n\(text)")
        }
        XCTAssertTrue(text.contains("x-custom: REDACTED"), text)
        XCTAssertTrue(text.contains("aeg-sas-key: REDACTED"), text)
        XCTAssertTrue(text.contains("api-version=2018-01-01"), text)
        XCTAssertTrue(text.contains("aeg-sas-key=REDACTED"), text)
        XCTAssertTrue(text.contains("Content-Type: application/json"), text)
        XCTAssertTrue(text.contains("x-ms-client-request-id: req-1"), text)
        XCTAssertTrue(text.contains("attempt 2"), text)
        XCTAssertTrue(text.contains("POST https://topic.example.net/api/events"), text)
        XCTAssertTrue(text.contains("body: 12 bytes"), text)
        XCTAssertFalse(text.contains(#""id""#), "the body is never logged")
        XCTAssertTrue(text.contains("Response 200"), text)
    }

    func test_logging_errorIsLoggedAsWarning() async throws {
        let logger = CapturingLogger()
        await run(
            LoggingOptions(logger: logger),
            transport: MockTransport { _, _, _ in throw AzureError(kind: .transport, message: "reset by peer") }
        )
        let warning = logger.entries.first { $0.0 == .warning }
        XCTAssertNotNil(warning)
        XCTAssertTrue(warning?.1.contains("reset by peer") ?? false)
    }

    func test_logging_levelFilters() async throws {
        let logger = CapturingLogger()
        await run(LoggingOptions(logger: logger, level: .error))
        XCTAssertEqual(logger.messages, [])
        XCTAssertTrue(AzureLogLevel.debug < .info && AzureLogLevel.warning < .error)
    }
}

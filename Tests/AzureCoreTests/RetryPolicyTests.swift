import AzureCore
import Foundation
import XCTest

final class RetryPolicyTests: XCTestCase {
    private func pipeline(
        _ transport: MockTransport, clock: TestClock = TestClock(), options: RetryOptions = RetryOptions()
    ) -> HTTPPipeline {
        HTTPPipeline(
            policies: [RequestIDPolicy(), RetryPolicy(options: options, clock: clock, jitter: { 1.0 })],
            transport: transport
        )
    }

    func test_retry_retriesEachRetryableStatusThenSucceeds() async throws {
        for status in [408, 429, 500, 502, 503, 504] {
            let transport = MockTransport(statuses: [status, 200])
            let response = try await pipeline(transport).send(.post())
            XCTAssertEqual(response.statusCode, 200, "status \(status)")
            XCTAssertEqual(transport.callCount, 2, "status \(status)")
        }
    }

    func test_retry_neverRetriesOtherClientErrors() async throws {
        for status in [400, 401, 403, 404, 413] {
            let clock = TestClock()
            let transport = MockTransport(statuses: [status, 200])
            let response = try await pipeline(transport, clock: clock).send(.post())
            XCTAssertEqual(response.statusCode, status)
            XCTAssertEqual(transport.callCount, 1, "status \(status)")
            XCTAssertEqual(clock.sleeps, [])
        }
    }

    func test_retry_givesUpAfterThreeRetriesReturningLastResponse() async throws {
        let transport = MockTransport { _, _, index in
            HTTPResponse(statusCode: 503, headers: ["x-try": "\(index)"])
        }
        let response = try await pipeline(transport).send(.post())
        XCTAssertEqual(response.statusCode, 503)
        XCTAssertEqual(response.headers["x-try"], "3")
        XCTAssertEqual(transport.callCount, 4)
    }

    func test_retry_executeTurnsLastResponseIntoServiceError() async throws {
        let transport = MockTransport { request, _, _ in
            HTTPResponse(
                statusCode: 500,
                headers: ["x-ms-client-request-id": request.headers["x-ms-client-request-id"] ?? "missing"],
                body: Data(#"{"error":{"code":"InternalError","message":"boom"}}"#.utf8)
            )
        }
        do {
            _ = try await pipeline(transport).execute(.post(), successCodes: [200])
            XCTFail("expected an error")
        } catch let error as AzureError {
            XCTAssertEqual(error.kind, .service)
            XCTAssertEqual(error.statusCode, 500)
            XCTAssertEqual(error.errorCode, "InternalError")
            XCTAssertEqual(error.clientRequestID, transport.requests.last?.headers["x-ms-client-request-id"])
            XCTAssertNotNil(error.clientRequestID)
            XCTAssertEqual(transport.callCount, 4)
        }
    }

    func test_retry_exponentialDelaysWithFixedJitter() async throws {
        let clock = TestClock()
        let transport = MockTransport(statuses: [500])
        _ = try await pipeline(transport, clock: clock).send(.post())
        XCTAssertEqual(clock.sleeps, [.milliseconds(800), .milliseconds(1600), .milliseconds(3200)])
    }

    func test_retry_jitterScalesDelay() async throws {
        let clock = TestClock()
        let policy = RetryPolicy(options: RetryOptions(maxRetries: 1), clock: clock, jitter: { 0.8 })
        _ = try await HTTPPipeline(policies: [policy], transport: MockTransport(statuses: [500])).send(.post())
        XCTAssertEqual(clock.sleeps, [.milliseconds(640)])
    }

    func test_retry_delayIsCappedAtMaxDelay() async throws {
        let clock = TestClock()
        let transport = MockTransport(statuses: [500])
        _ = try await pipeline(transport, clock: clock, options: RetryOptions(maxRetries: 10)).send(.post())
        XCTAssertEqual(clock.sleeps.count, 10)
        XCTAssertEqual(clock.sleeps.last, .seconds(60))
        XCTAssertEqual(clock.sleeps.max(), .seconds(60))
        XCTAssertEqual(clock.sleeps[6], .milliseconds(51_200))
        XCTAssertEqual(clock.sleeps[7], .seconds(60))
    }

    func test_retry_fixedMode() async throws {
        let clock = TestClock()
        let options = RetryOptions(baseDelay: .seconds(2), mode: .fixed)
        _ = try await pipeline(MockTransport(statuses: [503]), clock: clock, options: options).send(.post())
        XCTAssertEqual(clock.sleeps, [.seconds(2), .seconds(2), .seconds(2)])
    }

    func test_retry_noneTriesOnce() async throws {
        let transport = MockTransport(statuses: [503, 200])
        let response = try await pipeline(transport, options: .none).send(.post())
        XCTAssertEqual(response.statusCode, 503)
        XCTAssertEqual(transport.callCount, 1)
    }

    private func serverDelay(_ headers: HTTPHeaders, clock: TestClock = TestClock()) async throws -> Duration? {
        let transport = MockTransport(statuses: [429, 200], headers: headers)
        _ = try await pipeline(transport, clock: clock, options: RetryOptions(baseDelay: .milliseconds(10)))
            .send(.post())
        return clock.sleeps.first
    }

    func test_retry_serverDelayHeaderPrecedence() async throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let httpDate = "Tue, 14 Nov 2023 22:13:40 GMT"  // now + 20 s
        var delay = try await serverDelay([
            "retry-after-ms": "5000", "x-ms-retry-after-ms": "7000", "Retry-After": "9",
        ])
        XCTAssertEqual(delay, .seconds(5))
        delay = try await serverDelay(["x-ms-retry-after-ms": "7000", "Retry-After": "9"])
        XCTAssertEqual(delay, .seconds(7))
        delay = try await serverDelay(["Retry-After": "9"])
        XCTAssertEqual(delay, .seconds(9))
        delay = try await serverDelay(["Retry-After": httpDate], clock: TestClock(now: now))
        XCTAssertEqual(delay, .seconds(20))
    }

    func test_retry_computedDelayWinsWhenLargerAndServerDelayIsCapped() async throws {
        var delay = try await serverDelay(["retry-after-ms": "1"])
        XCTAssertEqual(delay, .milliseconds(10))
        delay = try await serverDelay(["Retry-After": "3600"])
        XCTAssertEqual(delay, .seconds(60))
        delay = try await serverDelay(["Retry-After": "garbage"])
        XCTAssertEqual(delay, .milliseconds(10))
    }

    func test_retry_sameRequestIDAndBodyOnEveryTry() async throws {
        let transport = MockTransport(statuses: [500, 502, 503, 200])
        _ = try await pipeline(transport).send(.post())
        let requests = transport.requests
        XCTAssertEqual(requests.count, 4)
        let ids = Set(requests.compactMap { $0.headers["x-ms-client-request-id"] })
        XCTAssertEqual(ids.count, 1)
        XCTAssertEqual(Set(requests.map(\.body)), [HTTPRequest.post().body])
        XCTAssertEqual(transport.contexts.map(\.attempt), [1, 2, 3, 4])
    }

    func test_retry_setsTryTimeout() async throws {
        let transport = MockTransport(statuses: [200])
        _ = try await pipeline(transport, options: RetryOptions(tryTimeout: .seconds(5))).send(.post())
        XCTAssertEqual(transport.contexts.first?.tryTimeout, .seconds(5))
    }

    func test_retry_transportErrorsAreRetried() async throws {
        let transport = MockTransport { _, _, index in
            if index == 0 { throw AzureError(kind: .transport, message: "reset") }
            if index == 1 { throw AzureError(kind: .timeout, message: "slow") }
            return HTTPResponse(statusCode: 200)
        }
        let response = try await pipeline(transport).send(.post())
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual(transport.callCount, 3)
    }

    func test_retry_lastTransportErrorIsRethrown() async throws {
        let transport = MockTransport { _, _, index in
            throw AzureError(kind: .transport, message: "try \(index)")
        }
        do {
            _ = try await pipeline(transport).send(.post())
            XCTFail("expected an error")
        } catch let error as AzureError {
            XCTAssertEqual(error.kind, .transport)
            XCTAssertEqual(error.message, "try 3")
        }
    }

    func test_retry_invalidInputAndCancelledAreNotRetried() async throws {
        for kind in [AzureError.Kind.invalidInput, .cancelled, .authentication] {
            let transport = MockTransport { _, _, _ in throw AzureError(kind: kind, message: "no") }
            do {
                _ = try await pipeline(transport).send(.post())
                XCTFail("expected an error")
            } catch let error as AzureError {
                XCTAssertEqual(error.kind, kind)
            }
            XCTAssertEqual(transport.callCount, 1)
        }
    }

    func test_retry_cancellationDuringSleepStopsRetrying() async throws {
        let clock = TestClock(suspends: true)
        let transport = MockTransport(statuses: [503, 200])
        let pipeline = pipeline(transport, clock: clock)
        let task = Task { try await pipeline.send(.post()) }
        for await _ in clock.sleepStarted { break }
        task.cancel()
        let result = await task.result
        XCTAssertThrowsError(try result.get()) { error in
            XCTAssertEqual((error as? AzureError)?.kind, .cancelled)
        }
        XCTAssertEqual(transport.callCount, 1)
    }

    func test_retry_cancelledBeforeFirstTrySendsNothing() async throws {
        let transport = MockTransport(statuses: [200])
        let pipeline = pipeline(transport)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await pipeline.send(.post())
        }
        let result = await task.result
        XCTAssertEqual((result.failure as? AzureError)?.kind, .cancelled)
        XCTAssertEqual(transport.callCount, 0)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

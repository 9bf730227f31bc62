import AzureCore
import AzureEventGrid
import Foundation
import XCTest

@testable import EventGridEmulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The emulator's own pieces: SAS parsing and expiry formats, auth decisions, validation
/// messages, faults and the inspection endpoint (over raw HTTP, no SDK).
final class EmulatorUnitTests: XCTestCase {
    private let key = Data("unit-test-key".utf8).base64EncodedString()
    private let host = "127.0.0.1:8080"
    private let topic = EmulatorTopic(
        name: "orders", schema: .eventGrid, keys: [Data("unit-test-key".utf8).base64EncodedString()])

    private func date(_ text: String) throws -> Date {
        try XCTUnwrap(RFC3339.date(from: text))
    }

    /// Signs `r=…&e=…` as an SDK would, with the given (already encoded) parts.
    private func sign(resource: String, expiry: String, key: String) -> String {
        let unsigned = "r=\(resource)&e=\(expiry)"
        let mac = HMACSHA256.authenticationCode(for: Data(unsigned.utf8), key: Data(base64Encoded: key) ?? Data())
        let signature = mac.base64EncodedString()
            .replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F")
            .replacingOccurrences(of: "=", with: "%3D")
        return "\(unsigned)&s=\(signature)"
    }

    private func authenticate(_ headers: [(name: String, value: String)], query: String? = nil, now: Date = Date())
        -> Result<EmulatorAuthMethod, ServiceError>
    {
        let request = ServerRequest(method: "POST", path: "/api/events", rawQuery: query, headers: headers)
        return EmulatorAuthenticator.authenticate(request, topic: topic, host: host, bearerTokens: ["tok"], now: now)
    }

    // MARK: SAS expiry formats

    func test_expiry_pythonISOAndUSFormats() throws {
        XCTAssertEqual(SASExpiry.parse("2030-01-02 03:04:05+00:00"), try date("2030-01-02T03:04:05Z"))
        XCTAssertEqual(SASExpiry.parse("2030-01-02 03:04:05.250000+00:00"), try date("2030-01-02T03:04:05.25Z"))
        XCTAssertEqual(SASExpiry.parse("2030-01-02T03:04:05Z"), try date("2030-01-02T03:04:05Z"))
        XCTAssertEqual(SASExpiry.parse("2030-01-02T05:04:05+02:00"), try date("2030-01-02T03:04:05Z"))
        XCTAssertEqual(SASExpiry.parse("6/15/2017 6:20:15 PM"), try date("2017-06-15T18:20:15Z"))
        XCTAssertEqual(SASExpiry.parse("6/5/2020 12:09:03 PM"), try date("2020-06-05T12:09:03Z"))
        XCTAssertEqual(SASExpiry.parse("6/5/2020 12:09:03 AM"), try date("2020-06-05T00:09:03Z"))
        // The old JS noon bug wrote "0:09:03 AM" for 12:09:03: it reads as midnight.
        XCTAssertEqual(SASExpiry.parse("6/5/2020 0:09:03 AM"), try date("2020-06-05T00:09:03Z"))
        XCTAssertEqual(SASExpiry.parse("6/15/2017 6:20:15 PM +00:00"), try date("2017-06-15T18:20:15Z"))
        XCTAssertNil(SASExpiry.parse("tomorrow"))
        XCTAssertNil(SASExpiry.parse("13/15/2017 6:20:15 PM"))
        XCTAssertNil(SASExpiry.parse("6/15/2017 13:20:15 PM"))
    }

    // MARK: SAS tokens

    func test_sasToken_fromGenerateSAS_verifiesAndCovers() throws {
        let endpoint = try XCTUnwrap(URL(string: "http://127.0.0.1:8080/api/events"))
        let token = try generateSAS(endpoint: endpoint, key: key, expiresOn: Date().addingTimeInterval(60))
        let sas = try XCTUnwrap(SASToken.parse(token))
        XCTAssertEqual(sas.resource, "http://127.0.0.1:8080/api/events?apiVersion=2018-01-01")
        XCTAssertTrue(sas.isSigned(byAnyOf: ["bm90LXRoZS1rZXk=", key]))
        XCTAssertFalse(sas.isSigned(byAnyOf: ["bm90LXRoZS1rZXk="]))
        XCTAssertTrue(sas.covers(target: "127.0.0.1:8080/api/events"))
        XCTAssertTrue(sas.covers(target: "127.0.0.1:8080/API/Events"))
        XCTAssertFalse(sas.covers(target: "127.0.0.1:8081/api/events"))
        XCTAssertNil(SASToken.parse("r=a&e=b"))
        XCTAssertNil(SASToken.parse("garbage"))
    }

    /// Every token the Python SDK produced (the SDK tests' fixture) is read, verified and dated
    /// by the emulator exactly as Python describes it.
    func test_pythonSASVectors_verify() throws {
        let fixture = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AzureEventGridTests/Fixtures/python-sas-vectors.json")
        let vectors = try XCTUnwrap(JSONValue(parsing: Data(contentsOf: fixture))["vectors"]?.arrayValue)
        XCTAssertFalse(vectors.isEmpty)
        for vector in vectors {
            let token = try XCTUnwrap(vector["token"]?.stringValue)
            let sas = try XCTUnwrap(SASToken.parse(token), token)
            XCTAssertEqual(sas.resource, vector["resource"]?.stringValue, token)
            XCTAssertEqual(sas.expiry, vector["expiry"]?.stringValue, token)
            XCTAssertTrue(sas.isSigned(byAnyOf: [try XCTUnwrap(vector["key"]?.stringValue)]), token)
            let expected = try XCTUnwrap(vector["expiresOn"]?.stringValue.flatMap(RFC3339.date(from:)))
            let parsed = try XCTUnwrap(SASExpiry.parse(sas.expiry), sas.expiry)
            XCTAssertEqual(parsed.timeIntervalSince1970, expected.timeIntervalSince1970, accuracy: 0.000_001, token)
        }
    }

    func test_auth_dotNetStyleToken_viaAuthorizationHeader() throws {
        // .NET: lowercase escapes, '+' for spaces, en-US expiry, `?api-version=` in the resource.
        let token = sign(
            resource: "http%3a%2f%2f127.0.0.1%3a8080%2fapi%2fevents%3fapi-version%3d2018-01-01",
            expiry: "6%2f15%2f2099+6%3a20%3a15+PM",
            key: key
        )
        XCTAssertEqual(try authenticate([(name: "Authorization", value: "SharedAccessSignature \(token)")]).get(), .sas)
        XCTAssertEqual(try authenticate([(name: "aeg-sas-token", value: token)]).get(), .sas)
    }

    func test_auth_expiredSAS_is401_atTheInjectedClock() throws {
        let token = sign(
            resource: "http%3A%2F%2F127.0.0.1%3A8080%2Fapi%2Fevents", expiry: "2030-01-01%2000%3A00%3A00%2B00%3A00",
            key: key)
        XCTAssertEqual(
            try authenticate([(name: "aeg-sas-token", value: token)], now: date("2029-12-31T23:59:59Z")).get(), .sas)
        guard
            case .failure(let error) = authenticate(
                [(name: "aeg-sas-token", value: token)], now: try date("2030-01-01T00:00:01Z"))
        else {
            return XCTFail("expected expiry")
        }
        XCTAssertEqual(error.status, 401)
        XCTAssertEqual(error.code, "Unauthorized")
        XCTAssertTrue(error.message.hasPrefix("The request authorization key is not authorized for 127.0.0.1:8080."))
        XCTAssertTrue(error.message.contains("expired"))
    }

    func test_auth_malformedSAS_is400WithTheServiceMessage() {
        guard case .failure(let error) = authenticate([(name: "aeg-sas-token", value: "not-a-token")]) else {
            return XCTFail("expected failure")
        }
        XCTAssertEqual(error.status, 400)
        XCTAssertEqual(
            error.message,
            "Invalid key in aeg-sas-token. Valid format :r=UrlEncodedResource&e=UrlEncodedUtcExpiration&s=UrlEncodedSignature. Input sas string: not-a-token"
        )
    }

    func test_auth_keysBearerAndMissing() throws {
        XCTAssertEqual(try authenticate([(name: "aeg-sas-key", value: key)]).get(), .key)
        XCTAssertEqual(
            try authenticate(
                [],
                query:
                    "api-version=2018-01-01&aeg-sas-key=\(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            ).get(), .key)
        XCTAssertEqual(try authenticate([(name: "Authorization", value: "Bearer tok")]).get(), .bearer)
        let failures: [([(name: String, value: String)], String)] = [
            ([(name: "aeg-sas-key", value: "not base64!")], "The input is not a valid Base-64 string"),
            ([(name: "aeg-sas-key", value: "d3Jvbmc=")], "does not match"),
            ([(name: "Authorization", value: "Bearer other")], "test issuer"),
            ([(name: "Authorization", value: "Basic abc")], "not supported"),
            ([], "no aeg-sas-key"),
        ]
        for (headers, reason) in failures {
            guard case .failure(let error) = authenticate(headers) else {
                XCTFail("expected 401 for \(headers)")
                continue
            }
            XCTAssertEqual(error.status, 401)
            XCTAssertTrue(error.message.hasPrefix("The request authorization key is not authorized for"))
            XCTAssertTrue(error.message.contains(reason), error.message)
        }
    }

    // MARK: Validation

    private func validate(
        _ json: String, schema: EventGridSchema, domain: Bool = false, contentType: String = "application/json"
    )
        -> String?
    {
        let topic = EmulatorTopic(name: "t-1", schema: schema, keys: ["a2V5"], isDomain: domain)
        switch EmulatorValidation.validate(Data(json.utf8), contentType: contentType, topic: topic) {
        case .success: return nil
        case .failure(let error): return error.message
        }
    }

    func test_validation_messages() {
        let good =
            #"{"id":"1","subject":"s","eventType":"t","eventTime":"2026-01-01T00:00:00.1234567Z","dataVersion":"1","data":{}}"#
        XCTAssertNil(validate("[\(good)]", schema: .eventGrid))
        XCTAssertEqual(
            validate(good, schema: .eventGrid), "The request body must be a JSON array of events, not a single event.")
        XCTAssertEqual(validate("[{", schema: .eventGrid), "The request body is not valid JSON.")
        XCTAssertEqual(validate(#"[{"id":"1"}]"#, schema: .eventGrid), "Required property 'subject' was not set.")
        XCTAssertEqual(
            validate(
                #"[{"id":"1","subject":"s","eventType":"t","eventTime":"2026-01-01T00:00:00Z","dataVersion":"1"}]"#,
                schema: .eventGrid),
            "Required property 'data' was not set."
        )
        XCTAssertTrue(
            validate(
                #"[{"id":"1","subject":"s","eventType":"t","eventTime":"yesterday","dataVersion":"1","data":1}]"#,
                schema: .eventGrid)?
                .contains("'eventTime'") ?? false
        )
        XCTAssertEqual(
            validate("[\(good)]", schema: .eventGrid, domain: true), "Required property 'topic' was not set.")

        let cloud = #"{"id":"1","source":"/s","type":"t","specversion":"1.0"}"#
        let batch = "application/cloudevents-batch+json; charset=utf-8"
        XCTAssertNil(validate("[\(cloud)]", schema: .cloudEvents, contentType: batch))
        XCTAssertTrue(
            validate("[\(cloud)]", schema: .cloudEvents, contentType: "text/plain")?.contains("Content-Type") ?? false)
        XCTAssertEqual(
            validate(#"[{"id":"1","type":"t","specversion":"1.0"}]"#, schema: .cloudEvents, contentType: batch),
            "Required property 'source' was not set.")
        XCTAssertTrue(
            validate(
                #"[{"id":"1","source":"/s","type":"t","specversion":"0.3"}]"#, schema: .cloudEvents, contentType: batch)?
                .contains("'0.3'") ?? false
        )
        XCTAssertEqual(
            validate(
                #"[{"id":"1","source":"/s","type":"t","specversion":"1.0","data":1,"data_base64":"AA=="}]"#,
                schema: .cloudEvents, contentType: batch),
            "The event has both 'data' and 'data_base64'; only one of them may be set."
        )
        XCTAssertNil(
            validate(
                #"[{"id":"1","source":"tenant-a","type":"t","specversion":"1.0"}]"#, schema: .cloudEvents, domain: true,
                contentType: batch))

        XCTAssertNil(validate(#"[{"anything":true},{}]"#, schema: .custom))
        XCTAssertEqual(validate("[1]", schema: .custom), "Event 0 is not a JSON object.")
        XCTAssertEqual(validate("[]", schema: .custom), "The request body contains no events.")
    }

    func test_configuration_isChecked() throws {
        XCTAssertThrowsError(try EmulatorTopic.parse("orders:xml:a2V5"))
        XCTAssertThrowsError(try EmulatorTopic.parse("orders:eventgrid"))
        XCTAssertThrowsError(try EmulatorTopic.parse("o:eventgrid:a2V5"))
        XCTAssertEqual(
            try EmulatorTopic.parse("orders:CloudEvents:a2V5,b3RoZXI=", isDomain: true),
            EmulatorTopic(name: "orders", schema: .cloudEvents, keys: ["a2V5", "b3RoZXI="], isDomain: true))
        XCTAssertThrowsError(try EventGridEmulator(topics: []))
        XCTAssertThrowsError(
            try EventGridEmulator(topics: [
                EmulatorTopic(name: "same", schema: .custom, keys: ["a2V5"]),
                EmulatorTopic(name: "SAME", schema: .custom, keys: ["a2V5"]),
            ])
        )
    }

    func test_configurationFile() throws {
        let text =
            #"{"port":0,"bearerTokens":["t1"],"topics":[{"name":"orders","schema":"eventgrid","keys":["a2V5"]},{"name":"shop","schema":"CloudEvents","keys":["a2V5","b3RoZXI="],"domain":true}],"subscriptions":[{"topic":"orders","name":"audit","endpoint":"http://127.0.0.1:9/hook"}]}"#
        let configuration = try EventGridEmulator.Configuration(json: Data(text.utf8))
        XCTAssertEqual(configuration.subscriptions.map(\.name), ["audit"])
        XCTAssertEqual(configuration.subscriptions.first?.endpoint.absoluteString, "http://127.0.0.1:9/hook")
        XCTAssertEqual(configuration.port, 0)
        XCTAssertEqual(configuration.bearerTokens, ["t1"])
        XCTAssertEqual(
            configuration.topics,
            [
                EmulatorTopic(name: "orders", schema: .eventGrid, keys: ["a2V5"]),
                EmulatorTopic(name: "shop", schema: .cloudEvents, keys: ["a2V5", "b3RoZXI="], isDomain: true),
            ]
        )
        let bad: [(String, String)] = [
            ("[]", "JSON object"),
            ("{", "not valid JSON"),
            (#"{"topics":[],"extra":1}"#, "unknown configuration member 'extra'"),
            (#"{"port":70000,"topics":[]}"#, "port"),
            (#"{"topics":[{"name":"orders","schema":"xml","keys":["a2V5"]}]}"#, "schema"),
            (#"{"topics":[{"name":"orders","schema":"custom","keys":[1]}]}"#, "keys"),
            (#"{"topics":[{"name":"orders","schema":"custom","keys":["a2V5"],"domain":"yes"}]}"#, "domain"),
            (
                #"{"topics":[],"subscriptions":[{"topic":"orders","name":"a","endpoint":"ftp://x"}]}"#,
                "subscriptions[0]"
            ),
        ]
        for (json, expected) in bad {
            XCTAssertThrowsError(try EventGridEmulator.Configuration(json: Data(json.utf8)), json) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(json): \(error)")
            }
        }
    }

    // MARK: Over HTTP: faults, errors, inspection

    private func post(
        _ emulator: EventGridEmulator,
        path: String,
        query: String = "api-version=2018-01-01",
        method: String = "POST",
        headers: [String: String]? = nil,
        body: String = #"[{"n":1}]"#
    ) async throws -> (Int, HTTPURLResponse, JSONValue?) {
        var request = URLRequest(
            url: try XCTUnwrap(URL(string: emulator.baseURL.absoluteString + path + (query.isEmpty ? "" : "?\(query)")))
        )
        request.httpMethod = method
        for (name, value) in headers ?? ["aeg-sas-key": key, "Content-Type": "application/json"] {
            request.setValue(value, forHTTPHeaderField: name)
        }
        if method == "POST" { request.httpBody = Data(body.utf8) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 5
        let (data, response) = try await URLSession(configuration: configuration).data(for: request)
        let http = try XCTUnwrap(response as? HTTPURLResponse)
        let json: JSONValue? = data.isEmpty ? JSONValue?.none : try JSONValue(parsing: data)
        return (http.statusCode, http, json)
    }

    private func startEmulator() throws -> EventGridEmulator {
        let emulator = try EventGridEmulator(topics: [
            EmulatorTopic(name: "alpha", schema: .custom, keys: [key]),
            EmulatorTopic(name: "beta", schema: .custom, keys: [key]),
        ])
        try emulator.start()
        addTeardownBlock { emulator.stop() }
        return emulator
    }

    func test_errorBody_hasTheServiceShapeAndRequestID() async throws {
        let emulator = try startEmulator()
        let (status, response, body) = try await post(emulator, path: "/topics/alpha/api/events", query: "")
        XCTAssertEqual(status, 400)
        let requestID = try XCTUnwrap(response.value(forHTTPHeaderField: "x-ms-request-id"))
        XCTAssertEqual(body?["error"]?["code"], "BadRequest")
        let message = try XCTUnwrap(body?["error"]?["message"]?.stringValue)
        XCTAssertTrue(
            message.hasPrefix(
                "The api-version query parameter (?api-version=) is required for all requests. Report '\(requestID):"),
            message)
        XCTAssertTrue(message.hasSuffix(" (UTC)' to our forums for assistance or raise a support ticket."))
        XCTAssertEqual(body?["error"]?["details"]?.arrayValue?.first?["code"], "MissingApiVersionParameter")

        let (ok, okResponse, okBody) = try await post(emulator, path: "/topics/alpha/api/events")
        XCTAssertEqual(ok, 200)
        XCTAssertNil(okBody)
        XCTAssertNotNil(okResponse.value(forHTTPHeaderField: "x-ms-request-id"))
    }

    func test_routing_methodsAndPaths() async throws {
        let emulator = try startEmulator()
        // With two topics, /api/events names none of them.
        do {
            let answer = try await post(emulator, path: "/api/events")
            XCTAssertEqual(answer.0, 404)
        }
        do {
            let answer = try await post(emulator, path: "/topics/gamma/api/events")
            XCTAssertEqual(answer.0, 404)
        }
        let (status, response, _) = try await post(emulator, path: "/topics/alpha/api/events", method: "GET")
        XCTAssertEqual(status, 405)
        XCTAssertEqual(response.value(forHTTPHeaderField: "Allow"), "POST")
        do {
            let answer = try await post(emulator, path: "/topics/ALPHA/api/events")
            XCTAssertEqual(answer.0, 200)
        }
        do {
            let answer = try await post(emulator, path: "/topics/alpha/api/events", body: #"{"n":1}"#)
            XCTAssertEqual(answer.0, 400)
        }
        XCTAssertEqual(emulator.events(topic: "alpha").count, 1)
    }

    func test_faults_topicBeforeGlobal_countedAndUsedUp() async throws {
        let emulator = try startEmulator()
        emulator.inject(.fail(status: 500, count: 2), topic: "alpha")
        emulator.inject(.fail(status: 429, retryAfter: 7, retryAfterMilliseconds: 7000))
        let first = try await post(emulator, path: "/topics/alpha/api/events")
        XCTAssertEqual(first.0, 500)
        XCTAssertEqual(first.2?["error"]?["code"], "InternalServerError")
        do {
            let answer = try await post(emulator, path: "/topics/alpha/api/events")
            XCTAssertEqual(answer.0, 500)
        }
        let throttled = try await post(emulator, path: "/topics/beta/api/events")
        XCTAssertEqual(throttled.0, 429)
        XCTAssertEqual(throttled.1.value(forHTTPHeaderField: "Retry-After"), "7")
        XCTAssertEqual(throttled.1.value(forHTTPHeaderField: "retry-after-ms"), "7000")
        do {
            let answer = try await post(emulator, path: "/topics/alpha/api/events")
            XCTAssertEqual(answer.0, 200)
        }
        do {
            let answer = try await post(emulator, path: "/topics/beta/api/events")
            XCTAssertEqual(answer.0, 200)
        }
        XCTAssertEqual(emulator.requests(topic: "alpha").map(\.status), [500, 500, 200])

        // `after` lets requests through first; meanwhile global faults skip the topic.
        emulator.inject(.fail(status: 502, after: 1), topic: "alpha")
        emulator.inject(.fail(status: 504))
        do {
            let answer = try await post(emulator, path: "/topics/alpha/api/events")
            XCTAssertEqual(answer.0, 200)
        }
        do {
            let answer = try await post(emulator, path: "/topics/alpha/api/events")
            XCTAssertEqual(answer.0, 502)
        }
        do {
            let answer = try await post(emulator, path: "/topics/alpha/api/events")
            XCTAssertEqual(answer.0, 504)
        }

        emulator.inject(.delay(.milliseconds(300)))
        let started = Date()
        do {
            let answer = try await post(emulator, path: "/topics/beta/api/events")
            XCTAssertEqual(answer.0, 200)
        }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.3)

        emulator.inject(.fail(status: 503, count: 5))
        emulator.clearFaults()
        do {
            let answer = try await post(emulator, path: "/topics/beta/api/events")
            XCTAssertEqual(answer.0, 200)
        }
    }

    func test_droppedConnection_givesNoAnswer() async throws {
        let emulator = try startEmulator()
        emulator.inject(.dropConnection(), topic: "alpha")
        do {
            _ = try await post(emulator, path: "/topics/alpha/api/events")
            XCTFail("expected a transport error")
        } catch is URLError {
        }
        XCTAssertEqual(emulator.requests(topic: "alpha").map(\.status), [0])
        XCTAssertTrue(emulator.events(topic: "alpha").isEmpty)
    }

    func test_inspectionEndpoint_getListDeleteAndUnknown() async throws {
        let emulator = try startEmulator()
        _ = try await post(emulator, path: "/topics/alpha/api/events", body: #"[{"n":1},{"n":2}]"#)
        let (status, _, body) = try await post(
            emulator, path: "/_emulator/topics/alpha/events", query: "", method: "GET")
        XCTAssertEqual(status, 200)
        XCTAssertEqual(body, [["n": 1], ["n": 2]])
        do {
            let answer = try await post(emulator, path: "/_emulator/topics", query: "", method: "GET")
            XCTAssertEqual(answer.2, ["alpha", "beta"])
        }
        do {
            let answer = try await post(emulator, path: "/_emulator/topics/alpha/accepted", query: "", method: "GET")
            let records = try XCTUnwrap(answer.2?.arrayValue)
            XCTAssertEqual(records.map { $0["event"] }, [["n": 1], ["n": 2]])
            XCTAssertEqual(records.first?["authMethod"], "key")
            XCTAssertEqual(records.first?["contentType"], "application/json")
            XCTAssertNotNil(records.first?["requestId"]?.stringValue)
        }
        do {
            let answer = try await post(emulator, path: "/_emulator/topics/alpha/events", query: "", method: "DELETE")
            XCTAssertEqual(answer.0, 204)
        }
        do {
            let answer = try await post(emulator, path: "/_emulator/topics/alpha/events", query: "", method: "GET")
            XCTAssertEqual(answer.2, [])
        }
        do {
            let answer = try await post(emulator, path: "/_emulator/topics/zeta/events", query: "", method: "GET")
            XCTAssertEqual(answer.0, 404)
        }
    }

    func test_onAccepted_seesEveryEventInOrder() async throws {
        let seen = Locked<[String]>([])
        let counts = Locked<[Int]>([])
        let holder = Locked<EventGridEmulator?>(nil)
        let emulator = try EventGridEmulator(
            configuration: .init(
                topics: [EmulatorTopic(name: "alpha", schema: .custom, keys: [key])],
                onAccepted: { event in
                    seen.withLock { $0.append(event.line) }
                    // Reading the emulator from the callback must not deadlock.
                    if let emulator = holder.withLock({ $0 }) {
                        let count = emulator.events(topic: "alpha").count
                        counts.withLock { $0.append(count) }
                    }
                }
            )
        )
        holder.withLock { $0 = emulator }
        defer { holder.withLock { $0 = nil } }
        try emulator.start()
        defer { emulator.stop() }
        _ = try await post(emulator, path: "/api/events", body: #"[{"n":1},{"n":2}]"#)
        XCTAssertEqual(seen.withLock { $0 }, [#"alpha [key] {"n":1}"#, #"alpha [key] {"n":2}"#])
        XCTAssertEqual(counts.withLock { $0 }, [2, 2])
    }
}

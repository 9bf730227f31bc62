import AzureCore
import Foundation
import XCTest

final class HTTPRequestBuildingTests: XCTestCase {
    struct Event: Encodable {
        var id: String
        var time: Date
    }

    struct Unencodable: Encodable {
        func encode(to encoder: any Encoder) throws {
            throw EncodingError.invalidValue(0, .init(codingPath: [], debugDescription: "no"))
        }
    }

    func url(_ text: String) throws -> URL {
        try XCTUnwrap(URL(string: text))
    }

    func test_operationRequest_keepsTheBaseURLPathPrefixAndEncodesTheQuery() throws {
        let request = try HTTPRequest.operationRequest(
            method: .post,
            baseURL: url("http://127.0.0.1:8080/prefix/"),
            path: "/api/events",
            query: [("api-version", "2018-01-01"), ("skip", nil), ("q", "a b&c=d/é")]
        )
        XCTAssertEqual(
            request.url.absoluteString,
            "http://127.0.0.1:8080/prefix/api/events?api-version=2018-01-01&q=a%20b%26c%3Dd%2F%C3%A9")
        XCTAssertEqual(request.method, .post)
        XCTAssertNil(request.body)
        XCTAssertEqual(request.headers.count, 0)
    }

    func test_operationRequest_fillsPathParametersPercentEncoded() throws {
        let request = try HTTPRequest.operationRequest(
            method: .post, baseURL: url("https://h.example"), path: "/topics/{topicName}:publish",
            pathParameters: ["topicName": "my topic/1"]
        )
        XCTAssertEqual(request.url.absoluteString, "https://h.example/topics/my%20topic%2F1:publish")
        XCTAssertThrowsError(
            try HTTPRequest.operationRequest(method: .post, baseURL: url("https://h.example"), path: "/t/{missing}")
        ) { error in
            XCTAssertEqual((error as? AzureError)?.kind, .invalidInput)
        }
    }

    func test_operationRequest_setsHeadersOnlyWhenPresentAndEncodesTheJSONBody() throws {
        let request = try HTTPRequest.operationRequest(
            method: .post, baseURL: url("https://h.example"), path: "/api/events",
            headers: [("aeg-channel-name", "ch"), ("x-absent", nil)],
            contentType: "application/cloudevents-batch+json; charset=utf-8",
            jsonBody: [Event(id: "1", time: Date(timeIntervalSince1970: 0))]
        )
        XCTAssertEqual(request.headers["aeg-channel-name"], "ch")
        XCTAssertFalse(request.headers.contains("x-absent"))
        XCTAssertEqual(request.headers["Content-Type"], "application/cloudevents-batch+json; charset=utf-8")
        XCTAssertEqual(
            request.body.map { String(decoding: $0, as: UTF8.self) }, #"[{"id":"1","time":"1970-01-01T00:00:00Z"}]"#)
    }

    func test_operationRequest_bareJSONContentTypeGetsItsCharset() throws {
        let request = try HTTPRequest.operationRequest(
            method: .post, baseURL: url("https://h.example"), path: "/api/events",
            contentType: "application/json", jsonBody: [1]
        )
        XCTAssertEqual(request.headers["Content-Type"], "application/json; charset=utf-8")
    }

    func test_operationRequest_bodyThatCannotBeEncodedIsASerializationError() throws {
        XCTAssertThrowsError(
            try HTTPRequest.operationRequest(
                method: .post, baseURL: url("https://h.example"), path: "/x", jsonBody: Unencodable())
        ) { error in
            XCTAssertEqual((error as? AzureError)?.kind, .serialization)
        }
    }

    func test_operationRequest_encodedBodyIsSentAsItIs_theValueIsNotEncodedAgain() throws {
        // `Unencodable` would throw if it were encoded: the given bytes must be used instead.
        let request = try HTTPRequest.operationRequest(
            method: .post, baseURL: url("https://h.example"), path: "/x", contentType: "application/json",
            jsonBody: Unencodable(), encodedJSONBody: Data("[7]".utf8)
        )
        XCTAssertEqual(request.body, Data("[7]".utf8))
        XCTAssertEqual(request.headers["Content-Type"], "application/json; charset=utf-8")
    }

    func test_parameterizedHost_prefixesTheSchemeAndRefusesBadHosts() throws {
        let url = try HTTPRequest.parameterizedHost(
            template: "{topicHostname}", useSchemePrefix: true,
            parameters: ["topicHostname": "t.westus2-1.eventgrid.azure.net"]
        )
        XCTAssertEqual(url.absoluteString, "https://t.westus2-1.eventgrid.azure.net")
        for bad in ["", "a b", "host/path", "https://host", "user@host"] {
            XCTAssertThrowsError(
                try HTTPRequest.parameterizedHost(
                    template: "{topicHostname}", useSchemePrefix: true, parameters: ["topicHostname": bad]),
                bad
            ) { error in
                XCTAssertEqual((error as? AzureError)?.kind, .invalidInput, bad)
            }
        }
        let endpoint = try HTTPRequest.parameterizedHost(
            template: "{endpoint}", useSchemePrefix: false, parameters: ["endpoint": "http://127.0.0.1:9000"]
        )
        XCTAssertEqual(endpoint.absoluteString, "http://127.0.0.1:9000")
        XCTAssertThrowsError(
            try HTTPRequest.parameterizedHost(template: "{endpoint}", useSchemePrefix: false, parameters: [:]))
    }
}

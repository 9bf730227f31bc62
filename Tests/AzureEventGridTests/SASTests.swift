import AzureCore
import Foundation
import XCTest

@testable import AzureEventGrid

final class SASTests: XCTestCase {
    /// Tokens produced by the Python SDK's `generate_sas` (scripts/python-reference.py).
    func test_generateSAS_isByteIdenticalToThePythonSDK() throws {
        let fixture = try Fixtures.json("python-sas-vectors.json")
        let vectors = try XCTUnwrap(fixture["vectors"]?.arrayValue)
        XCTAssertGreaterThanOrEqual(vectors.count, 12)
        var compared = 0
        for vector in vectors {
            let endpointText = try XCTUnwrap(vector["endpoint"]?.stringValue)
            let endpoint = try XCTUnwrap(URL(string: endpointText))
            // Python signs any string; a URL cannot hold a raw space or non-ASCII letter, so such
            // a vector is signed in its percent-encoded form and cannot match byte for byte.
            guard endpoint.absoluteString == endpointText else { continue }
            compared += 1
            let key = try XCTUnwrap(vector["key"]?.stringValue)
            let expires = try XCTUnwrap(vector["expiresOn"]?.stringValue.flatMap(RFC3339.date(from:)))
            let expected = try XCTUnwrap(vector["token"]?.stringValue)
            let token: String
            if let apiVersion = vector["apiVersion"]?.stringValue {
                token = try generateSAS(endpoint: endpoint, key: key, expiresOn: expires, apiVersion: apiVersion)
            } else {
                token = try generateSAS(endpoint: endpoint, key: key, expiresOn: expires)
            }
            XCTAssertEqual(token, expected, "\(endpoint) \(vector["expiresOn"] ?? nil)")
        }
        XCTAssertGreaterThanOrEqual(compared, vectors.count - 1, "at most one vector may be outside URL syntax")
    }

    func test_generateSAS_noonAndMidnightAreNotConfused() throws {
        let endpoint = try XCTUnwrap(URL(string: "https://t.westus-1.eventgrid.azure.net/api/events"))
        let noon = try generateSAS(
            endpoint: endpoint, key: "a2V5", expiresOn: XCTUnwrap(RFC3339.date(from: "2030-06-05T12:09:03Z")))
        let midnight = try generateSAS(
            endpoint: endpoint, key: "a2V5", expiresOn: XCTUnwrap(RFC3339.date(from: "2030-06-05T00:09:03Z")))
        XCTAssertTrue(noon.contains("&e=2030-06-05%2012%3A09%3A03%2B00%3A00&"), noon)
        XCTAssertTrue(midnight.contains("&e=2030-06-05%2000%3A09%3A03%2B00%3A00&"), midnight)
    }

    func test_generateSAS_badKeyIsAClearError() throws {
        let endpoint = try XCTUnwrap(URL(string: "https://t/api/events"))
        XCTAssertThrowsError(try generateSAS(endpoint: endpoint, key: "not base64!", expiresOn: Date())) { error in
            XCTAssertEqual((error as? AzureError)?.kind, .invalidInput)
            XCTAssertTrue((error as? AzureError)?.message.contains("base64") ?? false)
        }
    }

    func test_percentEncode_keepsOnlyPythonsSafeCharacters() {
        XCTAssertEqual(SASEncoding.percentEncode("aZ09_.-~()*!'"), "aZ09_.-~()*!'")
        XCTAssertEqual(SASEncoding.percentEncode("https://h/p?a=b c+/é"), "https%3A%2F%2Fh%2Fp%3Fa%3Db%20c%2B%2F%C3%A9")
    }

    func test_pythonUTCString_padsMicroseconds() throws {
        XCTAssertEqual(
            SASEncoding.pythonUTCString(try XCTUnwrap(RFC3339.date(from: "2030-01-02T03:04:05.5Z"))),
            "2030-01-02 03:04:05.500000+00:00")
        XCTAssertEqual(
            SASEncoding.pythonUTCString(try XCTUnwrap(RFC3339.date(from: "2030-01-02T03:04:05Z"))),
            "2030-01-02 03:04:05+00:00")
        XCTAssertEqual(
            SASEncoding.pythonUTCString(try XCTUnwrap(RFC3339.date(from: "2030-01-02T03:04:05.000123Z"))),
            "2030-01-02 03:04:05.000123+00:00")
    }
}

import AzureCore
import XCTest

final class HTTPHeadersTests: XCTestCase {
    func test_headers_lookupIsCaseInsensitive() {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        XCTAssertEqual(headers["content-type"], "application/json")
        XCTAssertEqual(headers["CONTENT-TYPE"], "application/json")
        XCTAssertTrue(headers.contains("Content-type"))
        headers["CONTENT-TYPE"] = "text/plain"
        XCTAssertEqual(headers.count, 1)
        XCTAssertEqual(headers["Content-Type"], "text/plain")
        XCTAssertEqual(Array(headers).first?.name, "Content-Type", "the first spelling is kept for the wire")
        headers["content-type"] = nil
        XCTAssertEqual(headers.count, 0)
    }

    func test_headers_equalityIgnoresNameCase() {
        let lhs: HTTPHeaders = ["A": "1", "b": "2"]
        let rhs: HTTPHeaders = ["a": "1", "B": "2"]
        XCTAssertEqual(lhs, rhs)
        XCTAssertEqual(lhs.hashValue, rhs.hashValue)
        XCTAssertNotEqual(lhs, ["a": "1", "B": "3"])
    }
}

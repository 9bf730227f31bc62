import AzureCore
import Foundation
import XCTest

final class JSONValueTests: XCTestCase {
    func test_roundTrip_keepsEveryKind() throws {
        let value: JSONValue = [
            "null": nil, "bool": true, "int": 42, "negative": -7, "double": 1.5, "string": "héllo \"q\"",
            "array": [1, "two", [false]], "object": ["nested": ["deep": 0.25]],
        ]
        let data = try JSONCoding.makeEncoder().encode(value)
        let decoded = try JSONCoding.makeDecoder().decode(JSONValue.self, from: data)
        XCTAssertEqual(decoded, value)
        XCTAssertEqual(try JSONValue(parsing: data), value)
        XCTAssertEqual(decoded["object"]?["nested"]?["deep"], .double(0.25))
        XCTAssertEqual(decoded["string"]?.stringValue, "héllo \"q\"")
    }

    func test_parse_bigIntegerStaysExact() throws {
        let value = try JSONValue(parsing: Data(#"{"n": 9007199254740993}"#.utf8))
        XCTAssertEqual(value["n"], .int(9_007_199_254_740_993))
    }
}

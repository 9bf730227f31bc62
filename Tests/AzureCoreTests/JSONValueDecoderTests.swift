import AzureCore
import Foundation
import XCTest

/// `JSONValue.decode(as:)` reads the tree directly and agrees with `JSONDecoder` on the SDK's
/// settings.
final class JSONValueDecoderTests: XCTestCase {
    private struct Sample: Codable, Equatable {
        struct Inner: Codable, Equatable {
            var flag: Bool
            var tags: [String]
        }
        var name: String
        var count: Int32
        var ratio: Double
        var small: UInt8
        var when: Date
        var bytes: Data
        var inner: Inner
        var list: [Inner?]
        var map: [String: Int]
        var free: JSONValue
        var missing: String?
    }

    private let json = #"""
        {"name":"n","count":7,"ratio":2,"small":255,"when":"2024-01-01T00:00:00.1234567+01:00","bytes":"AAH/",
         "inner":{"flag":true,"tags":["a","b"]},"list":[null,{"flag":false,"tags":[]}],"map":{"x":1},
         "free":{"any":[1,"two",null]}}
        """#

    func test_decode_agreesWithJSONDecoder() throws {
        let value = try JSONValue(parsing: Data(json.utf8))
        let direct = try value.decode(as: Sample.self)
        let viaText = try JSONCoding.makeDecoder().decode(Sample.self, from: Data(json.utf8))
        XCTAssertEqual(direct, viaText)
        XCTAssertEqual(direct.bytes, Data([0, 1, 255]))
        XCTAssertEqual(direct.when.timeIntervalSince1970, 1_704_063_600.1234567, accuracy: 0.000001)
        XCTAssertNil(direct.missing)
        XCTAssertEqual(direct.free, ["any": [1, "two", nil]])
    }

    func test_errors_nameThePathAndWhatWasFound() throws {
        let cases: [(JSONValue, String)] = [
            (["name": 1], "name"),
            (["name": "n", "count": 1.5], "count"),
        ]
        for (value, path) in cases {
            XCTAssertThrowsError(try value.decode(as: Sample.self)) { error in
                let azure = error as? AzureError
                XCTAssertEqual(azure?.kind, .serialization)
                XCTAssertTrue(azure?.message.contains(path) ?? false, "\(azure?.message ?? "") lacks \(path)")
            }
        }
        XCTAssertThrowsError(try JSONValue.array([]).decode(as: Sample.self)) { error in
            XCTAssertTrue(String(describing: error).contains("found an array"), "\(error)")
        }
        XCTAssertThrowsError(try JSONValue.string("yesterday").decode(as: Date.self)) { error in
            XCTAssertTrue(String(describing: error).contains("yesterday"))
        }
        XCTAssertThrowsError(try JSONValue.string("***").decode(as: Data.self))
    }

    func test_integers_acceptExactNumbersOnly() throws {
        XCTAssertEqual(try JSONValue.double(3).decode(as: Int.self), 3)
        XCTAssertEqual(try JSONValue.int(-5).decode(as: Int64.self), -5)
        XCTAssertThrowsError(try JSONValue.int(-1).decode(as: UInt.self))
        XCTAssertThrowsError(try JSONValue.int(256).decode(as: UInt8.self))
        XCTAssertThrowsError(try JSONValue.double(3.5).decode(as: Int.self))
        XCTAssertThrowsError(try JSONValue.string("3").decode(as: Int.self))
    }
}

import AzureCore
import Foundation
import XCTest

/// The tolerant decoding helpers the generated system-event models use.
final class TolerantDecodingTests: XCTestCase {
    struct Probe: Decodable {
        var string: String?
        var int32: Int32?
        var int64: Int64?
        var double: Double?
        var float: Float?
        var bool: Bool?
        var date: Date?
        var data: Data?
        var json: JSONValue?
        var strings: [String]?
        var ints: [Int]?
        var dictionary: [String: String]?
        var free: [String: JSONValue]?
        var color: Color?
        var colors: [Color]?

        enum CodingKeys: String, CodingKey {
            case string, int32, int64, double, float, bool, date, data, json, strings, ints, dictionary, free, color,
                colors
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            string = container.tolerant(String.self, forKey: .string)
            int32 = container.tolerant(Int32.self, forKey: .int32)
            int64 = container.tolerant(Int64.self, forKey: .int64)
            double = container.tolerant(Double.self, forKey: .double)
            float = container.tolerant(Float.self, forKey: .float)
            bool = container.tolerant(Bool.self, forKey: .bool)
            date = container.tolerant(Date.self, forKey: .date)
            data = container.tolerant(Data.self, forKey: .data)
            json = container.tolerant(JSONValue.self, forKey: .json)
            strings = container.tolerant([String].self, forKey: .strings)
            ints = container.tolerant([Int].self, forKey: .ints)
            dictionary = container.tolerant([String: String].self, forKey: .dictionary)
            free = container.tolerant([String: JSONValue].self, forKey: .free)
            color = container.tolerant(Color.self, forKey: .color)
            colors = container.tolerant([Color].self, forKey: .colors)
        }
    }

    struct Color: ExtensibleStringEnum {
        var rawValue: String
        static let red = Color(rawValue: "Red")
        static let knownValues: [Color] = [.red]
    }

    func probe(_ text: String) throws -> Probe {
        try JSONDecoder().decode(Probe.self, from: Data(text.utf8))
    }

    func test_tolerant_convertsStringsNumbersAndBooleans() throws {
        let value = try probe(
            #"{"string": 12.5, "int32": "42", "int64": 7.0, "double": "1.25", "float": 2, "bool": "TRUE"}"#)
        XCTAssertEqual(value.string, "12.5")
        XCTAssertEqual(value.int32, 42)
        XCTAssertEqual(value.int64, 7)
        XCTAssertEqual(value.double, 1.25)
        XCTAssertEqual(value.float, 2)
        XCTAssertEqual(value.bool, true)
    }

    func test_tolerant_wrongTypesAndNullsAreNil_neverThrow() throws {
        let value = try probe(
            #"{"string": {"a": 1}, "int32": "4.5", "int64": true, "double": [1], "bool": "yes", "date": "soon", "data": "!!", "json": null, "color": {}}"#
        )
        XCTAssertNil(value.string)
        XCTAssertNil(value.int32)
        XCTAssertNil(value.int64)
        XCTAssertNil(value.double)
        XCTAssertNil(value.bool)
        XCTAssertNil(value.date)
        XCTAssertNil(value.data)
        XCTAssertNil(value.json)
        XCTAssertNil(value.color)
        XCTAssertNil(try probe(#"{"int32": 3000000000}"#).int32, "out of range")
    }

    func test_tolerant_datesDataAndJSON() throws {
        let value = try probe(#"{"date": "2024-01-02T03:04:05.1234567", "data": "AQI", "json": [1, "a"]}"#)
        XCTAssertEqual(value.date, RFC3339.date(from: "2024-01-02T03:04:05.1234567Z"))
        XCTAssertEqual(value.data, Data([1, 2]))
        XCTAssertEqual(value.json, [1, "a"])
    }

    func test_tolerant_arraysSkipBadElements_singleValueBecomesArray() throws {
        let value = try probe(#"{"strings": "one", "ints": [1, "2", "x", {}, 3], "colors": ["red", 5, null, "Blue"]}"#)
        XCTAssertEqual(value.strings, ["one"])
        XCTAssertEqual(value.ints, [1, 2, 3])
        XCTAssertEqual(value.colors, [.red, Color(rawValue: "5"), Color(rawValue: "Blue")])
    }

    func test_tolerant_dictionaries_keepJSONNulls_skipUnconvertible() throws {
        let value = try probe(
            #"{"dictionary": {"a": "x", "b": 2, "c": null, "d": [1]}, "free": {"n": null, "o": {"p": 1}}}"#)
        XCTAssertEqual(value.dictionary, ["a": "x", "b": "2"])
        XCTAssertEqual(value.free, ["n": .null, "o": ["p": 1]])
    }

    func test_extensibleEnum_matchesKnownIgnoringCase_keepsUnknownExactly_encodesRawValue() throws {
        XCTAssertEqual(try probe(#"{"color": "RED"}"#).color, .red)
        XCTAssertEqual(try probe(#"{"color": "MaGenta"}"#).color?.rawValue, "MaGenta")
        XCTAssertEqual(Color(matching: "red"), .red)
        XCTAssertNotEqual(Color(rawValue: "red"), .red, "init(rawValue:) is exact")
        XCTAssertEqual(String(decoding: try JSONEncoder().encode([Color.red]), as: UTF8.self), #"["Red"]"#)
    }

    func test_treePath_membersTolerant_convertsLikeTheContainerPath() throws {
        let text = #"{"string": 12.5, "int32": "42", "json": null, "strings": "one", "colors": ["red", 5, null]}"#
        let members = try XCTUnwrap(try JSONValue(parsing: Data(text.utf8)).objectValue)
        let viaContainer = try probe(text)
        XCTAssertEqual(members.tolerant(String.self, forKey: "string"), "12.5")
        XCTAssertEqual(members.tolerant(String.self, forKey: "string"), viaContainer.string)
        XCTAssertEqual(members.tolerant(Int32.self, forKey: "int32"), 42)
        XCTAssertNil(members.tolerant(JSONValue.self, forKey: "json"), "a null member is nil")
        XCTAssertNil(viaContainer.json)
        XCTAssertNil(members.tolerant(String.self, forKey: "missing"))
        XCTAssertEqual(members.tolerant([String].self, forKey: "strings"), ["one"])
        XCTAssertEqual(members.tolerant([Color].self, forKey: "colors"), [.red, Color(rawValue: "5")])
        XCTAssertEqual(members.tolerant([Color].self, forKey: "colors"), viaContainer.colors)
    }

    func test_tolerantlyFrom_readsThroughTheTreePath_andNamesTheTypeWhenItCannot() throws {
        struct Box: TolerantDecodable, Equatable {
            var name: String?
            init?(tolerantJSON json: JSONValue) {
                guard case .object(let members) = json else { return nil }
                name = members.tolerant(String.self, forKey: "name")
            }
            init(from decoder: any Decoder) throws {
                self = try Self(tolerantlyFrom: decoder)
            }
        }
        XCTAssertEqual(try JSONDecoder().decode(Box.self, from: Data(#"{"name": 7}"#.utf8)).name, "7")
        XCTAssertThrowsError(try JSONDecoder().decode(Box.self, from: Data("[1]".utf8))) { error in
            guard case DecodingError.typeMismatch(_, let context) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(context.debugDescription.contains("an array cannot be read as Box"), context.debugDescription)
        }
    }

    func test_encodeRFC3339IfPresent_ignoresTheEncoderStrategy() throws {
        struct Stamp: Encodable {
            var date: Date?
            enum CodingKeys: String, CodingKey { case date }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encodeRFC3339IfPresent(date, forKey: .date)
            }
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let date = try XCTUnwrap(RFC3339.date(from: "2024-01-02T03:04:05.25Z"))
        XCTAssertEqual(
            String(decoding: try encoder.encode(Stamp(date: date)), as: UTF8.self),
            #"{"date":"2024-01-02T03:04:05.25Z"}"#)
        XCTAssertEqual(String(decoding: try encoder.encode(Stamp(date: nil)), as: UTF8.self), "{}")
    }
}

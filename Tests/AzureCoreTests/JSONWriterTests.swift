import AzureCore
import Foundation
import XCTest

/// The writer's string scan (eight bytes at a time) and key order (by UTF-8 bytes).
final class JSONWriterTests: XCTestCase {
    private func text(_ value: JSONValue) -> String {
        var writer = JSONWriter()
        writer.write(value)
        return String(decoding: writer.data, as: UTF8.self)
    }

    func test_strings_everyByteThatNeedsEscaping_atEveryOffsetOfAWord_roundTrips() throws {
        let specials: [Character] = ["\"", "\\", "\u{0}", "\u{1}", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{1F}"]
        for special in specials {
            for offset in 0..<20 {
                let original =
                    String(repeating: "a", count: offset) + String(special) + "é€😀" + String(repeating: "z", count: 9)
                var writer = JSONWriter()
                writer.write(JSONValue.string(original))
                let parsed = try JSONSerialization.jsonObject(with: writer.data, options: [.fragmentsAllowed])
                XCTAssertEqual(
                    parsed as? String, original, "special \(special.unicodeScalars.first?.value ?? 0) at \(offset)")
            }
        }
    }

    func test_strings_withoutEscapes_areCopiedAsTheyAre() {
        let long = String(repeating: "abcdefgh ~}{!#", count: 10) + "ünïcödé"
        XCTAssertEqual(text(.string(long)), "\"" + long + "\"")
        XCTAssertEqual(text(.string("")), "\"\"")
        XCTAssertEqual(text(.string("\u{7F}")), "\"\u{7F}\"", "DEL is not a control character JSON escapes")
    }

    func test_objects_sortKeysByUTF8Bytes_includingSharedEightBytePrefixes() {
        let keys = [
            "fieldNumber2", "fieldNumber10", "fieldNumber1", "field", "fiel", "b", "B", "a", "é", "z", "",
            "longer-key-x", "longer-key-", "longer-k\u{0}", "longer-k",
        ]
        var object: [String: JSONValue] = [:]
        for (index, key) in keys.enumerated() { object[key] = .int(Int64(index)) }
        let expectedOrder = keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let written = text(.object(object))
        let expected =
            "{"
            + expectedOrder.map { key in
                "\"\(key == "longer-k\u{0}" ? "longer-k\\u0000" : key)\":\(object[key].map { self.text($0) } ?? "")"
            }
            .joined(separator: ",") + "}"
        XCTAssertEqual(written, expected)
        XCTAssertEqual(text(["only": true]), #"{"only":true}"#)
        // A large object (sorted another way) with long runs of keys that share their first bytes.
        var large: [String: JSONValue] = [:]
        for index in 0..<300 { large["shared-prefix-\(index % 7)-\(index)"] = .int(Int64(index)) }
        for index in 0..<40 { large["k\(index)"] = .int(Int64(index)) }
        let largeOrder = large.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        XCTAssertEqual(
            text(.object(large)),
            "{" + largeOrder.map { "\"\($0)\":\(self.text(large[$0] ?? nil))" }.joined(separator: ",") + "}")
        XCTAssertEqual(text(.object([:])), "{}")
    }

    /// The writer is a value: a copy writes on its own, the buffer grows from any capacity, and
    /// every kind of value and integer edge comes out as Foundation reads it.
    func test_writer_isAValue_growsFromAnyCapacity_writesEveryKindOfValue() throws {
        var first = JSONWriter(capacity: 0)
        first.beginArray()
        first.write("shared")
        var second = first
        first.write(Int64.min)
        second.write(Int64.max)
        first.endArray()
        second.endArray()
        XCTAssertEqual(String(decoding: first.bytes, as: UTF8.self), #"["shared",-9223372036854775808]"#)
        XCTAssertEqual(String(decoding: second.data, as: UTF8.self), #"["shared",9223372036854775807]"#)

        let value: JSONValue = [
            "n": nil, "t": true, "f": false, "zero": 0, "neg": -7, "d": 2.5, "big": 1e300,
            "s": "x\ny", "a": [1, [], [:], ["k": "v"]], "long": .string(String(repeating: "0123456789", count: 30)),
        ]
        for capacity in [0, 1, 7, 64, 10_000] {
            var writer = JSONWriter(capacity: capacity)
            writer.write(value)
            XCTAssertEqual(try JSONValue(parsing: writer.data), value, "capacity \(capacity)")
            XCTAssertEqual(writer.bytes, Array(writer.data))
        }
        XCTAssertEqual(text(3.0), "3", "an integral double has no fraction")
        XCTAssertEqual(text(.double(.nan)), "null")
        var copied = JSONWriter()
        copied.write("kept")
        var cleared = copied
        cleared.removeAll()
        cleared.write(1)
        XCTAssertEqual(String(decoding: copied.data, as: UTF8.self), #""kept""#, "clearing a copy keeps the original")
        XCTAssertEqual(String(decoding: cleared.data, as: UTF8.self), "1")
    }

    func test_base64_matchesFoundation_forEveryLengthUpTo70() {
        var writer = JSONWriter()
        for length in 0...70 {
            let bytes = Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
            writer.removeAll()
            writer.write(base64: bytes)
            XCTAssertEqual(String(decoding: writer.data, as: UTF8.self), "\"" + bytes.base64EncodedString() + "\"")
        }
    }

    /// The decoder agrees with Foundation's `Data(base64Encoded:)` on valid keys of every length
    /// and on text with one character changed anywhere, except where Foundation is lax: it reads
    /// `=` in the middle (`nQ=A`) as a zero digit and "====" as one zero byte; this decoder
    /// refuses padding that is not at the end.
    func test_base64_decodeAgreesWithFoundation_andRefusesWhatIsNotStrictBase64() {
        func decode(_ text: String) -> [UInt8]? {
            let utf8 = Array(text.utf8)
            var output = [UInt8](repeating: 0, count: utf8.count / 4 * 3)
            let count = utf8.withUnsafeBufferPointer { text in
                output.withUnsafeMutableBufferPointer { Base64.decode(text, into: $0) }
            }
            return count.map { Array(output[..<$0]) }
        }
        var random = SystemRandomNumberGenerator()
        let replacements: [Character] = ["=", "-", "_", " ", "\n", "A", "/", "+", "é"]
        for length in 0...66 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let text = Data(bytes).base64EncodedString()
            XCTAssertEqual(decode(text), bytes, text)
            for position in 0..<text.count {
                for replacement in replacements {
                    var changed = Array(text)
                    changed[position] = replacement
                    let variant = String(changed)
                    let foundation = Data(base64Encoded: variant).map(Array.init)
                    if let ours = decode(variant) {
                        XCTAssertEqual(ours, foundation, variant)
                    } else if foundation != nil {
                        // Foundation reads `=` anywhere as a zero digit; padding belongs at the end.
                        let trimmed = variant.drop { $0 != "=" }.drop { $0 == "=" }
                        XCTAssertFalse(trimmed.isEmpty && variant.hasSuffix("="), "refused \(variant)")
                    }
                }
            }
            if !text.isEmpty {
                XCTAssertNil(decode(String(text.dropLast())), "a length that is not a multiple of four")
            }
        }
        XCTAssertNil(decode("===="))
        XCTAssertEqual(decode("QR=="), [0x41], "bits after the last byte are ignored, as Foundation does")
        XCTAssertEqual(decode(""), [])
    }
}

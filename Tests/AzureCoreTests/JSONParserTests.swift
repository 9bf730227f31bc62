import AzureCore
import Foundation
import XCTest

final class JSONParserTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Data(text.utf8))
    }

    func test_parse_everyKindOfValue() throws {
        XCTAssertEqual(
            try parse(#" {"a":[1,-2,3.5,-0.25e2,1E3,true,false,null,"x"],"b":{},"c":[]} "#),
            ["a": [1, -2, 3.5, -25.0, 1000.0, true, false, nil, "x"], "b": [:], "c": []]
        )
        XCTAssertEqual(try parse("9223372036854775807"), .int(Int64.max))
        XCTAssertEqual(try parse("9223372036854775808"), .double(9_223_372_036_854_775_808))
        XCTAssertEqual(try parse("\"\""), "")
    }

    func test_parse_integerBoundaries_exactlyLikeInt64() throws {
        XCTAssertEqual(try parse("-9223372036854775808"), .int(Int64.min))
        XCTAssertEqual(try parse("-9223372036854775809"), .double(-9_223_372_036_854_775_808.0))
        XCTAssertEqual(try parse("18446744073709551616"), .double(18_446_744_073_709_551_616))
        XCTAssertEqual(try parse("-0"), .int(0))
        XCTAssertEqual(try parse("[0,10,-7,1234567890123]"), [0, 10, -7, 1_234_567_890_123])
    }

    func test_parse_repeatedMemberKeepsTheLastValue_nestedObjectsKeepTheirOwnMembers() throws {
        XCTAssertEqual(try parse(#"{"a":1,"b":2,"a":3}"#), ["a": 3, "b": 2])
        XCTAssertEqual(
            try parse(#"{"x":{"a":1,"b":{"c":2}},"y":[{"a":4},{}],"z":{"a":5}}"#),
            ["x": ["a": 1, "b": ["c": 2]], "y": [["a": 4], [:]], "z": ["a": 5]])
    }

    /// Runs `parseObjects` and keeps copies of what it handed over.
    private func sorted(_ text: String, _ names: [String]) throws -> (
        JSONParser.Layout, [(Int, JSONParser.SortedObject)]
    ) {
        var objects: [(Int, JSONParser.SortedObject)] = []
        let layout = try JSONParser.parseObjects(Data(text.utf8), named: names) { objects.append(($0, $1)) }
        return (layout, objects)
    }

    func test_parseObjects_sortsNamedMembersIntoSlots_keepsTheOthersInOrder() throws {
        let (layout, objects) = try sorted(
            #"[{"b":1,"x":[2],"\u0061":"escaped a","b":3,"y":null}, 7, {"c":0}]"#, ["a", "b", "c"])
        XCTAssertEqual(layout, .array(count: 3, firstNonObject: 1))
        XCTAssertEqual(objects.map(\.0), [0, 2])
        let first = try XCTUnwrap(objects.first?.1)
        XCTAssertEqual(
            first.named, ["escaped a", 3, nil], "an escaped name finds its slot; a repeat keeps the last value")
        XCTAssertEqual(first.others.map { $0.0 }, ["x", "y"])
        XCTAssertEqual(first.others.map { $0.1 }, [[2], JSONValue.null])
        XCTAssertEqual(objects.last?.1.named, [nil, nil, 0], "the slots are emptied between objects")
        XCTAssertEqual(objects.last?.1.others.count, 0)

        let (single, singleObjects) = try sorted(#"{"c":{"d":true}}"#, ["c"])
        XCTAssertEqual(single, .object)
        XCTAssertEqual(singleObjects.first?.1.named, [["d": true]])
        XCTAssertEqual(try sorted("\"s\"", []).0, .other)
        XCTAssertEqual(try sorted("[]", ["a"]).0, .array(count: 0, firstNonObject: nil))
    }

    func test_parseObjects_refusesWhatParseRefuses_atTheSameOffset() {
        let texts = [
            "[{\"a\":1},{\"a\" 2}]", "{\"a\":1,}", "[{}] x", "[{\"a\":\"\u{1}\"}]", "[", "{\"a\":tru}",
            "[{\"\\q\":1}]",
        ]
        for text in texts {
            let data = Data(text.utf8)
            var sorted: JSONParser.SyntaxError?
            do { _ = try JSONParser.parseObjects(data, named: ["a"]) { _, _ in } } catch { sorted = error }
            var plain: JSONParser.SyntaxError?
            do { _ = try JSONParser.parse(data) } catch { plain = error }
            XCTAssertNotNil(sorted, text)
            XCTAssertEqual(sorted, plain, text)
        }
    }

    /// The text of each value kept by `keepingText` (checked, not built), by slot.
    private func keptTexts(_ text: String) throws -> [JSONText] {
        var texts: [JSONText] = []
        _ = try JSONParser.parseObjects(Data(text.utf8), named: ["data", "b"], keepingText: ["data"]) { _, object in
            XCTAssertNil(object.named[0], "a kept name has no tree")
            if let kept = object.texts[0] { texts.append(kept) }
        }
        return texts
    }

    func test_parseObjects_keepsTheTextOfAskedNames_readLaterAsParseReadsIt() throws {
        let values = [
            #"{"a":[1,-2,3.5,-0.25e2,1E3,true,false,null,"x"],"b":{},"c":[]}"#, "9223372036854775808", "\"\"",
            #""q\" b\\ s\/ \b\f\n\r\t u\u00e9 \ud83d\ude00 é""#, #"{"a":1,"b":2,"a":3}"#,
            "[[], [{}], {\"\\u0061\": 1}]",
            "null", "-0",
        ]
        for value in values {
            let texts = try keptTexts("[{\"b\":0, \"data\" :  \(value)  , \"b\":1}, {\"b\":2}]")
            XCTAssertEqual(texts.count, 1, value)
            let kept = try XCTUnwrap(texts.first, value)
            XCTAssertEqual(kept.withBytes { String(decoding: $0, as: UTF8.self) }, value, "exactly the value's bytes")
            XCTAssertNil(kept.readValue, "not read before it is asked for")
            XCTAssertEqual(kept.value, try parse(value), value)
            XCTAssertEqual(kept.readValue, try parse(value), "kept once read")
            XCTAssertEqual(kept.isNull, value == "null", value)
        }
        XCTAssertEqual(
            try keptTexts(#"{"data":1,"data":[2]}"#).first?.value, [2], "a repeated name keeps its last text")
    }

    func test_parseObjects_keptTextIsCheckedAsParseChecksIt_atTheSameOffset() {
        let values = [
            "{\"a\":1,}", "[1,2", "[1 2]", "{\"a\" 1}", "tru", "01", "1.", "\"abc", "\"a\\x\"", "\"\\ud800\"",
            "{\n  \"a\": @}", "1e999", "\"\u{1}\"", "[\"é\\u00\"]", "{\"\\q\":1}", "[1,]", "",
        ]
        for value in values {
            let text = "[{\"data\":\(value)}]"
            var kept: JSONParser.SyntaxError?
            do {
                _ = try JSONParser.parseObjects(Data(text.utf8), named: ["data"], keepingText: ["data"]) { _, _ in }
            } catch {
                kept = error
            }
            var plain: JSONParser.SyntaxError?
            do { _ = try JSONParser.parse(Data(text.utf8)) } catch { plain = error }
            XCTAssertNotNil(kept, value)
            XCTAssertEqual(kept, plain, value)
        }
        var bytes = Array("[{\"data\":\"ab\"}]".utf8)
        bytes[10] = 0xFF  // invalid UTF-8 inside the kept string
        XCTAssertThrowsError(
            try JSONParser.parseObjects(Data(bytes), named: ["data"], keepingText: ["data"]) { _, _ in }
        ) {
            XCTAssertEqual(($0 as? JSONParser.SyntaxError)?.reason, "invalid UTF-8 in a string")
        }
    }

    func test_keptText_membersReadStraightFromTheText_orFromTheTreeWhenUnusual() throws {
        func members(_ value: String, _ read: (JSONMembers) -> Void) throws -> Bool {
            let kept = try XCTUnwrap(try keptTexts("{\"data\":\(value)}").first)
            return kept.withMembers(read)
        }
        var seen: [String?] = []
        // Plain: last value of a repeated name, tolerant conversion, null is nil, a missing name is nil.
        XCTAssertTrue(
            try members(#"{ "n" : "7", "s": 1, "s": "two", "z": null, "o": {"k": [1]} }"#) { m in
                seen = [
                    m.tolerant(Int.self, forKey: "n").map(String.init), m.tolerant(String.self, forKey: "s"),
                    m.tolerant(String.self, forKey: "z"), m.tolerant(String.self, forKey: "missing"),
                    m.tolerant(JSONValue.self, forKey: "o").map { "\($0)" },
                ]
                XCTAssertEqual(m.keys, ["n", "s", "z", "o"])
            })
        XCTAssertEqual(seen, ["7", "two", nil, nil, "\(["k": [1]] as JSONValue)"])
        // An escaped name and a large object go through the tree, with the same answers.
        XCTAssertTrue(
            try members(#"{"\u0075rl": "u", "url2": 2}"#) { seen = [$0.tolerant(String.self, forKey: "url")] })
        XCTAssertEqual(seen, ["u"])
        let large = "{" + (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ",") + "}"
        XCTAssertTrue(try members(large) { m in seen = [m.tolerant(String.self, forKey: "k39")] })
        XCTAssertEqual(seen, ["39"])
        // Not an object: the body is not called.
        for value in ["[1]", "\"s\"", "null", "3"] {
            XCTAssertFalse(try members(value) { _ in XCTFail(value) }, value)
        }
    }

    func test_keptText_readFromManyThreadsAtOnce_givesOneTree() async throws {
        let kept = try XCTUnwrap(try keptTexts(#"{"data":{"a":[1,2,{"b":"c"}]}}"#).first)
        let values = await withTaskGroup(of: JSONValue.self) { group in
            for _ in 0..<64 { group.addTask { kept.value } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(values.count, 64)
        XCTAssertEqual(Set(values), [["a": [1, 2, ["b": "c"]]]])
    }

    func test_parse_stringEscapesAndUnicode() throws {
        XCTAssertEqual(
            try parse(#""q\" b\\ s\/ \b\f\n\r\t u\u00e9 \ud83d\ude00 é""#), "q\" b\\ s/ \u{8}\u{c}\n\r\t u\u{e9} 😀 é")
    }

    func test_parse_agreesWithFoundation() throws {
        let text = #"[{"id":"1","n":12,"f":0.5,"nested":{"deep":[[],[{}]]},"s":"\u00fc\n"}]"#
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        XCTAssertEqual(try parse(text), foundation)
    }

    func test_errors_nameTheOffsetLineAndColumn() {
        let cases: [(String, String, Int)] = [
            ("", "unexpected end of input", 0),
            ("{\"a\":1,}", "expected a member name", 7),
            ("[1,2", "unexpected end of input in an array", 4),
            ("[1 2]", "expected ',' or ']'", 3),
            ("{\"a\" 1}", "expected ':'", 5),
            ("tru", "invalid literal", 0),
            ("01", "leading zero", 0),
            ("1.", "invalid number", 0),
            ("\"abc", "unterminated string", 0),
            ("\"a\\x\"", "invalid escape", 2),
            ("\"\\ud800\"", "unpaired surrogate", 1),
            ("[1] x", "unexpected text after", 4),
            ("{\n  \"a\": @}", "unexpected character '@'", 9),
            ("1e999", "out of range", 0),
        ]
        for (text, reason, offset) in cases {
            XCTAssertThrowsError(try parse(text), text) { error in
                guard let syntax = error as? JSONParser.SyntaxError else { return XCTFail("\(error)") }
                XCTAssertTrue(syntax.reason.contains(reason), "\(text): \(syntax)")
                XCTAssertEqual(syntax.offset, offset, "\(text): \(syntax)")
            }
        }
        XCTAssertThrowsError(try parse("{\n  \"a\": @}")) { error in
            XCTAssertEqual((error as? JSONParser.SyntaxError)?.line, 2)
            XCTAssertEqual((error as? JSONParser.SyntaxError)?.column, 8)
        }
    }

    func test_errors_controlCharactersAndInvalidUTF8() {
        XCTAssertThrowsError(try JSONParser.parse(Data([0x22, 0x0A, 0x22])))
        XCTAssertThrowsError(try JSONParser.parse(Data([0x22, 0xFF, 0x22]))) { error in
            XCTAssertTrue(String(describing: error).contains("invalid UTF-8"))
        }
        // The same after an escape (the slow path), and a truncated multi-byte sequence.
        XCTAssertThrowsError(try JSONParser.parse(Data([0x22, 0x5C, 0x6E, 0xC3, 0x22]))) { error in
            XCTAssertTrue(String(describing: error).contains("invalid UTF-8"))
        }
        XCTAssertEqual(try JSONParser.parse(Data([0x22, 0xC3, 0xA9, 0x22])), "é")
    }

    func test_strings_scannedAWordAtATime_catchEveryByteAtEveryOffset() throws {
        for offset in 0..<20 {
            let plain = [UInt8](repeating: UInt8(ascii: "a"), count: offset)
            // A control character, an invalid byte, and an escape, each after `offset` bytes.
            XCTAssertThrowsError(try JSONParser.parse(Data([0x22] + plain + [0x01] + plain + [0x22]))) { error in
                XCTAssertTrue(String(describing: error).contains("control character"), "\(offset): \(error)")
                XCTAssertEqual((error as? JSONParser.SyntaxError)?.offset, offset + 1, "\(offset)")
            }
            XCTAssertThrowsError(try JSONParser.parse(Data([0x22] + plain + [0xFF] + plain + [0x22]))) { error in
                XCTAssertTrue(String(describing: error).contains("invalid UTF-8"), "\(offset): \(error)")
            }
            let escaped = try JSONParser.parse(Data([0x22] + plain + Array(#"\"é"#.utf8) + plain + [0x22]))
            XCTAssertEqual(
                escaped, .string(String(repeating: "a", count: offset) + "\"é" + String(repeating: "a", count: offset)))
            let unicode = try JSONParser.parse(Data([0x22] + plain + Array("€😀".utf8) + plain + [0x22]))
            XCTAssertEqual(
                unicode, .string(String(repeating: "a", count: offset) + "€😀" + String(repeating: "a", count: offset)))
            XCTAssertThrowsError(try JSONParser.parse(Data([0x22] + plain)), "unterminated after \(offset) bytes")
        }
    }

    func test_depthLimit_isAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try parse(deep)) { error in
            XCTAssertTrue(String(describing: error).contains("nesting deeper than 512"))
        }
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        XCTAssertNoThrow(try parse(ok))
    }

    func test_jsonValueParsing_wrapsTheSyntaxErrorInAzureError() {
        XCTAssertThrowsError(try JSONValue(parsing: Data("[1,,2]".utf8))) { error in
            let azure = error as? AzureError
            XCTAssertEqual(azure?.kind, .serialization)
            XCTAssertTrue(azure?.message.contains("offset 3") ?? false, azure?.message ?? "")
            XCTAssertTrue(azure?.underlyingError is JSONParser.SyntaxError)
        }
    }
}

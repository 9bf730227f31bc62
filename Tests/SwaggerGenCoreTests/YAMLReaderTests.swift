import SwaggerGenCore
import XCTest

final class YAMLReaderTests: XCTestCase {
    func test_read_givesOneBasedPositionsOfNestedNodes() throws {
        let (node, sink) = TestSupport.read("a:\n  b:\n    - x\n    - {c: 1}\n")
        XCTAssertTrue(sink.diagnostics.isEmpty)
        let root = try XCTUnwrap(node)
        XCTAssertEqual(root.location, SourceLocation(file: "test.yaml", line: 1, column: 1))
        let b = try XCTUnwrap(root["a"]?["b"])
        XCTAssertEqual(b.location.line, 3)
        XCTAssertEqual(b.location.column, 5)
        let elements = try XCTUnwrap(b.elements)
        XCTAssertEqual(elements[0].scalar?.value, "x")
        XCTAssertEqual(elements[0].location.column, 7)
        let c = try XCTUnwrap(elements[1]["c"])
        XCTAssertEqual(c.location, SourceLocation(file: "test.yaml", line: 4, column: 11))
        let keys = try XCTUnwrap(root["a"]?.pairs).map { $0.key.location.line }
        XCTAssertEqual(keys, [2])
    }

    func test_read_keepsMappingOrder() throws {
        let (node, _) = TestSupport.read("z: 1\na: 2\nm: 3\n")
        XCTAssertEqual(node?.pairs?.compactMap { $0.key.scalar?.value }, ["z", "a", "m"])
    }

    func test_read_expandsAliasesToTheAnchoredNode() throws {
        let (node, sink) = TestSupport.read("base: &b {x: 1, y: [2]}\ncopy: *b\n")
        XCTAssertTrue(sink.diagnostics.isEmpty)
        let root = try XCTUnwrap(node)
        XCTAssertEqual(root["copy"]?["x"]?.scalar?.value, "1")
        XCTAssertEqual(root["copy"]?["y"]?.elements?.first?.scalar?.value, "2")
        XCTAssertEqual(root["copy"], root["base"])
    }

    func test_read_unknownAliasIsAnError() {
        let (node, sink) = TestSupport.read("a: *nope\n")
        XCTAssertNil(node)
        XCTAssertEqual(sink.errors.first?.location?.line, 1)
    }

    func test_read_duplicateKeyIsAnErrorAtTheSecondKey() {
        let (node, sink) = TestSupport.read("a: 1\nb:\n  c: 1\n  c: 2\n")
        XCTAssertNil(node)
        XCTAssertEqual(sink.errors.count, 1)
        XCTAssertEqual(sink.errors.first?.description, "test.yaml:4:3: error: duplicate mapping key 'c'")
    }

    func test_read_quotedScalarsStayStrings() throws {
        let (node, _) = TestSupport.read("a: 'true'\nb: true\nc: \"1\"\nd: |\n  text\n")
        let root = try XCTUnwrap(node)
        XCTAssertEqual(root["a"]?.scalar, YAMLNode.Scalar(value: "true", isPlain: false))
        XCTAssertEqual(root["b"]?.scalar, YAMLNode.Scalar(value: "true", isPlain: true))
        XCTAssertEqual(root["c"]?.scalar?.isPlain, false)
        XCTAssertEqual(root["d"]?.scalar, YAMLNode.Scalar(value: "text\n", isPlain: false))
    }

    func test_read_invalidYAMLIsAnErrorWithLocation() {
        let (node, sink) = TestSupport.read("a: [1, 2\nb: c\n", file: "bad.yaml")
        XCTAssertNil(node)
        let error = sink.errors.first
        XCTAssertEqual(error?.location?.file, "bad.yaml")
        XCTAssertNotNil(error?.location?.line)
        XCTAssertTrue(error?.description.hasPrefix("bad.yaml:") ?? false)
        XCTAssertTrue(error?.message.contains("invalid YAML") ?? false)
    }

    func test_read_emptyFileIsAnError() {
        let (node, sink) = TestSupport.read("")
        XCTAssertNil(node)
        XCTAssertTrue(sink.hasErrors)
    }

    func test_read_readsJSON() throws {
        let (node, sink) = TestSupport.read("{\n  \"a\": {\"b\": [1, \"two\"]}\n}\n", file: "x.json")
        XCTAssertTrue(sink.diagnostics.isEmpty)
        let b = try XCTUnwrap(node?["a"]?["b"]?.elements)
        XCTAssertEqual(b[1].scalar, YAMLNode.Scalar(value: "two", isPlain: false))
        XCTAssertEqual(b[0].location, SourceLocation(file: "x.json", line: 2, column: 15))
    }
}

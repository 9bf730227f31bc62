import SwaggerGenCore
import XCTest

final class RendererTests: XCTestCase {
    func test_render_wrapsDocTextAt100Columns() {
        let words = Array(repeating: "word", count: 60).joined(separator: " ")
        let file = SwiftFile(
            name: "A.swift", header: ["Header."], imports: [],
            declarations: [
                .typeAlias(
                    doc: Doc([words], provenance: "#/definitions/A"), access: .package, name: "A",
                    target: .named("Swift.String"))
            ]
        )
        let text = SwiftRenderer().render(file)
        let lines = text.split(separator: "\n")
        XCTAssertTrue(lines.allSatisfy { $0.count <= 100 }, text)
        XCTAssertTrue(lines.filter { $0.hasPrefix("/// word") }.count >= 3)
        XCTAssertTrue(
            text.contains("///\n/// - Remark: From `#/definitions/A`.\npackage typealias A = Swift.String\n"), text)
    }

    func test_render_indentedDocWrapsWithinWidthIncludingIndent() {
        let words = Array(repeating: "abcdefgh", count: 30).joined(separator: " ")
        let type = TypeDecl(
            doc: nil, access: .package, kind: .struct, name: "S", inherits: [],
            members: [
                .property(PropertyDecl(doc: Doc([words]), access: .package, name: "x", type: .named("Swift.Int")))
            ]
        )
        let text = SwiftRenderer().render(
            SwiftFile(name: "S.swift", header: [], imports: [], declarations: [.type(type)]))
        for line in text.split(separator: "\n") {
            XCTAssertLessThanOrEqual(line.count, 100)
        }
        XCTAssertTrue(text.contains("\n    /// abcdefgh"))
    }

    func test_render_noTrailingWhitespaceAndOneTrailingNewline() {
        let text = SwiftRenderer.finish(["a  ", "", "b\t", "", ""])
        XCTAssertEqual(text, "a\n\nb\n")
        let file = SwiftRenderer().render(
            SwiftFile(
                name: "E.swift", header: ["H"], imports: [ImportDecl(access: .package, module: "Foundation")],
                declarations: [])
        )
        XCTAssertEqual(file, "// H\n\npackage import Foundation\n")
    }

    func test_render_usesFourSpacesAndLF() {
        let function = FunctionDecl(
            doc: nil, access: .internal, kind: .function("f"), parameters: [], body: [.returnValue(.int(1))]
        )
        let type = TypeDecl(
            doc: nil, access: .internal, kind: .enum, name: "E", inherits: [], members: [.function(function)])
        let text = SwiftRenderer().render(
            SwiftFile(name: "E.swift", header: [], imports: [], declarations: [.type(type)]))
        XCTAssertEqual(text, "enum E {\n    func f() {\n        return 1\n    }\n}\n")
        XCTAssertFalse(text.contains("\r"))
    }

    func test_render_breaksLongParameterListsOnePerLine() {
        let parameters = (1...6).map { FunctionParameter(name: "parameterNumber\($0)", type: .named("Swift.String")) }
        let function = FunctionDecl(
            doc: nil, access: .package, kind: .initializer(failable: false), parameters: parameters, body: [])
        let text = SwiftRenderer().render(
            SwiftFile(name: "F.swift", header: [], imports: [], declarations: [.function(function)]))
        XCTAssertTrue(text.hasPrefix("package init(\n    parameterNumber1: Swift.String,\n"), text)
        XCTAssertTrue(text.contains("    parameterNumber6: Swift.String\n) {\n}\n"), text)
    }

    func test_stringLiteral_escapes() {
        XCTAssertEqual(SwiftRenderer().stringLiteral("a\"b\\c\nd"), #""a\"b\\c\nd""#)
    }
}

import Foundation
import SwaggerGenCore
import XCTest

/// Each `Fixtures/*.yaml` must generate exactly `Golden/<name>/*.swift`. `UPDATE_GOLDEN=1`
/// rewrites the goldens (locally only; CI never sets it).
final class GoldenTests: XCTestCase {
    func fixtureNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: TestSupport.fixturesDirectory)
            .filter { $0.hasSuffix(".yaml") }
            .sorted()
    }

    func test_golden_everyFixtureMatchesItsGoldenFiles() throws {
        let names = try fixtureNames()
        XCTAssertFalse(names.isEmpty)
        let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
        for name in names {
            let base = String(name.dropLast(".yaml".count))
            let sink = DiagnosticSink()
            let configuration = GeneratorConfiguration(specs: [name], baseDirectory: TestSupport.fixturesDirectory, access: .package)
            let files = try XCTUnwrap(GeneratorPipeline().generate(configuration, diagnostics: sink), "\(name): \(sink.diagnostics)")
            XCTAssertEqual(sink.diagnostics, [], name)
            let goldenDirectory = TestSupport.goldenDirectory + "/" + base
            if update {
                _ = try Emitter().emit(files, to: goldenDirectory, check: false)
                continue
            }
            let expected = Set((try? FileManager.default.contentsOfDirectory(atPath: goldenDirectory)) ?? [])
            XCTAssertEqual(Set(files.map(\.name)), expected, "\(base): generated file names differ from Golden/\(base)")
            for file in files {
                let path = goldenDirectory + "/" + file.name
                let golden = (FileManager.default.contents(atPath: path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
                TestSupport.assertSameText(file.contents, golden, "\(base)/\(file.name)")
            }
        }
    }

    func test_golden_kitchenCoversTheFeatures() throws {
        let models = try String(contentsOfFile: TestSupport.goldenDirectory + "/Kitchen/Models.swift", encoding: .utf8)
        for needle in [
            "package var createdAt: Foundation.Date", "package var payload: Foundation.Data?",
            "package var count: Swift.Int64?", "package var labels: [Swift.String: Swift.String]?",
            "package var parts: [PartModel]?", "package var color: ColorModel?", "package var `default`: Swift.String?",
            "case encodedData = \"data_base64\"", "case odataType = \"@odata.type\"",
            "package var additionalProperties: [Swift.String: Swift.Int32]", "private var _inner: [PartModel]",
        ] {
            XCTAssertTrue(models.contains(needle), needle)
        }
    }
}

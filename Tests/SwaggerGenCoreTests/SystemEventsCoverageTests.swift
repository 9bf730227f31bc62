import Foundation
import SwaggerGenCore
import XCTest

/// `Spec/SystemEvents/*.yaml` covers the upstream `SystemEvents.json`: generating from either
/// yields the same types, properties (name, type, optionality) and event-type mappings. Upstream
/// states event types only in prose; the Resolve stage infers them there.
final class SystemEventsCoverageTests: XCTestCase {
    static let upstreamFile = "Microsoft.EventGrid/stable/2024-01-01/SystemEvents.json"

    func resolve(_ specs: [String], base: String) throws -> (ServiceModel, DiagnosticSink) {
        let sink = DiagnosticSink()
        let pipeline = GeneratorPipeline()
        let configuration = GeneratorConfiguration(specs: specs, baseDirectory: base, access: .public)
        let documents = specs.compactMap { pipeline.load($0, baseDirectory: base, diagnostics: sink) }
        XCTAssertEqual(documents.count, specs.count, "\(sink.diagnostics)")
        return (pipeline.model(documents, configuration: configuration, diagnostics: sink), sink)
    }

    static func ourSpecs() throws -> [String] {
        let folder = TestSupport.repositoryRoot + "/Spec/SystemEvents"
        return try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "Spec/SystemEvents/" + $0 }
    }

    /// Everything but descriptions and locations.
    func shape(_ model: ServiceModel) -> [String] {
        model.types.flatMap { type -> [String] in
            switch type {
            case .object(let object):
                var lines = [
                    "struct \(object.swiftName) event=\(object.eventType ?? "-") discriminator=\(object.discriminator ?? "-")"
                        + " value=\(object.discriminatorValue ?? "-") parents=\(object.parents) extra=\(String(describing: object.additionalProperties))"
                ]
                for property in object.properties {
                    lines.append(
                        "  \(property.wireName) \(property.swiftName) \(property.type) required=\(property.isRequired) boxed=\(property.isBoxed)"
                    )
                }
                return lines
            case .enumeration(let enumeration):
                return ["enum \(enumeration.swiftName) \(enumeration.cases.map { "\($0.swiftName)=\($0.value)" })"]
            case .alias(let alias):
                return ["alias \(alias.swiftName) = \(alias.target)"]
            }
        }
    }

    func test_coverage_yamlAndUpstreamJSONGiveTheSameModel() throws {
        let base = TestSupport.upstreamDirectory
        guard FileManager.default.fileExists(atPath: base + "/" + Self.upstreamFile) else {
            throw XCTSkip("upstream SystemEvents.json not found under \(base) (CI places shared/ beside the clone)")
        }
        let (upstream, upstreamSink) = try resolve([Self.upstreamFile], base: base)
        let (ours, oursSink) = try resolve(try Self.ourSpecs(), base: TestSupport.repositoryRoot)
        XCTAssertEqual(upstreamSink.errors, [])
        XCTAssertEqual(oursSink.errors, [])
        TestSupport.assertSameText(
            shape(ours).joined(separator: "\n") + "\n", shape(upstream).joined(separator: "\n") + "\n", "system events")

        var objects = 0
        var mappings: [String: String] = [:]
        for case .object(let object) in ours.types {
            objects += 1
            if let eventType = object.eventType { mappings[object.swiftName] = eventType }
        }
        let definitions = ours.types.filter { type in
            switch type {
            case .object(let model): !model.provenance.contains("/properties/")
            case .enumeration(let model): !model.provenance.contains("/properties/")
            case .alias(let model): !model.provenance.contains("/properties/")
            }
        }
        XCTAssertEqual(definitions.count, 324)
        XCTAssertEqual(mappings.count, 219)
        XCTAssertEqual(Set(mappings.values).count, 219)
        XCTAssertGreaterThan(objects, 0)
    }

    func test_coverage_ourSpecsGenerateOneFilePerSpecPlusRegistry() throws {
        let specs = try Self.ourSpecs()
        XCTAssertEqual(specs.count, 24)
        let sink = DiagnosticSink()
        let configuration = GeneratorConfiguration(
            specs: specs, baseDirectory: TestSupport.repositoryRoot, access: .public)
        let start = Date()
        let files = try XCTUnwrap(GeneratorPipeline().generate(configuration, diagnostics: sink))
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(sink.errors, [])
        let bases = specs.map { String($0.split(separator: "/").last?.dropLast(".yaml".count) ?? "") }
        // One file per spec, split into `<Name>_2.swift`, … past about 1,000 lines.
        var expected = Set(bases.map { $0 + ".swift" } + ["SystemEvent.swift", "SystemEventNames.swift"])
        for file in files.map(\.name) where file.contains("_") {
            let base = String(file.prefix { $0 != "_" })
            XCTAssertTrue(bases.contains(base), file)
            expected.insert(file)
        }
        XCTAssertEqual(Set(files.map(\.name)), expected)
        for file in files where file.name != "SystemEvent.swift" {
            let lines = file.contents.split(separator: "\n", omittingEmptySubsequences: false).count
            XCTAssertLessThan(lines, 1_300, file.name)
        }
        XCTAssertTrue(files.contains { $0.name == "Communication_2.swift" })
        // A loose guard only (debug build, shared machine); the release CLI is measured separately.
        XCTAssertLessThan(elapsed, 10, "generating the system events took \(elapsed) s")
    }
}

import Foundation
import SwaggerGenCore
import XCTest

/// The generator accepts the upstream JSON specs (JSON is YAML), and our hand-written
/// `Spec/EventGrid.yaml` says the same as upstream 2018-01-01, descriptions aside.
final class UpstreamSpecTests: XCTestCase {
    static let files = [
        "Microsoft.EventGrid/stable/2018-01-01/EventGrid.json",
        "Microsoft.EventGrid/stable/2024-06-01/EventGrid.json",
        "Microsoft.EventGrid/stable/2024-01-01/SystemEvents.json",
    ]

    func upstreamDirectory() throws -> String {
        let directory = TestSupport.upstreamDirectory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw XCTSkip("upstream specs not found at \(directory) (CI places shared/ beside the clone)")
        }
        return directory
    }

    func model(_ spec: String, base: String, access: AccessLevel = .package) throws -> (ServiceModel, DiagnosticSink) {
        let sink = DiagnosticSink()
        let pipeline = GeneratorPipeline()
        let configuration = GeneratorConfiguration(specs: [spec], baseDirectory: base, access: access)
        let document = try XCTUnwrap(pipeline.load(spec, baseDirectory: base, diagnostics: sink), "\(sink.diagnostics)")
        return (pipeline.model([document], configuration: configuration, diagnostics: sink), sink)
    }

    func test_upstream_specsGenerateWithoutErrors() throws {
        let base = try upstreamDirectory()
        for file in Self.files {
            let sink = DiagnosticSink()
            let files = GeneratorPipeline().generate(
                GeneratorConfiguration(specs: [file], baseDirectory: base, access: .public), diagnostics: sink
            )
            XCTAssertEqual(sink.errors, [], file)
            XCTAssertNotNil(files, file)
        }
    }

    func test_upstream_systemEventsHasItsDefinitions() throws {
        let base = try upstreamDirectory()
        let (model, _) = try model(Self.files[2], base: base, access: .public)
        XCTAssertGreaterThanOrEqual(model.types.count, 300)
        XCTAssertTrue(model.types.contains { $0.swiftName == "StorageBlobCreatedEventData" })
    }

    /// A description-free view of a model, for comparing two specs of the same API.
    func shape(_ model: ServiceModel) -> [String] {
        var lines: [String] = []
        for type in model.types {
            switch type {
            case .object(let object):
                lines.append("struct \(object.swiftName) extra=\(String(describing: object.additionalProperties))")
                for property in object.properties {
                    lines.append(
                        "  \(property.wireName) \(property.swiftName) \(property.type) required=\(property.isRequired) readOnly=\(property.isReadOnly)"
                    )
                }
            case .enumeration(let enumeration):
                lines.append("enum \(enumeration.swiftName) \(enumeration.cases.map(\.value))")
            case .alias(let alias):
                lines.append("alias \(alias.swiftName) = \(alias.target)")
            }
        }
        for operation in model.operations {
            lines.append(
                "op \(operation.operationId) \(operation.method) \(operation.path) \(operation.contentType ?? "-") \(operation.successCodes)"
            )
            for parameter in operation.parameters {
                lines.append(
                    "  \(parameter.place) \(parameter.wireName) \(parameter.swiftName) \(parameter.type) required=\(parameter.isRequired)"
                )
            }
        }
        if let host = model.host {
            lines.append("host \(host.template) \(host.useSchemePrefix) \(host.parameters.map(\.wireName))")
        }
        lines.append("version \(model.version ?? "-") title \(model.title ?? "-")")
        return lines
    }

    func test_upstream_2018JSONMatchesOurYAMLExceptDescriptions() throws {
        let base = try upstreamDirectory()
        let (upstream, upstreamSink) = try model(Self.files[0], base: base)
        let (ours, oursSink) = try model("Spec/EventGrid.yaml", base: TestSupport.repositoryRoot)
        XCTAssertEqual(upstreamSink.errors, [])
        XCTAssertEqual(oursSink.diagnostics, [])
        let expected = shape(upstream).joined(separator: "\n") + "\n"
        let actual = shape(ours).joined(separator: "\n") + "\n"
        TestSupport.assertSameText(actual, expected, "service shape")
        XCTAssertEqual(ours.types.count, 6)
        XCTAssertEqual(ours.operations.count, 3)
    }
}

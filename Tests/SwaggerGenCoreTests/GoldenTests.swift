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
            let configuration = GeneratorConfiguration(
                specs: [name], baseDirectory: TestSupport.fixturesDirectory, access: .package)
            let files = try XCTUnwrap(
                GeneratorPipeline().generate(configuration, diagnostics: sink), "\(name): \(sink.diagnostics)")
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
                let golden =
                    (FileManager.default.contents(atPath: path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
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

    /// Public mode (`--access public`, the system-event models) from two fixture files:
    /// one output file per spec, the discriminator wrapper, extensible enums, nested, array and
    /// dictionary types, tolerant decoding, `SystemEventNames` and `SystemEvent`.
    func test_golden_publicModeMatchesGoldenSystemEvents() throws {
        let specs = ["SystemEvents/Contoso.yaml", "SystemEvents/Fabrikam.yaml"]
        let sink = DiagnosticSink()
        let configuration = GeneratorConfiguration(
            specs: specs, baseDirectory: TestSupport.fixturesDirectory, access: .public)
        let files = try XCTUnwrap(GeneratorPipeline().generate(configuration, diagnostics: sink), "\(sink.diagnostics)")
        XCTAssertEqual(sink.errors, [])
        let goldenDirectory = TestSupport.goldenDirectory + "/SystemEvents"
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            _ = try Emitter().emit(files, to: goldenDirectory, check: false)
            return
        }
        XCTAssertEqual(
            files.map(\.name), ["Contoso.swift", "Fabrikam.swift", "SystemEvent.swift", "SystemEventNames.swift"])
        for file in files {
            let path = goldenDirectory + "/" + file.name
            let golden = (FileManager.default.contents(atPath: path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            TestSupport.assertSameText(file.contents, golden, "SystemEvents/\(file.name)")
        }
    }

    func test_golden_publicModeCoversTheFeatures() throws {
        let contoso = try String(
            contentsOfFile: TestSupport.goldenDirectory + "/SystemEvents/Contoso.swift", encoding: .utf8)
        for needle in [
            "public struct ContosoWidgetCreatedEventData: Codable, Hashable, Sendable, AzureCore.TolerantDecodable, AzureCore.TolerantObjectDecodable, SystemEventModel {",
            "public static let eventType = \"Contoso.Widgets.WidgetCreated\"",
            "public var id: Swift.String?", "public var nbf: Swift.Int64?", "case nbf = \"NBF\"",
            "public var widgetURL: Swift.String?", "case widgetURL = \"widgetUrl\"",
            "public var type: Swift.String?", "public var description: Swift.String?",
            "public var tags: [Swift.String: Swift.String]?", "public var extra: [Swift.String: AzureCore.JSONValue]?",
            "public var anything: AzureCore.JSONValue?", "public var parts: [ContosoPart]?",
            "public var outputs: [ContosoOutputKind]?", "public var color: WidgetColor?",
            "public init?(tolerantJSON json: AzureCore.JSONValue) {",
            "guard let members = AzureCore.JSONMembers(json) else { return nil }",
            "self.init(tolerantMembers: members)",
            "package init(tolerantMembers members: AzureCore.JSONMembers) {",
            "self.createdAt = members.tolerant(Foundation.Date.self, forKey: \"createdAt\")",
            "self = try Self(tolerantlyFrom: decoder)",
            "guard let value = ContosoOutputAsset(tolerantJSON: json) else { return nil }",
            "self = .unknown(value, raw: json)",
            "try container.encodeRFC3339IfPresent(self.createdAt, forKey: .createdAt)",
            "public struct WidgetColor: AzureCore.ExtensibleStringEnum {",
            "public enum ContosoOutputKind: Codable, Hashable, Sendable, AzureCore.TolerantDecodable {",
            "case asset(ContosoOutputAsset)", "case unknown(ContosoOutput, raw: AzureCore.JSONValue)",
            "case \"#contoso.outputasset\":", "private var _inner: [ContosoPart]",
        ] {
            XCTAssertTrue(contoso.contains(needle), needle)
        }
        let fabrikam = try String(
            contentsOfFile: TestSupport.goldenDirectory + "/SystemEvents/Fabrikam.swift", encoding: .utf8)
        XCTAssertTrue(
            fabrikam.contains("public static let eventType = \"Fabrikam.Things.ThingDeleted\""),
            "inferred from the description")
        XCTAssertTrue(
            fabrikam.contains("public static let eventType = \"Fabrikam.Things.ThingRelocated\""), "explicit wins")
        XCTAssertFalse(
            fabrikam.contains(
                "public struct FabrikamBaseEventData: Codable, Hashable, Sendable, AzureCore.TolerantDecodable, SystemEventModel"
            ))
    }
}

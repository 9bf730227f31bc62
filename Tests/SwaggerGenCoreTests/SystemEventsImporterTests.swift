import Foundation
import SwaggerGenCore
import XCTest

/// `swaggergen import-system-events`: the current upstream reproduces Spec/SystemEvents byte for
/// byte, and a "newer" upstream (made here by editing a copy in memory) gives exactly its changes.
final class SystemEventsImporterTests: XCTestCase {
    static let upstreamFile = "Microsoft.EventGrid/stable/2024-01-01/SystemEvents.json"
    static let newDefinitionWording =
        "Schema of the Data property of an EventGridEvent for a Microsoft.Contoso.Thing event."

    var specDirectory: String { TestSupport.repositoryRoot + "/Spec/SystemEvents" }

    func upstreamPath() throws -> String {
        let path = TestSupport.upstreamDirectory + "/" + Self.upstreamFile
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("upstream spec not found at \(path) (CI places shared/ beside the clone)")
        }
        return path
    }

    func upstreamText() throws -> String {
        // Outside XCTUnwrap: a skip thrown inside its autoclosure would be reported as a failure.
        let path = try upstreamPath()
        let data = try XCTUnwrap(FileManager.default.contents(atPath: path))
        return String(decoding: data, as: UTF8.self)
    }

    func currentSpecs() throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: specDirectory) where name.hasSuffix(".yaml") {
            let data = try XCTUnwrap(FileManager.default.contents(atPath: specDirectory + "/" + name))
            files[name] = String(decoding: data, as: UTF8.self)
        }
        return files
    }

    func temporaryCopyOfSpecs() throws -> String {
        let path = NSTemporaryDirectory() + "importer-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        for (name, text) in try currentSpecs() {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
        }
        return path
    }

    func run(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
        var output = ""
        var errors = ""
        let status = SwaggerGenCommand.run(
            arguments: arguments, output: { output += $0 }, errorOutput: { errors += $0 })
        return (status, output, errors)
    }

    // MARK: Editing a JSON document in memory

    /// `tree` with the value at `path` replaced by `change(old)`, or removed when it gives `nil`.
    func edit(_ tree: SpecTree, _ path: [String], _ change: (SpecTree?) -> SpecTree?) -> SpecTree {
        guard let key = path.first else { return change(tree) ?? tree }
        if path.count == 1 {
            if let value = change(tree[key]) { return tree.setting(key, value) }
            return tree.removing([key])
        }
        guard let child = tree[key] else { return tree }
        return tree.setting(key, edit(child, Array(path.dropFirst()), change))
    }

    func json(_ tree: SpecTree) -> String {
        switch tree {
        case .scalar(let text, let plain):
            if plain { return text }
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        out += String(format: "\\u%04x", scalar.value)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        case .list(let elements): return "[" + elements.map(json).joined(separator: ",") + "]"
        case .map(let pairs):
            return "{" + pairs.map { json(.string($0.key)) + ":" + json($0.value) }.joined(separator: ",") + "}"
        }
    }

    /// The upstream file with: a new provider's event (Microsoft.Contoso.Thing), a new property on
    /// StorageBlobCreatedEventData, a changed property type, an enum value removed, an event removed.
    func newerUpstream() throws -> String {
        let sink = DiagnosticSink()
        let root = try XCTUnwrap(
            YAMLReader().read(SpecInput(path: "up.json", text: try upstreamText()), diagnostics: sink))
        var tree = SpecTree(root)
        let thing = SpecTree.map([
            (key: "type", value: .string("object")),
            (key: "description", value: .string(Self.newDefinitionWording)),
            (
                key: "properties",
                value: .map([
                    (
                        key: "thingId",
                        value: .map([
                            (key: "type", value: .string("string")),
                            (key: "description", value: .string("The identifier of the thing that was made.")),
                        ])
                    ),
                    (
                        key: "weight",
                        value: .map([
                            (key: "type", value: .string("integer")), (key: "format", value: .string("int64")),
                            (key: "description", value: .string("The weight of the thing in grams.")),
                        ])
                    ),
                ])
            ),
            (key: "required", value: .list([.string("thingId")])),
        ])
        tree = edit(tree, ["definitions", "ContosoThingEventData"]) { _ in thing }
        tree = edit(tree, ["definitions", "StorageBlobCreatedEventData", "properties", "accessTier"]) { _ in
            .map([
                (key: "type", value: .string("string")),
                (key: "description", value: .string("The access tier of the blob that was created.")),
            ])
        }
        tree = edit(tree, ["definitions", "EventHubCaptureFileCreatedEventData", "properties", "eventCount"]) { old in
            old?.removing(["format"]).setting("type", .string("string"))
        }
        tree = edit(tree, ["definitions", "MediaJobState", "enum"]) { old in
            .list((old?.elements ?? []).filter { $0.text != "Queued" })
        }
        tree = edit(tree, ["definitions", "MediaJobState", "x-ms-enum", "values"]) { old in
            .list((old?.elements ?? []).filter { $0["value"]?.text != "Queued" })
        }
        tree = edit(tree, ["definitions", "StorageBlobInventoryPolicyCompletedEventData"]) { _ in nil }
        return json(tree)
    }

    // MARK: Tests

    func test_import_currentUpstream_reproducesSpecByteForByte() throws {
        let upstream = try upstreamText()
        let existing = try currentSpecs()
        let sink = DiagnosticSink()
        let result = try SystemEventsImporter().run(
            upstream: SpecInput(path: "SystemEvents.json", text: upstream), existing: existing, diagnostics: sink)
        XCTAssertEqual(sink.errors, [])
        XCTAssertEqual(result.changes, [])
        XCTAssertEqual(result.changedFiles, [])
        XCTAssertEqual(result.removedFiles, [])
        XCTAssertEqual(result.placeholders, 0)
        XCTAssertEqual(Set(result.files.keys), Set(existing.keys))
        for (name, text) in existing {
            TestSupport.assertSameText(result.files[name] ?? "", text, name)
        }
        // The CLI's --check agrees.
        let check = run([
            "import-system-events", "--upstream", try upstreamPath(), "--spec-dir", specDirectory, "--check",
        ])
        XCTAssertEqual(check.status, 0, check.output + check.errors)
    }

    func test_import_newerUpstream_reportsExactlyItsChanges() throws {
        let directory = try temporaryCopyOfSpecs()
        let upstream = directory + "/../" + UUID().uuidString + "-SystemEvents.json"
        try Data(try newerUpstream().utf8).write(to: URL(fileURLWithPath: upstream))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: upstream) }

        let check = run(["import-system-events", "--upstream", upstream, "--spec-dir", directory, "--check"])
        XCTAssertEqual(check.status, 1, check.errors)

        let result = run(["import-system-events", "--upstream", upstream, "--spec-dir", directory])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertEqual(result.errors, "")
        let lines = result.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(
            Array(lines.prefix(7)),
            [
                "+ type ContosoThingEventData (Contoso.yaml)",
                "~ type MediaJobState (enum values -Queued)",
                "- type StorageBlobInventoryPolicyCompletedEventData (Storage.yaml)",
                "~ property EventHubCaptureFileCreatedEventData.eventCount (type integer → string; format int32 → none)",
                "+ property StorageBlobCreatedEventData.accessTier",
                "+ event type Microsoft.Contoso.Thing (ContosoThingEventData)",
                "- event type Microsoft.Storage.BlobInventoryPolicyCompleted (StorageBlobInventoryPolicyCompletedEventData)",
            ])
        XCTAssertEqual(
            lines.dropFirst(7).first,
            "types: 1 added, 1 removed, 1 changed; properties: 1 added, 0 removed, 1 changed; "
                + "event types: 1 added, 1 removed; files: 4 written, 0 removed; placeholders to write: 4")

        // The new provider's file, with its event type and placeholders, and no upstream prose.
        let contoso = try XCTUnwrap(FileManager.default.contents(atPath: directory + "/Contoso.yaml"))
        let contosoText = String(decoding: contoso, as: UTF8.self)
        XCTAssertTrue(contosoText.contains("  title: 'Azure Event Grid system events: Microsoft.Contoso'"))
        XCTAssertTrue(contosoText.contains("    x-eventgrid-event-type: Microsoft.Contoso.Thing\n"))
        XCTAssertTrue(contosoText.contains("    description: 'TODO(description): ContosoThingEventData'\n"))
        let storage = String(
            decoding: try XCTUnwrap(FileManager.default.contents(atPath: directory + "/Storage.yaml")), as: UTF8.self)
        for text in [contosoText, storage] {
            XCTAssertFalse(text.contains("Schema of the Data property"))
            XCTAssertFalse(text.contains("grams"))
            XCTAssertFalse(text.contains("blob that was created"))
        }
        // Unchanged descriptions are kept; the removed event is gone.
        XCTAssertTrue(storage.contains("    description: Data of the `Microsoft.Storage.BlobCreated` event.\n"))
        XCTAssertTrue(storage.contains("        description: The content length (64-bit integer).\n"))
        XCTAssertTrue(
            storage.contains("        description: 'TODO(description): StorageBlobCreatedEventData.accessTier'\n"))
        XCTAssertFalse(storage.contains("StorageBlobInventoryPolicyCompletedEventData"))
        let media = String(
            decoding: try XCTUnwrap(FileManager.default.contents(atPath: directory + "/Media.yaml")), as: UTF8.self)
        XCTAssertFalse(media.contains("Wire value `Queued`"))
        XCTAssertTrue(media.contains("Wire value `Scheduled`"))

        // The check lists every placeholder with file:line.
        let placeholders = try ImportCommands.placeholders(in: directory)
        XCTAssertEqual(placeholders.count, 4, "\(placeholders)")
        XCTAssertEqual(placeholders.filter { $0.hasPrefix(directory + "/Contoso.yaml:") }.count, 3)
        XCTAssertEqual(placeholders.filter { $0.hasPrefix(directory + "/Storage.yaml:") }.count, 1)
        let listed = run(["check-descriptions", "--spec-dir", directory])
        XCTAssertEqual(listed.status, 1)
        XCTAssertEqual(listed.output.split(separator: "\n").count, 4, listed.output)
        XCTAssertEqual(run(["check-descriptions", "--spec-dir", specDirectory]).status, 0)

        // A second import changes nothing and keeps the placeholders.
        let again = run(["import-system-events", "--upstream", upstream, "--spec-dir", directory, "--check"])
        XCTAssertEqual(again.status, 0, again.output)
        XCTAssertTrue(again.output.contains("placeholders to write: 4"), again.output)

        // Generating from the result works and has the new event.
        let specs = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }
            .sorted()
        let sink = DiagnosticSink()
        let files = GeneratorPipeline().generate(
            GeneratorConfiguration(specs: specs, baseDirectory: directory, access: .public), diagnostics: sink)
        XCTAssertEqual(sink.errors, [])
        let generated = try XCTUnwrap(files)
        let contosoSwift = try XCTUnwrap(generated.first { $0.name == "Contoso.swift" }).contents
        XCTAssertTrue(contosoSwift.contains("public struct ContosoThingEventData"), contosoSwift)
        let names = try XCTUnwrap(generated.first { $0.name == "SystemEventNames.swift" }).contents
        XCTAssertTrue(names.contains("\"Microsoft.Contoso.Thing\""), names)
        XCTAssertFalse(names.contains("BlobInventoryPolicyCompleted"), names)
    }

    func test_import_newVersion_isReportedFirst() throws {
        let sink = DiagnosticSink()
        let root = try XCTUnwrap(
            YAMLReader().read(SpecInput(path: "up.json", text: try upstreamText()), diagnostics: sink))
        let newer = edit(SpecTree(root), ["info", "version"]) { _ in .string("2099-01-01") }
        let result = try SystemEventsImporter().run(
            upstream: SpecInput(path: "up.json", text: json(newer)), existing: try currentSpecs(), diagnostics: sink)
        XCTAssertEqual(result.changes.map(\.description), ["~ version 2099-01-01 (was 2024-01-01)"])
        XCTAssertEqual(result.changedFiles.count, 24)
        XCTAssertTrue(result.files["Storage.yaml"]?.contains("\n  version: '2099-01-01'\n") ?? false)
    }

    func test_import_misuseIsOneLine() {
        for arguments in [
            ["import-system-events"], ["import-system-events", "--upstream"],
            ["import-system-events", "--upstream", "a.json"], ["import-system-events", "--bogus"],
            ["check-descriptions"], ["check-descriptions", "--check"],
        ] {
            let result = run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertEqual(result.errors.filter { $0 == "\n" }.count, 1, "\(arguments): \(result.errors)")
        }
        XCTAssertEqual(run(["import-system-events", "--help"]).status, 0)
        let missing = run(["import-system-events", "--upstream", "/nonexistent.json", "--spec-dir", specDirectory])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.errors, "swaggergen import-system-events: cannot read '/nonexistent.json'\n")
        let noFolder = run(["check-descriptions", "--spec-dir", "/nonexistent-folder"])
        XCTAssertEqual(noFolder.status, 1)
        XCTAssertEqual(noFolder.errors, "swaggergen check-descriptions: cannot read the folder '/nonexistent-folder'\n")
    }
}

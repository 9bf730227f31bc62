import Foundation
import SwaggerGenCore
import XCTest

/// Paths and helpers shared by the generator tests.
enum TestSupport {
    /// This test target's folder.
    static let testsDirectory: String = {
        let file = URL(fileURLWithPath: #filePath)
        return file.deletingLastPathComponent().deletingLastPathComponent().path
    }()

    /// The package root.
    static let repositoryRoot: String = {
        URL(fileURLWithPath: testsDirectory).deletingLastPathComponent().deletingLastPathComponent().path
    }()

    /// `Fixtures/`.
    static var fixturesDirectory: String { testsDirectory + "/Fixtures" }

    /// `Golden/`.
    static var goldenDirectory: String { testsDirectory + "/Golden" }

    /// The upstream spec folder: `$EVENTGRID_UPSTREAM_SPEC` when set, else `<repo>/../shared/upstream-spec`.
    /// Tests that need it skip when it is absent (the upstream files are never committed here).
    static var upstreamDirectory: String {
        if let override = ProcessInfo.processInfo.environment["EVENTGRID_UPSTREAM_SPEC"], !override.isEmpty {
            return override
        }
        return URL(fileURLWithPath: repositoryRoot).deletingLastPathComponent().path + "/shared/upstream-spec"
    }

    /// Reads YAML text.
    static func read(_ text: String, file: String = "test.yaml") -> (YAMLNode?, DiagnosticSink) {
        let sink = DiagnosticSink()
        let node = YAMLReader().read(SpecInput(path: file, text: text), diagnostics: sink)
        return (node, sink)
    }

    /// Reads and decodes YAML text.
    static func decode(_ text: String, file: String = "test.yaml") -> (SwaggerDocument?, DiagnosticSink) {
        let sink = DiagnosticSink()
        let document = GeneratorPipeline().document(SpecInput(path: file, text: text), diagnostics: sink)
        return (document, sink)
    }

    /// Resolves YAML text (plus other in-memory files for cross-file refs).
    static func resolve(
        _ text: String, file: String = "test.yaml", others: [SpecInput] = [], suffix: String = ""
    ) -> (ServiceModel, DiagnosticSink) {
        let sink = DiagnosticSink()
        let pipeline = GeneratorPipeline()
        let documents = [pipeline.document(SpecInput(path: file, text: text), diagnostics: sink)].compactMap { $0 }
        let model = Resolver().resolve(
            documents,
            loader: { path in others.first { $0.path == path }.flatMap { pipeline.document($0, diagnostics: sink) } },
            options: ResolverOptions(typeSuffix: suffix),
            diagnostics: sink
        )
        return (model, sink)
    }

    /// Generates files from YAML text.
    static func generate(_ text: String, access: AccessLevel = .package) -> ([String: String], DiagnosticSink) {
        let sink = DiagnosticSink()
        let files = GeneratorPipeline().generate(
            inputs: [SpecInput(path: "snippet.yaml", text: text)], access: access, diagnostics: sink)
        return (Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.contents) }), sink)
    }

    /// A minimal document around some definitions (indented two spaces already).
    static func document(definitions: String = "", extra: String = "") -> String {
        """
        swagger: "2.0"
        info:
          title: SnippetClient
          version: "1"
        paths: {}
        \(extra)
        definitions:
        \(definitions)
        """
    }

    /// Fails with a unified diff when two texts differ.
    static func assertSameText(
        _ actual: String, _ expected: String, _ name: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        if actual != expected {
            let diff = UnifiedDiff.diff(
                old: expected, new: actual, oldName: "expected/\(name)", newName: "actual/\(name)")
            XCTFail("\(name) differs:\n\(diff)", file: file, line: line)
        }
    }

    /// The text of a declaration: from the line containing `start` through the line that closes it at the same indent.
    static func declaration(_ start: String, in text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { $0.contains(start) }) else { return nil }
        let indent = lines[first].prefix { $0 == " " }
        var result: [Substring] = []
        for line in lines[first...] {
            result.append(line)
            if line == indent + "}" || (!line.hasSuffix("{") && result.count == 1) { break }
        }
        return result.joined(separator: "\n") + "\n"
    }
}

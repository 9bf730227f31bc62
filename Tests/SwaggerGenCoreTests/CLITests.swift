import Foundation
import SwaggerGenCore
import XCTest

final class CLITests: XCTestCase {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    func run(_ arguments: [String]) -> Run {
        var output = ""
        var errors = ""
        let status = SwaggerGenCommand.run(
            arguments: arguments, output: { output += $0 }, errorOutput: { errors += $0 })
        return Run(status: status, output: output, errors: errors)
    }

    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "swaggergen-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func test_cli_misuseExitsNonZeroWithOneLine() {
        for arguments in [
            [], ["--spec"], ["--spec", "a.yaml"], ["--output", "x"], ["--bogus"],
            ["--spec", "a", "--output", "o", "--access", "open"],
        ] {
            let result = run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertEqual(result.errors.filter { $0 == "\n" }.count, 1, "\(arguments): \(result.errors)")
            XCTAssertTrue(result.errors.hasPrefix("swaggergen: "), result.errors)
        }
    }

    func test_cli_helpPrintsUsage() {
        let result = run(["--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("--spec"))
    }

    func test_cli_badSpecPrintsFileLineColumnAndFails() throws {
        let directory = try temporaryDirectory()
        let spec = directory + "/Bad.yaml"
        try Data(
            "swagger: \"2.0\"\ninfo: {title: T, version: \"1\"}\npaths: {}\ndefinitions:\n  A: {$ref: \"#/definitions/Gone\"}\n"
                .utf8
        )
        .write(to: URL(fileURLWithPath: spec))
        let result = run(["--spec", spec, "--output", directory + "/out"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.contains("\(spec):5:13: error: dangling $ref"), result.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/out"))
    }

    func test_cli_unreadableSpecFails() throws {
        let result = run(["--spec", "/nonexistent/x.yaml", "--output", try temporaryDirectory()])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.contains("error: cannot read '/nonexistent/x.yaml'"), result.errors)
    }

    func test_cli_writesOnlyChangedFilesAndCheckReportsDrift() throws {
        let directory = try temporaryDirectory()
        let spec = TestSupport.fixturesDirectory + "/Kitchen.yaml"
        let output = directory + "/out"
        let first = run(["--spec", spec, "--output", output])
        XCTAssertEqual(first.status, 0, first.errors)
        XCTAssertEqual(first.output, "")
        XCTAssertTrue(first.errors.contains("3 written"), first.errors)
        XCTAssertEqual(first.errors.filter { $0 == "\n" }.count, 1, first.errors)

        let second = run(["--spec", spec, "--output", output])
        XCTAssertTrue(second.errors.contains("0 written, 3 unchanged"), second.errors)
        XCTAssertEqual(run(["--spec", spec, "--output", output, "--check"]).status, 0)

        let models = output + "/Models.swift"
        let original = try String(contentsOfFile: models, encoding: .utf8)
        try Data(
            original.replacingOccurrences(of: "package var count: Swift.Int64?", with: "package var count: Swift.Int?")
                .utf8
        )
        .write(to: URL(fileURLWithPath: models))
        try Data((Emitter.headerPrefix + " from Old.yaml. DO NOT EDIT.\n").utf8).write(
            to: URL(fileURLWithPath: output + "/Stale.swift"))
        let check = run(["--spec", spec, "--output", output, "--check"])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.output.contains("--- a/Models.swift\n+++ b/Models.swift\n@@ "), check.output)
        XCTAssertTrue(
            check.output.contains("-    package var count: Swift.Int?\n+    package var count: Swift.Int64?\n"),
            check.output)
        XCTAssertTrue(check.output.contains("--- a/Stale.swift"), check.output)
        XCTAssertEqual(try String(contentsOfFile: models, encoding: .utf8) == original, false, "check must not write")

        let regenerate = run(["--spec", spec, "--output", output])
        XCTAssertTrue(regenerate.errors.contains("1 written, 2 unchanged, 1 removed"), regenerate.errors)
        XCTAssertEqual(try String(contentsOfFile: models, encoding: .utf8), original)
    }
}

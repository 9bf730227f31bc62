import AzureCore
import AzureEventGrid
import EventGridCLI
import Foundation
import Synchronization
import XCTest

final class CLITests: XCTestCase {
    /// Captured output of one command run.
    private final class Captured: Sendable {
        let out = Mutex<[String]>([])
        let err = Mutex<[String]>([])
        let files: [String: Data]
        let stdin: Data

        init(files: [String: Data] = [:], stdin: Data = Data()) {
            self.files = files
            self.stdin = stdin
        }

        func io(transport: (any HTTPTransport)? = nil) -> CommandIO {
            CommandIO(
                readStandardInput: { self.stdin },
                readFile: { path in
                    guard let data = self.files[path] else { throw CocoaError(.fileNoSuchFile) }
                    return data
                },
                print: { line in self.out.withLock { $0.append(line) } },
                printError: { line in self.err.withLock { $0.append(line) } },
                transport: transport
            )
        }

        var stdout: [String] { out.withLock { $0 } }
        var stderr: [String] { err.withLock { $0 } }
    }

    private let endpoint = "https://mytopic.westus2-1.eventgrid.azure.net/api/events"

    func test_sas_printsTheSameTokenAsGenerateSAS() async throws {
        let captured = Captured()
        let status = await EventGridCommand.run(
            ["sas", "--endpoint", endpoint, "--key", "c2VjcmV0LWtleQ==", "--expires-at", "2030-01-01T12:30:00Z"],
            io: captured.io()
        )
        XCTAssertEqual(status, 0, captured.stderr.joined())
        let expected = try generateSAS(
            endpoint: XCTUnwrap(URL(string: endpoint)),
            key: "c2VjcmV0LWtleQ==",
            expiresOn: XCTUnwrap(RFC3339.date(from: "2030-01-01T12:30:00Z"))
        )
        XCTAssertEqual(captured.stdout, [expected])
    }

    func test_misuse_printsOneLineAndExitsNonZero() async {
        let cases: [([String], String)] = [
            (["frobnicate"], "unknown command"),
            (["sas", "--endpoint", endpoint, "--key", "a2V5"], "--expires-at"),
            (["sas", "--endpoint", endpoint, "--key", "a2V5", "--expires-at", "soon"], "soon"),
            (["sas", "--bogus", "1"], "unknown option '--bogus'"),
            (["sas", "--endpoint"], "needs a value"),
            (["publish", "--endpoint", endpoint], "--key KEY or --sas TOKEN"),
            (["publish", "--endpoint", endpoint, "--key", "k", "--sas", "t"], "not both"),
            (["publish", "--endpoint", endpoint, "--key", "k", "--schema", "xml"], "--schema"),
        ]
        for (arguments, text) in cases {
            let captured = Captured()
            let status = await EventGridCommand.run(arguments, io: captured.io())
            XCTAssertNotEqual(status, 0, arguments.joined(separator: " "))
            XCTAssertEqual(captured.stderr.count, 1, arguments.joined(separator: " "))
            XCTAssertTrue(captured.stderr.first?.contains(text) ?? false, "\(captured.stderr) lacks \(text)")
            XCTAssertTrue(captured.stdout.isEmpty)
        }
    }

    func test_help_printsUsage() async {
        let captured = Captured()
        let status = await EventGridCommand.run(["--help"], io: captured.io())
        XCTAssertEqual(status, 0)
        XCTAssertTrue(captured.stdout.joined().contains("usage: eventgrid"))
    }

    func test_publish_detectsCloudEventsFromFileAndSendsThem() async throws {
        let file =
            #"[{"specversion":"1.0","id":"1","source":"/s","type":"t","data":{"x":1}},{"specversion":"1.0","id":"2","source":"/s","type":"t"}]"#
        let captured = Captured(files: ["events.json": Data(file.utf8)])
        let transport = RecordingTransport()
        let status = await EventGridCommand.run(
            ["publish", "--endpoint", endpoint, "--key", "k", "--channel", "ch", "events.json"],
            io: captured.io(transport: transport)
        )
        XCTAssertEqual(status, 0, captured.stderr.joined())
        let request = try XCTUnwrap(transport.requests.first)
        XCTAssertEqual(request.headers["content-type"], "application/cloudevents-batch+json; charset=utf-8")
        XCTAssertEqual(request.headers["aeg-channel-name"], "ch")
        XCTAssertEqual(request.headers["aeg-sas-key"], "k")
        XCTAssertEqual(try request.jsonBody().arrayValue?.compactMap { $0["id"]?.stringValue }, ["1", "2"])
        XCTAssertTrue(captured.stdout.last?.contains("sent 2 cloudevents event(s)") ?? false, "\(captured.stdout)")
    }

    func test_publish_singleEventGridObjectFromStandardInputGetsDefaults() async throws {
        let captured = Captured(stdin: Data(#"{"subject":"s","eventType":"t","data":{"k":"v"}}"#.utf8))
        let transport = RecordingTransport()
        let status = await EventGridCommand.run(
            ["publish", "--endpoint", endpoint, "--sas", "r=a&e=b&s=c", "-"],
            io: captured.io(transport: transport)
        )
        XCTAssertEqual(status, 0, captured.stderr.joined())
        let request = try XCTUnwrap(transport.requests.first)
        XCTAssertEqual(request.headers["aeg-sas-token"], "r=a&e=b&s=c")
        let event = try XCTUnwrap(request.jsonBody().arrayValue?.first)
        XCTAssertNotNil(event["id"]?.stringValue)
        XCTAssertNotNil(event["eventTime"]?.stringValue.flatMap(RFC3339.date(from:)))
        XCTAssertEqual(event["dataVersion"], "1.0")
        XCTAssertEqual(event["data"], ["k": "v"])
    }

    func test_publish_customSchemaSendsObjectsAsTheyAre() async throws {
        let captured = Captured(stdin: Data(#"[{"a":1},{"b":[true]}]"#.utf8))
        let transport = RecordingTransport()
        let status = await EventGridCommand.run(
            ["publish", "--endpoint", endpoint, "--key", "k", "--schema", "custom"],
            io: captured.io(transport: transport)
        )
        XCTAssertEqual(status, 0, captured.stderr.joined())
        XCTAssertEqual(try transport.requests.first?.jsonBody(), [["a": 1], ["b": [true]]])
    }

    func test_publish_badInputIsOneLineNamingTheProblem() async {
        let cases: [(String, String)] = [
            ("{not json", "not valid JSON"),
            ("42", "JSON object or an array"),
            (#"[{"a":1}]"#, "cannot tell the schema of event 0"),
            (
                #"[{"specversion":"1.0","id":"1","source":"s","type":"t"},{"eventType":"x","subject":"s","data":1}]"#,
                "mix schemas"
            ),
            (#"[{"specversion":"1.0","id":"1","type":"t"}]"#, "event 0"),
        ]
        for (input, text) in cases {
            let captured = Captured(stdin: Data(input.utf8))
            let transport = RecordingTransport()
            let status = await EventGridCommand.run(
                ["publish", "--endpoint", endpoint, "--key", "k"], io: captured.io(transport: transport))
            XCTAssertEqual(status, 1, input)
            XCTAssertEqual(captured.stderr.count, 1, input)
            XCTAssertTrue(captured.stderr.first?.contains(text) ?? false, "\(captured.stderr) lacks \(text)")
            XCTAssertTrue(transport.requests.isEmpty, input)
        }
    }

    func test_publish_serviceErrorExitsOneWithTheServiceMessage() async {
        let body = Data(#"{"error":{"code":"Unauthorized","message":"key is not authorized"}}"#.utf8)
        let transport = RecordingTransport([.response(HTTPResponse(statusCode: 401, body: body))])
        let captured = Captured(stdin: Data(#"{"subject":"s","eventType":"t","data":1}"#.utf8))
        let status = await EventGridCommand.run(
            ["publish", "--endpoint", endpoint, "--key", "k"], io: captured.io(transport: transport))
        XCTAssertEqual(status, 1)
        XCTAssertTrue(captured.stderr.first?.contains("401") ?? false, "\(captured.stderr)")
        XCTAssertTrue(captured.stderr.first?.contains("key is not authorized") ?? false, "\(captured.stderr)")
    }
}

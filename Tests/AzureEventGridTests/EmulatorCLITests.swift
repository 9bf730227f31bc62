import AzureCore
import AzureEventGrid
import EventGridCLI
import EventGridEmulator
import Foundation
import Synchronization
import XCTest

/// `eventgrid emulator` run in-process: it prints where it listens, one line per accepted event,
/// and stops with status 0 when its task is cancelled (the signal path shares that code).
final class EmulatorCLITests: XCTestCase {
    private final class Lines: Sendable {
        let out = Mutex<[String]>([])
        let err = Mutex<[String]>([])
        let files: [String: Data]

        init(files: [String: Data] = [:]) {
            self.files = files
        }

        var io: CommandIO {
            CommandIO(
                readStandardInput: { Data() },
                readFile: { path in
                    guard let data = self.files[path] else { throw CocoaError(.fileNoSuchFile) }
                    return data
                },
                print: { line in self.out.withLock { $0.append(line) } },
                printError: { line in self.err.withLock { $0.append(line) } }
            )
        }

        func waitFor(_ prefix: String, timeout: Duration = .seconds(10)) async throws -> String {
            let clock = ContinuousClock()
            let deadline = clock.now + timeout
            while clock.now < deadline {
                if let line = out.withLock({ $0.first { $0.hasPrefix(prefix) } }) { return line }
                try await Task.sleep(for: .milliseconds(20))
            }
            throw CocoaError(.userCancelled)
        }
    }

    func test_emulator_listensPrintsEventsAndStopsCleanly() async throws {
        let key = Data("cli-key".utf8).base64EncodedString()
        let lines = Lines()
        let io = lines.io
        let task = Task {
            await EventGridCommand.run(
                [
                    "emulator", "--port", "0", "--topic", "orders:eventgrid:\(key)", "--domain",
                    "shop:cloudevents:\(key)",
                ],
                io: io
            )
        }
        let listening = try await lines.waitFor("listening on http://127.0.0.1:")
        let base = String(listening.dropFirst("listening on ".count))
        let client = try EventGridPublisherClient(
            endpoint: XCTUnwrap(URL(string: base + "/topics/orders/api/events")),
            credential: AzureKeyCredential(key)
        )
        let event = EventGridEvent(subject: "/o/1", eventType: "Shop.Placed", data: ["n": 1])
        try await client.send(event)
        let line = try await lines.waitFor("event orders [key] ")
        XCTAssertTrue(line.contains(#""id":"\#(event.id)""#), line)
        task.cancel()
        let status = await task.value
        XCTAssertEqual(status, 0, lines.err.withLock { $0 }.joined())
        XCTAssertEqual(lines.out.withLock { $0.last }, "stopped (cancelled)")
        XCTAssertTrue(lines.out.withLock { $0 }.contains("domain shop (cloudevents): \(base)/topics/shop/api/events"))
    }

    func test_emulator_configFile_andFlagsTogether() async throws {
        let key = Data("cli-key".utf8).base64EncodedString()
        let config =
            #"{"topics":[{"name":"fromfile","schema":"custom","keys":["\#(key)"]}],"bearerTokens":["file-token"]}"#
        let lines = Lines(files: ["emu.json": Data(config.utf8)])
        let io = lines.io
        let task = Task {
            await EventGridCommand.run(
                ["emulator", "--config", "emu.json", "--topic", "fromflag:eventgrid:\(key)"], io: io)
        }
        let listening = try await lines.waitFor("listening on ")
        let base = String(listening.dropFirst("listening on ".count))
        XCTAssertTrue(lines.out.withLock { $0 }.contains("topic fromfile (custom): \(base)/topics/fromfile/api/events"))
        XCTAssertTrue(
            lines.out.withLock { $0 }.contains("topic fromflag (eventgrid): \(base)/topics/fromflag/api/events"))
        task.cancel()
        let status = await task.value
        XCTAssertEqual(status, 0)
    }

    func test_emulator_webhook_receivesTheEvent() async throws {
        let key = Data("cli-key".utf8).base64EncodedString()
        let received = Mutex<[String]>([])
        let webhook = LoopbackHTTPServer { request in
            received.withLock { $0.append(request.header("aeg-event-type") ?? request.method) }
            if request.header("aeg-event-type") == "SubscriptionValidation",
                let code = (try? JSONValue(parsing: request.body))?.arrayValue?.first?["data"]?["validationCode"]?
                    .stringValue
            {
                return .json(Data(#"{"validationResponse":"\#(code)"}"#.utf8))
            }
            return .empty(status: 200)
        }
        try webhook.start()
        defer { webhook.stop() }
        let lines = Lines()
        let io = lines.io
        let hook = webhook.baseURL.absoluteString + "/hook"
        let task = Task {
            await EventGridCommand.run(
                ["emulator", "--topic", "orders:eventgrid:\(key)", "--webhook", "orders=\(hook)"], io: io)
        }
        let listening = try await lines.waitFor("listening on ")
        let base = String(listening.dropFirst("listening on ".count))
        let client = try EventGridPublisherClient(
            endpoint: XCTUnwrap(URL(string: base + "/api/events")),
            credential: AzureKeyCredential(key)
        )
        try await client.send(EventGridEvent(subject: "s", eventType: "t", data: 1))
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while received.withLock({ $0.count }) < 2, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        task.cancel()
        _ = await task.value
        XCTAssertEqual(received.withLock { $0 }, ["SubscriptionValidation", "Notification"])
    }

    func test_emulator_misuse() async {
        let cases: [([String], String)] = [
            (["emulator"], "at least one --topic"),
            (["emulator", "--topic", "orders:xml:a2V5"], "schema must be"),
            (["emulator", "--topic", "orders:eventgrid:a2V5", "--port", "http"], "--port"),
            (["emulator", "--topic", "orders:eventgrid:a2V5", "--topic", "orders:custom:a2V5"], "twice"),
            (["emulator", "--nope"], "unknown emulator argument"),
            (["emulator", "--config", "missing.json"], "cannot read 'missing.json'"),
            (["emulator", "--topic", "orders:eventgrid:a2V5", "--webhook", "orders"], "--webhook must be"),
            (
                ["emulator", "--topic", "orders:eventgrid:a2V5", "--webhook", "other=http://127.0.0.1:9/"],
                "unknown topic 'other'"
            ),
        ]
        for (arguments, expected) in cases {
            let lines = Lines()
            let status = await EventGridCommand.run(arguments, io: lines.io)
            XCTAssertEqual(status, arguments.contains("missing.json") ? 1 : 2, "\(arguments)")
            let error = lines.err.withLock { $0 }.joined(separator: "\n")
            XCTAssertTrue(error.contains(expected), "\(arguments): \(error)")
        }
    }
}

// `make bench`: each workload measured for this SDK and for the Python SDK (azure-eventgrid) on
// the same inputs, on the same machine, in the same run. Prints one line per workload.
import AzureCore
import AzureEventGrid
import EventGridEmulator
import EventGridSystemEvents
import Foundation

/// A transport that answers 200 at once: the SDK's own CPU cost per event, policies included.
struct InstantTransport: HTTPTransport {
    func send(_ request: HTTPRequest, context: PipelineContext) async throws -> HTTPResponse {
        HTTPResponse(statusCode: 200)
    }
}

struct Settings {
    var runs = 9
    var rounds = 3
    var events = 10_000
    var blobEvents = 20_000
    var sasCount = 10_000
    var python = ".venv/bin/python"
    var generator: String?
    var memoryChild = false
    var only: Set<String>?

    init(_ arguments: [String]) throws {
        var index = 0
        func value() throws -> String {
            index += 1
            guard index < arguments.count else { throw BenchError("option \(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--quick":
                runs = 3
                events = 2_000
                blobEvents = 4_000
                sasCount = 2_000
            case "--runs": runs = Int(try value()) ?? runs
            case "--rounds": rounds = Int(try value()) ?? rounds
            case "--events": events = Int(try value()) ?? events
            case "--python": python = try value()
            case "--generator": generator = try value()
            case "--only": only = Set(try value().split(separator: ",").map(String.init))
            case "--memory-child": memoryChild = true
            default: throw BenchError("unknown option \(arguments[index])")
            }
            index += 1
        }
    }

    func wants(_ name: String) -> Bool { only?.contains(name) ?? true }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// One workload's figures: the median rate of each side, and the median of the rounds' ratios.
struct Figures {
    var swift: Double
    var python: Double?
    var ratio: Double?
}

/// Measures a workload in `rounds` rounds. In each round `body` runs once untimed (warm-up), then
/// `runs / rounds` times, and then the Python peer (when there is one) does the same with its
/// SDK, so each round compares the two sides minutes apart at most, each with warm caches. The
/// ratio is the median of the rounds' ratios (the median rates of the round), which a slow spell
/// of the machine during one round cannot move much; the rates shown are each side's median.
func measure(
    _ name: String, count: Int, runs: Int, rounds: Int, peer: PythonPeer?, peerArgument: String? = nil,
    _ body: () async throws -> Void
) async throws -> Figures {
    let rounds = max(1, min(rounds, runs))
    var swiftRates: [Double] = []
    var pythonRates: [Double] = []
    var ratios: [Double] = []
    for _ in 0..<rounds {
        try await body()
        var rates: [Double] = []
        for _ in 0..<max(1, runs / rounds) {
            let clock = ContinuousClock()
            let elapsed = try await clock.measure { try await body() }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            rates.append(Double(count) / max(seconds, 1e-9))
        }
        swiftRates += rates
        if let python = peer?.medianRate(name, runs: rates.count, argument: peerArgument) {
            pythonRates.append(python)
            ratios.append(median(rates) / max(python, 1e-9))
        }
    }
    return Figures(
        swift: median(swiftRates), python: pythonRates.isEmpty ? nil : median(pythonRates),
        ratio: ratios.isEmpty ? nil : median(ratios))
}

func publishAll<Event: Sendable>(
    _ events: [Event],
    batch: Int,
    send: ([Event]) async throws -> Void
) async throws {
    var start = 0
    while start < events.count {
        let end = min(start + batch, events.count)
        try await send(Array(events[start..<end]))
        start = end
    }
}

/// Peak and current resident memory of this process, from /proc (Linux) — bytes.
func residentMemory() -> (current: Int, peak: Int) {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func field(_ name: String) -> Int {
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            let digits = line.split(separator: " ").compactMap { Int($0) }
            return (digits.first ?? 0) * 1024
        }
        return 0
    }
    return (field("VmRSS:"), field("VmHWM:"))
}

/// The Python SDK's side: `scripts/bench.py` in a child process that measures one workload per
/// request (a line with its name and number of runs) and answers with the median rate.
final class PythonPeer {
    private let process = Process()
    private let requests = Pipe()
    private let answers = Pipe()
    private var pending = Data()
    private var failed = false

    /// Starts the peer and waits until it is set up, or gives `nil` (with a note on stderr) when
    /// Python is not there.
    init?(_ settings: Settings, inputs: URL) {
        guard FileManager.default.isExecutableFile(atPath: settings.python) else {
            FileHandle.standardError.write(
                Data("python side skipped: \(settings.python) not found (run make python-deps)\n".utf8))
            return nil
        }
        process.executableURL = URL(fileURLWithPath: settings.python)
        process.arguments = ["scripts/bench.py", "--inputs", inputs.path]
        process.standardInput = requests
        process.standardOutput = answers
        do {
            try process.run()
        } catch {
            FileHandle.standardError.write(Data("python side failed to start: \(error)\n".utf8))
            return nil
        }
        // Its setup (reading the inputs, making its events) must not run beside a measurement.
        guard readLine() == "ready" else {
            FileHandle.standardError.write(Data("python side did not start\n".utf8))
            return nil
        }
    }

    /// The next line the peer writes, or `nil` when it wrote no more.
    private func readLine() -> String? {
        while !pending.contains(UInt8(ascii: "\n")) {
            let chunk = answers.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            pending.append(chunk)
        }
        guard let end = pending.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let line = String(decoding: pending[pending.startIndex..<end], as: UTF8.self)
        pending.removeSubrange(pending.startIndex...end)
        return line
    }

    /// The median rate of `runs` timed runs of `workload` after a warm-up.
    /// - Parameters:
    ///   - workload: The workload's name.
    ///   - runs: How many timed runs.
    ///   - argument: What the workload needs besides (publish-http: the server's URL).
    /// - Returns: Operations per second, or `nil` when the peer failed (it is then not asked again).
    func medianRate(_ workload: String, runs: Int, argument: String? = nil) -> Double? {
        guard !failed else { return nil }
        let request = [workload, String(runs)] + (argument.map { [$0] } ?? [])
        requests.fileHandleForWriting.write(Data((request.joined(separator: " ") + "\n").utf8))
        guard let answer = readLine() else { return fail(workload, "no answer") }
        guard let rate = Double(answer) else { return fail(workload, answer) }
        return rate
    }

    private func fail(_ workload: String, _ answer: String) -> Double? {
        failed = true
        FileHandle.standardError.write(Data("python side failed on \(workload): \(answer)\n".utf8))
        return nil
    }

    /// Ends the peer.
    func stop() {
        try? requests.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

func pad(_ name: String) -> String {
    name.count >= 22 ? name : name + String(repeating: " ", count: 22 - name.count)
}

func line(_ name: String, _ figures: Figures, unit: String, target: String) -> String {
    let pythonText = figures.python.map { String(format: "%12.0f", $0) } ?? "           -"
    let ratio = figures.ratio.map { String(format: "%7.1fx", $0) } ?? "       -"
    return pad(name) + String(format: "%12.0f ", figures.swift) + pythonText + " " + ratio + "  " + unit
        + "  (target " + target + ")"
}

@main
struct Benchmarks {
    static func main() async {
        do {
            try await run(Settings(Array(CommandLine.arguments.dropFirst())))
        } catch {
            FileHandle.standardError.write(Data("bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(_ settings: Settings) async throws {
        guard let endpoint = URL(string: Inputs.endpoint) else { throw BenchError("bad endpoint") }
        if settings.memoryChild {
            try await memory(settings, endpoint: endpoint)
            return
        }
        let inputs = Inputs(events: settings.events, blobEvents: settings.blobEvents, sasCount: settings.sasCount)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eventgrid-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputsPath = try inputs.write(to: directory)

        let peer = PythonPeer(settings, inputs: inputsPath)
        defer { peer?.stop() }

        var figures: [String: Figures] = [:]
        let options = EventGridPublisherClientOptions(transport: InstantTransport())
        let client = try EventGridPublisherClient(
            endpoint: endpoint, credential: AzureKeyCredential(Inputs.key), options: options)
        if settings.wants("publish-cloudevents") {
            figures["publish-cloudevents"] = try await measure(
                "publish-cloudevents", count: inputs.cloudEvents.count, runs: settings.runs, rounds: settings.rounds,
                peer: peer
            ) {
                try await publishAll(inputs.cloudEvents, batch: Inputs.batchSize) { try await client.send($0) }
            }
        }
        if settings.wants("publish-eventgrid") {
            figures["publish-eventgrid"] = try await measure(
                "publish-eventgrid", count: inputs.eventGridEvents.count, runs: settings.runs, rounds: settings.rounds,
                peer: peer
            ) {
                try await publishAll(inputs.eventGridEvents, batch: Inputs.batchSize) { try await client.send($0) }
            }
        }
        if settings.wants("publish-http") {
            // The loopback server runs only for this workload, so it is idle for no other.
            let server = LoopbackHTTPServer { _ in .empty(status: 200) }
            try server.start()
            defer { server.stop() }
            let url = server.baseURL.appendingPathComponent("api/events")
            let httpClient = try EventGridPublisherClient(endpoint: url, credential: AzureKeyCredential(Inputs.key))
            figures["publish-http"] = try await measure(
                "publish-http", count: inputs.cloudEvents.count, runs: max(1, settings.runs / 2),
                rounds: settings.rounds, peer: peer,
                peerArgument: url.absoluteString
            ) {
                try await publishAll(inputs.cloudEvents, batch: Inputs.batchSize) { try await httpClient.send($0) }
            }
        }
        if settings.wants("parse") {
            figures["parse"] = try await measure(
                "parse", count: inputs.blobEventCount, runs: settings.runs, rounds: settings.rounds, peer: peer
            ) {
                let events = try EventGridParser.parseEventGridEvents(inputs.blobEventsJSON)
                var typed = 0
                for event in events {
                    if case .storageBlobCreated = event.systemEvent { typed += 1 }
                }
                guard typed == inputs.blobEventCount else {
                    throw BenchError("typed \(typed) of \(inputs.blobEventCount)")
                }
            }
        }
        if settings.wants("sas") {
            let expiry = Date(timeIntervalSince1970: 1_893_456_000)
            figures["sas"] = try await measure(
                "sas", count: inputs.sasCount, runs: settings.runs, rounds: settings.rounds, peer: peer
            ) {
                for index in 0..<inputs.sasCount {
                    _ = try generateSAS(
                        endpoint: endpoint, key: Inputs.key, expiresOn: expiry.addingTimeInterval(Double(index)))
                }
            }
        }

        print(pad("workload") + "       swift       python    ratio  unit")
        let targets = [
            "publish-cloudevents": ">= 30x", "publish-eventgrid": ">= 30x", "publish-http": "report",
            "parse": ">= 20x", "sas": ">= 10x",
        ]
        for name in ["publish-cloudevents", "publish-eventgrid", "publish-http", "parse", "sas"] {
            guard let value = figures[name] else { continue }
            print(line(name, value, unit: "events/s", target: targets[name] ?? "-"))
        }
        if settings.wants("generate"), let generator = settings.generator {
            let seconds = try generateTime(generator, runs: settings.runs)
            print(
                pad("generate") + String(format: "%12.3f", seconds)
                    + "            -        -  s         (target < 0.5 s)")
        }
        if settings.wants("memory") {
            try memoryReport()
        }
    }

    /// One full generator run over every spec, in check mode (nothing written), median seconds.
    static func generateTime(_ generator: String, runs: Int) throws -> Double {
        var times: [Double] = []
        let specs = try FileManager.default.contentsOfDirectory(atPath: "Spec/SystemEvents")
            .filter { $0.hasSuffix(".yaml") }
            .sorted()
            .flatMap { ["--spec", "Spec/SystemEvents/\($0)"] }
        for _ in 0..<runs {
            var seconds = 0.0
            for (spec, output, access) in [
                (["--spec", "Spec/EventGrid.yaml"], "Sources/EventGridGenerated", "package"),
                (specs, "Sources/EventGridSystemEvents", "public"),
            ] {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: generator)
                process.arguments = spec + ["--output", output, "--access", access, "--check"]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                let started = Date()
                try process.run()
                process.waitUntilExit()
                seconds += Date().timeIntervalSince(started)
            }
            times.append(seconds)
        }
        return median(times)
    }

    /// Runs the memory workload in a child process so its peak is not this process's.
    static func memoryReport() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--memory-child"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        print(String(decoding: output, as: UTF8.self), terminator: "")
    }

    /// Publishes 100,000 events in batches of 1,000 and prints the peak resident memory against
    /// 3 × the largest batch's encoded size plus the process baseline. The baseline is the
    /// process with its client and its first batch of events in memory, after one one-event
    /// send: the application's own state, which is not the SDK's to save. The largest body is measured
    /// where it arrives, at the transport.
    static func memory(_ settings: Settings, endpoint: URL) async throws {
        let transport = MeasuringTransport()
        let client = try EventGridPublisherClient(
            endpoint: endpoint,
            credential: AzureKeyCredential(Inputs.key),
            options: EventGridPublisherClientOptions(transport: transport)
        )
        var random = Inputs.Random(state: 7)
        func makeBatch(_ batchIndex: Int) -> [CloudEvent] {
            var batch: [CloudEvent] = []
            batch.reserveCapacity(1_000)
            for index in 0..<1_000 {
                batch.append(
                    CloudEvent(
                        source: "/bench",
                        type: "Bench.Event",
                        data: Inputs.payload(&random, index: batchIndex * 1_000 + index),
                        id: "m-\(batchIndex)-\(index)",
                        time: Date(timeIntervalSince1970: 1_700_000_000)
                    )
                )
            }
            return batch
        }
        var batch = makeBatch(0)
        // One small send first, so the baseline includes what any first call sets up (the
        // concurrency runtime's threads, the pipeline's lazy state), not only the heap.
        try await client.send(Array(batch.prefix(1)))
        let baseline = residentMemory().current
        for batchIndex in 0..<100 {
            if batchIndex > 0 {
                batch = []
                batch = makeBatch(batchIndex)
            }
            try await client.send(batch)
        }
        let peak = residentMemory().peak
        let largestBatch = transport.largestBody
        let budget = baseline + 3 * largestBatch
        let verdict = peak <= budget ? "ok" : "OVER"
        print(
            pad("memory")
                + String(
                    format: " peak %.1f MB, baseline %.1f MB, batch %.1f MB, budget %.1f MB: ",
                    Double(peak) / 1e6, Double(baseline) / 1e6, Double(largestBatch) / 1e6, Double(budget) / 1e6
                ) + verdict
        )
    }
}

/// Answers 200 at once and remembers the largest request body it was given.
final class MeasuringTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var largest = 0

    /// The largest body seen so far, in bytes.
    var largestBody: Int { lock.withLock { largest } }

    func send(_ request: HTTPRequest, context: PipelineContext) async throws -> HTTPResponse {
        let size = request.body?.count ?? 0
        lock.withLock { largest = max(largest, size) }
        return HTTPResponse(statusCode: 200)
    }
}

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

/// Runs `body` once untimed (warm-up), then `runs` times; returns the median rate of `count`
/// operations per second. `scripts/bench.py` measures the Python side the same way.
func medianRate(count: Int, runs: Int, _ body: () async throws -> Void) async throws -> Double {
    try await body()
    var rates: [Double] = []
    for _ in 0..<runs {
        let clock = ContinuousClock()
        let elapsed = try await clock.measure { try await body() }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        rates.append(Double(count) / max(seconds, 1e-9))
    }
    return median(rates)
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

func runPython(_ settings: Settings, inputs: URL, workloads: [String], httpEndpoint: String?) -> [String: Double] {
    guard FileManager.default.isExecutableFile(atPath: settings.python) else {
        FileHandle.standardError.write(
            Data("python side skipped: \(settings.python) not found (run make python-deps)\n".utf8))
        return [:]
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: settings.python)
    var arguments = [
        "scripts/bench.py", "--inputs", inputs.path, "--runs", String(settings.runs), "--workloads",
        workloads.joined(separator: ","),
    ]
    if let httpEndpoint { arguments += ["--http-endpoint", httpEndpoint] }
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    do {
        try process.run()
    } catch {
        FileHandle.standardError.write(Data("python side failed to start: \(error)\n".utf8))
        return [:]
    }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let json = try? JSONValue(parsing: output), let members = json.objectValue
    else {
        FileHandle.standardError.write(Data("python side failed (status \(process.terminationStatus))\n".utf8))
        return [:]
    }
    return members.compactMapValues { value in
        switch value {
        case .double(let number): return number
        case .int(let number): return Double(number)
        default: return nil
        }
    }
}

func pad(_ name: String) -> String {
    name.count >= 22 ? name : name + String(repeating: " ", count: 22 - name.count)
}

func line(_ name: String, swift: Double, python: Double?, unit: String, target: String) -> String {
    let pythonText = python.map { String(format: "%12.0f", $0) } ?? "           -"
    let ratio = python.map { String(format: "%7.1fx", swift / max($0, 1e-9)) } ?? "       -"
    return pad(name) + String(format: "%12.0f ", swift) + pythonText + " " + ratio + "  " + unit + "  (target " + target
        + ")"
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

        var swift: [String: Double] = [:]
        let options = EventGridPublisherClientOptions(transport: InstantTransport())
        let client = try EventGridPublisherClient(
            endpoint: endpoint, credential: AzureKeyCredential(Inputs.key), options: options)
        if settings.wants("publish-cloudevents") {
            swift["publish-cloudevents"] = try await medianRate(count: inputs.cloudEvents.count, runs: settings.runs) {
                try await publishAll(inputs.cloudEvents, batch: Inputs.batchSize) { try await client.send($0) }
            }
        }
        if settings.wants("publish-eventgrid") {
            swift["publish-eventgrid"] = try await medianRate(count: inputs.eventGridEvents.count, runs: settings.runs)
            {
                try await publishAll(inputs.eventGridEvents, batch: Inputs.batchSize) { try await client.send($0) }
            }
        }
        var httpEndpoint: String?
        let server = LoopbackHTTPServer { _ in .empty(status: 200) }
        if settings.wants("publish-http") {
            try server.start()
            let url = server.baseURL.appendingPathComponent("api/events")
            httpEndpoint = url.absoluteString
            let httpClient = try EventGridPublisherClient(endpoint: url, credential: AzureKeyCredential(Inputs.key))
            swift["publish-http"] = try await medianRate(
                count: inputs.cloudEvents.count, runs: max(1, settings.runs / 2)
            ) {
                try await publishAll(inputs.cloudEvents, batch: Inputs.batchSize) { try await httpClient.send($0) }
            }
        }
        if settings.wants("parse") {
            swift["parse"] = try await medianRate(count: inputs.blobEventCount, runs: settings.runs) {
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
            swift["sas"] = try await medianRate(count: inputs.sasCount, runs: settings.runs) {
                for index in 0..<inputs.sasCount {
                    _ = try generateSAS(
                        endpoint: endpoint, key: Inputs.key, expiresOn: expiry.addingTimeInterval(Double(index)))
                }
            }
        }
        let python = runPython(
            settings,
            inputs: inputsPath,
            workloads: ["publish-cloudevents", "publish-eventgrid", "publish-http", "parse", "sas"].filter(
                settings.wants),
            httpEndpoint: httpEndpoint
        )
        server.stop()

        print(pad("workload") + "       swift       python    ratio  unit")
        let targets = [
            "publish-cloudevents": ">= 30x", "publish-eventgrid": ">= 30x", "publish-http": "report",
            "parse": ">= 20x", "sas": ">= 10x",
        ]
        for name in ["publish-cloudevents", "publish-eventgrid", "publish-http", "parse", "sas"] {
            guard let value = swift[name] else { continue }
            print(line(name, swift: value, python: python[name], unit: "events/s", target: targets[name] ?? "-"))
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

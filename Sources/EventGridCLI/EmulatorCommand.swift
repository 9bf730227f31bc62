import AzureEventGrid
import Dispatch
import EventGridEmulator
import Foundation

/// `eventgrid emulator`: runs the local Event Grid emulator until SIGINT or SIGTERM (or, when
/// run inside a task, until the task is cancelled).
enum EmulatorCommand {
    static let usage = """
        usage: eventgrid emulator [--port P] --topic NAME:SCHEMA:KEY[,KEY2] [--topic …]
                                  [--domain NAME:SCHEMA:KEY] [--bearer-token TOKEN …] [--config FILE]
                                  [--webhook TOPIC=URL …]
          SCHEMA is eventgrid, cloudevents or custom. Port 0 (the default) picks a free port.
          With one topic it is served at /api/events; every topic at /topics/NAME/api/events.
          Accepted events are listed at GET /_emulator/topics/NAME/events.
          --config FILE reads {"port":…,"bearerTokens":[…],"topics":[{"name","schema","keys","domain"}]};
          flags add to it and --port overrides it.
          --webhook TOPIC=URL pushes TOPIC's accepted events to URL after the validation handshake.
        """

    static func run(_ arguments: [String], io: CommandIO) async throws {
        var port: UInt16?
        var configFile: String?
        var topics: [EmulatorTopic] = []
        var bearerTokens: Set<String> = []
        var webhooks: [(topic: String, url: URL)] = []
        var index = 0
        func value(of option: String) throws -> String {
            guard index < arguments.count else { throw CommandError("option '\(option)' needs a value") }
            defer { index += 1 }
            return arguments[index]
        }
        while index < arguments.count {
            var option = arguments[index]
            index += 1
            var inline: String?
            if option.hasPrefix("--"), let equals = option.firstIndex(of: "=") {
                inline = String(option[option.index(after: equals)...])
                option = String(option[..<equals])
            }
            switch option {
            case "--port":
                let text = try inline ?? value(of: option)
                guard let parsed = UInt16(text) else { throw CommandError("--port must be 0–65535 (got '\(text)')") }
                port = parsed
            case "--topic", "--domain":
                let text = try inline ?? value(of: option)
                do {
                    topics.append(try EmulatorTopic.parse(text, isDomain: option == "--domain"))
                } catch let error as EmulatorConfigurationError {
                    throw CommandError("\(option) \(error.message)")
                }
            case "--config":
                guard configFile == nil else { throw CommandError("option '--config' given twice") }
                configFile = try inline ?? value(of: option)
            case "--webhook":
                let text = try inline ?? value(of: option)
                let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let url = URL(string: parts[1]),
                    let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https"
                else { throw CommandError("--webhook must be TOPIC=http(s)://… (got '\(text)')") }
                webhooks.append((topic: parts[0], url: url))
            case "--bearer-token":
                bearerTokens.insert(try inline ?? value(of: option))
            default:
                throw CommandError("unknown emulator argument '\(option)'\n\(usage)")
            }
        }
        var configuration = EventGridEmulator.Configuration(topics: [])
        if let configFile {
            let data: Data
            do {
                data = try io.readFile(configFile)
            } catch {
                throw CommandError("cannot read '\(configFile)': \(error.localizedDescription)", status: 1)
            }
            do {
                configuration = try EventGridEmulator.Configuration(json: data)
            } catch let error as EmulatorConfigurationError {
                throw CommandError("\(configFile): \(error.message)")
            }
        }
        topics = configuration.topics + topics
        guard !topics.isEmpty else {
            throw CommandError("emulator needs at least one --topic or --domain\n\(usage)")
        }
        let emulator: EventGridEmulator
        do {
            emulator = try EventGridEmulator(
                configuration: .init(
                    topics: topics,
                    port: port ?? configuration.port,
                    bearerTokens: configuration.bearerTokens.union(bearerTokens),
                    onAccepted: { event in io.print("event \(event.line)") },
                    subscriptions: configuration.subscriptions
                        + webhooks.enumerated().map { number, hook in
                            EmulatorSubscription(
                                topic: hook.topic, name: "\(hook.topic)-webhook-\(number + 1)", endpoint: hook.url)
                        }
                )
            )
        } catch let error as EmulatorConfigurationError {
            throw CommandError(error.message)
        }
        let waiter = SignalWaiter()
        waiter.install()
        do {
            try emulator.start()
        } catch {
            waiter.finish("failed")
            throw CommandError("\(error)", status: 1)
        }
        for topic in topics {
            let kind = topic.isDomain ? "domain" : "topic"
            let endpoint = emulator.endpoint(forTopic: topic.name)?.absoluteString ?? ""
            io.print("\(kind) \(topic.name) (\(topic.schema.rawValue)): \(endpoint)")
        }
        io.print("listening on \(emulator.baseURL.absoluteString)")
        let reason = await withTaskCancellationHandler {
            await waiter.wait()
        } onCancel: {
            waiter.finish("cancelled")
        }
        emulator.stop()
        io.print("stopped (\(reason))")
    }
}

/// Waits for SIGINT or SIGTERM through dispatch sources (never a C signal handler calling
/// Swift), or for ``finish(_:)``. The handlers run on a private queue, not the main actor.
final class SignalWaiter: @unchecked Sendable {
    private let lock = NSLock()
    private let queue = DispatchQueue(label: "eventgrid.emulator.signals")
    // Guarded by `lock`.
    private var sources: [any DispatchSourceSignal] = []
    private var result: String?
    private var continuation: CheckedContinuation<String, Never>?

    /// Starts listening for SIGINT and SIGTERM (their default actions are turned off meanwhile).
    func install() {
        let signals: [(Int32, String)] = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")]
        var created: [any DispatchSourceSignal] = []
        for (number, name) in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.finish(name) }
            source.resume()
            created.append(source)
        }
        lock.lock()
        sources = created
        lock.unlock()
    }

    /// Ends the wait with `reason` (only the first call counts) and restores the signals.
    func finish(_ reason: String) {
        lock.lock()
        guard result == nil else {
            lock.unlock()
            return
        }
        result = reason
        let waiting = continuation
        continuation = nil
        let installed = sources
        sources = []
        lock.unlock()
        for source in installed { source.cancel() }
        if !installed.isEmpty {
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        waiting?.resume(returning: reason)
    }

    /// Returns the reason once ``finish(_:)`` was called.
    func wait() async -> String {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let result {
                lock.unlock()
                continuation.resume(returning: result)
            } else {
                self.continuation = continuation
                lock.unlock()
            }
        }
    }
}

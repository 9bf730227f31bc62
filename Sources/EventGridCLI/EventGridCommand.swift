public import AzureCore
import AzureEventGrid
public import Foundation

/// Where a command reads and writes: the real terminal for `eventgrid`, buffers in tests.
public struct CommandIO: Sendable {
    /// Reads all of standard input.
    public var readStandardInput: @Sendable () throws -> Data
    /// Reads a file.
    public var readFile: @Sendable (String) throws -> Data
    /// Writes a line to standard output.
    public var print: @Sendable (String) -> Void
    /// Writes a line to standard error.
    public var printError: @Sendable (String) -> Void
    /// The transport for `publish`; `nil` means URLSession.
    public var transport: (any HTTPTransport)?

    /// Creates an IO set.
    /// - Parameters:
    ///   - readStandardInput: Reads standard input.
    ///   - readFile: Reads a file.
    ///   - print: Writes a line to standard output.
    ///   - printError: Writes a line to standard error.
    ///   - transport: The transport for `publish`.
    public init(
        readStandardInput: @escaping @Sendable () throws -> Data,
        readFile: @escaping @Sendable (String) throws -> Data,
        print: @escaping @Sendable (String) -> Void,
        printError: @escaping @Sendable (String) -> Void,
        transport: (any HTTPTransport)? = nil
    ) {
        self.readStandardInput = readStandardInput
        self.readFile = readFile
        self.print = print
        self.printError = printError
        self.transport = transport
    }

    /// Reads a command's input: standard input for `-`, else the named file.
    /// - Parameter source: `-` or a file path.
    /// - Returns: The bytes and a name for messages (`standard input` or the path).
    /// - Throws: ``CommandError`` (status 1) naming the source when it cannot be read.
    func readInput(_ source: String) throws -> (data: Data, name: String) {
        do {
            return source == "-" ? (try readStandardInput(), "standard input") : (try readFile(source), source)
        } catch {
            throw CommandError("cannot read '\(source)': \(error.localizedDescription)", status: 1)
        }
    }

    /// The process's own standard streams and file system.
    public static let terminal = CommandIO(
        readStandardInput: { FileHandle.standardInput.readDataToEndOfFile() },
        readFile: { path in try Data(contentsOf: URL(fileURLWithPath: path)) },
        print: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) },
        printError: { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
    )
}

/// The `eventgrid` command line: `sas`, `publish` and `decode`.
public enum EventGridCommand {
    /// The usage text.
    public static let usage = """
        usage: eventgrid <command> [options]

        commands:
          sas      --endpoint URL --key BASE64KEY --expires-at ISO8601 [--api-version V]
                   print a shared access signature for a topic or domain
          publish  --endpoint URL (--key KEY | --sas TOKEN) [--schema eventgrid|cloudevents|custom]
                   [--channel NAME] [--api-version V] [FILE|-]
                   send the JSON object or array of events in FILE (or standard input); split into
                   several requests when over the service's size limit
          decode   [FILE|-]
                   read delivered events (a JSON object or array, either schema) and print them
                   as JSON with their typed system-event data
          emulator [--port P] --topic NAME:SCHEMA:KEY [--topic …] [--domain NAME:SCHEMA:KEY]
                   [--bearer-token TOKEN] [--config FILE] [--webhook TOPIC=URL]
                   run the local Event Grid emulator on 127.0.0.1 until SIGINT/SIGTERM; prints
                   'listening on http://127.0.0.1:P' and one line per accepted event
          help     print this text

        Run 'eventgrid <command> --help' for one command.
        """

    /// Runs the command line on the real terminal.
    /// - Parameter arguments: The arguments after the program name.
    /// - Returns: The exit status.
    public static func main(arguments: [String]) async -> Int32 {
        await run(arguments, io: .terminal)
    }

    /// Runs the command line.
    /// - Parameters:
    ///   - arguments: The arguments after the program name.
    ///   - io: Where to read and write.
    /// - Returns: The exit status: 0 success, 1 a failed operation, 2 misuse.
    public static func run(_ arguments: [String], io: CommandIO) async -> Int32 {
        guard let command = arguments.first else {
            io.printError(usage)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        do {
            if rest.contains("--help") || rest.contains("-h") {
                io.print(usage)
                return 0
            }
            switch command {
            case "help", "--help", "-h":
                io.print(usage)
                return 0
            case "sas":
                try SASCommand.run(rest, io: io)
            case "publish":
                try await PublishCommand.run(rest, io: io)
            case "decode":
                try DecodeCommand.run(rest, io: io)
            case "emulator":
                try await EmulatorCommand.run(rest, io: io)
            default:
                throw CommandError("unknown command '\(command)'; run 'eventgrid --help'")
            }
            return 0
        } catch let error as CommandError {
            io.printError("eventgrid: \(error.message)")
            return error.status
        } catch let error as AzureError {
            io.printError("eventgrid: \(error.message)")
            return 1
        } catch {
            io.printError("eventgrid: \(error)")
            return 1
        }
    }
}

/// `eventgrid sas`.
enum SASCommand {
    static func run(_ arguments: [String], io: CommandIO) throws {
        let parsed = try ArgumentParser(arguments, valued: ["--endpoint", "--key", "--expires-at", "--api-version"])
        guard parsed.positionals.isEmpty else {
            throw CommandError("sas takes no positional arguments (got '\(parsed.positionals[0])')")
        }
        let endpointText = try parsed.required("--endpoint")
        guard let endpoint = URL(string: endpointText), endpoint.scheme != nil else {
            throw CommandError("--endpoint '\(endpointText)' is not an absolute URL")
        }
        let expiresText = try parsed.required("--expires-at")
        guard let expiresOn = RFC3339.date(from: expiresText) else {
            throw CommandError(
                "--expires-at '\(expiresText)' is not an ISO 8601 date-time such as 2030-01-01T00:00:00Z")
        }
        let token = try generateSAS(
            endpoint: endpoint,
            key: try parsed.required("--key"),
            expiresOn: expiresOn,
            apiVersion: parsed.options["--api-version"] ?? EventGridPublisherClientOptions.APIVersion.latest.rawValue
        )
        io.print(token)
    }
}

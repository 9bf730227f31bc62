import AzureCore
import AzureEventGrid
import Foundation

/// `eventgrid publish`.
enum PublishCommand {
    static func run(_ arguments: [String], io: CommandIO) async throws {
        let parsed = try ArgumentParser(
            arguments,
            valued: ["--endpoint", "--key", "--sas", "--schema", "--channel", "--api-version"]
        )
        guard parsed.positionals.count <= 1 else {
            throw CommandError("publish takes one FILE (or -), got \(parsed.positionals.count)")
        }
        let endpointText = try parsed.required("--endpoint")
        guard let endpoint = URL(string: endpointText), endpoint.scheme != nil else {
            throw CommandError("--endpoint '\(endpointText)' is not an absolute URL")
        }
        var schema: EventGridSchema?
        if let schemaText = parsed.options["--schema"] {
            guard let value = EventGridSchema(rawValue: schemaText) else {
                throw CommandError("--schema must be eventgrid, cloudevents or custom (got '\(schemaText)')")
            }
            schema = value
        }
        var options = EventGridPublisherClientOptions(transport: io.transport)
        if let version = parsed.options["--api-version"] {
            options.apiVersion = .init(rawValue: version)
        }
        let client: EventGridPublisherClient
        switch (parsed.options["--key"], parsed.options["--sas"]) {
        case (let key?, nil):
            client = try EventGridPublisherClient(
                endpoint: endpoint, credential: AzureKeyCredential(key), options: options)
        case (nil, let token?):
            client = try EventGridPublisherClient(
                endpoint: endpoint, credential: AzureSASCredential(token), options: options)
        case (nil, nil):
            throw CommandError("publish needs --key KEY or --sas TOKEN")
        case (.some, .some):
            throw CommandError("give --key or --sas, not both")
        }
        let (input, inputName) = try io.readInput(parsed.positionals.first ?? "-")
        let events = try EventFileReader.read(
            input, schema: schema, sourceName: inputName)
        let channel = parsed.options["--channel"]
        guard let first = events.first else {
            throw CommandError("\(inputName) holds no events", status: 1)
        }
        do {
            try await client.send(events, channelName: channel, splitting: .automatic)
        } catch let error as AzureError {
            if let report = error.partialSend {
                io.print(
                    "accepted \(report.acceptedEventIndices.count) of \(events.count) events in "
                        + "\(report.acceptedRequestCount) of \(report.requestCount) requests"
                )
            }
            throw error
        }
        io.print(
            "sent \(events.count) \(first.schema.rawValue) event(s) to \(client.endpoint.url.absoluteString): accepted")
    }
}

/// Reads the events of a `publish` input: one JSON object or an array of them.
enum EventFileReader {
    /// Parses events.
    /// - Parameters:
    ///   - data: The JSON text.
    ///   - schema: The schema, or `nil` to tell each event's schema from its members
    ///     (`specversion` → CloudEvents, `eventType` → Event Grid).
    ///   - sourceName: Names the input in messages.
    /// - Returns: The events in order.
    /// - Throws: ``CommandError`` naming the event and what is wrong.
    static func read(_ data: Data, schema: EventGridSchema?, sourceName: String) throws -> [PublishableEvent] {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: data)
        } catch let error as AzureError {
            throw CommandError("\(sourceName) is not valid JSON: \(error.message)", status: 1)
        }
        let items: [JSONValue]
        switch json {
        case .array(let elements): items = elements
        case .object: items = [json]
        default: throw CommandError("\(sourceName) must hold a JSON object or an array of them", status: 1)
        }
        return try items.enumerated().map { index, item in
            guard var object = item.objectValue else {
                throw CommandError("event \(index) in \(sourceName) is not a JSON object", status: 1)
            }
            let eventSchema = try schema ?? detect(object, index: index)
            do {
                switch eventSchema {
                case .custom:
                    return .custom(item)
                case .eventGrid:
                    object["id"] = object["id"] ?? .string(UUID().uuidString.lowercased())
                    object["eventTime"] = object["eventTime"] ?? .string(RFC3339.string(from: Date()))
                    object["dataVersion"] = object["dataVersion"] ?? "1.0"
                    return .eventGrid(try JSONValue.object(object).decode(as: EventGridEvent.self))
                case .cloudEvents:
                    object["id"] = object["id"] ?? .string(UUID().uuidString.lowercased())
                    object["specversion"] = object["specversion"] ?? "1.0"
                    return .cloudEvent(try JSONValue.object(object).decode(as: CloudEvent.self))
                }
            } catch let error as AzureError {
                throw CommandError(
                    "event \(index) in \(sourceName) is not a valid \(eventSchema.rawValue) event: \(error.message)",
                    status: 1)
            }
        }
    }

    private static func detect(_ object: [String: JSONValue], index: Int) throws -> EventGridSchema {
        if object["specversion"] != nil { return .cloudEvents }
        if object["eventType"] != nil { return .eventGrid }
        throw CommandError(
            "cannot tell the schema of event \(index) (no 'specversion' or 'eventType'); pass --schema",
            status: 1
        )
    }
}

import AzureCore
import AzureEventGrid
import EventGridSystemEvents
import Foundation

/// `eventgrid decode [FILE|-]`: prints what the SDK reads from a delivered payload.
enum DecodeCommand {
    static func run(_ arguments: [String], io: CommandIO) throws {
        let parsed = try ArgumentParser(arguments, valued: [])
        guard parsed.positionals.count <= 1 else {
            throw CommandError("decode takes one FILE (or -), got \(parsed.positionals.count)")
        }
        let (input, inputName) = try io.readInput(parsed.positionals.first ?? "-")
        let events: [ReceivedEvent]
        do {
            events = try EventGridParser.parse(input)
        } catch let error as AzureError {
            throw CommandError("\(inputName): \(error.message)", status: 1)
        }
        let entries = try events.map(entry)
        let encoder = JSONCoding.makeEncoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        io.print(String(decoding: try encoder.encode(JSONValue.array(entries)), as: UTF8.self))
    }

    /// One output entry: the envelope, the schema, the Swift model name and the typed data.
    static func entry(_ event: ReceivedEvent) throws -> JSONValue {
        var members: [String: JSONValue]
        switch event {
        case .eventGrid(let envelope): members = try JSONValue(encoding: envelope).objectValue ?? [:]
        case .cloudEvent(let envelope): members = try JSONValue(encoding: envelope).objectValue ?? [:]
        }
        members["data"] = nil
        members["data_base64"] = nil
        members["schema"] = .string(event.schema.rawValue)
        let system = event.systemEvent
        if let model = system.model {
            members["systemEventType"] = .string(String(describing: type(of: model)))
            members["data"] = try JSONValue(encoding: model)
        } else {
            members["systemEventType"] = .null
            members["data"] = event.data ?? .null
        }
        return .object(members)
    }
}

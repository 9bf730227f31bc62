public import AzureCore
public import Foundation

/// An event as a subscriber receives it: in the Event Grid schema or as a CloudEvent.
public enum ReceivedEvent: Sendable, Hashable {
    /// An event in the Event Grid schema.
    case eventGrid(EventGridEvent)
    /// A CloudEvents 1.0 event.
    case cloudEvent(CloudEvent)

    /// The event's id.
    public var id: String {
        switch self {
        case .eventGrid(let event): return event.id
        case .cloudEvent(let event): return event.id
        }
    }

    /// The event's type (`eventType` or `type`).
    public var eventType: String {
        switch self {
        case .eventGrid(let event): return event.eventType
        case .cloudEvent(let event): return event.type
        }
    }

    /// The schema the event arrived in.
    public var schema: EventGridSchema {
        switch self {
        case .eventGrid: return .eventGrid
        case .cloudEvent: return .cloudEvents
        }
    }

    /// The raw `data` as JSON (binary CloudEvent data as a base64 string), or `nil` for none.
    public var data: JSONValue? {
        switch self {
        case .eventGrid(let event): return event.data == .null ? nil : event.data
        case .cloudEvent(let event):
            switch event.data {
            case .json(let value): return value
            case .binary(let bytes): return .string(bytes.base64EncodedString())
            case nil: return nil
            }
        }
    }
}

/// Reads events that Event Grid delivered: a webhook body, a Service Bus or Storage queue
/// message, a dead-letter blob.
public enum EventGridParser {
    /// Parses one event or an array of events in either schema, telling each event's schema
    /// from its members (`specversion` means CloudEvents, `eventType` the Event Grid schema).
    /// - Parameter data: UTF-8 JSON: one object or an array of objects.
    /// - Returns: The events in order.
    /// - Throws: ``/AzureCore/AzureError`` of kind serialization naming the event index and what
    ///   is wrong (invalid JSON, not an object, a schema that cannot be told, a member missing).
    public static func parse(_ data: Data) throws -> [ReceivedEvent] {
        try objects(in: data).enumerated().map { index, object in
            if object["specversion"] != nil {
                return .cloudEvent(try decode(CloudEvent.self, object, index: index))
            }
            if object["eventType"] != nil {
                return .eventGrid(try decode(EventGridEvent.self, object, index: index))
            }
            throw AzureError(
                kind: .serialization,
                message:
                    "event \(index) is neither a CloudEvent (no 'specversion') nor an Event Grid event (no 'eventType')"
            )
        }
    }

    /// Parses one event or an array of events in either schema.
    /// - Parameter text: JSON text.
    /// - Returns: The events in order.
    /// - Throws: ``/AzureCore/AzureError`` of kind serialization naming what is wrong.
    public static func parse(_ text: String) throws -> [ReceivedEvent] {
        try parse(Data(text.utf8))
    }

    /// Parses one or many events in the Event Grid schema.
    /// - Parameter data: UTF-8 JSON: one object or an array.
    /// - Returns: The events in order.
    /// - Throws: ``/AzureCore/AzureError`` of kind serialization naming the event and member.
    public static func parseEventGridEvents(_ data: Data) throws -> [EventGridEvent] {
        try objects(in: data).enumerated().map { index, object in
            try decode(EventGridEvent.self, object, index: index)
        }
    }

    /// Parses one or many CloudEvents.
    /// - Parameter data: UTF-8 JSON: one object or an array.
    /// - Returns: The events in order.
    /// - Throws: ``/AzureCore/AzureError`` of kind serialization naming the event and member.
    public static func parseCloudEvents(_ data: Data) throws -> [CloudEvent] {
        try objects(in: data).enumerated().map { index, object in
            try decode(CloudEvent.self, object, index: index)
        }
    }

    private static func objects(in data: Data) throws -> [JSONValue] {
        let json = try JSONValue(parsing: data)
        let items: [JSONValue]
        switch json {
        case .array(let elements): items = elements
        case .object: items = [json]
        default:
            throw AzureError(kind: .serialization, message: "expected a JSON object or an array of objects")
        }
        for (index, item) in items.enumerated() where item.objectValue == nil {
            throw AzureError(kind: .serialization, message: "event \(index) is not a JSON object")
        }
        return items
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ object: JSONValue, index: Int) throws -> T {
        do {
            return try object.decode(as: T.self)
        } catch let error as AzureError {
            throw AzureError(
                kind: .serialization,
                message: "event \(index) is not a valid \(T.self): \(error.message)",
                underlyingError: error
            )
        }
    }
}

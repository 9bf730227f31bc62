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
        try events(in: data) { index, envelope in
            if envelope.has(.specversion) {
                return .cloudEvent(try read(CloudEvent.init(envelope:), envelope, index: index))
            }
            if envelope.has(.eventType) {
                return .eventGrid(try read(EventGridEvent.init(envelope:), envelope, index: index))
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
        try events(in: data) { index, envelope in
            try read(EventGridEvent.init(envelope:), envelope, index: index)
        }
    }

    /// Parses one or many CloudEvents.
    /// - Parameter data: UTF-8 JSON: one object or an array.
    /// - Returns: The events in order.
    /// - Throws: ``/AzureCore/AzureError`` of kind serialization naming the event and member.
    public static func parseCloudEvents(_ data: Data) throws -> [CloudEvent] {
        try events(in: data) { index, envelope in
            try read(CloudEvent.init(envelope:), envelope, index: index)
        }
    }

    /// Reads each event of the payload (its one object, or each element of its array) with
    /// `read`, as the parser hands it over with its envelope members sorted into slots (no
    /// dictionary per event). Errors come in the order of what is worst: invalid JSON anywhere,
    /// then an element that is not an object, then the first event that cannot be read.
    private static func events<Event>(
        in data: Data, _ read: (Int, EnvelopeReader) throws -> Event
    ) throws -> [Event] {
        var events: [Event] = []
        var failure: (any Error)?
        let layout: JSONParser.Layout
        do {
            layout = try JSONParser.parseObjects(
                data, named: EnvelopeReader.Member.names, keepingText: EnvelopeReader.textNames
            ) { index, object in
                guard failure == nil else { return }
                do {
                    events.append(try read(index, EnvelopeReader(sorted: object)))
                } catch {
                    failure = error
                }
            }
        } catch {
            throw JSONParser.failure(error)
        }
        switch layout {
        case .other:
            throw AzureError(kind: .serialization, message: "expected a JSON object or an array of objects")
        case .array(_, let firstNonObject?):
            throw AzureError(kind: .serialization, message: "event \(firstNonObject) is not a JSON object")
        case .object, .array:
            break
        }
        if let failure { throw failure }
        return events
    }

    private static func read<Event>(
        _ initializer: (EnvelopeReader) throws(EnvelopeReader.Failure) -> Event,
        _ envelope: EnvelopeReader,
        index: Int
    ) throws -> Event {
        do {
            return try initializer(envelope)
        } catch {
            throw AzureError(
                kind: .serialization,
                message: "event \(index) is not a valid \(Event.self): \(error.message)",
                underlyingError: error
            )
        }
    }
}

public import EventGridSystemEvents

extension EventGridEvent {
    /// The event's data as a typed Azure system event, to `switch` over; `.unknown` (with the
    /// raw JSON) when the event type is not a known system event. Never throws: fields that do
    /// not fit their model are left `nil`, the others are kept.
    public var systemEvent: SystemEvent {
        if let text = storedData.text { return SystemEvent.decode(eventType: eventType, text: text) }
        return SystemEvent.decode(eventType: eventType, data: data)
    }

    /// The event's data as one specific system-event model.
    /// - Parameter type: The model, such as `StorageBlobCreatedEventData.self`.
    /// - Returns: The model, or `nil` when the event is of another type.
    public func systemEventData<Model: SystemEventModel>(as type: Model.Type) -> Model? {
        systemEvent.model as? Model
    }
}

extension CloudEvent {
    /// The event's data as a typed Azure system event; `.unknown` when the type is not a known
    /// system event or the data is not JSON.
    public var systemEvent: SystemEvent {
        if case .json(let json)? = storedData, let text = json.text {
            return SystemEvent.decode(eventType: type, text: text)
        }
        switch data {
        case .json(let value): return SystemEvent.decode(eventType: type, data: value)
        case .binary(let bytes): return .unknown(eventType: type, data: .string(bytes.base64EncodedString()))
        case nil: return .unknown(eventType: type, data: .null)
        }
    }

    /// The event's data as one specific system-event model.
    /// - Parameter type: The model, such as `StorageBlobCreatedEventData.self`.
    /// - Returns: The model, or `nil` when the event is of another type.
    public func systemEventData<Model: SystemEventModel>(as type: Model.Type) -> Model? {
        systemEvent.model as? Model
    }
}

extension ReceivedEvent {
    /// The event's data as a typed Azure system event (see ``EventGridEvent/systemEvent``).
    public var systemEvent: SystemEvent {
        switch self {
        case .eventGrid(let event): return event.systemEvent
        case .cloudEvent(let event): return event.systemEvent
        }
    }

    /// The event's data as one specific system-event model.
    /// - Parameter type: The model.
    /// - Returns: The model, or `nil` when the event is of another type.
    public func systemEventData<Model: SystemEventModel>(as type: Model.Type) -> Model? {
        systemEvent.model as? Model
    }
}

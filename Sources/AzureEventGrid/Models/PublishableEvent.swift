public import AzureCore

/// One event of any of the three schemas, for calls that take events whose schema is only known
/// at run time (the CLI reads them from a file). One send must not mix schemas.
public enum PublishableEvent: Sendable, Hashable {
    /// An event in the Event Grid schema.
    case eventGrid(EventGridEvent)
    /// An event in the CloudEvents 1.0 schema.
    case cloudEvent(CloudEvent)
    /// An event in a topic's custom schema: any JSON object.
    case custom(JSONValue)

    /// The event's schema.
    public var schema: EventGridSchema {
        switch self {
        case .eventGrid: return .eventGrid
        case .cloudEvent: return .cloudEvents
        case .custom: return .custom
        }
    }
}

/// The input schema of an Event Grid topic.
public enum EventGridSchema: String, Sendable, Hashable, CaseIterable {
    /// The Event Grid schema (`eventgridschema`).
    case eventGrid = "eventgrid"
    /// CloudEvents 1.0 (`cloudeventschemav1_0`).
    case cloudEvents = "cloudevents"
    /// A custom input schema (`customeventschema`).
    case custom = "custom"
}

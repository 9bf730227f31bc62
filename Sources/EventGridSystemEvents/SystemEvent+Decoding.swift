public import AzureCore

/// How one event type's data is decoded: the model type and the `SystemEvent` case it goes in.
/// The generated `SystemEvent.registry` holds one per event type, keyed by its spelling in the
/// spec; `foldedRegistry` keys the same entries by the lower-cased name.
struct SystemEventEntry: Sendable {
    /// The model type.
    let type: any SystemEventModel.Type
    /// Decodes data into the event's case, or `nil` when the data is not a JSON object.
    let decode: @Sendable (JSONValue) -> SystemEvent?
    /// Decodes data kept as JSON text, without a tree; `nil` when it is not a JSON object.
    let decodeText: @Sendable (JSONText) -> SystemEvent?

    /// Creates an entry.
    /// - Parameters:
    ///   - type: The model type.
    ///   - wrap: The `SystemEvent` case of the model.
    init<Model: SystemEventModel & TolerantObjectDecodable>(
        _ type: Model.Type, _ wrap: @escaping @Sendable (Model) -> SystemEvent
    ) {
        self.type = type
        self.decode = { data in Model(tolerantJSON: data).map(wrap) }
        self.decodeText = { text in
            var model: Model?
            guard text.withMembers({ model = Model(tolerantMembers: $0) }) else { return nil }
            return model.map(wrap)
        }
    }
}

extension SystemEvent {
    /// Decodes an event's data by its event type. The type matches ignoring case
    /// (`microsoft.EventHUB.CaptureFileCreated` is an Event Hubs capture event); decoding is
    /// tolerant (see each model). An unknown type, or data that is not a JSON object, gives
    /// `.unknown` with the data as it came. Never throws.
    /// - Parameters:
    ///   - eventType: The event's type, such as `Microsoft.Storage.BlobCreated`.
    ///   - data: The event's `data`.
    /// - Returns: The typed event, or `.unknown`.
    public static func decode(eventType: String, data: JSONValue) -> SystemEvent {
        entry(for: eventType)?.decode(data) ?? .unknown(eventType: eventType, data: data)
    }

    /// Decodes an event's data kept as JSON text (a parsed event's), as
    /// ``decode(eventType:data:)`` decodes the tree, but reading the model's members straight
    /// from the text; the tree is only read for `.unknown`.
    /// - Parameters:
    ///   - eventType: The event's type.
    ///   - text: The event's `data` as text.
    /// - Returns: The typed event, or `.unknown`.
    package static func decode(eventType: String, text: JSONText) -> SystemEvent {
        entry(for: eventType)?.decodeText(text) ?? .unknown(eventType: eventType, data: text.value)
    }

    /// The model type of an event type (matched ignoring case), or `nil` when there is none.
    /// - Parameter eventType: The event type.
    /// - Returns: The model type.
    public static func modelType(for eventType: String) -> (any SystemEventModel.Type)? {
        entry(for: eventType)?.type
    }

    /// The registry's entries keyed by the lower-cased event type.
    static let foldedRegistry = Dictionary(
        registry.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })

    /// The entry of an event type: as the spec spells it (the usual case, no case folding), else
    /// ignoring case.
    private static func entry(for eventType: String) -> SystemEventEntry? {
        registry[eventType] ?? foldedRegistry[eventType.lowercased()]
    }

    /// The event type: the model's canonical spelling, or the type as it came for `.unknown`.
    public var eventType: String {
        if case .unknown(let eventType, _) = self { return eventType }
        return model.map { type(of: $0).eventType } ?? ""
    }
}

public import AzureCore
public import Foundation

/// An event in the Event Grid schema: what a topic or domain with input schema `eventgridschema`
/// accepts, and what Event Grid delivers to subscribers of that schema.
///
/// `Codable` on its own terms: `eventTime` is written as RFC 3339 UTC and read with 0–7
/// fractional digits and any offset, whatever date strategy the coder has.
public struct EventGridEvent: Sendable, Hashable, Codable {
    /// A unique identifier of the event.
    public var id: String
    /// The resource path of the event source. Leave `nil` for a topic (the service fills it in);
    /// set it to the domain topic's name when publishing to a domain.
    public var topic: String?
    /// The publisher-defined path of what the event is about, such as `/orders/42`.
    public var subject: String
    /// The type of the event, such as `Contoso.Orders.OrderPlaced`.
    public var eventType: String
    /// When the event happened.
    public var eventTime: Date
    /// The schema version of `data`, chosen by the publisher.
    public var dataVersion: String
    /// The schema version of the event envelope; set by the service (`"1"`), `nil` when publishing.
    public var metadataVersion: String?
    /// The event's payload. An event ``EventGridParser`` read keeps it as the JSON text it came
    /// as until it is first read here (then the tree is kept); ``systemEvent`` reads the typed
    /// model straight from the text.
    public var data: JSONValue {
        get { storedData.value }
        set { storedData = LazyJSON(newValue) }
    }

    /// `data` as the event holds it.
    var storedData: LazyJSON

    /// Creates an event with a JSON payload.
    /// - Parameters:
    ///   - subject: What the event is about.
    ///   - eventType: The type of the event.
    ///   - data: The payload.
    ///   - dataVersion: The schema version of `data`; `"1.0"` by default.
    ///   - id: A unique id; a new lowercase UUID by default.
    ///   - eventTime: When it happened; now by default.
    ///   - topic: The domain topic, when publishing to a domain.
    public init(
        subject: String,
        eventType: String,
        data: JSONValue,
        dataVersion: String = "1.0",
        id: String = UUID().uuidString.lowercased(),
        eventTime: Date = Date(),
        topic: String? = nil
    ) {
        self.id = id
        self.topic = topic
        self.subject = subject
        self.eventType = eventType
        self.eventTime = eventTime
        self.dataVersion = dataVersion
        self.metadataVersion = nil
        self.storedData = LazyJSON(data)
    }

    /// Creates an event whose payload is any `Encodable` value.
    /// - Parameters:
    ///   - subject: What the event is about.
    ///   - eventType: The type of the event.
    ///   - payload: The payload, converted to JSON now.
    ///   - dataVersion: The schema version of `data`; `"1.0"` by default.
    ///   - id: A unique id; a new lowercase UUID by default.
    ///   - eventTime: When it happened; now by default.
    ///   - topic: The domain topic, when publishing to a domain.
    /// - Throws: ``/AzureCore/AzureError`` of kind serialization when the payload cannot be encoded.
    public init(
        subject: String,
        eventType: String,
        encoding payload: some Encodable,
        dataVersion: String = "1.0",
        id: String = UUID().uuidString.lowercased(),
        eventTime: Date = Date(),
        topic: String? = nil
    ) throws {
        self.init(
            subject: subject,
            eventType: eventType,
            data: try JSONValue(encoding: payload),
            dataVersion: dataVersion,
            id: id,
            eventTime: eventTime,
            topic: topic
        )
    }

    enum CodingKeys: String, CodingKey {
        case id, topic, subject, eventType, eventTime, dataVersion, metadataVersion, data
    }

    /// Decodes an event; `eventTime` is read leniently (see the type's description).
    /// - Throws: `DecodingError` when a required member is missing or has the wrong type.
    public init(from decoder: any Decoder) throws {
        self = try EnvelopeReader.decode(decoder, typeName: "EventGridEvent", Self.init(envelope:))
    }

    /// Reads an event from the members of a parsed JSON object (what ``EventGridParser`` and
    /// `init(from:)` do): `id`, `subject`, `eventType` and `eventTime` are required; a missing
    /// `dataVersion` is empty and a missing `data` is `null`.
    /// - Parameter reader: The object's members.
    /// - Throws: ``EnvelopeReader/Failure`` naming the member that is missing or wrong.
    init(envelope reader: EnvelopeReader) throws(EnvelopeReader.Failure) {
        id = try reader.requiredString(.id)
        topic = try reader.string(.topic)
        subject = try reader.requiredString(.subject)
        eventType = try reader.requiredString(.eventType)
        guard let time = try reader.date(.eventTime) else {
            throw EnvelopeReader.Failure(member: "eventTime", problem: EnvelopeReader.Failure.missing)
        }
        eventTime = time
        dataVersion = try reader.string(.dataVersion) ?? ""
        metadataVersion = try reader.string(.metadataVersion)
        storedData = reader.lazyJSON(.data) ?? LazyJSON(.null)
    }

    /// Encodes the event with `eventTime` as RFC 3339 UTC.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(topic, forKey: .topic)
        try container.encode(subject, forKey: .subject)
        try container.encode(eventType, forKey: .eventType)
        try container.encode(RFC3339.string(from: eventTime), forKey: .eventTime)
        try container.encode(dataVersion, forKey: .dataVersion)
        try container.encodeIfPresent(metadataVersion, forKey: .metadataVersion)
        try container.encode(data, forKey: .data)
    }
}

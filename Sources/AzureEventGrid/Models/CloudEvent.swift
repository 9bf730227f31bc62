public import AzureCore
public import Foundation

/// An event in the CloudEvents 1.0 format (JSON event format), as Event Grid accepts and
/// delivers it.
///
/// Extension attributes are top-level members on the wire; their names must be lowercase ASCII
/// letters and digits and must not be one of the context attribute names (see ``validate()``).
public struct CloudEvent: Sendable, Hashable {
    /// The payload of a cloud event.
    public enum Payload: Sendable, Hashable {
        /// A JSON value, written as the `data` member (a string stays a JSON string).
        case json(JSONValue)
        /// Bytes, written base64-encoded as the `data_base64` member.
        case binary(Data)
    }

    /// The event's identifier; `source` + `id` is unique per event.
    public var id: String
    /// Where the event happened (a URI reference). For an Event Grid domain, the domain topic name.
    public var source: String
    /// The type of the event, such as `com.contoso.order.placed`.
    public var type: String
    /// The CloudEvents version: `"1.0"`.
    public var specVersion: String
    /// When the event happened.
    public var time: Date?
    /// What the event is about, within `source`.
    public var subject: String?
    /// The URI of the schema `data` follows.
    public var dataSchema: String?
    /// The media type of `data`, such as `application/json`.
    public var dataContentType: String?
    /// The payload, or `nil` for none. An event ``EventGridParser`` read keeps JSON data as the
    /// text it came as until it is first read here (then the tree is kept); ``systemEvent``
    /// reads the typed model straight from the text.
    public var data: Payload? {
        get {
            switch storedData {
            case .json(let json)?: return .json(json.value)
            case .binary(let bytes)?: return .binary(bytes)
            case nil: return nil
            }
        }
        set {
            switch newValue {
            case .json(let value)?: storedData = .json(LazyJSON(value))
            case .binary(let bytes)?: storedData = .binary(bytes)
            case nil: storedData = nil
            }
        }
    }

    /// `data` as the event holds it.
    enum StoredPayload: Sendable, Hashable {
        case json(LazyJSON)
        case binary(Data)
    }

    /// `data` as the event holds it.
    var storedData: StoredPayload?
    /// Extension attributes by name.
    public var extensions: [String: JSONValue]

    /// Creates a cloud event with an optional JSON payload.
    /// - Parameters:
    ///   - source: Where the event happened.
    ///   - type: The type of the event.
    ///   - data: The payload, or `nil`.
    ///   - dataContentType: The media type of `data`.
    ///   - id: A unique id; a new lowercase UUID by default.
    ///   - time: When it happened; now by default.
    ///   - subject: What the event is about.
    ///   - dataSchema: The schema URI of `data`.
    ///   - extensions: Extension attributes.
    public init(
        source: String,
        type: String,
        data: JSONValue? = nil,
        dataContentType: String? = nil,
        id: String = UUID().uuidString.lowercased(),
        time: Date? = Date(),
        subject: String? = nil,
        dataSchema: String? = nil,
        extensions: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.source = source
        self.type = type
        self.specVersion = "1.0"
        self.time = time
        self.subject = subject
        self.dataSchema = dataSchema
        self.dataContentType = dataContentType
        self.storedData = data.map { .json(LazyJSON($0)) }
        self.extensions = extensions
    }

    /// Creates a cloud event with a binary payload, sent as `data_base64`.
    /// - Parameters:
    ///   - source: Where the event happened.
    ///   - type: The type of the event.
    ///   - binaryData: The payload bytes.
    ///   - dataContentType: The media type of the bytes (required for binary data).
    ///   - id: A unique id; a new lowercase UUID by default.
    ///   - time: When it happened; now by default.
    ///   - subject: What the event is about.
    ///   - dataSchema: The schema URI of `data`.
    ///   - extensions: Extension attributes.
    public init(
        source: String,
        type: String,
        binaryData: Data,
        dataContentType: String,
        id: String = UUID().uuidString.lowercased(),
        time: Date? = Date(),
        subject: String? = nil,
        dataSchema: String? = nil,
        extensions: [String: JSONValue] = [:]
    ) {
        self.init(
            source: source,
            type: type,
            data: nil,
            dataContentType: dataContentType,
            id: id,
            time: time,
            subject: subject,
            dataSchema: dataSchema,
            extensions: extensions
        )
        self.data = .binary(binaryData)
    }

    /// Creates a cloud event whose JSON payload is any `Encodable` value.
    /// - Parameters:
    ///   - source: Where the event happened.
    ///   - type: The type of the event.
    ///   - payload: The payload, converted to JSON now.
    ///   - id: A unique id; a new lowercase UUID by default.
    ///   - time: When it happened; now by default.
    ///   - subject: What the event is about.
    ///   - extensions: Extension attributes.
    /// - Throws: ``/AzureCore/AzureError`` of kind serialization when the payload cannot be encoded.
    public init(
        source: String,
        type: String,
        encoding payload: some Encodable,
        id: String = UUID().uuidString.lowercased(),
        time: Date? = Date(),
        subject: String? = nil,
        extensions: [String: JSONValue] = [:]
    ) throws {
        self.init(
            source: source,
            type: type,
            data: try JSONValue(encoding: payload),
            dataContentType: "application/json",
            id: id,
            time: time,
            subject: subject,
            extensions: extensions
        )
    }

    /// The names of the CloudEvents context attributes (and payload members), which an
    /// extension attribute may not use.
    public static let reservedAttributeNames: Set<String> = [
        "id", "source", "specversion", "type", "datacontenttype", "dataschema", "subject", "time",
        "data", "data_base64",
    ]

    /// Checks the event against the CloudEvents 1.0 rules the SDK enforces before sending:
    /// non-empty `id`, `source` and `type`; extension names of lowercase ASCII letters and digits
    /// only, none reserved; a `dataContentType` with binary data.
    /// - Throws: ``/AzureCore/AzureError`` of kind invalidInput naming the attribute.
    public func validate() throws {
        if id.isEmpty { throw AzureError.invalidInput("CloudEvent id must not be empty") }
        if source.isEmpty { throw AzureError.invalidInput("CloudEvent \(id): source must not be empty") }
        if type.isEmpty { throw AzureError.invalidInput("CloudEvent \(id): type must not be empty") }
        for name in extensions.keys.sorted() {
            let valid = !name.isEmpty && name.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) }
            guard valid else {
                throw AzureError.invalidInput(
                    "CloudEvent \(id): extension attribute name '\(name)' must be lowercase ASCII letters and digits only"
                )
            }
            guard !Self.reservedAttributeNames.contains(name) else {
                throw AzureError.invalidInput(
                    "CloudEvent \(id): extension attribute name '\(name)' is a reserved CloudEvents attribute"
                )
            }
        }
        if case .binary = data, dataContentType?.isEmpty ?? true {
            throw AzureError.invalidInput("CloudEvent \(id): binary data needs a dataContentType")
        }
    }
}

extension CloudEvent: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes a cloud event in the JSON event format: unknown members become extensions, a
    /// `null` attribute counts as absent, `time` is read leniently.
    /// - Throws: `DecodingError` when `id`, `source` or `type` is missing or not a string.
    public init(from decoder: any Decoder) throws {
        self = try EnvelopeReader.decode(decoder, typeName: "CloudEvent", Self.init(envelope:))
    }

    /// Reads a cloud event from the members of a parsed JSON object (what ``EventGridParser``
    /// and `init(from:)` do).
    /// - Parameter reader: The object's members.
    /// - Throws: ``EnvelopeReader/Failure`` naming the member that is missing or wrong.
    init(envelope reader: EnvelopeReader) throws(EnvelopeReader.Failure) {
        id = try reader.requiredString(.id)
        source = try reader.requiredString(.source)
        type = try reader.requiredString(.type)
        specVersion = try reader.string(.specversion) ?? "1.0"
        subject = try reader.string(.subject)
        dataSchema = try reader.string(.dataschema)
        dataContentType = try reader.string(.datacontenttype)
        time = try reader.date(.time)
        if let base64 = try reader.string(.dataBase64) {
            guard let bytes = Data(base64Encoded: base64) else {
                throw EnvelopeReader.Failure(member: "data_base64", problem: "is not valid base64")
            }
            storedData = .binary(bytes)
        } else {
            storedData = reader.lazyJSON(.data).map(StoredPayload.json)
        }
        extensions = reader.members(excluding: Self.reservedAttributeNames)
    }

    /// Encodes the event in the JSON event format (`data` or `data_base64`, never both;
    /// extensions as top-level members).
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (name, value) in extensions where !Self.reservedAttributeNames.contains(name) {
            try container.encode(value, forKey: Key(name))
        }
        try container.encode(id, forKey: Key("id"))
        try container.encode(source, forKey: Key("source"))
        try container.encode(type, forKey: Key("type"))
        try container.encode(specVersion, forKey: Key("specversion"))
        try container.encodeIfPresent(time.map(RFC3339.string(from:)), forKey: Key("time"))
        try container.encodeIfPresent(subject, forKey: Key("subject"))
        try container.encodeIfPresent(dataSchema, forKey: Key("dataschema"))
        try container.encodeIfPresent(dataContentType, forKey: Key("datacontenttype"))
        switch data {
        case .json(let value): try container.encode(value, forKey: Key("data"))
        case .binary(let bytes): try container.encode(bytes.base64EncodedString(), forKey: Key("data_base64"))
        case nil: break
        }
    }
}

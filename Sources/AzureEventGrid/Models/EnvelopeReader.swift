import AzureCore
import Foundation

/// Reads the members of an event envelope from a parsed JSON object: the one decoding path of
/// ``EventGridEvent`` and ``CloudEvent``. ``EventGridParser`` hands it objects whose envelope
/// members the parser already sorted into slots (``/AzureCore/JSONParser/parseObjects(_:named:keepingText:each:)``,
/// no dictionary per event, `data` kept as text); their `init(from:)` reads the value as a JSON tree first and comes
/// here with its dictionary, so both paths agree.
struct EnvelopeReader {
    /// Every envelope member of either schema: the slots the parser sorts members into.
    enum Member: Int, CaseIterable {
        case id, topic, subject, eventType, eventTime, dataVersion, metadataVersion, data
        case specversion, source, type, time, datacontenttype, dataschema, dataBase64

        /// The member's name on the wire.
        var name: String {
            switch self {
            case .id: return "id"
            case .topic: return "topic"
            case .subject: return "subject"
            case .eventType: return "eventType"
            case .eventTime: return "eventTime"
            case .dataVersion: return "dataVersion"
            case .metadataVersion: return "metadataVersion"
            case .data: return "data"
            case .specversion: return "specversion"
            case .source: return "source"
            case .type: return "type"
            case .time: return "time"
            case .datacontenttype: return "datacontenttype"
            case .dataschema: return "dataschema"
            case .dataBase64: return "data_base64"
            }
        }

        /// The wire names in slot order.
        static let names = allCases.map(\.name)
    }

    /// Why an envelope could not be read: the member and what is wrong with it.
    struct Failure: Error {
        /// The member's name.
        let member: String
        /// What is wrong, as the end of a sentence: `is missing`, `must be a string, not a number`.
        let problem: String

        /// `member 'id' is missing`.
        var message: String { "member '\(member)' \(problem)" }

        /// The same failure for a `Decoder`'s caller.
        /// - Parameter codingPath: The path of the envelope.
        /// - Returns: `keyNotFound` for a missing member, else `dataCorrupted`.
        func decodingError(codingPath: [any CodingKey]) -> DecodingError {
            let key = MemberKey(stringValue: member)
            if problem == Self.missing {
                return .keyNotFound(key, .init(codingPath: codingPath, debugDescription: message))
            }
            return .dataCorrupted(.init(codingPath: codingPath + [key], debugDescription: message))
        }

        static let missing = "is missing"
    }

    /// A member name as a coding key, for errors.
    struct MemberKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The envelope's members: those of ``Member`` in its slots, the others as they came.
    let object: JSONParser.SortedObject

    /// Reads an object the parser sorted (slots in ``Member`` order).
    /// - Parameter object: The object.
    init(sorted object: JSONParser.SortedObject) {
        self.object = object
    }

    /// Reads an object given as a dictionary (the `Decoder` path).
    /// - Parameter members: The object's members.
    init(members: [String: JSONValue]) {
        let names = Set(Member.names)
        object = JSONParser.SortedObject(
            named: Member.allCases.map { members[$0.name] },
            others: members.filter { !names.contains($0.key) }.map { ($0.key, $0.value) }
        )
    }

    /// The members whose values the parser keeps as text (see ``lazyJSON(_:)``).
    static let textNames: Set<String> = [Member.data.name]

    /// A member's value, `null` included; `nil` when it is absent. A member kept as text is
    /// read into a tree.
    /// - Parameter member: The member.
    /// - Returns: The value.
    subscript(member: Member) -> JSONValue? {
        object.named[member.rawValue] ?? object.texts[member.rawValue]?.value
    }

    /// Whether the object has the member (even as `null`).
    /// - Parameter member: The member.
    /// - Returns: `true` when it is present.
    func has(_ member: Member) -> Bool {
        object.named[member.rawValue] != nil || object.texts[member.rawValue] != nil
    }

    /// Any JSON member other than `null`, as the event keeps it: the text the parser kept, else
    /// the tree.
    /// - Parameter member: The member.
    /// - Returns: The value, or `nil` when the member is missing or `null`.
    func lazyJSON(_ member: Member) -> LazyJSON? {
        if let text = object.texts[member.rawValue] { return text.isNull ? nil : LazyJSON(text: text) }
        return json(member).map(LazyJSON.init)
    }

    /// Every member whose name is not in `excluded` and whose value is not `null`: a cloud
    /// event's extension attributes.
    /// - Parameter excluded: The names to leave out.
    /// - Returns: The members by name.
    func members(excluding excluded: Set<String>) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        func add(_ name: String, _ value: JSONValue) {
            if case .null = value { return }
            if !excluded.contains(name) { result[name] = value }
        }
        for member in Member.allCases where !excluded.contains(member.name) {
            if let value = self[member] { add(member.name, value) }
        }
        for (name, value) in object.others { add(name, value) }
        return result
    }

    /// Reads an envelope from any decoder: its value as JSON, which must be an object.
    /// - Parameters:
    ///   - decoder: The decoder.
    ///   - typeName: The envelope's type, for the error.
    ///   - read: Reads the envelope from the members.
    /// - Returns: The envelope.
    /// - Throws: `DecodingError` naming the member that is wrong.
    static func decode<Envelope>(
        _ decoder: any Decoder, typeName: String, _ read: (EnvelopeReader) throws(Failure) -> Envelope
    ) throws -> Envelope {
        guard case .object(let members) = try JSONValue(from: decoder) else {
            throw DecodingError.typeMismatch(
                [String: JSONValue].self,
                .init(codingPath: decoder.codingPath, debugDescription: "\(typeName) must be a JSON object"))
        }
        do {
            return try read(EnvelopeReader(members: members))
        } catch {
            throw error.decodingError(codingPath: decoder.codingPath)
        }
    }

    /// A string member: `nil` when it is missing or `null`.
    /// - Parameter member: The member.
    /// - Returns: The text, or `nil`.
    /// - Throws: ``Failure`` when the member is not a string.
    func string(_ member: Member) throws(Failure) -> String? {
        guard let value = self[member] else { return nil }
        var name: String { member.name }
        switch value {
        case .string(let text): return text
        case .null: return nil
        case .bool: throw Failure(member: name, problem: "must be a string, not a boolean")
        case .int, .double: throw Failure(member: name, problem: "must be a string, not a number")
        case .array: throw Failure(member: name, problem: "must be a string, not an array")
        case .object: throw Failure(member: name, problem: "must be a string, not an object")
        }
    }

    /// A string member the envelope needs.
    /// - Parameter member: The member.
    /// - Returns: The text.
    /// - Throws: ``Failure`` when the member is missing, `null` or not a string.
    func requiredString(_ member: Member) throws(Failure) -> String {
        guard let text = try string(member) else { throw Failure(member: member.name, problem: Failure.missing) }
        return text
    }

    /// A date-time member, RFC 3339 read leniently (0–9 fractional digits, any offset or none).
    /// - Parameter member: The member.
    /// - Returns: The date, or `nil` when the member is missing or `null`.
    /// - Throws: ``Failure`` when the member is not an RFC 3339 string.
    func date(_ member: Member) throws(Failure) -> Date? {
        guard let text = try string(member) else { return nil }
        guard let date = RFC3339.date(from: text) else {
            throw Failure(member: member.name, problem: "is not an RFC 3339 date-time: '\(text)'")
        }
        return date
    }

    /// Any JSON member other than `null`.
    /// - Parameter member: The member.
    /// - Returns: The value, or `nil` when the member is missing or `null`.
    func json(_ member: Member) -> JSONValue? {
        guard let value = self[member] else { return nil }
        if case .null = value { return nil }
        return value
    }
}

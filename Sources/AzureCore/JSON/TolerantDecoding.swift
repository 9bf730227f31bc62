public import Foundation

/// A type that reads itself from any JSON value without throwing: it converts what can be
/// converted (`"42"` to `42`, `"true"` to `true`, `42` to `"42"`) and gives `nil` otherwise.
///
/// The generated system-event models conform, so one bad or missing field never costs the whole
/// event. The one requirement, ``init(tolerantJSON:)``, holds all of a type's tolerant logic and
/// works straight on a parsed ``JSONValue`` tree (the fast path the SDK's parser uses); the
/// `Decodable` conformance of a model goes through it with ``init(tolerantlyFrom:)``. The scalars,
/// `Date`, `Data`, ``JSONValue``, arrays and string-keyed dictionaries convert as described on each.
public protocol TolerantDecodable: Decodable {
    /// Reads a value from JSON, or gives `nil` when the value cannot be made into this type.
    /// - Parameter json: The value.
    init?(tolerantJSON json: JSONValue)
}

extension TolerantDecodable {
    /// Decodes any JSON value from a decoder and reads it with ``init(tolerantJSON:)``: what the
    /// generated models' `init(from:)` does, so every decoder gets the same tolerant result.
    /// - Parameter decoder: The decoder positioned at the value.
    /// - Throws: `DecodingError.typeMismatch` when the value cannot be made into this type at all
    ///   (for a model: when it is not a JSON object).
    public init(tolerantlyFrom decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        guard let value = Self(tolerantJSON: json) else {
            throw DecodingError.typeMismatch(
                Self.self,
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "\(json.kindName) cannot be read as \(Self.self)")
            )
        }
        self = value
    }
}

/// A generated model: it reads its members through ``JSONMembers``, so it reads as well from
/// checked JSON text (a parsed event's `data`, no tree built) as from a parsed tree; its
/// ``TolerantDecodable/init(tolerantJSON:)`` goes through the same initializer.
package protocol TolerantObjectDecodable: TolerantDecodable {
    /// Reads a value from an object's members; a member that is missing or cannot be converted
    /// is `nil`.
    /// - Parameter members: The members.
    init(tolerantMembers members: JSONMembers)
}

extension Dictionary where Key == String, Value == JSONValue {
    /// Reads a member of a JSON object tolerantly: `nil` when it is missing, `null`, or cannot be
    /// converted to `type`. The generated models read each member with it.
    /// - Parameters:
    ///   - type: The member's type.
    ///   - key: The member's name.
    /// - Returns: The value, or `nil`.
    @inlinable
    public func tolerant<T: TolerantDecodable>(_ type: T.Type, forKey key: String) -> T? {
        guard let value = self[key] else { return nil }
        if case .null = value { return nil }
        return T(tolerantJSON: value)
    }
}

extension KeyedDecodingContainer {
    /// Decodes a member tolerantly, for hand-written `init(from:)`: `nil` when it is missing,
    /// `null`, or cannot be converted to `type`; never throws.
    /// - Parameters:
    ///   - type: The member's type.
    ///   - key: The member's key.
    /// - Returns: The value, or `nil`.
    public func tolerant<T: TolerantDecodable>(_ type: T.Type, forKey key: Key) -> T? {
        guard let json = try? decodeIfPresent(JSONValue.self, forKey: key) else { return nil }
        return T(tolerantJSON: json)
    }
}

extension KeyedEncodingContainer {
    /// Encodes a date as RFC 3339 text in UTC whatever the encoder's date strategy; `nil` is
    /// left out.
    /// - Parameters:
    ///   - date: The date.
    ///   - key: The member's key.
    /// - Throws: `EncodingError` from the container.
    public mutating func encodeRFC3339IfPresent(_ date: Date?, forKey key: Key) throws {
        guard let date else { return }
        try encode(RFC3339.string(from: date), forKey: key)
    }

    /// Encodes dates as RFC 3339 text in UTC whatever the encoder's date strategy; `nil` is left
    /// out.
    /// - Parameters:
    ///   - dates: The dates.
    ///   - key: The member's key.
    /// - Throws: `EncodingError` from the container.
    public mutating func encodeRFC3339IfPresent(_ dates: [Date]?, forKey key: Key) throws {
        guard let dates else { return }
        try encode(dates.map(RFC3339.string(from:)), forKey: key)
    }
}

extension Array: TolerantDecodable where Element: TolerantDecodable {
    /// Reads each element tolerantly and skips the ones that do not convert (models always
    /// convert when they are objects); a single value where an array belongs becomes a
    /// one-element array.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        if case .array(let elements) = json {
            self = elements.compactMap(Element.init(tolerantJSON:))
        } else if let element = Element(tolerantJSON: json) {
            self = [element]
        } else {
            return nil
        }
    }
}

extension Dictionary: TolerantDecodable where Key == String, Value: TolerantDecodable {
    /// Reads each value tolerantly and skips the ones that do not convert (a `null` is kept only
    /// as ``JSONValue/null``); `nil` when the value is not an object.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        guard case .object(let members) = json else { return nil }
        if Value.self == JSONValue.self {
            // Free-form members: the object as it is. The types are the same, so this is no
            // conversion (an `as?` cast would walk every member to check it).
            self = unsafeBitCast(members, to: [String: Value].self)
            return
        }
        var result: [String: Value] = [:]
        result.reserveCapacity(members.count)
        for (key, value) in members {
            if let converted = Value(tolerantJSON: value) { result[key] = converted }
        }
        self = result
    }
}

extension JSONValue: TolerantDecodable {
    /// Any JSON value is kept as it is.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        self = json
    }
}

extension String: TolerantDecodable {
    /// A string as it is; a number or boolean as its text.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        switch json {
        case .string(let text): self = text
        case .int(let value): self = String(value)
        case .double(let value): self = String(value)
        case .bool(let value): self = value ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }
}

extension Bool: TolerantDecodable {
    /// A boolean; the text `true`/`false` in any case; the numbers 1 and 0.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        switch json {
        case .bool(let value): self = value
        case .string(let text):
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1": self = true
            case "false", "0": self = false
            default: return nil
            }
        case .int(1): self = true
        case .int(0): self = false
        default: return nil
        }
    }
}

/// Integer conversion shared by the integer types: exact integers, integral doubles, and text.
private func tolerantInteger<T: FixedWidthInteger>(_ json: JSONValue) -> T? {
    switch json {
    case .int(let value): return T(exactly: value)
    case .double(let value): return T(exactly: value)
    case .string(let text):
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let value = T(trimmed) { return value }
        return Double(trimmed).flatMap { T(exactly: $0) }
    default: return nil
    }
}

/// Number conversion shared by the floating-point types: numbers and text.
private func tolerantDouble(_ json: JSONValue) -> Double? {
    switch json {
    case .int(let value): return Double(value)
    case .double(let value): return value
    case .string(let text): return Double(text.trimmingCharacters(in: .whitespaces))
    default: return nil
    }
}

extension Int: TolerantDecodable {
    /// An integer, an integral number, or integer text.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        guard let value: Int = tolerantInteger(json) else { return nil }
        self = value
    }
}

extension Int32: TolerantDecodable {
    /// An integer, an integral number, or integer text, when it fits.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        guard let value: Int32 = tolerantInteger(json) else { return nil }
        self = value
    }
}

extension Int64: TolerantDecodable {
    /// An integer, an integral number, or integer text.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        guard let value: Int64 = tolerantInteger(json) else { return nil }
        self = value
    }
}

extension Double: TolerantDecodable {
    /// A number or number text.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        guard let value = tolerantDouble(json) else { return nil }
        self = value
    }
}

extension Float: TolerantDecodable {
    /// A number or number text.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        guard let value = tolerantDouble(json) else { return nil }
        self = Float(value)
    }
}

extension Date: TolerantDecodable {
    /// RFC 3339 text: 0–9 fractional digits, `Z`, an offset, or no offset (read as UTC).
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        guard case .string(let text) = json, let date = RFC3339.date(from: text) else { return nil }
        self = date
    }
}

extension Data: TolerantDecodable {
    /// Base64 text (standard alphabet, padding optional).
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        guard case .string(let text) = json else { return nil }
        var padded = text
        while padded.count % 4 != 0 { padded += "=" }
        guard let data = Data(base64Encoded: padded) else { return nil }
        self = data
    }
}

/// An extensible string enum: a struct with a raw value and static members for the known
/// values, so values the service adds later decode too. Decoding matches a known value ignoring
/// case (`"succeeded"` becomes the `Succeeded` member) and keeps an unknown value exactly;
/// a number or boolean is taken as its text.
public protocol ExtensibleStringEnum: RawRepresentable, Codable, Hashable, Sendable, TolerantDecodable
where RawValue == String {
    /// Creates a value from its wire text as it is.
    /// - Parameter rawValue: The text.
    init(rawValue: String)

    /// The values the spec names.
    static var knownValues: [Self] { get }
}

extension ExtensibleStringEnum {
    /// The known value spelled like `text` (exactly, else ignoring case), else `text` as it is.
    /// - Parameter text: The wire text.
    public init(matching text: String) {
        if let exact = Self.knownValues.first(where: { $0.rawValue == text }) {
            self = exact
            return
        }
        let lowered = text.lowercased()
        self = Self.knownValues.first { $0.rawValue.lowercased() == lowered } ?? Self(rawValue: text)
    }

    /// Reads text (or a number or boolean, taken as text) with ``init(matching:)``; `nil` for
    /// `null`, an array or an object.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        guard let text = String(tolerantJSON: json) else { return nil }
        self.init(matching: text)
    }

    /// Decodes from text (or a number or boolean, taken as text).
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError.typeMismatch` when the value is null, an array or an object.
    public init(from decoder: any Decoder) throws {
        try self.init(tolerantlyFrom: decoder)
    }

    /// Encodes the raw value.
    /// - Parameter encoder: The encoder.
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

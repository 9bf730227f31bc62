public import Foundation

/// A type that decodes without throwing for a value of the wrong shape: it converts what can be
/// converted (`"42"` to `42`, `"true"` to `true`, `42` to `"42"`) and gives `nil` otherwise.
///
/// The generated system-event models use it for every member, so one bad or missing field
/// never costs the whole event. Models and extensible enums get the default implementation
/// (their own `init(from:)`, with any error turned into `nil`); the scalars, `Date`, `Data`,
/// ``JSONValue``, arrays and string-keyed dictionaries convert as described on each.
public protocol TolerantDecodable: Decodable {
    /// Decodes a value from a decoder, or gives `nil` when the value does not fit.
    /// - Parameter decoder: The decoder positioned at the value.
    /// - Returns: The value, or `nil`.
    static func tolerantValue(from decoder: any Decoder) -> Self?
}

extension TolerantDecodable {
    /// Decodes with `init(from:)` and turns an error into `nil`.
    /// - Parameter decoder: The decoder positioned at the value.
    /// - Returns: The value, or `nil`.
    public static func tolerantValue(from decoder: any Decoder) -> Self? {
        try? Self(from: decoder)
    }
}

/// A scalar that converts from any ``JSONValue`` it can make sense of.
public protocol TolerantJSONConvertible: TolerantDecodable {
    /// Converts a JSON value, or gives `nil` when it cannot.
    /// - Parameter json: The value.
    init?(tolerantJSON json: JSONValue)
}

extension TolerantJSONConvertible {
    /// Decodes the value as ``JSONValue`` and converts it.
    /// - Parameter decoder: The decoder positioned at the value.
    /// - Returns: The value, or `nil`.
    public static func tolerantValue(from decoder: any Decoder) -> Self? {
        guard let json = try? JSONValue(from: decoder) else { return nil }
        return Self(tolerantJSON: json)
    }
}

extension KeyedDecodingContainer {
    /// Decodes a member tolerantly: `nil` when it is missing, `null`, or cannot be converted to
    /// `type`; never throws.
    /// - Parameters:
    ///   - type: The member's type.
    ///   - key: The member's key.
    /// - Returns: The value, or `nil`.
    public func tolerant<T: TolerantDecodable>(_ type: T.Type, forKey key: Key) -> T? {
        guard contains(key), (try? decodeNil(forKey: key)) == false,
            let decoder = try? superDecoder(forKey: key)
        else { return nil }
        return T.tolerantValue(from: decoder)
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

/// An element decoded without throwing, so an unkeyed container always moves on.
private struct TolerantElement<T: TolerantDecodable>: Decodable {
    let value: T?

    init(from decoder: any Decoder) {
        value = T.tolerantValue(from: decoder)
    }
}

/// Any string key.
private struct AnyCodingKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }
}

extension Array: TolerantDecodable where Element: TolerantDecodable {
    /// Decodes each element tolerantly and skips the ones that do not fit (models always fit
    /// when they are objects); a single value where an array belongs becomes a one-element array.
    /// - Parameter decoder: The decoder positioned at the value.
    /// - Returns: The elements, or `nil` when nothing could be read.
    public static func tolerantValue(from decoder: any Decoder) -> [Element]? {
        guard var container = try? decoder.unkeyedContainer() else {
            return Element.tolerantValue(from: decoder).map { [$0] }
        }
        var result: [Element] = []
        if let count = container.count { result.reserveCapacity(count) }
        while !container.isAtEnd {
            guard let element = try? container.decode(TolerantElement<Element>.self) else { break }
            if let value = element.value { result.append(value) }
        }
        return result
    }
}

extension Dictionary: TolerantDecodable where Key == String, Value: TolerantDecodable {
    /// Decodes each value tolerantly and skips the ones that do not fit (a `null` is kept only
    /// as ``JSONValue/null``).
    /// - Parameter decoder: The decoder positioned at the value.
    /// - Returns: The entries, or `nil` when the value is not an object.
    public static func tolerantValue(from decoder: any Decoder) -> [String: Value]? {
        guard let container = try? decoder.container(keyedBy: AnyCodingKey.self) else { return nil }
        var result: [String: Value] = [:]
        for key in container.allKeys {
            // `superDecoder` rather than `tolerant`: a JSON `null` value stays when the value
            // type is `JSONValue` (and fails to convert, so is skipped, for the other types).
            if let decoder = try? container.superDecoder(forKey: key), let value = Value.tolerantValue(from: decoder) {
                result[key.stringValue] = value
            }
        }
        return result
    }
}

extension JSONValue: TolerantJSONConvertible {
    /// Any JSON value is kept as it is.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        self = json
    }
}

extension String: TolerantJSONConvertible {
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

extension Bool: TolerantJSONConvertible {
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

extension Int: TolerantJSONConvertible {
    /// An integer, an integral number, or integer text.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        guard let value: Int = tolerantInteger(json) else { return nil }
        self = value
    }
}

extension Int32: TolerantJSONConvertible {
    /// An integer, an integral number, or integer text, when it fits.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        guard let value: Int32 = tolerantInteger(json) else { return nil }
        self = value
    }
}

extension Int64: TolerantJSONConvertible {
    /// An integer, an integral number, or integer text.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        guard let value: Int64 = tolerantInteger(json) else { return nil }
        self = value
    }
}

extension Double: TolerantJSONConvertible {
    /// A number or number text.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        guard let value = tolerantDouble(json) else { return nil }
        self = value
    }
}

extension Float: TolerantJSONConvertible {
    /// A number or number text.
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        guard let value = tolerantDouble(json) else { return nil }
        self = Float(value)
    }
}

extension Date: TolerantJSONConvertible {
    /// RFC 3339 text: 0–9 fractional digits, `Z`, an offset, or no offset (read as UTC).
    /// - Parameter json: The value.
    public init?(tolerantJSON json: JSONValue) {
        guard case .string(let text) = json, let date = RFC3339.date(from: text) else { return nil }
        self = date
    }
}

extension Data: TolerantJSONConvertible {
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
    /// The known value spelled like `text` ignoring case, else `text` as it is.
    /// - Parameter text: The wire text.
    public init(matching text: String) {
        let lowered = text.lowercased()
        self = Self.knownValues.first { $0.rawValue.lowercased() == lowered } ?? Self(rawValue: text)
    }

    /// Decodes from text (or a number or boolean, taken as text).
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError.typeMismatch` when the value is null, an array or an object.
    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        guard let text = String(tolerantJSON: json) else {
            throw DecodingError.typeMismatch(
                String.self,
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "expected text for \(Self.self)")
            )
        }
        self.init(matching: text)
    }

    /// Encodes the raw value.
    /// - Parameter encoder: The encoder.
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

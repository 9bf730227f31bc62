public import Foundation

/// Any JSON value: what free-form spec objects (`type: object` without properties) and
/// custom-schema events become.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number without fraction or exponent that fits 64 bits.
    case int(Int64)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object (member order is not kept).
    case object([String: JSONValue])

    /// The member of an object, or `nil` for other values and missing members.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The members, when this is an object.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// Converts any `Encodable` value to JSON, with the SDK's date format.
    /// - Parameter value: The value.
    /// - Throws: ``AzureError`` of kind serialization when the value cannot be encoded.
    public init(encoding value: some Encodable) throws {
        do {
            let data = try JSONCoding.makeEncoder().encode(value)
            self = try JSONCoding.makeDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw AzureError(
                kind: .serialization,
                message: "could not convert \(type(of: value)) to JSON: \(error)",
                underlyingError: error
            )
        }
    }

    /// Parses JSON text (see ``JSONParser``).
    /// - Parameter data: UTF-8 JSON.
    /// - Throws: ``AzureError`` of kind serialization naming what was wrong and its byte offset;
    ///   the ``JSONParser/SyntaxError`` is the underlying error.
    public init(parsing data: Data) throws {
        do {
            self = try JSONParser.parse(data)
        } catch {
            throw JSONParser.failure(error)
        }
    }

    /// Decodes this value as a `Decodable` type, with the SDK's date format.
    /// - Parameter type: The type.
    /// - Returns: The decoded value.
    /// - Throws: ``AzureError`` of kind serialization when it does not fit.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        do {
            return try JSONValueDecoder(self).decode(T.self)
        } catch {
            throw AzureError(
                kind: .serialization, message: "JSON does not fit \(T.self): \(error)", underlyingError: error)
        }
    }
}

extension JSONValue: Codable {
    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        if let tree = decoder as? JSONValueDecoder {
            self = tree.value  // already a tree: nothing to try
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Encodes the value as it is.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// A string literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// A floating-point literal.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// `true` or `false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// A dictionary literal; a repeated key keeps the last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    /// `nil` as JSON `null`.
    public init(nilLiteral: ()) { self = .null }
}

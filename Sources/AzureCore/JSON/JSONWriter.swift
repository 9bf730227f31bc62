public import Foundation

/// A value that can write itself as JSON straight into bytes, without going through
/// `Encoder`. Request bodies of such values take this fast path (see
/// ``HTTPRequest/operationRequest(method:baseURL:path:pathParameters:query:headers:contentType:jsonBody:)``).
public protocol JSONWritable {
    /// Writes the value.
    /// - Parameter writer: The writer to append to.
    func writeJSON(to writer: inout JSONWriter)
}

/// Writes compact JSON into a byte buffer: objects with sorted keys (so output is deterministic),
/// strings escaped as RFC 8259 requires, dates as RFC 3339 UTC, bytes as base64.
///
/// A number that JSON cannot hold (NaN, infinity) is written as `null` and recorded in
/// ``invalidValue``, so a caller can refuse the result instead of sending a changed value.
public struct JSONWriter {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]
    /// A description of the first value JSON cannot represent, if one was written.
    public private(set) var invalidValue: String?
    private var needsComma = false

    /// Creates a writer.
    /// - Parameter capacity: Bytes to reserve.
    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The bytes as `Data`.
    public var data: Data { Data(bytes) }

    /// Forgets everything written, keeping the buffer's capacity for the next value.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        invalidValue = nil
        needsComma = false
    }

    // MARK: Structure

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// Starts an object (as a value).
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Ends an object.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Starts an array (as a value).
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Ends an array.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name inside an object; the member's value follows.
    /// - Parameter name: The name.
    public mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: Values

    /// Writes `null`.
    public mutating func writeNull() {
        separate()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        needsComma = true
    }

    /// Writes `true` or `false`.
    /// - Parameter value: The value.
    public mutating func write(_ value: Bool) {
        separate()
        if value {
            bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        } else {
            bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
        needsComma = true
    }

    /// Writes an integer.
    /// - Parameter value: The value.
    public mutating func write(_ value: Int64) {
        separate()
        appendInteger(value)
        needsComma = true
    }

    /// Writes an integer.
    /// - Parameter value: The value.
    public mutating func write(_ value: Int) {
        write(Int64(value))
    }

    /// Writes a floating-point number in its shortest round-trip form; integral values keep no
    /// fraction (`2.0` → `2`), like `JSONEncoder`.
    /// - Parameter value: The value; NaN and infinities are written as `null` and recorded.
    public mutating func write(_ value: Double) {
        guard value.isFinite else {
            if invalidValue == nil { invalidValue = "\(value) is not a JSON number" }
            writeNull()
            return
        }
        separate()
        if value == value.rounded(), abs(value) < 1e15 {
            appendInteger(Int64(value))
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
        needsComma = true
    }

    /// Writes a string.
    /// - Parameter value: The value.
    public mutating func write(_ value: String) {
        separate()
        appendString(value)
        needsComma = true
    }

    /// Writes a date as RFC 3339 UTC (see ``RFC3339/string(from:)``).
    /// - Parameter value: The value.
    public mutating func write(_ value: Date) {
        write(RFC3339.string(from: value))
    }

    /// Writes bytes as a base64 string.
    /// - Parameter value: The value.
    public mutating func write(base64 value: Data) {
        write(value.base64EncodedString())
    }

    /// Writes any JSON value (object members in sorted key order).
    /// - Parameter value: The value.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: writeNull()
        case .bool(let flag): write(flag)
        case .int(let number): write(number)
        case .double(let number): write(number)
        case .string(let text): write(text)
        case .array(let elements):
            beginArray()
            for element in elements { write(element) }
            endArray()
        case .object(let members):
            beginObject()
            for name in members.keys.sorted() {
                key(name)
                if let member = members[name] { write(member) }
            }
            endObject()
        }
    }

    /// Writes any writable value.
    /// - Parameter value: The value.
    public mutating func write(_ value: some JSONWritable) {
        value.writeJSON(to: &self)
    }

    // MARK: Bytes

    private mutating func appendInteger(_ value: Int64) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        withUnsafeBytes(of: &digits) { buffer in
            for index in stride(from: count - 1, through: 0, by: -1) {
                bytes.append(buffer[index])
            }
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func appendString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                }
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    bytes.append(Self.hex[Int(byte >> 4)])
                    bytes.append(Self.hex[Int(byte & 0x0F)])
                }
                runStart = index + 1
            }
            if runStart < utf8.count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONValue: JSONWritable {
    /// Writes the value.
    /// - Parameter writer: The writer to append to.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.write(self)
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    /// Writes the elements as a JSON array.
    /// - Parameter writer: The writer to append to.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginArray()
        for element in self { element.writeJSON(to: &writer) }
        writer.endArray()
    }
}

public import Foundation

/// A value that can write itself as JSON straight into bytes, without going through
/// `Encoder`. Request bodies of such values take this fast path (see
/// ``HTTPRequest/operationRequest(method:baseURL:path:pathParameters:query:headers:contentType:jsonBody:encodedJSONBody:)``).
public protocol JSONWritable {
    /// Writes the value.
    /// - Parameter writer: The writer to append to.
    func writeJSON(to writer: inout JSONWriter)
}

/// Writes compact JSON into a byte buffer: objects with their keys sorted by UTF-8 bytes (so
/// output is deterministic), strings escaped as RFC 8259 requires, dates as RFC 3339 UTC, bytes
/// as base64.
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

    /// Makes room for at least `capacity` bytes in all, so a caller that can estimate the
    /// final size spares the buffer its regrowths (and the copies each leaves behind).
    /// - Parameter capacity: The total number of bytes to make room for.
    package mutating func reserveCapacity(_ capacity: Int) {
        if capacity > bytes.capacity { bytes.reserveCapacity(capacity) }
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
        separate()
        bytes.append(UInt8(ascii: "\""))
        value.withUnsafeBytes { Base64.append($0, to: &bytes) }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Writes any JSON value (object members sorted by their keys' UTF-8 bytes).
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
            if members.count <= 1 {
                for (name, member) in members {
                    key(name)
                    write(member)
                }
            } else {
                // Sorted by the keys' UTF-8 bytes: first by their first eight bytes as one
                // number, then (on a tie) in full. Only plain values (a number and a position)
                // move while sorting; members are read back by position, not hashed.
                typealias Entry = (prefix: UInt64, index: [String: JSONValue].Index)
                var order: [Entry] = []
                order.reserveCapacity(members.count)
                var position = members.startIndex
                while position != members.endIndex {
                    order.append((Self.sortPrefix(members.keys[position]), position))
                    position = members.index(after: position)
                }
                order.withUnsafeMutableBufferPointer { buffer in
                    // Insertion sort: objects are small, and most prefixes differ.
                    for next in 1..<buffer.count {
                        let entry = buffer[next]
                        var slot = next
                        while slot > 0 {
                            let previous = buffer[slot - 1]
                            let after =
                                previous.prefix != entry.prefix
                                ? previous.prefix > entry.prefix
                                : Self.utf8Precedes(members.keys[entry.index], members.keys[previous.index])
                            guard after else { break }
                            buffer[slot] = previous
                            slot -= 1
                        }
                        buffer[slot] = entry
                    }
                }
                for entry in order {
                    key(members.keys[entry.index])
                    write(members.values[entry.index])
                }
            }
            endObject()
        }
    }

    /// The first eight UTF-8 bytes of `key` as a big-endian number (zeros after a shorter key).
    private static func sortPrefix(_ key: String) -> UInt64 {
        let fast = key.utf8.withContiguousStorageIfAvailable { bytes -> UInt64 in
            guard let base = bytes.baseAddress else { return 0 }
            if bytes.count >= 8 {
                return UInt64(bigEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self))
            }
            var prefix: UInt64 = 0
            for index in 0..<bytes.count {
                prefix |= UInt64(bytes[index]) << (56 - 8 * UInt64(index))
            }
            return prefix
        }
        if let fast { return fast }
        var prefix: UInt64 = 0
        var shift: UInt64 = 56
        for byte in key.utf8 {
            prefix |= UInt64(byte) << shift
            guard shift > 0 else { break }
            shift -= 8
        }
        return prefix
    }

    /// Whether `left` sorts before `right` by their UTF-8 bytes (code point order).
    private static func utf8Precedes(_ left: String, _ right: String) -> Bool {
        var left = left
        var right = right
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                let common = min(leftBytes.count, rightBytes.count)
                if common > 0, let leftBase = leftBytes.baseAddress, let rightBase = rightBytes.baseAddress {
                    let order = memcmp(leftBase, rightBase, common)
                    if order != 0 { return order < 0 }
                }
                return leftBytes.count < rightBytes.count
            }
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
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaping($0) }) == nil {
            var copy = value
            copy.withUTF8 { appendEscaping($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaping(_ utf8: UnsafeBufferPointer<UInt8>) {
        do {
            var runStart = 0
            while runStart < utf8.count {
                let index = Self.firstByteToEscape(in: utf8, from: runStart)
                if runStart < index {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                }
                guard index < utf8.count else { break }
                appendEscaped(utf8[index])
                runStart = index + 1
            }
        }
    }

    private mutating func appendEscaped(_ byte: UInt8) {
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
    }

    /// The index of the first byte at or after `start` that a JSON string must escape (a control
    /// character, `"` or `\\`), or `utf8.count`.
    private static func firstByteToEscape(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        JSONBytes.scanPlain(utf8, from: start).end
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

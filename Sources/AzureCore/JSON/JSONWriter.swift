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
    /// A copy of the bytes written so far.
    public var bytes: [UInt8] { out.withBytes(Array.init) }
    /// A description of the first value JSON cannot represent, if one was written.
    public private(set) var invalidValue: String?
    private var needsComma = false
    /// The buffer, shared by copies of the writer until one of them writes (copy on write: each
    /// public mutating method makes it unique once; the helpers below it append unchecked).
    private var out: ByteBuffer

    /// Creates a writer.
    /// - Parameter capacity: Bytes to reserve.
    public init(capacity: Int = 1024) {
        out = ByteBuffer(capacity: capacity)
    }

    /// The number of bytes written so far.
    package var count: Int { out.count }

    /// Reads the bytes written so far in place.
    /// - Parameter body: Reads the bytes; they are valid only during the call.
    /// - Returns: What `body` returns.
    package func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try out.withBytes(body)
    }

    /// Makes room for at least `capacity` bytes in all, so a caller that can estimate the
    /// final size spares the buffer its regrowths (and the copies each leaves behind).
    /// - Parameter capacity: The total number of bytes to make room for.
    package mutating func reserveCapacity(_ capacity: Int) {
        unique()
        out.reserve(capacity)
    }

    /// The bytes as `Data`.
    public var data: Data { out.withBytes { Data(buffer: $0) } }

    /// Forgets everything written, keeping the buffer's capacity for the next value.
    public mutating func removeAll() {
        if isKnownUniquelyReferenced(&out) { out.count = 0 } else { out = ByteBuffer(capacity: out.capacity) }
        invalidValue = nil
        needsComma = false
    }

    /// Gives this writer its own buffer when a copy of it shares the buffer.
    @inline(__always)
    private mutating func unique() {
        if !isKnownUniquelyReferenced(&out) { out = out.copy() }
    }

    // MARK: Structure

    private func separate() {
        if needsComma { out.append(UInt8(ascii: ",")) }
    }

    /// Starts an object (as a value).
    public mutating func beginObject() {
        unique()
        separate()
        out.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Ends an object.
    public mutating func endObject() {
        unique()
        out.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Starts an array (as a value).
    public mutating func beginArray() {
        unique()
        separate()
        out.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Ends an array.
    public mutating func endArray() {
        unique()
        out.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name inside an object; the member's value follows.
    /// - Parameter name: The name.
    public mutating func key(_ name: String) {
        unique()
        appendKey(name)
    }

    private mutating func appendKey(_ name: String) {
        separate()
        appendString(name)
        out.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: Values

    /// Writes `null`.
    public mutating func writeNull() {
        unique()
        appendValue(.null)
    }

    /// Writes `true` or `false`.
    /// - Parameter value: The value.
    public mutating func write(_ value: Bool) {
        unique()
        appendValue(.bool(value))
    }

    /// Writes an integer.
    /// - Parameter value: The value.
    public mutating func write(_ value: Int64) {
        unique()
        appendValue(.int(value))
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
        unique()
        appendValue(.double(value))
    }

    /// Writes a string.
    /// - Parameter value: The value.
    public mutating func write(_ value: String) {
        unique()
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
        unique()
        separate()
        var text: [UInt8] = [UInt8(ascii: "\"")]
        value.withUnsafeBytes { Base64.append($0, to: &text) }
        text.append(UInt8(ascii: "\""))
        text.withUnsafeBufferPointer { out.append($0) }
        needsComma = true
    }

    /// Writes any JSON value (object members sorted by their keys' UTF-8 bytes).
    /// - Parameter value: The value.
    public mutating func write(_ value: JSONValue) {
        unique()
        appendValue(value)
    }

    /// Writes a value into the buffer, which is this writer's own (see ``unique()``).
    private mutating func appendValue(_ value: JSONValue) {
        separate()
        switch value {
        case .null:
            out.append(0x6E, 0x75, 0x6C, 0x6C)
        case .bool(let flag):
            if flag {
                out.append(0x74, 0x72, 0x75, 0x65)
            } else {
                out.append(0x66, 0x61, 0x6C, 0x73)
                out.append(0x65)
            }
        case .int(let number):
            appendInteger(number)
        case .double(let number):
            guard number.isFinite else {
                if invalidValue == nil { invalidValue = "\(number) is not a JSON number" }
                out.append(0x6E, 0x75, 0x6C, 0x6C)
                break
            }
            if number == number.rounded(), abs(number) < 1e15 {
                appendInteger(Int64(number))
            } else {
                var text = number.description
                text.withUTF8 { out.append($0) }
            }
        case .string(let text):
            appendString(text)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            needsComma = false
            for element in elements { appendValue(element) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            needsComma = false
            if members.count <= 1 {
                for (name, member) in members {
                    appendKey(name)
                    appendValue(member)
                }
            } else {
                appendSortedMembers(members)
            }
            out.append(UInt8(ascii: "}"))
        }
        needsComma = true
    }

    /// Writes an object's members sorted by their keys' UTF-8 bytes. What is sorted is one number
    /// per member: its key's first bytes (as many as fit) above its ordinal, in the bits the
    /// count needs; members whose numbers tie on the key bytes are then ordered by whole keys.
    /// Members are read back by their dictionary positions, kept beside, not hashed.
    private mutating func appendSortedMembers(_ members: [String: JSONValue]) {
        let count = members.count
        let ordinalMask: UInt64 = (1 << UInt64(UInt64.bitWidth - UInt64(count - 1).leadingZeroBitCount)) - 1
        withUnsafeTemporaryAllocation(of: [String: JSONValue].Index.self, capacity: count) { positions in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { order in
                var ordinal = 0
                var position = members.startIndex
                while position != members.endIndex {
                    positions.initializeElement(at: ordinal, to: position)
                    order[ordinal] = Self.sortPrefix(members.keys[position]) & ~ordinalMask | UInt64(ordinal)
                    ordinal += 1
                    position = members.index(after: position)
                }
                func key(_ number: UInt64) -> String { members.keys[positions[Int(number & ordinalMask)]] }
                Self.sort(order, by: <)
                var start = 0
                while start < count {
                    var end = start + 1
                    while end < count, order[end] & ~ordinalMask == order[start] & ~ordinalMask { end += 1 }
                    if end - start > 1 {
                        Self.sort(UnsafeMutableBufferPointer(rebasing: order[start..<end])) {
                            Self.utf8Precedes(key($0), key($1))
                        }
                    }
                    start = end
                }
                for number in order {
                    let position = positions[Int(number & ordinalMask)]
                    appendKey(members.keys[position])
                    appendValue(members.values[position])
                }
                _ = positions.deinitialize()
            }
        }
    }

    /// Sorts in place: by insertion when there are few numbers (the usual object; no
    /// allocation), else with the standard library's sort (O(n log n) whatever the keys).
    private static func sort(_ numbers: UnsafeMutableBufferPointer<UInt64>, by precedes: (UInt64, UInt64) -> Bool) {
        guard numbers.count <= 48 else {
            var numbers = numbers
            numbers.sort(by: precedes)
            return
        }
        for next in numbers.indices.dropFirst() {
            let number = numbers[next]
            var slot = next
            while slot > numbers.startIndex, precedes(number, numbers[slot - 1]) {
                numbers[slot] = numbers[slot - 1]
                slot -= 1
            }
            numbers[slot] = number
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

    private func appendInteger(_ value: Int64) {
        var magnitude = value.magnitude
        // Digits from the end of a 24-byte scratch (19 digits and a sign at most), then one append.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            var position = raw.count
            repeat {
                position -= 1
                raw[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                position -= 1
                raw[position] = UInt8(ascii: "-")
            }
            out.append(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[position...]))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private func appendString(_ value: String) {
        if value.utf8.withContiguousStorageIfAvailable({ appendQuoted($0) }) == nil {
            var copy = value
            copy.withUTF8 { appendQuoted($0) }
        }
    }

    /// Writes `utf8` in quotes: copied as it is up to the first byte to escape (eight bytes at a
    /// time), the rest escaped.
    private func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        out.reserve(out.count + utf8.count + 2)  // enough unless something needs escaping
        out.append(UInt8(ascii: "\""))
        let plain = out.appendPlain(utf8)
        if plain < utf8.count { appendEscaping(UnsafeBufferPointer(rebasing: utf8[plain...])) }
        out.append(UInt8(ascii: "\""))
    }

    private func appendEscaping(_ utf8: UnsafeBufferPointer<UInt8>) {
        do {
            var runStart = 0
            while runStart < utf8.count {
                let index = Self.firstByteToEscape(in: utf8, from: runStart)
                if runStart < index {
                    out.append(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                }
                guard index < utf8.count else { break }
                appendEscaped(utf8[index])
                runStart = index + 1
            }
        }
    }

    private func appendEscaped(_ byte: UInt8) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
            out.append(UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hex[Int(byte >> 4)])
            out.append(Self.hex[Int(byte & 0x0F)])
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

/// The bytes of a ``JSONWriter``: one growing allocation, appended to without the checks of an
/// `Array` append (the writer makes sure it is the only owner once per public call).
final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// A buffer of its own with the same bytes.
    func copy() -> ByteBuffer {
        let copy = ByteBuffer(capacity: capacity)
        copy.base.update(from: base, count: count)
        copy.count = count
        return copy
    }

    /// Makes room for `total` bytes in all.
    func reserve(_ total: Int) {
        guard total > capacity else { return }
        var grown = capacity * 2
        while grown < total { grown *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }

    /// Reads the bytes in place.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { reserve(count + 1) }
        base[count] = byte
        count += 1
    }

    /// Appends four bytes with one capacity check.
    @inline(__always)
    func append(_ first: UInt8, _ second: UInt8, _ third: UInt8, _ fourth: UInt8) {
        if count + 4 > capacity { reserve(count + 4) }
        base[count] = first
        base[count + 1] = second
        base[count + 2] = third
        base[count + 3] = fourth
        count += 4
    }

    /// Copies bytes from the start of `bytes` up to the first one a JSON string must escape,
    /// eight at a time; there must be room for all of `bytes`.
    /// - Returns: How many bytes were copied.
    @inline(__always)
    func appendPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let source = bytes.baseAddress else { return 0 }
        let target = base + count
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
            if JSONBytes.hasSpecialByte(word) { break }
            UnsafeMutableRawPointer(target + index).storeBytes(of: word, as: UInt64.self)
            index += 8
        }
        while index < bytes.count, !JSONBytes.isSpecial(source[index]) {
            target[index] = source[index]
            index += 1
        }
        count += index
        return index
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if count + bytes.count > capacity { reserve(count + bytes.count) }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }
}

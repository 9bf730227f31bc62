public import Foundation

/// A strict RFC 8259 JSON reader that works on bytes and reports where input is wrong.
///
/// Faster than going through `JSONDecoder` for untyped values, and every error names the byte
/// offset (and line and column) of the problem. Nesting deeper than ``maxDepth`` is refused
/// rather than risking the stack.
public struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maxDepth = 512

    /// Why and where JSON text was refused.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What was wrong.
        public var reason: String
        /// The 0-based byte offset of the problem.
        public var offset: Int
        /// The 1-based line of the problem.
        public var line: Int
        /// The 1-based column (in bytes) of the problem.
        public var column: Int

        /// `<reason> at offset <n> (line <l>, column <c>)`.
        public var description: String {
            "\(reason) at offset \(offset) (line \(line), column \(column))"
        }
    }

    /// Parses one JSON value that must fill the whole input (surrounding whitespace allowed).
    /// - Parameter data: UTF-8 JSON text.
    /// - Returns: The value.
    /// - Throws: ``SyntaxError`` naming the offset of the first problem.
    public static func parse(_ data: Data) throws(SyntaxError) -> JSONValue {
        let result = data.withUnsafeBytes { raw -> Result<JSONValue, SyntaxError> in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            do throws(SyntaxError) {
                return .success(try reader.document())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The error of any parse in the SDK: kind serialization, `invalid JSON: <reason> at offset …`.
    /// - Parameter error: The syntax error (kept as the underlying error).
    /// - Returns: The error.
    package static func failure(_ error: SyntaxError) -> AzureError {
        AzureError(kind: .serialization, message: "invalid JSON: \(error)", underlyingError: error)
    }

    /// One JSON object whose members were sorted, as they were read, into the slots of the names
    /// a caller asked for (see ``parseObjects(_:named:each:)``): the names are matched on their bytes,
    /// so they never become strings and no dictionary is built.
    package struct SortedObject: Sendable {
        /// The value of each asked-for name, by the name's index; `nil` when absent. A repeated
        /// name keeps its last value.
        package var named: [JSONValue?]
        /// Every other member, in order.
        package var others: [(String, JSONValue)]
        /// The checked text of each asked-for name whose value was kept as text (see
        /// ``JSONParser/parseObjects(_:named:keepingText:each:)``), by the name's index; such a
        /// name's slot in ``named`` stays `nil`.
        package var texts: [JSONText?]

        /// Creates an object from its slots and other members.
        /// - Parameters:
        ///   - named: The value of each asked-for name, by index.
        ///   - others: The other members.
        ///   - texts: The values kept as text, by index (none by default).
        package init(named: [JSONValue?], others: [(String, JSONValue)], texts: [JSONText?]? = nil) {
            self.named = named
            self.others = others
            self.texts = texts ?? Array(repeating: nil, count: named.count)
        }
    }

    /// The shape of a document read by ``parseObjects(_:named:each:)``.
    package enum Layout: Sendable, Equatable {
        /// One top-level object.
        case object
        /// A top-level array; the index of its first element that is not an object, if any.
        case array(count: Int, firstNonObject: Int?)
        /// A top-level value that is neither an object nor an array.
        case other
    }

    /// Parses a document that should be one object or an array of objects (a batch of events),
    /// handing each top-level object to `each` as soon as it is read, with its members sorted
    /// into the slots of `names`. Nested values are read as ``JSONValue`` trees, except those of
    /// the names in `textNames`: they are checked and kept as ``JSONText`` (no tree is built).
    /// The input is checked exactly as ``parse(_:)`` checks it, to the end, whatever `each` does.
    /// - Parameters:
    ///   - data: UTF-8 JSON text.
    ///   - names: The member names to give slots, in slot order.
    ///   - textNames: The names (among `names`) whose values are kept as text.
    ///   - each: Called with each top-level object's index (0 for a lone object) and members;
    ///     the object is only valid during the call.
    /// - Returns: The document's shape.
    /// - Throws: ``SyntaxError`` naming the offset of the first problem.
    package static func parseObjects(
        _ data: Data, named names: [String], keepingText textNames: Set<String> = [],
        each: (Int, SortedObject) -> Void
    ) throws(SyntaxError) -> Layout {
        let slots = Slots(names: names.map { Array($0.utf8) }, text: names.map(textNames.contains))
        let result = data.withUnsafeBytes { raw -> Result<Layout, SyntaxError> in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            do throws(SyntaxError) {
                return .success(try reader.objectsDocument(slots: slots, each: each))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The asked-for names of ``parseObjects(_:named:keepingText:each:)`` as bytes, and which of
    /// them keep their values as text.
    struct Slots {
        let names: [[UInt8]]
        let text: [Bool]
    }

    /// Reads the bytes in place (they live as long as `parse`'s closure). Object members are
    /// gathered on one scratch stack shared by every nesting level, so each object's dictionary
    /// is made once at its final size instead of growing and rehashing.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var depth = 0
        var members: [(String, JSONValue)] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func document() throws(SyntaxError) -> JSONValue {
            skipWhitespace()
            let value = try parseValue()
            try end()
            return value
        }

        mutating func end() throws(SyntaxError) {
            skipWhitespace()
            guard index == bytes.count else { throw error("unexpected text after the JSON value") }
        }

        mutating func objectsDocument(
            slots: Slots, each: (Int, SortedObject) -> Void
        ) throws(SyntaxError) -> Layout {
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input") }
            // One slot buffer for every object: emptied after each call, never reallocated.
            var object = SortedObject(
                named: Array(repeating: nil, count: slots.names.count), others: [],
                texts: Array(repeating: nil, count: slots.names.count))
            func hand(_ position: Int) {
                each(position, object)
                for slot in object.named.indices {
                    object.named[slot] = nil
                    object.texts[slot] = nil
                }
                object.others.removeAll(keepingCapacity: true)
            }
            let layout: Layout
            switch bytes[index] {
            case UInt8(ascii: "{"):
                try parseSortedObject(slots: slots, into: &object)
                hand(0)
                layout = .object
            case UInt8(ascii: "["):
                var count = 0
                var firstNonObject: Int?
                try array { (reader) throws(SyntaxError) in
                    if reader.bytes[reader.index] == UInt8(ascii: "{") {
                        try reader.parseSortedObject(slots: slots, into: &object)
                        hand(count)
                    } else {
                        try reader.skipValue()
                        if firstNonObject == nil { firstNonObject = count }
                    }
                    count += 1
                }
                layout = .array(count: count, firstNonObject: firstNonObject)
            default:
                try skipValue()
                layout = .other
            }
            try end()
            return layout
        }

        /// The punctuation of an object, from its `{` to past its `}`: `member` reads each
        /// member, called at the opening quote of its name (see ``colon()``).
        mutating func object(_ member: (inout Reader) throws(SyntaxError) -> Void) throws(SyntaxError) {
            try items(closing: UInt8(ascii: "}"), in: "an object") { (reader) throws(SyntaxError) in
                guard reader.index < reader.bytes.count else {
                    throw reader.error("unexpected end of input in an object")
                }
                guard reader.bytes[reader.index] == UInt8(ascii: "\"") else {
                    throw reader.error("expected a member name in quotes")
                }
                try member(&reader)
            }
        }

        /// Between a member's name and its value: the `:` and the whitespace around it.
        mutating func colon() throws(SyntaxError) {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after member name")
            }
            index += 1
            skipWhitespace()
        }

        /// The punctuation of an array, from its `[` to past its `]`: `element` reads each
        /// element, called at its first byte (there is one).
        mutating func array(_ element: (inout Reader) throws(SyntaxError) -> Void) throws(SyntaxError) {
            try items(closing: UInt8(ascii: "]"), in: "an array") { (reader) throws(SyntaxError) in
                guard reader.index < reader.bytes.count else { throw reader.error("unexpected end of input") }
                try element(&reader)
            }
        }

        /// What objects and arrays share: the opening byte (at `index`), then items separated by
        /// `,` up to `closing`, each read by `item` after the whitespace before it.
        private mutating func items(
            closing: UInt8, in container: String, _ item: (inout Reader) throws(SyntaxError) -> Void
        ) throws(SyntaxError) {
            try enter()
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == closing {
                index += 1
                depth -= 1
                return
            }
            while true {
                skipWhitespace()
                try item(&self)
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of input in \(container)") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard bytes[index] == closing else {
                    throw error("expected ',' or '\(Self.printable(closing))' in \(container)")
                }
                index += 1
                depth -= 1
                return
            }
        }

        /// An object whose member names are matched against the slots' names as bytes, into an
        /// emptied `object`.
        mutating func parseSortedObject(slots: Slots, into object: inout SortedObject) throws(SyntaxError) {
            try self.object { (reader) throws(SyntaxError) in
                let name = try reader.parseName(names: slots.names)
                try reader.colon()
                switch name {
                case .slot(let slot) where slots.text[slot]:
                    let start = reader.index
                    try reader.skipValue()
                    object.texts[slot] = JSONText(
                        copying: UnsafeBufferPointer(rebasing: reader.bytes[start..<reader.index]))
                case .slot(let slot): object.named[slot] = try reader.parseValue()
                case .other(let text): object.others.append((text, try reader.parseValue()))
                }
            }
        }

        enum Name {
            case slot(Int)
            case other(String)
        }

        /// A member name: the slot of the asked-for name it spells, else the name as text.
        mutating func parseName(names: [[UInt8]]) throws(SyntaxError) -> Name {
            let start = index + 1
            var cursor = start
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\""), bytes[cursor] != UInt8(ascii: "\\") {
                cursor += 1
            }
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\""),
                let slot = Self.slot(of: UnsafeBufferPointer(rebasing: bytes[start..<cursor]), in: names)
            {
                index = cursor + 1
                return .slot(slot)
            }
            let text = try parseString()  // escapes, other names, and every error
            if let slot = names.firstIndex(where: { $0.elementsEqual(text.utf8) }) { return .slot(slot) }
            return .other(text)
        }

        static func slot(of name: UnsafeBufferPointer<UInt8>, in names: [[UInt8]]) -> Int? {
            for (slot, candidate) in names.enumerated() where candidate.count == name.count {
                let equal = candidate.withUnsafeBufferPointer { candidate in
                    guard let left = candidate.baseAddress, let right = name.baseAddress else { return true }
                    return memcmp(left, right, name.count) == 0
                }
                if equal { return slot }
            }
            return nil
        }

        func error(_ reason: String, at offset: Int? = nil) -> SyntaxError {
            let position = min(offset ?? index, bytes.count)
            var line = 1
            var lineStart = 0
            var cursor = 0
            while cursor < position {
                if bytes[cursor] == 0x0A {
                    line += 1
                    lineStart = cursor + 1
                }
                cursor += 1
            }
            return SyntaxError(reason: reason, offset: position, line: line, column: position - lineStart + 1)
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func parseValue() throws(SyntaxError) -> JSONValue {
            guard index < bytes.count else { throw error("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try parseObject()
            case UInt8(ascii: "["): return try parseArray()
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
            default:
                throw error("unexpected character '\(Self.printable(bytes[index]))'")
            }
        }

        static func printable(_ byte: UInt8) -> String {
            (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : String(format: "\\x%02X", byte)
        }

        mutating func literal(_ word: StaticString, _ value: JSONValue) throws(SyntaxError) -> JSONValue {
            let start = index
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw error("invalid literal", at: start) }
            var matches = true
            word.withUTF8Buffer { buffer in
                for offset in 0..<count where bytes[start + offset] != buffer[offset] {
                    matches = false
                }
            }
            guard matches else { throw error("invalid literal", at: start) }
            index += count
            return value
        }

        mutating func enter() throws(SyntaxError) {
            depth += 1
            guard depth <= JSONParser.maxDepth else { throw error("nesting deeper than \(JSONParser.maxDepth)") }
        }

        mutating func parseObject() throws(SyntaxError) -> JSONValue {
            let start = members.count
            try object { (reader) throws(SyntaxError) in
                let key = try reader.parseString()
                try reader.colon()
                reader.members.append((key, try reader.parseValue()))
            }
            // Moved off the top of the stack, last member first, with one hash each; when a
            // name repeats, the value already there came later and is put back (last wins).
            var object = [String: JSONValue](minimumCapacity: members.count - start)
            while members.count > start {
                let (name, member) = members.removeLast()
                if let later = object.updateValue(member, forKey: name) { object[name] = later }
            }
            return .object(object)
        }

        mutating func parseArray() throws(SyntaxError) -> JSONValue {
            var elements: [JSONValue] = []
            try array { (reader) throws(SyntaxError) in elements.append(try reader.parseValue()) }
            return .array(elements)
        }

        /// Checks one value exactly as ``parseValue()`` would and moves past it, building nothing
        /// (plain ASCII strings are not even made into `String`s).
        mutating func skipValue() throws(SyntaxError) {
            guard index < bytes.count else { throw error("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                try object { (reader) throws(SyntaxError) in
                    try reader.skipString()
                    try reader.colon()
                    try reader.skipValue()
                }
            case UInt8(ascii: "["):
                try array { (reader) throws(SyntaxError) in try reader.skipValue() }
            case UInt8(ascii: "\""):
                try skipString()
            default:
                _ = try parseValue()  // a number or literal: nothing to allocate
            }
        }

        /// Moves past a string; only one with escapes or non-ASCII bytes is read (and checked)
        /// as text.
        mutating func skipString() throws(SyntaxError) {
            let (stop, seen) = JSONBytes.scanPlain(bytes, from: index + 1)
            if stop < bytes.count, bytes[stop] == UInt8(ascii: "\""), seen < 0x80 {
                index = stop + 1
                return
            }
            _ = try parseString()
        }

        mutating func parseString() throws(SyntaxError) -> String {
            let quote = index
            index += 1
            let start = index
            // Fast path: no escapes; the scan collects the bits of every byte, so ASCII-only
            // text (the usual case) needs no UTF-8 validation.
            let (stop, seen) = JSONBytes.scanPlain(bytes, from: index)
            index = stop
            if index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = try makeString(
                        UnsafeBufferPointer(rebasing: bytes[start..<index]), ascii: seen < 0x80, at: start)
                    index += 1
                    return text
                }
                guard byte >= 0x20 else { throw error("control character in a string") }
            }
            var buffer = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return try buffer.withUnsafeBufferPointer { (text) throws(SyntaxError) -> String in
                        try makeString(text, ascii: false, at: start)
                    }
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { throw error("unterminated escape") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): buffer.append(0x22)
                    case UInt8(ascii: "\\"): buffer.append(0x5C)
                    case UInt8(ascii: "/"): buffer.append(0x2F)
                    case UInt8(ascii: "b"): buffer.append(0x08)
                    case UInt8(ascii: "f"): buffer.append(0x0C)
                    case UInt8(ascii: "n"): buffer.append(0x0A)
                    case UInt8(ascii: "r"): buffer.append(0x0D)
                    case UInt8(ascii: "t"): buffer.append(0x09)
                    case UInt8(ascii: "u"): try appendUnicodeEscape(to: &buffer)
                    default: throw error("invalid escape '\\\(Self.printable(escape))'", at: index - 2)
                    }
                default:
                    guard byte >= 0x20 else { throw error("control character in a string") }
                    buffer.append(byte)
                    index += 1
                }
            }
            throw error("unterminated string", at: quote)
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw error("invalid hex digit in \\u escape")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        mutating func appendUnicodeEscape(to buffer: inout [UInt8]) throws(SyntaxError) {
            let start = index - 2
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else {
                    throw error("unpaired surrogate in \\u escape", at: start)
                }
                index += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("unpaired surrogate in \\u escape", at: start)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("unpaired surrogate in \\u escape", at: start)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape", at: start) }
            UTF8.encode(unicode) { buffer.append($0) }
        }

        func makeString(_ text: UnsafeBufferPointer<UInt8>, ascii: Bool, at offset: Int) throws(SyntaxError) -> String {
            if ascii { return String(decoding: text, as: UTF8.self) }
            guard let string = String(validating: text, as: UTF8.self) else {
                throw error("invalid UTF-8 in a string", at: offset)
            }
            return string
        }

        mutating func parseNumber() throws(SyntaxError) -> JSONValue {
            let start = index
            var isInteger = true
            let negative = bytes[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw error("invalid number", at: start) }
            // Integer digits are accumulated as they are read; only other numbers go through text.
            var magnitude: UInt64 = 0
            var overflow = false
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, Self.isDigit(bytes[index]) {
                    throw error("leading zero in a number", at: start)
                }
            } else {
                while index < bytes.count, Self.isDigit(bytes[index]) {
                    let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times10.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
                    overflow = overflow || overflow1 || overflow2
                    magnitude = sum
                    index += 1
                }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                isInteger = false
                index += 1
                guard index < bytes.count, Self.isDigit(bytes[index]) else { throw error("invalid number", at: start) }
                while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                isInteger = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                guard index < bytes.count, Self.isDigit(bytes[index]) else { throw error("invalid number", at: start) }
                while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            }
            if isInteger, !overflow {
                if !negative, magnitude <= UInt64(Int64.max) { return .int(Int64(magnitude)) }
                if negative, magnitude <= UInt64(Int64.max) { return .int(-Int64(magnitude)) }
                if negative, magnitude == UInt64(Int64.max) + 1 { return .int(Int64.min) }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let value = Double(text), value.isFinite else { throw error("number out of range", at: start) }
            return .double(value)
        }

        static func isDigit(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }
    }
}

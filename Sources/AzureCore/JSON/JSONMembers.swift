import Foundation

/// The members of a JSON object as a generated model reads them (``TolerantObjectDecodable``):
/// from a parsed dictionary, or straight from checked JSON text, where each member is found by
/// the bytes of its name and only the values a model asks for are read. No dictionary is built
/// for text, so typed decoding of a parsed event costs little more than the strings it keeps.
package struct JSONMembers {
    /// Where a member's name and value are in the text, as byte offsets.
    struct Span {
        var nameStart: Int
        var nameEnd: Int
        var valueStart: Int
        var valueEnd: Int
    }

    enum Source {
        case tree([String: JSONValue])
        /// Valid only inside ``JSONText/withMembers(_:)``.
        case text(UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Span>)
    }

    let source: Source

    /// The most members read from text without a tree; a larger object is read as a tree.
    static let textCapacity = 32

    /// The members of an object.
    /// - Parameter members: The object's members.
    package init(_ members: [String: JSONValue]) {
        source = .tree(members)
    }

    /// The members of `json`, or `nil` when it is not an object.
    /// - Parameter json: The value.
    package init?(_ json: JSONValue) {
        guard case .object(let members) = json else { return nil }
        source = .tree(members)
    }

    init(text bytes: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<Span>) {
        source = .text(bytes, spans)
    }

    /// Reads a member tolerantly: `nil` when it is missing, `null`, or cannot be converted to
    /// `type` (see ``TolerantDecodable``). A repeated name gives its last value.
    /// - Parameters:
    ///   - type: The member's type.
    ///   - key: The member's name.
    /// - Returns: The value, or `nil`.
    @inlinable
    package func tolerant<T: TolerantDecodable>(_ type: T.Type, forKey key: String) -> T? {
        guard let value = value(forKey: key) else { return nil }
        return T(tolerantJSON: value)
    }

    /// A member's value; `nil` when it is missing or `null`. A repeated name gives its last value.
    /// - Parameter key: The member's name.
    /// - Returns: The value, or `nil`.
    @usableFromInline
    package func value(forKey key: String) -> JSONValue? {
        let value: JSONValue?
        switch source {
        case .tree(let members):
            value = members[key]
        case .text(let bytes, let spans):
            guard let span = Self.find(key, in: bytes, spans) else { return nil }
            var reader = JSONParser.Reader(bytes: UnsafeBufferPointer(rebasing: bytes[span.valueStart..<span.valueEnd]))
            // The text was checked when it was kept: this cannot fail.
            value = try? reader.parseValue()
        }
        if case .null = value { return nil }
        return value
    }

    /// Every member name, each once.
    package var keys: [String] {
        switch source {
        case .tree(let members):
            return Array(members.keys)
        case .text(let bytes, let spans):
            var seen = Set<String>()
            return spans.compactMap { span in
                let name = String(
                    decoding: UnsafeBufferPointer(rebasing: bytes[span.nameStart..<span.nameEnd]), as: UTF8.self)
                return seen.insert(name).inserted ? name : nil
            }
        }
    }

    /// The last span whose name is `key`'s bytes.
    private static func find(_ key: String, in bytes: UnsafeBufferPointer<UInt8>, _ spans: UnsafeBufferPointer<Span>)
        -> Span?
    {
        func find(_ name: UnsafeBufferPointer<UInt8>) -> Span? {
            var position = spans.count
            while position > 0 {
                position -= 1
                let span = spans[position]
                guard span.nameEnd - span.nameStart == name.count else { continue }
                guard let left = name.baseAddress, let right = bytes.baseAddress else { return span }
                if memcmp(left, right + span.nameStart, name.count) == 0 { return span }
            }
            return nil
        }
        if let found = key.utf8.withContiguousStorageIfAvailable(find) { return found }
        return Array(key.utf8).withUnsafeBufferPointer(find)
    }
}

extension JSONText {
    /// Calls `body` with the members of the object this text holds: read straight from the
    /// bytes, or from the tree when it was read already or the object is unusual (a name with
    /// an escape, more than 32 members). Not generic, so a call from another module needs no
    /// generic metadata (a capture carries the result out).
    /// - Parameter body: Reads the members; they are valid only during the call.
    /// - Returns: `false` (and `body` is not called) when the value is not an object.
    package func withMembers(_ body: (JSONMembers) -> Void) -> Bool {
        if let tree = readValue {
            guard let members = JSONMembers(tree) else { return false }
            body(members)
            return true
        }
        var outcome = JSONParser.Reader.MemberSpans.unusual
        withBytes { bytes in
            withUnsafeTemporaryAllocation(of: JSONMembers.Span.self, capacity: JSONMembers.textCapacity) { spans in
                var reader = JSONParser.Reader(bytes: bytes)
                outcome = reader.memberSpans(into: spans)
                if case .members(let count) = outcome {
                    body(JSONMembers(text: bytes, spans: UnsafeBufferPointer(rebasing: spans[..<count])))
                }
            }
        }
        switch outcome {
        case .members: return true
        case .notAnObject: return false
        case .unusual:
            guard let members = JSONMembers(value) else { return false }
            body(members)
            return true
        }
    }
}

extension JSONParser.Reader {
    /// What ``memberSpans(into:)`` found.
    enum MemberSpans {
        case members(Int)
        case notAnObject
        /// A name with an escape, more members than room, or text that does not read.
        case unusual
    }

    /// Finds where each member's name and value are in checked text holding one value.
    mutating func memberSpans(into spans: UnsafeMutableBufferPointer<JSONMembers.Span>) -> MemberSpans {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return .notAnObject }
        var count = 0
        do throws(JSONParser.SyntaxError) {
            try object { (reader) throws(JSONParser.SyntaxError) in
                let nameStart = reader.index + 1
                let (nameEnd, _) = JSONBytes.scanPlain(reader.bytes, from: nameStart)
                guard count < spans.count, nameEnd < reader.bytes.count, reader.bytes[nameEnd] == UInt8(ascii: "\"")
                else { throw reader.error("unusual") }
                reader.index = nameEnd + 1
                try reader.colon()
                let valueStart = reader.index
                try reader.skipValue()
                spans[count] = JSONMembers.Span(
                    nameStart: nameStart, nameEnd: nameEnd, valueStart: valueStart, valueEnd: reader.index)
                count += 1
            }
        } catch {
            return .unusual
        }
        return .members(count)
    }
}

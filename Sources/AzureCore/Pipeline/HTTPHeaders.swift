/// An ordered list of HTTP header fields whose names compare case-insensitively.
///
/// Setting a name replaces every field of that name; the original spelling of the first
/// occurrence is kept for the wire.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// One header field as it goes on the wire.
    public struct Field: Sendable, Hashable {
        /// The header name as given (compared case-insensitively).
        public var name: String
        /// The header value.
        public var value: String

        /// Creates a header field.
        /// - Parameters:
        ///   - name: The header name.
        ///   - value: The header value.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    private var fields: [Field]

    /// Creates an empty header list.
    public init() {
        fields = []
    }

    /// Creates headers from name/value pairs, in order.
    /// - Parameter elements: The pairs; later pairs with the same name replace earlier ones.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = []
        for (name, value) in elements {
            self[name] = value
        }
    }

    /// The value of the first field with this name, or `nil`. Setting `nil` removes every field
    /// with this name; setting a value replaces them.
    public subscript(name: String) -> String? {
        get {
            fields.first { Self.equal($0.name, name) }?.value
        }
        set {
            if let index = fields.firstIndex(where: { Self.equal($0.name, name) }) {
                if let newValue {
                    fields[index].value = newValue
                    let kept = fields[index]
                    fields.removeAll { Self.equal($0.name, name) }
                    fields.insert(kept, at: Swift.min(index, fields.count))
                } else {
                    fields.removeAll { Self.equal($0.name, name) }
                }
            } else if let newValue {
                fields.append(Field(name: name, value: newValue))
            }
        }
    }

    /// Whether a field with this name is present.
    /// - Parameter name: The header name, compared case-insensitively.
    /// - Returns: `true` when at least one field has this name.
    public func contains(_ name: String) -> Bool {
        fields.contains { Self.equal($0.name, name) }
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }

    /// Compares two header lists: same names (case-insensitively), values and order.
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { Self.equal($0.name, $1.name) && $0.value == $1.value }
    }

    /// Hashes names lowercased and values, in order.
    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name.lowercased())
            hasher.combine(field.value)
        }
    }

    private static func equal(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.count == rhs.utf8.count && lhs.lowercased() == rhs.lowercased()
    }
}

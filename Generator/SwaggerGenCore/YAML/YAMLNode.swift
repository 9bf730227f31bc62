/// One node of a YAML document, with the position it starts at.
public struct YAMLNode: Sendable, Hashable {
    /// A scalar's text and how it was written.
    public struct Scalar: Sendable, Hashable {
        /// The scalar's text.
        public var value: String
        /// Whether it was written plain (unquoted, not a block scalar). Only plain scalars
        /// can be numbers, booleans or null; quoted scalars stay strings.
        public var isPlain: Bool

        /// Creates a scalar.
        /// - Parameters:
        ///   - value: The text.
        ///   - isPlain: Whether it was written plain.
        public init(value: String, isPlain: Bool) {
            self.value = value
            self.isPlain = isPlain
        }
    }

    /// One key/value pair of a mapping.
    public struct Pair: Sendable, Hashable {
        /// The key node.
        public var key: YAMLNode
        /// The value node.
        public var value: YAMLNode

        /// Creates a pair.
        /// - Parameters:
        ///   - key: The key.
        ///   - value: The value.
        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    /// What the node holds.
    public enum Kind: Sendable, Hashable {
        /// A scalar.
        case scalar(Scalar)
        /// A sequence, in order.
        case sequence([YAMLNode])
        /// A mapping, pairs in document order.
        case mapping([Pair])
    }

    /// What the node holds.
    public var kind: Kind
    /// Where the node starts.
    public var location: SourceLocation

    /// Creates a node.
    /// - Parameters:
    ///   - kind: What it holds.
    ///   - location: Where it starts.
    public init(kind: Kind, location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The scalar, when this is one.
    public var scalar: Scalar? {
        if case .scalar(let scalar) = kind { return scalar }
        return nil
    }

    /// The pairs, when this is a mapping.
    public var pairs: [Pair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// The elements, when this is a sequence.
    public var elements: [YAMLNode]? {
        if case .sequence(let elements) = kind { return elements }
        return nil
    }

    /// The value of the first pair whose key is the scalar `key`, when this is a mapping.
    public subscript(key: String) -> YAMLNode? {
        pairs?.first { $0.key.scalar?.value == key }?.value
    }

    /// A word for the node's kind, for messages.
    public var kindName: String {
        switch kind {
        case .scalar: "a scalar"
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        }
    }
}

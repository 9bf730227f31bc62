/// A JSON-like value with ordered mappings, for rewriting specs key by key (the importer).
///
/// Built from a ``YAMLNode``; scalars keep their text and whether they were written plain
/// (numbers, booleans and null in JSON are plain, strings are quoted).
public indirect enum SpecTree: Sendable, Hashable {
    /// A scalar: its text and whether it was plain.
    case scalar(String, plain: Bool)
    /// A sequence.
    case list([SpecTree])
    /// A mapping, pairs in order.
    case map([(key: String, value: SpecTree)])

    /// Converts a node.
    /// - Parameter node: The node.
    public init(_ node: YAMLNode) {
        switch node.kind {
        case .scalar(let scalar): self = .scalar(scalar.value, plain: scalar.isPlain)
        case .sequence(let elements): self = .list(elements.map(SpecTree.init))
        case .mapping(let pairs):
            self = .map(pairs.map { (key: $0.key.scalar?.value ?? "", value: SpecTree($0.value)) })
        }
    }

    /// A quoted (string) scalar.
    /// - Parameter text: The text.
    /// - Returns: The scalar.
    public static func string(_ text: String) -> SpecTree { .scalar(text, plain: false) }

    /// The pairs of a mapping (empty otherwise).
    public var pairs: [(key: String, value: SpecTree)] {
        if case .map(let pairs) = self { return pairs }
        return []
    }

    /// The elements of a sequence (empty otherwise).
    public var elements: [SpecTree] {
        if case .list(let elements) = self { return elements }
        return []
    }

    /// The text of a scalar.
    public var text: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    /// Whether this is a mapping.
    public var isMap: Bool {
        if case .map = self { return true }
        return false
    }

    /// The value of the first pair with this key, when this is a mapping.
    public subscript(key: String) -> SpecTree? {
        pairs.first { $0.key == key }?.value
    }

    /// A copy of a mapping without the given keys.
    /// - Parameter keys: The keys to drop.
    /// - Returns: The mapping (other values unchanged).
    public func removing(_ keys: Set<String>) -> SpecTree {
        guard case .map(let pairs) = self else { return self }
        return .map(pairs.filter { !keys.contains($0.key) })
    }

    /// A mapping with `key` set: replaced in place when present, else appended.
    /// - Parameters:
    ///   - key: The key.
    ///   - value: The value.
    /// - Returns: The mapping.
    public func setting(_ key: String, _ value: SpecTree) -> SpecTree {
        guard case .map(var pairs) = self else { return self }
        if let index = pairs.firstIndex(where: { $0.key == key }) {
            pairs[index].value = value
        } else {
            pairs.append((key: key, value: value))
        }
        return .map(pairs)
    }

    /// Equality of content: scalars by text (not by style), mappings as unordered key sets.
    /// - Parameter other: The other tree.
    /// - Returns: Whether they say the same.
    public func sameContent(as other: SpecTree) -> Bool {
        switch (self, other) {
        case (.scalar(let a, _), .scalar(let b, _)): return a == b
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.sameContent(as: $1) }
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            return a.allSatisfy { pair in other[pair.key].map { pair.value.sameContent(as: $0) } ?? false }
        default: return false
        }
    }

    /// Hashes the content.
    /// - Parameter hasher: The hasher.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .scalar(let text, let plain):
            hasher.combine(0)
            hasher.combine(text)
            hasher.combine(plain)
        case .list(let elements):
            hasher.combine(1)
            hasher.combine(elements)
        case .map(let pairs):
            hasher.combine(2)
            for pair in pairs {
                hasher.combine(pair.key)
                hasher.combine(pair.value)
            }
        }
    }

    /// Exact equality (order and scalar style included).
    /// - Parameters:
    ///   - lhs: One tree.
    ///   - rhs: The other.
    /// - Returns: Whether they are identical.
    public static func == (lhs: SpecTree, rhs: SpecTree) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let a, let pa), .scalar(let b, let pb)): return a == b && pa == pb
        case (.list(let a), .list(let b)): return a == b
        case (.map(let a), .map(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }
}

/// Writes ``SpecTree`` values as block YAML in the layout of `scripts/author-system-events-spec.py`
/// (two-space indent, `- ` items, keys ordered by a rank list, minimal single quoting).
public enum SpecYAMLWriter {
    /// The order of a schema's keys.
    public static let schemaKeyOrder = [
        "$ref", "type", "format", "description", "x-eventgrid-event-type", "required",
        "properties", "items", "additionalProperties", "allOf", "discriminator",
        "x-ms-discriminator-value", "enum", "x-ms-enum", "x-ms-client-name", "readOnly",
        "x-nullable",
    ]
    /// The order of `x-ms-enum`'s keys.
    public static let enumKeyOrder = ["name", "modelAsString", "values"]
    /// The order of an `x-ms-enum` value's keys.
    public static let enumValueKeyOrder = ["name", "value", "description"]

    private static let reserved: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]

    /// A scalar as YAML: plain scalars as written, strings plain when safe, else single-quoted.
    /// - Parameters:
    ///   - text: The text.
    ///   - plain: Whether it was a plain scalar (a number, boolean or null).
    /// - Returns: The YAML text.
    public static func scalar(_ text: String, plain: Bool = false) -> String {
        if plain { return text }
        if isSafePlain(text) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `^[A-Za-z$][A-Za-z0-9 _.,()/`$'-]*$`, not a reserved word, no trailing or double space.
    private static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar)
        }
        guard isLetter(first) || first == "$" else { return false }
        let allowed = Set(" _.,()/`$'-".unicodeScalars)
        for scalar in text.unicodeScalars.dropFirst() {
            guard isLetter(scalar) || ("0"..."9").contains(scalar) || allowed.contains(scalar) else { return false }
        }
        if reserved.contains(text.lowercased()) || text.hasSuffix(" ") || text.contains("  ") { return false }
        return true
    }

    private static func ordered(
        _ pairs: [(key: String, value: SpecTree)], by order: [String]?
    ) -> [(key: String, value: SpecTree)] {
        guard let order else { return pairs }
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return pairs.enumerated()
            .sorted { lhs, rhs in
                let left = rank[lhs.element.key] ?? order.count
                let right = rank[rhs.element.key] ?? order.count
                return left != right ? left < right : lhs.offset < rhs.offset
            }
            .map(\.element)
    }

    /// Appends the lines of a mapping's pairs.
    /// - Parameters:
    ///   - pairs: The pairs.
    ///   - indent: The indent level (two spaces each).
    ///   - order: The key order, or `nil` to keep the pairs' order.
    ///   - lines: Where the lines go.
    public static func write(
        _ pairs: [(key: String, value: SpecTree)], indent: Int, order: [String]?, into lines: inout [String]
    ) {
        let pad = String(repeating: "  ", count: indent)
        for (key, value) in ordered(pairs, by: order) {
            let keyText = scalar(key)
            switch value {
            case .map(let sub):
                if sub.isEmpty {
                    lines.append("\(pad)\(keyText): {}")
                    continue
                }
                lines.append("\(pad)\(keyText):")
                // Property and definition maps keep their order; schemas use the schema order.
                let subOrder: [String]? =
                    key == "properties" || key == "definitions"
                    ? nil : (key == "x-ms-enum" ? enumKeyOrder : schemaKeyOrder)
                write(sub, indent: indent + 1, order: subOrder, into: &lines)
            case .list(let items):
                if items.isEmpty {
                    lines.append("\(pad)\(keyText): []")
                    continue
                }
                lines.append("\(pad)\(keyText):")
                for item in items {
                    if case .map(let itemPairs) = item, !itemPairs.isEmpty {
                        var sub: [String] = []
                        let itemOrder = key == "values" ? enumValueKeyOrder : schemaKeyOrder
                        write(itemPairs, indent: indent + 2, order: itemOrder, into: &sub)
                        if let first = sub.first {
                            sub[0] = "\(pad)  - " + first.drop { $0 == " " }
                        }
                        lines.append(contentsOf: sub)
                    } else if case .scalar(let text, let plain) = item {
                        lines.append("\(pad)  - \(scalar(text, plain: plain))")
                    } else {
                        lines.append("\(pad)  - {}")
                    }
                }
            case .scalar(let text, let plain):
                lines.append("\(pad)\(keyText): \(scalar(text, plain: plain))")
            }
        }
    }
}

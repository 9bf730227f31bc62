import AzureCore

/// An event's JSON `data` as the event holds it: a tree, or, for an event ``EventGridParser``
/// read, the checked JSON text it came as, read into a tree the first time it is asked for (and
/// kept). Typed system events are read straight from the text (``JSONText/withMembers(_:)``).
/// Equal and hashed as the JSON value, however it is held.
struct LazyJSON: Sendable, Hashable {
    private enum Storage {
        case tree(JSONValue)
        case text(JSONText)
    }

    private let storage: Storage

    /// Holds a tree.
    /// - Parameter value: The value.
    init(_ value: JSONValue) {
        storage = .tree(value)
    }

    /// Holds checked text.
    /// - Parameter text: The text.
    init(text: JSONText) {
        storage = .text(text)
    }

    /// The value as a tree.
    var value: JSONValue {
        switch storage {
        case .tree(let value): return value
        case .text(let text): return text.value
        }
    }

    /// The text, when the value is held as text.
    var text: JSONText? {
        if case .text(let text) = storage { return text }
        return nil
    }

    static func == (left: LazyJSON, right: LazyJSON) -> Bool {
        if let leftText = left.text, let rightText = right.text, leftText.hasSameBytes(as: rightText) { return true }
        return left.value == right.value
    }

    func hash(into hasher: inout Hasher) {
        value.hash(into: &hasher)
    }
}

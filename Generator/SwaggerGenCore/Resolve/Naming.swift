/// The one place spec names become Swift names (STYLE.md, Naming).
///
/// Words are split on `-`, `_`, `.`, spaces (any character that is not a letter or digit),
/// at lower→upper and digit→upper boundaries, and before the last capital of an acronym that
/// is followed by a lowercase letter (`HTTPRequest` → `HTTP` `Request`). A run of lowercase
/// letters is never split (`specversion` stays whole). Types are UpperCamel, members
/// lowerCamel (a leading acronym is lowercased whole: `URLPath` → `urlPath`). A leading digit
/// gets a `_` prefix and Swift keywords are back-ticked.
public enum Naming {
    /// Swift keywords that need back-ticks as member names.
    static let memberKeywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "as", "false", "is", "nil", "self", "Self", "super", "throws",
        "true", "try", "package", "any", "some", "await", "async", "consume", "copy", "discard", "borrowing",
        "consuming", "Type", "Protocol",
    ]
    /// Names that need back-ticks as type names.
    static let typeKeywords: Set<String> = ["Any", "Self", "Type", "Protocol"]

    /// Splits a spec name into words.
    /// - Parameter name: The spec name.
    /// - Returns: The words, in order, with their original spelling.
    public static func words(_ name: String) -> [String] {
        var result: [String] = []
        var current: [Character] = []
        let characters = Array(name)
        for index in characters.indices {
            let character = characters[index]
            guard character.isLetter || character.isNumber else {
                if !current.isEmpty {
                    result.append(String(current))
                    current = []
                }
                continue
            }
            if let previous = current.last, character.isUppercase {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let lowerToUpper = previous.isLowercase || previous.isNumber
                let acronymEnd = previous.isUppercase && (next?.isLowercase ?? false)
                if lowerToUpper || acronymEnd {
                    result.append(String(current))
                    current = []
                }
            }
            current.append(character)
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }

    /// The UpperCamel Swift type name for a spec name.
    /// - Parameter name: The spec name.
    /// - Returns: The type name, back-ticked when needed.
    public static func typeName(_ name: String) -> String {
        let joined = words(name).map(capitalized).joined()
        return finish(joined, keywords: typeKeywords)
    }

    /// The lowerCamel Swift member name for a spec name.
    /// - Parameter name: The spec name.
    /// - Returns: The member name, back-ticked when needed.
    public static func memberName(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return "_" }
        let head = first.allSatisfy { !$0.isLowercase } ? first.lowercased() : lowercasedFirst(first)
        let joined = head + parts.dropFirst().map(capitalized).joined()
        return finish(joined, keywords: memberKeywords)
    }

    /// A name without its back-ticks, for messages and comparisons.
    /// - Parameter name: A name from ``typeName(_:)`` or ``memberName(_:)``.
    /// - Returns: The bare name.
    public static func bare(_ name: String) -> String {
        name.hasPrefix("`") && name.hasSuffix("`") && name.count > 1 ? String(name.dropFirst().dropLast()) : name
    }

    private static func finish(_ joined: String, keywords: Set<String>) -> String {
        guard let first = joined.first else { return "_" }
        if first.isNumber { return "_" + joined }
        if keywords.contains(joined) { return "`" + joined + "`" }
        return joined
    }

    private static func capitalized(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }

    private static func lowercasedFirst(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.lowercased() + word.dropFirst()
    }
}

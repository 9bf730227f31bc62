/// Finds the event type a definition's description names, for specs without
/// `x-eventgrid-event-type` (the upstream `SystemEvents.json` states the mapping only in prose).
///
/// The rules are those of `scripts/extract-event-types.py`: case is ignored, runs of whitespace
/// count as one space, text may come before and after, and the event type must be a dotted name
/// (two or more segments of letters, digits, `_` and `-`), returned as spelled. Two wordings:
/// 1. "schema of the data property of an eventgridevent for a|an <T> event";
/// 2. "event data for <T> event".
/// The first match in the text wins (rule 1 is tried before rule 2).
public enum EventTypeInference {
    /// The rules in order; each lists its alternative openings.
    private static let rules: [[[Character]]] = [
        [
            Array("schema of the data property of an eventgridevent for a "),
            Array("schema of the data property of an eventgridevent for an "),
        ],
        [Array("event data for ")],
    ]

    /// The event type a description names, or `nil`.
    /// - Parameter description: A definition's description.
    /// - Returns: The event type, as spelled in the text.
    public static func eventType(inDescription description: String?) -> String? {
        guard let description else { return nil }
        let text = Array(description.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        let lowered = text.map { Character($0.lowercased()) }
        for openings in rules {
            for start in lowered.indices {
                for pattern in openings where start + pattern.count <= lowered.count {
                    if lowered[start..<start + pattern.count].elementsEqual(pattern),
                        let found = dottedName(in: text, lowered: lowered, from: start + pattern.count)
                    {
                        return found
                    }
                }
            }
        }
        return nil
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-")
    }

    /// A dotted name at `index` followed by " event" (any case), or `nil`.
    private static func dottedName(in text: [Character], lowered: [Character], from index: Int) -> String? {
        // Regex semantics: `(?:[A-Za-z0-9_-]+\.)+[A-Za-z0-9_-]+` then " event"; the greedy
        // name can only end at a name character followed by " event".
        var end = index
        while end < text.count, isNameCharacter(text[end]) || text[end] == "." { end += 1 }
        let suffix = Array(" event")
        // Try the longest candidate first, backing off like the regex engine would.
        var candidateEnd = end
        while candidateEnd > index {
            let name = text[index..<candidateEnd]
            if candidateEnd + suffix.count <= lowered.count,
                lowered[candidateEnd..<candidateEnd + suffix.count].elementsEqual(suffix),
                isDotted(name)
            {
                return String(name)
            }
            candidateEnd -= 1
        }
        return nil
    }

    /// Two or more non-empty segments separated by single dots.
    private static func isDotted(_ name: ArraySlice<Character>) -> Bool {
        let segments = name.split(separator: ".", omittingEmptySubsequences: false)
        return segments.count >= 2 && segments.allSatisfy { !$0.isEmpty && $0.allSatisfy(isNameCharacter) }
    }
}

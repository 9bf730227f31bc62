/// A small line diff in unified format, for `--check` and golden tests.
public enum UnifiedDiff {
    enum Edit: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The unified diff of two texts, or an empty string when they are equal.
    /// - Parameters:
    ///   - old: The expected text.
    ///   - new: The actual text.
    ///   - oldName: The name after `---`.
    ///   - newName: The name after `+++`.
    ///   - context: Unchanged lines shown around each change.
    /// - Returns: The diff.
    public static func diff(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        if old == new { return "" }
        let a = lines(old)
        let b = lines(new)
        let edits = self.edits(a, b)
        var output = "--- \(oldName)\n+++ \(newName)\n"
        // Group edits into hunks.
        var index = 0
        var oldLine = 1
        var newLine = 1
        var positions: [(old: Int, new: Int)] = []
        for edit in edits {
            positions.append((oldLine, newLine))
            switch edit {
            case .same:
                oldLine += 1
                newLine += 1
            case .removed: oldLine += 1
            case .added: newLine += 1
            }
        }
        while index < edits.count {
            guard let firstChange = edits[index...].firstIndex(where: { $0 != .same(Self.text($0)) }) else { break }
            var start = max(index, firstChange - context)
            if start < index { start = index }
            var end = firstChange
            var lastChange = firstChange
            while end < edits.count {
                if case .same = edits[end] {
                    if end - lastChange > context * 2 { break }
                } else {
                    lastChange = end
                }
                end += 1
            }
            let stop = min(edits.count, lastChange + context + 1)
            let slice = edits[start..<stop]
            let oldCount = slice.filter { if case .added = $0 { return false } else { return true } }.count
            let newCount = slice.filter { if case .removed = $0 { return false } else { return true } }.count
            output += "@@ -\(positions[start].old),\(oldCount) +\(positions[start].new),\(newCount) @@\n"
            for edit in slice {
                switch edit {
                case .same(let line): output += " " + line + "\n"
                case .removed(let line): output += "-" + line + "\n"
                case .added(let line): output += "+" + line + "\n"
                }
            }
            index = stop
        }
        return output
    }

    /// Lines without their terminators; a final newline does not start another line.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func text(_ edit: Edit) -> String {
        switch edit {
        case .same(let line), .removed(let line), .added(let line): line
        }
    }

    static func edits(_ a: [String], _ b: [String]) -> [Edit] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let middleA = Array(a[prefix..<(a.count - suffix)])
        let middleB = Array(b[prefix..<(b.count - suffix)])
        var result = a[..<prefix].map { Edit.same($0) }
        if middleA.count * middleB.count > 4_000_000 {
            result += middleA.map { .removed($0) } + middleB.map { .added($0) }
        } else {
            result += lcsEdits(middleA, middleB)
        }
        result += a[(a.count - suffix)...].map { Edit.same($0) }
        return result
    }

    static func lcsEdits(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count
        let m = b.count
        var table = [Int](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i * (m + 1) + j] =
                    a[i] == b[j]
                    ? table[(i + 1) * (m + 1) + j + 1] + 1
                    : max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                edits.append(.same(a[i]))
                i += 1
                j += 1
            } else if i < n, j == m || table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1] {
                edits.append(.removed(a[i]))
                i += 1
            } else {
                edits.append(.added(b[j]))
                j += 1
            }
        }
        return edits
    }
}

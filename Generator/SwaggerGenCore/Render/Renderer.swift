/// The Render stage: code model → text.
public protocol SwiftRendering {
    /// Renders a file.
    /// - Parameter file: The file.
    /// - Returns: Its text: 4-space indents, LF line ends, one trailing newline, doc text
    ///   wrapped at 100 columns, no trailing whitespace.
    func render(_ file: SwiftFile) -> String
}

/// Renders the code model as Swift text.
public struct SwiftRenderer: SwiftRendering {
    /// The column doc text and argument lists wrap at.
    public var width: Int

    /// Creates a renderer.
    /// - Parameter width: The wrap column (100 unless a test wants less).
    public init(width: Int = 100) {
        self.width = width
    }

    /// Renders a file.
    /// - Parameter file: The file.
    /// - Returns: Its text.
    public func render(_ file: SwiftFile) -> String {
        var lines: [String] = file.header.map { $0.isEmpty ? "//" : "// " + $0 }
        if !file.imports.isEmpty {
            if !lines.isEmpty { lines.append("") }
            for item in file.imports {
                lines.append((item.access.map { $0.rawValue + " " } ?? "") + "import " + item.module)
            }
        }
        for declaration in file.declarations {
            if !lines.isEmpty { lines.append("") }
            lines += render(declaration, indent: 0)
        }
        return Self.finish(lines)
    }

    /// Joins lines with LF, strips trailing whitespace and ends with exactly one newline.
    /// - Parameter lines: The lines.
    /// - Returns: The text.
    public static func finish(_ lines: [String]) -> String {
        var cleaned = lines.map { line -> String in
            var line = line
            while let last = line.last, last == " " || last == "\t" { line.removeLast() }
            return line
        }
        while let last = cleaned.last, last.isEmpty { cleaned.removeLast() }
        return cleaned.joined(separator: "\n") + "\n"
    }

    // MARK: Declarations

    func pad(_ indent: Int) -> String {
        String(repeating: " ", count: indent * 4)
    }

    func accessPrefix(_ access: AccessLevel) -> String {
        access == .internal ? "" : access.rawValue + " "
    }

    /// Renders one declaration at an indent level.
    /// - Parameters:
    ///   - declaration: The declaration.
    ///   - indent: The level (4 spaces each).
    /// - Returns: Its lines.
    public func render(_ declaration: Decl, indent: Int) -> [String] {
        let prefix = pad(indent)
        switch declaration {
        case .type(let type):
            var lines = renderDoc(type.doc, indent: indent)
            let inherits = type.inherits.isEmpty ? "" : ": " + type.inherits.joined(separator: ", ")
            lines.append(prefix + accessPrefix(type.access) + type.kind.rawValue + " " + type.name + inherits + " {")
            var previous: Decl?
            for member in type.members {
                if let previous, needsBlankLine(between: previous, and: member) { lines.append("") }
                lines += render(member, indent: indent + 1)
                previous = member
            }
            lines.append(prefix + "}")
            return lines
        case .enumCase(let name, let rawValue):
            return [prefix + "case " + name + (rawValue.map { " = " + stringLiteral($0) } ?? "")]
        case .associatedCase(let doc, let name, let values):
            let list = values.map { ($0.label.map { $0 + ": " } ?? "") + render($0.type) }.joined(separator: ", ")
            return renderDoc(doc, indent: indent) + [prefix + "case " + name + (values.isEmpty ? "" : "(" + list + ")")]
        case .typeAlias(let doc, let access, let name, let target):
            return renderDoc(doc, indent: indent) + [
                prefix + accessPrefix(access) + "typealias " + name + " = " + render(target)
            ]
        case .property(let property):
            var lines = renderDoc(property.doc, indent: indent)
            var head = prefix + accessPrefix(property.access) + (property.isStatic ? "static " : "")
            head += (property.isLet ? "let " : "var ") + property.name
            if let type = property.type { head += ": " + render(type) }
            if let accessors = property.accessors {
                lines.append(head + " {")
                if let setter = accessors.set {
                    lines.append(pad(indent + 1) + "get {")
                    lines += accessors.get.flatMap { render($0, indent: indent + 2) }
                    lines.append(pad(indent + 1) + "}")
                    lines.append(pad(indent + 1) + "set {")
                    lines += setter.flatMap { render($0, indent: indent + 2) }
                    lines.append(pad(indent + 1) + "}")
                } else {
                    lines += accessors.get.flatMap { render($0, indent: indent + 1) }
                }
                lines.append(prefix + "}")
            } else if let initial = property.initialValue {
                lines += wrapped(head + " = ", initial, suffix: "", indent: indent)
            } else {
                lines.append(head)
            }
            return lines
        case .function(let function):
            return renderFunction(function, indent: indent)
        }
    }

    func needsBlankLine(between previous: Decl, and next: Decl) -> Bool {
        switch (previous, next) {
        case (.enumCase, .enumCase): return false
        case (.associatedCase, .associatedCase(let doc, _, _)): return doc != nil
        case (.property(let a), .property(let b)):
            return a.accessors != nil || b.accessors != nil || a.isStatic != b.isStatic
        default: return true
        }
    }

    func renderFunction(_ function: FunctionDecl, indent: Int) -> [String] {
        let prefix = pad(indent)
        var lines = renderDoc(function.doc, indent: indent)
        var head = prefix + accessPrefix(function.access) + (function.isStatic ? "static " : "")
        switch function.kind {
        case .function(let name): head += "func " + name
        case .initializer(let failable): head += failable ? "init?" : "init"
        }
        var tail = ""
        if function.isAsync { tail += " async" }
        if function.isThrowing { tail += " throws" }
        if let returnType = function.returnType { tail += " -> " + render(returnType) }
        tail += " {"
        let parameters = function.parameters.map { parameter -> String in
            var text = (parameter.label.map { $0 + " " } ?? "") + parameter.name + ": " + render(parameter.type)
            if let defaultValue = parameter.defaultValue { text += " = " + render(defaultValue) }
            return text
        }
        let single = head + "(" + parameters.joined(separator: ", ") + ")" + tail
        if single.count <= width {
            lines.append(single)
        } else {
            lines.append(head + "(")
            for (index, parameter) in parameters.enumerated() {
                lines.append(pad(indent + 1) + parameter + (index == parameters.count - 1 ? "" : ","))
            }
            lines.append(prefix + ")" + tail)
        }
        lines += function.body.flatMap { render($0, indent: indent + 1) }
        lines.append(prefix + "}")
        return lines
    }

    // MARK: Statements

    /// Renders one statement at an indent level.
    /// - Parameters:
    ///   - statement: The statement.
    ///   - indent: The level.
    /// - Returns: Its lines.
    public func render(_ statement: Statement, indent: Int) -> [String] {
        let prefix = pad(indent)
        switch statement {
        case .letBinding(let name, let value):
            return wrapped(prefix + "let " + name + " = ", value, suffix: "", indent: indent)
        case .varBinding(let name, let type, let value):
            return wrapped(
                prefix + "var " + name + (type.map { ": " + render($0) } ?? "") + " = ", value, suffix: "",
                indent: indent)
        case .assign(let target, let value):
            return wrapped(prefix + render(target) + " = ", value, suffix: "", indent: indent)
        case .returnValue(let value):
            return wrapped(prefix + "return ", value, suffix: "", indent: indent)
        case .expression(let value):
            return wrapped(prefix, value, suffix: "", indent: indent)
        case .forIn(let pattern, let sequence, let condition, let body):
            var head = prefix + "for " + pattern + " in " + render(sequence)
            if let condition { head += " where " + render(condition) }
            return [head + " {"] + body.flatMap { render($0, indent: indent + 1) } + [prefix + "}"]
        case .switchOver(let subject, let cases):
            var lines = [prefix + "switch " + render(subject) + " {"]
            for item in cases {
                lines.append(prefix + (item.pattern.map { "case " + $0 + ":" } ?? "default:"))
                lines += item.body.flatMap { render($0, indent: indent + 1) }
            }
            return lines + [prefix + "}"]
        case .guardBinding(let pattern, let value, let elseBody):
            let head = prefix + "guard " + pattern + " = " + render(value) + " else {"
            let body = elseBody.flatMap { render($0, indent: 0) }
            if body.count == 1, let only = body.first, head.count + only.count + 3 <= width {
                return [head + " " + only + " }"]
            }
            return [head] + elseBody.flatMap { render($0, indent: indent + 1) } + [prefix + "}"]
        }
    }

    /// Writes `head + expr + suffix` on one line when it fits, else breaks the outermost call's
    /// arguments one per line.
    func wrapped(_ head: String, _ expression: Expr, suffix: String, indent: Int) -> [String] {
        let single = head + render(expression) + suffix
        if single.count <= width { return [single] }
        var keywords = ""
        var inner = expression
        while true {
            if case .tryExpr(let next) = inner {
                keywords += "try "
                inner = next
            } else if case .awaitExpr(let next) = inner {
                keywords += "await "
                inner = next
            } else {
                break
            }
        }
        if keywords.isEmpty {
            switch inner {
            case .array(let elements) where !elements.isEmpty:
                return [head + "["] + elements.map { pad(indent + 1) + render($0) + "," } + [pad(indent) + "]" + suffix]
            case .dictionary(let entries) where !entries.isEmpty:
                return [head + "["]
                    + entries.map { pad(indent + 1) + render($0.key) + ": " + render($0.value) + "," }
                    + [pad(indent) + "]" + suffix]
            default: break
            }
        }
        guard case .call(let callee, let arguments, let closure) = inner, !arguments.isEmpty else { return [single] }
        var lines = [head + keywords + render(callee) + "("]
        for (index, argument) in arguments.enumerated() {
            let label = argument.label.map { $0 + ": " } ?? ""
            let comma = index == arguments.count - 1 ? "" : ","
            let line = pad(indent + 1) + label + render(argument.value) + comma
            if line.count > width, case .array(let elements) = argument.value, !elements.isEmpty {
                lines.append(pad(indent + 1) + label + "[")
                lines += elements.map { pad(indent + 2) + render($0) + "," }
                lines.append(pad(indent + 1) + "]" + comma)
            } else {
                lines.append(line)
            }
        }
        lines.append(pad(indent) + ")" + (closure.map { " " + render($0) } ?? "") + suffix)
        return lines
    }

    // MARK: Expressions and types

    /// Renders a type.
    /// - Parameter type: The type.
    /// - Returns: Its text.
    public func render(_ type: TypeRef) -> String {
        switch type {
        case .named(let name): name
        case .array(let element): "[" + render(element) + "]"
        case .dictionary(let key, let value): "[" + render(key) + ": " + render(value) + "]"
        case .optional(let wrapped): render(wrapped) + "?"
        }
    }

    /// Renders an expression on one line.
    /// - Parameter expression: The expression.
    /// - Returns: Its text.
    public func render(_ expression: Expr) -> String {
        switch expression {
        case .identifier(let name): return name
        case .type(let type): return render(type)
        case .member(let base, let name): return (base.map(render) ?? "") + "." + name
        case .string(let text): return stringLiteral(text)
        case .int(let value): return String(value)
        case .nilLiteral: return "nil"
        case .array(let elements): return "[" + elements.map(render).joined(separator: ", ") + "]"
        case .dictionary(let entries):
            if entries.isEmpty { return "[:]" }
            return "[" + entries.map { render($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "]"
        case .tuple(let elements): return "(" + elements.map(render).joined(separator: ", ") + ")"
        case .call(let callee, let arguments, let closure):
            let list = arguments.map { ($0.label.map { $0 + ": " } ?? "") + render($0.value) }.joined(separator: ", ")
            let call = (arguments.isEmpty && closure != nil) ? render(callee) : render(callee) + "(" + list + ")"
            return call + (closure.map { " " + render($0) } ?? "")
        case .closure(let body): return "{ " + render(body) + " }"
        case .tryExpr(let inner): return "try " + render(inner)
        case .awaitExpr(let inner): return "await " + render(inner)
        case .binary(let lhs, let op, let rhs): return render(lhs) + " " + op + " " + render(rhs)
        case .optionalChain(let inner): return render(inner) + "?"
        }
    }

    /// A Swift string literal for any text.
    /// - Parameter text: The text.
    /// - Returns: The literal, quotes included.
    public func stringLiteral(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    // MARK: Docs

    /// Renders a doc comment, wrapping prose at the width.
    /// - Parameters:
    ///   - doc: The doc comment.
    ///   - indent: The level.
    /// - Returns: Its lines.
    public func renderDoc(_ doc: Doc?, indent: Int) -> [String] {
        guard let doc else { return [] }
        let prefix = pad(indent) + "///"
        var lines: [String] = []
        for paragraph in doc.paragraphs {
            let words = paragraph.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
            guard !words.isEmpty else { continue }
            if !lines.isEmpty { lines.append(prefix) }
            lines += wrap(words.map(String.init), first: prefix + " ", rest: prefix + " ")
        }
        var tags: [String] = []
        if !doc.parameters.isEmpty {
            if doc.parameters.count == 1, let only = doc.parameters.first {
                tags += wrapText("- Parameter \(only.name): \(only.text)", first: prefix + " ", rest: prefix + "   ")
            } else {
                tags.append(prefix + " - Parameters:")
                for parameter in doc.parameters {
                    tags += wrapText(
                        "- \(parameter.name): \(parameter.text)", first: prefix + "   ", rest: prefix + "     ")
                }
            }
        }
        if let returns = doc.returns {
            tags += wrapText("- Returns: " + returns, first: prefix + " ", rest: prefix + "   ")
        }
        if let throwsText = doc.throwsText {
            tags += wrapText("- Throws: " + throwsText, first: prefix + " ", rest: prefix + "   ")
        }
        if let provenance = doc.provenance {
            tags += wrapText("- Remark: From `\(provenance)`.", first: prefix + " ", rest: prefix + "   ")
        }
        if !tags.isEmpty {
            if !lines.isEmpty { lines.append(prefix) }
            lines += tags
        }
        return lines
    }

    func wrapText(_ text: String, first: String, rest: String) -> [String] {
        wrap(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init), first: first, rest: rest)
    }

    /// Greedy word wrap: a word longer than the width gets a line of its own.
    func wrap(_ words: [String], first: String, rest: String) -> [String] {
        var lines: [String] = []
        var current = first
        // Character counts are kept as numbers: `String.count` walks the whole string.
        var currentCount = first.count
        let restCount = rest.count
        var currentHasWord = false
        for word in words {
            let wordCount = word.count
            if currentHasWord && currentCount + 1 + wordCount > width {
                lines.append(current)
                current = rest + word
                currentCount = restCount + wordCount
            } else {
                if currentHasWord {
                    current += " "
                    currentCount += 1
                }
                current += word
                currentCount += wordCount
            }
            currentHasWord = true
        }
        if currentHasWord { lines.append(current) }
        return lines
    }
}

/// Finds the modules a file's declarations name (`Foundation.Date` → `Foundation`), so a file
/// imports exactly what it uses (unused `package import`s are warnings).
enum ModuleUsage {
    static func modules(in declarations: [Decl]) -> Set<String> {
        var modules: Set<String> = []
        declarations.forEach { visit($0, &modules) }
        return modules
    }

    static func note(_ name: String, _ modules: inout Set<String>) {
        var text = Substring(name)
        if text.hasPrefix("any ") { text = text.dropFirst(4) }
        if let dot = text.firstIndex(of: ".") { modules.insert(String(text[..<dot])) }
    }

    static func visit(_ type: TypeRef, _ modules: inout Set<String>) {
        switch type {
        case .named(let name): note(name, &modules)
        case .array(let element), .optional(let element): visit(element, &modules)
        case .dictionary(let key, let value):
            visit(key, &modules)
            visit(value, &modules)
        }
    }

    static func visit(_ declaration: Decl, _ modules: inout Set<String>) {
        switch declaration {
        case .type(let type):
            type.inherits.forEach { note($0, &modules) }
            type.members.forEach { visit($0, &modules) }
        case .function(let function):
            for parameter in function.parameters {
                visit(parameter.type, &modules)
                if let value = parameter.defaultValue { visit(value, &modules) }
            }
            if let returnType = function.returnType { visit(returnType, &modules) }
            function.body.forEach { visit($0, &modules) }
        case .property(let property):
            if let type = property.type { visit(type, &modules) }
            if let value = property.initialValue { visit(value, &modules) }
        case .enumCase: break
        case .associatedCase(_, _, let values): values.forEach { visit($0.type, &modules) }
        case .typeAlias(_, _, _, let target): visit(target, &modules)
        }
    }

    static func visit(_ statement: Statement, _ modules: inout Set<String>) {
        switch statement {
        case .letBinding(_, let value), .assign(_, let value), .returnValue(let value), .expression(let value):
            visit(value, &modules)
        case .varBinding(_, let type, let value):
            if let type { visit(type, &modules) }
            visit(value, &modules)
        case .forIn(_, let sequence, let condition, let body):
            visit(sequence, &modules)
            if let condition { visit(condition, &modules) }
            body.forEach { visit($0, &modules) }
        case .switchOver(let subject, let cases):
            visit(subject, &modules)
            cases.forEach { $0.body.forEach { visit($0, &modules) } }
        case .guardBinding(_, let value, let elseBody):
            visit(value, &modules)
            elseBody.forEach { visit($0, &modules) }
        }
    }

    static func visit(_ expression: Expr, _ modules: inout Set<String>) {
        switch expression {
        case .identifier(let name): note(name, &modules)
        case .type(let type): visit(type, &modules)
        case .member(let base, _): if let base { visit(base, &modules) }
        case .string, .int, .nilLiteral: break
        case .array(let elements), .tuple(let elements): elements.forEach { visit($0, &modules) }
        case .dictionary(let entries):
            for entry in entries {
                visit(entry.key, &modules)
                visit(entry.value, &modules)
            }
        case .call(let callee, let arguments, let closure):
            visit(callee, &modules)
            arguments.forEach { visit($0.value, &modules) }
            if let closure { visit(closure, &modules) }
        case .closure(let inner), .tryExpr(let inner), .awaitExpr(let inner), .optionalChain(let inner):
            visit(inner, &modules)
        case .binary(let lhs, _, let rhs):
            visit(lhs, &modules)
            visit(rhs, &modules)
        }
    }
}

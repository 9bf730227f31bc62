/// A Swift type as written in generated code.
public indirect enum TypeRef: Sendable, Hashable {
    /// A (qualified) type name, such as `Swift.String`.
    case named(String)
    /// `[Element]`.
    case array(TypeRef)
    /// `[Key: Value]`.
    case dictionary(TypeRef, TypeRef)
    /// `Wrapped?`.
    case optional(TypeRef)
}

/// A documentation comment.
public struct Doc: Sendable, Hashable {
    /// One `- Parameters:` entry.
    public struct Parameter: Sendable, Hashable {
        /// The parameter name.
        public var name: String
        /// What it is.
        public var text: String

        /// Creates an entry.
        /// - Parameters:
        ///   - name: The parameter name.
        ///   - text: What it is.
        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// Paragraphs of prose (wrapped when rendered).
    public var paragraphs: [String]
    /// The provenance, rendered as `- Remark: From \`…\`.`.
    public var provenance: String?
    /// `- Parameters:` entries.
    public var parameters: [Parameter]
    /// `- Returns:` text.
    public var returns: String?
    /// `- Throws:` text.
    public var throwsText: String?

    /// Creates a doc comment.
    /// - Parameters:
    ///   - paragraphs: The prose.
    ///   - provenance: Where the declaration comes from.
    ///   - parameters: Parameter entries.
    ///   - returns: What it returns.
    ///   - throwsText: What it throws.
    public init(
        _ paragraphs: [String],
        provenance: String? = nil,
        parameters: [Parameter] = [],
        returns: String? = nil,
        throwsText: String? = nil
    ) {
        self.paragraphs = paragraphs
        self.provenance = provenance
        self.parameters = parameters
        self.returns = returns
        self.throwsText = throwsText
    }
}

/// Access levels the generator writes.
public enum AccessLevel: String, Sendable, Hashable {
    /// `public`.
    case `public`
    /// `package`.
    case `package`
    /// `internal` (written as nothing).
    case `internal`
    /// `private`.
    case `private`
}

/// One argument of a call.
public struct Argument: Sendable, Hashable {
    /// The label, or `nil` for none.
    public var label: String?
    /// The value.
    public var value: Expr

    /// Creates an argument.
    /// - Parameters:
    ///   - label: The label.
    ///   - value: The value.
    public init(_ label: String?, _ value: Expr) {
        self.label = label
        self.value = value
    }
}

/// An expression.
public indirect enum Expr: Sendable, Hashable {
    /// A name: `input`, `self`, `$0`.
    case identifier(String)
    /// A type used as a value, such as `Swift.String.self` (written with `.member(.type(t), "self")`).
    case type(TypeRef)
    /// `base.name`, or `.name` when `base` is `nil`.
    case member(Expr?, String)
    /// A string literal.
    case string(String)
    /// An integer literal.
    case int(Int)
    /// `nil`.
    case nilLiteral
    /// `[a, b]`.
    case array([Expr])
    /// `[k: v]`, or `[:]` when empty.
    case dictionary([DictionaryEntry])
    /// `(a, b)`.
    case tuple([Expr])
    /// `callee(arguments) { closure }`.
    case call(Expr, [Argument], trailingClosure: Expr?)
    /// `{ body }`.
    case closure(Expr)
    /// `try e`.
    case tryExpr(Expr)
    /// `await e`.
    case awaitExpr(Expr)
    /// `lhs op rhs`.
    case binary(Expr, String, Expr)
    /// `e?` (optional chaining).
    case optionalChain(Expr)
}

/// One entry of a dictionary literal.
public struct DictionaryEntry: Sendable, Hashable {
    /// The key.
    public var key: Expr
    /// The value.
    public var value: Expr

    /// Creates an entry.
    /// - Parameters:
    ///   - key: The key.
    ///   - value: The value.
    public init(_ key: Expr, _ value: Expr) {
        self.key = key
        self.value = value
    }
}

/// A statement of a function body.
public indirect enum Statement: Sendable, Hashable {
    /// `let name = value`.
    case letBinding(String, Expr)
    /// `var name: Type = value`.
    case varBinding(String, TypeRef?, Expr)
    /// `target = value`.
    case assign(Expr, Expr)
    /// `return value` (or `return nil` with `.nilLiteral`).
    case returnValue(Expr)
    /// An expression on its own.
    case expression(Expr)
    /// `for pattern in sequence where condition { body }`.
    case forIn(pattern: String, sequence: Expr, condition: Expr?, body: [Statement])
    /// `switch subject { case pattern: body ... }`.
    case switchOver(Expr, [SwitchCase])
    /// `guard pattern = value else { body }`, such as `guard case .object(let members) = json else
    /// { return nil }` (`pattern` is the text before ` = `).
    case guardBinding(pattern: String, value: Expr, elseBody: [Statement])
}

/// One `case` of a `switch`.
public struct SwitchCase: Sendable, Hashable {
    /// The pattern text after `case` (such as `.asset(let value)`), or `nil` for `default`.
    public var pattern: String?
    /// The body.
    public var body: [Statement]

    /// Creates a case.
    /// - Parameters:
    ///   - pattern: The pattern, or `nil` for `default`.
    ///   - body: The body.
    public init(_ pattern: String?, _ body: [Statement]) {
        self.pattern = pattern
        self.body = body
    }
}

/// One associated value of an enum case.
public struct CaseValue: Sendable, Hashable {
    /// The label, or `nil` for none.
    public var label: String?
    /// The type.
    public var type: TypeRef

    /// Creates an associated value.
    /// - Parameters:
    ///   - label: The label.
    ///   - type: The type.
    public init(_ label: String?, _ type: TypeRef) {
        self.label = label
        self.type = type
    }
}

/// One parameter of a function or initializer.
public struct FunctionParameter: Sendable, Hashable {
    /// The argument label when it differs from the name (`_` for none).
    public var label: String?
    /// The parameter name.
    public var name: String
    /// The type.
    public var type: TypeRef
    /// The default value.
    public var defaultValue: Expr?

    /// Creates a parameter.
    /// - Parameters:
    ///   - label: The argument label when it differs from the name.
    ///   - name: The name.
    ///   - type: The type.
    ///   - defaultValue: The default.
    public init(label: String? = nil, name: String, type: TypeRef, defaultValue: Expr? = nil) {
        self.label = label
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
    }
}

/// A function or initializer.
public struct FunctionDecl: Sendable, Hashable {
    /// What kind of function.
    public enum Kind: Sendable, Hashable {
        /// `func name`.
        case function(String)
        /// `init`, or `init?` when failable.
        case initializer(failable: Bool)
    }

    /// The doc comment.
    public var doc: Doc?
    /// The access level.
    public var access: AccessLevel
    /// Whether it is `static`.
    public var isStatic: Bool
    /// What kind.
    public var kind: Kind
    /// The parameters.
    public var parameters: [FunctionParameter]
    /// Whether it is `async`.
    public var isAsync: Bool
    /// Whether it `throws`.
    public var isThrowing: Bool
    /// The return type.
    public var returnType: TypeRef?
    /// The body.
    public var body: [Statement]

    /// Creates a function.
    /// - Parameters:
    ///   - doc: The doc comment.
    ///   - access: The access level.
    ///   - isStatic: Whether it is static.
    ///   - kind: Function or initializer.
    ///   - parameters: The parameters.
    ///   - isAsync: Whether it is async.
    ///   - isThrowing: Whether it throws.
    ///   - returnType: The return type.
    ///   - body: The body.
    public init(
        doc: Doc?, access: AccessLevel, isStatic: Bool = false, kind: Kind, parameters: [FunctionParameter],
        isAsync: Bool = false, isThrowing: Bool = false, returnType: TypeRef? = nil, body: [Statement]
    ) {
        self.doc = doc
        self.access = access
        self.isStatic = isStatic
        self.kind = kind
        self.parameters = parameters
        self.isAsync = isAsync
        self.isThrowing = isThrowing
        self.returnType = returnType
        self.body = body
    }
}

/// A stored or computed property.
public struct PropertyDecl: Sendable, Hashable {
    /// The doc comment.
    public var doc: Doc?
    /// The access level.
    public var access: AccessLevel
    /// Whether it is `static`.
    public var isStatic: Bool
    /// `let` rather than `var`.
    public var isLet: Bool
    /// The name.
    public var name: String
    /// The type annotation.
    public var type: TypeRef?
    /// The initial value.
    public var initialValue: Expr?
    /// A computed getter (and setter), when computed.
    public var accessors: Accessors?

    /// Accessors of a computed property.
    public struct Accessors: Sendable, Hashable {
        /// The getter body.
        public var get: [Statement]
        /// The setter body (`newValue` in scope), when settable.
        public var set: [Statement]?

        /// Creates accessors.
        /// - Parameters:
        ///   - get: The getter body.
        ///   - set: The setter body.
        public init(get: [Statement], set: [Statement]?) {
            self.get = get
            self.set = set
        }
    }

    /// Creates a property.
    /// - Parameters:
    ///   - doc: The doc comment.
    ///   - access: The access level.
    ///   - isStatic: Whether it is static.
    ///   - isLet: `let` rather than `var`.
    ///   - name: The name.
    ///   - type: The type.
    ///   - initialValue: The initial value.
    ///   - accessors: Computed accessors.
    public init(
        doc: Doc?, access: AccessLevel, isStatic: Bool = false, isLet: Bool = false, name: String, type: TypeRef?,
        initialValue: Expr? = nil, accessors: Accessors? = nil
    ) {
        self.doc = doc
        self.access = access
        self.isStatic = isStatic
        self.isLet = isLet
        self.name = name
        self.type = type
        self.initialValue = initialValue
        self.accessors = accessors
    }
}

/// A struct or enum.
public struct TypeDecl: Sendable, Hashable {
    /// `struct` or `enum`.
    public enum Kind: String, Sendable, Hashable {
        /// `struct`.
        case `struct`
        /// `enum`.
        case `enum`
    }

    /// The doc comment.
    public var doc: Doc?
    /// The access level.
    public var access: AccessLevel
    /// struct or enum.
    public var kind: Kind
    /// The name.
    public var name: String
    /// Raw type and protocols.
    public var inherits: [String]
    /// The members.
    public var members: [Decl]

    /// Creates a type.
    /// - Parameters:
    ///   - doc: The doc comment.
    ///   - access: The access level.
    ///   - kind: struct or enum.
    ///   - name: The name.
    ///   - inherits: Raw type and protocols.
    ///   - members: The members.
    public init(doc: Doc?, access: AccessLevel, kind: Kind, name: String, inherits: [String], members: [Decl]) {
        self.doc = doc
        self.access = access
        self.kind = kind
        self.name = name
        self.inherits = inherits
        self.members = members
    }
}

/// A declaration.
public indirect enum Decl: Sendable, Hashable {
    /// A struct or enum.
    case type(TypeDecl)
    /// A function or initializer.
    case function(FunctionDecl)
    /// A property.
    case property(PropertyDecl)
    /// `case name = "raw"`.
    case enumCase(name: String, rawValue: String?)
    /// `case name(label: Type, ...)`, documented.
    case associatedCase(doc: Doc?, name: String, values: [CaseValue])
    /// `typealias Name = Type`.
    case typeAlias(doc: Doc?, access: AccessLevel, name: String, target: TypeRef)
}

/// One `import`.
public struct ImportDecl: Sendable, Hashable {
    /// The access of the import (`package import`), or `nil` for a plain import.
    public var access: AccessLevel?
    /// The module.
    public var module: String

    /// Creates an import.
    /// - Parameters:
    ///   - access: The import's access.
    ///   - module: The module.
    public init(access: AccessLevel?, module: String) {
        self.access = access
        self.module = module
    }
}

/// One generated file.
public struct SwiftFile: Sendable, Hashable {
    /// The file name, such as `Models.swift`.
    public var name: String
    /// Comment lines at the top (without `// `).
    public var header: [String]
    /// The imports.
    public var imports: [ImportDecl]
    /// The top-level declarations.
    public var declarations: [Decl]

    /// Creates a file.
    /// - Parameters:
    ///   - name: The file name.
    ///   - header: Header comment lines.
    ///   - imports: The imports.
    ///   - declarations: The declarations.
    public init(name: String, header: [String], imports: [ImportDecl], declarations: [Decl]) {
        self.name = name
        self.header = header
        self.imports = imports
        self.declarations = declarations
    }
}

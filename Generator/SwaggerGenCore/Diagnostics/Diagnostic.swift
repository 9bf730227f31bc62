/// A position in a spec file: 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file path as the user gave it.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column.
    public var column: Int

    /// Creates a location.
    /// - Parameters:
    ///   - file: The file path.
    ///   - line: The 1-based line.
    ///   - column: The 1-based column.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }

    /// Orders by file, then line, then column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// One finding of the generator about its input.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How bad a finding is.
    public enum Severity: String, Sendable, Hashable {
        /// The input cannot be turned into correct output; the run fails.
        case error
        /// The input is suspicious or partly ignored; the run goes on.
        case warning
    }

    /// How bad it is.
    public var severity: Severity
    /// What is wrong, in one line.
    public var message: String
    /// Where, when known.
    public var location: SourceLocation?

    /// Creates a diagnostic.
    /// - Parameters:
    ///   - severity: How bad it is.
    ///   - message: What is wrong.
    ///   - location: Where.
    public init(severity: Severity, message: String, location: SourceLocation?) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// `path:line:column: error: message` (or without a location when there is none).
    public var description: String {
        if let location {
            return "\(location): \(severity.rawValue): \(message)"
        }
        return "swaggergen: \(severity.rawValue): \(message)"
    }
}

/// Collects diagnostics of one generator run. A reference type so every stage adds to the
/// same list; it is used from one task at a time.
public final class DiagnosticSink {
    /// Everything reported so far, in report order.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Creates an empty sink.
    public init() {}

    /// Whether any error was reported.
    public var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error }
    }

    /// The errors only.
    public var errors: [Diagnostic] {
        diagnostics.filter { $0.severity == .error }
    }

    /// The warnings only.
    public var warnings: [Diagnostic] {
        diagnostics.filter { $0.severity == .warning }
    }

    /// Adds a diagnostic.
    /// - Parameter diagnostic: The diagnostic.
    public func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Adds an error.
    /// - Parameters:
    ///   - message: What is wrong.
    ///   - location: Where.
    public func error(_ message: String, at location: SourceLocation?) {
        report(Diagnostic(severity: .error, message: message, location: location))
    }

    /// Adds a warning.
    /// - Parameters:
    ///   - message: What is suspicious.
    ///   - location: Where.
    public func warning(_ message: String, at location: SourceLocation?) {
        report(Diagnostic(severity: .warning, message: message, location: location))
    }
}

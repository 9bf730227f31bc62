/// A misuse of the command line or a failed command: printed as one line, exit status 1 or 2.
public struct CommandError: Error, Sendable, CustomStringConvertible {
    /// The one-line message.
    public var message: String
    /// The exit status: 2 for misuse, 1 for a failure.
    public var status: Int32

    /// Creates an error.
    /// - Parameters:
    ///   - message: The one-line message.
    ///   - status: The exit status.
    public init(_ message: String, status: Int32 = 2) {
        self.message = message
        self.status = status
    }

    /// The message.
    public var description: String { message }
}

/// Hand-parsed `--name value` options and positional arguments.
struct ArgumentParser {
    private(set) var options: [String: String] = [:]
    private(set) var positionals: [String] = []
    private(set) var flags: Set<String> = []

    /// Parses arguments.
    /// - Parameters:
    ///   - arguments: The arguments after the subcommand.
    ///   - valued: Option names that take a value.
    ///   - flagNames: Option names that take none.
    /// - Throws: ``CommandError`` naming an unknown option, a missing value or a repeated option.
    init(_ arguments: [String], valued: Set<String>, flagNames: Set<String> = []) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "-" || !argument.hasPrefix("-") {
                positionals.append(argument)
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if flagNames.contains(name), inlineValue == nil {
                flags.insert(name)
                continue
            }
            guard valued.contains(name) else {
                throw CommandError("unknown option '\(name)'")
            }
            guard options[name] == nil else {
                throw CommandError("option '\(name)' given twice")
            }
            if let inlineValue {
                options[name] = inlineValue
            } else {
                guard index < arguments.count else { throw CommandError("option '\(name)' needs a value") }
                options[name] = arguments[index]
                index += 1
            }
        }
    }

    /// The value of a required option.
    /// - Parameter name: The option.
    /// - Returns: Its value.
    /// - Throws: ``CommandError`` when it is missing.
    func required(_ name: String) throws -> String {
        guard let value = options[name] else { throw CommandError("missing required option '\(name)'") }
        return value
    }
}

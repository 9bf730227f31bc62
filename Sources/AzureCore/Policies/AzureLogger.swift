import Foundation

/// How important a log message is.
public enum AzureLogLevel: Int, Sendable, Comparable, CustomStringConvertible {
    /// Details for debugging.
    case debug
    /// Normal operation: requests and responses.
    case info
    /// Something went wrong but the call may still succeed.
    case warning
    /// A call failed.
    case error

    /// Orders levels from ``debug`` to ``error``.
    /// - Parameters:
    ///   - lhs: A level.
    ///   - rhs: Another level.
    /// - Returns: Whether `lhs` is less important than `rhs`.
    public static func < (lhs: AzureLogLevel, rhs: AzureLogLevel) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The level's name in upper case, such as `INFO`.
    public var description: String {
        switch self {
        case .debug: "DEBUG"
        case .info: "INFO"
        case .warning: "WARNING"
        case .error: "ERROR"
        }
    }
}

/// Receives the SDK's log messages. Messages are already redacted.
public protocol AzureLogger: Sendable {
    /// Logs one message.
    /// - Parameters:
    ///   - level: How important it is.
    ///   - message: The message, one line.
    func log(_ level: AzureLogLevel, _ message: String)
}

/// A logger that writes each message as one line to standard error.
public struct PrintLogger: AzureLogger {
    /// Creates the logger.
    public init() {}

    /// Writes `[LEVEL] message` to standard error.
    /// - Parameters:
    ///   - level: How important it is.
    ///   - message: The message.
    public func log(_ level: AzureLogLevel, _ message: String) {
        FileHandle.standardError.write(Data("[\(level)] \(message)\n".utf8))
    }
}

import Foundation

/// Sets `User-Agent` to `[<applicationID> ]azsdk-swift-<sdkName>/<sdkVersion> (<os> <version>;
/// Swift <compiler version>)`, the Azure SDK telemetry format.
///
/// When the request already carries a `User-Agent` (set by the caller), that value is kept in
/// front of the SDK's, separated by a space: the caller's product is the outer one, and Azure
/// lists wrapping products first. Place this policy in the per-call part of the pipeline.
public struct UserAgentPolicy: HTTPPolicy {
    /// The longest application id the Azure guidelines allow.
    public static let maxApplicationIDLength = 24

    /// The header value this policy sets (before any caller value is put in front).
    public let userAgent: String

    /// Creates the policy.
    ///
    /// An application id that ``validateApplicationID(_:)`` would refuse is made valid here
    /// (whitespace removed, cut to 24 characters) rather than refused; clients validate their
    /// options with ``validateApplicationID(_:)`` first to report the problem.
    /// - Parameters:
    ///   - sdkName: The package name, such as `eventgrid`.
    ///   - sdkVersion: The package version, such as `1.0.0`.
    ///   - applicationID: The caller's application id, at most 24 characters without spaces.
    public init(sdkName: String, sdkVersion: String, applicationID: String? = nil) {
        var value = "azsdk-swift-\(sdkName)/\(sdkVersion) (\(Self.platformDescription); Swift \(Self.swiftVersion))"
        if let applicationID {
            let cleaned = String(applicationID.filter { !$0.isWhitespace }.prefix(Self.maxApplicationIDLength))
            if !cleaned.isEmpty {
                value = cleaned + " " + value
            }
        }
        userAgent = value
    }

    /// Checks an application id against the Azure rules: at most 24 characters, no whitespace.
    /// - Parameter applicationID: The application id.
    /// - Throws: ``AzureError`` of kind ``AzureError/Kind/invalidInput`` naming the problem.
    public static func validateApplicationID(_ applicationID: String) throws {
        if applicationID.count > maxApplicationIDLength {
            throw AzureError.invalidInput(
                "applicationID must be at most \(maxApplicationIDLength) characters; it has \(applicationID.count)"
            )
        }
        if applicationID.contains(where: \.isWhitespace) {
            throw AzureError.invalidInput("applicationID must not contain spaces: \"\(applicationID)\"")
        }
    }

    /// Sets the `User-Agent` header and passes the request on.
    /// - Parameters:
    ///   - request: The request.
    ///   - context: The per-call state.
    ///   - next: The rest of the pipeline.
    /// - Returns: The response.
    /// - Throws: Whatever the rest of the pipeline throws.
    public func send(_ request: HTTPRequest, context: PipelineContext, next: NextPolicy) async throws -> HTTPResponse {
        var request = request
        if let existing = request.headers["User-Agent"], !existing.isEmpty {
            if !existing.contains(userAgent) {
                request.headers["User-Agent"] = existing + " " + userAgent
            }
        } else {
            request.headers["User-Agent"] = userAgent
        }
        return try await next.send(request, context: context)
    }

    /// The operating system name and version, such as `Linux 6.8.0`.
    static var platformDescription: String {
        #if os(Linux)
        let name = "Linux"
        #elseif os(macOS)
        let name = "macOS"
        #elseif os(iOS)
        let name = "iOS"
        #elseif os(tvOS)
        let name = "tvOS"
        #elseif os(watchOS)
        let name = "watchOS"
        #elseif os(visionOS)
        let name = "visionOS"
        #elseif os(Windows)
        let name = "Windows"
        #elseif os(Android)
        let name = "Android"
        #else
        let name = "UnknownOS"
        #endif
        let version = ProcessInfo.processInfo.operatingSystemVersion
        return "\(name) \(version.majorVersion).\(version.minorVersion).\(version.patchVersion)"
    }

    /// The compiler's Swift version, such as `6.3`.
    static var swiftVersion: String {
        #if compiler(>=7.0)
        return "7.0+"
        #elseif compiler(>=6.4)
        return "6.4"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }
}

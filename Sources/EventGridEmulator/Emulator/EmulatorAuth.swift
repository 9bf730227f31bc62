import AzureCore
import Foundation

/// How a request proved it may publish.
public enum EmulatorAuthMethod: String, Sendable, Hashable, Codable {
    /// `aeg-sas-key` header or query parameter.
    case key
    /// `aeg-sas-token` header or `Authorization: SharedAccessSignature …`.
    case sas
    /// `Authorization: Bearer …` with a token of the emulator's test issuer.
    case bearer
}

/// A parsed shared access signature `r=<resource>&e=<expiry>&s=<signature>`.
struct SASToken: Sendable, Hashable {
    /// The resource, decoded.
    var resource: String
    /// The expiry text, decoded.
    var expiry: String
    /// The base64 signature, decoded.
    var signature: String
    /// `r=…&e=…` exactly as sent: what the signature covers.
    var signedText: String

    /// Parses a token; `nil` when `r`, `e` or `s` is missing or empty.
    static func parse(_ token: String) -> SASToken? {
        var raw: [String: String] = [:]
        for pair in token.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let name = String(parts[0]).trimmingCharacters(in: .whitespaces)
            if raw[name] == nil { raw[name] = String(parts[1]) }
        }
        guard let rawResource = raw["r"], let rawExpiry = raw["e"], let rawSignature = raw["s"],
            !rawResource.isEmpty, !rawExpiry.isEmpty, !rawSignature.isEmpty
        else { return nil }
        func formDecode(_ text: String) -> String {
            let spaced = text.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        return SASToken(
            resource: formDecode(rawResource),
            expiry: formDecode(rawExpiry),
            // A raw `+` in a signature is base64, not a space.
            signature: rawSignature.removingPercentEncoding ?? rawSignature,
            signedText: "r=\(rawResource)&e=\(rawExpiry)"
        )
    }

    /// Whether some key's HMAC-SHA256 over ``signedText`` is ``signature``.
    func isSigned(byAnyOf keys: [String]) -> Bool {
        keys.contains { key in
            guard let keyBytes = Data(base64Encoded: key) else { return false }
            let mac = HMACSHA256.authenticationCode(for: Data(signedText.utf8), key: keyBytes)
            return mac.base64EncodedString() == signature
        }
    }

    /// Whether the signed resource covers `target` (`host[:port]/path`): the resource, without
    /// scheme and query (SDKs sign `<endpoint>?apiVersion=…`), compared case-insensitively, must
    /// be a prefix of it.
    func covers(target: String) -> Bool {
        var resource = resource
        if let mark = resource.firstIndex(of: "?") { resource = String(resource[..<mark]) }
        for scheme in ["https://", "http://"] where resource.lowercased().hasPrefix(scheme) {
            resource.removeFirst(scheme.count)
        }
        while resource.hasSuffix("/") { resource.removeLast() }
        guard !resource.isEmpty else { return false }
        return target.lowercased().hasPrefix(resource.lowercased())
    }
}

/// The expiry formats SDKs write into SAS tokens.
enum SASExpiry {
    /// Parses Python's `YYYY-MM-DD HH:MM:SS[.ffffff]+00:00`, ISO 8601 / RFC 3339, and the
    /// .NET/JS en-US form `M/d/yyyy h:mm:ss AM|PM` (an optional offset after it; UTC without).
    /// - Returns: The date, or `nil` for anything else.
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = RFC3339.date(from: trimmed) { return date }
        return parseUS(trimmed)
    }

    private static func parseUS(_ text: String) -> Date? {
        let fields = text.split(separator: " ").map(String.init)
        guard (2...4).contains(fields.count) else { return nil }
        let dateParts = fields[0].split(separator: "/").compactMap { Int($0) }
        let timeParts = fields[1].split(separator: ":").compactMap { Int($0) }
        guard dateParts.count == 3, timeParts.count == 3 || timeParts.count == 2 else { return nil }
        var hour = timeParts[0]
        var rest = fields.dropFirst(2)
        if let marker = rest.first?.uppercased(), marker == "AM" || marker == "PM" {
            guard (0...12).contains(hour) else { return nil }
            // 12 AM is midnight, 12 PM noon; JS's old "0:xx AM" for noon reads as midnight.
            hour = hour % 12 + (marker == "PM" ? 12 : 0)
            rest = rest.dropFirst()
        }
        var offsetSeconds = 0
        if let offset = rest.first {
            guard rest.count == 1, let parsed = parseOffset(offset) else { return nil }
            offsetSeconds = parsed
        }
        let minute = timeParts[1]
        let second = timeParts.count == 3 ? timeParts[2] : 0
        guard (1...12).contains(dateParts[0]), (1...31).contains(dateParts[1]), (0...23).contains(hour),
            (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        let components = DateComponents(
            year: dateParts[2], month: dateParts[0], day: dateParts[1], hour: hour, minute: minute, second: second
        )
        return calendar.date(from: components).map { $0.addingTimeInterval(TimeInterval(-offsetSeconds)) }
    }

    private static func parseOffset(_ text: String) -> Int? {
        if text == "Z" || text == "UTC" || text == "GMT" { return 0 }
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let parts = text.dropFirst().split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, parts[0] < 24, parts[1] < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (parts[0] * 3600 + parts[1] * 60)
    }
}

/// Checks a request's credential against a topic, as the service does.
enum EmulatorAuthenticator {
    static let base64Reason =
        "The input is not a valid Base-64 string as it contains a non-base 64 character, more than two "
        + "padding characters, or an illegal character among the padding characters."

    static let sasFormatMessage =
        "Invalid key in aeg-sas-token. Valid format :r=UrlEncodedResource&e=UrlEncodedUtcExpiration"
        + "&s=UrlEncodedSignature. Input sas string: "

    /// Returns how the request authenticated, or the error to answer.
    /// - Parameters:
    ///   - request: The request.
    ///   - topic: The topic it is for.
    ///   - host: The `Host` the request named (`127.0.0.1:P`).
    ///   - bearerTokens: The test issuer's tokens.
    ///   - now: The current time, for SAS expiry.
    /// - Returns: How the request authenticated, or the service error to answer with.
    static func authenticate(
        _ request: ServerRequest,
        topic: EmulatorTopic,
        host: String,
        bearerTokens: Set<String>,
        now: Date
    ) -> Result<EmulatorAuthMethod, ServiceError> {
        if let key = request.header("aeg-sas-key") ?? request.query["aeg-sas-key"] {
            if topic.keys.contains(key) { return .success(.key) }
            if Data(base64Encoded: key) == nil {
                return .failure(.unauthorized(host: host, reason: base64Reason))
            }
            return .failure(
                .unauthorized(host: host, reason: "The provided aeg-sas-key does not match any key of the topic."))
        }
        if let token = request.header("aeg-sas-token") {
            return checkSAS(token, topic: topic, host: host, target: host + request.path, now: now)
        }
        if let authorization = request.header("Authorization") {
            let trimmed = authorization.trimmingCharacters(in: .whitespaces)
            if let token = value(of: trimmed, scheme: "SharedAccessSignature") {
                return checkSAS(token, topic: topic, host: host, target: host + request.path, now: now)
            }
            if let token = value(of: trimmed, scheme: "Bearer") {
                if bearerTokens.contains(token) { return .success(.bearer) }
                return .failure(
                    .unauthorized(host: host, reason: "The bearer token was not issued by the emulator's test issuer.")
                )
            }
            return .failure(.unauthorized(host: host, reason: "The Authorization scheme is not supported."))
        }
        return .failure(
            .unauthorized(
                host: host,
                reason: "The request has no aeg-sas-key, aeg-sas-token or Authorization credential."
            )
        )
    }

    private static func value(of header: String, scheme: String) -> String? {
        guard header.count > scheme.count, header.lowercased().hasPrefix(scheme.lowercased() + " ") else { return nil }
        return String(header.dropFirst(scheme.count + 1)).trimmingCharacters(in: .whitespaces)
    }

    private static func checkSAS(
        _ token: String,
        topic: EmulatorTopic,
        host: String,
        target: String,
        now: Date
    ) -> Result<EmulatorAuthMethod, ServiceError> {
        guard let sas = SASToken.parse(token) else {
            return .failure(.badRequest(sasFormatMessage + token, detail: "InvalidSasToken"))
        }
        guard let expiry = SASExpiry.parse(sas.expiry) else {
            return .failure(.unauthorized(host: host, reason: "The SAS expiry '\(sas.expiry)' is not a date-time."))
        }
        guard sas.isSigned(byAnyOf: topic.keys) else {
            return .failure(.unauthorized(host: host, reason: "The SAS signature does not match any key of the topic."))
        }
        guard sas.covers(target: target) else {
            return .failure(
                .unauthorized(host: host, reason: "The SAS resource '\(sas.resource)' does not cover this request.")
            )
        }
        guard expiry > now else {
            return .failure(
                .unauthorized(host: host, reason: "The SAS token expired at \(RFC3339.string(from: expiry)).")
            )
        }
        return .success(.sas)
    }
}

import AzureCore
public import Foundation

/// Creates a shared access signature for an Event Grid topic or domain: the value of the
/// `aeg-sas-token` header (see ``/AzureCore/AzureSASCredential``).
///
/// The token is byte-for-byte what the Python SDK's `generate_sas` returns for the same
/// endpoint, key, expiry (a timezone-aware UTC `datetime`) and API version:
/// `r=<resource>&e=<expiry>&s=<signature>`, where the resource is `<endpoint>?apiVersion=<v>`,
/// the expiry is written `yyyy-MM-dd HH:mm:ss[.ffffff]+00:00`, each is percent-encoded with only
/// letters, digits and `_.-~()*!'` left as they are, and the signature is the base64
/// HMAC-SHA256 of `r=…&e=…` under the base64-decoded key, percent-encoded the same way.
///
/// - Parameters:
///   - endpoint: The endpoint exactly as it should be signed, normally
///     `https://<topic>.<region>-1.eventgrid.azure.net/api/events`. A token is valid for every
///     resource whose URL starts with it.
///   - key: The topic's access key (base64, as the portal shows it).
///   - expiresOn: When the token stops being valid (microsecond precision).
///   - apiVersion: The API version signed into the resource; `2018-01-01` by default.
/// - Returns: The token.
/// - Throws: ``/AzureCore/AzureError`` of kind invalidInput when the key is not base64 or the
///   endpoint is empty.
public func generateSAS(
    endpoint: URL,
    key: String,
    expiresOn: Date,
    apiVersion: String = EventGridPublisherClientOptions.APIVersion.latest.rawValue
) throws -> String {
    let endpointText = endpoint.absoluteString
    guard !endpointText.isEmpty else {
        throw AzureError.invalidInput("generateSAS: the endpoint is empty")
    }
    guard let keyBytes = Data(base64Encoded: key) else {
        throw AzureError.invalidInput("generateSAS: the key is not valid base64")
    }
    let resource = SASEncoding.percentEncode("\(endpointText)?apiVersion=\(apiVersion)")
    let expiry = SASEncoding.percentEncode(SASEncoding.pythonUTCString(expiresOn))
    let unsigned = "r=\(resource)&e=\(expiry)"
    let mac = HMACSHA256.authenticationCode(for: Data(unsigned.utf8), key: keyBytes)
    return "\(unsigned)&s=\(SASEncoding.percentEncode(mac.base64EncodedString()))"
}

/// The text rules of SAS tokens.
enum SASEncoding {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Percent-encodes every byte except ASCII letters, digits and `_.-~()*!'` (uppercase hex),
    /// as Python's `quote(text, safe="~()*!.'")` does.
    /// - Parameter text: The text.
    /// - Returns: The encoded text.
    static func percentEncode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                output.append(byte)
            case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "~"), UInt8(ascii: "("),
                UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "'"):
                output.append(byte)
            default:
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Writes a date as Python's `str()` of a UTC-aware `datetime`:
    /// `2026-01-02 03:04:05+00:00`, or `2026-01-02 03:04:05.123456+00:00` with microseconds.
    /// - Parameter date: The date.
    /// - Returns: The text.
    static func pythonUTCString(_ date: Date) -> String {
        // RFC3339 writes `yyyy-MM-ddTHH:mm:ss[.f…]Z` with trailing zeros dropped; Python puts a
        // space for the `T`, always writes six digits when there are any, and ends in `+00:00`.
        var bytes = Array(RFC3339.string(from: date).utf8.dropLast())  // "Z"
        if bytes.count > 10 { bytes[10] = UInt8(ascii: " ") }
        if let dot = bytes.firstIndex(of: UInt8(ascii: ".")) {
            let digits = bytes.count - dot - 1
            bytes += repeatElement(UInt8(ascii: "0"), count: max(0, 6 - digits))
        }
        bytes += Array("+00:00".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }
}

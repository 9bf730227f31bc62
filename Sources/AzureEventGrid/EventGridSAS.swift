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
///   endpoint is empty; of kind authentication when the crypto library fails.
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
    var keyText = key
    var endpointBytes = endpointText
    var version = apiVersion
    let expiry = SASEncoding.pythonUTCBytes(expiresOn)
    // Every input byte becomes at most 3 output bytes; the base64 signature is 44 bytes.
    let capacity = 3 * (endpointBytes.utf8.count + version.utf8.count + expiry.count + 12 + 44) + 16
    var outcome = SASEncoding.Outcome.signed
    let token = keyText.withUTF8 { keyBase64 in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: keyBase64.count / 4 * 3 + 1) { keyBuffer in
            String(unsafeUninitializedCapacity: capacity) { buffer in
                guard let keyCount = Base64.decode(keyBase64, into: keyBuffer) else {
                    outcome = .invalidKey
                    return 0
                }
                var writer = SASEncoding.Writer(buffer: buffer)
                writer.append(ascii: "r=")
                endpointBytes.withUTF8 { writer.percentEncode($0) }
                writer.percentEncode(ascii: "?apiVersion=")
                version.withUTF8 { writer.percentEncode($0) }
                writer.append(ascii: "&e=")
                expiry.withUnsafeBufferPointer { writer.percentEncode($0) }
                // The signature covers `r=…&e=…`, everything written so far.
                var mac = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
                let signed = withUnsafeMutableBytes(of: &mac) { output in
                    HMACSHA256.authenticate(
                        writer.written,
                        key: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: keyBuffer[..<keyCount])),
                        into: output)
                }
                guard signed else {
                    outcome = .notSigned
                    return 0
                }
                writer.append(ascii: "&s=")
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Base64.encodedCount(32)) { signature in
                    let count = withUnsafeBytes(of: &mac) { Base64.encode($0, into: signature) }
                    writer.percentEncode(UnsafeBufferPointer(rebasing: signature[..<count]))
                }
                return writer.count
            }
        }
    }
    switch outcome {
    case .signed: return token
    case .invalidKey: throw AzureError.invalidInput("generateSAS: the key is not valid base64")
    case .notSigned:
        throw AzureError(kind: .authentication, message: "generateSAS: the crypto library could not sign the token")
    }
}

/// The text rules of SAS tokens.
enum SASEncoding {
    /// How building a token ended.
    enum Outcome {
        case signed, invalidKey, notSigned
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Whether each byte value stays as it is: ASCII letters, digits and `_.-~()*!'`.
    private static let keeps: [Bool] = (0...255).map { value in
        switch UInt8(value) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "~"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "'"):
            true
        default:
            false
        }
    }

    /// Percent-encodes every byte except ASCII letters, digits and `_.-~()*!'` (uppercase hex),
    /// as Python's `quote(text, safe="~()*!.'")` does.
    /// - Parameter text: The text.
    /// - Returns: The encoded text.
    static func percentEncode(_ text: String) -> String {
        var text = text
        let encoded = [UInt8](unsafeUninitializedCapacity: 3 * text.utf8.count) { buffer, count in
            var writer = Writer(buffer: buffer)
            text.withUTF8 { writer.percentEncode($0) }
            count = writer.count
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Writes a token into a buffer the caller sized (3 bytes per encoded input byte).
    struct Writer {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        private(set) var count = 0

        init(buffer: UnsafeMutableBufferPointer<UInt8>) {
            self.buffer = buffer
        }

        /// The bytes written so far.
        var written: UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }

        /// Appends ASCII text as it is.
        mutating func append(ascii text: StaticString) {
            text.withUTF8Buffer { bytes in
                for byte in bytes {
                    buffer[count] = byte
                    count += 1
                }
            }
        }

        /// Appends ASCII text percent-encoded.
        mutating func percentEncode(ascii text: StaticString) {
            text.withUTF8Buffer { percentEncode($0) }
        }

        /// Appends bytes percent-encoded (see ``SASEncoding/percentEncode(_:)``).
        mutating func percentEncode(_ bytes: UnsafeBufferPointer<UInt8>) {
            SASEncoding.keeps.withUnsafeBufferPointer { keeps in
                SASEncoding.hexDigits.withUnsafeBufferPointer { hex in
                    for byte in bytes {
                        if keeps[Int(byte)] {
                            buffer[count] = byte
                            count += 1
                        } else {
                            buffer[count] = UInt8(ascii: "%")
                            buffer[count + 1] = hex[Int(byte >> 4)]
                            buffer[count + 2] = hex[Int(byte & 0x0F)]
                            count += 3
                        }
                    }
                }
            }
        }
    }

    /// Writes a date as Python's `str()` of a UTC-aware `datetime`:
    /// `2026-01-02 03:04:05+00:00`, or `2026-01-02 03:04:05.123456+00:00` with microseconds.
    /// - Parameter date: The date.
    /// - Returns: The text.
    static func pythonUTCString(_ date: Date) -> String {
        String(decoding: pythonUTCBytes(date), as: UTF8.self)
    }

    /// The UTF-8 bytes of ``pythonUTCString(_:)``.
    /// - Parameter date: The date.
    /// - Returns: The bytes.
    static func pythonUTCBytes(_ date: Date) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        RFC3339.append(date, separator: UInt8(ascii: " "), fraction: .microseconds, to: &bytes)
        bytes += [
            UInt8(ascii: "+"), UInt8(ascii: "0"), UInt8(ascii: "0"), UInt8(ascii: ":"), UInt8(ascii: "0"),
            UInt8(ascii: "0"),
        ]
        return bytes
    }
}

public import Foundation

#if canImport(CryptoKit)
import CryptoKit
#elseif canImport(CLibCrypto)
import CLibCrypto
#endif

/// HMAC-SHA256 from the platform's crypto: CryptoKit where it exists, else libcrypto (OpenSSL).
public enum HMACSHA256 {
    /// The length of an authentication code, in bytes.
    package static let byteCount = 32

    /// Computes the HMAC-SHA256 authentication code of a message.
    /// - Parameters:
    ///   - message: The message bytes.
    ///   - key: The key bytes (any length; longer keys are hashed first, per RFC 2104).
    /// - Returns: The 32-byte authentication code.
    public static func authenticationCode(for message: some DataProtocol, key: Data) -> Data {
        let messageBytes = message as? Data ?? Data(message)
        var code = Data(count: byteCount)
        let ok = code.withUnsafeMutableBytes { output in
            messageBytes.withUnsafeBytes { messageBuffer in
                key.withUnsafeBytes { keyBuffer in
                    authenticate(messageBuffer, key: keyBuffer, into: output)
                }
            }
        }
        return ok ? code : Data()
    }

    /// Computes the HMAC-SHA256 authentication code of a UTF-8 string.
    /// - Parameters:
    ///   - message: The message, encoded as UTF-8.
    ///   - key: The key bytes.
    /// - Returns: The 32-byte authentication code.
    public static func authenticationCode(for message: String, key: Data) -> Data {
        authenticationCode(for: Data(message.utf8), key: key)
    }

    /// Computes the authentication code of `message` under `key` into the first 32 bytes of
    /// `output`, with no copies of the inputs.
    /// - Parameters:
    ///   - message: The message bytes.
    ///   - key: The key bytes.
    ///   - output: At least ``byteCount`` bytes.
    /// - Returns: `false` when `output` is too small or the crypto library failed.
    package static func authenticate(
        _ message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) -> Bool {
        guard output.count >= byteCount else { return false }
        #if canImport(CryptoKit)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
        code.withUnsafeBytes { output.copyMemory(from: $0) }
        return true
        #elseif canImport(CLibCrypto)
        // A real (if unused) buffer stands in for an empty input: libcrypto may refuse NULL.
        var empty: UInt8 = 0
        return withUnsafeMutableBytes(of: &empty) { placeholder in
            let messageBase = message.baseAddress ?? UnsafeRawPointer(placeholder.baseAddress)
            let keyBase = key.baseAddress ?? UnsafeRawPointer(placeholder.baseAddress)
            return azure_hmac_sha256(
                keyBase?.assumingMemoryBound(to: UInt8.self), key.count,
                messageBase?.assumingMemoryBound(to: UInt8.self), message.count,
                output.baseAddress?.assumingMemoryBound(to: UInt8.self)
            ) == 1
        }
        #else
        #error("HMACSHA256 needs CryptoKit or libcrypto")
        #endif
    }
}

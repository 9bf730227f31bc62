public import Foundation

#if canImport(CryptoKit)
import CryptoKit
#elseif canImport(CLibCrypto)
import CLibCrypto
#endif

/// HMAC-SHA256 from the platform's crypto: CryptoKit where it exists, else libcrypto (OpenSSL).
public enum HMACSHA256 {
    /// Computes the HMAC-SHA256 authentication code of a message.
    /// - Parameters:
    ///   - message: The message bytes.
    ///   - key: The key bytes (any length; longer keys are hashed first, per RFC 2104).
    /// - Returns: The 32-byte authentication code.
    public static func authenticationCode(for message: some DataProtocol, key: Data) -> Data {
        #if canImport(CryptoKit)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
        return Data(code)
        #elseif canImport(CLibCrypto)
        // Empty inputs still get a real buffer: some libcrypto versions refuse a NULL key.
        // Keys longer than the block size are hashed first anyway (RFC 2104), so hashing a key
        // too long for an `Int32` length gives the same code without overflowing.
        let messageBytes = message.isEmpty ? [UInt8(0)] : [UInt8](message)
        let messageCount = message.count
        var keyBytes = key.isEmpty ? [UInt8(0)] : [UInt8](key)
        var keyCount = key.count
        if keyCount > Int(Int32.max) {
            var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
            _ = keyBytes.withUnsafeBufferPointer { SHA256($0.baseAddress, $0.count, &digest) }
            keyBytes = digest
            keyCount = digest.count
        }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = keyBytes.withUnsafeBufferPointer { keyBuffer in
            messageBytes.withUnsafeBufferPointer { messageBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    HMAC(
                        EVP_sha256(),
                        keyBuffer.baseAddress,
                        Int32(clamping: keyCount),
                        messageBuffer.baseAddress,
                        messageCount,
                        outputBuffer.baseAddress,
                        &length
                    )
                }
            }
        }
        guard result != nil else { return Data() }
        return Data(output.prefix(Int(length)))
        #else
        #error("HMACSHA256 needs CryptoKit or libcrypto")
        #endif
    }

    /// Computes the HMAC-SHA256 authentication code of a UTF-8 string.
    /// - Parameters:
    ///   - message: The message, encoded as UTF-8.
    ///   - key: The key bytes.
    /// - Returns: The 32-byte authentication code.
    public static func authenticationCode(for message: String, key: Data) -> Data {
        authenticationCode(for: Data(message.utf8), key: key)
    }
}

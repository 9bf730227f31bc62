import AzureCore
import Foundation
import XCTest

/// RFC 4231 §4.2–4.8, HMAC-SHA-256.
final class HMACSHA256Tests: XCTestCase {
    private func hex(_ data: Data) -> String {
        data.map { String(format: "%02x", $0) }.joined()
    }

    private func check(key: Data, message: Data, expected: String, truncatedTo bytes: Int = 32, line: UInt = #line) {
        let code = HMACSHA256.authenticationCode(for: message, key: key)
        XCTAssertEqual(code.count, 32, line: line)
        XCTAssertEqual(hex(code.prefix(bytes)), expected, line: line)
    }

    func test_rfc4231_case1() {
        check(
            key: Data(repeating: 0x0b, count: 20), message: Data("Hi There".utf8),
            expected: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    func test_rfc4231_case2() {
        check(
            key: Data("Jefe".utf8), message: Data("what do ya want for nothing?".utf8),
            expected: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    func test_rfc4231_case3() {
        check(
            key: Data(repeating: 0xaa, count: 20), message: Data(repeating: 0xdd, count: 50),
            expected: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
    }

    func test_rfc4231_case4() {
        check(
            key: Data(1...25), message: Data(repeating: 0xcd, count: 50),
            expected: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
    }

    func test_rfc4231_case5_truncatedTo128Bits() {
        check(
            key: Data(repeating: 0x0c, count: 20), message: Data("Test With Truncation".utf8),
            expected: "a3b6167473100ee06e0c796c2955552b", truncatedTo: 16)
    }

    func test_rfc4231_case6_keyLargerThanBlock() {
        check(
            key: Data(repeating: 0xaa, count: 131),
            message: Data("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            expected: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    func test_rfc4231_case7_keyAndDataLargerThanBlock() {
        let message =
            "This is a test using a larger than block-size key and a larger than block-size data. "
            + "The key needs to be hashed before being used by the HMAC algorithm."
        check(
            key: Data(repeating: 0xaa, count: 131), message: Data(message.utf8),
            expected: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    func test_emptyKeyAndMessage() {
        // HMAC-SHA256("", "") — the well-known value.
        check(
            key: Data(), message: Data(), expected: "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
        XCTAssertEqual(
            HMACSHA256.authenticationCode(for: "Hi There", key: Data(repeating: 0x0b, count: 20)),
            HMACSHA256.authenticationCode(for: Data("Hi There".utf8), key: Data(repeating: 0x0b, count: 20)))
    }
}

/// Inputs the RFC's cases leave out: empty key and message, a key of exactly one block.
final class HMACSHA256EdgeTests: XCTestCase {
    func test_emptyKeyAndMessage() {
        let code = HMACSHA256.authenticationCode(for: Data(), key: Data())
        XCTAssertEqual(
            code.map { String(format: "%02x", $0) }.joined(),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    func test_keyOfExactlyOneBlock_isNotHashedFirst() {
        // 64 bytes is used as it is; 65 is hashed first, so the two codes must differ.
        let message = Data("Event Grid".utf8)
        let block = HMACSHA256.authenticationCode(for: message, key: Data(repeating: 0x61, count: 64))
        let longer = HMACSHA256.authenticationCode(for: message, key: Data(repeating: 0x61, count: 65))
        XCTAssertEqual(block.count, 32)
        XCTAssertNotEqual(block, longer)
        XCTAssertEqual(
            block.map { String(format: "%02x", $0) }.joined(),
            "0e574e0a162e2f197b8b58ccdd0039782c0993d1ad019d7eab8ab85d1129f3e5")
    }
}

/// Byte scans shared by ``JSONWriter`` and ``JSONParser``.
package enum JSONBytes {
    /// Scans UTF-8 string content from `start` to the first byte that is special inside a JSON
    /// string — `"`, `\` or a control character (below 0x20) — reading eight bytes at a time.
    /// - Parameters:
    ///   - bytes: The bytes.
    ///   - start: Where to start.
    /// - Returns: The index of the first special byte (or `bytes.count`), and the bitwise OR of
    ///   every byte before it (below 0x80 when they are all ASCII).
    @inline(__always)
    package static func scanPlain(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, bits: UInt8) {
        var index = start
        var wordBits: UInt64 = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if hasSpecialByte(word) { break }
                wordBits |= word
                index += 8
            }
        }
        var bits = UInt8(truncatingIfNeeded: wordBits | wordBits >> 32 | wordBits >> 16 | wordBits >> 8)
        bits |= UInt8(truncatingIfNeeded: wordBits >> 24 | wordBits >> 40 | wordBits >> 48 | wordBits >> 56)
        while index < bytes.count {
            let byte = bytes[index]
            if isSpecial(byte) { break }
            bits |= byte
            index += 1
        }
        return (index, bits)
    }

    /// Whether any of the eight bytes of `word` is special inside a JSON string: `"`, `\` or a
    /// control character. Bytes of 0x80 and above are not (the usual "has a byte less than n"
    /// and "has a zero byte" word tricks: such a byte sets its high bit in `found`).
    @inline(__always)
    package static func hasSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let found = ((word &- ones &* 0x20) & ~word) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
        return found & 0x8080_8080_8080_8080 != 0
    }

    /// Whether `byte` is special inside a JSON string: `"`, `\` or a control character.
    @inline(__always)
    package static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}

/// Standard base64 (RFC 4648 §4, with `=` padding), written into and read from byte buffers.
package enum Base64 {
    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The value of each byte as a base64 digit, 0xFF for a byte that is not one.
    private static let digits: [UInt8] = {
        var digits = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in alphabet.enumerated() { digits[Int(byte)] = UInt8(value) }
        return digits
    }()

    /// The length of the base64 text of `count` bytes.
    /// - Parameter count: The number of bytes.
    /// - Returns: The number of characters, padding included.
    package static func encodedCount(_ count: Int) -> Int {
        (count + 2) / 3 * 4
    }

    /// Writes the base64 text of `input` at the start of `output`, which has room for
    /// ``encodedCount(_:)`` bytes.
    /// - Parameters:
    ///   - input: The bytes to encode.
    ///   - output: Where to write.
    /// - Returns: The number of bytes written.
    package static func encode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        alphabet.withUnsafeBufferPointer { table in
            var index = 0
            var written = 0
            func put(_ byte: UInt8) {
                output[written] = byte
                written += 1
            }
            while index + 3 <= input.count {
                let group = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
                put(table[Int(group >> 18)])
                put(table[Int(group >> 12 & 0x3F)])
                put(table[Int(group >> 6 & 0x3F)])
                put(table[Int(group & 0x3F)])
                index += 3
            }
            let rest = input.count - index
            if rest > 0 {
                let group = UInt32(input[index]) << 16 | (rest == 2 ? UInt32(input[index + 1]) << 8 : 0)
                put(table[Int(group >> 18)])
                put(table[Int(group >> 12 & 0x3F)])
                put(rest == 2 ? table[Int(group >> 6 & 0x3F)] : UInt8(ascii: "="))
                put(UInt8(ascii: "="))
            }
            return written
        }
    }

    /// Appends the base64 text of `input` to `output`.
    /// - Parameters:
    ///   - input: The bytes to encode.
    ///   - output: The buffer to append to.
    package static func append(_ input: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: encodedCount(input.count)))
        _ = output.withUnsafeMutableBufferPointer {
            encode(input, into: UnsafeMutableBufferPointer(rebasing: $0[start...]))
        }
    }

    /// Reads strict base64 text: a multiple of four characters of the standard alphabet, with at
    /// most two `=` of padding at the end (bits after the last byte are ignored). Whitespace,
    /// the URL-safe alphabet and missing padding are refused.
    /// - Parameters:
    ///   - text: The text.
    ///   - output: Where to write; room for `text.count / 4 * 3` bytes.
    /// - Returns: The number of bytes written, or `nil` when the text is not such base64.
    package static func decode(_ text: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>)
        -> Int?
    {
        guard text.count % 4 == 0 else { return nil }
        var padding = 0
        if text.count >= 4, text[text.count - 1] == UInt8(ascii: "=") {
            padding = text[text.count - 2] == UInt8(ascii: "=") ? 2 : 1
        }
        return digits.withUnsafeBufferPointer { digits -> Int? in
            var written = 0
            var index = 0
            while index < text.count {
                let last = index + 4 == text.count
                var group: UInt32 = 0
                for offset in 0..<4 {
                    let isPadding = last && offset >= 4 - padding
                    let digit = isPadding ? 0 : digits[Int(text[index + offset])]
                    guard digit != 0xFF else { return nil }
                    group = group << 6 | UInt32(digit)
                }
                let bytes = last ? 3 - padding : 3
                output[written] = UInt8(truncatingIfNeeded: group >> 16)
                if bytes > 1 { output[written + 1] = UInt8(truncatingIfNeeded: group >> 8) }
                if bytes > 2 { output[written + 2] = UInt8(truncatingIfNeeded: group) }
                written += bytes
                index += 4
            }
            return written
        }
    }
}

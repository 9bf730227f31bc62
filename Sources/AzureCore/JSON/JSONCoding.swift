public import Foundation

/// The SDK's JSON settings in one place: dates as RFC 3339 UTC when written, 0–7 fractional
/// digits and any offset when read.
public enum JSONCoding {
    /// A new encoder with the SDK's settings (sorted keys, so output is deterministic).
    /// - Returns: The encoder.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.string(from: date))
        }
        encoder.dataEncodingStrategy = .base64
        return encoder
    }

    /// A new decoder with the SDK's settings.
    /// - Returns: The decoder.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.date(from: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "'\(text)' is not an RFC 3339 date-time"
                )
            }
            return date
        }
        decoder.dataDecodingStrategy = .base64
        return decoder
    }
}

import AzureCore
import XCTest

final class RFC3339Tests: XCTestCase {
    private let base = Date(timeIntervalSince1970: 1_714_564_800)  // 2024-05-01T12:00:00Z

    func test_format_utcWithTrimmedFraction() {
        XCTAssertEqual(RFC3339.string(from: base), "2024-05-01T12:00:00Z")
        XCTAssertEqual(RFC3339.string(from: base.addingTimeInterval(0.5)), "2024-05-01T12:00:00.5Z")
        XCTAssertEqual(RFC3339.string(from: base.addingTimeInterval(0.123456)), "2024-05-01T12:00:00.123456Z")
    }

    func test_parse_fractionalDigitsZeroToNine() throws {
        let cases: [(String, Double)] = [
            ("2024-05-01T12:00:00Z", 0),
            ("2024-05-01T12:00:00.5Z", 0.5),
            ("2024-05-01T12:00:00.12Z", 0.12),
            ("2024-05-01T12:00:00.123Z", 0.123),
            ("2024-05-01T12:00:00.123456Z", 0.123456),
            ("2024-05-01T12:00:00.1234567Z", 0.1234567),
            ("2024-05-01T12:00:00.123456789Z", 0.123456789),
        ]
        for (text, fraction) in cases {
            let date = try XCTUnwrap(RFC3339.date(from: text), text)
            XCTAssertEqual(date.timeIntervalSince1970, base.timeIntervalSince1970 + fraction, accuracy: 1e-6, text)
        }
    }

    func test_parse_offsets() throws {
        XCTAssertEqual(RFC3339.date(from: "2024-05-01T12:00:00+00:00"), base)
        XCTAssertEqual(RFC3339.date(from: "2024-05-01T06:30:00-05:30"), base)
        XCTAssertEqual(RFC3339.date(from: "2024-05-01T14:00:00+02:00"), base)
        XCTAssertEqual(RFC3339.date(from: "2024-05-01T12:00:00"), base, "no offset is UTC")
        XCTAssertEqual(RFC3339.date(from: "2024-05-01t12:00:00z"), base)
    }

    func test_parse_invalidIsNil() {
        for text in [
            "", "2024-05-01", "2024-13-01T00:00:00Z", "2024-05-01T25:00:00Z", "2024-05-01T12:00:00.Z",
            "2024-05-01T12:00:00+5", "2024-05-01T12:00:00Zjunk", "not a date", "2024-05-01T12:60:00Z",
        ] {
            XCTAssertNil(RFC3339.date(from: text), text)
        }
    }

    func test_roundTrip_before1970AndFarFuture() throws {
        let old = try XCTUnwrap(RFC3339.date(from: "1900-02-28T23:59:59.25Z"))
        XCTAssertEqual(RFC3339.string(from: old), "1900-02-28T23:59:59.25Z")
        XCTAssertEqual(RFC3339.string(from: Date(timeIntervalSince1970: -1)), "1969-12-31T23:59:59Z")
        let future = try XCTUnwrap(RFC3339.date(from: "9999-12-31T23:59:59Z"))
        XCTAssertEqual(RFC3339.string(from: future), "9999-12-31T23:59:59Z")
        let leap = try XCTUnwrap(RFC3339.date(from: "2400-02-29T00:00:00Z"))
        XCTAssertEqual(RFC3339.string(from: leap), "2400-02-29T00:00:00Z")
    }
}

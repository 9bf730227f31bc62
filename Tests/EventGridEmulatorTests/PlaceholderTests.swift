import XCTest

final class EventGridEmulatorPlaceholderTests: XCTestCase {
    func test_placeholder() { XCTAssertTrue(true) }
}

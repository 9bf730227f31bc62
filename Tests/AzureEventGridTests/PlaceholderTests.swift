import XCTest

final class AzureEventGridPlaceholderTests: XCTestCase {
    func test_placeholder() { XCTAssertTrue(true) }
}

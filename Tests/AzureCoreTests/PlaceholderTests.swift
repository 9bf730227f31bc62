import XCTest

final class AzureCorePlaceholderTests: XCTestCase {
    func test_placeholder() { XCTAssertTrue(true) }
}

import XCTest

final class SwaggerGenCorePlaceholderTests: XCTestCase {
    func test_placeholder() { XCTAssertTrue(true) }
}

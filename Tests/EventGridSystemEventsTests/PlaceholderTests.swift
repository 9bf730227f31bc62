import EventGridSystemEvents
import XCTest

final class SystemEventsPlaceholderTests: XCTestCase {
    func test_protocolExists() {
        XCTAssertNotNil((any SystemEventModel.Type).self)
    }
}

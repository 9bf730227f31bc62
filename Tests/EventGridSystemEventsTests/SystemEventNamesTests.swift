import EventGridSystemEvents
import XCTest

final class SystemEventNamesTests: XCTestCase {
    func test_names_count219_unique_sorted_everyNameHasAModel() throws {
        XCTAssertEqual(SystemEventNames.all.count, 219)
        XCTAssertEqual(Set(SystemEventNames.all).count, 219)
        XCTAssertEqual(Set(SystemEventNames.all.map { $0.lowercased() }).count, 219)
        XCTAssertEqual(SystemEventNames.all, SystemEventNames.all.sorted())
        for name in SystemEventNames.all {
            let type = try XCTUnwrap(SystemEvent.modelType(for: name), name)
            XCTAssertEqual(type.eventType, name)
        }
    }

    func test_names_constantsSpellTheEventType() {
        XCTAssertEqual(SystemEventNames.storageBlobCreated, "Microsoft.Storage.BlobCreated")
        XCTAssertEqual(SystemEventNames.eventHubCaptureFileCreated, "Microsoft.EventHub.CaptureFileCreated")
        XCTAssertEqual(StorageBlobCreatedEventData.eventType, SystemEventNames.storageBlobCreated)
    }
}

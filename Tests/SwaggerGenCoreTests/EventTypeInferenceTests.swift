import SwaggerGenCore
import XCTest

/// The Swift port of `scripts/extract-event-types.py`'s two lenient rules.
final class EventTypeInferenceTests: XCTestCase {
    func infer(_ text: String?) -> String? {
        EventTypeInference.eventType(inDescription: text)
    }

    func test_inference_standardSentence() {
        XCTAssertEqual(
            infer("Schema of the Data property of an EventGridEvent for a Microsoft.Storage.BlobCreated event."),
            "Microsoft.Storage.BlobCreated"
        )
    }

    func test_inference_ignoresCaseCollapsesWhitespaceAllowsTextAround() {
        XCTAssertEqual(
            infer(
                "Intro.  schema of the data property of an\n   eventgridevent FOR AN\tMicrosoft.Web.AppUpdated event. More."
            ),
            "Microsoft.Web.AppUpdated"
        )
        XCTAssertEqual(
            infer("Schema of the data Property of an EventGridEvent for an Microsoft.Media.JobFinished event"),
            "Microsoft.Media.JobFinished")
    }

    func test_inference_eventDataForWording() {
        XCTAssertEqual(
            infer("Event data for Microsoft.Devices.DeviceCreated event."), "Microsoft.Devices.DeviceCreated")
        XCTAssertEqual(
            infer("event DATA for Microsoft.EventGrid.MQTTClientCreatedOrUpdated event"),
            "Microsoft.EventGrid.MQTTClientCreatedOrUpdated")
    }

    func test_inference_keepsSpellingAndAllowsHyphensUnderscoresDigits() {
        XCTAssertEqual(infer("Event data for Contoso.My-Thing_2.X9 event"), "Contoso.My-Thing_2.X9")
    }

    func test_inference_rejectsUndottedOrMissingNames() {
        XCTAssertNil(infer(nil))
        XCTAssertNil(infer(""))
        XCTAssertNil(infer("Schema of the Data property of an EventGridEvent for a Geofence event."))
        XCTAssertNil(
            infer(
                "Schema of the Data property of an EventGridEvent for a device life cycle event (DeviceCreated, DeviceDeleted)."
            ))
        XCTAssertNil(infer("Schema of the Data property of an EventGridEvent for Microsoft.AVS/clusters events."))
        XCTAssertNil(infer("Event data for Microsoft.Devices.DeviceCreated."), "needs the word event after the name")
    }

    func test_inference_firstRuleWinsOverTheSecond() {
        XCTAssertEqual(
            infer("Event data for A.B event. Schema of the Data property of an EventGridEvent for a C.D event."),
            "C.D"
        )
    }
}

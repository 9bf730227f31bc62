import SwaggerGenCore
import XCTest

final class NamingTests: XCTestCase {
    func test_memberName_table() {
        let table: [(String, String)] = [
            ("data_base64", "dataBase64"),
            ("aeg-channel-name", "aegChannelName"),
            ("specversion", "specversion"),
            ("eventType", "eventType"),
            ("EventType", "eventType"),
            ("api-version", "apiVersion"),
            ("@odata.type", "odataType"),
            ("URL", "url"),
            ("validationURL", "validationURL"),
            ("HTTPRequest", "httpRequest"),
            ("eTag", "eTag"),
            ("x509Thumbprint", "x509Thumbprint"),
            ("3d", "_3d"),
            ("default", "`default`"),
            ("self", "`self`"),
            ("Type", "type"),
            ("some", "`some`"),
            ("type", "type"),
            ("in", "`in`"),
            ("square-ish", "squareIsh"),
            ("some thing", "someThing"),
            ("PublishCloudEventEvents", "publishCloudEventEvents"),
            ("Widgets_Put", "widgetsPut"),
            ("", "_"),
        ]
        for (input, expected) in table {
            XCTAssertEqual(Naming.memberName(input), expected, "memberName(\(input))")
        }
    }

    func test_typeName_table() {
        let table: [(String, String)] = [
            ("EventGridEvent", "EventGridEvent"),
            ("CloudEventEvent", "CloudEventEvent"),
            ("eventgrid_event", "EventgridEvent"),
            ("aeg-channel-name", "AegChannelName"),
            ("EventGridMQTTClientState", "EventGridMQTTClientState"),
            ("Azure.Core.Foundations.Error", "AzureCoreFoundationsError"),
            ("specversion", "Specversion"),
            ("2fa", "_2fa"),
            ("Self", "`Self`"),
            ("PublishEvents", "PublishEvents"),
        ]
        for (input, expected) in table {
            XCTAssertEqual(Naming.typeName(input), expected, "typeName(\(input))")
        }
    }

    func test_words_splitsOnSeparatorsAndCaseBoundaries() {
        XCTAssertEqual(Naming.words("aeg-channel_name.x y"), ["aeg", "channel", "name", "x", "y"])
        XCTAssertEqual(Naming.words("HTTPRequestID"), ["HTTP", "Request", "ID"])
        XCTAssertEqual(Naming.words("specversion"), ["specversion"])
    }

    func test_bare_removesBackticks() {
        XCTAssertEqual(Naming.bare("`default`"), "default")
        XCTAssertEqual(Naming.bare("id"), "id")
    }
}

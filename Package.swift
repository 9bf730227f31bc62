// swift-tools-version:6.0
import PackageDescription

/// Settings every Swift target shares: Swift 6 mode is the package default; these add the
/// upcoming features STYLE.md asks for.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "AzureEventGrid",
    platforms: [.macOS(.v13), .iOS(.v16)],
    products: [
        .library(name: "AzureCore", targets: ["AzureCore"]),
        .library(name: "AzureEventGrid", targets: ["AzureEventGrid"]),
        .library(name: "EventGridSystemEvents", targets: ["EventGridSystemEvents"]),
        .library(name: "EventGridEmulator", targets: ["EventGridEmulator"]),
        .executable(name: "eventgrid", targets: ["eventgrid"]),
        .executable(name: "swaggergen", targets: ["swaggergen"]),
    ],
    targets: [
        // MARK: Generator
        .systemLibrary(
            name: "CLibYAML",
            path: "Generator/CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(
            name: "SwaggerGenCore",
            dependencies: ["CLibYAML"],
            path: "Generator/SwaggerGenCore",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "swaggergen",
            dependencies: ["SwaggerGenCore"],
            path: "Generator/swaggergen",
            swiftSettings: swiftSettings
        ),

        // MARK: SDK
        .systemLibrary(
            name: "CLibCrypto",
            path: "Sources/CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "AzureCore",
            dependencies: [.target(name: "CLibCrypto", condition: .when(platforms: [.linux]))],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EventGridGenerated",
            dependencies: ["AzureCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EventGridSystemEvents",
            dependencies: ["AzureCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AzureEventGrid",
            dependencies: ["AzureCore", "EventGridGenerated", "EventGridSystemEvents"],
            swiftSettings: swiftSettings
        ),

        // MARK: Emulator and CLI
        .systemLibrary(
            name: "CMicroHTTPD",
            path: "Sources/CMicroHTTPD",
            pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]
        ),
        .target(
            name: "EventGridEmulator",
            dependencies: ["CMicroHTTPD", "AzureCore", "AzureEventGrid"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EventGridCLI",
            dependencies: ["AzureEventGrid", "AzureCore", "EventGridSystemEvents", "EventGridEmulator"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "eventgrid",
            dependencies: ["EventGridCLI"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "EventGridBenchmarks",
            dependencies: ["AzureEventGrid", "AzureCore", "EventGridSystemEvents", "EventGridEmulator"],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .testTarget(
            name: "SwaggerGenCoreTests",
            dependencies: ["SwaggerGenCore"],
            exclude: ["Fixtures", "Golden"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AzureCoreTests",
            dependencies: ["AzureCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EventGridSystemEventsTests",
            dependencies: ["EventGridSystemEvents", "AzureEventGrid", "AzureCore", "SwaggerGenCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EventGridEmulatorTests",
            dependencies: ["EventGridEmulator", "AzureEventGrid", "AzureCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AzureEventGridTests",
            dependencies: [
                "AzureEventGrid", "AzureCore", "EventGridGenerated", "EventGridSystemEvents", "EventGridEmulator",
                "EventGridCLI",
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)

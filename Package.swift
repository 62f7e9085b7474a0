// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "crm",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "crm", targets: ["crm"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
    ],
    targets: [
        .target(name: "CRMCore"),
        .target(name: "CRMStore", dependencies: [
            "CRMCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        ]),
        .target(name: "CRMBatch", dependencies: [
            "CRMCore", "CRMStore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "CRMSync", dependencies: [
            "CRMCore", "CRMStore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .systemLibrary(name: "CNcursesw",
                       providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "TUI", dependencies: ["CNcursesw"]),
        .target(name: "CRMApp", dependencies: ["CRMCore", "CRMStore", "CRMSync", "TUI"]),
        .target(name: "CRMServer", dependencies: [
            "CRMCore", "CRMStore", "CRMSync",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        .executableTarget(name: "crm", dependencies: [
            "CRMCore", "CRMStore", "CRMBatch", "CRMSync", "TUI", "CRMApp", "CRMServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "CRMCoreTests", dependencies: ["CRMCore"]),
        .testTarget(name: "TUITests", dependencies: ["TUI"]),
        .testTarget(name: "CRMAppTests", dependencies: ["CRMApp", "CRMStore", "CRMBatch", "CRMCore", "CRMSync", "TUI"],
                    exclude: ["Screens"]),
        .testTarget(name: "CRMStoreTests", dependencies: ["CRMStore", "CRMCore"]),
        .testTarget(name: "CRMBatchTests", dependencies: ["CRMBatch", "CRMSync", "CRMStore", "CRMCore"]),
        .testTarget(name: "CRMServerTests", dependencies: [
            "CRMServer", "CRMSync", "CRMStore", "CRMCore", "CRMBatch", "CRMApp",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["CRMStore", "CRMCore"]),
    ]
)

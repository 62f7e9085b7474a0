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
    ],
    targets: [
        .target(name: "CRMCore"),
        .target(name: "CRMStore", dependencies: [
            "CRMCore",
            .product(name: "GRDB", package: "GRDB.swift"),
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
        ]),
        .systemLibrary(name: "CNcursesw",
                       providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "TUI", dependencies: ["CNcursesw"]),
        .target(name: "CRMApp", dependencies: ["CRMCore", "CRMStore", "CRMSync", "TUI"]),
        .executableTarget(name: "crm", dependencies: [
            "CRMCore", "CRMStore", "CRMBatch", "CRMSync", "TUI", "CRMApp",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "CRMCoreTests", dependencies: ["CRMCore"]),
        .testTarget(name: "TUITests", dependencies: ["TUI"]),
        .testTarget(name: "CRMAppTests", dependencies: ["CRMApp", "CRMStore", "CRMBatch", "CRMCore", "CRMSync", "TUI"],
                    exclude: ["Screens"]),
        .testTarget(name: "CRMStoreTests", dependencies: ["CRMStore", "CRMCore"]),
        .testTarget(name: "CRMBatchTests", dependencies: ["CRMBatch", "CRMSync", "CRMStore", "CRMCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CRMStore", "CRMCore"]),
    ]
)

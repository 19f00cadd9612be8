// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Charter",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "charter", targets: ["charter"]),
        .executable(name: "charter-bench", targets: ["charter-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .executableTarget(
            name: "charter",
            dependencies: [
                "CharterCLI",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CharterCLI",
            dependencies: [
                "CharterCore", "CharterStore", "CharterStoreSQLite", "CharterLedger", "CharterDecisions",
                "CharterSecrets", "CharterGate", "CharterDependencies", "CharterImages",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CharterDecisions",
            dependencies: ["CharterCore", "CharterStore", "CharterLedger"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CharterLedger",
            dependencies: [
                "CharterCore", "CharterStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CharterStoreSQLite",
            dependencies: [
                "CharterCore", "CharterStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "CharterStore", dependencies: ["CharterCore"], swiftSettings: swiftSettings),
        .target(name: "CharterCore", swiftSettings: swiftSettings),
        .systemLibrary(
            name: "CVectorscan",
            pkgConfig: "libhs",
            providers: [.apt(["libvectorscan-dev"]), .brew(["vectorscan"])]
        ),
        .target(
            name: "CharterSecrets",
            dependencies: [
                "CharterCore", "CVectorscan",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "CharterDependencies",
            dependencies: ["CharterCore", "CZlib", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CharterImages",
            dependencies: [
                "CharterCore", "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CharterGate",
            dependencies: [
                "CharterCore", "CharterLedger", "CharterSecrets", "CharterDependencies", "CharterImages",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CharterTestSupport",
            dependencies: ["CharterCore", "CharterStore", "CharterLedger"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "charter-bench",
            dependencies: [
                "CharterCore", "CharterStore", "CharterStoreSQLite", "CharterLedger", "CharterSecrets", "CharterDependencies", "CharterImages",
                "CharterGate", "CharterTestSupport", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "CharterCoreTests", dependencies: ["CharterCore", "CharterTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "CharterSecretsTests", dependencies: ["CharterSecrets", "CharterTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "CharterDependenciesTests", dependencies: ["CharterDependencies", "CharterTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "CharterImagesTests", dependencies: ["CharterImages", "CZlib", "CharterTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CharterStoreTests",
            dependencies: [
                "CharterStore", "CharterStoreSQLite", "CharterLedger", "CharterTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CharterLedgerTests",
            dependencies: [
                "CharterLedger", "CharterStoreSQLite", "CharterTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CharterDecisionsTests",
            dependencies: ["CharterDecisions", "CharterStoreSQLite", "CharterTestSupport"],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CharterGateTests",
            dependencies: ["CharterGate", "CharterSecrets", "CharterDependencies", "CharterTestSupport"],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CharterCLITests",
            dependencies: ["CharterCLI", "CharterSecrets", "CharterTestSupport", "charter"],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
    ]
)

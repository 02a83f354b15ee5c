// swift-tools-version:6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Hookflow",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hookflow", targets: ["hookflow"]),
        // For the fuzz package in Fuzz/, which builds the model with libFuzzer's instrumentation.
        .library(name: "HookflowModel", targets: ["HookflowModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // zlib's raw deflate for the store's large text columns (PackedText); Foundation has none on Linux.
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        // The PostgreSQL store (several engine nodes on one database, SPEC §3).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(
            name: "HookflowModel",
            swiftSettings: strictSettings
        ),
        .target(
            name: "HookflowEngine",
            dependencies: [
                "HookflowModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "HookflowTUI",
            dependencies: [
                "HookflowEngine", "HookflowModel", "CNcursesw",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "hookflow",
            dependencies: [
                "HookflowTUI",
                "HookflowEngine",
                "HookflowModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "HookflowTUIBenchmarks",
            dependencies: ["HookflowTUI", "HookflowEngine", "HookflowModel"],
            path: "Benchmarks/HookflowTUIBenchmarks",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "HookflowBenchmarks",
            dependencies: ["HookflowModel"],
            path: "Benchmarks/HookflowBenchmarks",
            swiftSettings: strictSettings
        ),
        .target(
            name: "HookflowTestSupport",
            dependencies: [
                "HookflowModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/HookflowTestSupport",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "HookflowEngineBenchmarks",
            dependencies: [
                // Run as processes, not linked: listed so `swift run` builds them first.
                "hookflow",
                "HelloWorldServer",
                "OpenLoopSender",
                // The store API, for seeding waiting runs only (WaitingRunSeeder).
                "HookflowEngine",
                "HookflowModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/HookflowEngineBenchmarks",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "HelloWorldServer",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Benchmarks/HelloWorldServer",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "OpenLoopSender",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/OpenLoopSender",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HookflowModelTests",
            dependencies: ["HookflowModel"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HookflowEngineTests",
            dependencies: [
                "HookflowEngine",
                "HookflowTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HookflowTUITests",
            dependencies: ["HookflowTUI", "HookflowTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HookflowCLITests",
            dependencies: [
                "HookflowModel", "HookflowEngine", "HookflowTestSupport", "hookflow",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                // To plant damaged values and newer migrations in a data file (DamagedDataFolderTests).
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
            dependencies: ["HookflowModel"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "HookflowTUI",
            dependencies: ["HookflowEngine", "HookflowModel", "CNcursesw"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "hookflow",
            dependencies: [
                "HookflowTUI",
                "HookflowEngine",
                "HookflowModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "HookflowBenchmarks",
            dependencies: ["HookflowModel"],
            path: "Benchmarks/HookflowBenchmarks",
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
            dependencies: ["HookflowEngine"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HookflowTUITests",
            dependencies: ["HookflowTUI"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HookflowCLITests",
            dependencies: ["HookflowModel", "hookflow"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for the model (issue 10): the JSON reader, the definition reader and
// validator, the expression parser and evaluator. A package of its own, so the root build and
// tests never see `LLVMFuzzerTestOneInput`; build and run them with `Fuzz/run` (see README.md),
// which passes `-sanitize=fuzzer,address` to every target, the model included.
let package = Package(
    name: "HookflowFuzz",
    dependencies: [
        .package(name: "Hookflow", path: ".."),
    ],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(
            name: "FuzzSupport",
            dependencies: ["CLibFuzzer", .product(name: "HookflowModel", package: "Hookflow")]
        ),
        .executableTarget(name: "FuzzJSON", dependencies: ["FuzzSupport", .product(name: "HookflowModel", package: "Hookflow")]),
        .executableTarget(name: "FuzzDefinition", dependencies: ["FuzzSupport", .product(name: "HookflowModel", package: "Hookflow")]),
        .executableTarget(name: "FuzzExpression", dependencies: ["FuzzSupport", .product(name: "HookflowModel", package: "Hookflow")]),
    ],
    swiftLanguageModes: [.v6]
)

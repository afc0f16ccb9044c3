// swift-tools-version: 6.1
import PackageDescription

/// libFuzzer targets for docgen's parsers. A separate package so the main build never sees the
/// sanitizer flags; `make fuzz` builds it with `-sanitize=fuzzer,address` into `.build-fuzz`.
/// Each target defines only `LLVMFuzzerTestOneInput`: libFuzzer's runtime supplies `main`.
let fuzzSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    // No top-level code and no @main: the entry point comes from libFuzzer.
    .unsafeFlags(["-parse-as-library"]),
]

let package = Package(
    name: "docgen-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "docgen", path: "..")],
    targets: [
        // Declares libFuzzer's driver, which each target's entry point calls.
        .target(name: "CLibFuzzer"),
        .executableTarget(
            name: "FuzzMarkdown",
            dependencies: ["CLibFuzzer", .product(name: "DocgenSite", package: "docgen")],
            swiftSettings: fuzzSettings),
        .executableTarget(
            name: "FuzzFrontMatter",
            dependencies: ["CLibFuzzer", .product(name: "DocgenSite", package: "docgen")],
            swiftSettings: fuzzSettings),
        .executableTarget(
            name: "FuzzTranscript",
            dependencies: ["CLibFuzzer", .product(name: "DocgenSite", package: "docgen")],
            swiftSettings: fuzzSettings),
        .executableTarget(
            name: "FuzzSlurm",
            dependencies: ["CLibFuzzer", .product(name: "DocgenSite", package: "docgen")],
            swiftSettings: fuzzSettings),
        .executableTarget(
            name: "FuzzToolOutput",
            dependencies: ["CLibFuzzer", .product(name: "DocgenSite", package: "docgen")],
            swiftSettings: fuzzSettings),
    ],
    swiftLanguageModes: [.v6]
)

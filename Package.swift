// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares: Swift 6 mode plus the upcoming features that keep imports honest.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "docgen",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "docgen", targets: ["docgen"]),
        .library(name: "DocgenSite", targets: ["DocgenSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        // The only folder that touches C.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev"])]
        ),
        .target(name: "DocgenCore", swiftSettings: strictSettings),
        .target(
            name: "DocgenMarkdown",
            dependencies: ["CCmarkGFM", "DocgenCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "DocgenVerify",
            dependencies: ["DocgenCore", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/clusters")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "DocgenRender",
            dependencies: [
                "DocgenCore", "DocgenMarkdown", "DocgenVerify",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources/default-theme")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "DocgenSite",
            dependencies: [
                "DocgenCore", "DocgenMarkdown", "DocgenVerify", "DocgenRender",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "DocgenServe",
            dependencies: [
                "DocgenSite", "DocgenCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "docgen",
            dependencies: ["DocgenSite", "DocgenVerify", "DocgenCore", "DocgenServe", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings,
            // mimalloc (Debian libmimalloc-dev) replaces glibc's malloc for the whole process: a build
            // makes millions of small short-lived allocations, and glibc's arenas took a sixth of its CPU.
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "DocgenTests",
            dependencies: ["DocgenCore", "DocgenMarkdown", "DocgenVerify", "DocgenRender", "DocgenSite", "DocgenServe"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

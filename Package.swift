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
        .executableTarget(
            name: "docgen",
            dependencies: ["DocgenSite", "DocgenVerify", "DocgenCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "DocgenTests",
            dependencies: ["DocgenCore", "DocgenMarkdown", "DocgenVerify", "DocgenRender", "DocgenSite"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

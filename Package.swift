// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Reel",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "reel", targets: ["reel"]),
        .executable(name: "reel-bench", targets: ["ReelBench"]),
        .library(name: "ReelStudio", targets: ["ReelStudio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Pure values: Foundation only, no I/O.
        .target(name: "ReelModel"),
        // Fountain parser and writer; the rule-based shot planner.
        .target(name: "ReelScript", dependencies: ["ReelModel"]),
        // Job graph, cache keys, scheduler, executor, journal protocol, run events.
        .target(name: "ReelEngine", dependencies: [
            "ReelModel",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // ffmpeg/ffprobe, panel and motion renderers, speech and music synthesis, assembly, checks.
        .target(name: "ReelMedia", dependencies: ["ReelModel", "ReelEngine"]),
        // Generator protocols, capabilities, router, and one folder per adapter.
        .target(name: "ReelProviders", dependencies: ["ReelModel", "ReelEngine", "ReelMedia"]),
        // SQLite (GRDB) repositories, append-only migrations, content-addressed blobs.
        .target(name: "ReelStore", dependencies: [
            "ReelModel", "ReelEngine",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Use cases: the only target that knows the whole pipeline.
        .target(name: "ReelStudio", dependencies: [
            "ReelModel", "ReelScript", "ReelEngine", "ReelMedia", "ReelProviders", "ReelStore",
            .product(name: "Yams", package: "Yams"),
        ]),
        // Command line: one file per subcommand.
        .target(name: "ReelCLI", dependencies: [
            "ReelStudio", "ReelModel",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "reel", dependencies: ["ReelCLI"]),
        // `make bench`: speed figures as ratios against references measured in the same run.
        .executableTarget(name: "ReelBench", dependencies: ["ReelStudio", "ReelScript", "ReelMedia", "ReelEngine", "ReelModel"]),
        // Fakes and fixtures shared by tests.
        .target(name: "ReelTesting", dependencies: ["ReelModel", "ReelEngine", "ReelMedia", "ReelStudio"]),

        .testTarget(name: "ReelModelTests", dependencies: ["ReelModel"]),
        .testTarget(name: "ReelScriptTests", dependencies: ["ReelScript", "ReelTesting"], exclude: ["__Snapshots__"]),
        .testTarget(name: "ReelEngineTests", dependencies: ["ReelEngine", "ReelTesting"]),
        .testTarget(name: "ReelMediaTests", dependencies: ["ReelMedia", "ReelTesting"], exclude: ["__Snapshots__"]),
        .testTarget(name: "ReelStoreTests", dependencies: ["ReelStore", "ReelTesting"]),
        .testTarget(name: "ReelStudioTests", dependencies: ["ReelStudio", "ReelTesting"], exclude: ["__Snapshots__"]),
        .testTarget(name: "ReelCLITests", dependencies: ["ReelCLI", "ReelTesting"], exclude: ["__Snapshots__"]),
    ],
    swiftLanguageModes: [.v6]
)

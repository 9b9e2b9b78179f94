// swift-tools-version: 6.2
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
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // The studio's HTTP server. Without the swift-configuration trait: Reel reads its own settings.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        // Hummingbird's own dependency: the live view ends its streams when the server stops.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // The studio's accounts: bcrypt for passwords (HummingbirdBcrypt only).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // `reel mcp`: the Model Context Protocol over stdio, for agents.
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        // A studio's state in PostgreSQL (`--database postgres://…`): several machines, one studio.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
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
        // ffmpeg and ffprobe: conform, mix, subtitles, assembly, checks, labels; espeak-ng speech.
        .target(name: "ReelMedia", dependencies: ["ReelModel", "ReelEngine"]),
        // The offline "models": storyboard panels (SVG), camera moves over them, procedural music.
        .target(name: "ReelAnimatic", dependencies: ["ReelModel", "ReelEngine", "ReelMedia"]),
        // Generator protocols, capabilities, router, and one folder per adapter.
        .target(name: "ReelProviders", dependencies: [
            "ReelModel", "ReelEngine", "ReelMedia", "ReelAnimatic",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // SQLite (GRDB) and PostgreSQL repositories, append-only migrations, content-addressed blobs.
        .target(name: "ReelStore", dependencies: [
            "ReelModel", "ReelEngine",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        // Timelines out to editors: OTIO, FCPXML, EDL, SRT/VTT, Jianying drafts. Pure text writers.
        .target(name: "ReelExport", dependencies: ["ReelModel", "ReelMedia"]),
        // From an idea to a screenplay: templates filled offline (later: the writer, the
        // interview and the LLM shot planner).
        .target(name: "ReelAssistant", dependencies: [
            "ReelModel", "ReelScript",
            .product(name: "Yams", package: "Yams"),
        ], resources: ["reversal", "romance", "suspense", "comedy", "product", "trailer"].map { .embedInCode("Templates/\($0).yaml") }),
        // Use cases: the only target that knows the whole pipeline.
        .target(name: "ReelStudio", dependencies: [
            "ReelModel", "ReelScript", "ReelEngine", "ReelMedia", "ReelAnimatic", "ReelProviders", "ReelStore", "ReelExport", "ReelAssistant",
            .product(name: "Yams", package: "Yams"),
        ]),
        // The studio in a browser: an HTTP API over Studio's use cases and the web studio,
        // embedded in the binary (plain ES modules and CSS; no build step); the MCP server.
        .target(name: "ReelServer", dependencies: [
            "ReelStudio", "ReelModel", "ReelEngine", "ReelExport", "ReelStore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "MCP", package: "swift-sdk"),
        ], resources: ["index.html", "app.js", "api.js", "i18n.js", "projects.js", "board.js", "shot.js", "notes.js", "newproject.js", "cast.js", "music.js", "run.js", "compare.js", "style.css", "openapi.json"]
            .map { .embedInCode("Web/\($0)") }),
        // Command line: one file per subcommand.
        .target(name: "ReelCLI", dependencies: [
            "ReelStudio", "ReelModel", "ReelExport", "ReelSimulator", "ReelServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "reel", dependencies: ["ReelCLI"]),
        // `make bench`: speed figures as ratios against references measured in the same run.
        .executableTarget(name: "ReelBench", dependencies: [
            "ReelStudio", "ReelScript", "ReelMedia", "ReelEngine", "ReelModel", "ReelStore", "ReelProviders", "ReelSimulator", "ReelAssistant",
            "ReelLabelledSet",
        ]),
        // The simulated provider: a loopback HTTP server that speaks a task API and renders
        // its clips with ffmpeg. A product feature (`reel dev simulate`, benchmarks, demos), so
        // it lives apart from the test fakes.
        .target(name: "ReelSimulator", dependencies: [
            "ReelModel", "ReelMedia",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
        ]),
        // The labelled set the clip check is measured against: clips made with ffmpeg, good and
        // with each defect, and the score (tests assert it, `make bench` reports it).
        .target(name: "ReelLabelledSet", dependencies: ["ReelModel", "ReelMedia"]),
        // Fakes shared by tests: linked by no product, no test framework here.
        .target(name: "ReelTesting", dependencies: [
            "ReelModel", "ReelEngine", "ReelMedia", "ReelProviders", "ReelStore", "ReelStudio", "ReelSimulator",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
        ]),
        // Snapshot assertions for Swift Testing.
        .target(name: "ReelSnapshot"),

        .testTarget(name: "ReelModelTests", dependencies: ["ReelModel"]),
        .testTarget(name: "ReelProvidersTests", dependencies: ["ReelSnapshot", "ReelProviders", "ReelTesting"],
                    exclude: ["__Snapshots__"]),
        .testTarget(name: "ReelScriptTests", dependencies: ["ReelSnapshot", "ReelScript", "ReelTesting"], exclude: ["__Snapshots__"]),
        .testTarget(name: "ReelEngineTests", dependencies: ["ReelSnapshot", "ReelEngine", "ReelTesting"]),
        .testTarget(name: "ReelMediaTests", dependencies: ["ReelSnapshot", "ReelMedia", "ReelAnimatic", "ReelLabelledSet", "ReelTesting"], exclude: ["__Snapshots__"]),
        .testTarget(name: "ReelAnimaticTests", dependencies: ["ReelSnapshot", "ReelAnimatic", "ReelMedia"], exclude: ["__Snapshots__"]),
        .testTarget(name: "ReelStoreTests", dependencies: ["ReelSnapshot", "ReelStore", "ReelTesting", .product(name: "GRDB", package: "GRDB.swift"),
                                                       .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(name: "ReelExportTests", dependencies: ["ReelSnapshot", "ReelExport", "ReelTesting"],
                    exclude: ["__Snapshots__"]),
        .testTarget(name: "ReelAssistantTests", dependencies: ["ReelAssistant", "ReelScript"]),
        .testTarget(name: "ReelStudioTests", dependencies: ["ReelSnapshot", "ReelStudio", "ReelAnimatic", "ReelTesting"], exclude: ["__Snapshots__"]),
        .testTarget(name: "ReelCLITests", dependencies: ["ReelSnapshot", "ReelCLI", "ReelTesting"], exclude: ["__Snapshots__"]),
        .testTarget(name: "ReelServerTests", dependencies: [
            "ReelServer", "ReelStudio", "ReelTesting",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "MCP", package: "swift-sdk"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)


// As the Swift server projects build: an existential is written `any P` (an error here, not
// a warning), and a module's members are visible only where that module is imported.
for target in package.targets where target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .treatWarning("ExistentialAny", as: .error),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}

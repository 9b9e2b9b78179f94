import Foundation
import ReelModel
import ReelProviders
import ReelTesting
import Testing

@testable import ReelStudio

/// The catalog as data: built in, overridden by the user and the project.
@Suite struct ProviderSetupTests {
    func load(_ dir: TemporaryDirectory, env: [String: String] = [:], project: URL? = nil) throws -> ProviderSetup {
        var environment = env
        environment["REEL_CONFIG_DIR"] = dir.file("config").path
        environment["HOME"] = dir.url.path
        return try ProviderSetup.load(environment: environment, config: ProjectConfig(), projectDirectory: project,
                                      support: AdapterSupport())
    }

    /// ComfyUI for video only (no image workflow) is no image model: keyframes stay on the
    /// one that was there; with an image workflow it is one.
    @Test func comfyUIMakesImagesOnlyWithAnImageWorkflow() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var config = ProjectConfig()
        config.providers["comfyui"] = ProjectConfig.ProviderSettings(baseURL: "http://127.0.0.1:9", options: ["workflow": "w.json"])
        let env = ["SIM_API_KEY": "k", "REEL_CONFIG_DIR": dir.file("config").path, "HOME": dir.url.path]
        let video = try ProviderSetup.load(environment: env, config: config, projectDirectory: nil, support: AdapterSupport())
        #expect(video.videos["comfyui"] != nil && video.images["comfyui"] == nil, "\(video.images.keys)")
        #expect(video.images["sim"] != nil)
        config.providers["comfyui"]?.options["image_workflow"] = "still.json"
        let both = try ProviderSetup.load(environment: env, config: config, projectDirectory: nil, support: AdapterSupport())
        #expect(both.images["comfyui"]?.descriptor.name == "ComfyUI (image workflow)")
    }

    @Test func everyVideoProviderHasModelsInTheBuiltInCatalog() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let setup = try load(dir)
        for entry in ProviderDirectory.all where entry.video != nil {
            #expect(!setup.catalog.models(of: entry.id, medium: .video).isEmpty, "no video models for \(entry.id)")
        }
        for model in setup.catalog.models where model.medium == .video {
            #expect(model.durations != nil || model.durationRange != nil, "\(model.qualifiedName) says no lengths")
            #expect(ProviderDirectory.entry(model.provider) != nil, "\(model.qualifiedName) has no adapter")
        }
        #expect(Set(setup.catalog.models.map(\.qualifiedName)).count == setup.catalog.models.count, "a model is listed twice")
    }

    /// Vidu's Q3 models make their own sound and shots up to 16 s; MiniMax's music model sings.
    @Test func theBuiltInCatalogKnowsViduQ3AndMiniMaxMusic() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let catalog = try load(dir).catalog
        for name in ["vidu/viduq3-pro", "vidu/viduq3-turbo"] {
            let q3 = try #require(catalog.model(named: name))
            #expect(q3.nativeAudio && q3.fittedDuration(for: 12.3) == 13 && q3.fittedDuration(for: 30) == 16, "\(name)")
            #expect(q3.modes.contains(.firstLastFrame) && q3.price != nil)
        }
        let music = try #require(catalog.model(named: "minimax/music-2.6"))
        #expect(music.medium == .music && music.cost(seconds: 240) == Money(parsing: "0.15"), "priced per song, whatever its length")
    }

    @Test func theUsersAndTheProjectsModelsFileReplaceAndAdd() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(at: dir.file("config"), withIntermediateDirectories: true)
        _ = try dir.write("config/models.yaml", """
            models:
              - { provider: sim, id: sim-1, duration_range: [1, 20], price: { amount: "0.01", per: second } }
            """)
        try FileManager.default.createDirectory(at: dir.file("proj"), withIntermediateDirectories: true)
        _ = try dir.write("proj/models.yaml", """
            schema: reel.models/1
            models:
              - { provider: sim, id: sim-2, modes: [text], durations: [5], quality: 9 }
            """)
        let setup = try load(dir, project: dir.file("proj"))
        #expect(setup.catalog.model(named: "sim/sim-1")?.price?.amount == Money(parsing: "0.01"))
        #expect(setup.catalog.model(named: "sim/sim-2")?.quality == 9)
        #expect(setup.catalogSources.count == 3)
    }

    @Test(arguments: [
        ("models: [ { provider: sim } ]", "models[0]"),
        ("models:\n  - { provider: sim, id: x, price: { amount: lots, per: second } }", "price amount 'lots'"),
        ("models:\n  - { provider: sim, id: x, duration_range: [9, 2] }", "duration_range"),
        ("schema: reel.models/9\nmodels: []", "reel.models/9"),
        ("models: [ { provider: sim, id: x, modes: [teleport] } ]", "modes"),
    ])
    func aBrokenModelsFileSaysWhereAndWhat(yaml: String, says: String) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(at: dir.file("config"), withIntermediateDirectories: true)
        let file = try dir.write("config/models.yaml", yaml)
        do {
            _ = try load(dir)
            Issue.record("a broken models.yaml was accepted")
        } catch let error as ReelError {
            #expect(error.location == file.path)
            #expect(error.message.contains(says), "\(error.message)")
        }
    }

    @Test func aBaseURLComesFromTheEnvironmentBeforeTheProjectAndTheDefault() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let setup = try load(dir, env: ["SIM_API_KEY": "k", "REEL_SIM_BASE_URL": "http://127.0.0.1:9/relay"])
        let sim = try #require(setup.providers.first { $0.entry.id == "sim" })
        #expect(sim.configured)
        #expect(sim.config?.baseURL.absoluteString == "http://127.0.0.1:9/relay")
        #expect(setup.videos["sim"] != nil)
        #expect(throws: ReelError.self) { try load(dir, env: ["SIM_API_KEY": "k", "REEL_SIM_BASE_URL": "ftp://x"]) }
    }
}

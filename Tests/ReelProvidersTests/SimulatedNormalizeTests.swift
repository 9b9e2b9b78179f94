import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

@Suite struct SimulatedNormalizeTests {
    let provider = SimulatedVideoProvider(baseURL: URL(string: "http://127.0.0.1:1")!, apiKey: "sk-never-shown", probe: nil)
    let request = SimAdapterHarness.request

    func key(_ r: VideoRequest) throws -> CacheKey {
        let normalized = provider.normalize(r)
        return CacheKey(spec: JobSpec(kind: .video, provider: "sim", model: normalized.model,
                                      params: try JSONValue(encoding: normalized), seed: normalized.seed, deterministic: false),
                        inputs: [])
    }

    @Test func briefFieldsTheClipDoesNotShowDoNotChangeTheKey() throws {
        var changed = request
        changed.brief.action = "Maya tears the letter up."
        changed.brief.figures = [ShotBrief.Figure(name: "MAYA", colorIndex: 2, gender: .female, speaking: true, offScreen: false)]
        changed.brief.move = .panLeft
        changed.brief.mood = .joyful
        changed.brief.language = .chinese
        #expect(try key(changed) == key(request))
    }

    @Test(arguments: ["prompt", "duration", "format", "seed", "model", "mode", "shot"])
    func whatChangesTheClipChangesTheKey(field: String) throws {
        var changed = request
        switch field {
        case "prompt": changed.prompt += " Thunder."
        case "duration": changed.duration = .milliseconds(2000)
        case "format": changed.format = VideoFormat(aspect: .landscape, size: .p480)
        case "seed": changed.seed = 8
        case "model": changed.model = "sim-1-fast"
        case "mode": changed.mode = .imageToVideo
        default: changed.brief.shot = "S01-03"
        }
        #expect(try key(changed) != key(request))
    }

    @Test func theDefaultModelIsNamed() {
        #expect(provider.normalize(request).model == "sim-1")
        #expect(provider.descriptor.id == "sim")
        #expect(!provider.descriptor.isLocal && !provider.descriptor.isDeterministic)
    }

    @Test func theKeyNeverShows() {
        var dumped = ""
        dump(provider, to: &dumped)
        for text in ["\(provider)", String(reflecting: provider), dumped] {
            #expect(!text.contains("sk-never-shown"))
        }
    }
}

import Foundation
import ReelModel
import ReelProviders
import Yams

/// A scene's music as the director asked for it (`scene_music:` in reel.yaml, written by
/// `reel music`): words for the model, a mood for Reel's offline score, who makes it, how many
/// takes to choose from and the one the film plays. A scene not named keeps the music its mood
/// gives it.
///
/// ```yaml
/// scene_music:
///   "2": { prompt: "tense strings, slow build", provider: elevenlabs, takes: 3, pick: 2 }
///   "3": { mood: sad }
/// ```
public struct SceneMusic: Hashable, Sendable {
    /// What a music model is asked for (with the film's style); nil: the scene's mood and place.
    public var prompt: String?
    /// The mood the cue is written in (what Reel's offline score plays); nil: the scene's.
    public var mood: Mood?
    /// Who makes it; nil for `music:`'s provider.
    public var provider: ProviderID?
    /// How many takes there are to choose from.
    public var takes: Int
    /// The take the film plays, from 1.
    public var pick: Int

    /// The most takes of one cue.
    public static let takeLimit = 8
    /// The most characters of a cue's words (with the film's style, within a model's prompt).
    public static let promptLimit = 1_000

    public init(prompt: String? = nil, mood: Mood? = nil, provider: ProviderID? = nil, takes: Int = 1, pick: Int = 1) {
        self.prompt = prompt
        self.mood = mood
        self.provider = provider
        self.takes = takes
        self.pick = pick
    }

    /// The music model it names; nil for Reel's score or `music:`'s provider.
    public var model: ProviderID? { provider == ProceduralMusic.id ? nil : provider }

    /// True when it asks nothing of its own: the scene plays what its mood gives it.
    var isDefault: Bool { self == SceneMusic() }

    /// `scene_music:` read: scene ids to their cues.
    static func read(_ node: Yams.Node, fail: (String, Yams.Node, String, String) -> ReelError) throws -> [SceneID: SceneMusic] {
        let example = "scene_music: { \"2\": { prompt: \"tense strings, slow build\", takes: 3, pick: 2 } }"
        guard let scenes = node.mapping else { throw fail("scene_music", node, "must be a mapping of scenes", example) }
        var out: [SceneID: SceneMusic] = [:]
        for (key, value) in scenes {
            guard let id = key.string, !id.isEmpty else { throw fail("scene_music", key, "must name scenes", example) }
            let at = "scene_music.\(id)"
            guard let mapping = value.mapping else { throw fail(at, value, "must be a mapping", example) }
            var cue = SceneMusic()
            for (k, v) in mapping {
                guard let name = k.string else { continue }
                switch name {
                case "prompt":
                    guard let text = v.string else { throw fail("\(at).prompt", v, "must be text", example) }
                    cue.prompt = text.isEmpty ? nil : text
                case "mood":
                    guard let word = v.string, let mood = Mood(rawValue: word.lowercased()) else {
                        throw fail("\(at).mood", v, "must be a mood", Mood.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    cue.mood = mood
                case "provider":
                    guard let text = v.string else { throw fail("\(at).provider", v, "must be text", example) }
                    cue.provider = text.isEmpty ? nil : ProviderID(text.lowercased())
                case "takes", "pick":
                    guard let n = v.int, (1...takeLimit).contains(n) else {
                        throw fail("\(at).\(name)", v, "must be a whole number from 1 to \(takeLimit)", example)
                    }
                    if name == "takes" { cue.takes = n } else { cue.pick = n }
                default: continue
                }
            }
            guard cue.pick <= cue.takes else {
                throw fail("\(at).pick", value, "picks take \(cue.pick) of \(cue.takes)", "pick one of the takes, or make more: `reel music --scene \(id) --takes \(cue.pick)`")
            }
            out[SceneID(id)] = cue
        }
        return out
    }

    /// The `scene_music:` block as `reel music` writes it (nil for no scene asking anything).
    static func yamlBlock(_ scenes: [SceneID: SceneMusic]) -> String? {
        let named = scenes.filter { !$0.value.isDefault }
        guard !named.isEmpty else { return nil }
        var out = "scene_music:             # each scene's music as asked for; `reel music` changes it\n"
        for (id, cue) in named.sorted(by: { $0.key.rawValue.localizedStandardCompare($1.key.rawValue) == .orderedAscending }) {
            var fields: [String] = []
            if let prompt = cue.prompt { fields.append("prompt: \(ProjectConfig.quote(prompt))") }
            if let mood = cue.mood { fields.append("mood: \(mood.rawValue)") }
            if let provider = cue.provider { fields.append("provider: \(provider)") }
            if cue.takes != 1 { fields.append("takes: \(cue.takes)") }
            if cue.pick != 1 { fields.append("pick: \(cue.pick)") }
            out += "  \(ProjectConfig.quote(id.rawValue)): { \(fields.joined(separator: ", ")) }\n"
        }
        return out
    }
}

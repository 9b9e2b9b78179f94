import Foundation
import ReelMedia
import ReelModel
import ReelProviders
import ReelScript
import Yams

extension ProjectConfig {
    /// Reads the settings it knows and keeps quiet about others (newer Reels may add some).
    init(mapping: Yams.Node.Mapping, file: String) throws {
        self.init()
        func fail(_ key: String, _ node: Yams.Node, _ message: String, _ hint: String) -> ReelError {
            ReelError(.configuration, "\(key): \(message)", at: "\(file):\(node.mark?.line ?? 0)", hint: hint)
        }
        func string(_ key: String, _ node: Yams.Node) throws -> String {
            guard let s = node.string else { throw fail(key, node, "must be text", "write it as `\(key): value`") }
            return s
        }
        func int(_ key: String, _ node: Yams.Node, _ range: ClosedRange<Int>) throws -> Int {
            guard let i = node.int, range.contains(i) else {
                throw fail(key, node, "must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                           "for example `\(key): \(range.lowerBound)`")
            }
            return i
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            switch key {
            case "title": title = try string(key, value)
            case "script": script = try string(key, value)
            case "script_format":
                guard let format = ScriptFormat(rawValue: try string(key, value)) else {
                    throw fail(key, value, "must be auto, fountain or zh", "`script_format: zh` reads a Chinese short-drama script")
                }
                scriptFormat = format
            case "style": style = try string(key, value)
            case "studio_id":
                let id = try string(key, value)
                guard ProjectConfig.isStudioID(id) else {
                    throw fail(key, value, "must be 1 to 80 letters, digits, '.', '_' or '-'", "it is written by `reel init` or `reel project import`; restore it")
                }
                studioID = id
            case "takes": takes = try int(key, value, 1...20)
            case "provider": provider = ProviderID(try string(key, value))
            case "label":
                guard let policy = RenderSettings.LabelPolicy(rawValue: try string(key, value)) else {
                    throw fail(key, value, "must be auto, always or never", "`label: auto` labels films that use generative models")
                }
                label = policy
            case "format":
                guard let m = value.mapping else { throw fail(key, value, "must be a mapping", "format: { aspect: \"9:16\", size: 720p, fps: 24 }") }
                for (k, v) in m {
                    switch k.string {
                    case "aspect":
                        guard let a = VideoFormat.Aspect(rawValue: try string("format.aspect", v)) else {
                            throw fail("format.aspect", v, "must be \"9:16\", \"16:9\" or \"1:1\"", "quote it: aspect: \"9:16\"")
                        }
                        format.aspect = a
                    case "size":
                        guard let s = VideoFormat.Size(rawValue: try string("format.size", v)) else {
                            throw fail("format.size", v, "must be 480p, 720p or 1080p", "for example size: 720p")
                        }
                        format.size = s
                    case "fps":
                        guard let r = FrameRate(parsing: try string("format.fps", v)),
                              [24.0, 25, 30].contains(r.framesPerSecond.rounded()) else {
                            throw fail("format.fps", v, "must be 23.976, 24, 25, 29.97 or 30", "for example fps: 24")
                        }
                        format.frameRate = r
                    default: continue
                    }
                }
            case "limits":
                guard let m = value.mapping else { throw fail(key, value, "must be a mapping of provider: jobs", "limits: { sim: 4 }") }
                for (k, v) in m {
                    guard let name = k.string else { continue }
                    limits[ProviderID(name)] = try int("limits.\(name)", v, 1...64)
                }
            case "budget":
                guard let m = value.mapping, let capNode = m["cap"] else {
                    throw fail(key, value, "must say a cap", "budget: { cap: \"20.00 USD\" }")
                }
                guard let cap = Money(parsing: try string("budget.cap", capNode)) else {
                    throw fail("budget.cap", capNode, "must be an amount with a currency", "for example cap: \"20.00 USD\" or cap: \"¥150\"")
                }
                budgetCap = cap
            case "voices":
                let name = try string(key, value)
                voices = name == "espeak" || name == "espeak-ng" || name.isEmpty ? nil : ProviderID(name)
            case "effects":
                if value.bool == false {
                    effects = nil
                    continue
                }
                let name = try string(key, value).trimmingCharacters(in: .whitespaces).lowercased()
                effects = switch name {
                case "none", "off", "": nil
                case "procedural", "reel", "synth": ProjectConfig.proceduralEffects
                default: ProviderID(name)
                }
            case "music":
                let name = try string(key, value).trimmingCharacters(in: .whitespaces).lowercased()
                music = ["", "procedural", "reel", "synth"].contains(name) ? nil : ProviderID(name)
            case "lipsync":
                if value.bool == false {
                    lipSync = nil
                    continue
                }
                let name = try string(key, value).trimmingCharacters(in: .whitespaces).lowercased()
                lipSync = ["", "none", "off"].contains(name) ? nil : ProviderID(name)
            case "keyframes":
                let name = try string(key, value)
                keyframes = name.isEmpty ? nil : ProviderID(name)
            case "audio":
                guard let source = AudioSource(rawValue: try string(key, value)) else {
                    throw fail(key, value, "must be synthetic or native",
                               "`audio: native` keeps the sound a model makes of its shots; `synthetic` (the default) voices every line")
                }
                audio = source
            case "song":
                song = try SongSettings(value, fail: fail)
            case "scene_music":
                sceneMusic = try SceneMusic.read(value, fail: fail)
            case "critic":
                let name = try string(key, value).trimmingCharacters(in: .whitespaces)
                critic = name.isEmpty || name == "none" ? nil : name
            case "routing":
                guard let m = value.mapping else {
                    throw fail(key, value, "must be a mapping", "routing: { policy: cheapest, allow: [kling] }")
                }
                routing = try Self.routing(m, fail: fail)
            case "providers":
                guard let m = value.mapping else {
                    throw fail(key, value, "must be a mapping of provider: settings", "providers: { kling: { base_url: \"https://…\" } }")
                }
                for (k, v) in m {
                    guard let name = k.string else { continue }
                    guard let settings = v.mapping else {
                        throw fail("providers.\(name)", v, "must be a mapping of settings", "providers: { \(name): { base_url: \"https://…\" } }")
                    }
                    var out = ProviderSettings()
                    for (sk, sv) in settings {
                        guard let setting = sk.string else { continue }
                        guard let text = sv.string else {
                            throw fail("providers.\(name).\(setting)", sv, "must be text", "quote it if it is a number or list")
                        }
                        if setting == "base_url" { out.baseURL = text } else { out.options[setting] = text }
                    }
                    providers[ProviderID(name)] = out
                }
            case "subtitles":
                if let burn = value.mapping?["burn"]?.bool { burnSubtitles = burn }
            case "loudness":
                let range = LoudnessTarget.range
                guard let lufs = value.string.flatMap(Double.init), range.contains(lufs) else {
                    throw fail(key, value, "must be a loudness in LUFS from \(Int(range.lowerBound)) to \(Int(range.upperBound))",
                               "`loudness: -14` suits phones; -16 or -23 are quieter")
                }
                loudness = lufs
            default:
                continue
            }
        }
    }

    /// `routing:` — policy, allow, pin, scenes, shots.
    static func routing(_ m: Yams.Node.Mapping,
                        fail: (String, Yams.Node, String, String) -> ReelError) throws -> RoutingPolicy {
        var policy = RoutingPolicy()
        func names(_ key: String, _ node: Yams.Node) throws -> [String] {
            if let s = node.string { return [s] }
            guard let seq = node.sequence else { throw fail(key, node, "must be a list", "\(key.split(separator: ".").last!): [kling, vidu]") }
            return try seq.map { item in
                guard let s = item.string else { throw fail(key, item, "must be names", "\(key.split(separator: ".").last!): [kling, vidu]") }
                return s
            }
        }
        func pins(_ key: String, _ node: Yams.Node) throws -> [(String, String)] {
            guard let map = node.mapping else { throw fail(key, node, "must be a mapping", "\(key.split(separator: ".").last!): { S03-07: veo }") }
            return try map.map { k, v in
                guard let id = k.string, let model = v.string else {
                    throw fail(key, v, "must map ids to a provider or provider/model", "\(key.split(separator: ".").last!): { S03-07: veo }")
                }
                return (id, model)
            }
        }
        for (k, v) in m {
            switch k.string {
            case "policy":
                guard let text = v.string, let strategy = RoutingPolicy.Strategy(rawValue: text) else {
                    throw fail("routing.policy", v, "must be cheapest or best", "routing: { policy: best }")
                }
                policy.strategy = strategy
            case "allow": policy.allow = try names("routing.allow", v)
            case "pin": policy.pin = v.string
            case "scenes": for (id, model) in try pins("routing.scenes", v) { policy.scenePins[SceneID(id)] = model }
            case "shots": for (id, model) in try pins("routing.shots", v) { policy.shotPins[ShotID(id)] = model }
            default: continue
            }
        }
        return policy
    }

    /// The file `reel init` writes: every setting, commented.
    public func yaml() -> String {
        var out = "# Reel project. Settings you leave out take their defaults.\n"
        if let title { out += "title: \(ProjectConfig.quote(title))\n" }
        out += """
        script: \(ProjectConfig.quote(script))
        format:
          aspect: "\(format.aspect.rawValue)"   # 9:16 (vertical), 16:9 or 1:1
          size: \(format.size.rawValue)          # 480p, 720p or 1080p
          fps: \(format.frameRate)              # 24, 25, 30, 23.976 or 29.97
        takes: \(takes)                 # takes per shot that `reel generate` makes
        provider: \(provider)         # animatic (offline), auto (a model per shot), or a provider
        limits:                  # jobs at once, per provider
          animatic: 2
        # budget:
        #   cap: "20.00 USD"       # no job starts that would pass it
        label: \(label.rawValue)              # AI-content labels: auto, always or never
        subtitles:
          burn: \(burnSubtitles)
        loudness: \(loudness == loudness.rounded() ? String(Int(loudness)) : String(loudness))              # LUFS the soundtrack is mastered to (-14 for phones)
        # style: "soft film grain, warm light"   # added to prompts for real models
        # routing:                 # how `provider: auto` chooses; see `reel providers explain SHOT`
        #   policy: cheapest       # or best
        #   allow: [kling, vidu]
        #   shots: { S01-01: animatic }
        # voices: elevenlabs       # who speaks the lines: espeak-ng (offline) unless a speech provider is named
        # effects: elevenlabs      # who makes rain, doors, footsteps: Reel's synthesiser (offline) unless named; none for none
        # music: elevenlabs        # who scores each scene: Reel's synthesiser (offline) unless a music provider is named
        # scene_music:             # a scene's own music and takes to pick from: `reel music --scene 2 "tense strings" --takes 3`
        # lipsync: fal             # move the mouths of remote takes with lines to Reel's voices (Kling LipSync on fal)
        # keyframes: openai        # the image model `reel keyframes` asks (sim, openai, gemini, seedream); the only configured one if left out
        # critic: openai/gpt-4o-mini   # a vision model that scores each new take (subject, prompt, artifacts)
        # audio: native            # keep the sound a model makes (Veo 3, Sora 2, Kling 2.6…) instead of Reel's voices
        # providers:               # base URLs (relays, regions) and options per provider
        #   kling: { base_url: "https://api-beijing.klingai.com" }

        """
        if scriptFormat != .auto {
            out += "script_format: \(scriptFormat.rawValue)        # auto, fountain or zh (a Chinese short-drama script)\n"
        }
        if let studioID { out += ProjectConfig.studioIDLine(studioID) }
        return out
    }

    /// The `studio_id` line, as `reel init` and `reel project import` write it.
    static func studioIDLine(_ id: String) -> String {
        "studio_id: \(id)   # this project in the studio database (REEL_DATABASE); the same on every machine\n"
    }

    static func isStudioID(_ id: String) -> Bool {
        (1...80).contains(id.count) && id.allSatisfy { $0.isLetter || $0.isNumber || "._-".contains($0) }
    }

    /// A new studio id: the directory's name (as far as it is a valid id) and 8 random hex digits.
    static func newStudioID(_ directory: URL) -> String {
        let name = String(directory.lastPathComponent.filter { $0.isLetter || $0.isNumber || "._-".contains($0) }.prefix(60))
        let random = UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(8)
        return name.isEmpty ? "project-\(random)" : "\(name)-\(random)"
    }

    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

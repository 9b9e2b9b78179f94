import Foundation
import ReelModel
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
            case "style": style = try string(key, value)
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
            case "subtitles":
                if let burn = value.mapping?["burn"]?.bool { burnSubtitles = burn }
            default:
                continue
            }
        }
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
        provider: \(provider)         # video provider for shots that do not pin one
        limits:                  # jobs at once, per provider
          animatic: 2
        # budget:
        #   cap: "20.00 USD"       # no job starts that would pass it
        label: \(label.rawValue)              # AI-content labels: auto, always or never
        subtitles:
          burn: \(burnSubtitles)
        # style: "soft film grain, warm light"   # added to prompts for real models

        """
        return out
    }

    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

import Foundation
import ReelEngine
import ReelExport
import ReelModel

// What the use cases that make things report, in the one JSON shape the CLI's `--json`,
// the HTTP API and the MCP server all give.

/// `generate --dry-run` (and MCP's `estimate`): what would run, where, for how much.
public struct DryRunReport: Codable, Sendable, Hashable {
    public struct Line: Codable, Sendable, Hashable {
        public var node: String
        /// What the job does (``NodeKind``): `video` for a take, `image` for a still or a
        /// panel, `check`, `critique`… — what the studio counts takes by.
        public var kind: String
        public var provider: String
        public var forecast: String
        public var estimate: Money?
    }
    public var jobs: [Line]
    public var estimate: [Money]
    public var budgetCap: Money?
    public var spent: [Money]

    /// Providers that work on this machine (and Reel's own steps): their jobs cost nothing.
    public static let onThisMachine: Set<String> = ["animatic", "espeak", "procedural", "ffmpeg", "reel"]

    /// Jobs to run on a paid provider whose price is not known: the estimate leaves them out.
    public var unpriced: Int {
        jobs.filter { $0.forecast == "run" && $0.estimate == nil && !Self.onThisMachine.contains($0.provider) }.count
    }

    /// The estimate as a sentence says it: `$0.50`, `$0.50 + 2 jobs at an unknown price`, `nothing`.
    public var costText: String {
        let known = estimate.map(\.description).joined(separator: " + ")
        let unknown = unpriced == 0 ? "" : "\(unpriced) job\(unpriced == 1 ? "" : "s") at an unknown price"
        return [known, unknown].filter { !$0.isEmpty }.joined(separator: " + ").nonEmpty ?? "nothing"
    }

    public init(_ r: GenerateResult) {
        let forecast = r.forecast ?? [:]
        jobs = r.graph.nodes.map { node in
            let f: String = switch forecast[node.id] {
            case .cached: "reuse"
            case .resumes: "resume"
            default: "run"
            }
            return Line(node: node.label, kind: node.spec.kind.rawValue, provider: node.spec.provider.rawValue, forecast: f,
                        estimate: f == "run" ? node.estimatedCost : nil)
        }
        var totals: [String: Int64] = [:]
        for line in jobs { if let e = line.estimate { totals[e.currency, default: 0] += e.micros } }
        estimate = totals.keys.sorted().map { Money(micros: totals[$0]!, currency: $0) }
        budgetCap = r.budgetCap
        spent = r.spent
    }
}

/// The film `make` and `render` cut, as `--json` prints it.
public struct MakeReport: Codable, Sendable, Hashable {
    public var film: String
    public var subtitles: String
    public var title: String
    public var seconds: Double
    public var frames: Int64
    public var shots: Int
    public var format: String
    public var jobs: Int
    public var rendered: Int
    public var reused: Int
    /// The quality check of each take this run checked, by take.
    public var checks: [String: TakeVerdict]
    /// What the critic said of each take this run made, by take.
    public var critiques: [String: TakeCritique]
    /// What the user should know (outdated picks, stand-ins, takes that failed their check).
    public var warnings: [String]

    public init(_ r: MakeResult) {
        film = r.film.path
        subtitles = r.subtitles.path
        title = r.storyboard.title
        frames = r.frames
        seconds = MakeReport.seconds(r.frames, r.storyboard.format)
        shots = r.storyboard.shots.count
        format = r.storyboard.format.description
        // Files given to the cut (finished takes) are inputs, not jobs: jobs = rendered + reused (+ failed).
        jobs = r.summary.total - r.summary.given
        rendered = r.summary.ran
        reused = r.summary.cached
        checks = Dictionary(uniqueKeysWithValues: r.verdicts.map { ($0.key.rawValue, $0.value) })
        critiques = Dictionary(uniqueKeysWithValues: r.critiques.map { ($0.key.rawValue, $0.value) })
        warnings = r.warnings
    }

    public static func seconds(_ frames: Int64, _ format: VideoFormat) -> Double {
        (format.frameRate.time(frames: frames).seconds * 100).rounded() / 100
    }
}

/// What `export` wrote, as `--json` prints it.
public struct ExportReport: Codable, Sendable, Hashable {
    public var format: String
    public var output: String
    public var files: [String]
    public var frames: Int64
    public var frameRate: String
    public var tracks: [String]
    public var missing: [String]
    public var warnings: [String]

    public init(_ r: ExportResult) {
        format = r.format.rawValue
        output = r.output.path
        files = r.files.map(\.path)
        frames = r.timeline.frames(r.timeline.duration)
        frameRate = r.timeline.rate.description
        tracks = r.timeline.tracks.map(\.name)
        missing = r.missing
        warnings = r.warnings
    }
}

extension String {
    /// Nil for the empty string.
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}

import Foundation
import ReelModel

/// How the simulated video provider behaves: how long jobs take, how many run at once,
/// what they cost, what can go wrong, and how real its videos are.
///
/// Every field has a sane default, so `SimulationConfig()` is a well-behaved provider
/// with 2–5 s jobs, four running slots and no faults. The config is Codable so a run can
/// be written down and repeated.
public struct SimulationConfig: Codable, Sendable, Hashable {
    /// How the server makes its videos.
    public enum RenderMode: String, Codable, Sendable, Hashable, CaseIterable {
        /// A real clip per request: moving gradients coloured by the seed, the label and the
        /// seed drawn in Noto Sans CJK SC, H.264 yuv420p, the exact size, rate and length.
        case full
        /// One flat clip per size, rate and length, shared by every request that asks for
        /// it: still the right size and length, made in a fraction of the time. For benchmarks.
        case cheap
    }

    /// Seconds a job runs once it has a slot, drawn uniformly per job.
    public var latency: ClosedRange<Double>
    /// Jobs running at once; the others wait in line.
    public var concurrency: Int
    /// What one second of video costs.
    public var pricePerSecond: Money
    /// What one still from `POST /v1/images` costs.
    public var pricePerImage: Money = Money(micros: 40_000)
    /// Seconds a result link lives after the job succeeds.
    public var resultLifetime: Double
    /// The only key accepted; nil accepts any non-empty bearer token.
    public var apiKey: String?
    /// Model names `POST /v1/generations` accepts.
    public var models: [String]
    /// Seeds everything the server decides at random (latencies, faults), so a run repeats.
    public var seed: UInt64
    public var faults: FaultPlan
    public var render: RenderMode
    /// Where rendered clips are kept between jobs and runs; nil uses
    /// `$TMPDIR/reel-sim-clips`.
    public var cacheDirectory: String?

    public init(latency: ClosedRange<Double> = 2...5, concurrency: Int = 4, pricePerSecond: Money = Money(micros: 50_000),
                resultLifetime: Double = 3600, apiKey: String? = nil, models: [String] = ["sim-1", "sim-1-fast"],
                seed: UInt64 = 1, faults: FaultPlan = FaultPlan(), render: RenderMode = .full, cacheDirectory: String? = nil) {
        self.latency = latency
        self.concurrency = concurrency
        self.pricePerSecond = pricePerSecond
        self.resultLifetime = resultLifetime
        self.apiKey = apiKey
        self.models = models
        self.seed = seed
        self.faults = faults
        self.render = render
        self.cacheDirectory = cacheDirectory
    }

    /// Reads a config, taking defaults for every field it does not name.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SimulationConfig()
        latency = try c.decodeIfPresent(ClosedRange<Double>.self, forKey: .latency) ?? d.latency
        concurrency = try c.decodeIfPresent(Int.self, forKey: .concurrency) ?? d.concurrency
        pricePerSecond = try c.decodeIfPresent(Money.self, forKey: .pricePerSecond) ?? d.pricePerSecond
        pricePerImage = try c.decodeIfPresent(Money.self, forKey: .pricePerImage) ?? d.pricePerImage
        resultLifetime = try c.decodeIfPresent(Double.self, forKey: .resultLifetime) ?? d.resultLifetime
        apiKey = try c.decodeIfPresent(String.self, forKey: .apiKey)
        models = try c.decodeIfPresent([String].self, forKey: .models) ?? d.models
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        faults = try c.decodeIfPresent(FaultPlan.self, forKey: .faults) ?? d.faults
        render = try c.decodeIfPresent(RenderMode.self, forKey: .render) ?? d.render
        cacheDirectory = try c.decodeIfPresent(String.self, forKey: .cacheDirectory)
    }

    /// The clip cache directory.
    public var cacheURL: URL {
        cacheDirectory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("reel-sim-clips")
    }

    /// A provider that answers at once and never fails: for tests of everything else.
    public static var instant: SimulationConfig { SimulationConfig(latency: 0...0) }

    /// The benchmark's provider: 60 shots × 3 takes through four slots, one create in twenty
    /// rate-limited, cheap clips.
    public static var benchmark: SimulationConfig {
        SimulationConfig(latency: 0.5...1.5, faults: FaultPlan(rateLimit: 0.05, retryAfter: 1), render: .cheap)
    }
}

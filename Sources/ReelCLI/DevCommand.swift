import ArgumentParser
import Dispatch
import Foundation
import ReelModel
import ReelSimulator

/// `reel dev …`: tools for developing and testing Reel itself; hidden from `reel --help`.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Tools for developing and testing Reel.",
        shouldDisplay: false,
        subcommands: [DevSimulateCommand.self])
}

/// `reel dev simulate`: serves the simulated remote video provider until Ctrl-C or SIGTERM.
struct DevSimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve a simulated remote video provider on 127.0.0.1 (see docs/SIMULATED-PROVIDER.md).",
        discussion: """
            Jobs queue for running slots, take a while, report progress and cost, and fail as \
            the fault options say, drawn from --seed so a run repeats. Prints the base URL and the \
            API key to use, then serves until interrupted.
            """)

    @Option(help: "Port on 127.0.0.1 (0 picks a free one).")
    var port: Int = 8787

    @Option(help: "Seconds a job runs once it has a slot: MIN-MAX or one number.")
    var latency: String = "2-5"

    @Option(help: "Jobs running at once; the others wait in line.")
    var concurrency: Int = 4

    @Option(help: "Price of one second of video, e.g. 0.05 or '0.35 CNY'.")
    var price: String = "0.05"

    @Option(name: .customLong("rate-limit"), help: "Probability that a create is answered 429.")
    var rateLimit: Double = 0

    @Option(name: .customLong("retry-after"), help: "Seconds the 429 answers ask clients to wait.")
    var retryAfter: Double = 1

    @Option(help: "Probability that a job ends failed (moderation or internal).")
    var failures: Double = 0

    @Option(name: .customLong("server-errors"), help: "Probability of a 5xx to a create or a poll.")
    var serverErrors: Double = 0

    @Option(help: "Probability that a create or poll is answered only after --hang-seconds.")
    var hangs: Double = 0

    @Option(name: .customLong("hang-seconds"), help: "How late a hung answer comes.")
    var hangSeconds: Double = 30

    @Option(help: "Probability that a result link has expired before its first download.")
    var expire: Double = 0

    @Option(help: "Probability that a download breaks off half way.")
    var truncate: Double = 0

    @Option(help: "Probability that a poll is answered with broken JSON.")
    var malformed: Double = 0

    @Option(name: .customLong("broken-clips"),
            help: "Probability that a job succeeds with a broken clip: black, frozen, cut in two, or short.")
    var brokenClips: Double = 0

    @Option(help: "Seed for every random decision, so a run repeats.")
    var seed: UInt64 = 1

    @Option(name: .customLong("api-key"), help: "The only key to accept (default: any non-empty key).")
    var apiKey: String?

    @Flag(help: "Serve one flat clip per size and length instead of rendering each take (for benchmarks).")
    var cheap = false

    @Option(help: "Directory for rendered clips (default: $TMPDIR/reel-sim-clips).")
    var cache: String?

    @Flag(help: "Print the URL and key as one line of JSON.")
    var json = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535 (got \(port))") }
        guard latencyRange != nil else { throw ValidationError("--latency must be seconds or MIN-MAX, e.g. 2-5 (got '\(latency)')") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard Money(parsing: price) != nil else { throw ValidationError("--price must be an amount such as 0.05 (got '\(price)')") }
        let odds = [("rate-limit", rateLimit), ("failures", failures), ("server-errors", serverErrors), ("hangs", hangs),
                    ("expire", expire), ("truncate", truncate), ("malformed", malformed),
                    ("broken-clips", brokenClips)]
        for (name, p) in odds where !(0...1).contains(p) {
            throw ValidationError("--\(name) is a probability between 0 and 1 (got \(p))")
        }
        guard retryAfter >= 0, hangSeconds >= 0 else { throw ValidationError("--retry-after and --hang-seconds must not be negative") }
    }

    /// `2-5` → 2...5; `3` → 3...3.
    var latencyRange: ClosedRange<Double>? {
        let parts = latency.split(separator: "-", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        switch parts.count {
        case 1: if let v = parts[0], v >= 0 { return v...v }
        case 2: if let a = parts[0], let b = parts[1], a >= 0, a <= b { return a...b }
        default: break
        }
        return nil
    }

    var config: SimulationConfig {
        let faults = FaultPlan(rateLimit: rateLimit, retryAfter: retryAfter, serverErrorOnCreate: serverErrors,
                               serverErrorOnPoll: serverErrors, hangOnCreate: hangs, hangOnPoll: hangs, hangSeconds: hangSeconds,
                               jobFailure: failures, expiredLink: expire, truncatedDownload: truncate, malformedJSON: malformed,
                               brokenClip: brokenClips)
        return SimulationConfig(latency: latencyRange ?? 2...5, concurrency: concurrency,
                                pricePerSecond: Money(parsing: price) ?? Money(micros: 50_000), apiKey: apiKey, seed: seed,
                                faults: faults, render: cheap ? .cheap : .full, cacheDirectory: cache)
    }

    func run() async throws {
        let config = self.config
        let server: SimulatedProviderServer
        do {
            server = try await SimulatedProviderServer.start(config: config, port: port)
        } catch {
            throw ReelError(.unavailable, "cannot listen on 127.0.0.1:\(port)",
                            hint: "another program may be using the port; pick another with --port, or --port 0 for a free one")
        }
        if json {
            Terminal.out(JSONValue.object(["url": .string(server.baseURL.absoluteString), "api_key": .string(server.apiKey),
                                           "seed": .string(String(config.seed))]).canonical)
        } else {
            Terminal.out("Simulated video provider on \(server.baseURL.absoluteString)")
            Terminal.out("  API key: \(server.apiKey)\(config.apiKey == nil ? " (any non-empty key works)" : "")")
            Terminal.out("  \(Self.summary(config))")
            Terminal.out("Serving until Ctrl-C.")
        }
        if let warning = SimulatedClipRenderer.missingTools() { Terminal.err("warning: \(warning)") }
        await Self.waitForTermination()
        try await server.stop()
        let counters = server.counters
        Terminal.err("stopped: \(counters.createdJobs) jobs made, \(counters.idempotentReplays) replays, "
                     + "\(counters.completedDownloads) downloads, faults \(counters.faults.isEmpty ? "none" : counters.faults.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
    }

    /// `jobs 2–5 s, 4 at once, $0.05 per second; faults: rate-limit 5%`.
    static func summary(_ config: SimulationConfig) -> String {
        let f = config.faults
        let odds = [("rate-limit", f.rateLimit), ("failures", f.jobFailure), ("server-errors", f.serverErrorOnCreate),
                    ("hangs", f.hangOnCreate), ("expire", f.expiredLink), ("truncate", f.truncatedDownload),
                    ("malformed", f.malformedJSON), ("broken-clips", f.brokenClip)].filter { $0.1 > 0 }
        let faults = odds.isEmpty ? "none" : odds.map { "\($0.0) \(String(format: "%g", $0.1 * 100))%" }.joined(separator: ", ")
        let latency = config.latency.lowerBound == config.latency.upperBound ? String(format: "%g", config.latency.lowerBound)
            : String(format: "%g–%g", config.latency.lowerBound, config.latency.upperBound)
        return "jobs \(latency) s, \(config.concurrency) at once, \(config.pricePerSecond) per second, "
            + "\(config.render == .cheap ? "cheap" : "full") clips, seed \(config.seed); faults: \(faults)"
    }

    /// Returns on the first SIGINT or SIGTERM.
    static func waitForTermination() async {
        let (signals, sources) = Signals.termination()
        for await _ in signals { break }
        sources.forEach { $0.cancel() }
    }
}

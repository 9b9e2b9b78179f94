import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelSimulator
import ReelStore
import ReelStudio

/// The figures issue 10 asks for: what keyframes first really spends against drawing cards
/// with video, on the simulated provider and read from Reel's own ledger; and the work a
/// directed shot adds — the exact last frame of a take, a reference image ingested — per shot.
struct DirectingBenchmarks {
    let root: URL
    let scratch: Scratch
    let reel: URL
    var env: [String: String] { ProcessInfo.processInfo.environment.merging(["REEL_HOME": scratch.file("home").path]) { $1 } }

    func run() async throws -> [Figure] {
        log("  keyframes first against four takes, on the simulated provider…")
        let costs = try await keyframeEconomics()
        log("  last frames and reference images…")
        let steps = try await perShot()
        return [costs, steps]
    }

    /// What `reel keyframes --json` and `reel generate --json` say they made.
    struct Made: Decodable {
        var added: [String]
    }

    /// What `reel stats --json` says providers charged: the project's ledger.
    struct Ledger: Decodable {
        var spent: [Money]
    }

    /// The example at 480p, on the simulated provider at zero latency: (a) four keyframe
    /// candidates a shot, keyframe 1 picked, one video take; (b) in another copy, four video
    /// takes a shot. Each side's cost is what its project's ledger says was charged.
    /// `shots` (a `--shots` value) limits both runs to the same shots; nil for every shot.
    func keyframeEconomics(shots: String? = nil) async throws -> Figure {
        let config = SimulationConfig(latency: 0...0, render: .cheap, cacheDirectory: scratch.file("directing-sim").path)
        let sim = try await SimulatedProviderServer.start(config: config)
        let result = await Result(catching: { try await economics(sim, shots: shots) })
        try await sim.stop()
        return try result.get()
    }

    private func economics(_ sim: SimulatedProviderServer, shots: String?) async throws -> Figure {
        // The sim's key and address, and nothing of this machine's: no studio database, no critic, no credentials file.
        let env = self.env.merging(["SIM_API_KEY": sim.apiKey, "REEL_SIM_BASE_URL": sim.baseURL.absoluteString,
                               "REEL_POLL_INTERVAL": "0.05", "REEL_DATABASE": "", "REEL_CRITIC": "",
                               "REEL_CONFIG_DIR": scratch.file("directing-config").path]) { $1 }
        let only = shots.map { ["--shots", $0] } ?? []
        let decoder = JSONDecoder()

        // (a) Keyframes first: four stills a shot, the first picked, then one video take.
        let first = try project("directing-keyframes-first", env: env)
        var stills = Money.zero(), keyframesFirst = Money.zero()
        var picked: [String] = []
        let timeA = try await seconds {
            let keyframes = try decoder.decode(Made.self, from: try output(["keyframes", "--takes", "4", "--json"] + only, in: first, env: env))
            for id in keyframes.added {
                let shot = String(id.prefix(while: { $0 != "#" }))
                if !picked.contains(shot) { picked.append(shot) }
            }
            guard !picked.isEmpty else { throw BenchError("directing: `reel keyframes` made no keyframe") }
            for shot in picked { _ = try output(["pick", shot, "--keyframe", "1"], in: first, env: env) }
            stills = try spent(first, env: env)
            _ = try output(["generate", "--takes", "1", "--json"] + only, in: first, env: env)
            keyframesFirst = try spent(first, env: env)
        }
        let server = sim.counters

        // (b) Drawing cards with video: four video takes a shot, in a fresh copy.
        let cards = try project("directing-four-takes", env: env)
        var fourTakes = Money.zero()
        var takes = 0
        let timeB = try await seconds {
            takes = try decoder.decode(Made.self, from: try output(["generate", "--takes", "4", "--json"] + only, in: cards, env: env)).added.count
            fourTakes = try spent(cards, env: env)
        }
        guard fourTakes.micros > 0, fourTakes.currency == keyframesFirst.currency else {
            throw BenchError("directing: four takes a shot spent \(fourTakes), keyframes first \(keyframesFirst)")
        }
        let video = Money(micros: keyframesFirst.micros - stills.micros, currency: keyframesFirst.currency)
        let ratio = Double(keyframesFirst.micros) / Double(fourTakes.micros)
        let shotCount = takes / 4
        let which = shots.map { "shots \($0) only" } ?? "every shot"
        return Figure(name: "keyframes first: 4 stills + 1 take a shot ÷ 4 takes a shot (spent, simulated provider)",
                      reel: "\(keyframesFirst) (\(stills) stills + \(video) video)", reference: "\(fourTakes) (4 takes a shot)",
                      ratio: ratio, goal: "< 1", met: ratio < 1,
                      note: "the example at 480p, \(which): \(shotCount) shots, \(picked.count) with keyframes "
                          + "(\(server.images) stills and \(server.createdJobs) video jobs, against \(takes)); "
                          + "\(sim.config.pricePerImage) a still, \(sim.config.pricePerSecond) a second; from `reel stats --json`, "
                          + "not an estimate (the dry run said 0.44×); " + String(format: "%.0f s and %.0f s", timeA, timeB))
    }

    /// A new project of the example at 480p on the simulated provider (`provider: sim`, its
    /// image model for keyframes, four of its jobs at once), made by `reel init`.
    func project(_ name: String, env: [String: String]) throws -> URL {
        let folder = scratch.file(name)
        let example = root.appendingPathComponent("examples/the-last-train.fountain")
        _ = try output(["init", folder.path, "--script", example.path, "--size", "480p"], in: scratch.url, env: env)
        let yaml = folder.appendingPathComponent("reel.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        guard text.contains("provider: animatic") else { throw BenchError("directing: reel.yaml has no `provider: animatic` to change") }
        try (text.replacingOccurrences(of: "provider: animatic", with: "provider: sim")
            .replacingOccurrences(of: "  animatic: 2\n", with: "  animatic: 2\n  sim: 4\n") + "keyframes: sim\n")
            .write(to: yaml, atomically: true, encoding: .utf8)
        return folder
    }

    /// What the project's ledger says providers charged, in its one currency.
    func spent(_ folder: URL, env: [String: String]) throws -> Money {
        let ledger = try JSONDecoder().decode(Ledger.self, from: try output(["stats", "--json"], in: folder, env: env))
        guard ledger.spent.count <= 1 else { throw BenchError("directing: spent in several currencies: \(ledger.spent)") }
        return ledger.spent.first ?? .zero()
    }

    /// Runs `reel` in `folder` and returns what it printed; a failure is an error with its last words.
    func output(_ arguments: [String], in folder: URL, env: [String: String]) throws -> Data {
        let said = scratch.file("directing-stderr.txt")
        _ = FileManager.default.createFile(atPath: said.path, contents: nil)
        let errors = try FileHandle(forWritingTo: said)
        defer { try? errors.close() }
        let p = ChildProcess()
        p.executableURL = reel
        p.arguments = arguments
        p.currentDirectoryURL = folder
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = .pipe(pipe)
        p.standardError = .handle(errors)
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let words = (try? String(contentsOf: said, encoding: .utf8)) ?? ""
            throw BenchError("directing: `reel \(arguments.joined(separator: " "))` exited \(p.terminationStatus): \(words.suffix(400))")
        }
        return data
    }
}

extension DirectingBenchmarks {
    /// Per shot: the exact last frame of a take (`frame` nodes, `LastFrameRunner`, through the
    /// executor and its journal, one at a time) against one plain ffmpeg call that seeks near
    /// the end and keeps the last frame it decodes; and a reference image ingested
    /// (`Studio.addToCast`: read, ffprobe, a full decode, stored by hash — one call with
    /// every image, as `reel cast add MAYA --image … --image …`) against reading, hashing and
    /// writing the same bytes. Best of `rounds`; each round's journal is new (nothing is
    /// reused) and its images are new.
    func perShot(shots n: Int = 10, rounds: Int = 3) async throws -> Figure {
        let toolchain = Toolchain.discover()
        let ffmpeg = try toolchain.requireFFmpeg()
        // Takes as models return them (4 s, 720×1280, 24 fps) and reference stills (1024×1536 PNG), drawn by the simulator.
        let renderer = SimulatedClipRenderer(directory: scratch.file("directing-clips"), mode: .full)
        var clips: [URL] = []
        for i in 0..<n {
            clips.append(try await renderer.file(for: SimulatedClip(width: 720, height: 1280, frameRate: .fps24, frames: 96,
                                                                    seed: UInt64(100 + i), label: "S01-\(i + 1)", model: "sim-1")))
        }
        var images: [[URL]] = []
        for round in 0..<rounds {
            var batch: [URL] = []
            for i in 0..<n {
                batch.append(try await renderer.still(for: SimulatedClip(width: 1024, height: 1536, frameRate: .fps24, frames: 1,
                                                                       seed: UInt64(1000 + round * n + i), label: "MAYA \(round + 1)-\(i + 1)",
                                                                       model: "reference")))
            }
            images.append(batch)
        }

        // The last frame: the graph a continuing shot's take has, one `frame` node per take.
        let frames = scratch.file("directing-frames")
        let blobs = try DirectoryBlobStore(root: frames.appendingPathComponent("media"))
        var graph = JobGraph()
        for (i, clip) in clips.enumerated() {
            let take = "S01-\(String(format: "%02d", i + 1))#1"
            let asset = try blobs.importFile(at: clip, mediaType: "video/mp4", media: nil, move: false)
            var given = GraphNode(id: NodeID("take:\(take)"), spec: JobSpec(kind: .asset, provider: "reel", model: "stored",
                                                                             params: ["digest": .string(asset.digest.rawValue)]),
                                  label: "take \(take)")
            given.given = NodeOutput(asset: asset)
            graph.add(given)
            graph.add(GraphNode(id: NodeID("lastframe:\(take)"),
                                spec: JobSpec(kind: .frame, kindVersion: LastFrameParams.kindVersion, provider: "ffmpeg", model: "last-frame",
                                              params: try JSONValue(encoding: LastFrameParams())),
                                inputs: [given.id], label: "last frame of \(take)"))
        }
        var runners = RunnerRegistry()
        MediaTools(toolchain: toolchain).register(into: &runners)
        let plainFrames = scratch.file("directing-plain-frames")
        try FileManager.default.createDirectory(at: plainFrames, withIntermediateDirectories: true)

        // Reference ingest: the example as a project, planned once, as it is before its cast gets pictures.
        let example = root.appendingPathComponent("examples/the-last-train.fountain")
        let created = try Project.create(at: scratch.file("directing-cast"), script: example,
                                         format: VideoFormat(aspect: .vertical, size: .p720, frameRate: .fps24))
        let production = try Production.open(try Project.find(created.directory), lockFor: "cast")
        defer { production.close() }
        let studio = Studio(environment: env)
        _ = try await studio.plan(production, save: true)
        let copies = scratch.file("directing-plain-store")
        try FileManager.default.createDirectory(at: copies, withIntermediateDirectories: true)

        var lastFrame = Double.infinity, seek = Double.infinity, ingest = Double.infinity, copy = Double.infinity
        for round in 0..<rounds {
            let database = try ProjectDatabase(path: frames.appendingPathComponent("journal-\(round).sqlite").path)
            let executor = Executor(runners: runners, journal: SQLiteJournal(database: database), blobs: blobs,
                                    options: ExecutorOptions(limits: ["ffmpeg": 1, "reel": 1]))
            var summary = RunSummary()
            let extracted = try await seconds { summary = try await executor.run(graph) }
            lastFrame = min(lastFrame, extracted)
            guard summary.succeeded, summary.ran == n else {
                throw BenchError("directing: \(summary.failures.count) of \(n) last frames failed: \(summary.failures.values.map(\.description))")
            }
            let seeked = try await seconds {
                for (i, clip) in clips.enumerated() {
                    let out = plainFrames.appendingPathComponent("\(i).png").path
                    guard try shell(ffmpeg, ["-v", "error", "-y", "-sseof", "-0.1", "-i", clip.path, "-update", "1", out]) == 0 else {
                        throw BenchError("directing: plain ffmpeg could not take the last frame of \(clip.lastPathComponent)")
                    }
                }
            }
            seek = min(seek, seeked)

            var member: CastMember?
            let ingested = try await seconds {
                member = try await studio.addToCast(production, CastAddition(name: "MAYA", images: images[round], replaceImages: true))
            }
            ingest = min(ingest, ingested)
            guard member?.references.count == n else {
                throw BenchError("directing: MAYA has \(member?.references.count ?? 0) references after adding \(n)")
            }
            let copied = try await seconds {
                for image in images[round] {
                    let data = try Data(contentsOf: image)
                    try data.write(to: copies.appendingPathComponent(Hashing.sha256(data).rawValue + ".png"))
                }
            }
            copy = min(copy, copied)
        }
        // The least any ffmpeg call costs here: starting it (its libraries) and one tiny frame.
        var start = Double.infinity
        for _ in 0..<rounds {
            start = min(start, try await seconds {
                _ = try shell(ffmpeg, ["-v", "error", "-f", "lavfi", "-i", "nullsrc=s=16x16", "-frames:v", "1", "-f", "null", "-"])
            })
        }
        let reelPerShot = (lastFrame + ingest) / Double(n), plainPerShot = (seek + copy) / Double(n)
        let each = { (total: Double) in String(format: "%.3f s", total / Double(n)) }
        return Figure(name: "last frame of a take + a reference image ingested, per shot",
                      reel: each(lastFrame) + " + " + each(ingest),
                      reference: each(seek) + " + " + each(copy) + " (ffmpeg -sseof; read, SHA-256, write)",
                      ratio: reelPerShot / plainPerShot, goal: "≤ 0.05 s a shot, each",
                      met: lastFrame / Double(n) <= 0.05 && ingest / Double(n) <= 0.05,
                      note: "\(n) takes of 4 s at 720×1280, one at a time through the executor (probe, exact decode, store, journal); "
                          + "\(n) PNGs of 1024×1536 in one `Studio.addToCast` (probe, full decode, store by hash; the script planned twice); "
                          + "best of \(rounds); " + String(format: "an ffmpeg process that does nothing takes %.3f s here", start))
    }
}

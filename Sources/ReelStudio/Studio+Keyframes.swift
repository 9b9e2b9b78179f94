import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelStore

extension Studio {
    /// Makes keyframe candidates — stills from an image model, a few cents each — for shots,
    /// before any video take is paid for: `reel keyframes`, then `reel pick SHOT --keyframe N`,
    /// and the shot's remote takes start on the keyframe picked. Candidates are takes of their
    /// own kind (numbered apart, `S01-02#k3`); asking again adds to them and resumes any an
    /// earlier run left unfinished, the way `generate` does for video takes.
    ///
    /// - Parameter request: `takes` is the candidates each shot should have of its current
    ///   version (4 when nil); `provider` the image model (`keyframes:` in reel.yaml, else
    ///   the only one configured).
    public func keyframes(_ production: Production, _ request: GenerateRequest,
                          events: AsyncStream<RunEvent>.Continuation? = nil) async throws -> GenerateResult {
        let board = try await plan(production, save: !request.dryRun)
        let selected = try Studio.select(board.shots, patterns: request.shots)
        // A text or references shot never sends a keyframe: stills for it would be paid for nothing.
        let shots = selected.filter(FilmGraphBuilder.takesKeyframes)
        let passed = selected.filter { !FilmGraphBuilder.takesKeyframes($0) }
        if shots.isEmpty, let first = passed.first {
            let one = passed.count == 1
            throw ReelError(.usage, "\(passed.map(\.id.rawValue).joined(separator: ", ")) \(one ? "goes" : "go") to models as "
                                + "\(first.mode.rawValue): \(one ? "its" : "their") takes would not start on a keyframe",
                            hint: "set the mode first: `reel shot \(first.id) --mode image` (or first-last)")
        }
        let setup = try providerSetup(production)
        let builder = try await filmBuilder(production, board: board, setup: setup)
        let generator = try builder.generators.keyframeGenerator(request.provider ?? production.config.keyframes)
        // The catalog's image model of the provider, so takes say which model made them.
        let model = setup.catalog.models(of: generator.descriptor.id).first { $0.medium == .image }?.id ?? "default"
        let existing = Dictionary(grouping: try await production.repository.takes(of: nil, kind: .keyframe), by: \.shot)
        let want = request.takes ?? 4
        var added: [Take] = []
        var covered: [(Shot, Take)] = []
        let now = Date()
        for shot in shots {
            let fingerprint = builder.keyframeFingerprint(shot)
            let asked = FilmPlan.ask(existing[shot.id] ?? [], fingerprint: fingerprint, provider: generator.descriptor.id,
                                     want: want)
            covered += asked.resumed.map { (shot, $0) }
            for number in asked.numbers {
                let take = Take(shot: shot.id, number: number, provider: generator.descriptor.id, model: model,
                                seed: Hashing.seed("keyframe:\(shot.id)#\(number)"), fingerprint: fingerprint,
                                node: NodeID("keyframe:\(Take.id(shot: shot.id, number: number, kind: .keyframe))"),
                                createdAt: now, kind: .keyframe)
                added.append(take)
                covered.append((shot, take))
            }
        }
        var graph = JobGraph()
        for (shot, take) in covered { try builder.addKeyframe(take, of: shot, generator: generator, to: &graph) }
        var result = try await runOrForecast(graph, added: added, covered: covered.map(\.1), board: board,
                                             production: production, generators: builder.generators, command: "keyframes",
                                             dryRun: request.dryRun, events: events)
        if !passed.isEmpty {
            result.notes.append("\(Plural.count(passed.count, "shot")) in text or references mode left out (no keyframe is sent for them): "
                                + passed.prefix(8).map(\.id.rawValue).joined(separator: ", ") + (passed.count > 8 ? ", …" : ""))
        }
        return result
    }
}

extension FilmGraphBuilder {
    /// The version of a shot its keyframes are made from: what it shows, in what format, with
    /// what prompt (not its length: a still has none).
    func keyframeFingerprint(_ shot: Shot) -> String {
        let d = describe
        let object: JSONValue = [
            "brief": (try? JSONValue(encoding: d.brief(shot))) ?? .null,
            "prompt": .string(d.prompt(shot, style: settings.style)),
            "format": .string(settings.format.description),
        ]
        return String(Hashing.sha256(object.canonical).rawValue.prefix(16))
    }

    /// Adds the node that makes keyframe `take` of `shot`: a still at the film's frame size,
    /// from the shot's prompt. Nothing of a real person's goes with it (no reference images),
    /// so no consent is needed and the keyframe shows no one's likeness.
    func addKeyframe(_ take: Take, of shot: Shot, generator: any ImageGenerator, to graph: inout JobGraph) throws {
        guard graph[take.node] == nil else { return }
        let d = describe
        let request = ImageRequest(prompt: d.prompt(shot, style: settings.style), brief: d.brief(shot),
                                   width: settings.format.width, height: settings.format.height, seed: take.seed,
                                   caption: false, model: take.model)
        var node = GraphNode(id: take.node, spec: try Generators.spec(generator, kind: .image, request: request, model: take.model),
                             shot: shot.id, label: "keyframe \(take.id)")
        node.estimatedCost = generator.estimate(request)
            ?? catalog.models(of: take.provider).first { $0.id == take.model }?.cost(seconds: 0)
        graph.add(node)
    }
}

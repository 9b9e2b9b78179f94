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
        let model = Self.keyframeModel(generator, catalog: setup.catalog)
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
                var take = Take(shot: shot.id, number: number, provider: generator.descriptor.id, model: model,
                                seed: Hashing.seed("keyframe:\(shot.id)#\(number)"), fingerprint: fingerprint,
                                node: NodeID("keyframe:\(Take.id(shot: shot.id, number: number, kind: .keyframe))"),
                                createdAt: now,
                                shows: builder.keyframeLikeness(for: shot, provider: generator.descriptor.id, model: model),
                                kind: .keyframe)
                take.inputs = builder.keyframeReferences(for: shot, provider: generator.descriptor.id, model: model).map {
                    TakeInput(role: .reference, subject: $0.subject, references: $0.digests)
                }
                added.append(take)
                covered.append((shot, take))
            }
        }
        var graph = JobGraph()
        try FilmGraphBuilder.namingEveryRefusal(covered) { shot, take in
            try builder.addKeyframe(take, of: shot, generator: generator, to: &graph)
        }
        var result = try await runOrForecast(graph, added: added, covered: covered.map(\.1), board: board,
                                             production: production, generators: builder.generators, command: "keyframes",
                                             dryRun: request.dryRun, events: events)
        if let note = builder.keyframeReferencesNote(shots, provider: generator.descriptor.id, model: model) {
            result.notes.append(note)
        }
        if !passed.isEmpty {
            result.notes.append("\(Plural.count(passed.count, "shot")) in text or references mode left out (no keyframe is sent for them): "
                                + passed.prefix(8).map(\.id.rawValue).joined(separator: ", ") + (passed.count > 8 ? ", …" : ""))
        }
        return result
    }
}

extension Studio {
    /// The catalog's image model of `generator`'s provider, so keyframes say which model made them.
    static func keyframeModel(_ generator: any ImageGenerator, catalog: ModelCatalog) -> String {
        catalog.models(of: generator.descriptor.id).first { $0.medium == .image }?.id ?? "default"
    }

    /// What the next keyframes of `shot` are made on and from, for `reel shot`: nil when the
    /// shot takes no keyframe or no image model is configured.
    func keyframeInput(_ production: Production, shot: Shot, builder: FilmGraphBuilder, setup: ProviderSetup) -> String? {
        guard FilmGraphBuilder.takesKeyframes(shot),
              let generator = try? builder.generators.keyframeGenerator(production.config.keyframes) else { return nil }
        let provider = generator.descriptor.id, model = Self.keyframeModel(generator, catalog: setup.catalog)
        let references = builder.keyframeReferences(for: shot, provider: provider, model: model)
        guard !references.isEmpty else {
            let none = builder.storyboard.referenceImages(for: shot).isEmpty ? "the cast has no reference images for it"
                : "the model takes no reference images"
            return "\(provider)/\(model), from words alone (\(none))"
        }
        return "\(provider)/\(model), from \(Plural.count(references.count, "reference image")) "
            + "(\(builder.describeReferences(references)))"
    }
}

extension FilmGraphBuilder {
    /// `2 of MAYA, 1 of CITY RAILWAY STATION`: how many of each subject's references go,
    /// `a sheet of MAYA's 3` for a subject's references on one image.
    func describeReferences(_ references: [(subject: SubjectID, digests: [Digest])]) -> String {
        var counts: [(SubjectID, Int)] = [], sheets: [SubjectID: Int] = [:]
        for (subject, digests) in references {
            if digests.count > 1 { sheets[subject] = digests.count; counts.append((subject, 0)); continue }
            if let i = counts.firstIndex(where: { $0.0 == subject }) { counts[i].1 += 1 } else { counts.append((subject, 1)) }
        }
        return counts.map { subject, count in
            let name = storyboard.subject(subject)?.name ?? subject.rawValue
            return sheets[subject].map { "a sheet of \(name)'s \($0)" } ?? "\(count) of \(name)"
        }.joined(separator: ", ")
    }

    /// The version of a shot its keyframes are made from: what it shows, in what format, with
    /// what prompt (not its length: a still has none).
    func keyframeFingerprint(_ shot: Shot) -> String {
        let d = describe
        var object: [String: JSONValue] = [
            "brief": (try? JSONValue(encoding: d.brief(shot))) ?? .null,
            "prompt": .string(d.prompt(shot, style: settings.style)),
            "format": .string(settings.format.description),
        ]
        // A still is made from the cast's references where the model takes them: a new
        // reference image is a new version (the key only when there are some, so shots
        // without keep their version).
        let references = storyboard.referenceImages(for: shot)
        if !references.isEmpty { object["references"] = .array(references.map { .string($0.rawValue) }) }
        return String(Hashing.sha256(JSONValue.object(object).canonical).rawValue.prefix(16))
    }

    /// How many images a keyframe of `shot` on `model` of `provider` is sent: the catalog's
    /// `max_references` for it; none for a model that takes none, or one on this machine.
    func keyframeReferenceLimit(provider: ProviderID, model: String) -> Int {
        guard generators.images[provider]?.descriptor.isLocal != true else { return 0 }
        return catalog.models(of: provider).first { $0.id == model && $0.medium == .image }?.maxReferences ?? 0
    }

    /// What a keyframe of `shot` on `model` of `provider` is made from, image by image
    /// (``referenceGroups(for:limit:)``): the references of who is in frame, then of the
    /// place, each on its own where the model takes them all, else a picture per subject (a
    /// sheet of its references) — Kling's single image is a sheet of the first subject's.
    func keyframeReferences(for shot: Shot, provider: ProviderID, model: String) -> [(subject: SubjectID, digests: [Digest])] {
        referenceGroups(for: shot, limit: keyframeReferenceLimit(provider: provider, model: model))
    }

    /// What the stills of `shots` are made from, when the cast has references for them:
    /// `made from the cast's reference images: S01-02 (2 of MAYA, 1 of KITCHEN)`, or that the
    /// model takes none and they go from words alone.
    func keyframeReferencesNote(_ shots: [Shot], provider: ProviderID, model: String) -> String? {
        let withReferences = shots.filter { !storyboard.referenceImages(for: $0).isEmpty }
        guard !withReferences.isEmpty else { return nil }
        let sent = withReferences.map { shot in (shot, keyframeReferences(for: shot, provider: provider, model: model)) }
        let unsent = sent.filter { $0.1.isEmpty }.map(\.0.id.rawValue)
        let described = sent.filter { !$0.1.isEmpty }.map { shot, references in "\(shot.id) (\(describeReferences(references)))" }
        var parts: [String] = []
        if !described.isEmpty {
            parts.append("made from the cast's reference images: " + described.prefix(8).joined(separator: ", ")
                         + (described.count > 8 ? ", …" : ""))
        }
        if !unsent.isEmpty {
            parts.append("\(provider) \(model) takes no reference images, so the stills of "
                         + unsent.prefix(8).joined(separator: ", ") + (unsent.count > 8 ? ", …" : "")
                         + " are made from words alone")
        }
        return parts.joined(separator: "; ")
    }

    /// The real people a keyframe of `shot` made on `model` of `provider` shows: those whose
    /// references it is made from. Its take records them, so a video take that starts on it
    /// passes the consent gate for them too.
    func keyframeLikeness(for shot: Shot, provider: ProviderID, model: String) -> [SubjectID] {
        var people: [SubjectID] = []
        for (id, _) in keyframeReferences(for: shot, provider: provider, model: model)
        where storyboard.subject(id)?.realPerson == true && !people.contains(id) {
            people.append(id)
        }
        return people
    }

    /// Adds the node that makes keyframe `take` of `shot`: a still at the film's frame size,
    /// from the shot's prompt and, where the model takes them, its subjects' reference images
    /// (``keyframeReferences(for:provider:model:)``). A real person's references pass the
    /// consent gate first, as they do for a video take: refused before anything is paid.
    func addKeyframe(_ take: Take, of shot: Shot, generator: any ImageGenerator, to graph: inout JobGraph) throws {
        guard graph[take.node] == nil else { return }
        let d = describe
        try checkConsent(keyframeLikeness(for: shot, provider: take.provider, model: take.model), shot: shot,
                         provider: take.provider)
        var inputs: [NodeID] = []
        var images: [ImageInput] = []
        let limit = keyframeReferenceLimit(provider: take.provider, model: take.model)
        for (node, subject) in try referenceInputs(for: shot, limit: limit, in: &graph) {
            images.append(ImageInput(input: inputs.count, role: .reference, subject: subject))
            inputs.append(node)
        }
        let request = ImageRequest(prompt: d.prompt(shot, style: settings.style), brief: d.brief(shot),
                                   width: settings.format.width, height: settings.format.height, seed: take.seed,
                                   caption: false, model: take.model, references: images)
        var node = GraphNode(id: take.node, spec: try Generators.spec(generator, kind: .image, request: request, model: take.model),
                             inputs: inputs, shot: shot.id, label: "keyframe \(take.id)")
        node.estimatedCost = generator.estimate(request)
            ?? catalog.models(of: take.provider).first { $0.id == take.model }?.cost(seconds: 0)
        graph.add(node)
    }
}

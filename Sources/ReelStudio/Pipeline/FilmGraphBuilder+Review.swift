import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders

/// What looks at a take once it is made: its quality check, its critique by a vision model,
/// and the frames review notes point at (sent with the next takes as references).
extension FilmGraphBuilder {
    /// Only the jobs that make `takes`, each followed by its quality check and, with a
    /// critic, its critique: for `reel generate` and the first step of `reel make`.
    /// A take the consent gate refuses stops the request before anything is sent; the refusal
    /// names every shot it stops, not the first alone.
    func takesGraph(_ takes: [(Shot, Take)]) throws -> JobGraph {
        var graph = JobGraph()
        try Self.namingEveryRefusal(takes) { shot, take in
            let video = try addTake(take, of: shot, to: &graph)
            addCheck(of: take, shot: shot, video: video, to: &graph)
            try addCritique(of: take, shot: shot, video: video, to: &graph)
        }
        return graph
    }

    /// Runs `body` on every take; the consent gate's refusals are gathered and thrown as one
    /// that names every shot stopped for the same reason (`…; so would S01-07, S01-08 and 13
    /// more`), so fixing one person does not surface the next shot after another run.
    static func namingEveryRefusal(_ takes: [(Shot, Take)], _ body: (Shot, Take) throws -> Void) throws {
        var refused: [(ShotID, ReelError)] = []
        for (shot, take) in takes {
            do {
                try body(shot, take)
            } catch let error as ReelError where error.code == .refused {
                if !refused.contains(where: { $0.0 == shot.id }) { refused.append((shot.id, error)) }
            }
        }
        guard let first = refused.first?.1 else { return }
        // The same reason: the same words before the shot's id (`MAYA's consent was revoked on …`).
        func reason(_ shot: ShotID, _ error: ReelError) -> String {
            error.message.components(separatedBy: ": \(shot) ").first ?? error.message
        }
        let head = reason(refused[0].0, first)
        let same = refused.filter { reason($0.0, $0.1) == head }.map(\.0)
        guard same.count > 1 else { throw first }
        throw ReelError(first.code, first.message + "; so would \(FilmPlan.list(Array(same.dropFirst())))",
                        at: "shots \(FilmPlan.list(same))", hint: first.hint)
    }

    /// Adds the critique of a finished take that has none (made before the project had a
    /// critic, or the critic did not answer): its file is given, the critic looks at it.
    func addCritique(ofStored take: Take, shot: Shot, to graph: inout JobGraph) throws {
        // A take that failed its check is not worth a critic's look (it is never picked without a person).
        guard generators.critic != nil, take.critique == nil, take.succeeded, take.verdict?.passed != false,
              take.provider != generators.video.descriptor.id else { return }
        try addCritique(of: take, shot: shot, video: try givenNode(take, in: &graph), to: &graph)
    }

    /// The node of a take's critique (`critique:S01-02#3`): what the critic said is stored with the take.
    static func critiqueNode(_ take: TakeID) -> NodeID { NodeID("critique:\(take)") }

    /// Adds the critique of a model's take, made by node `video`, when the project has a
    /// critic: a strip of its frames, then the critic's look at it beside the shot's prompt
    /// and one reference image of each subject. A take showing a real person whose consent
    /// does not cover the critic's provider is not sent to it; one whose check is in the graph
    /// waits for it, and is not sent when it fails (``CritiqueParams/withheldForFailedCheck``).
    func addCritique(of take: Take, shot: Shot, video: NodeID, to graph: inout JobGraph) throws {
        guard let critic = generators.critic, take.provider != generators.video.descriptor.id,
              graph[Self.critiqueNode(take.id)] == nil else { return }
        // Whoever the take shows: the real people in the shot, and those its first frame or keyframe showed.
        let people = Set(shot.subjects.compactMap { storyboard.subject($0) }.filter { $0.realPerson == true }.map(\.id))
            .union(take.shows).sorted { $0.rawValue < $1.rawValue }
        guard (try? checkConsent(people, shot: shot, provider: critic.provider)) != nil else { return }
        let strip = NodeID("strip:\(take.id)")
        graph.add(GraphNode(id: strip, spec: JobSpec(kind: .strip, kindVersion: FrameStripParams.kindVersion, provider: "ffmpeg",
                                                     model: "strip", params: try JSONValue(encoding: FrameStripParams())),
                            inputs: [video], shot: shot.id, label: "frames of \(take.id)"))
        var inputs = [strip]
        var names: [String] = []
        for subject in storyboard.referenceSubjects(for: shot).prefix(4) {
            guard let digest = subject.references.first else { continue }
            inputs.append(try referenceNode(digest, of: shot, in: &graph))
            names.append(subject.name)
        }
        // A new take's critique waits for its check: a take that fails it is not sent (a stored
        // take gets a critique only once it passed, so its critique need not wait).
        let waits = graph[Self.checkNode(take.id)].map { [$0.id] } ?? []
        let params = CritiqueParams(model: critic.model, take: take.id.rawValue, prompt: videoPrompt(shot) + noteInstructions(take),
                                    references: names, language: storyboard.language.rawValue)
        var node = GraphNode(id: Self.critiqueNode(take.id),
                             spec: JobSpec(kind: .critique, kindVersion: CritiqueParams.kindVersion, provider: critic.provider,
                                           model: critic.model, params: try JSONValue(encoding: params), deterministic: false),
                             inputs: inputs + waits, shot: shot.id, label: "critique \(take.id)")
        // At the most: the pictures (about a thousand tokens each) sent twice, and two replies at their limit.
        node.estimatedCost = critic.prices.first { $0.id == critic.model }?.cost(tokens: 2000 * inputs.count + 1500)
        graph.add(node)
    }

    /// Adds the quality check of a finished take that has none yet (made before checks, or
    /// its check was interrupted): its file is given, the check runs on it.
    func addCheck(ofStored take: Take, shot: Shot, to graph: inout JobGraph) throws {
        guard take.verdict == nil, take.succeeded else { return }
        let given = try givenNode(take, in: &graph)
        addCheck(of: take, shot: shot, video: given, to: &graph)
    }

    /// What a take of `shot` is checked against: the length asked of its model, the frame's
    /// shape, a held picture allowed in the animatic's takes (it draws a static shot as a
    /// still, and eases a camera move in and out of a held panel), and — with `audio: native`,
    /// on a model that makes sound — speech where the shot has lines: a take that is silent
    /// there, or has no sound, fails, since its sound would replace the voices.
    func checkParams(shot: Shot, provider: ProviderID, model: String, generatedMilliseconds: Int64?, take: TakeID) -> ClipCheckParams {
        let asked = generatedMilliseconds.map { RationalTime.milliseconds($0) } ?? shot.duration
        let format = settings.format
        let held = provider == generators.video.descriptor.id
        let speech = settings.nativeAudio && !held && !shot.dialogue.isEmpty
            && catalog.models(of: provider).first { $0.id == model }?.nativeAudio == true
        return ClipCheckParams(expected: ClipExpectation(duration: asked, width: format.width, height: format.height, speech: speech,
                                                         shapeOnly: true),
                               allowed: held ? [.frozen] : [], take: take.rawValue)
    }

    /// The node of a take's quality check (`check:S01-02#3`): its verdict is stored with the take.
    static func checkNode(_ take: TakeID) -> NodeID { NodeID("check:\(take)") }

    /// Adds the quality check of `take`, made by node `video`: its length and shape against
    /// what was asked, and its picture (a static shot the animatic draws is a still on purpose).
    func addCheck(of take: Take, shot: Shot, video: NodeID, to graph: inout JobGraph) {
        let params = checkParams(shot: shot, provider: take.provider, model: take.model, generatedMilliseconds: take.generatedMilliseconds,
                                 take: take.id)
        let id = Self.checkNode(take.id)
        guard graph[id] == nil, let json = try? JSONValue(encoding: params) else { return }
        graph.add(GraphNode(id: id, spec: JobSpec(kind: .check, kindVersion: ClipCheckParams.kindVersion, provider: "reel",
                                                  model: "clip-check", params: json),
                            inputs: [video], shot: shot.id, label: "check \(take.id)"))
    }

    /// The finished take and the moment a note is about, when it is about a frame of one.
    func noteFrame(_ note: ShotNote) -> (take: Take, at: RationalTime)? {
        guard let id = note.take, let at = note.at, let take = notedTakes[id], take.output != nil else { return nil }
        return (take, at)
    }

    /// Whether the frame `note` is about may go to `provider` with the next take: its take's
    /// file is in the store, and whoever that take showed has consent in force for `provider`
    /// (a frame of a take withdrawn from the cut goes nowhere).
    func noteFrameMayGo(_ note: ShotNote, to provider: ProviderID) -> Bool {
        guard let (take, _) = noteFrame(note), let shot = storyboard.shot(take.shot) ?? storyboard.shot(note.shot) else { return false }
        if Studio.withdrawal(in: storyboard, at: now)(take) != nil { return false }
        return (try? checkConsent(take.shows, shot: shot, provider: provider)) != nil
    }

    /// The node of the frame a note is about with its box drawn, added once.
    func markupNode(_ note: ShotNote, in graph: inout JobGraph) throws -> NodeID {
        guard let (take, at) = noteFrame(note) else { throw ReelError(.internalError, "note \(note.id) is about no frame") }
        let id = NodeID("markup:\(note.id)")
        if graph[id] == nil {
            let given = try givenNode(take, in: &graph)
            let box = note.box.map { [$0.x, $0.y, $0.width, $0.height] }
            graph.add(GraphNode(id: id, spec: JobSpec(kind: .markup, kindVersion: MarkupParams.kindVersion, provider: "ffmpeg",
                                                      model: "markup", params: try JSONValue(encoding: MarkupParams(at: at.seconds, box: box))),
                                inputs: [given], shot: note.shot, label: "note \(note.id) on \(take.id)"))
        }
        return id
    }
}

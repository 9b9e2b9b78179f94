import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelStore

/// What a remote take of a shot starts from and is sent: the frames it starts and ends on
/// (continuity, the picked keyframe), the cast's reference images (or a sheet per subject),
/// and the consent gate every likeness passes before it leaves the machine.
extension FilmGraphBuilder {
    /// The picked take `shot` starts on the last frame of, when it continues a shot that is
    /// still in the storyboard.
    func firstFrame(for shot: Shot) -> Take? {
        guard let source = shot.continuesFrom, storyboard.shot(source) != nil, let take = continuity[source],
              take.output != nil else { return nil }
        return take
    }

    /// The shot's picked keyframe, when its mode takes one (image or first-last), it is
    /// finished, and it is of the shot as it is now: a still made before the prompt, framing
    /// or the cast's references changed shows what the shot no longer is, and paying for video
    /// of it would be paying for the old look (``staleKeyframe(for:)`` says so).
    func keyframe(for shot: Shot) -> Take? {
        guard Self.takesKeyframes(shot), let take = keyframes[shot.id], take.output != nil,
              take.fingerprint == keyframeFingerprint(shot) else { return nil }
        return take
    }

    /// The shot's picked keyframe when it is of an earlier version of the shot, so not sent.
    func staleKeyframe(for shot: Shot) -> Take? {
        guard Self.takesKeyframes(shot), let take = keyframes[shot.id], take.output != nil,
              take.fingerprint != keyframeFingerprint(shot) else { return nil }
        return take
    }

    /// True for shots whose remote takes can start or end on a keyframe: image and first-last.
    static func takesKeyframes(_ shot: Shot) -> Bool { shot.mode == .imageToVideo || shot.mode == .firstLastFrame }

    /// What a remote take of `shot` starts and ends on: continuity first, then the picked
    /// keyframe; in first-last mode a shot that continues another ends on its keyframe.
    func frames(for shot: Shot) -> (first: Frame?, last: Frame?) {
        let continued = firstFrame(for: shot).map(Frame.lastFrame(of:)), key = keyframe(for: shot).map(Frame.keyframe)
        guard let continued else { return (key, nil) }
        return (continued, shot.mode == .firstLastFrame ? key : nil)
    }

    /// How a remote take of `shot` is made, with the frames it has.
    func remoteMode(for shot: Shot) -> GenerationMode {
        let frames = frames(for: shot)
        return Self.remoteMode(for: shot, in: storyboard, firstFrame: frames.first != nil, lastFrame: frames.last != nil)
    }

    /// Why, for `reel shot` and `providers explain`.
    func remoteModeReason(for shot: Shot) -> String {
        let frames = frames(for: shot)
        let reason = Self.remoteModeReason(for: shot, in: storyboard, first: frames.first, last: frames.last)
        guard let stale = staleKeyframe(for: shot) else { return reason }
        return reason + "; its picked keyframe \(stale.id) is not sent: it was made before the shot or its cast's references "
            + "changed (make new ones: `reel keyframes --shots \(shot.id)`)"
    }

    /// The real people whose likeness a remote take of `shot` carries: the subjects whose
    /// references go with it, or whoever the frames it starts or ends on showed.
    func likeness(for shot: Shot) -> [SubjectID] {
        let mode = remoteMode(for: shot)
        if mode == .imageToVideo || mode == .firstLastFrame {
            let frames = frames(for: shot)
            var people: [SubjectID] = []
            for frame in [frames.first, frames.last].compactMap({ $0 }) {
                people += frame.take.shows.filter { !people.contains($0) }
                // A keyframe made before someone in it was marked a real person recorded no one:
                // who its references would show now counts too.
                if case .keyframe(let still) = frame {
                    people += keyframeLikeness(for: shot, provider: still.provider, model: still.model).filter { !people.contains($0) }
                }
            }
            return people
        }
        guard mode == .references else { return [] }
        return storyboard.referenceSubjects(for: shot).filter { $0.realPerson == true }.map(\.id)
    }

    /// What each image a model takes of `shot`'s references carries, in order: every
    /// reference image of who is in frame, then of the place, each on its own, when the model
    /// takes that many (`limit`); else one picture per subject — its only reference, or all of
    /// them for a sheet — for as many subjects as it takes. Empty for a limit of 0.
    func referenceGroups(for shot: Shot, limit: Int) -> [(subject: SubjectID, digests: [Digest])] {
        var seen: Set<Digest> = []
        let subjects = storyboard.referenceSubjects(for: shot).map { subject in
            (subject: subject.id, digests: subject.references.filter { seen.insert($0).inserted })
        }.filter { !$0.digests.isEmpty }
        if subjects.reduce(0, { $0 + $1.digests.count }) <= limit {
            return subjects.flatMap { subject, digests in digests.map { (subject, [$0]) } }
        }
        return Array(subjects.prefix(limit))
    }

    /// The nodes of what a remote take (or keyframe) of `shot` is sent as references, with the
    /// subject each image locks (``referenceGroups(for:limit:)``): a reference straight from
    /// the store, or a sheet of one subject's (``SheetParams``).
    func referenceInputs(for shot: Shot, limit: Int, in graph: inout JobGraph) throws -> [(NodeID, SubjectID)] {
        try referenceGroups(for: shot, limit: limit).map { id, digests in (try referenceNode(id, digests, of: shot, in: &graph), id) }
    }

    /// The node of one picture of `subject`'s references: the image itself, or a sheet of them.
    func referenceNode(_ subject: SubjectID, _ digests: [Digest], of shot: Shot, in graph: inout JobGraph) throws -> NodeID {
        let references = try digests.map { try referenceNode($0, of: shot, in: &graph) }
        guard references.count > 1 else { return references[0] }
        let sheet = NodeID("sheet:\(subject):" + Hashing.sha256(digests.map(\.rawValue).joined(separator: ",")).rawValue.prefix(12))
        if graph[sheet] == nil {
            graph.add(GraphNode(id: sheet, spec: JobSpec(kind: .sheet, kindVersion: SheetParams.kindVersion, provider: "ffmpeg",
                                                         model: "sheet", params: try JSONValue(encoding: SheetParams())),
                                inputs: references, shot: shot.id,
                                label: "reference sheet of \(storyboard.subject(subject)?.name ?? subject.rawValue)"))
        }
        return sheet
    }

    /// The node of a cast reference image, straight from the store (given, never made), added once.
    func referenceNode(_ digest: Digest, of shot: Shot, in graph: inout JobGraph) throws -> NodeID {
        guard let asset = referenceAssets[digest] else {
            throw ReelError(.notFound, "reference image \(digest.short) of \(shot.id) is not in the cast",
                            hint: "add it again with `reel cast add NAME --image FILE`")
        }
        let id = NodeID("ref:\(digest.rawValue.prefix(16))")
        if graph[id] == nil {
            var node = GraphNode(id: id, spec: JobSpec(kind: .asset, provider: "reel", model: "reference",
                                                       params: ["digest": .string(digest.rawValue)]),
                                 label: "reference \(digest.short)")
            node.given = NodeOutput(asset: asset)
            graph.add(node)
        }
        return id
    }

    /// The consent gate: a real person's likeness leaves the machine only with consent in
    /// force for this provider. Refused before anything is submitted or paid.
    func checkConsent(_ people: [SubjectID], shot: Shot, provider: ProviderID) throws {
        for id in people {
            guard let subject = storyboard.subject(id) else {
                throw ReelError(.refused, "\(id) is a real person no longer in the cast: \(shot.id) would send their likeness to \(provider)",
                                at: "shot \(shot.id)", hint: "make the shot without them (`reel shot \(shot.id) --mode text`)")
            }
            if let refusal = subject.likenessRefusal(for: provider, at: now) {
                // Another provider is a way out only while the consent is in force elsewhere.
                let inForce = subject.consent?.isValid(at: now) == true
                let elsewhere = inForce ? subject.consent?.providers.map {
                    " or pin the shot to a provider it covers (\($0.map(\.rawValue).joined(separator: ", ")))"
                } ?? "" : ""
                throw ReelError(.refused, "\(refusal): \(shot.id) would send their likeness to \(provider)",
                                at: "shot \(shot.id)",
                                hint: "record consent with `reel consent grant \"\(subject.name)\" --by WHO --evidence FILE`\(elsewhere), "
                                    + "or make the shot without them (`reel shot \(shot.id) --mode text`)")
            }
        }
    }

    /// How a remote model is asked to make `shot`: from the last frame of the take it
    /// continues (`firstFrame`), else from its subjects' reference images when they have
    /// some, else from the prompt alone — unless the shot asks for text. The animatic's
    /// drawn panel is never sent: a paid model must not animate a cartoon.
    static func remoteMode(for shot: Shot, in board: Storyboard, firstFrame: Bool = false, lastFrame: Bool = false)
        -> GenerationMode {
        guard shot.mode != .text else { return .text }
        if firstFrame { return lastFrame ? .firstLastFrame : .imageToVideo }
        return board.referenceImages(for: shot).isEmpty ? .text : .references
    }

    /// Why a remote take of `shot` is made in the mode it is, for `providers explain`.
    static func remoteModeReason(for shot: Shot, in board: Storyboard, first: Frame? = nil, last: Frame? = nil) -> String {
        let references = board.referenceImages(for: shot)
        let mode = remoteMode(for: shot, in: board, firstFrame: first != nil, lastFrame: last != nil)
        func said(_ frame: Frame) -> String {
            switch frame {
            case .lastFrame(let take): "the last frame of \(take.shot)'s picked take \(take.id) (continuity)"
            case .keyframe(let take): "its picked keyframe \(take.id)"
            }
        }
        if mode == .firstLastFrame, let first, let last {
            return "first-last-frame: starts on \(said(first)) and ends on \(said(last))"
        }
        if mode == .imageToVideo, let first {
            let noLast = shot.mode == .firstLastFrame ? " (first-last needs a keyframe too: `reel keyframes --shots \(shot.id)`)" : ""
            return "image-to-video: starts on \(said(first))" + noLast
        }
        if mode == .text, shot.mode != .text, let source = shot.continuesFrom {
            return board.shot(source) == nil
                ? "text-to-video: continues \(source), which is no longer in the script (`reel shot \(shot.id) --continue-from \"\"`)"
                : "text-to-video: continues \(source), which has no finished picked take (`reel pick \(source) N`)"
        }
        if mode == .references {
            let names = board.referenceSubjects(for: shot).map(\.name)
            return "references-to-video: \(Plural.count(references.count, "reference image")) of \(names.joined(separator: ", "))"
                + (shot.mode == .references ? "" : " (the shot asks for \(shot.mode.rawValue); with no keyframe picked its subjects' references go instead)")
        }
        if shot.mode == .text { return "text-to-video" }
        if shot.empty == true { return "text-to-video: an empty shot sends no one's references, and its place has none" }
        return "text-to-video: the shot asks for \(shot.mode.rawValue) but has no keyframe picked or reference images yet "
            + "(`reel keyframes --shots \(shot.id)` then `reel pick \(shot.id) --keyframe N`, or `reel cast add NAME --image FILE`; "
            + "the animatic's panel never leaves the machine)"
    }
}

import Foundation
import ReelAnimatic
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelStore

/// The jobs that make a film from a storyboard, and where its outputs come out.
public struct FilmGraph: Sendable {
    public var graph: JobGraph
    /// The finished, checked film.
    public var film: NodeID
    /// The sidecar SRT.
    public var subtitles: NodeID
    /// Each shot's clip as it goes into the cut (before subtitles are burned in).
    public var clips: [ShotID: NodeID]
    public var cues: [SubtitleCue]
    public var frames: Int64
    /// Each line's voice node, where it comes from and where the mix places it.
    public var voices: [VoiceLine] = []
    /// Each scene's music node and where the mix places it.
    public var music: [MusicCue] = []
    /// Each sound effect's node and where the mix places it.
    public var effects: [EffectCue] = []

    /// A line of dialogue's voice in the film.
    public struct VoiceLine: Sendable, Hashable {
        public var node: NodeID
        public var shot: ShotID
        /// The line's number in its shot, from 1.
        public var line: Int
        /// Where it starts in the film.
        public var start: RationalTime
        /// How long it may last: to the end of its shot.
        public var slot: RationalTime
    }

    /// A scene's music cue in the film, or the song sung over it.
    public struct MusicCue: Sendable, Hashable {
        public var node: NodeID
        public var scene: SceneID
        public var start: RationalTime
        /// How long the mix plays it, when it cuts it (a model's cue); nil: to the film's end.
        public var length: RationalTime? = nil
        /// The song's title, when this cue is the film's song.
        public var song: String? = nil
    }

    /// A sound effect in the film: an ambience under its scene, or a spot effect at its shot.
    public struct EffectCue: Sendable, Hashable {
        public var node: NodeID
        public var effect: SoundEffect
        public var scene: SceneID
        /// The shot a spot effect is at; nil for an ambience.
        public var shot: ShotID?
        public var start: RationalTime
        /// How long the mix plays it.
        public var length: RationalTime
    }
}

/// Where a shot's picture comes from in a cut.
public enum ShotSource: Sendable {
    /// A take made (or found in the cache) by this graph.
    case take(Take)
    /// A finished take's file: used as it is, never generated again.
    case stored(Take, NodeOutput)
}

/// Builds job graphs from a storyboard: the nodes that make a take (panel, caption layer,
/// video), and the film (a source per shot, conform, subtitles, voices, music, mix, cut).
struct FilmGraphBuilder {
    let storyboard: Storyboard
    let settings: RenderSettings
    let generators: Generators
    /// Prices for estimates when an adapter has none of its own.
    var catalog = ModelCatalog()
    /// Shots whose lip-sync failed this run: cut from their takes as they are.
    var withoutLipSync: Set<ShotID> = []
    /// The cast's reference images by digest, as the store knows them: what a remote take
    /// in `references` mode is sent.
    var referenceAssets: [Digest: Asset] = [:]
    /// When the graph is built: the moment consent is checked against.
    var now = Date()
    /// The picked, finished take of each shot another shot continues from.
    var continuity: [ShotID: Take] = [:]

    /// The picked keyframe of each shot that has one (finished): where its remote takes start.
    var keyframes: [ShotID: Take] = [:]
    /// Every review note, by id: what a take that carries notes adds to its prompt.
    var notes: [Int64: ShotNote] = [:]
    /// The takes notes are about, by id: their frames go with the next takes as references.
    var notedTakes: [TakeID: Take] = [:]
    /// The film's song with its words (read from the project), sung over its scene instead of
    /// that scene's underscore; nil for none.
    var song: (settings: SongSettings, lyrics: String)?
    /// What scenes ask of their music (`scene_music:` in reel.yaml).
    var sceneMusic: [SceneID: SceneMusic] = [:]

    /// What the notes `take` carries add to its prompt: ` Director's notes: at 1.5 s, upper
    /// left of the frame: her scarf should be red.`; empty for none.
    func noteInstructions(_ take: Take) -> String {
        Self.noteInstructions(take.notes.compactMap { notes[$0] })
    }

    /// What `notes` add to a prompt; empty for none.
    static func noteInstructions(_ notes: [ShotNote]) -> String {
        let lines = notes.map(\.instruction)
        guard !lines.isEmpty else { return "" }
        return " Director's notes: " + lines.map { $0.hasSuffix(".") ? $0 : $0 + "." }.joined(separator: " ")
    }

    /// A still a remote take starts or ends on.
    enum Frame {
        /// The last frame the cut shows of the picked take of the shot it continues.
        case lastFrame(of: Take)
        /// The shot's picked keyframe.
        case keyframe(Take)

        var take: Take { switch self { case .lastFrame(let t), .keyframe(let t): t } }
    }

    var describe: ShotDescription { ShotDescription(storyboard: storyboard) }

    /// The prompt a video model reads for `shot`: with `audio: native`, its lines quoted, so a
    /// model that speaks says the script's words (and a changed line is a new version).
    func videoPrompt(_ shot: Shot) -> String {
        describe.prompt(shot, style: settings.style, lines: settings.nativeAudio)
    }

    /// A take record for the local animatic: the slate of a shot that has no take yet, or
    /// the take `make` asks for when the project's provider is the animatic.
    func animaticTake(_ shot: Shot, number: Int = 1) -> Take {
        Take(shot: shot.id, number: number, provider: generators.video.descriptor.id, model: "animatic",
                   seed: Self.seed(shot.id, number), fingerprint: fingerprint(shot),
                   node: NodeID("video:\(shot.id)#\(number)"), createdAt: Date(timeIntervalSince1970: 0))
    }

    /// The animatic standing in for a shot the cut has no take for. It is no take of the
    /// shot, so its node is its own: a take #1 of the shot (one that failed its check, say)
    /// keeps its record of its own job.
    func standIn(_ shot: Shot) -> Take {
        var take = animaticTake(shot)
        take.node = NodeID("video:\(shot.id)#animatic")
        return take
    }

    /// The seed of take `number` of `shot`: its own, so that no two shots' takes share one
    /// (a model given the same seed and a like prompt draws a like picture), and the same
    /// every time that take is asked for, so a take resumed or made again is the same take.
    /// 63 bits: a job's params keep numbers as JSON integers up to Int64's, and a larger seed
    /// came back rounded (the provider got another seed than the take says).
    static func seed(_ shot: ShotID, _ number: Int) -> UInt64 { Hashing.seed("take:\(shot)#\(number)") & UInt64(Int64.max) }

    /// A new take of `shot` on the provider and model `plan` chose, carrying `notes`; a
    /// model's take records the pictures its request carries (``pictures(for:take:)``).
    func newTake(_ shot: Shot, number: Int, plan: TakePlan, at date: Date, notes: [Int64] = []) -> Take {
        let local = plan.provider == generators.video.descriptor.id
        var take = Take(shot: shot.id, number: number, provider: plan.provider, model: plan.model, seed: Self.seed(shot.id, number),
                        fingerprint: fingerprint(shot), node: NodeID("video:\(shot.id)#\(number)"), createdAt: date,
                        generatedMilliseconds: plan.generatedMilliseconds, fit: plan.fit,
                        shows: local ? [] : likeness(for: shot), notes: notes)
        // The animatic sends nothing anywhere: it draws its own panel.
        take.inputs = local ? nil : pictures(for: shot, take: take).map(\.recorded)
        return take
    }

    /// The version of a shot that generation depends on: what it shows, how long, in
    /// what format, with what prompt.
    func fingerprint(_ shot: Shot) -> String {
        let d = describe
        var object: [String: JSONValue] = [
            "brief": (try? JSONValue(encoding: d.brief(shot))) ?? .null,
            "duration": .string(shot.duration.description),
            "prompt": .string(videoPrompt(shot)),
            "mode": .string(shot.mode.rawValue),
            "format": .string(settings.format.description),
        ]
        // What a remote take is sent: a new reference image is a new version (the key is
        // only there when there are some, so shots without keep their version).
        let references = storyboard.referenceImages(for: shot)
        if shot.mode != .text, !references.isEmpty {
            object["references"] = .array(references.map { .string($0.rawValue) })
        }
        // A continuing shot is a new version when the take it continues changes.
        if let source = shot.continuesFrom {
            object["continuesFrom"] = .string(firstFrame(for: shot)?.output?.asset.digest.rawValue ?? source.rawValue)
        }
        // So is a shot whose picked keyframe changes — when a remote take is sent it (a
        // continuing image shot starts on the continued take instead). The key is only there
        // when there is one, so shots without keep their version.
        let frames = frames(for: shot)
        for frame in [frames.first, frames.last] {
            if case .keyframe(let take)? = frame, let output = take.output {
                object["keyframe"] = .string(output.asset.digest.rawValue)
            }
        }
        return String(Hashing.sha256(JSONValue.object(object).canonical).rawValue.prefix(16))
    }

    /// How far down the animatic's caption band reaches on `shot` (a share of the frame's
    /// height), nil when it draws none: the panel's own layout, as its overlay is drawn.
    func captionBandBottom(of shot: Shot) -> Double? {
        let format = settings.format
        let layout = MotionLayout(move: shot.move, width: format.width, height: format.height)
        let image = ImageRequest(prompt: "", brief: describe.brief(shot), width: layout.canvasWidth, height: layout.canvasHeight,
                                 layout: layout, seed: 0, slug: describe.slug(shot), caption: true)
        return AnimaticPanel.spec(for: image).captionBandBottom
    }

    /// Adds the nodes that make `take` of `shot` and returns its video node.
    @discardableResult
    func addTake(_ take: Take, of shot: Shot, to graph: inout JobGraph) throws -> NodeID {
        let d = describe
        let format = settings.format
        let brief = d.brief(shot)
        let prompt = videoPrompt(shot)
        let layout = MotionLayout(move: shot.move, width: format.width, height: format.height)
        let label = "\(shot.id)#\(take.number)"
        let generator = try generators.videoGenerator(for: take.provider)
        var inputs: [NodeID] = []
        var images: [ImageInput] = []
        var mode = remoteMode(for: shot)
        // The consent gate: a real person's likeness — their references, or a frame of a take
        // that showed them — leaves the machine only with consent in force for this provider.
        // Refused before anything is submitted or paid.
        if !generator.descriptor.isLocal {
            try checkConsent(likeness(for: shot), shot: shot, provider: take.provider)
        }
        if !generator.descriptor.isLocal {
            for picture in pictures(for: shot, take: take) {
                switch picture {
                case .frame(let frame, let role):
                    images.append(ImageInput(input: inputs.count, role: role))
                    inputs.append(try frameNode(frame, for: shot, in: &graph))
                case .reference(let subject, let digests):
                    images.append(ImageInput(input: inputs.count, role: .reference, subject: subject))
                    inputs.append(try referenceNode(subject, digests, of: shot, in: &graph))
                case .note(let note):
                    images.append(ImageInput(input: inputs.count, role: .reference))
                    inputs.append(try markupNode(note, in: &graph))
                }
            }
        }
        if generator.descriptor.isLocal {
            // The animatic moves over its own drawn panel. The panel is made for this and
            // nothing else: it never goes to a remote model as a first frame.
            mode = shot.mode
            let panelID = NodeID("panel:\(label)")
            let image = ImageRequest(prompt: prompt, brief: brief, width: layout.canvasWidth, height: layout.canvasHeight,
                                     layout: layout, seed: take.seed, slug: d.slug(shot), caption: true)
            if graph[panelID] == nil {
                graph.add(GraphNode(id: panelID, spec: try Generators.spec(generators.image, kind: .image, request: image,
                                                                            model: image.model),
                                    shot: shot.id, label: "panel \(label)"))
            }
            inputs.append(panelID)
            images.append(ImageInput(input: 0, role: .firstFrame))
            // The animatic's caption and slug: a screen layer over the moving panel.
            let overlayID = NodeID("overlay:\(shot.id)")
            if graph[overlayID] == nil {
                let overlay = OverlayParams(spec: AnimaticPanel.spec(for: image))
                graph.add(GraphNode(id: overlayID, spec: JobSpec(kind: .overlay, kindVersion: OverlayParams.kindVersion,
                                                                 provider: "reel", model: "panel-overlay",
                                                                 params: try JSONValue(encoding: overlay)),
                                    shot: shot.id, label: "caption \(shot.id)"))
            }
            inputs.append(overlayID)
            images.append(ImageInput(input: 1, role: .overlay))
        }
        // A model that cannot make the shot's exact length makes the nearest it can; the
        // conform trims it or holds its last frame.
        let length = take.generatedMilliseconds.map { RationalTime.milliseconds($0) } ?? shot.duration
        // `audio: native`: a model that makes sound is asked for its own soundtrack.
        let sound = settings.nativeAudio && !generator.descriptor.isLocal
            && catalog.models(of: take.provider).first { $0.id == take.model }?.nativeAudio == true
        let video = VideoRequest(prompt: prompt + noteInstructions(take), brief: brief, mode: mode, duration: length, format: format,
                                 images: images, seed: take.seed, model: take.model, sound: sound)
        var node = GraphNode(id: take.node, spec: try Generators.spec(generator, kind: .video, request: video, model: take.model),
                             inputs: inputs, shot: shot.id, label: "take \(label)")
        node.estimatedCost = generator.estimate(video)
            ?? catalog.models(of: take.provider).first { $0.id == take.model }?.cost(seconds: length.seconds)
        if graph[take.node] == nil { graph.add(node) }
        return take.node
    }

    /// A picture a remote take is sent, before any node is made for it.
    enum SentPicture {
        /// A still it starts (or ends) on: continuity or the picked keyframe.
        case frame(Frame, ImageInput.Role)
        /// A subject's reference images: one, or a sheet of several.
        case reference(SubjectID, [Digest])
        /// The frame a note it carries is about, its box drawn.
        case note(ShotNote)

        /// As the take records it.
        var recorded: TakeInput {
            switch self {
            case .frame(let frame, let role): TakeInput(role: role == .lastFrame ? .lastFrame : .firstFrame, take: frame.take.id)
            case .reference(let subject, let digests): TakeInput(role: .reference, subject: subject, references: digests)
            case .note(let note): TakeInput(role: .note, note: note.id)
            }
        }
    }

    /// What a remote `take` of `shot` is sent, in order: in image and first-last modes the
    /// frames it starts (and ends) on; in references mode its subjects' reference images,
    /// straight from the store or a sheet per subject where the model takes fewer
    /// (``referenceGroups(for:limit:)``), then the frames its notes are about where the model
    /// has room for more: it sees what each note points at. The one rule for the request and
    /// for what the take records.
    func pictures(for shot: Shot, take: Take) -> [SentPicture] {
        let mode = remoteMode(for: shot)
        if mode == .imageToVideo || mode == .firstLastFrame {
            let frames = frames(for: shot)
            return [(frames.first, ImageInput.Role.firstFrame), (frames.last, .lastFrame)].compactMap { frame, role in
                guard let frame, role == .firstFrame || mode == .firstLastFrame else { return nil }
                return .frame(frame, role)
            }
        }
        guard mode == .references else { return [] }
        let limit = catalog.models(of: take.provider).first { $0.id == take.model }?.maxReferences ?? 0
        var pictures = referenceGroups(for: shot, limit: limit > 0 ? limit : .max).map { SentPicture.reference($0.subject, $0.digests) }
        let room = limit - pictures.count
        pictures += take.notes.compactMap { notes[$0] }.filter { noteFrameMayGo($0, to: take.provider) }.prefix(max(0, room))
            .map(SentPicture.note)
        return pictures
    }

    /// The node of a still a remote take starts or ends on, added to `graph` once.
    private func frameNode(_ frame: Frame, for shot: Shot, in graph: inout JobGraph) throws -> NodeID {
        let source = frame.take
        let given = try givenNode(source, in: &graph)
        guard case .lastFrame = frame, let sourceShot = storyboard.shot(source.shot) else { return given }
        // Continuity: the exact last frame the cut shows of the picked take of the shot it
        // continues (a take longer than its shot is trimmed: its frame at the cut).
        let shown = source.fit == .trim ? settings.format.frameRate.frames(in: sourceShot.duration) : nil
        let frameNode = NodeID("lastframe:\(source.id)")
        if graph[frameNode] == nil {
            graph.add(GraphNode(id: frameNode, spec: JobSpec(kind: .frame, kindVersion: LastFrameParams.kindVersion,
                                                             provider: "ffmpeg", model: "last-frame",
                                                             params: try JSONValue(encoding: LastFrameParams(frames: shown))),
                                inputs: [given], shot: source.shot, label: "last frame of \(source.id)"))
        }
        return frameNode
    }

    /// The node of a finished take or keyframe's file, added to `graph` once: given, never made again.
    func givenNode(_ source: Take, in graph: inout JobGraph) throws -> NodeID {
        guard let output = source.output else { throw ReelError(.internalError, "\(source.id) has no file") }
        let given = NodeID("\(source.kind == .keyframe ? "keyframe-pick" : "take"):\(source.id)")
        if graph[given] == nil {
            var node = GraphNode(id: given, spec: JobSpec(kind: .asset, provider: "reel", model: "stored",
                                                          params: ["digest": .string(output.asset.digest.rawValue)]),
                                 shot: source.shot, label: "\(source.kind == .keyframe ? "keyframe" : "take") \(source.id)")
            node.given = output
            graph.add(node)
        }
        return given
    }
}

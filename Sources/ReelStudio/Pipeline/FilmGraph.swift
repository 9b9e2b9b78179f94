import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders

/// The jobs that make a film from a storyboard, and where its outputs come out.
public struct FilmGraph: Sendable {
    public var graph: JobGraph
    /// The finished, checked film.
    public var film: NodeID
    /// The sidecar SRT.
    public var subtitles: NodeID
    /// Each shot's clip as it goes into the cut.
    public var clips: [ShotID: NodeID]
    public var cues: [SubtitleCue]
    public var frames: Int64
}

/// Builds the ``FilmGraph``: per shot a panel, a camera move and a conform step; per line
/// a voice; per scene a music cue; then the mix, the subtitles and the cut.
struct FilmGraphBuilder {
    let storyboard: Storyboard
    let settings: RenderSettings
    let generators: Generators

    func build() throws -> FilmGraph {
        var graph = JobGraph()
        let describe = ShotDescription(storyboard: storyboard)
        let format = settings.format
        let rate = format.frameRate
        let starts = storyboard.shotStarts
        let totalFrames = storyboard.shots.reduce(Int64(0)) { $0 + rate.frames(in: $1.duration) }
        let labelled = settings.label == .always
            || (settings.label == .auto && ![generators.image.descriptor, generators.video.descriptor].allSatisfy(\.isLocal))
        let labelFrames = labelled ? rate.frames(in: AIGCLabel.visibleDuration) : 0

        var clips: [ShotID: NodeID] = [:]
        var clipOrder: [NodeID] = []
        for shot in storyboard.shots {
            let brief = describe.brief(shot)
            let prompt = describe.prompt(shot, style: settings.style)
            let layout = MotionLayout(move: shot.move, width: format.width, height: format.height)
            let take = 1
            let seed = Hashing.seed("take:\(take)")
            let panelID = NodeID("panel:\(shot.id)")
            let image = ImageRequest(prompt: prompt, brief: brief, width: layout.canvasWidth, height: layout.canvasHeight,
                                     layout: layout, seed: seed, slug: describe.slug(shot), caption: true)
            graph.add(GraphNode(id: panelID, spec: try Generators.spec(generators.image, kind: .image, request: image,
                                                                        model: image.model),
                                shot: shot.id, label: "panel \(shot.id)"))
            var videoInputs = [panelID]
            var images = [ImageInput(input: 0, role: .firstFrame)]
            if generators.video.descriptor.isLocal {
                // The animatic's caption and slug: a screen layer over the moving panel.
                let overlayID = NodeID("overlay:\(shot.id)")
                let overlay = OverlayParams(spec: AnimaticPanel.spec(for: image))
                graph.add(GraphNode(id: overlayID, spec: JobSpec(kind: .overlay, kindVersion: OverlayParams.kindVersion, provider: "reel", model: "panel-overlay",
                                                                 params: try JSONValue(encoding: overlay)),
                                    shot: shot.id, label: "caption \(shot.id)"))
                videoInputs.append(overlayID)
                images.append(ImageInput(input: 1, role: .overlay))
            }
            let videoID = NodeID("video:\(shot.id)#\(take)")
            let video = VideoRequest(prompt: prompt, brief: brief, mode: shot.mode, duration: shot.duration, format: format,
                                     images: images, seed: seed)
            graph.add(GraphNode(id: videoID, spec: try Generators.spec(generators.video, kind: .video, request: video,
                                                                        model: video.model),
                                inputs: videoInputs, shot: shot.id, label: "take \(shot.id)#\(take)"))
            let frames = rate.frames(in: shot.duration)
            let start = rate.frames(in: starts[shot.id] ?? .zero)
            let fade = min(frames / 2, rate.frames(seconds: 0.6))
            let dissolve = min(frames / 2, rate.frames(seconds: 0.25))
            let conform = ConformSpec(
                frames: frames,
                fadeInFrames: shot.transitionIn == .fadeIn ? fade : 0,
                fadeOutFrames: shot.transitionOut == .fadeOut ? fade : (shot.transitionOut == .dissolve ? dissolve : 0),
                labelUntilFrame: max(0, min(frames, labelFrames - start)))
            let clipID = NodeID("clip:\(shot.id)")
            graph.add(GraphNode(id: clipID, spec: JobSpec(kind: .conform, kindVersion: ConformParams.kindVersion, provider: "ffmpeg", model: "conform",
                                                          params: try JSONValue(encoding: ConformParams(spec: conform, encode: settings.encode))),
                                inputs: [videoID], shot: shot.id, label: "clip \(shot.id)"))
            clips[shot.id] = clipID
            clipOrder.append(clipID)
        }

        // Voices.
        var audioInputs: [NodeID] = []
        var voices: [AudioPlacement] = []
        var slots: [RationalTime?] = []
        var cues: [SubtitleCue] = []
        let layout = SubtitleLayout(format: format)
        for shot in storyboard.shots {
            let shotStart = starts[shot.id] ?? .zero
            for (i, cue) in shot.dialogue.enumerated() {
                guard let speaker = storyboard.subject(cue.speaker) else { continue }
                let request = SpeechRequest(text: cue.text, language: cue.language,
                                            voice: speaker.voice ?? Voice(gender: .unknown), speaker: speaker.name)
                let id = NodeID("voice:\(shot.id):\(i + 1)")
                graph.add(GraphNode(id: id, spec: try Generators.spec(generators.speech, kind: .speech, request: request,
                                                                       model: request.model),
                                    shot: shot.id, label: "voice \(speaker.name) \(shot.id)"))
                voices.append(AudioPlacement(input: audioInputs.count, start: shotStart + cue.start))
                slots.append(shot.duration - cue.start)
                audioInputs.append(id)
                let shown = shot.duration - cue.start - rate.time(frames: 2)
                let dual = shot.dialogue.count > 1
                let named = cue.language == .chinese ? "\(speaker.name)：\(cue.text)" : "\(speaker.name): \(cue.text)"
                cues += layout.cues(for: dual ? named : cue.text, start: shotStart + cue.start,
                                    duration: max(cue.duration, shown), rate: rate, speaker: speaker.name)
            }
        }
        cues.sort { $0.start < $1.start }

        // Music: one cue per scene, overlapping its neighbours by a second to cross-fade.
        var music: [AudioPlacement] = []
        let overlap = RationalTime(value: 1, timescale: 2)
        for (k, scene) in storyboard.scenes.enumerated() {
            let shots = storyboard.shots.filter { $0.scene == scene.id }
            guard let first = shots.first, let start = starts[first.id] else { continue }
            let length = shots.reduce(RationalTime.zero) { $0 + $1.duration }
            let lead = k == 0 ? RationalTime.zero : overlap
            let trail = k == storyboard.scenes.count - 1 ? RationalTime.zero : overlap
            let request = MusicRequest(mood: scene.mood, duration: lead + length + trail,
                                       seed: Hashing.seed("music:\(scene.mood.rawValue):\(scene.id)"),
                                       prompt: "\(scene.mood.rawValue) underscore for \(scene.heading)")
            let id = NodeID("music:\(scene.id)")
            graph.add(GraphNode(id: id, spec: try Generators.spec(generators.music, kind: .music, request: request,
                                                                   model: request.model),
                                label: "music scene \(scene.id)"))
            music.append(AudioPlacement(input: audioInputs.count, start: start - lead))
            audioInputs.append(id)
        }
        let duration = rate.time(frames: totalFrames)
        let mix = MixParams(spec: MixSpec(duration: duration, voices: voices, music: music), voiceSlots: slots,
                            encode: settings.encode)
        graph.add(GraphNode(id: "mix", spec: JobSpec(kind: .mix, kindVersion: MixParams.kindVersion, provider: "ffmpeg", model: "mix",
                                                     params: try JSONValue(encoding: mix)),
                            inputs: audioInputs, label: "soundtrack"))

        let srt = SubtitleParams(cues: cues, format: .srt, width: format.width, height: format.height)
        graph.add(GraphNode(id: "subtitles:srt", spec: JobSpec(kind: .subtitles, kindVersion: SubtitleParams.kindVersion, provider: "reel", model: "srt",
                                                              params: try JSONValue(encoding: srt)),
                            label: "subtitles"))
        if settings.burnSubtitles {
            // Shot by shot, so clips burn side by side and an edited line re-burns one shot.
            for (i, shot) in storyboard.shots.enumerated() {
                let start = starts[shot.id] ?? .zero
                let burn = BurnParams(cues: BurnParams.cues(cues, start: start, duration: shot.duration),
                                      frames: rate.frames(in: shot.duration), encode: settings.encode)
                let id = NodeID("burn:\(shot.id)")
                graph.add(GraphNode(id: id, spec: JobSpec(kind: .burn, kindVersion: BurnParams.kindVersion, provider: "ffmpeg",
                                                          model: "burn", params: try JSONValue(encoding: burn)),
                                    inputs: [clipOrder[i]], shot: shot.id, label: "subtitles \(shot.id)"))
                clipOrder[i] = id
            }
        }
        let filmInputs = clipOrder + ["mix"]
        let label = labelled ? AIGCLabel(produceID: "reel-" + Hashing.sha256(storyboard.title).rawValue.prefix(16)) : nil
        let assemble = AssembleParams(
            spec: AssemblySpec(title: storyboard.title, label: label, frames: totalFrames),
            encode: settings.encode, clipCount: clipOrder.count, shots: storyboard.shots.count, expectsSound: true)
        graph.add(GraphNode(id: "film", spec: JobSpec(kind: .assemble, kindVersion: AssembleParams.kindVersion, provider: "ffmpeg", model: "assemble",
                                                      params: try JSONValue(encoding: assemble)),
                            inputs: filmInputs, label: "the cut"))
        return FilmGraph(graph: graph, film: "film", subtitles: "subtitles:srt", clips: clips, cues: cues,
                         frames: totalFrames)
    }
}

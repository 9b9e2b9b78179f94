import Foundation
import ReelAnimatic
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelStore

extension FilmGraphBuilder {
    /// The whole film: each shot's picture from `sources` (an animatic take where a shot
    /// has none), then conform, subtitles, voices, music, the mix and the cut.
    func build(sources: [ShotID: ShotSource] = [:]) throws -> FilmGraph {
        var graph = JobGraph()
        let format = settings.format
        let rate = format.frameRate
        let starts = storyboard.shotStarts
        let totalFrames = storyboard.shots.reduce(Int64(0)) { $0 + rate.frames(in: $1.duration) }
        // Whether any shot's picture or any voice comes from a generative model: then the film
        // is labelled from its first frame, whatever its first shots are.
        let generative = !generators.speech.descriptor.isLocal || storyboard.shots.contains { shot in
            let provider: ProviderID = switch sources[shot.id] ?? .take(standIn(shot)) {
            case .take(let take): take.provider
            case .stored(let take, _): take.provider
            }
            return !((try? generators.videoGenerator(for: provider))?.descriptor.isLocal ?? false)
        }

        var clips: [ShotID: NodeID] = [:]
        var clipOrder: [NodeID] = []
        // `audio: native`: the finished takes that carry their model's sound speak their shots.
        var sounding: [ShotID: NodeID] = [:]
        for shot in storyboard.shots {
            var picture: NodeID
            let source = sources[shot.id] ?? .take(standIn(shot))
            switch source {
            case .take(let take):
                picture = try addTake(take, of: shot, to: &graph)
                // A model that makes its own sound speaks for its shot once stored (`audio: native`).
                let speaks = settings.nativeAudio && catalog.models(of: take.provider).first { $0.id == take.model }?.nativeAudio == true
                if !speaks { picture = try addLipSync(shot, take: take, media: nil, picture: picture, to: &graph) ?? picture }
            case .stored(let take, let output):
                picture = NodeID("take:\(take.id)")
                var node = GraphNode(id: picture, spec: JobSpec(kind: .asset, provider: "reel", model: "stored",
                                                                params: ["digest": .string(output.asset.digest.rawValue)]),
                                     shot: shot.id, label: "take \(take.id)")
                node.given = output
                graph.add(node)
                // Only a model that makes sound, and a take that did not fail its check (which
                // holds it to speech where the shot has lines): an empty track speaks nothing.
                if settings.nativeAudio, output.asset.media?.hasAudio == true, take.verdict?.passed != false,
                   catalog.models(of: take.provider).first(where: { $0.id == take.model })?.nativeAudio == true {
                    sounding[shot.id] = picture
                } else {
                    picture = try addLipSync(shot, take: take, media: output.asset.media, picture: picture, to: &graph) ?? picture
                }
            }
            let frames = rate.frames(in: shot.duration)
            let start = rate.frames(in: starts[shot.id] ?? .zero)
            let fade = min(frames / 2, rate.frames(seconds: 0.6))
            let dissolve = min(frames / 2, rate.frames(seconds: 0.25))
            let labelFrames = labelled(generative: generative) ? rate.frames(in: AIGCLabel.visibleDuration) : 0
            let labelUntil = max(0, min(frames, labelFrames - start))
            // Over the animatic, the label keeps below its caption band (it covered the caption).
            let animatic: Bool = switch source {
            case .take(let take), .stored(let take, _): (try? generators.videoGenerator(for: take.provider))?.descriptor.isLocal ?? false
            }
            let conform = ConformSpec(
                frames: frames,
                fadeInFrames: shot.transitionIn == .fadeIn ? fade : 0,
                fadeOutFrames: shot.transitionOut == .fadeOut ? fade : (shot.transitionOut == .dissolve ? dissolve : 0),
                labelUntilFrame: labelUntil, labelBelow: labelUntil > 0 && animatic ? captionBandBottom(of: shot) : nil)
            let clipID = NodeID("clip:\(shot.id)")
            graph.add(GraphNode(id: clipID, spec: JobSpec(kind: .conform, kindVersion: ConformParams.kindVersion,
                                                          provider: "ffmpeg", model: "conform",
                                                          params: try JSONValue(encoding: ConformParams(spec: conform, encode: settings.encode))),
                                inputs: [picture], shot: shot.id, label: "clip \(shot.id)"))
            clips[shot.id] = clipID
            clipOrder.append(clipID)
        }

        var (audioInputs, voices, slots, cues, lines) = try addVoices(to: &graph, starts: starts, sounding: Set(sounding.keys))
        // A sounding take's soundtrack goes in as a voice (the music ducks under it), cut at
        // the end of its shot as the picture is: never sped up to fit.
        for shot in storyboard.shots {
            guard let picture = sounding[shot.id] else { continue }
            voices.append(AudioPlacement(input: audioInputs.count, start: starts[shot.id] ?? .zero, length: shot.duration))
            slots.append(nil)
            audioInputs.append(picture)
        }
        var inputs = audioInputs
        let (music, musicCues) = try addMusic(to: &graph, starts: starts, inputs: &inputs)
        let (effects, effectCues) = settings.effects ? try addEffects(to: &graph, inputs: &inputs, quiet: Set(sounding.keys)) : ([], [])
        let duration = rate.time(frames: totalFrames)
        let mix = MixParams(spec: MixSpec(duration: duration, voices: voices, music: music, effects: effects,
                                          master: settings.loudness),
                            voiceSlots: slots,
                            encode: settings.encode)
        graph.add(GraphNode(id: "mix", spec: JobSpec(kind: .mix, kindVersion: MixParams.kindVersion, provider: "ffmpeg",
                                                     model: "mix", params: try JSONValue(encoding: mix)),
                            inputs: inputs, label: "soundtrack"))

        let srt = SubtitleParams(cues: cues, format: .srt, width: format.width, height: format.height)
        graph.add(GraphNode(id: "subtitles:srt", spec: JobSpec(kind: .subtitles, kindVersion: SubtitleParams.kindVersion,
                                                              provider: "reel", model: "srt", params: try JSONValue(encoding: srt)),
                            label: "subtitles"))
        if settings.burnSubtitles {
            // Shot by shot, so clips burn side by side and an edited line re-burns one shot.
            for (i, shot) in storyboard.shots.enumerated() {
                let burn = BurnParams(cues: BurnParams.cues(cues, start: starts[shot.id] ?? .zero, duration: shot.duration),
                                      frames: rate.frames(in: shot.duration), encode: settings.encode)
                let id = NodeID("burn:\(shot.id)")
                graph.add(GraphNode(id: id, spec: JobSpec(kind: .burn, kindVersion: BurnParams.kindVersion, provider: "ffmpeg",
                                                          model: "burn", params: try JSONValue(encoding: burn)),
                                    inputs: [clipOrder[i]], shot: shot.id, label: "subtitles \(shot.id)"))
                clipOrder[i] = id
            }
        }
        let label = labelled(generative: generative)
            ? AIGCLabel(produceID: "reel-" + Hashing.sha256(storyboard.title).rawValue.prefix(16)) : nil
        let assemble = AssembleParams(spec: AssemblySpec(title: storyboard.title, label: label, frames: totalFrames),
                                      encode: settings.encode, clipCount: clipOrder.count, shots: storyboard.shots.count,
                                      expectsSound: true, loudness: settings.loudness)
        graph.add(GraphNode(id: "film", spec: JobSpec(kind: .assemble, kindVersion: AssembleParams.kindVersion,
                                                      provider: "ffmpeg", model: "assemble",
                                                      params: try JSONValue(encoding: assemble)),
                            inputs: clipOrder + ["mix"], label: "the cut"))
        return FilmGraph(graph: graph, film: "film", subtitles: "subtitles:srt", clips: clips, cues: cues, frames: totalFrames,
                         voices: lines, music: musicCues, effects: effectCues)
    }

    /// Whether the film carries AI-content labels.
    func labelled(generative: Bool) -> Bool {
        settings.label == .always || (settings.label == .auto && generative)
    }

    /// A voice per line, placed on the film's timeline, and the subtitle cues. The lines of
    /// `sounding` shots get their cues but no voice: their take speaks them.
    func addVoices(to graph: inout JobGraph, starts: [ShotID: RationalTime], sounding: Set<ShotID> = []) throws
        -> (inputs: [NodeID], voices: [AudioPlacement], slots: [RationalTime?], cues: [SubtitleCue], lines: [FilmGraph.VoiceLine])
    {
        let rate = settings.format.frameRate
        let layout = SubtitleLayout(format: settings.format)
        var inputs: [NodeID] = []
        var voices: [AudioPlacement] = []
        var slots: [RationalTime?] = []
        var cues: [SubtitleCue] = []
        var lines: [FilmGraph.VoiceLine] = []
        for shot in storyboard.shots {
            let shotStart = starts[shot.id] ?? .zero
            for (i, cue) in shot.dialogue.enumerated() {
                guard let speaker = storyboard.subject(cue.speaker) else { continue }
                if !sounding.contains(shot.id) {
                    let id = NodeID("voice:\(shot.id):\(i + 1)")
                    graph.add(try generators.voiceNode(id, line: cue.text, language: cue.language, speaker: speaker, shot: shot.id))
                    voices.append(AudioPlacement(input: inputs.count, start: shotStart + cue.start))
                    slots.append(shot.duration - cue.start)
                    lines.append(FilmGraph.VoiceLine(node: id, shot: shot.id, line: i + 1, start: shotStart + cue.start,
                                                     slot: shot.duration - cue.start))
                    inputs.append(id)
                }
                let shown = shot.duration - cue.start - rate.time(frames: 2)
                let named = cue.language == .chinese ? "\(speaker.name)：\(cue.text)" : "\(speaker.name): \(cue.text)"
                cues += layout.cues(for: shot.dialogue.count > 1 ? named : cue.text, start: shotStart + cue.start,
                                    duration: max(cue.duration, shown), rate: rate, speaker: speaker.name)
            }
        }
        return (inputs, voices, slots, cues.sorted { $0.start < $1.start }, lines)
    }

    /// One music cue per scene, overlapping its neighbours by a second to cross-fade. A music
    /// model's cue is asked for in words (the scene's mood and place, the film's style) and cut
    /// at its length, fading out over its last second, whatever length the model gave. The
    /// film's song takes the place of its scene's cue (the last scene's, or the first's): sung
    /// from its lyrics in its style by the song's provider, cut and faded the same way; a
    /// provider that does not sing (the offline score) plays an instrumental there.
    func addMusic(to graph: inout JobGraph, starts: [ShotID: RationalTime], inputs: inout [NodeID]) throws
        -> (placements: [AudioPlacement], cues: [FilmGraph.MusicCue])
    {
        var music: [AudioPlacement] = []
        var cues: [FilmGraph.MusicCue] = []
        let overlap = Self.musicOverlap
        let sungScene = song.flatMap { Studio.songScene($0.settings.at, in: storyboard) }
        for (k, scene) in storyboard.scenes.enumerated() {
            let shots = storyboard.shots.filter { $0.scene == scene.id }
            guard let first = shots.first, let start = starts[first.id] else { continue }
            let length = shots.reduce(RationalTime.zero) { $0 + $1.duration }
            let lead = k == 0 ? RationalTime.zero : overlap
            let trail = k == storyboard.scenes.count - 1 ? RationalTime.zero : overlap
            if let song, scene.id == sungScene {
                let singer = generators.song ?? generators.music
                let sung = singer.singsLyrics
                let styles = ([song.settings.style] + [settings.style].compactMap { $0 }).filter { !$0.isEmpty }
                // A model that does not sing is asked for the song's music without its words.
                let prompt = sung ? styles.joined(separator: "; ")
                    : (["Instrumental theme for the song \(song.settings.title), \(scene.mood.rawValue)"] + styles).joined(separator: "; ")
                let request = MusicRequest(mood: scene.mood, duration: lead + length + trail,
                                           seed: Hashing.seed("song:\(song.settings.title)"), prompt: prompt,
                                           lyrics: sung ? song.lyrics : nil)
                let id = NodeID("song")
                var node = GraphNode(id: id, spec: try Generators.spec(singer, kind: .music, request: request, model: request.model),
                                     label: "song \(song.settings.title)")
                node.estimatedCost = singer.estimate(request)
                graph.add(node)
                let length = singer.descriptor.isLocal ? nil : request.duration
                music.append(AudioPlacement(input: inputs.count, start: start - lead, length: length))
                cues.append(FilmGraph.MusicCue(node: id, scene: scene.id, start: start - lead, length: length, song: song.settings.title))
                inputs.append(id)
                continue
            }
            let cue = try musicCue(k, take: sceneMusic[scene.id]?.pick ?? 1, id: NodeID("music:\(scene.id)"))
            let node = cue.node
            // A model's cue is cut at the length asked; Reel's score is made to it.
            let cut = cue.generator.descriptor.isLocal ? nil : cue.request.duration
            graph.add(node)
            music.append(AudioPlacement(input: inputs.count, start: start - lead, length: cut))
            cues.append(FilmGraph.MusicCue(node: node.id, scene: scene.id, start: start - lead, length: cut))
            inputs.append(node.id)
        }
        return (music, cues)
    }

    /// Scene `k`'s music, take `take` (from 1), as the node `id`: who makes it and what they are
    /// asked — the scene's own words, mood and provider where `scene_music:` gives them, else
    /// the scene's mood and place — for the scene's length and the second it overlaps each
    /// neighbour. Take 1 is the cue the scene always had; each other take is its own job (its
    /// own seed, in the cache key even where a model takes no seed), so a model asked the same
    /// words again answers anew, and a take made once is never made or paid for again.
    func musicCue(_ k: Int, take: Int, id: NodeID) throws
        -> (node: GraphNode, request: MusicRequest, generator: any MusicGenerator)
    {
        let scene = storyboard.scenes[k]
        let asked = sceneMusic[scene.id] ?? SceneMusic()
        let generator = try generators.musicGenerator(for: asked.provider, scene: scene.id)
        // A model asked in the director's words is not sent a mood: asking another changes nothing it makes.
        let mood = generator.descriptor.isLocal || asked.prompt == nil ? asked.mood ?? scene.mood : scene.mood
        let length = storyboard.shots.filter { $0.scene == scene.id }.reduce(RationalTime.zero) { $0 + $1.duration }
        let overlap = Self.musicOverlap
        let lead = k == 0 ? RationalTime.zero : overlap
        let trail = k == storyboard.scenes.count - 1 ? RationalTime.zero : overlap
        let style = settings.style.map { "; \($0)" } ?? ""
        let prompt = if let words = asked.prompt { words + style }
            else if generator.descriptor.isLocal { "\(mood.rawValue) underscore for \(scene.heading)" }
            else { "Film underscore for a \(mood.rawValue) scene (\(scene.heading)): instrumental, under dialogue" + style }
        let seed = Hashing.seed("music:\(mood.rawValue):\(scene.id)" + (take > 1 ? "#\(take)" : ""))
        let request = MusicRequest(mood: mood, duration: lead + length + trail, seed: seed, prompt: prompt)
        var spec = try Generators.spec(generator, kind: .music, request: request, model: request.model)
        if take > 1 { spec.seed = seed }
        var node = GraphNode(id: id, spec: spec, label: "music scene \(scene.id)" + (take > 1 ? " take \(take)" : ""))
        node.estimatedCost = generator.estimate(request)
        return (node, request, generator)
    }

    /// How long neighbouring scenes' music overlaps to cross-fade.
    static let musicOverlap = RationalTime(value: 1, timescale: 2)

    /// The lip-sync pass over a model's take whose shot shows its speaker speaking: the shot's
    /// on-screen lines mixed to its length (`voices:SHOT`, where the film places them), then the
    /// lip-sync model over the take and that mix (`lipsync:TAKE`, priced before it runs, so the
    /// budget cap holds it back), which the clip is conformed from. Nil — the take as it is —
    /// without a lip-sync model, for the animatic, a shot whose lip-sync failed this run, an
    /// empty shot, a shot whose lines are all voice-over or off screen or spoken by someone not
    /// in frame, and a take whose length or size (`media`, when known) the model does not take.
    func addLipSync(_ shot: Shot, take: Take, media: MediaInfo?, picture: NodeID, to graph: inout JobGraph) throws -> NodeID? {
        // The take's length as asked for, the same however the take comes in (its cache key).
        let seconds = Double(take.generatedMilliseconds ?? Int64((shot.duration.seconds * 1000).rounded())) / 1000
        guard let lipSync = generators.lipSync, !withoutLipSync.contains(shot.id), shot.empty != true,
              lipSync.pictureSeconds.contains(seconds), lipSync.pictureSeconds.contains(shot.duration.seconds),
              let video = try? generators.videoGenerator(for: take.provider), !video.descriptor.isLocal else { return nil }
        if let width = media?.width, let height = media?.height,
           !lipSync.pictureSides.contains(width) || !lipSync.pictureSides.contains(height) { return nil }
        // Only lines seen spoken: a voice-over or a voice off screen moves no mouth in frame.
        let lines = shot.dialogue.enumerated().filter { _, cue in
            storyboard.subject(cue.speaker) != nil && !cue.offScreen && shot.subjects.contains(cue.speaker)
        }
        guard let language = lines.first?.element.language else { return nil }
        let voicesID = NodeID("voices:\(shot.id)")
        if graph[voicesID] == nil {
            let spec = MixSpec(duration: shot.duration,
                               voices: lines.enumerated().map { AudioPlacement(input: $0.offset, start: $0.element.element.start) },
                               music: [], master: nil)
            let mix = MixParams(spec: spec, voiceSlots: lines.map { shot.duration - $0.element.start }, encode: settings.encode)
            graph.add(GraphNode(id: voicesID, spec: JobSpec(kind: .mix, kindVersion: MixParams.kindVersion, provider: "ffmpeg",
                                                            model: "mix", params: try JSONValue(encoding: mix)),
                                inputs: lines.map { NodeID("voice:\(shot.id):\($0.offset + 1)") }, shot: shot.id,
                                label: "voices \(shot.id)"))
        }
        let request = LipSyncRequest(language: language, seconds: seconds)
        var node = GraphNode(id: NodeID("lipsync:\(take.id)"),
                             spec: try Generators.spec(lipSync, kind: .lipsync, request: request, model: request.model),
                             inputs: [picture, voicesID], shot: shot.id, label: "lip-sync \(take.id)")
        node.estimatedCost = lipSync.estimate(request)
        graph.add(node)
        return node.id
    }
}

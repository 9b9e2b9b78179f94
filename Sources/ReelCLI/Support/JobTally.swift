import ReelEngine
import ReelModel

/// What a run did, said by the kind of work, for the line that ends a run:
/// `14 clips conformed, 1 soundtrack mixed, 1 film cut`. `render` never makes a take, so it
/// must not say it "rendered" 28 of them.
///
/// A job's kind is read from its node id's prefix (`video:S01-02#1`, `clip:S01-02`, `film`),
/// the names the film graph gives its nodes.
struct JobTally {
    /// Node id prefix → what one and several of them are, done.
    static let kinds: [(prefix: String, one: String, many: String)] = [
        ("keyframe", "keyframe made", "keyframes made"),
        ("panel", "panel drawn", "panels drawn"),
        ("overlay", "overlay drawn", "overlays drawn"),
        ("lastframe", "last frame taken", "last frames taken"),
        ("video", "take made", "takes made"),
        ("voices", "shot's voices mixed for lip-sync", "shots' voices mixed for lip-sync"),
        ("lipsync", "take lip-synced", "takes lip-synced"),
        ("stand-in", "shot drawn by the animatic", "shots drawn by the animatic"),
        ("check", "take checked", "takes checked"),
        ("strip", "strip of frames taken", "strips of frames taken"),
        ("critique", "take critiqued", "takes critiqued"),
        ("markup", "noted frame drawn", "noted frames drawn"),
        ("voice", "line voiced", "lines voiced"),
        ("music", "music cue made", "music cues made"),
        ("effect", "sound effect made", "sound effects made"),
        ("clip", "clip conformed", "clips conformed"),
        ("burn", "clip subtitled", "clips subtitled"),
        ("mix", "soundtrack mixed", "soundtracks mixed"),
        ("subtitles", "subtitle file written", "subtitle files written"),
        ("film", "film cut", "films cut"),
    ]

    private(set) var counts: [String: Int] = [:]

    /// Counts a job that ran (not one reused from the store).
    mutating func add(_ id: NodeID) {
        counts[JobTally.kind(of: id), default: 0] += 1
    }

    /// `video` for `video:S01-02#1`; `film` for `film`; `stand-in` for the animatic drawing a
    /// shot in place of a take (`video:S01-02#animatic`), which is no take.
    static func kind(of id: NodeID) -> String {
        let raw = id.rawValue
        if raw.hasPrefix("video:"), raw.hasSuffix("#animatic") { return "stand-in" }
        return String(raw[..<(raw.firstIndex(of: ":") ?? raw.endIndex)])
    }

    /// `3 takes made, 1 film cut`, in pipeline order; jobs of other kinds are `other jobs run`.
    var text: String {
        var parts = JobTally.kinds.compactMap { kind in counts[kind.prefix].map { Plural.count($0, kind.one, kind.many) } }
        let known = Set(JobTally.kinds.map(\.prefix))
        let others = counts.filter { !known.contains($0.key) }.values.reduce(0, +)
        if others > 0 { parts.append(Plural.count(others, "other job run", "other jobs run")) }
        return parts.joined(separator: ", ")
    }
}

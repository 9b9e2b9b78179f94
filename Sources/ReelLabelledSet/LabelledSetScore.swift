import Foundation
import ReelMedia
import ReelModel

/// One clip of the set, made and checked: what the check found in it.
public struct LabelledOutcome: Sendable {
    public var clip: LabelledClip
    public var problems: [ClipProblem]
    public var signature: VideoSignature?

    public init(clip: LabelledClip, problems: [ClipProblem], signature: VideoSignature?) {
        self.clip = clip
        self.problems = problems
        self.signature = signature
    }

    /// `name: passes` or `name: black 1.00–1.80 …; …`, for a message that names what went wrong.
    public var description: String {
        "\(clip.name): " + (problems.isEmpty ? "passes" : problems.map {
            String(format: "%@ %.2f–%.2f %@", $0.kind.rawValue, $0.range.start.seconds, $0.range.end.seconds, $0.summary)
        }.joined(separator: "; "))
    }
}

extension LabelledSet {
    /// The defects a picture or its sound can have on its own: an unreadable file is a take's
    /// verdict, not a picture's defect (`reel check` refuses it), and a duplicate is found
    /// between takes (``LabelledScore/repeatsFound``).
    public static var pictureDefects: [ClipProblem.Kind] {
        ClipProblem.Kind.allCases.filter { ![.unreadable, .duplicate].contains($0) }
    }

    /// Makes every clip of `clips` in `directory` with ffmpeg (real encodes, as many at once
    /// as there are cores) and checks each as a take is checked; sorted by name.
    public static func makeAndCheck(_ clips: [LabelledClip], in directory: URL, toolchain: Toolchain = .discover())
        async throws -> [LabelledOutcome]
    {
        let ffmpeg = try toolchain.requireFFmpeg()
        let inspector = ClipInspector(toolchain: toolchain)
        let width = max(2, ProcessInfo.processInfo.activeProcessorCount)
        return try await withThrowingTaskGroup(of: LabelledOutcome.self) { group in
            var outcomes: [LabelledOutcome] = []
            for (n, clip) in clips.enumerated() {
                if n >= width, let done = try await group.next() { outcomes.append(done) }
                group.addTask {
                    let url = directory.appendingPathComponent("\(clip.name).mp4")
                    let made = try await LocalProcessRunner().run(ffmpeg, clip.arguments(url))
                    guard made.status == 0 else {
                        throw ReelError(.mediaFailed, "cannot make \(clip.name): \(made.stderrTail(3))")
                    }
                    let verdict = try await inspector.check(url, expected: clip.expected)
                    return LabelledOutcome(clip: clip, problems: verdict.problems, signature: verdict.signature)
                }
            }
            for try await done in group { outcomes.append(done) }
            return outcomes.sorted { $0.clip.name < $1.clip.name }
        }
    }
}

/// How the check did on the labelled set, as counts: found per defect, good clips flagged,
/// defect clips with problems they were not made with, remade clips found to repeat their
/// originals and pairs of different pictures taken for repeats. The tests assert on it
/// (goal: ≥ 95% found per defect, ≤ 2% false flags); `make bench` reports it.
public struct LabelledScore: Sendable {
    /// One defect: in how many of the clips made with it the check found it (at its time).
    public struct Recall: Sendable {
        public var kind: ClipProblem.Kind
        public var found: Int
        public var labelled: Int
        public var missed: [String]
        public var met: Bool { found * 100 >= labelled * 95 }
    }

    public var recall: [Recall]
    public var good: Int
    /// Good clips the check flagged, described.
    public var flagged: [String]
    public var defective: Int
    /// Defect clips with a problem they were not made with, described.
    public var extra: [String]
    public var repeatsFound: Int
    public var repeatsMissed: [String]
    /// Pairs of different pictures of one orientation and length (as takes of one shot are).
    public var differentPairs: Int
    public var pairsFlagged: [String]

    public var repeats: Int { repeatsFound + repeatsMissed.count }

    public init(_ outcomes: [LabelledOutcome]) {
        recall = LabelledSet.pictureDefects.map { kind in
            let labelled = outcomes.filter { $0.clip.labels.contains { $0.0 == kind } }
            let missed = labelled.filter { o in o.clip.labels.contains { $0.0 == kind && !Self.found(kind, $0.1, in: o.problems) } }
            return Recall(kind: kind, found: labelled.count - missed.count, labelled: labelled.count, missed: missed.map(\.description))
        }
        let goodOnes = outcomes.filter { $0.clip.labels.isEmpty }
        good = goodOnes.count
        flagged = goodOnes.filter { !$0.problems.isEmpty }.map(\.description)
        let defect = outcomes.filter { !$0.clip.labels.isEmpty }
        defective = defect.count
        extra = defect.filter { o in o.problems.contains { p in !o.clip.labels.contains { $0.0 == p.kind } } }.map(\.description)
        // Every pair of good or remade clips of one orientation and length is compared.
        let compared = outcomes.filter { $0.clip.labels.isEmpty || $0.clip.repeats != nil }
        var found = 0, missed: [String] = [], pairs = 0, taken: [String] = []
        for (i, a) in compared.enumerated() {
            for b in compared[(i + 1)...] where a.clip.isVertical == b.clip.isVertical && a.clip.seconds == b.clip.seconds {
                let (sa, sb) = (a.signature, b.signature)
                let alike = sa.flatMap { sa in sb.flatMap { sa.difference(to: $0) } }
                let pair = "\(a.clip.name) ~ \(b.clip.name) (" + (alike.map { String(format: "differ by %.2f", $0) } ?? "not comparable") + ")"
                if a.clip.repeats == b.clip.name || b.clip.repeats == a.clip.name {
                    if let sa, let sb, sa.repeats(sb), sb.repeats(sa) { found += 1 } else { missed.append(pair) }
                } else {
                    pairs += 1
                    if let sa, let sb, sa.repeats(sb) { taken.append(pair) }
                }
            }
        }
        repeatsFound = found
        repeatsMissed = missed
        differentPairs = pairs
        pairsFlagged = taken
    }

    /// True when `problems` has one of `kind` at the labelled time (within 0.1 s).
    static func found(_ kind: ClipProblem.Kind, _ range: ClosedRange<Double>?, in problems: [ClipProblem]) -> Bool {
        problems.contains { p in
            guard p.kind == kind else { return false }
            guard let range else { return true }
            return p.range.start.seconds <= range.upperBound + 0.1 && p.range.end.seconds >= range.lowerBound - 0.1
        }
    }
}

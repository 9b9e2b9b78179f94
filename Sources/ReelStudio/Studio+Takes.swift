import Foundation
import ReelEngine
import ReelModel
import ReelStore

/// A take as `reel takes` shows it.
public struct TakeReport: Hashable, Sendable, Codable {
    public var take: String
    public var number: Int
    public var provider: String
    public var model: String
    public var state: String
    /// Made from the shot as it is now (false: from an earlier version).
    public var current: Bool
    public var picked: Bool
    public var cost: Money?
    public var attempts: Int
    /// The take's file in the media store.
    public var output: String?
    /// Its name in the store (`<sha256>.<ext>`), as the studio's media route serves it.
    public var media: String?
    public var seconds: Double?
    /// How the cut fits a take of another length to the shot: `trim` or `hold` (nil: exact).
    public var fit: TakeFit?
    /// The length asked of the model, when it is not the shot's.
    public var generatedSeconds: Double?
    public var failure: String?
    public var failureReason: String?
    public var providerJobID: String?
    public var createdAt: Date
    /// What its quality check found; nil until it is checked.
    public var verdict: TakeVerdict?
    /// What the project's critic said of it; nil without a critic, or until it answered.
    public var critique: TakeCritique?
    /// The notes its prompt carried (``NoteReport/id``).
    public var notes: [Int64] = []
    /// Picked by `reel pick --auto` rather than a person.
    public var autoPicked: Bool = false
    /// The real people whose likeness it carries, by name.
    public var likeness: [String] = []
    /// Why the cut leaves it out now, when someone it shows has no consent in force for its
    /// provider (`MAYA's consent was revoked on 2026-12-07`); nil otherwise.
    public var withheld: String?
    /// True when its file has a soundtrack of its own (what `audio: native` keeps); nil before it has a file.
    public var sound: Bool?
    /// The pictures its request carried, in order; nil for a take made before Reel recorded
    /// them, empty for words alone.
    public var inputs: [TakeInputReport]?
}

/// A picture a take was made from, as `reel takes` and the review show it.
public struct TakeInputReport: Hashable, Sendable, Codable {
    /// `first-frame`, `last-frame`, `reference` or `note`.
    public var role: TakeInput.Role
    /// `keyframe S01-02#k2`, `last frame of S01-01#3`, `MAYA's reference`, `a sheet of MAYA's 3`, `note 4's frame`.
    public var text: String
    /// The keyframe or take a frame comes from.
    public var take: String?
    /// The subject a reference locks, by name.
    public var subject: String?
    public var note: Int64?
    /// The picture's files in the media store, where it has them: the keyframe's still, the
    /// take a last frame is of (its video), each reference image of a sheet.
    public var files: [String] = []
    /// Their names in the store (`<sha256>.<ext>`), as the studio's media route serves them.
    public var media: [String] = []
}

extension Studio {
    /// Every take of a shot, newest first, with where each stands.
    public func takes(_ production: Production, shot: ShotID) async throws -> [TakeReport] {
        let board = try await plan(production, save: false)
        guard let current = board.shot(shot) else { throw Studio.noShot(shot, in: board) }
        let builder = try await filmBuilder(production, board: board)
        let auto = try await production.repository.automaticPicks().contains(shot)
        return try await takeReports(production, shot: current, builder: builder,
                                     picked: try await production.repository.picks()[shot]).map { report in
            var report = report
            report.autoPicked = report.picked && auto
            return report
        }
    }

    /// The takes of `shot` as reports, with a plan and builder the caller already has (a
    /// review of every shot plans once, not once per shot).
    /// - Parameter takes: the shot's takes of `kind` when the caller has read them already.
    func takeReports(_ production: Production, shot: Shot, builder: FilmGraphBuilder, picked: TakeID?,
                     kind: TakeKind = .video, takes: [Take]? = nil) async throws -> [TakeReport] {
        let fingerprint = kind == .video ? builder.fingerprint(shot) : builder.keyframeFingerprint(shot)
        var all = takes ?? []
        if takes == nil { all = try await production.repository.takes(of: shot.id, kind: kind) }
        let sources = try await inputSources(all, production: production)
        return all.reversed().map { t in
            TakeReport(take: t.id.rawValue, number: t.number, provider: t.provider.rawValue,
                       model: t.model, state: t.state.name, current: t.fingerprint == fingerprint,
                       picked: picked == t.id, cost: t.output?.cost, attempts: t.attempts,
                       output: t.output.map { production.blobs.url(for: $0.asset).path },
                       media: t.output.map { Studio.mediaName($0.asset) },
                       seconds: t.output?.asset.media?.duration?.seconds, fit: t.fit,
                       generatedSeconds: t.generatedMilliseconds.map { Double($0) / 1000 }, failure: t.failure?.message,
                       failureReason: t.failure?.reason.rawValue, providerJobID: t.providerJobID,
                       createdAt: t.createdAt, verdict: t.verdict, critique: t.critique, notes: t.notes,
                       likeness: t.shows.map { builder.storyboard.subject($0)?.name ?? $0.rawValue },
                       withheld: Studio.withdrawal(in: builder.storyboard, at: builder.now)(t),
                       sound: t.output.map { $0.asset.media?.hasAudio == true },
                       inputs: t.inputs.map { $0.map { inputReport($0, sources: sources, production: production, builder: builder) } })
        }
    }

    /// The keyframes and takes `takes` were made from (their first or last frames), by id.
    private func inputSources(_ takes: [Take], production: Production) async throws -> [TakeID: Take] {
        let wanted = Set(takes.flatMap { $0.inputs ?? [] }.compactMap(\.take))
        var found: [TakeID: Take] = [:]
        var read: Set<String> = []
        for input in takes.flatMap({ $0.inputs ?? [] }) where input.take != nil {
            let (shot, kind) = Take.parts(of: input.take!)
            guard read.insert("\(shot)/\(kind)").inserted else { continue }
            for take in try await production.repository.takes(of: shot, kind: kind) where wanted.contains(take.id) {
                found[take.id] = take
            }
        }
        return found
    }

    /// One recorded picture as the report shows it, with its files where the store has them.
    private func inputReport(_ input: TakeInput, sources: [TakeID: Take], production: Production,
                             builder: FilmGraphBuilder) -> TakeInputReport {
        let name = input.subject.map { builder.storyboard.subject($0)?.name ?? $0.rawValue }
        var files: [URL] = []
        let text: String
        switch input.role {
        case .firstFrame, .lastFrame:
            let id = input.take?.rawValue ?? "?"
            text = input.isKeyframe ? "keyframe \(id)" : "last frame of \(id)"
            if let take = input.take, let output = sources[take]?.output { files = [production.blobs.url(for: output.asset)] }
        case .reference:
            let digests = input.references ?? []
            text = digests.count > 1 ? "a sheet of \(name ?? "?")'s \(digests.count)" : "\(name ?? "?")'s reference"
            // From the cast, or from the store when the image has left the cast since.
            files = digests.compactMap { digest in builder.referenceAssets[digest].map(production.blobs.url(for:)) ?? production.blobs.file(of: digest) }
        case .note:
            text = "note \(input.note.map(String.init) ?? "?")'s frame"
        }
        return TakeInputReport(role: input.role, text: text, take: input.take?.rawValue, subject: name, note: input.note,
                               files: files.map(\.path), media: files.map(\.lastPathComponent))
    }

    /// Makes `number` the take of `shot` the cut uses, or (`kind` keyframe) the keyframe its
    /// remote takes start on.
    public func pick(_ production: Production, shot: ShotID, number: Int, kind: TakeKind = .video) async throws -> TakeID {
        let board = try await plan(production, save: false)
        guard let current = board.shot(shot) else { throw Studio.noShot(shot, in: board) }
        if kind == .keyframe, !FilmGraphBuilder.takesKeyframes(current) {
            throw ReelError(.usage, "\(shot) goes to models as \(current.mode.rawValue): its takes would not start on a keyframe",
                            hint: "set the mode first: `reel shot \(shot) --mode image` (or first-last)")
        }
        let takes = try await production.repository.takes(of: shot, kind: kind)
        let id = Take.id(shot: shot, number: number, kind: kind)
        let (noun, make, list) = kind == .video ? ("take", "reel generate", "reel takes") : ("keyframe", "reel keyframes", "reel shot")
        guard let take = takes.first(where: { $0.id == id }) else {
            let have = takes.map { String($0.number) }.joined(separator: ", ")
            throw ReelError(.notFound, "shot \(shot) has no \(noun) \(number)",
                            hint: takes.isEmpty ? "make one with `\(make) --shots \(shot)`" : "its \(noun)s are \(have); `\(list) \(shot)` shows them")
        }
        guard take.succeeded else {
            throw ReelError(.usage, "\(noun) \(id) is \(take.state.name), not finished", hint: "pick a \(noun) that succeeded; `\(list) \(shot)` shows them")
        }
        try await production.repository.pick(id, for: shot, kind: kind)
        return id
    }

    /// Takes back the pick of `shot` of `kind`: the cut goes back to the newest good take (and
    /// `pick --auto` may pick again), or the shot's remote takes start from the words again.
    /// Returns the take that was picked; nil when none was (nothing changes).
    public func unpick(_ production: Production, shot: ShotID, kind: TakeKind = .video) async throws -> TakeID? {
        let board = try await plan(production, save: false)
        guard board.shot(shot) != nil else { throw Studio.noShot(shot, in: board) }
        return try await production.repository.unpick(shot, kind: kind)
    }
}

/// What `reel pick --auto` did for one shot.
public struct AutoPick: Hashable, Sendable, Codable {
    public var shot: String
    /// The take it picked; nil when it picked none.
    public var picked: String?
    /// Why it picked that take, or none.
    public var reason: String
}

extension Studio {
    /// Picks, for each chosen shot no person picked, the newest take of the shot as it is now
    /// that passed its quality check. A take that failed, or was never checked, is never
    /// picked this way; a person's pick is never replaced.
    public func autoPick(_ production: Production, shots patterns: [String]) async throws -> [AutoPick] {
        let board = try await plan(production, save: false)
        let shots = try Studio.select(board.shots, patterns: patterns)
        let builder = try await filmBuilder(production, board: board)
        let picks = try await production.repository.picks()
        let automatic = try await production.repository.automaticPicks()
        let takes = Dictionary(grouping: try await production.repository.takes(of: nil), by: \.shot)
        var report: [AutoPick] = []
        for shot in shots {
            if let pick = picks[shot.id], !automatic.contains(shot.id) {
                report.append(AutoPick(shot: shot.id.rawValue, picked: nil, reason: "\(pick) was picked by a person"))
                continue
            }
            let fingerprint = builder.fingerprint(shot)
            let finished = (takes[shot.id] ?? []).filter { $0.succeeded && $0.fingerprint == fingerprint }
            // Among the takes that passed: the critic's best (scores together), else the newest.
            let passed = finished.filter { $0.verdict?.passed == true }
            guard let best = passed.max(by: { ($0.critique?.total ?? -1, $0.number) < ($1.critique?.total ?? -1, $1.number) }) else {
                let failed = finished.filter { $0.verdict?.passed == false }.count
                let unchecked = finished.filter { $0.verdict == nil }.count
                let why = finished.isEmpty ? "no finished take of the shot as it is now"
                    : [failed > 0 ? "\(Plural.count(failed, "take")) failed the quality check" : nil,
                       unchecked > 0 ? "\(Plural.count(unchecked, "take")) not checked (run `reel generate --shots \(shot.id)` again to check them)" : nil]
                        .compactMap { $0 }.joined(separator: ", ")
                report.append(AutoPick(shot: shot.id.rawValue, picked: nil, reason: why))
                continue
            }
            try await production.repository.pick(best.id, for: shot.id, kind: .video, auto: true)
            let reason = if let critique = best.critique, passed.count > 1 {
                "the critic's best of \(Plural.count(passed.count, "take")) that passed the check (\(critique.total) of 30)"
            } else {
                "the newest of \(Plural.count(passed.count, "take")) that passed the check"
            }
            report.append(AutoPick(shot: shot.id.rawValue, picked: best.id.rawValue, reason: reason))
        }
        return report
    }
}

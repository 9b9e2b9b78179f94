import Foundation
import ReelModel

/// What a cut is made of, decided from values alone: for each shot, which take it uses (or
/// the animatic), which takes to add or resume first, and what the user should know.
/// `make`, `render` and the timeline decide here; `generate` asks ``resumable(_:)`` and
/// ``missing(_:want:)``. No I/O: what the store holds and how a shot is routed come in as
/// arguments, so every rule has a unit test (FilmPlanTests).
struct FilmPlan: Sendable {
    /// What the plan is for.
    enum Purpose: Sendable {
        /// Cut from the takes there are; the animatic stands in for the others.
        case render
        /// Make a take of the current version of every shot that lacks one, then cut.
        case make
        /// Choose takes for a timeline; nothing is made, a missing take is a marker.
        case export
    }

    /// What the plan reads besides the takes: the store and the routing.
    struct Context {
        /// Whether the file of a finished take is in the media store.
        var isStored: (Asset) -> Bool = { _ in true }
        /// Whether a take whose file is lost can be made or fetched again without a new
        /// payment (a local generator, or a remote job that can be fetched again).
        var canRemake: (Take, NodeOutput) -> Bool = { _, _ in false }
        /// The provider and model for a new take of a shot (`make` only).
        var route: (Shot) -> TakePlan
        /// A new take of a shot, numbered, on a route.
        var newTake: (Shot, Int, TakePlan) -> Take
        /// The project's provider (`auto` lets the router choose).
        var provider: ProviderID
        /// The offline animatic's provider id.
        var animatic: ProviderID
        /// Why a finished take may no longer be shown (it shows a real person whose consent
        /// is no longer in force for its provider), or nil.
        var withdrawn: (Take) -> String? = { _ in nil }
    }

    /// Where each shot's picture comes from; a shot not here gets the animatic.
    var sources: [ShotID: ShotSource] = [:]
    /// The take choice of each shot.
    var choices: [ShotID: TakeChoice] = [:]
    /// `S01-02#3`, or `animatic`, per shot.
    var named: [ShotID: String] = [:]
    /// Takes to record before the run (resumed takes are already recorded).
    var newTakes: [Take] = []
    var warnings: [String] = []
    /// Shots with no take yet, said in one warning after the others.
    private var untaken: [ShotID] = []

    /// Decides every shot of a cut. `takes` holds every take of each shot, any state.
    static func cut(_ shots: [Shot], fingerprints: [ShotID: String], takes: [ShotID: [Take]], picks: [ShotID: TakeID],
                    purpose: Purpose, context: Context) -> FilmPlan {
        var plan = FilmPlan()
        for shot in shots {
            plan.decide(shot, fingerprint: fingerprints[shot.id] ?? "", takes: takes[shot.id] ?? [], pick: picks[shot.id],
                        purpose: purpose, context: context)
        }
        if let first = plan.untaken.first {
            let which = plan.untaken.count == 1 ? "\(first)" : Self.list(plan.untaken)
            plan.warnings.append(purpose == .export ? "\(which): no take yet; the export has a marker there"
                : plan.untaken.count == 1 ? "\(first): no take yet, the animatic stands in (run `reel generate --shots \(first)`)"
                : "\(which): no take yet, the animatic stands in (run `reel generate`: it makes one for each shot that has none)")
        }
        return plan
    }

    /// `S01-01, S01-02, S01-03, S01-04 and 8 more`: a line, however many shots.
    static func list(_ shots: [ShotID]) -> String {
        let shown = shots.prefix(4).map(\.rawValue).joined(separator: ", ")
        return shots.count > 4 ? "\(shown) and \(shots.count - 4) more" : shown
    }

    private mutating func decide(_ shot: Shot, fingerprint: String, takes: [Take], pick: TakeID?, purpose: Purpose,
                                 context: Context) {
        // A take showing someone whose consent was revoked or expired is left out of every cut
        // and export made since, until a new take replaces it.
        var takes = takes
        for (i, take) in takes.enumerated() where take.succeeded && take.provider != context.animatic {
            if let why = context.withdrawn(take) {
                warnings.append("\(shot.id): \(take.id) is left out: \(why)")
                takes[i].state = .failed(JobFailure(.blocked, why))
            }
        }
        let choice = TakeChoice.choose(shot, fingerprint: fingerprint, takes: takes, pick: pick)
        choices[shot.id] = choice
        if purpose == .export {
            if let (take, output) = choice.stored { use(.stored(take, output), for: shot) }
            if let warning = choice.warning(shot) { warnings.append(warning) }
            if choice.stored == nil { untaken.append(shot.id) }
            return
        }
        if let (take, output) = choice.stored, !context.isStored(output.asset) {
            // Its file is gone (removed as damaged): the take's own job makes it again, or
            // fetches it again from the provider's job; never a silent new payment.
            if take.fingerprint == fingerprint, context.canRemake(take, output) {
                use(.take(take), for: shot)
                return
            }
            if purpose == .render {
                named[shot.id] = "animatic"
                warnings.append("\(shot.id): the file of \(take.id) is missing from the media store; the animatic stands in")
                return
            }
        }
        // A take of this version that failed its quality check is shown only when picked, and
        // `make` does not pay for another on its own: that is the user's call.
        let failed = choice.stored == nil || choice.isFallback
            ? takes.filter { $0.fingerprint == fingerprint && $0.succeeded && $0.verdict?.passed == false }.max { $0.number < $1.number }
            : nil
        if let failed {
            warnings.append("\(shot.id): \(failed.id) failed its quality check (\(failed.verdict?.found ?? "")); "
                            + (choice.stored == nil ? "the animatic stands in" : "an earlier version's take stands in")
                            + " — pick it anyway (`reel pick \(shot.id) \(failed.number)`) or make another (`reel generate --shots \(shot.id) "
                            + "--takes \(takes.filter { $0.fingerprint == fingerprint }.count + 1)`)")
        }
        // `make` replaces a take of an earlier version with a new one; `render` uses it.
        if let (take, output) = choice.stored, context.isStored(output.asset), !(purpose == .make && choice.isFallback && failed == nil) {
            use(.stored(take, output), for: shot)
            if let warning = choice.warning(shot) { warnings.append(warning) }
            return
        }
        if failed != nil {
            named[shot.id] = "animatic"
            return
        }
        guard purpose == .make else {
            named[shot.id] = "animatic"
            if context.provider != context.animatic { untaken.append(shot.id) }
            return
        }
        let route = context.route(shot)
        let resumed = Self.resumable(takes.filter { $0.fingerprint == fingerprint && $0.provider == route.provider }).first
        let take = resumed ?? context.newTake(shot, Self.nextNumber(takes), route)
        if route.fallback, context.provider.rawValue != "auto", let reason = route.reasons.first {
            warnings.append("\(shot.id): \(reason)")
        }
        if resumed == nil { newTakes.append(take) }
        use(.take(take), for: shot)
    }

    private mutating func use(_ source: ShotSource, for shot: Shot) {
        sources[shot.id] = source
        switch source {
        case .take(let take), .stored(let take, _): named[shot.id] = take.id.rawValue
        }
    }

    /// The takes among `current` (one shot's, same version and provider) that asking again
    /// resumes instead of paying anew: unfinished ones, and failures trying again may mend.
    static func resumable(_ current: [Take]) -> [Take] { current.filter(\.isResumable) }

    /// How many takes to add so that `current` (one shot's, same version and provider)
    /// holds `want`: takes are added, never replaced, and a take refused for good counts —
    /// but not one whose answer was lost (it may have been paid, so it was not sent again on
    /// its own; asking again is the person's decision to make a new one).
    static func missing(_ current: [Take], want: Int) -> Int {
        max(0, want - current.filter { $0.isResumable || $0.failure?.providerCode != JobFailure.answerLost }.count)
    }

    /// What asking for `want` takes of one shot does, given `all` its takes (of one kind):
    /// the ones of this version on this provider that it resumes, and the numbers of the
    /// ones it adds. Only takes made with every open note (`notes`) count towards `want`:
    /// a note asks for new takes. A take carrying a note since withdrawn (`withdrawn`) counts
    /// for nothing, and is resumed only where it is already on the provider (submitted or
    /// running: polled, not sent again) — never sent with the withdrawn note in its prompt.
    /// `generate` and `keyframes` both ask here.
    static func ask(_ all: [Take], fingerprint: String, provider: ProviderID, want: Int, notes: [Int64] = [],
                    withdrawn: Set<Int64> = []) -> (resumed: [Take], numbers: [Int]) {
        let current = all.filter { $0.fingerprint == fingerprint && $0.provider == provider }
        let carriesWithdrawn = { (take: Take) in !withdrawn.isDisjoint(with: take.notes) }
        let answering = current.filter { Set($0.notes).isSuperset(of: notes) && !carriesWithdrawn($0) }
        let resumed = resumable(current).filter { take in
            guard carriesWithdrawn(take) else { return true }
            switch take.state {
            case .submitted, .running: return true
            default: return false
            }
        }
        let next = nextNumber(all)
        return (resumed, Array(next..<(next + missing(answering, want: want))))
    }

    /// The number of a shot's next take: numbers are never reused.
    static func nextNumber(_ takes: [Take]) -> Int { (takes.map(\.number).max() ?? 0) + 1 }
}

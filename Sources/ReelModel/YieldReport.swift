import Foundation

/// Yield, told truthfully: how many attempts each accepted shot took, what an accepted
/// second of film cost, how many attempts failed their check, and what was spent on takes
/// the cut does not use — for the project, and by scene, provider and model.
///
/// An attempt is a take made by a model (the offline animatic's are free and left out). A
/// shot is accepted when a person picked a take of it, or `pick --auto` picked one that
/// passed its check.
public struct YieldReport: Hashable, Sendable, Codable {
    /// One group's figures.
    public struct Line: Hashable, Sendable, Codable {
        /// `project`, a scene id, a provider id, or `provider/model`.
        public var group: String
        public var attempts: Int
        public var accepted: Int
        /// Attempts per accepted shot: 1.0 is every first take kept; teams see 1.3–1.5.
        public var attemptsPerAccepted: Double?
        /// Attempts whose quality check failed.
        public var failedCheck: Int
        /// What its attempts cost, per currency.
        public var spent: [Money]

        init(group: String, takes: [Take], accepted: Set<TakeID>) {
            self.group = group
            attempts = takes.count
            self.accepted = takes.filter { accepted.contains($0.id) }.count
            attemptsPerAccepted = self.accepted > 0 ? (Double(attempts) / Double(self.accepted) * 100).rounded() / 100 : nil
            failedCheck = takes.filter { $0.verdict?.passed == false }.count
            spent = Money.totals(takes.compactMap { $0.output?.cost })
        }
    }

    public var project: Line
    public var scenes: [Line]
    public var providers: [Line]
    public var models: [Line]
    /// What the accepted takes cost per second of the shots they fill, per currency (each
    /// currency's spend over the seconds of the shots paid in it).
    public var costPerAcceptedSecond: [Money]
    /// Spent on takes the cut does not use: every take of a model but the accepted ones and
    /// the ones the cut shows where nobody picked (the newest good take of a shot).
    public var unused: [Money]

    /// - Parameters:
    ///   - takes: every video take, any state.
    ///   - shots: the storyboard's shots, for scenes and lengths (takes of retired shots count in the totals).
    ///   - picks: each shot's picked take; `automatic`: the shots whose pick `pick --auto` made.
    ///   - local: the providers whose takes are free and not attempts (the animatic).
    ///   - cut: the takes the cut shows now (a pick, else each shot's newest good take): used, if not accepted.
    public init(takes: [Take], shots: [Shot], picks: [ShotID: TakeID], automatic: Set<ShotID>, local: Set<ProviderID>,
                cut: Set<TakeID> = []) {
        let attempts = takes.filter { !local.contains($0.provider) && $0.state.isUnfinished == false && $0.state != .cancelled }
        let byID = Dictionary(attempts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let accepted = Set(picks.compactMap { shot, id -> TakeID? in
            guard let take = byID[id], take.succeeded else { return nil }
            return automatic.contains(shot) && take.verdict?.passed != true ? nil : id
        })
        let scene = Dictionary(shots.map { ($0.id, $0.scene.rawValue) }, uniquingKeysWith: { a, _ in a })
        func lines(_ key: (Take) -> String) -> [Line] {
            Dictionary(grouping: attempts, by: key).map { Line(group: $0.key, takes: $0.value, accepted: accepted) }
                .sorted { $0.group < $1.group }
        }
        project = Line(group: "project", takes: attempts, accepted: accepted)
        scenes = lines { scene[$0.shot] ?? "retired" }
        providers = lines { $0.provider.rawValue }
        models = lines { "\($0.provider)/\($0.model)" }
        // Per currency: what the accepted takes paid in it, over the seconds of the shots they fill
        // (a pick of a shot no longer in the storyboard fills none, and counts as unused).
        let length = Dictionary(shots.map { ($0.id, $0.duration.seconds) }, uniquingKeysWith: { a, _ in a })
        let kept = accepted.compactMap { byID[$0] }.filter { length[$0.shot] != nil }
        var perCurrency: [String: (micros: Int64, seconds: Double)] = [:]
        for take in kept {
            guard let cost = take.output?.cost else { continue }
            perCurrency[cost.currency, default: (0, 0)].micros += cost.micros
            perCurrency[cost.currency, default: (0, 0)].seconds += length[take.shot] ?? 0
        }
        costPerAcceptedSecond = perCurrency.filter { $0.value.seconds > 0 }.sorted { $0.key < $1.key }
            .map { Money(micros: Int64((Double($0.value.micros) / $0.value.seconds).rounded()), currency: $0.key) }
        let used = Set(kept.map(\.id)).union(cut.filter { byID[$0].map { length[$0.shot] != nil } ?? false })
        unused = Money.totals(attempts.filter { !used.contains($0.id) }.compactMap { $0.output?.cost })
    }
}

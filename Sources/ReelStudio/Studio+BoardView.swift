import Foundation
import ReelEngine
import ReelModel
import ReelStore

/// The storyboard as the web studio's grid shows it, in one answer: scenes as rows, a card
/// per shot with its framing, first line, what it has been given and made so far, and the
/// still or clip to show for it. A 200-shot board is one plan and three queries.
public struct BoardView: Sendable, Codable, Hashable {
    /// One shot's card.
    public struct Card: Sendable, Codable, Hashable {
        public var id: String
        public var size: String
        public var move: String
        public var seconds: Double
        public var mode: String
        /// Who is in frame, by name.
        public var subjects: [String]
        /// `MAYA: Hold the train!`, the first line spoken over it.
        public var line: String?
        public var action: String
        /// `no-take`, `generating`, `ready`, `failed` or `picked`.
        public var state: String
        /// Finished video takes, and keyframe candidates.
        public var takes: Int
        public var keyframes: Int
        /// The take the cut uses (`S01-02#3`), when one is picked.
        public var picked: String?
        /// What to show: the clip of the take the cut uses, else the picked keyframe (or the
        /// newest candidate) — media names, `<sha256>.<ext>`, under the project's media route.
        public var still: String?
        public var clip: String?
        /// What its finished takes and keyframes cost.
        public var spent: [Money]
        /// The version takes are made from (a stale edit is refused against it).
        public var version: String
    }

    /// One scene's row.
    public struct Row: Sendable, Codable, Hashable {
        public var id: String
        public var heading: String
        public var cards: [Card]
    }

    public var title: String
    public var language: Language
    /// `9:16`, `16:9` or `1:1`.
    public var aspect: String
    public var width: Int
    public var height: Int
    public var seconds: Double
    public var rows: [Row]
    public var spent: [Money]
    public var budgetCap: Money?
}

extension Studio {
    /// The board of a production for the web studio's grid.
    public func boardView(_ production: Production) async throws -> BoardView {
        let board = try await plan(production, save: false)
        let builder = try await filmBuilder(production, board: board)
        let takes = Dictionary(grouping: try await production.repository.takes(of: nil), by: \.shot)
        let stills = Dictionary(grouping: try await production.repository.takes(of: nil, kind: .keyframe), by: \.shot)
        let picks = try await production.repository.picks()
        let fingerprints = Dictionary(uniqueKeysWithValues: board.shots.map { ($0.id, builder.fingerprint($0)) })
        var rows: [BoardView.Row] = []
        for scene in board.scenes {
            let cards = board.shots.filter { $0.scene == scene.id }.map { shot -> BoardView.Card in
                let all = takes[shot.id] ?? []
                let choice = TakeChoice.choose(shot, fingerprint: fingerprints[shot.id] ?? "", takes: all, pick: picks[shot.id])
                let state: String = if picks[shot.id] != nil, let (take, _) = choice.stored {
                        take.verdict?.passed == false ? "qc-failed" : "picked"
                    }
                    else if all.contains(where: { $0.state.isUnfinished && $0.state != .requested }) { "generating" }
                    else if choice.stored != nil { "ready" }
                    else if all.contains(where: { $0.verdict?.passed == false }) { "qc-failed" }
                    else if all.contains(where: { $0.failure != nil }) { "failed" }
                    else { "no-take" }
                let keyframe = builder.keyframes[shot.id]
                let first = shot.dialogue.first.map { "\(board.subject($0.speaker)?.name ?? $0.speaker.rawValue): \($0.text)" }
                return BoardView.Card(
                    id: shot.id.rawValue, size: shot.size.rawValue, move: shot.move.rawValue, seconds: shot.duration.seconds,
                    mode: shot.mode.rawValue, subjects: shot.subjects.map { board.subject($0)?.name ?? $0.rawValue },
                    line: first, action: shot.action, state: state, takes: all.filter(\.succeeded).count,
                    keyframes: (stills[shot.id] ?? []).filter(\.succeeded).count, picked: picks[shot.id]?.rawValue,
                    still: (keyframe?.output ?? (stills[shot.id] ?? []).last(where: \.succeeded)?.output).map { Self.mediaName($0.asset) },
                    clip: choice.stored.map { Self.mediaName($0.output.asset) },
                    spent: Money.totals((all + (stills[shot.id] ?? [])).compactMap { $0.output?.cost }),
                    version: fingerprints[shot.id] ?? "")
            }
            rows.append(BoardView.Row(id: scene.id.rawValue, heading: scene.heading, cards: cards))
        }
        return BoardView(title: board.title, language: board.language, aspect: board.format.aspect.rawValue,
                         width: board.format.width, height: board.format.height, seconds: board.duration.seconds,
                         rows: rows, spent: try await production.repository.spent(), budgetCap: production.config.budgetCap)
    }

    /// `<sha256>.<ext>`: how the studio names a file of the media store.
    public static func mediaName(_ asset: Asset) -> String {
        "\(asset.digest.rawValue).\(asset.fileExtension)"
    }
}

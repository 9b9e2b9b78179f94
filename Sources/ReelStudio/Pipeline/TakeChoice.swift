import Foundation
import ReelEngine
import ReelModel

/// Which take of a shot goes into the cut. The render and the exports both ask here, so
/// an exported timeline always shows the takes the film shows.
///
/// In order: the picked take (even one made from an earlier version of the shot, or one
/// its quality check failed), else the newest good take of the shot as it is now, else the
/// newest good take of an earlier version, else none (the render puts the animatic in; the
/// exports a marker). A good take succeeded and did not fail its check: a failed take is
/// never chosen without a person picking it.
enum TakeChoice: Sendable {
    case picked(Take, NodeOutput, outdated: Bool)
    case current(Take, NodeOutput)
    case older(Take, NodeOutput)
    case none

    /// Chooses among `takes` (every take of `shot`, any state) given the shot's
    /// `fingerprint` now and its pick.
    static func choose(_ shot: Shot, fingerprint: String, takes: [Take], pick: TakeID?) -> TakeChoice {
        if let pick, let picked = takes.first(where: { $0.id == pick }), let output = picked.output {
            return .picked(picked, output, outdated: picked.fingerprint != fingerprint)
        }
        let good = takes.filter(\.usable).sorted { $0.number > $1.number }
        if let take = good.first(where: { $0.fingerprint == fingerprint }), let output = take.output {
            return .current(take, output)
        }
        if let take = good.first, let output = take.output { return .older(take, output) }
        return .none
    }

    /// The take and its file, when there is one.
    var stored: (take: Take, output: NodeOutput)? {
        switch self {
        case .picked(let t, let o, _), .current(let t, let o), .older(let t, let o): (t, o)
        case .none: nil
        }
    }

    /// True for a take of an earlier version chosen only because there is nothing better.
    var isFallback: Bool { if case .older = self { true } else { false } }

    /// What the user should know about this choice, if anything.
    func warning(_ shot: Shot) -> String? {
        switch self {
        case .picked(let take, _, outdated: true):
            "\(shot.id): the picked take \(take.id) was made from an earlier version of the shot"
        case .picked(let take, _, _) where take.verdict?.passed == false:
            "\(shot.id): the picked take \(take.id) failed its quality check (\(take.verdict?.found ?? ""))"
        case .older(let take, _): "\(shot.id): using \(take.id), made from an earlier version of the shot"
        default: nil
        }
    }
}

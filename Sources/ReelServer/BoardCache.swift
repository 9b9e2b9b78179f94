import Foundation
import ReelStudio

/// The storyboard grid each project last answered, with the change token it was made at
/// (``Studio/changeToken(_:)``: the project's database, its script and reel.yaml). Many
/// browsers ask for the same grid — every one of them after each change the live view
/// announces — and planning it again costs tens of milliseconds on a few hundred shots; while
/// nothing has changed they get the grid as it was made. An answer is kept a few seconds at
/// most, so what moves with the clock alone (a consent that ends) is seen soon.
actor BoardCache {
    private var boards: [String: (token: String, made: ContinuousClock.Instant, view: BoardView)] = [:]
    private let clock = ContinuousClock()
    /// How long an answer is kept while nothing changes.
    let keep: Duration

    init(keep: Duration = .seconds(5)) { self.keep = keep }

    /// The project's grid at `token`: kept, or made by `make` and kept.
    func board(_ project: String, token: String, make: () async throws -> BoardView) async throws -> BoardView {
        if let kept = boards[project], kept.token == token, clock.now - kept.made < keep { return kept.view }
        let made = clock.now
        let view = try await make()
        boards[project] = (token, made, view)
        return view
    }
}

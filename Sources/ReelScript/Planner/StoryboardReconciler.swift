import Foundation
import ReelModel

/// Keeps shot ids stable when a script is planned again.
///
/// Scenes are matched by heading, in order (or, with the heading edited, by their shots);
/// within a matched scene, shots are matched by
/// what they show and say (an alignment, so an inserted or deleted shot moves nothing
/// else). A matched shot keeps its old id, and with it its takes, its pick and the user's
/// edits (kept apart as ``ShotEdit``s and applied after this). A new shot gets an insert id after its neighbour,
/// the way productions number inserts: `S03-04A`, `S03-04B`. A new scene gets `2A` after
/// scene 2. Ids the project ever used are never given to a different shot.
public enum StoryboardReconciler {
    public static func reconcile(previous: Storyboard?, next: Storyboard, used: Set<ShotID> = []) -> Storyboard {
        guard let previous else { return next }
        var result = next
        var taken = used.union(previous.shots.map(\.id))
        var sceneIDs = Set(previous.scenes.map(\.id))
        var newShots: [Shot] = []
        var oldSceneCursor = 0
        var lastScene: SceneID?
        for scene in next.scenes {
            let shots = next.shots.filter { $0.scene == scene.id }
            // The next old scene with the same heading, not before the last one matched.
            var match = previous.scenes.indices.dropFirst(oldSceneCursor).first { previous.scenes[$0].heading == scene.heading }
            // The scene where the cursor is, with its heading edited, wins over a later scene
            // that happens to have the new heading ("move scene 1 to dawn" when scene 3 is at dawn).
            if match == nil || match! > oldSceneCursor,
               let edited = editedHeading(previous: previous, at: oldSceneCursor, next: next, shots: shots) {
                match = edited
            }
            var sceneID: SceneID
            var oldShots: [Shot] = []
            if let match {
                oldSceneCursor = match + 1
                sceneID = previous.scenes[match].id
                oldShots = previous.shots.filter { $0.scene == sceneID }
            } else if !sceneIDs.contains(scene.id) {
                sceneID = scene.id
            } else {
                sceneID = nextInsert(after: (lastScene ?? SceneID("0")).rawValue, taken: sceneIDs.map(\.rawValue)).map { SceneID($0) }
                    ?? scene.id
            }
            sceneIDs.insert(sceneID)
            lastScene = sceneID
            if let i = result.scenes.firstIndex(where: { $0.id == scene.id && $0.line == scene.line }) {
                result.scenes[i].id = sceneID
            }
            var pairs = align(oldShots.map(matchKey), shots.map(matchKey))
            pairEdits(&pairs, old: oldShots, new: shots)
            var previousID: ShotID?
            for (j, var shot) in shots.enumerated() {
                shot.scene = sceneID
                if let i = pairs[j] {
                    let old = oldShots[i]
                    shot.id = old.id
                } else if match == nil && !taken.contains(freshID(sceneID, j + 1)) {
                    shot.id = freshID(sceneID, j + 1)
                } else {
                    let base = previousID?.rawValue ?? "S\(sceneID.shotLabel)-00"
                    shot.id = ShotID(nextInsert(after: base, taken: taken.map(\.rawValue)) ?? base + "X")
                }
                taken.insert(shot.id)
                previousID = shot.id
                newShots.append(shot)
            }
        }
        result.shots = newShots
        return result
    }

    /// The old scene at `cursor` when the new scene is it with its heading edited (`NIGHT` →
    /// `DAWN`, a place renamed): no new scene has the old heading, and at least half of the
    /// shots are the same. Its shots then keep their ids, as any edited scene's do.
    static func editedHeading(previous: Storyboard, at cursor: Int, next: Storyboard, shots: [Shot]) -> Int? {
        guard cursor < previous.scenes.count else { return nil }
        let old = previous.scenes[cursor]
        guard !next.scenes.contains(where: { $0.heading == old.heading }) else { return nil }
        let oldKeys = previous.shots.filter { $0.scene == old.id }.map(matchKey)
        let common = align(oldKeys, shots.map(matchKey)).compactMap { $0 }.count
        return common > 0 && common * 2 >= max(oldKeys.count, shots.count) ? cursor : nil
    }

    /// What makes two shots "the same shot": what it shows and what is said, not how the
    /// planner framed or timed it.
    static func matchKey(_ shot: Shot) -> String {
        ([shot.purpose.rawValue, shot.action] + shot.dialogue.map { "\($0.speaker.rawValue): \($0.text)" })
            .joined(separator: "\u{1F}")
    }

    /// Between two aligned shots, an old and a new shot in the same place with the same
    /// purpose and speakers are one shot edited, not one deleted and another inserted: the
    /// edited shot keeps its id (and its takes, now of an earlier version).
    static func pairEdits(_ pairs: inout [Int?], old: [Shot], new: [Shot]) {
        var oldStart = 0
        var newStart = 0
        func pairGap(oldEnd: Int, newEnd: Int) {
            var i = oldStart
            for j in newStart..<newEnd where pairs[j] == nil {
                guard i < oldEnd else { return }
                if sameKind(old[i], new[j]) {
                    pairs[j] = i
                    i += 1
                }
            }
        }
        for (j, match) in pairs.enumerated() {
            guard let i = match else { continue }
            pairGap(oldEnd: i, newEnd: j)
            oldStart = i + 1
            newStart = j + 1
        }
        pairGap(oldEnd: old.count, newEnd: new.count)
    }

    static func sameKind(_ a: Shot, _ b: Shot) -> Bool {
        a.purpose == b.purpose && a.dialogue.map(\.speaker) == b.dialogue.map(\.speaker)
    }

    /// For each new item, the old item it matches (a longest common subsequence).
    static func align(_ old: [String], _ new: [String]) -> [Int?] {
        let n = old.count, m = new.count
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var pairs = [Int?](repeating: nil, count: m)
        var i = 0, j = 0
        while i < n && j < m {
            if old[i] == new[j] {
                pairs[j] = i
                i += 1
                j += 1
            } else if table[i + 1][j] >= table[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return pairs
    }

    static func freshID(_ scene: SceneID, _ index: Int) -> ShotID {
        ShotID("S\(scene.shotLabel)-\(index < 10 ? "0" : "")\(index)")
    }

    /// `base` + the first letter A…Z not yet taken (after the letter `base` already ends with).
    static func nextInsert(after base: String, taken: [String]) -> String? {
        let used = Set(taken)
        var stem = base
        var start = Character("A")
        if let last = base.last, last.isLetter, last.isUppercase, base.count > 1,
           let prev = base.dropLast().last, prev.isNumber {
            stem = String(base.dropLast())
            start = Character(UnicodeScalar(last.unicodeScalars.first!.value + 1)!)
        }
        var scalar = start.unicodeScalars.first!.value
        while scalar <= 90 {
            let candidate = stem + String(Character(UnicodeScalar(scalar)!))
            if !used.contains(candidate) { return candidate }
            scalar += 1
        }
        return nil
    }
}

import Foundation

/// Voice-leading for the pad: each chord is voiced to move as little as possible from
/// the last one, the way an arranger writes for a string section.
///
/// Candidates are the close-position inversions of the chord (and for four-note chords
/// their drop-2 spreads) inside the register; the winner minimises the total distance
/// the voices travel, plus a pull back towards the middle of the register (so a long cue
/// never drifts up or down the keyboard) and a spacing cost that avoids semitone rubs,
/// muddy seconds low down and holes between voices.
enum MusicVoicing {
    /// MIDI notes for `pitchClasses` (root first), sorted ascending.
    static func voice(
        _ pitchClasses: [Int], after previous: [Int]?, center: Int, low: Int, high: Int
    ) -> [Int] {
        var best: [Int] = []
        var bestCost = Double.infinity
        for candidate in candidates(pitchClasses, low: low, high: high) {
            let cost = motion(from: previous, to: candidate) + centerPull(candidate, center: center)
                + spacing(candidate)
            if cost < bestCost {
                best = candidate
                bestCost = cost
            }
        }
        return best.isEmpty ? fallback(pitchClasses, center: center) : best
    }

    /// Every close and drop-2 voicing whose notes lie in low...high.
    static func candidates(_ pitchClasses: [Int], low: Int, high: Int) -> [[Int]] {
        var result: [[Int]] = []
        let count = pitchClasses.count
        for rotation in 0..<count {
            let order = (0..<count).map { pitchClasses[($0 + rotation) % count] }
            var bottom = low + ((order[0] - low) % 12 + 12) % 12
            while bottom <= high {
                var notes = [bottom]
                for pc in order.dropFirst() {
                    let last = notes[notes.count - 1]
                    notes.append(last + 1 + ((pc - last - 1) % 12 + 12) % 12)
                }
                if notes.last! <= high { result.append(notes) }
                if count == 4 {
                    var drop2 = notes
                    drop2[2] -= 12
                    drop2.sort()
                    if drop2[0] >= low { result.append(drop2) }
                }
                bottom += 12
            }
        }
        return result
    }

    /// Total semitones travelled: voice by voice when the counts match, otherwise each
    /// note to its nearest neighbour in the other chord.
    static func motion(from previous: [Int]?, to next: [Int]) -> Double {
        guard let previous, !previous.isEmpty else { return 0 }
        if previous.count == next.count {
            return Double(zip(previous, next).reduce(0) { $0 + abs($1.0 - $1.1) })
        }
        let forward = next.reduce(0) { sum, n in sum + previous.map { abs($0 - n) }.min()! }
        let backward = previous.reduce(0) { sum, p in sum + next.map { abs($0 - p) }.min()! }
        return Double(forward + backward) / 2
    }

    private static func centerPull(_ notes: [Int], center: Int) -> Double {
        let mean = Double(notes.reduce(0, +)) / Double(notes.count)
        return 0.6 * abs(mean - Double(center))
    }

    /// Arranger's rules of thumb as a cost: a minor second between neighbouring voices
    /// rubs, a second below F3 is mud, a gap wider than a sixth leaves a hole.
    static func spacing(_ notes: [Int]) -> Double {
        var cost = 0.0
        for (low, high) in zip(notes, notes.dropFirst()) {
            let gap = high - low
            if gap == 1 { cost += 3 }
            if gap == 2 && low < 53 { cost += 1.5 }
            if gap > 9 { cost += Double(gap - 9) * 0.6 }
        }
        return cost
    }

    private static func fallback(_ pitchClasses: [Int], center: Int) -> [Int] {
        pitchClasses.map { center - 6 + ((($0 - (center - 6)) % 12) + 12) % 12 }.sorted()
    }
}

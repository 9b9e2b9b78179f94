import Foundation
import ReelModel

extension ClipCheck {
    /// Black, frozen, flashing, flickering, cut and boxed pictures. A stretch already
    /// explained (black, flicker, a flash) is not reported again as something else.
    static func pictureProblems(_ m: ClipMeasurements, length: Double) -> [ClipProblem] {
        let frames = m.frames
        var problems: [ClipProblem] = []
        // blackdetect ends a stretch that lasts to the end at the last frame's start.
        let lastFrame = frames.last?.time ?? length
        let black = m.black.map { ($0.start, min(length, $0.end.map { $0 >= lastFrame - 0.001 ? length : $0 } ?? length)) }
        for (start, end) in black {
            let inside = frames.filter { $0.time >= start && $0.time < end }.map(\.luma)
            let luma = inside.isEmpty ? 0 : inside.reduce(0, +) / Double(inside.count)
            problems.append(ClipProblem(kind: .black, range: .between(start, end), measure: luma, unit: .luma,
                                        summary: String(format: "the picture is black (mean luma %.0f)", luma)))
        }
        func overlap(_ a: (Double, Double), _ spans: [(Double, Double)]) -> Double {
            spans.reduce(0) { $0 + max(0, min(a.1, $1.1) - max(a.0, $1.0)) }
        }
        var frozen: [(Double, Double)] = []
        for span in m.frozen {
            let range = (span.start, min(length, span.end ?? length))
            guard range.1 > range.0, overlap(range, black) < (range.1 - range.0) / 2 else { continue }
            frozen.append(range)
            problems.append(ClipProblem(kind: .frozen, range: .between(range.0, range.1), measure: range.1 - range.0,
                                        unit: .seconds, summary: String(format: "the picture is frozen for %.2f s", range.1 - range.0)))
        }
        let flicker = flickerRanges(frames)
        for (first, last, step) in flicker {
            problems.append(ClipProblem(kind: .flicker, range: span(frames, first, last, length), measure: step, unit: .luma,
                                        summary: String(format: "the brightness flickers (%.0f between frames)", step)))
        }
        // Frames already explained: flicker, and black or frozen stretches with a frame either side.
        var explained = Set(flicker.flatMap { Array(max(0, $0.0 - 2)...($0.1 + 2)) })
        for (i, f) in frames.enumerated() {
            let near = (black + frozen).contains { f.time >= $0.0 - 0.1 && f.time <= $0.1 + 0.1 }
            if near { explained.insert(i) }
        }
        let flashes = flashRanges(frames).filter { !explained.contains($0.0) }
        for (first, last, jump) in flashes {
            problems.append(ClipProblem(kind: .flash, range: span(frames, first, last, length), measure: jump, unit: .luma,
                                        summary: String(format: "a flash: the brightness jumps by %.0f for %d frame%@", jump,
                                                        last - first + 1, last == first ? "" : "s")))
            explained.formUnion(max(0, first - 2)...(last + 2))
        }
        for (i, f) in frames.enumerated() where i > 0 && !explained.contains(i) {
            if f.sceneScore >= cutScore {
                problems.append(ClipProblem(kind: .cut, range: span(frames, i, i, length), measure: f.sceneScore, unit: .score,
                                            summary: String(format: "a cut inside the shot (scene score %.1f)", f.sceneScore)))
            } else if let jump = colourJump(frames, at: i) {
                problems.append(ClipProblem(kind: .cut, range: span(frames, i, i, length), measure: jump, unit: .score,
                                            summary: String(format: "a cut inside the shot (the colour jumps by %.0f)", jump)))
            }
        }
        problems += barProblems(m.boxes, length: length)
        return problems
    }

    /// How far the mean colour jumps into frame `i`, when it jumps by `colourCut` or more,
    /// stays there for the next three frames, and is not the colour of a few frames before
    /// (a flash of colour that comes back is no cut, going nor coming back).
    static func colourJump(_ frames: [ClipMeasurements.Frame], at i: Int) -> Double? {
        func distance(_ a: ClipMeasurements.Frame, _ b: ClipMeasurements.Frame) -> Double { hypot(a.u - b.u, a.v - b.v) }
        let jump = distance(frames[i], frames[i - 1])
        guard jump >= colourCut, distance(frames[i], frames[max(0, i - flashFrames - 1)]) >= colourCut else { return nil }
        let after = frames[(i + 1)..<min(frames.count, i + 4)]
        return after.allSatisfy { distance($0, frames[i]) < colourCut / 3 } ? jump : nil
    }

    /// The time from frame `first` to the end of frame `last`.
    static func span(_ frames: [ClipMeasurements.Frame], _ first: Int, _ last: Int, _ length: Double) -> TimeRange {
        .between(frames[first].time, last + 1 < frames.count ? frames[last + 1].time : length)
    }

    /// Frames `first...last` that jump away from the luma before them and come back:
    /// `(first, last, largest jump)`.
    static func flashRanges(_ frames: [ClipMeasurements.Frame]) -> [(Int, Int, Double)] {
        var found: [(Int, Int, Double)] = []
        var i = 1
        while i < frames.count {
            let base = frames[i - 1].luma
            guard abs(frames[i].luma - base) >= flashJump else { i += 1; continue }
            var j = i
            while j + 1 < frames.count, j - i + 1 < flashFrames, abs(frames[j + 1].luma - base) >= flashJump / 2 { j += 1 }
            if j + 1 < frames.count, abs(frames[j + 1].luma - base) < flashJump / 2 {
                let jump = frames[i...j].map { abs($0.luma - base) }.max() ?? 0
                found.append((i, j, jump))
                i = j + 2
            } else {
                i = j + 1
            }
        }
        return found
    }

    /// Stretches where the luma turns between rising and falling at least `flickerTurns`
    /// times within a second: `(first frame, last frame, mean step)`.
    static func flickerRanges(_ frames: [ClipMeasurements.Frame]) -> [(Int, Int, Double)] {
        var steps: [(index: Int, delta: Double)] = []
        for i in frames.indices.dropFirst() {
            let d = frames[i].luma - frames[i - 1].luma
            if abs(d) >= flickerStep { steps.append((i, d)) }
        }
        var turns: [Int] = []
        for k in steps.indices.dropFirst() where (steps[k].delta > 0) != (steps[k - 1].delta > 0) {
            turns.append(steps[k].index)
        }
        var ranges: [(Int, Int)] = []
        for (n, start) in turns.enumerated() {
            let window = turns[n...].prefix { frames[$0].time - frames[start].time <= 1.0 }
            guard window.count >= flickerTurns, let last = window.last else { continue }
            if let previous = ranges.last, previous.1 >= start - 1 {
                ranges[ranges.count - 1].1 = max(previous.1, last)
            } else {
                ranges.append((max(0, start - 1), last))
            }
        }
        return ranges.map { range in
            let inside = steps.filter { $0.index >= range.0 && $0.index <= range.1 }.map { abs($0.delta) }
            return (range.0, range.1, inside.reduce(0, +) / Double(max(1, inside.count)))
        }
    }

    /// Letterbox and pillarbox bars: the median margins over every frame with a picture.
    static func barProblems(_ boxes: [ClipMeasurements.Box], length: Double) -> [ClipProblem] {
        guard !boxes.isEmpty else { return [] }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let top = median(boxes.map(\.top)), bottom = median(boxes.map { 1 - $0.bottom })
        let left = median(boxes.map(\.left)), right = median(boxes.map { 1 - $0.right })
        var problems: [ClipProblem] = []
        let whole = TimeRange.between(0, length)
        if top >= barShare, bottom >= barShare {
            let share = (top + bottom) * 100
            problems.append(ClipProblem(kind: .letterbox, range: whole, measure: share, unit: .percent,
                                        summary: String(format: "black bars above and below take %.0f%% of the height", share)))
        }
        if left >= barShare, right >= barShare {
            let share = (left + right) * 100
            problems.append(ClipProblem(kind: .pillarbox, range: whole, measure: share, unit: .percent,
                                        summary: String(format: "black bars left and right take %.0f%% of the width", share)))
        }
        return problems
    }
}

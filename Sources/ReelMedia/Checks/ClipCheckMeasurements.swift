import Foundation
import ReelModel

/// What one decode pass of ``ClipCheck/arguments(for:)`` measured, read from ffmpeg's
/// output: per frame on stdout (the `metadata` filter), events and summaries on stderr.
public struct ClipMeasurements: Hashable, Sendable {
    /// One decoded frame, measured on the small analysis picture.
    public struct Frame: Hashable, Sendable {
        public var time: Double
        /// Mean luma, 0–255 (`signalstats`).
        public var luma: Double
        /// Scene-change score against the previous frame, 0–100 (`scdet`).
        public var sceneScore: Double
        /// Mean chroma, 0–255 each (`signalstats` UAVG, VAVG): a cut between two pictures of
        /// the same brightness shows here when the scene score hardly moves.
        public var u: Double = 128
        public var v: Double = 128

        public init(time: Double, luma: Double, sceneScore: Double, u: Double = 128, v: Double = 128) {
            self.time = time
            self.luma = luma
            self.sceneScore = sceneScore
            self.u = u
            self.v = v
        }
    }

    /// The box around everything that is not black in one frame (`cropdetect`), in
    /// shares of the picture: 0 at the top/left edge, 1 at the bottom/right.
    public struct Box: Hashable, Sendable {
        public var left: Double, right: Double, top: Double, bottom: Double

        public init(left: Double, right: Double, top: Double, bottom: Double) {
            (self.left, self.right, self.top, self.bottom) = (left, right, top, bottom)
        }
    }

    /// A stretch of time in seconds; `end` is nil when it lasts to the end of the clip.
    public struct Span: Hashable, Sendable {
        public var start: Double
        public var end: Double?

        public init(start: Double, end: Double?) {
            self.start = start
            self.end = end
        }
    }

    public var frames: [Frame] = []
    public var boxes: [Box] = []
    public var black: [Span] = []
    public var frozen: [Span] = []
    public var silence: [Span] = []
    public var loudness: LoudnessMeasurement?
    /// The pixel aspect ratio of the video stream (`SAR 4:3` is `[4, 3]`), when ffmpeg shows one.
    public var pixelAspect: [Int]?

    public init() {}

    /// Reads the pass's output: `stdout` holds the `metadata` filter's frames, `stderr`
    /// the stream list and the filters' log lines.
    public static func parse(stdout: String, stderr: String) -> ClipMeasurements {
        var m = ClipMeasurements()
        m.frames = frames(stdout)
        for line in stderr.split(separator: "\n") {
            if line.contains("cropdetect"), let box = box(line) {
                m.boxes.append(box)
            } else if line.contains("black_start:") {
                let start = number(after: "black_start:", in: line) ?? 0
                m.black.append(Span(start: start, end: number(after: "black_end:", in: line)))
            } else if line.contains("freezedetect.freeze_start:") {
                m.frozen.append(Span(start: number(after: "freeze_start:", in: line) ?? 0, end: nil))
            } else if line.contains("freezedetect.freeze_end:"), !m.frozen.isEmpty {
                m.frozen[m.frozen.count - 1].end = number(after: "freeze_end:", in: line)
            } else if line.contains("silence_start:") {
                m.silence.append(Span(start: max(0, number(after: "silence_start:", in: line) ?? 0), end: nil))
            } else if line.contains("silence_end:"), !m.silence.isEmpty {
                m.silence[m.silence.count - 1].end = number(after: "silence_end:", in: line)
            } else if m.pixelAspect == nil, line.contains("Video:"), let sar = sampleAspect(line) {
                m.pixelAspect = sar
            }
        }
        m.loudness = LoudnessMeasurement.parse(ebur128: stderr)
        return m
    }

    /// `frame:0 pts:0 pts_time:0` then `lavfi.signalstats.YAVG=121.7`, `lavfi.scd.score=0.4`.
    static func frames(_ text: String) -> [Frame] {
        var frames: [Frame] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("frame:") {
                frames.append(Frame(time: number(after: "pts_time:", in: line) ?? frames.last?.time ?? 0, luma: 0, sceneScore: 0))
            } else if !frames.isEmpty, let eq = line.firstIndex(of: "=") {
                let value = Double(line[line.index(after: eq)...]) ?? 0
                switch line[..<eq] {
                case "lavfi.signalstats.YAVG": frames[frames.count - 1].luma = value
                case "lavfi.signalstats.UAVG": frames[frames.count - 1].u = value
                case "lavfi.signalstats.VAVG": frames[frames.count - 1].v = value
                case "lavfi.scd.score": frames[frames.count - 1].sceneScore = value
                default: continue
                }
            }
        }
        return frames
    }

    /// `x1:0 x2:159 y1:20 y2:139 w:160 h:120 …`, as shares of the analysis picture.
    static func box(_ line: Substring) -> Box? {
        let size = Double(ClipCheck.analysisSide)
        guard let x1 = number(after: "x1:", in: line), let x2 = number(after: "x2:", in: line),
              let y1 = number(after: "y1:", in: line), let y2 = number(after: "y2:", in: line),
              x2 >= x1, y2 >= y1 else { return nil }
        return Box(left: x1 / size, right: (x2 + 1) / size, top: y1 / size, bottom: (y2 + 1) / size)
    }

    /// `[SAR 4:3 DAR 3:4]` on the input's video stream line.
    static func sampleAspect(_ line: Substring) -> [Int]? {
        guard let r = line.range(of: #"\[SAR [0-9]+:[0-9]+"#, options: .regularExpression) else { return nil }
        let parts = line[r].dropFirst("[SAR ".count).split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] > 0 else { return nil }
        return parts
    }

    /// The number after `label` (spaces allowed between).
    static func number(after label: String, in line: Substring) -> Double? {
        guard let r = line.range(of: label) else { return nil }
        let rest = line[r.upperBound...].drop(while: { $0 == " " })
        let digits = rest.prefix(while: { $0.isNumber || $0 == "." || $0 == "-" || $0 == "e" || $0 == "+" })
        return Double(digits)
    }
}

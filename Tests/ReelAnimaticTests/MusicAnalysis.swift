import Foundation
@testable import ReelAnimatic
@testable import ReelMedia

/// Measurements of rendered music, so the tests can “listen” by numbers.
struct MusicAnalysis {
    let left: [Double]
    let right: [Double]
    let sampleRate: Int

    init(_ pcm: [Int16], sampleRate: Int = 48_000) {
        var l: [Double] = [], r: [Double] = []
        l.reserveCapacity(pcm.count / 2)
        r.reserveCapacity(pcm.count / 2)
        var i = 0
        while i + 1 < pcm.count {
            l.append(Double(pcm[i]) / 32_768)
            r.append(Double(pcm[i + 1]) / 32_768)
            i += 2
        }
        left = l
        right = r
        self.sampleRate = sampleRate
    }

    var frames: Int { left.count }
    var mono: [Double] { zip(left, right).map { ($0 + $1) / 2 } }

    static func dB(_ amplitude: Double) -> Double { 20 * log10(max(amplitude, 1e-12)) }

    /// RMS of both channels over `range` (all frames by default), as dBFS where a
    /// full-scale square wave is 0 dB (a full-scale sine is -3 dB, as ffmpeg's astats).
    func rmsDB(_ range: Range<Int>? = nil) -> Double {
        let r = range ?? 0..<frames
        guard !r.isEmpty else { return -240 }
        var power = 0.0
        for i in r { power += left[i] * left[i] + right[i] * right[i] }
        return Self.dB((power / Double(2 * r.count)).squareRoot())
    }

    /// The largest absolute sample, dBFS.
    var peakDB: Double {
        Self.dB(zip(left, right).reduce(0) { max($0, abs($1.0), abs($1.1)) })
    }

    /// The mean of each channel, as a fraction of full scale.
    var dcOffset: (left: Double, right: Double) {
        (left.reduce(0, +) / Double(frames), right.reduce(0, +) / Double(frames))
    }

    /// The range of frames between `from` and `to` seconds.
    func seconds(_ from: Double, _ to: Double) -> Range<Int> {
        max(0, Int(from * Double(sampleRate)))..<min(frames, Int(to * Double(sampleRate)))
    }

    /// Pearson correlation of left and right: 1 is mono, 0 unrelated.
    var channelCorrelation: Double {
        let n = Double(frames)
        let ml = left.reduce(0, +) / n, mr = right.reduce(0, +) / n
        var slr = 0.0, sll = 0.0, srr = 0.0
        for i in 0..<frames {
            let a = left[i] - ml, b = right[i] - mr
            slr += a * b
            sll += a * a
            srr += b * b
        }
        return slr / (sll * srr).squareRoot()
    }

    /// Note onsets per second: 10 ms frames of the first difference's energy (which
    /// favours attacks), counting jumps of more than 6 dB over the quietest of the three
    /// frames before, at least 60 ms apart.
    func onsetsPerSecond() -> Double {
        let hop = sampleRate / 100
        let m = mono
        var levels: [Double] = []
        var k = 1
        while k + hop <= m.count {
            var e = 0.0
            for i in k..<(k + hop) {
                let d = m[i] - m[i - 1]
                e += d * d
            }
            levels.append(10 * log10(e / Double(hop) + 1e-12))
            k += hop
        }
        var count = 0, last = -100
        for k in 3..<max(3, levels.count) where levels[k] - levels[(k - 3)..<k].min()! > 6
            && levels[k] >= levels[k - 1] && k - last >= 6 {
            count += 1
            last = k
        }
        return Double(count) / (Double(frames) / Double(sampleRate))
    }

    /// Energy per pitch class (0 = C) of the notes C3…C6, summed over Hann-windowed
    /// blocks of ~0.34 s, normalised to a maximum of 1. Decimated by 4 first for speed.
    func chroma(_ range: Range<Int>) -> [Double] {
        let m = mono
        var low: [Double] = []
        var i = range.lowerBound
        while i + 4 <= range.upperBound {
            low.append((m[i] + m[i + 1] + m[i + 2] + m[i + 3]) / 4)
            i += 4
        }
        let rate = Double(sampleRate) / 4
        let block = 4096
        let window = (0..<block).map { 0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(block)) }
        var energy = [Double](repeating: 0, count: 12)
        var start = 0
        while start + block <= low.count {
            let x = (0..<block).map { low[start + $0] * window[$0] }
            for midi in 48...84 {
                energy[midi % 12] += Self.goertzel(x, frequency: 440 * pow(2, Double(midi - 69) / 12), rate: rate)
            }
            start += block
        }
        let top = energy.max() ?? 1
        return energy.map { $0 / max(top, 1e-30) }
    }

    static func goertzel(_ x: [Double], frequency: Double, rate: Double) -> Double {
        let coefficient = 2 * cos(2 * Double.pi * frequency / rate)
        var s1 = 0.0, s2 = 0.0
        for v in x {
            let s = v + coefficient * s1 - s2
            s2 = s1
            s1 = s
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2
    }
}

import Foundation
import ReelModel

extension MusicScore {
    /// Percussion lanes, bar by bar, from each lane's grid. Lanes enter by intensity; at
    /// high intensity the snare adds a pickup into every fourth bar.
    mutating func addDrums(style: MusicStyle, intensity: Double, frames: Int, sampleRate: Int, seed: UInt64) {
        var random = SeededRandom(seed: seed, stream: 6)
        let bars = Int((Double(frames) / barFrames).rounded(.up))
        let jitter = 0.002 * Double(sampleRate)
        for lane in style.drums where intensity >= lane.minIntensity {
            let grid = Array(lane.grid)
            let stepFrames = barFrames / Double(grid.count)
            let instrument: MusicNote.Instrument = switch lane.drum {
            case .kick: .kick
            case .snare: .snare
            case .shaker: .shaker
            case .tick: .tick
            }
            for bar in 0..<bars {
                let origin = Double(bar) * barFrames
                for (step, mark) in grid.enumerated() {
                    var velocity = Self.velocity(of: mark)
                    if lane.drum == .snare && intensity >= 0.6 && bar % 4 == 3 && velocity == 0
                        && step >= grid.count - 3 {
                        velocity = 0.3 + 0.1 * Float(step - (grid.count - 3))
                    }
                    // Ghost notes only once the arrangement is moving.
                    guard velocity > 0, velocity >= 0.5 || intensity >= 0.35 else { continue }
                    let start = Int((origin + Double(step) * stepFrames).rounded())
                        + (lane.drum == .kick ? 0 : Int(random.double(in: -jitter...jitter)))
                    notes.append(MusicNote(
                        instrument: instrument, start: max(0, start), length: Int(stepFrames),
                        pitch: 0, velocity: velocity * Float(random.double(in: 0.88...1)) * lane.level,
                        pan: Self.pan(of: lane.drum, step: step),
                        seed: random.next()))
                }
            }
        }
    }

    private static func velocity(of mark: Character) -> Float {
        switch mark {
        case "X": 1
        case "x": 0.75
        case "o": 0.42
        default: 0
        }
    }

    /// Kick centred, snare slightly left, shaker and tick swaying either side.
    private static func pan(of drum: DrumLane.Drum, step: Int) -> Float {
        switch drum {
        case .kick: 0
        case .snare: -0.1
        case .shaker: step % 2 == 0 ? 0.3 : 0.15
        case .tick: step % 4 == 0 ? -0.25 : -0.1
        }
    }
}

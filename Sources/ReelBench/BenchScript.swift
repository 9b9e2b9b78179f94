import Foundation

/// A generated screenplay for the assembly benchmarks, shaped like the reference
/// film: about two minutes in three scenes, thirty shots, about forty subtitle cues.
enum BenchScript {
    static let lines = [
        "The last train leaves at nine, and honestly we are nowhere near it.",
        "Then we run.",
        "You always say that, and somehow we always miss it by a minute.",
        "We made it here.",
        "Three years of counting the nights since you left this station.",
        "I counted too.",
        "Then why did you never write, not even a single postcard home?",
        "Every letter I wrote started with sorry, so I burned them all.",
        "Say it now.",
    ]

    /// `scenes` scenes of ten shots each (three by default: the assembly's film).
    static func text(scenes: Int = 3) -> String {
        var out = "Title: Bench\n\n"
        let rooms = ["INT. STATION CAFE - NIGHT", "EXT. PLATFORM - NIGHT", "INT. TRAIN CARRIAGE - DAWN"]
        let places = (0..<scenes).map { rooms[$0 % rooms.count] }
        for (s, place) in places.enumerated() {
            out += "\(place)\n\nRain runs down the glass of an empty room.\n\n"
            out += "MAYA sits by the window, watching the rain. BEN stands at the door, soaked, holding two cups of tea.\n\n"
            for i in 0..<8 {
                let speaker = i % 2 == 0 ? "MAYA" : "BEN"
                out += "\(speaker)\n\(lines[(s * 3 + i) % lines.count])\n\n"
            }
        }
        return out
    }
}

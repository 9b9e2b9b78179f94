import Foundation

/// A reviewer's note on a frame of a take (or on a shot as a whole): what should change in
/// the next attempt.
///
/// Open notes amend the prompt of the shot's next takes, which record the notes they were
/// made with; a note is resolved once the shot's picked take was made with it. A withdrawn
/// note (a wrong one, or one a director overruled) is kept, with who withdrew it and when,
/// and no later take carries it.
///
/// ```
/// reel note S03-07 2 --at 1.5 --box 0.1,0.2,0.3,0.4 "her scarf should be red"
/// ```
public struct ShotNote: Hashable, Sendable, Codable, Identifiable {
    /// 1, 2, 3… across the project, never reused.
    public var id: Int64
    public var shot: ShotID
    /// The take the note was made on; nil for a note on the shot.
    public var take: TakeID?
    /// Where in the take, from its start.
    public var at: RationalTime?
    /// The region of the frame it is about, in 0–1 of the picture.
    public var box: NoteBox?
    public var text: String
    /// Who wrote it, when known (the studio's signed-in user; the CLI leaves it out).
    public var author: String?
    public var createdAt: Date
    /// When it was withdrawn; nil while it stands.
    public var withdrawnAt: Date?
    /// Who withdrew it, when known.
    public var withdrawnBy: String?

    public init(id: Int64, shot: ShotID, take: TakeID? = nil, at: RationalTime? = nil, box: NoteBox? = nil, text: String,
                author: String? = nil, createdAt: Date, withdrawnAt: Date? = nil, withdrawnBy: String? = nil) {
        self.id = id
        self.shot = shot
        self.take = take
        self.at = at
        self.box = box
        self.text = text
        self.author = author
        self.createdAt = createdAt
        self.withdrawnAt = withdrawnAt
        self.withdrawnBy = withdrawnBy
    }

    /// True once withdrawn: no take made after carries it.
    public var isWithdrawn: Bool { withdrawnAt != nil }

    /// The note as the next take's prompt carries it: `at 1.5 s, upper left: her scarf should be red`.
    public var instruction: String {
        var place: [String] = []
        if let at { place.append(String(format: "at %.1f s", at.seconds)) }
        if let box { place.append(box.region) }
        return place.isEmpty ? text : "\(place.joined(separator: ", ")): \(text)"
    }
}

/// A rectangle on a frame, in shares of its width and height (0–1, from the top left).
public struct NoteBox: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    /// A box, or nil when it does not lie inside the frame with some area.
    public init?(x: Double, y: Double, width: Double, height: Double) {
        guard [x, y, width, height].allSatisfy({ $0.isFinite }), x >= 0, y >= 0, width > 0, height > 0,
              x + width <= 1.000_001, y + height <= 1.000_001 else { return nil }
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Reads `x,y,w,h` (`0.1,0.2,0.3,0.4`); nil when it is not four numbers making a box in the frame.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let x = parts[0], let y = parts[1], let w = parts[2], let h = parts[3] else { return nil }
        self.init(x: x, y: y, width: w, height: h)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let box = NoteBox(x: try c.decode(Double.self, forKey: .x), y: try c.decode(Double.self, forKey: .y),
                                width: try c.decode(Double.self, forKey: .width), height: try c.decode(Double.self, forKey: .height))
        else {
            throw DecodingError.dataCorruptedError(forKey: .width, in: c, debugDescription: "the box must lie inside the frame (0–1)")
        }
        self = box
    }

    /// Where on the frame its centre is, in words a model reads: `upper left`, `centre`, `lower right`.
    public var region: String {
        let cx = x + width / 2, cy = y + height / 2
        let row = cy < 1.0 / 3 ? "upper" : cy > 2.0 / 3 ? "lower" : "middle"
        let column = cx < 1.0 / 3 ? "left" : cx > 2.0 / 3 ? "right" : "centre"
        if row == "middle" { return column == "centre" ? "centre of the frame" : "\(column) of the frame" }
        return "\(row) \(column) of the frame"
    }
}

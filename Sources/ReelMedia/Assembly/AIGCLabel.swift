import Foundation
import ReelModel

/// The AI-content labels short-drama platforms require: a visible one in the opening
/// seconds, and a machine-readable record in the file's metadata.
///
/// The metadata follows GB 45438-2025: a JSON object under the key `AIGC` with `Label`,
/// `ContentProducer`, `ProduceID`, `ContentPropagator` and `PropagateID`.
public struct AIGCLabel: Hashable, Sendable, Codable {
    /// The visible text: Chinese first, as the platforms that require it are Chinese.
    public static let visibleText = "AI生成 · AI-generated"
    /// How long the visible label stays on screen from the start of the film.
    public static let visibleDuration = RationalTime(value: 3, timescale: 1)

    /// `1`: the content is AI-generated.
    public var label: String
    public var contentProducer: String
    public var produceID: String
    public var contentPropagator: String
    public var propagateID: String

    public init(label: String = "1", contentProducer: String = "Reel", produceID: String,
                contentPropagator: String = "", propagateID: String = "") {
        self.label = label
        self.contentProducer = contentProducer
        self.produceID = produceID
        self.contentPropagator = contentPropagator
        self.propagateID = propagateID
    }

    /// The JSON written under the `AIGC` metadata key.
    public var json: String {
        JSONValue.object([
            "Label": .string(label), "ContentProducer": .string(contentProducer), "ProduceID": .string(produceID),
            "ContentPropagator": .string(contentPropagator), "PropagateID": .string(propagateID),
        ]).canonical
    }

    /// A drawtext filter for the visible label: a dark pill in the top-right corner, or
    /// under what covers the top (`below`, in pixels from the top: the animatic's caption band).
    public static func drawtext(_ text: String, width: Int, height: Int, untilFrame: Int64, below: Int? = nil) -> String {
        let size = max(14, Int((Double(min(width, height)) * 0.032).rounded()))
        let margin = Int((Double(min(width, height)) * 0.04).rounded())
        let top = below.map { $0 + margin / 2 + size / 2 } ?? margin + size / 2
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\\\\\")
            .replacingOccurrences(of: ":", with: "\\\\:")
            .replacingOccurrences(of: "'", with: "")
        return "drawtext=font='Noto Sans CJK SC':text='\(escaped)':fontsize=\(size):fontcolor=white:"
            + "box=1:boxcolor=black@0.55:boxborderw=\(size / 2):x=w-tw-\(margin + size / 2):y=\(top):"
            + "enable='lt(n\\,\(untilFrame))'"
    }
}

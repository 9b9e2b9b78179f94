import Foundation

/// Something of the place the heading or the action names that the set does not have of
/// itself: a lighthouse on a headland, the sea where the heading named no place.
public enum PanelLandmark: String, Hashable, Sendable, Codable, CaseIterable {
    case lighthouse, sea

    /// The words that name it: English as whole words, Chinese as written.
    var words: [String] {
        switch self {
        case .lighthouse: ["lighthouse", "lighthouses", "beacon tower", "灯塔"]
        case .sea: ["sea", "ocean", "seaside", "seashore", "大海", "海边", "海面", "海浪"]
        }
    }

    /// The landmarks `location` (the heading's place) and `action` name, in this order.
    public static func read(location: String, action: String) -> [PanelLandmark] {
        let text = (location + "\n" + action).lowercased()
        return allCases.filter { landmark in landmark.words.contains { PanelProp.named($0, in: text) } }
    }
}

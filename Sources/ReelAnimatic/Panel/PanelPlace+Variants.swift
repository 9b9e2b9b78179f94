import Foundation

/// Variants of a place that change its drawing: an alley is a narrow street, a diner a
/// restaurant with booths.
extension PanelPlace {
    static func isAlley(_ location: String) -> Bool {
        let l = location.lowercased()
        return l.contains("alley") || l.contains("巷") || l.contains("胡同") || l.contains("lane")
    }

    static func isGarden(_ location: String) -> Bool {
        let l = location.lowercased()
        return l.contains("garden") || l.contains("花园") || l.contains("yard") || l.contains("庭院")
    }

    static func isDiner(_ location: String) -> Bool {
        let l = location.lowercased()
        return l.contains("diner") || l.contains("cafeteria") || l.contains("canteen") || l.contains("食堂")
    }

    static func isSubway(_ location: String) -> Bool {
        let l = location.lowercased()
        return l.contains("subway") || l.contains("metro") || l.contains("underground") || l.contains("地铁")
    }
}

import Foundation
import ReelModel

/// Where a panel happens: the place and whether we see it from outside.
struct PanelLocation: Hashable, Sendable {
    var place: PanelPlace?
    var exterior: Bool

    init(place: PanelPlace?, exterior: Bool) {
        self.place = place
        self.exterior = exterior
    }

    init(_ location: String, setting: Setting) {
        let place = PanelPlace.match(location)
        let exterior: Bool
        switch setting {
        case .exterior: exterior = true
        case .interior, .interiorExterior: exterior = false
        }
        self.init(place: place, exterior: exterior || (place?.isOutdoors ?? false))
    }

    /// Figures sit behind a table or counter.
    var seated: Bool { !exterior && (place?.isSeated ?? false) }
}

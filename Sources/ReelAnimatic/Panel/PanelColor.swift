import Foundation

/// An sRGB colour with components in 0…1, and the few operations a palette needs.
struct PanelColor: Hashable, Sendable {
    var r: Double
    var g: Double
    var b: Double

    init(r: Double, g: Double, b: Double) {
        self.r = r
        self.g = g
        self.b = b
    }

    init(_ hex: UInt32) {
        r = Double((hex >> 16) & 0xFF) / 255
        g = Double((hex >> 8) & 0xFF) / 255
        b = Double(hex & 0xFF) / 255
    }

    static let white = PanelColor(0xFFFFFF)
    static let black = PanelColor(0x000000)
    /// The line colour of every outline: a deep blue-black.
    static let ink = PanelColor(0x1E1B2A)

    /// `#rrggbb`.
    var hex: String {
        let digits = Array("0123456789abcdef")
        var out = "#"
        for c in [r, g, b] {
            let v = Int((min(1, max(0, c)) * 255).rounded())
            out.append(digits[v >> 4])
            out.append(digits[v & 15])
        }
        return out
    }

    var luminance: Double { 0.2126 * r + 0.7152 * g + 0.0722 * b }

    /// `t` = 0 is self, 1 is `other`.
    func mix(_ other: PanelColor, _ t: Double) -> PanelColor {
        PanelColor(r: r + (other.r - r) * t, g: g + (other.g - g) * t, b: b + (other.b - b) * t)
    }

    func lighter(_ t: Double) -> PanelColor { mix(.white, t) }

    func darker(_ t: Double) -> PanelColor { mix(.black, t) }

    /// Multiplies every component: a cheap exposure change.
    func scaled(_ k: Double) -> PanelColor {
        PanelColor(r: min(1, r * k), g: min(1, g * k), b: min(1, b * k))
    }

    /// `k` < 1 moves toward grey, > 1 away from it.
    func saturated(_ k: Double) -> PanelColor {
        let l = luminance
        return PanelColor(r: clamp(l + (r - l) * k), g: clamp(l + (g - l) * k), b: clamp(l + (b - l) * k))
    }

    /// Rotates the hue by `degrees` keeping lightness and saturation.
    func hueShifted(_ degrees: Double) -> PanelColor {
        let a = degrees * .pi / 180
        let c = cos(a)
        let s = sin(a)
        // Rotation about the grey axis in RGB space.
        let k = (1 - c) / 3
        let q = sqrt(1.0 / 3) * s
        return PanelColor(r: clamp(r * (c + k) + g * (k - q) + b * (k + q)),
                          g: clamp(r * (k + q) + g * (c + k) + b * (k - q)),
                          b: clamp(r * (k - q) + g * (k + q) + b * (c + k)))
    }

    private func clamp(_ v: Double) -> Double { min(1, max(0, v)) }
}

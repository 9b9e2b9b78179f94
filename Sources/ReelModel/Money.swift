import Foundation

/// An amount of money in millionths of a currency unit, exact and Codable.
///
/// `Money(micros: 84_000, currency: "USD")` is $0.084.
public struct Money: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var micros: Int64
    /// ISO 4217 code: `USD`, `CNY`. Amounts in different currencies never add up silently.
    public var currency: String

    /// One total per currency, in currency order.
    public static func totals(_ amounts: [Money]) -> [Money] {
        Dictionary(grouping: amounts, by: \.currency)
            .map { Money(micros: $0.value.reduce(0) { $0 + $1.micros }, currency: $0.key) }
            .sorted { $0.currency < $1.currency }
    }

    public init(micros: Int64, currency: String = "USD") {
        self.micros = micros
        self.currency = currency
    }

    public static func zero(_ currency: String = "USD") -> Money { Money(micros: 0, currency: currency) }

    /// Parses `0.084`, `12 USD`, `USD 12.50`, `¥3.2`, `$1`.
    public init?(parsing text: String, defaultCurrency: String = "USD") {
        var t = text.trimmingCharacters(in: .whitespaces)
        var currency = defaultCurrency
        if t.hasPrefix("$") { currency = "USD"; t.removeFirst() }
        if t.hasPrefix("¥") || t.hasPrefix("￥") { currency = "CNY"; t.removeFirst() }
        let parts = t.split(separator: " ").map(String.init)
        var number: String?
        for p in parts {
            if p.range(of: #"^[A-Za-z]{3}$"#, options: .regularExpression) != nil {
                currency = p.uppercased()
            } else {
                number = p
            }
        }
        guard let n = number, let micros = Money.parseMicros(n) else { return nil }
        self.init(micros: micros, currency: currency)
    }

    private static func parseMicros(_ s: String) -> Int64? {
        guard s.range(of: #"^[0-9]+(\.[0-9]{1,6})?$"#, options: .regularExpression) != nil else { return nil }
        let pieces = s.split(separator: ".", omittingEmptySubsequences: false)
        guard let whole = Int64(pieces[0]) else { return nil }
        var frac: Int64 = 0
        if pieces.count == 2 {
            let digits = String(pieces[1]).padding(toLength: 6, withPad: "0", startingAt: 0)
            frac = Int64(digits) ?? 0
        }
        return whole * 1_000_000 + frac
    }

    /// `$0.084`, `¥3.20`, `12.50 EUR`: at least two decimals, more when needed.
    public var description: String {
        let sign = micros < 0 ? "-" : ""
        let m = abs(micros)
        let whole = m / 1_000_000
        var frac = String(format: "%06lld", m % 1_000_000)
        while frac.count > 2, frac.hasSuffix("0") { frac.removeLast() }
        let amount = "\(whole).\(frac)"
        switch currency {
        case "USD": return "\(sign)$\(amount)"
        case "CNY": return "\(sign)¥\(amount)"
        default: return "\(sign)\(amount) \(currency)"
        }
    }

    /// A rate (per second, per take), rounded to four decimal places: `$0.0622`.
    public var rate: String {
        let rounded = Money(micros: (micros / 100 + (abs(micros % 100) >= 50 ? micros.signum() : 0)) * 100, currency: currency)
        return rounded.description
    }

    /// Decimal units, for JSON output.
    public var amount: Double { Double(micros) / 1_000_000 }

    public static func + (a: Money, b: Money) -> Money {
        precondition(a.currency == b.currency || a.micros == 0 || b.micros == 0, "adding \(a.currency) to \(b.currency)")
        return Money(micros: a.micros + b.micros, currency: a.micros == 0 ? b.currency : a.currency)
    }

    public static func * (a: Money, factor: Double) -> Money {
        Money(micros: Int64((Double(a.micros) * factor).rounded()), currency: a.currency)
    }

    public static func < (a: Money, b: Money) -> Bool { a.micros < b.micros }
}

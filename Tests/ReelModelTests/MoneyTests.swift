import Foundation
import ReelModel
import Testing

/// Money is exact, keeps its currency, and reads what users write in reel.yaml.
@Suite struct MoneyTests {
    @Test(arguments: [
        ("0.084", Money(micros: 84_000)), ("$1", Money(micros: 1_000_000)), ("12 USD", Money(micros: 12_000_000)),
        ("USD 12.50", Money(micros: 12_500_000)), ("¥3.2", Money(micros: 3_200_000, currency: "CNY")),
        ("5 eur", Money(micros: 5_000_000, currency: "EUR")),
    ])
    func amountsParse(_ text: String, _ money: Money) {
        #expect(Money(parsing: text) == money)
    }

    @Test(arguments: ["", "abc", "1.1234567", "-3", "1,5"])
    func nonsenseIsRefused(_ text: String) {
        #expect(Money(parsing: text) == nil)
    }

    @Test func amountsPrintWithTheirCurrency() {
        #expect(Money(micros: 84_000).description == "$0.084")
        #expect(Money(micros: 3_200_000, currency: "CNY").description == "¥3.20")
        #expect(Money(micros: 12_500_000, currency: "EUR").description == "12.50 EUR")
        #expect(Money(micros: -1_000_000).description == "-$1.00")
    }

    @Test func sumsAreExact() {
        var total = Money.zero()
        for _ in 0..<1_000 { total = total + Money(micros: 100) }   // 0.0001 a thousand times
        #expect(total == Money(micros: 100_000))
        #expect(Money.zero() + Money(micros: 5, currency: "CNY") == Money(micros: 5, currency: "CNY"))
        #expect(Money(micros: 1_000_000) * 0.5 == Money(micros: 500_000))
    }

    @Test func moneyRoundTripsThroughJSON() throws {
        let money = Money(micros: 1_234_567, currency: "CNY")
        let data = try JSONEncoder().encode(money)
        #expect(try JSONDecoder().decode(Money.self, from: data) == money)
    }
}

import Testing
import ReelModel
@testable import ReelScript

@Test func smoke() {
    let s = Fountain.parse("Title: X\n\nINT. KITCHEN - NIGHT\n\nMAYA\nHi.\n")
    print(s)
    #expect(s.elements.count == 2)
}

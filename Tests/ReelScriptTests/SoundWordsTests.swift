import ReelModel
import Testing

@testable import ReelScript

struct SoundWordsTests {
    @Test(arguments: [
        ("Rain hammers the platform. The door SLAMS shut.", [SoundEffect.rain, .door]),
        ("Thunder rolls. Her phone rings on the table.", [.thunder, .phone]),
        ("She waves at the train. He storms out of the room.", []),
        ("Footsteps on the stairs. A knock at the door.", [.knock, .footsteps]),
        ("He knocks over the lamp and winds his watch. She plays cricket.", []),
        ("她得知了真相，停下脚步。小雨和大海都在。走漏风声。", []),
        ("雨夜，街上没有一个人。", [.rain]),
        ("A wine glass shatters on the tiles.", [.glass]),
        ("The clock is ticking. A campfire crackles; chirping crickets.", [.fire, .crickets, .clock]),
        ("窗外下着大雨，雷声滚滚。", [.rain, .thunder]),
        ("林雨推门进来，手机响了。", [.phone]),
        ("他摔门而去，脚步声渐远。", [.door, .footsteps]),
        ("她站在海边，海浪拍岸。", [.sea]),
        ("The rain has stopped. Gold light on wet rails.", []),
        ("The phone stops ringing. Thunder.", [.thunder]),
        ("两人都笑了。窗外，雨停了。", []),
        ("陈默走到门前，敲了敲门。", [.knock]),
    ] as [(String, [SoundEffect])])
    func theActionNamesItsSounds(text: String, expected: [SoundEffect]) {
        #expect(SoundWords.effects(in: text) == expected)
    }

    @Test func aSoundIsHeardWhereItsSentenceBegins() {
        let heard = SoundWords.heard(in: "Rain. Maya waits. A door slams.")
        // "A door slams": door slams, a phrase.
        #expect(heard.map(\.effect) == [.rain, .door])
        #expect(heard[0].at == 0)
        #expect(abs(heard[1].at - 17.0 / 31.0) < 1e-9, "\(heard[1].at)")
    }

    @Test func aHeadingAsksForItsAmbience() {
        #expect(SoundWords.ambiences(heading: "EXT. BEACH - NIGHT", qualifiers: []) == [.sea])
        #expect(SoundWords.ambiences(heading: "INT. KITCHEN - NIGHT - RAIN", qualifiers: ["RAIN"]) == [.rain])
        #expect(SoundWords.ambiences(heading: "1-1 李少安家 雨 内", qualifiers: ["雨"]) == [.rain])
        // A spot effect in a heading is no ambience; a name holding 雨 is no rain.
        #expect(SoundWords.ambiences(heading: "INT. THUNDER ROAD DINER - DAY", qualifiers: []) == [])
        #expect(SoundWords.ambiences(heading: "1-2 林雨家 日 内", qualifiers: []) == [])
    }
}

import ReelModel
import ReelScript
import Testing

/// Splitting scene headings into setting, location and time of day.
struct SceneHeadingPartsTests {
    @Test(arguments: [
        ("INT. KITCHEN - NIGHT", Setting.interior, "KITCHEN", TimeOfDay.night),
        ("EXT. PARK - DAY", .exterior, "PARK", .day),
        ("EXT./INT. CAR - DAY", .interiorExterior, "CAR", .day),
        ("INT./EXT. CAR - MOVING - DUSK", .interiorExterior, "CAR", .dusk), // MOVING is a qualifier
        ("INT/EXT TRAIN", .interiorExterior, "TRAIN", .unspecified),
        ("I/E VAN - DAWN", .interiorExterior, "VAN", .dawn),
        ("EST. CITY", .exterior, "CITY", .unspecified),
        ("int. diner - morning", .interior, "diner", .day),
        ("INT. SMITH HOUSE - KITCHEN - NIGHT", .interior, "SMITH HOUSE - KITCHEN", .night),
        ("INT. SMITH-JONES HOUSE - NIGHT", .interior, "SMITH-JONES HOUSE", .night),
        ("INT. HALL - NIGHT - CONTINUOUS", .interior, "HALL", .night),
        ("EXT. ROOF – SUNSET", .exterior, "ROOF", .dusk),
        ("EXT. FIELD — MAGIC HOUR", .exterior, "FIELD", .dusk),
        ("EXT. PIER - EVENING", .exterior, "PIER", .dusk),
        ("EXT. HILL - SUNRISE", .exterior, "HILL", .dawn),
        ("INT. OFFICE - AFTERNOON", .interior, "OFFICE", .day),
        ("INT. LAB - LATER", .interior, "LAB", .unspecified),
        ("INT. LAB - MOMENTS LATER", .interior, "LAB", .unspecified),
        ("INT. LAB - SAME", .interior, "LAB", .unspecified),
        ("INT. LAB - CONTINUOUS", .interior, "LAB", .unspecified),
        ("EXT. DAY CARE CENTER - NIGHT", .exterior, "DAY CARE CENTER", .night),
        ("INTERIOR CASTLE - DAY", .interior, "CASTLE", .day),
        ("INT.KITCHEN - NIGHT", .interior, "KITCHEN", .night),
        ("INTERCUT - PHONES", .interior, "INTERCUT - PHONES", .unspecified),
        ("FLASHBACK - NIGHT", .interior, "FLASHBACK", .night),
        ("EXT. *BRIDGE* - NIGHT", .exterior, "BRIDGE", .night),
    ])
    func englishHeadings(_ text: String, _ setting: Setting, _ location: String, _ time: TimeOfDay) {
        let parts = SceneHeading(text: text).parts
        #expect(parts.setting == setting)
        #expect(parts.location == location)
        #expect(parts.timeOfDay == time)
    }

    @Test(arguments: [
        ("内景 厨房 夜", Setting.interior, "厨房", TimeOfDay.night),
        ("外景。街道 — 黄昏", .exterior, "街道", .dusk),
        ("内/外 车内 日", .interiorExterior, "车内", .day),
        ("日 内 咖啡馆", .interior, "咖啡馆", .day),
        ("夜 外 天台", .exterior, "天台", .night),
        ("内外景 车站 清晨", .interiorExterior, "车站", .dawn),
        ("外·码头·傍晚", .exterior, "码头", .dusk),
        ("内景，医院走廊，深夜", .interior, "医院走廊", .night),
        ("内景　厨房　晨", .interior, "厨房", .dawn),
        ("内景厨房 夜", .interior, "厨房", .night),
        ("外景 日本餐厅 白天", .exterior, "日本餐厅", .day),
        ("内景 林家 客厅 夜", .interior, "林家 客厅", .night),
        ("内景 厨房", .interior, "厨房", .unspecified),
        ("外景 山顶 - 黎明", .exterior, "山顶", .dawn),
        ("INT. 咖啡馆 - DAY", .interior, "咖啡馆", .day),
        ("街道 夜", .interior, "街道", .night),
    ])
    func chineseHeadings(_ text: String, _ setting: Setting, _ location: String, _ time: TimeOfDay) {
        let parts = SceneHeading(text: text).parts
        #expect(parts.setting == setting)
        #expect(parts.location == location)
        #expect(parts.timeOfDay == time)
    }

    @Test func partsOfParsedHeadingsIgnoreSceneNumbers() {
        guard case .sceneHeading(let heading)? = Fountain.parse("INT. GARAGE - NIGHT #4B#").elements.first?.content else {
            Issue.record("expected a heading")
            return
        }
        #expect(heading.parts.location == "GARAGE")
        #expect(heading.parts.timeOfDay == .night)
    }
}

import ReelModel
import ReelScript
import Testing

/// Headings with trailing qualifiers, as published screenplays write them: the time of day
/// and the qualifiers come apart from the place, so one place has one location and one id.
struct SceneHeadingQualifierTests {
    @Test(arguments: [
        ("INT. WILL'S BEDROOM - NIGHT (1973)", "WILL'S BEDROOM", TimeOfDay.night, ["1973"]),
        ("INT. WILL'S BEDROOM - DAY [FLASHBACK]", "WILL'S BEDROOM", .day, ["FLASHBACK"]),
        ("INT. WILL'S BEDROOM - NIGHT - [THE STORM]", "WILL'S BEDROOM", .night, ["THE STORM"]),
        ("INT. WILL'S BEDROOM (1973) - NIGHT", "WILL'S BEDROOM", .night, ["1973"]),
        ("INT. CAR - DAY / DRIVING", "CAR", .day, ["DRIVING"]),
        ("EXT. HIGHWAY - NIGHT - MOVING", "HIGHWAY", .night, ["MOVING"]),
        ("INT. DINER - ANOTHER DAY", "DINER", .day, ["ANOTHER DAY"]),
        ("EXT. SAME STREET - THE NEXT MORNING", "SAME STREET", .day, ["THE NEXT MORNING"]),
        ("INT. LAB - LATER THAT NIGHT", "LAB", .night, ["LATER THAT NIGHT"]),
        ("EXT. CITY - PRESENT DAY", "CITY", .day, ["PRESENT DAY"]),
        ("EXT. CITY - (PRESENT) DAY", "CITY", .day, ["PRESENT"]),
        ("EXT. BEACH - MAGIC HOUR", "BEACH", .dusk, []),
        ("EXT. FARM - PRE-DAWN", "FARM", .dawn, []),
        ("EXT. FARM - PREDAWN", "FARM", .dawn, []),
        ("INT. KITCHEN - DAY - FLASHBACK", "KITCHEN", .day, ["FLASHBACK"]),
        ("INT. KITCHEN - FLASHBACK - DAY", "KITCHEN", .day, ["FLASHBACK"]),
        ("INT. KITCHEN - NIGHT (1985) [DREAM]", "KITCHEN", .night, ["1985", "DREAM"]),
        ("EXT. PARIS - 1940 - DAY", "PARIS", .day, ["1940"]),
        ("INT. HOSPITAL - TEN YEARS LATER - NIGHT", "HOSPITAL", .night, ["TEN YEARS LATER"]),
        ("INT. HALL - NIGHT - CONTINUOUS", "HALL", .night, ["CONTINUOUS"]),
        ("INT. SMITH HOUSE - KITCHEN - NIGHT", "SMITH HOUSE - KITCHEN", .night, []),
        ("INT. SMITH-JONES HOUSE - NIGHT", "SMITH-JONES HOUSE", .night, []),
        ("EXT. DAY CARE CENTER - NIGHT", "DAY CARE CENTER", .night, []),
        ("INT. PARK - MOTHER'S DAY PARADE - NIGHT", "PARK - MOTHER'S DAY PARADE", .night, []),
        ("FLASHBACK - NIGHT", "FLASHBACK", .night, []),
        ("INTERCUT - PHONES", "INTERCUT - PHONES", .unspecified, []),
        ("INT. CAR - DAY / BY THE RIVER", "CAR", .day, ["BY THE RIVER"]),
    ])
    func englishQualifiers(_ text: String, _ location: String, _ time: TimeOfDay, _ qualifiers: [String]) {
        let parts = SceneHeading(text: text).parts
        #expect(parts.location == location, "\(text)")
        #expect(parts.timeOfDay == time, "\(text)")
        #expect(parts.qualifiers == qualifiers, "\(text)")
    }

    @Test(arguments: [
        ("内景 卧室 夜（回忆）", "卧室", TimeOfDay.night, ["回忆"]),
        ("内景 卧室 夜 【闪回】", "卧室", .night, ["闪回"]),
        ("外景 街道 日 回忆", "街道", .day, ["回忆"]),
        ("内景 厨房 夜", "厨房", .night, []),
        ("日 内 咖啡馆", "咖啡馆", .day, []),
        ("内景 林家 客厅 夜", "林家 客厅", .night, []),
    ])
    func chineseQualifiers(_ text: String, _ location: String, _ time: TimeOfDay, _ qualifiers: [String]) {
        let parts = SceneHeading(text: text).parts
        #expect(parts.location == location, "\(text)")
        #expect(parts.timeOfDay == time, "\(text)")
        #expect(parts.qualifiers == qualifiers, "\(text)")
    }

    /// The same bedroom at night in 1973 and by day in a flashback is one place: one
    /// location subject, one id, and each scene keeps its qualifiers.
    @Test func onePlaceOneLocationWhateverTheQualifiers() throws {
        let script = """
            INT. WILL'S BEDROOM - NIGHT (1973)

            Will sleeps.

            EXT. GARDEN - DAY

            Rain.

            INT. WILL'S BEDROOM - DAY [FLASHBACK]

            Will reads.

            INT. WILL'S BEDROOM - ANOTHER DAY

            Will packs.
            """
        let board = try ShotPlanner.plan(Fountain.parse(script))
        let places = board.subjects.filter { $0.kind == .location }
        #expect(places.map(\.name) == ["WILL'S BEDROOM", "GARDEN"])
        #expect(board.scenes.map(\.location) == ["WILL'S BEDROOM", "GARDEN", "WILL'S BEDROOM", "WILL'S BEDROOM"])
        #expect(Set(board.scenes.compactMap(\.locationID)).count == 2)
        #expect(board.scenes.map(\.timeOfDay) == [.night, .day, .day, .day])
        #expect(board.scenes.map(\.qualifiers) == [["1973"], nil, ["FLASHBACK"], ["ANOTHER DAY"]])
    }
}

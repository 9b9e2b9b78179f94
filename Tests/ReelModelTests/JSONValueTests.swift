import Foundation
import ReelModel
import Testing

/// The canonical JSON that cache keys are hashed from: one text per value, whatever order
/// its keys were built in.
@Suite struct JSONValueTests {
    @Test func keysAreSortedAndSpacesDropped() {
        let a: JSONValue = ["b": 1, "a": ["y": true, "x": .null], "c": "é\"\n"]
        #expect(a.canonical == #"{"a":{"x":null,"y":true},"b":1,"c":"é\"\n"}"#)
    }

    @Test func wholeDoublesPrintAsIntegersSoOneValueHasOneText() {
        #expect(JSONValue.double(5).canonical == JSONValue.int(5).canonical)
        #expect(JSONValue.double(0.25).canonical == "0.25")
        #expect(JSONValue.double(.nan).canonical == "null")
    }

    @Test func valuesRoundTripThroughCodable() throws {
        let value: JSONValue = ["shots": [["id": "S01-02", "duration": 2.5, "pinned": false]], "n": 3]
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
        #expect(value["shots"]?.arrayValue?.first?["id"]?.stringValue == "S01-02")
    }

    /// Each kind of JSON reads as the one case it always read as: cache keys are hashed from
    /// what these decode to, so the same bytes must give the same value whatever order the
    /// kinds are tried in.
    @Test func everyKindOfJSONReadsAsItsOneCase() throws {
        let cases: [(String, JSONValue)] = [
            ("null", .null), ("true", .bool(true)), ("false", .bool(false)), ("0", .int(0)), ("1", .int(1)), ("-7", .int(-7)),
            ("3.0", .int(3)), ("2.5", .double(2.5)), ("1e3", .int(1000)), ("1e300", .double(1e300)),
            ("9223372036854775807", .int(.max)), ("1.5e-7", .double(1.5e-7)),
            (#""true""#, .string("true")), (#""1""#, .string("1")), (#""""#, .string("")), (#""镜头""#, .string("镜头")),
            ("[]", .array([])), ("{}", .object([:])), (#"[1,"a",null,true,2.5]"#, [1, "a", .null, true, 2.5]),
            (#"{"a":{"b":[{}]},"n":1}"#, ["a": ["b": [.object([:])]], "n": 1]),
        ]
        for (text, value) in cases {
            #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == value, "\(text)")
        }
    }

    @Test func shotIdsSortInShootingOrder() {
        let ids: [ShotID] = ["S10-01", "S02-10", "S02-02", "S02-02A"]
        #expect(ids.sorted() == ["S02-02", "S02-02A", "S02-10", "S10-01"])
    }
}

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

    @Test func shotIdsSortInShootingOrder() {
        let ids: [ShotID] = ["S10-01", "S02-10", "S02-02", "S02-02A"]
        #expect(ids.sorted() == ["S02-02", "S02-02A", "S02-10", "S10-01"])
    }
}

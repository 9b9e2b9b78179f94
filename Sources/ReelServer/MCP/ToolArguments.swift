import Foundation
import MCP
import ReelModel

/// One argument an MCP tool takes: what its input schema says of it, and what the call is
/// checked against before the use case sees it.
struct ToolArgument: Sendable {
    enum Kind: Sendable {
        case string, integer, number, boolean
        /// A list of strings (`["S01-02", "S03-*"]`).
        case strings
        /// A box on the frame, as fractions of its width and height.
        case box
    }

    var name: String
    var kind: Kind
    var help: String
    var required = false
    /// The values it takes, when only some strings are.
    var choices: [String] = []
    /// Inclusive bounds of a number.
    var range: ClosedRange<Double>?

    /// Its JSON Schema, as `tools/list` gives it.
    var schema: Value {
        var fields: [String: Value] = ["description": .string(help)]
        switch kind {
        case .string: fields["type"] = "string"
        case .integer: fields["type"] = "integer"
        case .number: fields["type"] = "number"
        case .boolean: fields["type"] = "boolean"
        case .strings: fields["type"] = "array"; fields["items"] = ["type": "string"]
        case .box:
            fields["type"] = "object"
            let unit: Value = ["type": "number", "minimum": 0, "maximum": 1]
            fields["properties"] = .object(["x": unit, "y": unit, "width": unit, "height": unit])
            fields["required"] = ["x", "y", "width", "height"]
            fields["additionalProperties"] = false
        }
        if !choices.isEmpty { fields["enum"] = .array(choices.map { .string($0) }) }
        if let range {
            fields["minimum"] = kind == .integer ? .int(Int(range.lowerBound)) : .double(range.lowerBound)
            fields["maximum"] = kind == .integer ? .int(Int(range.upperBound)) : .double(range.upperBound)
        }
        return .object(fields)
    }

    /// An input schema of these arguments: an object that takes no others.
    static func schema(_ arguments: [ToolArgument]) -> Value {
        .object([
            "type": "object",
            "properties": .object(Dictionary(uniqueKeysWithValues: arguments.map { ($0.name, $0.schema) })),
            "required": .array(arguments.filter(\.required).map { .string($0.name) }),
            "additionalProperties": false,
        ])
    }
}

/// A tool call's arguments, checked against what the tool declares: an unknown name (with
/// the nearest known one), a missing required one, a value of the wrong type or out of range
/// is refused as a usage error naming the argument, before anything is opened.
struct ToolArguments: Sendable {
    private let values: [String: Value]

    init(_ given: [String: Value]?, declared: [ToolArgument], tool: String) throws {
        let given = given ?? [:]
        let names = declared.map(\.name)
        for name in given.keys.sorted() where !names.contains(name) {
            let nearest = Spelling.nearest(to: name, among: names).map { "did you mean \($0)? " } ?? ""
            throw ReelError(.usage, "\(tool) takes no argument \(name.prefix(40))",
                            hint: nearest + (names.isEmpty ? "it takes none" : "it takes " + names.joined(separator: ", ")))
        }
        var checked: [String: Value] = [:]
        for argument in declared {
            guard let value = given[argument.name], !value.isNull else {
                if argument.required {
                    throw ReelError(.usage, "\(tool) needs \(argument.name): \(argument.help)")
                }
                continue
            }
            checked[argument.name] = try Self.check(value, against: argument, tool: tool)
        }
        values = checked
    }

    /// The value in the kind the argument declares (a whole number sent as `2.0` is an integer).
    private static func check(_ value: Value, against argument: ToolArgument, tool: String) throws -> Value {
        func wrong(_ expected: String) -> ReelError {
            ReelError(.usage, "\(tool): \(argument.name) must be \(expected)", hint: argument.help)
        }
        var number: Double?
        switch (argument.kind, value) {
        case (.string, .string(let text)):
            if !argument.choices.isEmpty, !argument.choices.contains(text) {
                let nearest = Spelling.nearest(to: text, among: argument.choices).map { "did you mean \($0)? " } ?? ""
                throw ReelError(.usage, "\(tool): \(argument.name) cannot be '\(text.prefix(40))'",
                                hint: nearest + "it is one of " + argument.choices.joined(separator: ", "))
            }
            return value
        case (.integer, .int(let n)): number = Double(n)
        case (.integer, .double(let d)) where d.rounded() == d && abs(d) < 1e15: number = d
        case (.number, .int(let n)): number = Double(n)
        case (.number, .double(let d)) where d.isFinite: number = d
        case (.boolean, .bool): return value
        case (.strings, .array(let items)):
            guard items.allSatisfy({ $0.stringValue != nil }) else { throw wrong("a list of strings") }
            return value
        case (.strings, .string(let text)):
            // One pattern, or several comma-separated, as the command line takes them.
            return .array(text.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) })
        case (.box, .object(let fields)):
            let keys = ["x", "y", "width", "height"]
            let numbers = keys.compactMap { key -> Double? in
                switch fields[key] {
                case .int(let n)?: Double(n)
                case .double(let d)?: d
                default: nil
                }
            }
            guard numbers.count == 4, Set(fields.keys).isSubset(of: keys),
                  NoteBox(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3]) != nil else {
                throw wrong("a box {x, y, width, height} inside the frame, each a fraction from 0 to 1")
            }
            return value
        default:
            let expected = switch argument.kind {
            case .string: "a string"
            case .integer: "a whole number"
            case .number: "a number"
            case .boolean: "true or false"
            case .strings: "a list of strings"
            case .box: "a box {x, y, width, height}"
            }
            throw wrong(expected)
        }
        if let range = argument.range, let number, !range.contains(number) {
            throw wrong("from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound)) (got \(Self.format(number)))")
        }
        return argument.kind == .integer ? .int(Int(number ?? 0)) : .double(number ?? 0)
    }

    private static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    func string(_ name: String) -> String? { values[name]?.stringValue }
    func int(_ name: String) -> Int? { values[name]?.intValue }
    func number(_ name: String) -> Double? { values[name]?.doubleValue }
    func bool(_ name: String) -> Bool? { values[name]?.boolValue }
    func strings(_ name: String) -> [String]? { values[name]?.arrayValue?.compactMap(\.stringValue) }

    func box(_ name: String) -> NoteBox? {
        guard let fields = values[name]?.objectValue else { return nil }
        func unit(_ key: String) -> Double { fields[key]?.doubleValue ?? fields[key]?.intValue.map(Double.init) ?? -1 }
        return NoteBox(x: unit("x"), y: unit("y"), width: unit("width"), height: unit("height"))
    }
}

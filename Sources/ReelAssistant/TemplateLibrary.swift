import Foundation
import ReelModel

/// The templates there are: the built-in ones, then those in the folders given (the user's
/// `~/.config/reel/templates/`), a later one replacing a built-in of the same name.
public struct TemplateLibrary: Sendable {
    public private(set) var templates: [ScriptTemplate]

    /// The built-in templates and those in `folders` (`*.yaml`, `*.yml`); a folder that does not exist is skipped.
    public init(folders: [URL] = []) throws {
        var byName: [String: ScriptTemplate] = [:]
        var order: [String] = []
        func add(_ template: ScriptTemplate) {
            if byName[template.name] == nil { order.append(template.name) }
            byName[template.name] = template
        }
        for (file, bytes) in Self.builtIn {
            add(try ScriptTemplate.parse(String(decoding: bytes, as: UTF8.self), source: "built in (\(file))"))
        }
        for folder in folders {
            let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
            for file in files.sorted(by: { $0.lastPathComponent < $1.lastPathComponent })
            where ["yaml", "yml"].contains(file.pathExtension.lowercased()) {
                guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                    throw ReelError(.invalidInput, "this template is not UTF-8 text", at: file.path, hint: "save it as UTF-8")
                }
                add(try ScriptTemplate.parse(text, source: file.path))
            }
        }
        templates = order.compactMap { byName[$0] }
    }

    /// The template called `name`, or a usage error listing the ones there are.
    public func template(_ name: String) throws -> ScriptTemplate {
        guard let found = templates.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw ReelError(.notFound, "there is no template called \(name)",
                            hint: "the templates are \(templates.map(\.name).joined(separator: ", ")); `reel templates` describes them")
        }
        return found
    }

    /// The built-in template files, in the order `reel templates` lists them.
    static var builtIn: [(String, [UInt8])] {
        [("reversal.yaml", PackageResources.reversal_yaml), ("romance.yaml", PackageResources.romance_yaml),
         ("suspense.yaml", PackageResources.suspense_yaml), ("comedy.yaml", PackageResources.comedy_yaml),
         ("product.yaml", PackageResources.product_yaml), ("trailer.yaml", PackageResources.trailer_yaml)]
    }
}

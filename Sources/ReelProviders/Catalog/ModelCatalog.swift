import Foundation
import ReelModel

/// Every model Reel knows: the built-in list with the user's and the project's changes
/// laid over it.
public struct ModelCatalog: Hashable, Sendable {
    public private(set) var models: [ModelCapabilities]

    public init(_ models: [ModelCapabilities] = []) { self.models = models }

    /// Lays `overrides` over this catalog: a model with the same provider and id replaces
    /// the old entry; a new one is added.
    public func merging(_ overrides: [ModelCapabilities]) -> ModelCatalog {
        var out = models
        for model in overrides {
            if let i = out.firstIndex(where: { $0.provider == model.provider && $0.id == model.id }) {
                out[i] = model
            } else {
                out.append(model)
            }
        }
        return ModelCatalog(out)
    }

    public func models(of provider: ProviderID, medium: ProviderDescriptor.Medium? = nil) -> [ModelCapabilities] {
        models.filter { $0.provider == provider && (medium == nil || $0.medium == medium) }
    }

    /// A model by `provider/id` or by bare id (when only one provider has it).
    public func model(named name: String) -> ModelCapabilities? {
        if let slash = name.firstIndex(of: "/") {
            let provider = ProviderID(String(name[..<slash]))
            let id = String(name[name.index(after: slash)...])
            return models.first { $0.provider == provider && $0.id == id }
        }
        let matches = models.filter { $0.id == name }
        return matches.count == 1 ? matches[0] : nil
    }
}

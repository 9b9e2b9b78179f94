/// A count and its noun in agreement, for text people read: `1 shot`, `3 shots`, `0 jobs`.
///
/// ```swift
/// Plural.count(1, "shot")                 // "1 shot"
/// Plural.count(2, "shot")                 // "2 shots"
/// Plural.count(2, "reference image")      // "2 reference images"
/// Plural.count(3, "take made", "takes made")
/// ```
public enum Plural {
    /// `n` and the singular when `n` is 1, else the plural (the singular plus `s` unless given).
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + noun(n, singular, plural)
    }

    /// The noun alone, in the number `n` calls for.
    public static func noun(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        n == 1 ? singular : plural ?? singular + "s"
    }
}

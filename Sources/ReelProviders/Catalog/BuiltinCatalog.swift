import Foundation

/// The models Reel knows out of the box, as YAML documents (one per provider, in
/// `Catalog/Builtin/`), in the same format as the user's `models.yaml`. They are data:
/// `reel providers catalog` prints them, and a user's or project's `models.yaml` replaces
/// any entry (same provider and id) or adds new ones.
public enum BuiltinCatalog {
    /// Every built-in document, in order.
    public static let documents: [(provider: String, yaml: String)] = [
        ("sim", sim),
        ("openai", openai),
        ("veo", veo),
        ("gemini", gemini),
        ("elevenlabs", elevenlabs),
        ("kling", kling),
        ("runway", runway),
        ("luma", luma),
        ("minimax", minimax),
        ("vidu", vidu),
        ("pixverse", pixverse),
        ("seedance", seedance),
        ("seedream", seedream),
        ("wan", wan),
        ("fal", fal),
        ("replicate", replicate),
        ("comfyui", comfyui),
        ("chat", chat),
    ]
}

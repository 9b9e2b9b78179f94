extension BuiltinCatalog {
    /// Vidu's models. Ids, durations and the seven-reference limit are from Vidu's Chinese
    /// API docs (provider-apis.md §7); prices are estimates (Vidu bills credits, which the
    /// adapter prices as each task reports them). The Q3 models (`viduq3-pro`, `viduq3-turbo`:
    /// 1–16 s, 720p or 1080p, text, a first frame or first and last, their own sound with
    /// `audio`) are as ComfyUI's Vidu Q3 nodes and Cloudflare's model page describe them;
    /// their prices are a reseller's per-second figures for 720p.
    static let vidu = #"""
    schema: reel.models/1
    models:
      - provider: vidu
        id: viduq1
        name: Vidu Q1
        modes: [text, image, first-last, references]
        durations: [5]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p, 1080p]
        max_references: 7
        quality: 7
        price: { amount: "0.04", currency: USD, per: second, source: estimate }
      - provider: vidu
        id: viduq2
        name: Vidu Q2
        modes: [text, image, first-last, references]
        duration_range: [1, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p, 1080p]
        max_references: 7
        quality: 8
        price: { amount: "0.05", currency: USD, per: second, source: estimate }
      - provider: vidu
        id: viduq3-pro
        name: Vidu Q3 Pro
        modes: [text, image, first-last]
        duration_range: [1, 16]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p, 1080p]
        native_audio: true
        quality: 9
        price: { amount: "0.15", currency: USD, per: second, source: estimate }
        notes: "Its own dialogue and sound when the project keeps a model's sound (audio: native); up to 16 s."
      - provider: vidu
        id: viduq3-turbo
        name: Vidu Q3 Turbo
        modes: [text, image, first-last]
        duration_range: [1, 16]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p, 1080p]
        native_audio: true
        quality: 8
        price: { amount: "0.08", currency: USD, per: second, source: estimate }
        notes: "The faster, cheaper Q3; its own sound with audio: native."
      - provider: vidu
        id: vidu2.0
        name: Vidu 2.0
        modes: [image, first-last, references]
        durations: [4, 8]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p]
        max_references: 3
        quality: 6
        price: { amount: "0.03", currency: USD, per: second, source: estimate }
    """#
}

extension BuiltinCatalog {
    /// Vidu's models. Ids, durations and the seven-reference limit are from Vidu's Chinese
    /// API docs (provider-apis.md §7); prices are estimates (Vidu bills credits, which the
    /// adapter prices as each task reports them).
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

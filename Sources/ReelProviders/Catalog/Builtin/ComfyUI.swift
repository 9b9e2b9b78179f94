extension BuiltinCatalog {
    /// ComfyUI runs whatever workflow the user points it at, so its one entry describes the
    /// slots Reel can fill, not a model; override it in models.yaml to match the workflow
    /// (its modes, lengths and sizes).
    static let comfyui = #"""
    schema: reel.models/1
    models:
      - provider: comfyui
        id: default
        name: Your ComfyUI workflow (options.workflow)
        modes: [text, image, first-last, references]
        duration_range: [1, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [480p, 720p]
        max_references: 4
        quality: 5
        price: { amount: "0", currency: USD, per: second, source: "self-hosted: your own hardware" }
        notes: >-
          Marks the slots it fills with node titles reel:prompt, reel:seed, reel:image… (docs/COMFYUI.md).
          What it can really make depends on the workflow: describe it here in your models.yaml.
      - provider: comfyui
        id: image
        name: Your ComfyUI image workflow (options.image_workflow)
        medium: image
        max_references: 0
        quality: 5
        price: { amount: "0", currency: USD, per: image, source: "self-hosted: your own hardware" }
        notes: >-
          Keyframes from your workflow's reel:prompt, reel:seed, reel:width and reel:height. It is sent the cast's
          references only when your models.yaml raises max_references to the reel:reference slots it has.
    """#
}

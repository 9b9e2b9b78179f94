extension FountainFixtures {
    /// A short Chinese screenplay using Reel's extensions (our own text).
    static let teahouse = #"""
    标题: 茶馆的雨
    作者: Reel 测试组

    .内景 茶馆 日

    雨打在玻璃上。老板娘擦着柜台。

    林晓推门进来，收起伞。

    林晓
    一杯龙井。

    @老板娘
    （头也不抬）
    今天没有龙井。

    林晓（画外音）
    她总是这样说。

    外景。街道 — 黄昏

    行人匆匆。

    周明(V.O.)
    我在对面等你。

    林晓
    你在哪儿？

    周明 ^
    就在你身后。

    !雨停了
    她回头。

    内/外 车内 夜

    周明开车。林晓看着窗外。

    欧阳·明月
    （轻声）
    *别回头。*

    .日 内 咖啡馆

    门开了。
    林晓走进来。

    > 切至：
    """#
}

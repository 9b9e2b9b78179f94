import Foundation
import ReelModel

/// The kind of place a scene heading names, found by English and Chinese keywords.
enum PanelPlace: String, CaseIterable, Sendable {
    case kitchen, bedroom, cafe, bar, restaurant, hospital, classroom, lab, office
    case station, train, car, corridor, stairs, shop, temple, church, palace, rooftop, home
    case park, forest, beach, bridge, river, mountain, street, city

    /// Places that are outdoors whatever the heading says.
    var isOutdoors: Bool {
        switch self {
        case .rooftop, .park, .forest, .beach, .bridge, .river, .mountain, .street, .city: true
        default: false
        }
    }

    /// Where people usually sit.
    var isSeated: Bool { hasTable || self == .car }

    /// Where people sit at a table, desk or counter.
    var hasTable: Bool {
        switch self {
        case .cafe, .restaurant, .bar, .office, .classroom: true
        default: false
        }
    }

    /// How far from the set's centre line (metres, toward `windowSide`) its window or most
    /// telling piece is drawn; nil when it has none worth turning to.
    var windowOffset: Double? {
        switch self {
        case .kitchen: 0.45
        case .home, .city: 1.25
        case .bedroom: 1.7
        case .office: 1.1
        case .cafe: 1.6
        case .hospital: 1.6
        case .classroom: 2.0
        case .lab: 2.2
        case .restaurant: 1.7
        case .bar: 2.0
        case .shop: 1.95
        case .station: 2.0
        case .train, .car, .corridor, .stairs, .temple, .church, .palace: nil
        case .rooftop, .park, .forest, .beach, .bridge, .river, .mountain, .street: nil
        }
    }

    /// Keywords in priority order: the first place with a matching keyword wins, so
    /// `coffee shop` is a café and `train station` a station.
    static let keywords: [(PanelPlace, [String])] = [
        (.kitchen, ["kitchen", "kitchenette", "pantry", "厨房", "灶台", "后厨"]),
        (.bedroom, ["bedroom", "bedchamber", "dorm", "dormitory", "nursery", "hotel", "motel", "inn", "酒店", "宾馆", "旅馆", "卧室", "寝室", "睡房", "宿舍", "卧房"]),
        (.cafe, ["cafe", "café", "coffee", "coffeehouse", "coffee shop", "teahouse", "tea house", "bakery",
                 "咖啡", "茶馆", "茶楼", "茶室", "甜品店"]),
        (.bar, ["bar", "pub", "tavern", "saloon", "nightclub", "club", "lounge bar", "酒吧", "夜店", "酒馆", "清吧"]),
        (.restaurant, ["restaurant", "diner", "cafeteria", "canteen", "bistro", "eatery", "dining room", "dining hall",
                       "餐厅", "饭店", "饭馆", "食堂", "餐馆", "面馆", "火锅", "大排档"]),
        (.hospital, ["hospital", "clinic", "ward", "infirmary", "er", "icu", "emergency room", "医院", "病房", "诊所",
                     "急诊", "手术室"]),
        (.lab, ["lab", "laboratory", "实验室", "研究所"]),
        (.classroom, ["classroom", "school", "schoolroom", "lecture hall", "university", "college", "campus",
                      "教室", "学校", "课堂", "大学", "校园", "礼堂"]),
        (.office, ["office", "workplace", "cubicle", "boardroom", "conference room", "meeting room", "study",
                   "headquarters", "agency", "办公室", "公司", "会议室", "书房", "写字楼", "总裁"]),
        (.station, ["station", "platform", "terminal", "airport", "depot", "车站", "站台", "机场", "火车站", "地铁站",
                    "候车"]),
        (.train, ["train", "subway", "metro", "tram", "carriage", "underground", "地铁", "火车", "列车", "高铁", "车厢"]),
        (.car, ["car", "taxi", "cab", "van", "truck", "jeep", "suv", "limo", "limousine", "bus", "汽车", "出租车",
                "车里", "车内", "轿车", "公交", "车上"]),
        (.corridor, ["corridor", "hallway", "hall", "passage", "lobby", "走廊", "过道", "大厅", "门厅", "楼道"]),
        (.stairs, ["stairs", "staircase", "stairwell", "steps", "楼梯", "台阶", "阶梯"]),
        (.rooftop, ["rooftop", "roof", "terrace", "balcony", "天台", "屋顶", "楼顶", "阳台", "露台"]),
        (.shop, ["shop", "store", "market", "supermarket", "mall", "boutique", "bookstore", "pharmacy", "kiosk",
                 "商店", "超市", "商场", "市场", "书店", "便利店", "小卖部", "店"]),
        (.temple, ["temple", "shrine", "pagoda", "monastery", "寺", "庙", "道观", "祠", "佛堂"]),
        (.church, ["church", "chapel", "cathedral", "mosque", "教堂", "礼拜堂"]),
        (.palace, ["palace", "castle", "throne room", "throne", "court", "宫", "殿", "城堡", "皇宫", "王府"]),
        (.home, ["living room", "apartment", "flat", "home", "house", "loft", "cabin", "cottage", "villa", "porch",
                 "lounge", "suite", "hotel room", "mansion", "客厅", "家", "公寓", "住宅", "别墅", "屋", "房间", "宅"]),
        (.park, ["park", "garden", "yard", "backyard", "playground", "courtyard", "meadow", "field", "farm",
                 "公园", "花园", "院子", "庭院", "草地", "田野", "农场", "操场"]),
        (.forest, ["forest", "woods", "wood", "jungle", "grove", "树林", "森林", "林中", "竹林", "丛林"]),
        (.bridge, ["bridge", "桥"]),
        (.beach, ["beach", "sea", "ocean", "shore", "coast", "seaside", "pier", "harbor", "harbour", "dock", "port",
                  "lighthouse", "海边", "海滩", "沙滩", "海", "码头", "港", "灯塔"]),
        (.river, ["river", "lake", "pond", "stream", "canal", "creek", "riverbank", "waterfront", "河", "湖", "江",
                  "溪", "池塘"]),
        (.street, ["street", "road", "alley", "alleyway", "avenue", "lane", "sidewalk", "crosswalk", "highway",
                   "boulevard", "intersection", "parking lot", "街", "路", "巷", "胡同", "马路", "路口", "停车场"]),
        (.mountain, ["mountain", "mountains", "hill", "hills", "cliff", "peak", "valley", "canyon", "summit",
                     "山", "峰", "悬崖", "山谷"]),
        (.city, ["city", "skyline", "downtown", "town", "plaza", "square", "城市", "都市", "市中心", "广场", "城"]),
    ]

    /// The place `location` names, or nil when no keyword matches.
    static func match(_ location: String) -> PanelPlace? {
        let lower = location.lowercased()
        var words: [String] = []
        var word = ""
        for ch in lower {
            if ch.isLetter, !ch.isCJK {
                word.append(ch)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        let joined = " " + words.joined(separator: " ") + " "
        for (place, keys) in keywords {
            for key in keys where matches(key, lower: lower, joined: joined, words: words) {
                return place
            }
        }
        return nil
    }

    private static func matches(_ key: String, lower: String, joined: String, words: [String]) -> Bool {
        if key.contains(where: { $0.isCJK }) { return lower.contains(key) }
        if key.contains(" ") { return joined.contains(" \(key) ") || joined.contains(" \(key)s ") }
        return words.contains { $0 == key || $0 == key + "s" || $0 == key + "es" }
    }
}

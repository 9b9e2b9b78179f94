import Foundation
import ReelModel

/// Words that tell the planner what a passage is like, in English and Chinese.
///
/// English entries match whole words case-insensitively (a trailing `*` matches any
/// ending: `laugh*`); Chinese entries match anywhere in the text.
enum Lexicon {
    static let moods: [(Mood, [String])] = [
        (.action, ["run*", "chase*", "fight*", "punch*", "crash*", "explod*", "race*", "races", "jump*", "sprint*",
                   "dodg*", "swerv*", "smash*", "kick*", "追", "奔跑", "打斗", "撞", "爆炸", "冲", "扑", "逃", "飞奔"]),
        (.tense, ["gun*", "knife", "blood*", "scream*", "threat*", "danger*", "afraid", "fear*", "panic*", "alarm*",
                  "siren*", "tremb*", "shak*", "hostage", "warning", "枪", "刀", "血", "尖叫", "威胁", "危险", "害怕",
                  "恐惧", "紧张", "颤抖", "警报", "质问", "逼"]),
        (.sad, ["sad", "sadly", "sorrow*", "cry", "cries", "crying", "tear*", "funeral", "grave*", "sob*", "grief", "mourn*", "goodbye", "lonely",
                "alone", "loss", "lost", "哭", "泪", "葬礼", "孤独", "告别", "失去", "难过", "伤心", "分手", "遗憾"]),
        (.joyful, ["laugh*", "smil*", "celebrat*", "party", "danc*", "cheer*", "grin*", "joy*", "giggl*", "笑", "庆祝",
                   "派对", "跳舞", "开心", "高兴", "欢呼", "兴奋"]),
        (.romantic, ["kiss*", "love*", "lover*", "wedding", "candle*", "romantic", "blush*", "吻", "爱", "牵手", "婚礼",
                     "喜欢", "心动", "脸红", "约会"]),
        (.mysterious, ["shadow*", "dark*", "whisper*", "secret*", "strange*", "fog", "mist", "creak*", "unknown",
                       "hooded", "影子", "黑暗", "低语", "秘密", "奇怪", "雾", "神秘", "陌生"]),
        (.warm, ["warm*", "tea", "home", "family", "gentl*", "tender*", "hug*", "embrac*", "cozy", "soup", "dinner", "grandm*", "grandp*", "茶", "家",
                 "家人", "拥抱", "温暖", "饭", "妈妈", "奶奶"]),
    ]

    /// Movement across the frame: follow it with a pan.
    static let travel = ["walk*", "enter*", "cross*", "run*", "hurr*", "stride*", "pace*", "wander*", "approach*",
                         "drive*", "rides", "走", "进", "穿过", "跑", "来到", "走向", "离开", "开车"]
    /// Something rises or is looked up at: tilt up.
    static let rise = ["looks up", "look up", "tower*", "rises", "skyscraper*", "climb*", "抬头", "仰望", "高楼", "爬"]
    /// Something falls or is looked down on: tilt down.
    static let fall = ["looks down", "look down", "falls", "drops", "sinks", "collaps*", "低头", "跌", "倒下", "掉"]
    /// A realization or a held look: push in.
    static let intensify = ["realiz*", "realis*", "stare*", "freez*", "froze", "gasp*", "tremb*", "shock*", "stunned",
                            "tears", "clench*", "愣", "盯", "震惊", "颤抖", "呆住", "僵住", "咬牙", "瞪"]
    /// Leaving, distance, solitude: pull out.
    static let withdraw = ["alone", "walks away", "leaves", "disappear*", "distance", "vanish*", "fades", "独自",
                           "消失", "远去", "走远", "只剩"]
    /// A detail worth an insert.
    static let details = ["phone", "letter", "photo*", "ring", "key", "keys", "note", "screen", "watch", "envelope",
                          "ticket", "hand", "hands", "cup", "glass", "手机", "信", "照片", "戒指", "钥匙", "纸条", "屏幕",
                          "手表", "信封", "车票", "手", "杯"]
    /// A line said with force or under breath: go close.
    static let emphatic = ["shout*", "yell*", "scream*", "whisper*", "cry*", "crying", "sob*", "angr*", "furious",
                           "tear*", "hiss*", "plead*", "beg*", "大喊", "喊", "吼", "低声", "轻声", "哭", "愤怒", "哽咽",
                           "颤声", "咆哮", "小声"]

    /// How many of `words` occur in `text`.
    static func count(_ words: [String], in text: String) -> Int {
        words.reduce(0) { $0 + (contains(text, $1) ? 1 : 0) }
    }

    /// How many times any of `words` occurs in `text`, counting repeats.
    static func occurrences(_ words: [String], in text: String) -> Int {
        words.reduce(0) { $0 + matches(text, $1) }
    }

    /// Pronouns that point back at characters already on screen.
    static let female = ["she", "her", "herself", "她"]
    static let male = ["he", "him", "his", "himself"]
    static let plural = ["they", "them", "both", "together", "两人", "他们", "她们", "一起"]

    static func containsAny(_ words: [String], in text: String) -> Bool {
        words.contains { contains(text, $0) }
    }

    /// Whole-word (or prefix with `*`) match for Latin words, substring for CJK.
    static func contains(_ text: String, _ word: String) -> Bool {
        matches(text, word, limit: 1) > 0
    }

    static func matches(_ text: String, _ word: String, limit: Int = .max) -> Int {
        if let first = word.first, first.isCJK {
            return min(limit, text.components(separatedBy: word).count - 1)
        }
        var found = 0
        let prefix = word.hasSuffix("*")
        let stem = prefix ? String(word.dropLast()) : word
        var searchRange = text.startIndex..<text.endIndex
        while let r = text.range(of: stem, options: [.caseInsensitive], range: searchRange) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            let startsWord = before.map { !($0.isLetter || $0.isNumber) } ?? true
            let endsWord = after.map { !($0.isLetter || $0.isNumber) } ?? true
            if startsWord && (prefix || endsWord) {
                found += 1
                if found >= limit { return found }
            }
            searchRange = r.upperBound..<text.endIndex
        }
        return found
    }
}

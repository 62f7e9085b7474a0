import Foundation
import Synchronization

/// Pinyin of Chinese text for search: full syllables and initials, tone marks removed.
///
/// Syllables come from ICU's Han-Latin transliteration (Foundation's `mandarinToLatin`), one character at a
/// time, each reading remembered for the life of the process: ICU costs about 10 µs a character, which made a
/// 50,000-customer search index take 8 s, and read character by character it gave the same syllables as whole
/// words for every name of the generated medium bank. ICU reads some characters the common non-banking way
/// (银行 as yin xing, 长安 as zhang an, 重庆 as zhong qing one character at a time); the phrase table fixes the
/// readings a bank's users type every day.
public enum Pinyin {
    /// Readings that beat ICU's, per phrase, one syllable per character.
    static let phraseReadings: [String: [String]] = [
        "银行": ["yin", "hang"], "总行": ["zong", "hang"], "分行": ["fen", "hang"], "支行": ["zhi", "hang"],
        "全行": ["quan", "hang"], "行长": ["hang", "zhang"], "行内": ["hang", "nei"], "行外": ["hang", "wai"],
        "行业": ["hang", "ye"], "同业": ["tong", "ye"], "长安": ["chang", "an"], "长沙": ["chang", "sha"],
        "长春": ["chang", "chun"], "长江": ["chang", "jiang"], "长城": ["chang", "cheng"], "重庆": ["chong", "qing"],
        "厦门": ["xia", "men"], "长乐": ["chang", "le"], "长汀": ["chang", "ting"], "长泰": ["chang", "tai"],
        "单位": ["dan", "wei"], "朝阳": ["chao", "yang"], "长期": ["chang", "qi"],
    ]

    /// One entry per character of `text`: its pinyin syllable for Han characters (lower case, no tones),
    /// the character itself, lower-cased, otherwise.
    public static func syllables(of text: String) -> [String] {
        let characters = Array(text)
        var result: [String] = []
        result.reserveCapacity(characters.count)
        var index = 0
        while index < characters.count {
            guard isHan(characters[index]) else {
                result.append(String(characters[index]).lowercased())
                index += 1
                continue
            }
            var end = index
            while end < characters.count, isHan(characters[end]) { end += 1 }
            result += hanSyllables(Array(characters[index..<end]))
            index = end
        }
        return result
    }

    /// The full pinyin without spaces, e.g. 客户经理 -> "kehujingli".
    public static func full(_ text: String) -> String { syllables(of: text).joined() }

    /// The initials, e.g. 客户经理 -> "khjl"; non-Han characters are kept.
    public static func initials(_ text: String) -> String {
        String(syllables(of: text).compactMap(\.first))
    }

    /// ICU's reading of each Han character seen so far.
    private static let readings = Mutex<[Character: String]>([:])

    private static func hanSyllables(_ run: [Character]) -> [String] {
        var syllables = readings.withLock { known in
            run.map { character in
                if let reading = known[character] { return reading }
                let reading = String(character).applyingTransform(.mandarinToLatin, reverse: false)?
                    .applyingTransform(.stripDiacritics, reverse: false)?.lowercased() ?? String(character)
                known[character] = reading
                return reading
            }
        }
        // Every phrase in the table is two characters long.
        for start in 0..<max(0, run.count - 1) {
            if let reading = phraseReadings[String(run[start...start + 1])] {
                syllables.replaceSubrange(start...start + 1, with: reading)
            }
        }
        return syllables
    }

    private static func isHan(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }
}

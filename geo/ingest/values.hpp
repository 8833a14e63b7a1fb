// Parsing attribute values as real files hold them.
//
// Survey tables are typed by hand: "1998年", "90年代", "约1995", "是/否", "有", "√", "66.7%",
// full-width digits, thousands separators. Each parser returns nullopt when the text cannot be
// read, never a guess; callers count and report those.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace renoplan::ingest {

// A year or a range of years. Exact years have lo == hi and approximate == false.
struct YearValue {
    int lo = 0;
    int hi = 0;
    bool approximate = false; // a decade ("90年代", "1990s"), "约1995", "1995左右", "1990-1995"
};

// "1998", "1998年", "1998.0", "1998-05-01", "1998/5", "1998年5月", "90年代", "九十年代",
// "上世纪90年代", "20世纪80年代", "1990s", "80's", "约1995", "1995年前后", "1990-1995",
// "1990～1995年". Years outside 1800..2100 are rejected.
//
// Decisions where real files leave room:
// - A two-digit decade without a century ("90年代", "80's") is 19xx from 30 up and 20xx below
//   ("00年代", "零零年代", "10年代" -> 2000s, 2010s); "上世纪"/"20世纪" fix 19xx, "本世纪"/"21世纪"
//   20xx. "五六十年代" / "80-90年代" span both decades.
// - Decade qualifiers: 初/初期 x0..x3, 前期 x0..x4, 中/中期 x3..x6, 中后期 x4..x9, 后期 x5..x9,
//   末/末期 x7..x9; all approximate.
// - "before" ("2000年以前", "2000年前", "90年代以前") gives 1900..X-1 (1800.. when X <= 1900),
//   approximate: in survey tables it classifies a community as older than X, and 1900 is a
//   floor no standing 小区 predates. "After" ("2000年以后") has no upper bound and is rejected.
// - Two-digit years ("98年") are rejected: "20年" may as well be an age.
// - Ranges ("1990-1995", "1990至1995", "1990-95") are approximate unless both ends are equal.
std::optional<YearValue> parse_year(std::string_view text);

// "是/否", "有/无", "Y/N", "yes/no", "true/false", "T/F", "1/0", "√/×", "✓/✗", "对/错", "已/未".
// Longer answers read by their first word: "有电梯", "已加装" -> true; "无物业", "未纳入", "不是",
// "非自建房" -> false. "不详", "未知", "待核实", "无数据" and the question itself ("是否", "有无")
// -> nullopt.
std::optional<bool> parse_bool(std::string_view text);

// A number with optional unit text around it: "12.5", "1,250", "１２３", "约300", "300户",
// "12.5万" (x 10,000), "1.2亿", "-3", "DN200", "120m2" (the 2 of m2 is no number). nullopt if no
// number or several numbers ("100-200", "400x300"). Chinese numerals ("三百") are not read.
std::optional<double> parse_number(std::string_view text);

// A share as a fraction 0..1 plus whether the text said percent explicitly: "66.7%" -> 0.667
// (explicit), "0.667" -> 0.667, "66.7" -> 66.7 (caller decides the scale for the column),
// "2/3" -> 0.6667 (explicit), "三分之二" -> 0.6667 (explicit).
struct ShareValue {
    double value = 0.0;
    bool explicit_scale = false; // the text fixed the scale ("%", fraction, Chinese fraction)
};
std::optional<ShareValue> parse_share(std::string_view text);

// A name normalised for matching: full-width ASCII folded to ASCII, ASCII lower-cased, and
// spaces, underscores, hyphens, dots and brackets (ASCII and full-width, also
// 【】〔〕《》〈〉「」『』) and middle dots removed; other UTF-8 (Chinese) kept as is. "建成
// 年份（年）" -> "建成年份年", "Built_Year" -> "builtyear".
std::string normalize_name(std::string_view text);

// Full-width ASCII (Ｒ２, １２３, ％, ～) folded to ASCII, the ideographic and no-break spaces to a
// space, typographic dashes and quotes to '-' and '\''; nothing else changes.
std::string fold_width(std::string_view text);

// Text trimmed of ASCII whitespace and ideographic spaces (U+3000) at both ends.
std::string_view trim_text(std::string_view text);

// Number of CJK ideographs in UTF-8 text ("建成年份(年)" -> 5).
size_t count_cjk(std::string_view text);

} // namespace renoplan::ingest

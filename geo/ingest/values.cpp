// Parsing attribute values as real files hold them.
//
// Index:
//   [SECTION] UTF-8 helpers
//   [SECTION] Chinese numerals
//   [SECTION] Tokens
//   [SECTION] parse_year
//   [SECTION] parse_bool
//   [SECTION] parse_number
//   [SECTION] parse_share
//   [SECTION] normalize_name
#include "geo/ingest/values.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <vector>

#include "geo/core/text.hpp"

namespace renoplan::ingest {

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] UTF-8 helpers (decoding and encoding are in geo/core/text.hpp)
//-------------------------------------------------------------------------------------------------

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
char to_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string remove_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s)
        if (!is_ascii_space(c)) out += c;
    return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}
bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Chinese numerals
//-------------------------------------------------------------------------------------------------

// Digit value of a Chinese numeral character, -1 otherwise. ○ (U+25CB) is the zero typed in
// place of 〇 in many tables ("二○○○年").
int chinese_digit(char32_t cp) {
    switch (cp) {
    case U'〇':
    case U'零':
    case U'○':
        return 0;
    case U'一':
        return 1;
    case U'二':
    case U'两':
        return 2;
    case U'三':
        return 3;
    case U'四':
        return 4;
    case U'五':
        return 5;
    case U'六':
        return 6;
    case U'七':
        return 7;
    case U'八':
        return 8;
    case U'九':
        return 9;
    default:
        return -1;
    }
}

// A run of Chinese numerals as Arabic text for year parsing: digit strings read digit by digit
// ("一九九八" -> "1998", "八零" -> "80"), tens read as numbers ("九十" -> "90", "二十" -> "20",
// "十五" -> "15") and two digits before 十 as a span of decades ("五六十" -> "50-60"). Empty
// when the run has no such reading.
std::string chinese_run_to_digits(const std::vector<char32_t>& run) {
    const auto ten = std::find(run.begin(), run.end(), U'十');
    if (ten == run.end()) {
        std::string out;
        for (char32_t cp : run)
            out += static_cast<char>('0' + chinese_digit(cp));
        return out;
    }
    const auto before = static_cast<size_t>(ten - run.begin());
    const size_t after = run.size() - before - 1;
    if (std::count(run.begin(), run.end(), U'十') != 1 || after > 1) return {};
    int units = 0;
    if (after == 1) units = chinese_digit(run.back());
    if (before == 2 && after == 0) { // 五六十 -> 50-60
        return std::to_string(chinese_digit(run[0]) * 10) + "-" +
               std::to_string(chinese_digit(run[1]) * 10);
    }
    if (before > 1) return {};
    const int tens = before == 1 ? chinese_digit(run[0]) : 1;
    return std::to_string(tens * 10 + units);
}

// Replaces runs of Chinese numerals with Arabic digits (see chinese_run_to_digits); a run
// without a reading is kept as it is (and the text will then not parse).
std::string chinese_numerals_to_digits(std::string_view s) {
    std::string out;
    std::vector<char32_t> run;
    std::string run_text;
    auto flush = [&] {
        if (run.empty()) return;
        const std::string digits = chinese_run_to_digits(run);
        out += digits.empty() ? run_text : digits;
        run.clear();
        run_text.clear();
    };
    for (size_t i = 0; i < s.size();) {
        const CodePoint c = decode_utf8(s, i);
        if (chinese_digit(c.cp) >= 0 || c.cp == U'十') {
            run.push_back(c.cp);
            run_text.append(s.substr(i, c.len));
        } else {
            flush();
            out.append(s.substr(i, c.len));
        }
        i += c.len;
    }
    flush();
    return out;
}

// A Chinese or Arabic number for fractions: "二", "六十六点七", "一百", "百" (as in 百分之),
// "66.7". nullopt when the text is not one number.
std::optional<double> chinese_number(std::string_view s) {
    if (s.empty()) return std::nullopt;
    if (std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c) || c == '.'; })) {
        double v = 0.0;
        const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
        return v;
    }
    double total = 0.0;
    double current = 0.0;
    bool have_current = false;
    bool in_decimals = false;
    double scale = 0.1;
    for (size_t i = 0; i < s.size();) {
        const CodePoint c = decode_utf8(s, i);
        i += c.len;
        const int d = chinese_digit(c.cp);
        if (in_decimals) {
            if (d < 0) return std::nullopt;
            total += d * scale;
            scale /= 10.0;
            continue;
        }
        if (d >= 0) {
            current = d;
            have_current = true;
            continue;
        }
        double unit = 0.0;
        switch (c.cp) {
        case U'十':
            unit = 10.0;
            break;
        case U'百':
            unit = 100.0;
            break;
        case U'千':
            unit = 1000.0;
            break;
        case U'点':
            in_decimals = true;
            break;
        default:
            return std::nullopt;
        }
        if (in_decimals) {
            total += current;
            current = 0.0;
            have_current = false;
            continue;
        }
        total += (have_current ? current : 1.0) * unit;
        current = 0.0;
        have_current = false;
    }
    return total + current;
}

bool is_chinese_number_char(char32_t cp) {
    return chinese_digit(cp) >= 0 || cp == U'十' || cp == U'百' || cp == U'千' || cp == U'点';
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Tokens
//-------------------------------------------------------------------------------------------------

// Text split into digit runs and the text between them (no whitespace by then).
struct Token {
    bool number = false;
    std::string text;
    int value = 0; // for numbers of up to 9 digits
};

std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> tokens;
    size_t i = 0;
    while (i < s.size()) {
        const bool number = is_digit(s[i]);
        size_t j = i;
        while (j < s.size() && is_digit(s[j]) == number)
            ++j;
        Token t;
        t.number = number;
        t.text = std::string(s.substr(i, j - i));
        if (number) {
            if (t.text.size() > 9) return {};
            std::from_chars(t.text.data(), t.text.data() + t.text.size(), t.value);
        }
        tokens.push_back(std::move(t));
        i = j;
    }
    return tokens;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] parse_year
//-------------------------------------------------------------------------------------------------

constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2100;
constexpr int kBeforeFloor = 1900; // lower end of "before X" (see values.hpp)

bool is_range_separator(std::string_view t) {
    return t == "-" || t == "~" || t == "至" || t == "到" || t == "年-" || t == "年~" ||
           t == "年至" || t == "年到" || t == "/" || t == "--" || t == "~~" || t == "、";
}

bool valid_month(int m) {
    return m >= 1 && m <= 12;
}
bool valid_day(int d) {
    return d >= 1 && d <= 31;
}

// The decade span of a qualifier after 年代 ("" for the whole decade); false if unknown.
bool decade_qualifier(std::string_view q, int& first, int& last) {
    struct Q {
        std::string_view text;
        int first, last;
    };
    static constexpr std::array<Q, 9> kQualifiers = {{{"", 0, 9},
                                                      {"初", 0, 3},
                                                      {"初期", 0, 3},
                                                      {"前期", 0, 4},
                                                      {"中", 3, 6},
                                                      {"中期", 3, 6},
                                                      {"中后期", 4, 9},
                                                      {"后期", 5, 9},
                                                      {"末", 7, 9}}};
    if (q == "末期") q = "末";
    for (const auto& k : kQualifiers)
        if (k.text == q) {
            first = k.first;
            last = k.last;
            return true;
        }
    return false;
}

// The first year of a decade written with 2 or 4 digits; 0 if it is not a decade.
int decade_start(const Token& t, int century) {
    if (!t.number || t.value % 10 != 0) return 0;
    if (t.text.size() == 2) {
        if (century) return century + t.value;
        return t.value >= 30 ? 1900 + t.value : 2000 + t.value;
    }
    if (t.text.size() == 4 && !century) return t.value;
    return 0;
}

std::optional<YearValue> match_decade(const std::vector<Token>& t, int century) {
    // [N, "年代<q>"], [N, sep, N, "年代<q>"], [N, "s"], [N, "'s"], ["'", N, "s"]
    auto suffix_ok = [](const Token& tok, int& first, int& last) {
        if (tok.number) return false;
        if (tok.text == "s" || tok.text == "'s") {
            first = 0;
            last = 9;
            return true;
        }
        if (!starts_with(tok.text, "年代")) return false;
        return decade_qualifier(std::string_view(tok.text).substr(6), first, last);
    };
    int first = 0, last = 9;
    if (t.size() == 2 && suffix_ok(t[1], first, last)) {
        const int d = decade_start(t[0], century);
        if (!d) return std::nullopt;
        return YearValue{d + first, d + last, true};
    }
    if (t.size() == 3 && !t[0].number && t[0].text == "'" && t[2].text == "s") {
        const int d = decade_start(t[1], century);
        if (!d) return std::nullopt;
        return YearValue{d, d + 9, true};
    }
    if (t.size() == 4 && !t[1].number && is_range_separator(t[1].text) &&
        suffix_ok(t[3], first, last)) {
        const int d0 = decade_start(t[0], century);
        int d1 = decade_start(t[2], century);
        // "1980-90年代": the second decade takes the century of the first
        if (d0 && t[0].text.size() == 4 && t[2].text.size() == 2 && t[2].number)
            d1 = d0 / 100 * 100 + t[2].value;
        if (!d0 || !d1 || d1 < d0) return std::nullopt;
        return YearValue{d0, d1 + 9, true};
    }
    return std::nullopt;
}

bool is_year4(const Token& t) {
    return t.number && t.text.size() == 4;
}

std::optional<YearValue> exact(int year) {
    return YearValue{year, year, false};
}

std::optional<YearValue> match_year(const std::vector<Token>& t) {
    if (t.empty()) return std::nullopt;
    if (t.size() == 1 && t[0].number) {
        const Token& n = t[0];
        if (n.text.size() == 4) return exact(n.value);
        if (n.text.size() == 6 && valid_month(n.value % 100)) return exact(n.value / 100);
        if (n.text.size() == 8 && valid_month(n.value / 100 % 100) && valid_day(n.value % 100))
            return exact(n.value / 10000);
        return std::nullopt;
    }
    if (!is_year4(t[0]) || t[1].number) return std::nullopt;
    const int y = t[0].value;
    const std::string& sep = t[1].text;
    // ranges: 1990-1995, 1990年至1995, 1990-95
    if (t.size() == 3 && t[2].number && is_range_separator(sep)) {
        int hi = -1;
        if (t[2].text.size() == 4) {
            hi = t[2].value;
        } else if (t[2].text.size() == 2) {
            const bool date_like = (sep == "-" || sep == "/") && valid_month(t[2].value);
            if (date_like) return exact(y); // 1998-05, 1998/5
            hi = y / 100 * 100 + t[2].value;
        } else if (t[2].text.size() == 1 && (sep == "-" || sep == "/") && valid_month(t[2].value)) {
            return exact(y); // 1998/5
        }
        if (hi < y) return std::nullopt;
        return YearValue{y, hi, hi != y};
    }
    // 1998.0, 1998.5 (a year stored as a real, or year.month)
    if (t.size() == 3 && sep == "." && t[2].number) {
        const bool zeros = t[2].text.find_first_not_of('0') == std::string::npos;
        if (zeros || valid_month(t[2].value)) return exact(y);
        return std::nullopt;
    }
    // dates: 1998-05-01, 1998/5/1, 1998.05.01, 1998年5月, 1998年5月1日
    if (sep == "-" || sep == "/" || sep == ".") {
        if (t.size() == 5 && t[2].number && t[3].text == sep && t[4].number &&
            valid_month(t[2].value) && valid_day(t[4].value))
            return exact(y);
        return std::nullopt;
    }
    if (sep == "年" && t.size() >= 4 && t[2].number && t[3].text == "月" &&
        valid_month(t[2].value)) {
        if (t.size() == 4) return exact(y);
        if (t.size() == 6 && t[4].number && (t[5].text == "日" || t[5].text == "号") &&
            valid_day(t[4].value))
            return exact(y);
    }
    return std::nullopt;
}

// Strips a date's time part: "1998-05-01 12:00:00", "1998-05-01T12:00:00Z".
std::string_view strip_time(std::string_view s) {
    if (s.size() > 10 && is_digit(s[0]) && is_digit(s[3]) && s[4] == '-') {
        const size_t cut = s.find_first_of(" T", 8);
        if (cut != std::string_view::npos && s.find(':', cut) != std::string_view::npos)
            return s.substr(0, cut);
    }
    return s;
}

} // namespace

std::optional<YearValue> parse_year(std::string_view text) {
    const std::string folded = fold_width(trim_text(text));
    std::string s = ascii_lower(remove_spaces(strip_time(folded)));
    s = chinese_numerals_to_digits(s);
    if (s.empty()) return std::nullopt;

    bool approximate = false;
    bool before = false;
    int century = 0;

    // prefixes: approximation markers and centuries, in any order
    static constexpr std::array<std::string_view, 10> kApproxPrefixes = {
        "大约", "大概", "约为", "估计", "约", "估", "circa", "ca.", "c.", "~"};
    for (bool changed = true; changed;) {
        changed = false;
        for (auto p : kApproxPrefixes)
            if (starts_with(s, p)) {
                s.erase(0, p.size());
                approximate = changed = true;
            }
        for (std::string_view p : {"上个世纪", "上世纪", "本世纪"})
            if (starts_with(s, p) && !century) {
                century = p == "本世纪" ? 2000 : 1900;
                s.erase(0, p.size());
                changed = true;
            }
        if (s.size() > 8 && is_digit(s[0]) && is_digit(s[1]) && s.compare(2, 6, "世纪") == 0 &&
            !century) {
            const int c = (s[0] - '0') * 10 + (s[1] - '0');
            if (c < 19 || c > 21) return std::nullopt;
            century = (c - 1) * 100;
            s.erase(0, 8);
            changed = true;
        }
    }

    // suffixes: approximation, "before", "after", and words like 建成
    struct Suffix {
        std::string_view text;
        enum { Approx, Before, After, Drop } what;
    };
    static constexpr std::array<Suffix, 20> kSuffixes = {{
        {"左右", Suffix::Approx}, {"前后", Suffix::Approx}, {"上下", Suffix::Approx},
        {"以前", Suffix::Before}, {"之前", Suffix::Before}, {"以后", Suffix::After},
        {"之后", Suffix::After},  {"建成", Suffix::Drop},   {"竣工", Suffix::Drop},
        {"修建", Suffix::Drop},   {"建设", Suffix::Drop},   {"建造", Suffix::Drop},
        {"许", Suffix::Approx},   {"多", Suffix::Approx},   {"?", Suffix::Approx},
        {"前", Suffix::Before},   {"后", Suffix::After},    {"建", Suffix::Drop},
        {"(估)", Suffix::Approx}, {"(约)", Suffix::Approx},
    }};
    for (bool changed = true; changed && !s.empty();) {
        changed = false;
        for (const auto& suffix : kSuffixes) {
            if (!ends_with(s, suffix.text)) continue;
            s.erase(s.size() - suffix.text.size());
            switch (suffix.what) {
            case Suffix::Approx:
                approximate = true;
                break;
            case Suffix::Before:
                if (before) return std::nullopt;
                before = true;
                break;
            case Suffix::After:
                return std::nullopt;
            case Suffix::Drop:
                break;
            }
            changed = true;
            break;
        }
    }
    if (ends_with(s, "年度")) {
        s.erase(s.size() - 6);
    } else if (ends_with(s, "年")) {
        s.erase(s.size() - 3);
    }

    const std::vector<Token> tokens = tokenize(s);
    std::optional<YearValue> year = match_decade(tokens, century);
    if (!year && !century) year = match_year(tokens);
    if (!year) return std::nullopt;
    year->approximate = year->approximate || approximate;
    if (before) {
        const int hi = year->lo - 1;
        *year = YearValue{hi >= kBeforeFloor ? kBeforeFloor : kMinYear, hi, true};
    }
    if (year->lo < kMinYear || year->hi > kMaxYear || year->lo > year->hi) return std::nullopt;
    return year;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] parse_bool
//-------------------------------------------------------------------------------------------------

std::optional<bool> parse_bool(std::string_view text) {
    const std::string s = ascii_lower(remove_spaces(fold_width(trim_text(text))));
    if (s.empty()) return std::nullopt;
    static constexpr std::array<std::string_view, 15> kTrue = {
        "是", "有", "y", "yes", "true", "t", "1", "1.0", "√", "✓", "✔", "对", "已", "on", "真"};
    static constexpr std::array<std::string_view, 17> kFalse = {
        "否", "无", "n",  "no", "false", "f",  "0",    "0.0", "×",
        "✗",  "✘",  "错", "未", "off",   "假", "没有", "none"};
    for (auto v : kTrue)
        if (s == v) return true;
    for (auto v : kFalse)
        if (s == v) return false;
    // Longer answers: "有电梯", "已加装", "无物业", "未纳入", "不是", "非自建房". "是否..." and
    // "有无..." repeat the question, and "不详", "未知", "待核实", "无数据" say it is not known.
    if (starts_with(s, "是否") || starts_with(s, "有无")) return std::nullopt;
    for (std::string_view unknown :
         {"详", "知", "清楚", "确定", "明", "待", "核", "查", "数据", "资料", "?", "填"})
        if (s.find(unknown) != std::string::npos) return std::nullopt;
    for (std::string_view p : {"无", "没", "未", "不", "非", "否"})
        if (starts_with(s, p)) return false;
    for (std::string_view p : {"有", "已", "是"})
        if (starts_with(s, p)) return true;
    return std::nullopt;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] parse_number
//-------------------------------------------------------------------------------------------------

std::optional<double> parse_number(std::string_view text) {
    const std::string s = fold_width(text);
    std::vector<double> numbers;
    size_t i = 0;
    while (i < s.size()) {
        const bool starts_number =
            is_digit(s[i]) || (s[i] == '.' && i + 1 < s.size() && is_digit(s[i + 1]) &&
                               (i == 0 || !is_digit(s[i - 1])));
        if (!starts_number) {
            ++i;
            continue;
        }
        // "m2", "km2", "m3": a unit's exponent, not a number
        if (i > 0 && (s[i - 1] == 'm' || s[i - 1] == 'M') && (s[i] == '2' || s[i] == '3') &&
            (i + 1 == s.size() || !is_digit(s[i + 1]))) {
            ++i;
            continue;
        }
        // a sign directly before, not a dash between two numbers ("100-200")
        bool negative = false;
        if (i > 0 && (s[i - 1] == '-' || s[i - 1] == '+'))
            negative = s[i - 1] == '-' && (i == 1 || (!is_digit(s[i - 2]) && s[i - 2] != '.'));
        std::string digits;
        size_t j = i;
        while (j < s.size()) {
            if (is_digit(s[j])) {
                digits += s[j++];
            } else if (s[j] == ',' && !digits.empty() && j + 3 < s.size() && is_digit(s[j + 1]) &&
                       is_digit(s[j + 2]) && is_digit(s[j + 3]) &&
                       (j + 4 == s.size() || !is_digit(s[j + 4]))) {
                ++j; // thousands separator
            } else {
                break;
            }
        }
        if (j + 1 < s.size() && s[j] == '.' && is_digit(s[j + 1])) {
            digits += s[j++];
            while (j < s.size() && is_digit(s[j]))
                digits += s[j++];
        }
        if (j + 1 < s.size() && (s[j] == 'e' || s[j] == 'E')) {
            size_t k = j + 1;
            if (k < s.size() && (s[k] == '-' || s[k] == '+')) ++k;
            if (k < s.size() && is_digit(s[k])) {
                digits += 'e';
                digits.append(s, j + 1, k - j - 1);
                while (k < s.size() && is_digit(s[k]))
                    digits += s[k++];
                j = k;
            }
        }
        double v = 0.0;
        const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
        if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
        // multipliers: 12.5万, 1.2亿
        size_t k = j;
        while (k < s.size() && is_ascii_space(s[k]))
            ++k;
        if (s.compare(k, 3, "万") == 0) {
            v *= 1e4;
            j = k + 3;
        } else if (s.compare(k, 3, "亿") == 0) {
            v *= 1e8;
            j = k + 3;
        }
        numbers.push_back(negative ? -v : v);
        i = j;
    }
    if (numbers.size() != 1 || !std::isfinite(numbers[0])) return std::nullopt;
    return numbers[0];
}

//-------------------------------------------------------------------------------------------------
// [SECTION] parse_share
//-------------------------------------------------------------------------------------------------

namespace {

// "三分之二", "2分之1", "百分之六十六点七": denominator before 分之, numerator after.
std::optional<double> chinese_fraction(std::string_view s) {
    const size_t at = s.find("分之");
    if (at == std::string_view::npos) return std::nullopt;
    // denominator: the numeral run ending at `at`
    size_t begin = at;
    while (begin > 0) {
        size_t k = begin - 1;
        while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80)
            --k;
        const CodePoint c = decode_utf8(s, k);
        if (!is_chinese_number_char(c.cp) && !is_digit(s[k])) break;
        begin = k;
    }
    size_t end = at + 6;
    while (end < s.size()) {
        const CodePoint c = decode_utf8(s, end);
        if (!is_chinese_number_char(c.cp) && !is_digit(s[end]) && s[end] != '.') break;
        end += c.len;
    }
    const auto den = chinese_number(s.substr(begin, at - begin));
    const auto num = chinese_number(s.substr(at + 6, end - at - 6));
    if (!den || !num || *den <= 0.0) return std::nullopt;
    // nothing else may hold digits
    const std::string_view rest_before = s.substr(0, begin);
    const std::string_view rest_after = s.substr(end);
    auto has_digit = [](std::string_view r) {
        return std::any_of(r.begin(), r.end(), [](char c) { return is_digit(c); });
    };
    if (has_digit(rest_before) || has_digit(rest_after)) return std::nullopt;
    return *num / *den;
}

} // namespace

std::optional<ShareValue> parse_share(std::string_view text) {
    const std::string s = fold_width(trim_text(text));
    if (s.empty()) return std::nullopt;
    std::optional<ShareValue> share;
    if (s.find("分之") != std::string::npos) {
        if (const auto v = chinese_fraction(s)) share = ShareValue{*v, true};
    } else if (const size_t pct = s.find('%'); pct != std::string::npos) {
        if (s.find('%', pct + 1) != std::string::npos) return std::nullopt;
        std::string rest = s;
        rest.erase(pct, 1);
        if (const auto v = parse_number(rest)) share = ShareValue{*v / 100.0, true};
    } else if (const size_t slash = s.find('/'); slash != std::string::npos) {
        const auto num = parse_number(std::string_view(s).substr(0, slash));
        const auto den = parse_number(std::string_view(s).substr(slash + 1));
        if (num && den && *den > 0.0) share = ShareValue{*num / *den, true};
    } else if (const auto v = parse_number(s)) {
        share = ShareValue{*v, false};
    }
    if (!share || share->value < 0.0) return std::nullopt;
    if (share->explicit_scale ? share->value > 1.0 + 1e-9 : share->value > 100.0)
        return std::nullopt;
    return share;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] normalize_name
//-------------------------------------------------------------------------------------------------

std::string fold_width(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const CodePoint c = decode_utf8(text, i);
        char32_t cp = c.cp;
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            cp -= 0xFEE0;
        } else if (cp == 0x3000 || cp == 0x00A0 || cp == 0x2007 || cp == 0x202F) {
            cp = ' ';
        } else if (cp == 0x2018 || cp == 0x2019 || cp == 0x2032) {
            cp = '\'';
        } else if (cp == 0x201C || cp == 0x201D) {
            cp = '"';
        } else if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) {
            cp = '-';
        } else if (cp == 0x301C) {
            cp = '~';
        }
        if (cp == 0xFFFD && c.len == 1)
            out += text[i]; // keep undecodable bytes as they are
        else
            append_utf8(out, cp);
        i += c.len;
    }
    return out;
}

std::string_view trim_text(std::string_view text) {
    static constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
    for (bool changed = true; changed;) {
        changed = false;
        while (!text.empty() && is_ascii_space(text.front())) {
            text.remove_prefix(1);
            changed = true;
        }
        while (!text.empty() && is_ascii_space(text.back())) {
            text.remove_suffix(1);
            changed = true;
        }
        if (starts_with(text, kIdeographicSpace)) {
            text.remove_prefix(3);
            changed = true;
        }
        if (ends_with(text, kIdeographicSpace)) {
            text.remove_suffix(3);
            changed = true;
        }
    }
    return text;
}

size_t count_cjk(std::string_view text) {
    size_t n = 0;
    for (size_t i = 0; i < text.size();) {
        const CodePoint c = decode_utf8(text, i);
        if ((c.cp >= 0x4E00 && c.cp <= 0x9FFF) || (c.cp >= 0x3400 && c.cp <= 0x4DBF) ||
            (c.cp >= 0xF900 && c.cp <= 0xFAFF) || (c.cp >= 0x20000 && c.cp <= 0x2FFFF))
            ++n;
        i += c.len;
    }
    return n;
}

std::string normalize_name(std::string_view text) {
    const std::string folded = fold_width(text);
    std::string out;
    out.reserve(folded.size());
    for (size_t i = 0; i < folded.size();) {
        const CodePoint c = decode_utf8(folded, i);
        if (c.cp < 0x80) {
            const char ch = folded[i];
            const bool drop = is_ascii_space(ch) || ch == '_' || ch == '-' || ch == '.' ||
                              ch == '(' || ch == ')' || ch == '[' || ch == ']' || ch == '{' ||
                              ch == '}' || ch == '<' || ch == '>';
            if (!drop) out += to_lower(ch);
        } else {
            switch (c.cp) {
            case U'【':
            case U'】':
            case U'〔':
            case U'〕':
            case U'《':
            case U'》':
            case U'〈':
            case U'〉':
            case U'「':
            case U'」':
            case U'『':
            case U'』':
            case U'·':
            case U'・':
                break;
            default:
                out.append(folded, i, c.len);
            }
        }
        i += c.len;
    }
    return out;
}

} // namespace renoplan::ingest

// UTF-8 and ASCII text helpers shared by the loader, the value parsers and the CRS parser.
// All text inside renoplan is UTF-8; other encodings are recoded at the I/O edge
// (geo/io/encoding.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace renoplan {

struct CodePoint {
    char32_t cp = 0;
    size_t len = 1;    // bytes consumed
    bool valid = true; // false: invalid sequence, cp is U+FFFD and len 1
};

// Decodes the code point starting at byte i. Overlong forms, surrogates and code points above
// U+10FFFF are invalid.
CodePoint decode_utf8(std::string_view text, size_t i);
void append_utf8(std::string& out, char32_t cp);

bool is_valid_utf8(std::string_view text);
bool is_ascii(std::string_view text);

bool is_ascii_space(char c);
// ASCII letters lower-cased; other bytes (UTF-8) unchanged.
std::string ascii_lower(std::string text);
// Leading and trailing ASCII white space removed.
std::string trim(std::string_view text);

} // namespace renoplan

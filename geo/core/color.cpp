#include "geo/core/color.hpp"

#include <stdexcept>

namespace renoplan {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace

Color Color::hex(std::string_view text) {
    if ((text.size() != 7 && text.size() != 9) || text[0] != '#')
        throw std::invalid_argument("colour '" + std::string(text) +
                                    "' is not #rrggbb or #rrggbbaa");
    uint8_t parts[4] = {0, 0, 0, 255};
    for (size_t i = 1, k = 0; i < text.size(); i += 2, ++k) {
        const int hi = hex_digit(text[i]), lo = hex_digit(text[i + 1]);
        if (hi < 0 || lo < 0)
            throw std::invalid_argument("colour '" + std::string(text) + "' has a non-hex digit");
        parts[k] = static_cast<uint8_t>(hi * 16 + lo);
    }
    return Color{parts[0], parts[1], parts[2], parts[3]};
}

std::string Color::qgis() const {
    return std::to_string(r) + "," + std::to_string(g) + "," + std::to_string(b) + "," +
           std::to_string(a);
}

} // namespace renoplan

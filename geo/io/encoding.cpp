#include "geo/io/encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace renoplan::io {

namespace fs = std::filesystem;

std::optional<std::string> to_utf8(std::string_view text, const std::string& from_encoding) {
    iconv_t cd = ::iconv_open("UTF-8", from_encoding.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1))
        throw std::runtime_error("unknown text encoding '" + from_encoding + "'");
    std::string out(text.size() * 3 + 8, '\0');
    char* in_ptr = const_cast<char*>(text.data());
    size_t in_left = text.size();
    char* out_ptr = out.data();
    size_t out_left = out.size();
    const size_t rc = ::iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    ::iconv_close(cd);
    if (rc == static_cast<size_t>(-1) || in_left != 0) return std::nullopt;
    out.resize(out.size() - out_left);
    return out;
}

std::string dbf_ldid_codepage(uint8_t ldid) {
    // ESRI / dBase language driver ids (the subset met in practice, plus the CJK ones).
    switch (ldid) {
    case 0x01:
        return "CP437";
    case 0x02:
        return "CP850";
    case 0x03:
        return "CP1252";
    case 0x4D:
        return "CP936"; // Chinese GBK (PRC)
    case 0x4E:
        return "CP949"; // Korean
    case 0x4F:
        return "CP950"; // Chinese Big5 (Taiwan, Hong Kong)
    case 0x50:
        return "CP874"; // Thai
    case 0x57:
        return "CP1252"; // ESRI ANSI
    case 0x58:
        return "CP1252";
    case 0x59:
        return "CP1252";
    case 0x64:
        return "CP852";
    case 0x65:
        return "CP866";
    case 0x7A:
        return "CP936"; // PRC GBK (dBase)
    case 0x7B:
        return "CP949";
    case 0x7C:
        return "CP874";
    case 0x7D:
        return "CP1255";
    case 0x7E:
        return "CP1256";
    case 0xC8:
        return "CP1250";
    case 0xC9:
        return "CP1251";
    case 0xCA:
        return "CP1254";
    case 0xCB:
        return "CP1253";
    case 0xCC:
        return "CP1257";
    default:
        return {};
    }
}

namespace {

std::optional<fs::path> sibling_with_extension(const fs::path& p, const std::string& ext) {
    for (const std::string& e :
         {ext, [&] {
              std::string up = ext;
              std::transform(up.begin(), up.end(), up.begin(),
                             [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
              return up;
          }()}) {
        fs::path candidate = p;
        candidate.replace_extension(e);
        std::error_code ec;
        if (fs::exists(candidate, ec)) return candidate;
    }
    return std::nullopt;
}

std::string normalise_cpg(std::string text) {
    text = trim(std::move(text));
    std::string up = text;
    std::transform(up.begin(), up.end(), up.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (up == "UTF8" || up == "UTF-8" || up == "65001") return "UTF-8";
    if (up == "936" || up == "GBK" || up == "CP936" || up == "GB2312") return "CP936";
    if (up == "GB18030" || up == "54936") return "GB18030";
    if (up == "950" || up == "BIG5") return "CP950";
    if (!up.empty() && std::all_of(up.begin(), up.end(), ::isdigit)) return "CP" + up;
    return text;
}

} // namespace

DbfEncoding detect_dbf_encoding(const fs::path& dbf_path, size_t max_scan_bytes) {
    if (auto cpg = sibling_with_extension(dbf_path, ".cpg")) {
        std::ifstream in(*cpg);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::string enc = normalise_cpg(text);
        if (!enc.empty())
            return {enc, "from " + cpg->filename().string() + " (\"" + trim(text) + "\")", false,
                    false};
    }

    std::ifstream in(dbf_path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + dbf_path.string());
    unsigned char header[32] = {};
    in.read(reinterpret_cast<char*>(header), sizeof header);
    if (in.gcount() != 32) throw std::runtime_error(dbf_path.string() + " is not a DBF file");
    const uint32_t records = uint32_t(header[4]) | uint32_t(header[5]) << 8 |
                             uint32_t(header[6]) << 16 | uint32_t(header[7]) << 24;
    const uint16_t header_len = static_cast<uint16_t>(header[8] | header[9] << 8);
    const uint16_t record_len = static_cast<uint16_t>(header[10] | header[11] << 8);
    const uint8_t ldid = header[29];

    if (ldid != 0) {
        const std::string cp = dbf_ldid_codepage(ldid);
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", ldid);
        if (!cp.empty()) return {cp, std::string("DBF language driver ") + hex, false, false};
    }

    // Character fields: (offset in record, length).
    std::vector<std::pair<size_t, size_t>> text_fields;
    size_t offset = 1; // deletion flag
    for (;;) {
        unsigned char desc[32];
        in.read(reinterpret_cast<char*>(desc), 1);
        if (!in || desc[0] == 0x0D) break;
        in.read(reinterpret_cast<char*>(desc) + 1, 31);
        if (!in) break;
        const size_t len = desc[16];
        if (desc[11] == 'C') text_fields.emplace_back(offset, len);
        offset += len;
    }

    std::string all_text;
    if (!text_fields.empty() && record_len > 0) {
        in.clear();
        in.seekg(header_len);
        std::vector<char> record(record_len);
        size_t scanned = 0;
        for (uint32_t r = 0; r < records && scanned < max_scan_bytes; ++r) {
            in.read(record.data(), record_len);
            if (in.gcount() != record_len) break;
            scanned += record_len;
            for (auto [off, len] : text_fields) {
                if (off + len > record.size()) continue;
                std::string_view v(record.data() + off, len);
                while (!v.empty() && (v.back() == ' ' || v.back() == '\0'))
                    v.remove_suffix(1);
                if (is_ascii(v)) continue;
                all_text.append(v);
                all_text.push_back('\n');
            }
        }
    }

    if (all_text.empty())
        return {"UTF-8", "no .cpg and no DBF code page; text is plain ASCII", false, false};
    if (is_valid_utf8(all_text))
        return {"UTF-8", "no .cpg and no DBF code page; text is valid UTF-8", false, false};
    // Field values are cut at a fixed byte width; a GBK character may be split at the end of a
    // field, so check each value separately and tolerate a truncated last byte.
    bool gbk_ok = true;
    size_t start = 0;
    while (start < all_text.size()) {
        size_t end = all_text.find('\n', start);
        std::string_view v(all_text.data() + start, end - start);
        if (!to_utf8(v, "CP936") && !(v.size() > 1 && to_utf8(v.substr(0, v.size() - 1), "CP936")))
            gbk_ok = false;
        start = end + 1;
        if (!gbk_ok) break;
    }
    if (gbk_ok)
        return {"CP936",
                "detected: no .cpg and no DBF code page; text is not UTF-8 but valid GBK (CP936)",
                true, false};
    return {"ISO-8859-1",
            "no .cpg and no DBF code page; text is neither UTF-8 nor GBK - read as ISO-8859-1",
            true, true};
}

} // namespace renoplan::io

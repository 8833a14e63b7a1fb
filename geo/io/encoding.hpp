// Text encodings at the I/O edge. Everything inside renoplan is UTF-8; sources that hold GBK
// (CP936) text - Shapefiles exported from Chinese ArcGIS installations, often without a .cpg -
// are recognised here and recoded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "geo/core/text.hpp"

namespace renoplan::io {

// Recodes `text` from `from_encoding` (an iconv name: "CP936", "GB18030", "ISO-8859-1" ...) to
// UTF-8; nullopt when the bytes are not valid in that encoding.
std::optional<std::string> to_utf8(std::string_view text, const std::string& from_encoding);

// The code page named by a DBF language driver id (byte 29 of the header), e.g. 0x4D -> "CP936";
// empty for 0 or unknown ids.
std::string dbf_ldid_codepage(uint8_t ldid);

// How the text of a Shapefile's DBF should be read.
struct DbfEncoding {
    std::string encoding; // "UTF-8", "CP936", "ISO-8859-1", ...; what the text is in
    std::string reason;   // readable: "from .cpg", "DBF language driver 0x4D", "detected ..."
    bool needs_open_option = false; // GDAL will not recode by itself: pass ENCODING=<encoding>
    bool uncertain = false;         // neither UTF-8 nor GBK fits: the user should say
};

// Decides the encoding of `dbf_path`: a .cpg beside it, else the DBF language driver byte, else
// the bytes of its character fields (valid UTF-8 -> UTF-8; else valid GBK -> CP936). Reads at
// most `max_scan_bytes` of records. Throws std::runtime_error when the file cannot be read.
DbfEncoding detect_dbf_encoding(const std::filesystem::path& dbf_path,
                                size_t max_scan_bytes = 8u << 20);

} // namespace renoplan::io

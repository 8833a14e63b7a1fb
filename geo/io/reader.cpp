#include "geo/io/reader.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include <ogr_recordbatch.h>
#include <ogrsf_frmts.h>

#include "geo/core/error.hpp"
#include "geo/core/gdal.hpp"
#include "geo/core/parallel.hpp"
#include "geo/io/encoding.hpp"
#include "geo/io/wkb.hpp"

namespace renoplan::io {

namespace {

// [SECTION] schema ----------------------------------------------------------------------------

struct FieldInfo {
    std::string name; // unique within the layer
    ColumnType type = ColumnType::String;
    int ogr_index = -1;
    bool is_list = false;
};

ColumnType column_type_of(const OGRFieldDefn& f) {
    switch (f.GetType()) {
    case OFTInteger:
        return f.GetSubType() == OFSTBoolean ? ColumnType::Bool : ColumnType::Int64;
    case OFTInteger64:
        return ColumnType::Int64;
    case OFTReal:
        return ColumnType::Real;
    case OFTDate:
        return ColumnType::Date;
    case OFTDateTime:
        return ColumnType::DateTime;
    default:
        return ColumnType::String; // strings, times, lists (as text)
    }
}

std::vector<FieldInfo> read_schema(OGRLayer& layer, std::vector<FeatureIssue>& notes) {
    std::vector<FieldInfo> fields;
    std::set<std::string> used;
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    for (int k = 0; k < defn->GetFieldCount(); ++k) {
        const OGRFieldDefn* f = defn->GetFieldDefn(k);
        if (f->GetType() == OFTBinary) {
            notes.push_back({-1, "field.binary_skipped", f->GetNameRef()});
            continue;
        }
        FieldInfo info;
        info.name = f->GetNameRef();
        if (used.count(info.name)) {
            std::string renamed;
            for (int n = 2;; ++n) {
                renamed = info.name + "_" + std::to_string(n);
                if (!used.count(renamed)) break;
            }
            notes.push_back({-1, "field.duplicate_renamed", info.name + " -> " + renamed});
            info.name = renamed;
        }
        used.insert(info.name);
        info.type = column_type_of(*f);
        info.ogr_index = k;
        const OGRFieldType t = f->GetType();
        info.is_list =
            t == OFTIntegerList || t == OFTInteger64List || t == OFTRealList || t == OFTStringList;
        fields.push_back(std::move(info));
    }
    return fields;
}

std::optional<GeomClass> class_of_declared(OGRwkbGeometryType type) {
    switch (wkbFlatten(type)) {
    case wkbPoint:
    case wkbMultiPoint:
        return GeomClass::Point;
    case wkbLineString:
    case wkbMultiLineString:
    case wkbCircularString:
    case wkbCompoundCurve:
    case wkbMultiCurve:
    case wkbCurve:
        return GeomClass::Line;
    case wkbPolygon:
    case wkbMultiPolygon:
    case wkbCurvePolygon:
    case wkbMultiSurface:
    case wkbSurface:
    case wkbPolyhedralSurface:
    case wkbTIN:
    case wkbTriangle:
        return GeomClass::Polygon;
    default:
        return std::nullopt; // unknown / geometry collection: decided from the data
    }
}

// [SECTION] raw batches -----------------------------------------------------------------------

struct ArrowLayout;

// An Arrow record batch as GDAL returned it, converted by a worker (so the reading thread only
// pulls batches from GDAL). Owns the array and releases it.
struct PendingArrow {
    ArrowArray array{};
    const ArrowSchema* schema = nullptr;
    const ArrowLayout* layout = nullptr;
    const std::vector<FieldInfo>* fields = nullptr;
    int64_t first_fid = 0; // for sources without an FID column

    PendingArrow() = default;
    PendingArrow(const PendingArrow&) = delete;
    PendingArrow& operator=(const PendingArrow&) = delete;
    ~PendingArrow() {
        if (array.release) array.release(&array);
    }
};

// What the main thread hands to the workers: WKB blobs and attribute values of a batch, or an
// Arrow batch still to convert.
struct RawBatch {
    size_t index = 0;
    std::unique_ptr<PendingArrow> arrow;
    std::vector<int64_t> fids;
    std::vector<uint8_t> wkb;
    std::vector<size_t> wkb_offsets{0}; // blob i = [offsets[i], offsets[i+1]); empty = null
    std::vector<Column> columns;

    size_t size() const { return arrow ? static_cast<size_t>(arrow->array.length) : fids.size(); }
    std::span<const uint8_t> blob(size_t i) const {
        return {wkb.data() + wkb_offsets[i], wkb_offsets[i + 1] - wkb_offsets[i]};
    }
};

std::vector<Column> empty_columns(const std::vector<FieldInfo>& fields) {
    std::vector<Column> cols;
    cols.reserve(fields.size());
    for (const auto& f : fields)
        cols.emplace_back(f.name, f.type);
    return cols;
}

// --- Arrow C data interface -----------------------------------------------------------------

bool arrow_valid(const ArrowArray* a, int64_t row) {
    if (a->null_count == 0 || !a->buffers[0]) return true;
    const int64_t bit = a->offset + row;
    return (static_cast<const uint8_t*>(a->buffers[0])[bit >> 3] >> (bit & 7)) & 1;
}

std::string civil_date(int64_t days) {
    // Howard Hinnant's days_from_civil inverse.
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y + (m <= 2)), m, d);
    return buf;
}

std::string civil_datetime(int64_t value, int64_t per_second) {
    int64_t secs = value / per_second;
    int64_t frac = value % per_second;
    if (frac < 0) {
        frac += per_second;
        secs -= 1;
    }
    int64_t days = secs / 86400;
    int64_t rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        days -= 1;
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lld", civil_date(days).c_str(),
                  static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                  static_cast<long long>(rem % 60));
    std::string s = buf;
    if (frac && per_second == 1000) {
        std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(frac));
        s += buf;
    }
    return s;
}

int64_t arrow_int(const ArrowArray* a, const char* fmt, int64_t row) {
    const int64_t i = a->offset + row;
    const void* data = a->buffers[1];
    switch (fmt[0]) {
    case 'c':
        return static_cast<const int8_t*>(data)[i];
    case 'C':
        return static_cast<const uint8_t*>(data)[i];
    case 's':
        return static_cast<const int16_t*>(data)[i];
    case 'S':
        return static_cast<const uint16_t*>(data)[i];
    case 'i':
        return static_cast<const int32_t*>(data)[i];
    case 'I':
        return static_cast<const uint32_t*>(data)[i];
    case 'l':
        return static_cast<const int64_t*>(data)[i];
    case 'L':
        return static_cast<int64_t>(static_cast<const uint64_t*>(data)[i]);
    default:
        return 0;
    }
}

std::string_view arrow_string(const ArrowArray* a, const char* fmt, int64_t row) {
    const int64_t i = a->offset + row;
    const char* chars = static_cast<const char*>(a->buffers[2]);
    if (fmt[0] == 'U') {
        const auto* off = static_cast<const int64_t*>(a->buffers[1]);
        return {chars + off[i], static_cast<size_t>(off[i + 1] - off[i])};
    }
    const auto* off = static_cast<const int32_t*>(a->buffers[1]);
    return {chars + off[i], static_cast<size_t>(off[i + 1] - off[i])};
}

// One value of a primitive Arrow array as text (used for list elements).
std::string arrow_value_text(const ArrowArray* a, const char* fmt, int64_t row) {
    if (!arrow_valid(a, row)) return "null";
    switch (fmt[0]) {
    case 'b': {
        const int64_t bit = a->offset + row;
        return ((static_cast<const uint8_t*>(a->buffers[1])[bit >> 3] >> (bit & 7)) & 1) ? "true"
                                                                                         : "false";
    }
    case 'f':
        return std::to_string(static_cast<const float*>(a->buffers[1])[a->offset + row]);
    case 'g': {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.15g",
                      static_cast<const double*>(a->buffers[1])[a->offset + row]);
        return buf;
    }
    case 'u':
    case 'U':
        return "\"" + std::string(arrow_string(a, fmt, row)) + "\"";
    default:
        return std::to_string(arrow_int(a, fmt, row));
    }
}

void push_arrow_value(Column& col, const ArrowSchema* s, const ArrowArray* a, int64_t row) {
    if (!arrow_valid(a, row)) return col.push_null();
    const char* fmt = s->format;
    const int64_t i = a->offset + row;
    switch (fmt[0]) {
    case 'b': {
        const int64_t bit = i;
        return col.push_bool((static_cast<const uint8_t*>(a->buffers[1])[bit >> 3] >> (bit & 7)) &
                             1);
    }
    case 'c':
    case 'C':
    case 's':
    case 'S':
    case 'i':
    case 'I':
    case 'l':
    case 'L':
        return col.push_int(arrow_int(a, fmt, row));
    case 'f':
        return col.push_real(static_cast<const float*>(a->buffers[1])[i]);
    case 'g':
        return col.push_real(static_cast<const double*>(a->buffers[1])[i]);
    case 'u':
    case 'U':
        return col.push_string(arrow_string(a, fmt, row));
    case 't': {
        if (std::strcmp(fmt, "tdD") == 0)
            return col.push_string(civil_date(static_cast<const int32_t*>(a->buffers[1])[i]));
        if (std::strcmp(fmt, "tdm") == 0)
            return col.push_string(
                civil_date(static_cast<const int64_t*>(a->buffers[1])[i] / 86400000));
        if (fmt[1] == 's') { // timestamp
            const int64_t v = static_cast<const int64_t*>(a->buffers[1])[i];
            const int64_t per = fmt[2] == 's'   ? 1
                                : fmt[2] == 'm' ? 1000
                                : fmt[2] == 'u' ? 1000000
                                                : 1000000000;
            std::string text = civil_datetime(v, per);
            const char* tz = std::strchr(fmt, ':');
            if (tz && tz[1]) text += (std::strcmp(tz + 1, "UTC") == 0 ? "Z" : tz + 1);
            return col.push_string(text);
        }
        if (fmt[1] == 't') { // time of day
            const int64_t v = fmt[2] == 's' || fmt[2] == 'm'
                                  ? static_cast<const int32_t*>(a->buffers[1])[i]
                                  : static_cast<const int64_t*>(a->buffers[1])[i];
            const int64_t per = fmt[2] == 's'   ? 1
                                : fmt[2] == 'm' ? 1000
                                : fmt[2] == 'u' ? 1000000
                                                : 1000000000;
            const std::string dt = civil_datetime(v, per);
            return col.push_string(dt.substr(dt.find('T') + 1));
        }
        return col.push_null();
    }
    case '+': {
        if (fmt[1] == 'l' && s->n_children == 1) {
            const auto* off = static_cast<const int32_t*>(a->buffers[1]);
            const ArrowArray* child = a->children[0];
            std::string text = "[";
            for (int32_t k = off[i]; k < off[i + 1]; ++k) {
                if (k > off[i]) text += ",";
                text += arrow_value_text(child, s->children[0]->format, k);
            }
            return col.push_string(text + "]");
        }
        return col.push_null();
    }
    default:
        return col.push_null();
    }
}

bool arrow_is_wkb(const ArrowSchema* s) {
    if (!s->metadata) return false;
    const char* md = s->metadata;
    int32_t n;
    std::memcpy(&n, md, 4);
    md += 4;
    for (int32_t k = 0; k < n; ++k) {
        int32_t kl, vl;
        std::memcpy(&kl, md, 4);
        md += 4;
        const std::string key(md, static_cast<size_t>(kl));
        md += kl;
        std::memcpy(&vl, md, 4);
        md += 4;
        const std::string value(md, static_cast<size_t>(vl));
        md += vl;
        if (key == "ARROW:extension:name" && value == "ogc.wkb") return true;
    }
    return false;
}

struct ArrowLayout {
    int fid = -1;
    int geometry = -1;
    std::vector<int> field_child; // per FieldInfo: child index or -1
};

ArrowLayout arrow_layout(const ArrowSchema& schema, OGRLayer& layer,
                         const std::vector<FieldInfo>& fields) {
    ArrowLayout lay;
    const std::string fid_name =
        layer.GetFIDColumn() && *layer.GetFIDColumn() ? layer.GetFIDColumn() : "OGC_FID";
    const std::string geom_name = layer.GetGeometryColumn() && *layer.GetGeometryColumn()
                                      ? layer.GetGeometryColumn()
                                      : "wkb_geometry";
    std::map<std::string, int> by_name;
    for (int64_t c = 0; c < schema.n_children; ++c) {
        const ArrowSchema* child = schema.children[c];
        const std::string name = child->name ? child->name : "";
        if (lay.fid < 0 && name == fid_name) {
            lay.fid = static_cast<int>(c);
            continue;
        }
        if (lay.geometry < 0 && (arrow_is_wkb(child) || name == geom_name) &&
            (child->format[0] == 'z' || child->format[0] == 'Z')) {
            lay.geometry = static_cast<int>(c);
            continue;
        }
        by_name.emplace(name, static_cast<int>(c));
    }
    // Fields appear in layer definition order; duplicates were renamed in FieldInfo, so map
    // by position among the non-fid, non-geometry children.
    std::vector<int> remaining;
    for (int64_t c = 0; c < schema.n_children; ++c)
        if (c != lay.fid && c != lay.geometry) remaining.push_back(static_cast<int>(c));
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    std::map<int, int> ogr_to_child;
    size_t pos = 0;
    for (int k = 0; k < defn->GetFieldCount() && pos < remaining.size(); ++k) {
        // Binary fields are part of the Arrow schema even though we skip them.
        ogr_to_child[k] = remaining[pos++];
    }
    for (const auto& f : fields) {
        auto it = ogr_to_child.find(f.ogr_index);
        lay.field_child.push_back(it == ogr_to_child.end() ? -1 : it->second);
    }
    return lay;
}

RawBatch batch_from_arrow(const ArrowSchema& schema, const ArrowArray& array,
                          const ArrowLayout& lay, const std::vector<FieldInfo>& fields,
                          int64_t first_fid) {
    RawBatch b;
    int64_t fid_counter = first_fid;
    const int64_t n = array.length;
    b.fids.reserve(static_cast<size_t>(n));
    if (lay.fid >= 0) {
        const ArrowArray* a = array.children[lay.fid];
        const char* fmt = schema.children[lay.fid]->format;
        for (int64_t r = 0; r < n; ++r)
            b.fids.push_back(arrow_int(a, fmt, r));
    } else {
        for (int64_t r = 0; r < n; ++r)
            b.fids.push_back(fid_counter++);
    }
    b.wkb_offsets.reserve(static_cast<size_t>(n) + 1);
    if (lay.geometry >= 0) {
        const ArrowArray* a = array.children[lay.geometry];
        const bool large = schema.children[lay.geometry]->format[0] == 'Z';
        const auto* data = static_cast<const uint8_t*>(a->buffers[2]);
        for (int64_t r = 0; r < n; ++r) {
            if (arrow_valid(a, r)) {
                const int64_t i = a->offset + r;
                int64_t begin, end;
                if (large) {
                    begin = static_cast<const int64_t*>(a->buffers[1])[i];
                    end = static_cast<const int64_t*>(a->buffers[1])[i + 1];
                } else {
                    begin = static_cast<const int32_t*>(a->buffers[1])[i];
                    end = static_cast<const int32_t*>(a->buffers[1])[i + 1];
                }
                b.wkb.insert(b.wkb.end(), data + begin, data + end);
            }
            b.wkb_offsets.push_back(b.wkb.size());
        }
    } else {
        b.wkb_offsets.assign(static_cast<size_t>(n) + 1, 0);
    }
    b.columns = empty_columns(fields);
    for (size_t f = 0; f < fields.size(); ++f) {
        Column& col = b.columns[f];
        col.reserve(static_cast<size_t>(n));
        const int c = lay.field_child[f];
        if (c < 0) {
            for (int64_t r = 0; r < n; ++r)
                col.push_null();
            continue;
        }
        for (int64_t r = 0; r < n; ++r)
            push_arrow_value(col, schema.children[c], array.children[c], r);
    }
    return b;
}

// --- feature loop ---------------------------------------------------------------------------

void push_feature_value(Column& col, const FieldInfo& info, OGRFeature& feature) {
    const int k = info.ogr_index;
    if (!feature.IsFieldSetAndNotNull(k)) return col.push_null();
    switch (info.type) {
    case ColumnType::Bool:
        return col.push_bool(feature.GetFieldAsInteger(k) != 0);
    case ColumnType::Int64:
        return col.push_int(feature.GetFieldAsInteger64(k));
    case ColumnType::Real:
        return col.push_real(feature.GetFieldAsDouble(k));
    case ColumnType::Date:
    case ColumnType::DateTime: {
        int y, m, d, hh, mm, tz;
        float ss;
        if (!feature.GetFieldAsDateTime(k, &y, &m, &d, &hh, &mm, &ss, &tz)) return col.push_null();
        char buf[48];
        if (info.type == ColumnType::Date) {
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        } else {
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, hh, mm,
                          static_cast<int>(ss));
        }
        return col.push_string(buf);
    }
    default:
        return col.push_string(feature.GetFieldAsString(k));
    }
}

// [SECTION] parsing ---------------------------------------------------------------------------

// A parsed batch: a small Layer (fids, geometry, attributes, issues) plus counters.
struct ParsedChunk {
    Layer part;
    size_t dropped_zm = 0;
    size_t recoded_values = 0;
    size_t undecodable_values = 0;
};

std::vector<uint8_t> linearise(std::span<const uint8_t> wkb) {
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size(), wkbVariantIso) !=
            OGRERR_NONE ||
        !g)
        return {};
    OGRGeometryUniquePtr owned(g);
    OGRGeometryUniquePtr linear(g->getLinearGeometry());
    if (!linear) return {};
    std::vector<uint8_t> out(linear->WkbSize());
    if (linear->exportToWkb(wkbNDR, out.data(), wkbVariantIso) != OGRERR_NONE) return {};
    return out;
}

void recode_text(std::vector<Column>& columns, const ReadOptions& options, ParsedChunk& out) {
    for (auto& col : columns) {
        if (col.type() != ColumnType::String) continue;
        bool change = false;
        for (size_t i = 0; i < col.size() && !change; ++i)
            change = !col.is_null(i) &&
                     (!options.recode_from.empty() ? !is_ascii(col.get_string(i))
                                                   : !is_valid_utf8(col.get_string(i)));
        if (!change) continue;
        std::vector<std::string> values(col.size());
        for (size_t i = 0; i < col.size(); ++i) {
            if (col.is_null(i)) continue;
            const std::string_view v = col.get_string(i);
            if (!options.recode_from.empty() && !is_ascii(v)) {
                auto r = to_utf8(v, options.recode_from);
                if (r) {
                    values[i] = std::move(*r);
                    ++out.recoded_values;
                    continue;
                }
            } else if (is_valid_utf8(v)) {
                values[i] = std::string(v);
                continue;
            } else if (options.detect_gbk) {
                if (auto r = to_utf8(v, "CP936")) {
                    values[i] = std::move(*r);
                    ++out.recoded_values;
                    continue;
                }
            }
            // Keep something readable rather than invalid UTF-8.
            values[i] = to_utf8(v, "ISO-8859-1").value_or(std::string());
            ++out.undecodable_values;
        }
        col.replace_strings(values);
    }
}

// Converts a pending Arrow batch into WKB blobs and columns (in place).
void convert_arrow(RawBatch& batch) {
    if (!batch.arrow) return;
    const PendingArrow& a = *batch.arrow;
    RawBatch converted = batch_from_arrow(*a.schema, a.array, *a.layout, *a.fields, a.first_fid);
    converted.index = batch.index;
    batch = std::move(converted); // releases the Arrow array
}

ParsedChunk parse_batch(RawBatch& batch, GeomClass geom_class, const ReadOptions& options) {
    convert_arrow(batch);
    ParsedChunk out;
    Layer& part = out.part;
    part.geometry = GeometryColumn(geom_class);
    const size_t n = batch.size();
    part.geometry.reserve(n, batch.wkb.size() / 16);
    std::vector<uint8_t> keep(n, 0);
    size_t kept = 0;
    for (size_t i = 0; i < n; ++i) {
        const auto blob = batch.blob(i);
        if (blob.empty()) {
            part.issues.push_back({batch.fids[i], "geometry.null", "no geometry"});
            continue;
        }
        WkbResult r = append_wkb(part.geometry, blob);
        if (r.status == WkbStatus::Curve) {
            const auto linear = linearise(blob);
            r = linear.empty() ? WkbResult{WkbStatus::Corrupt, false, false}
                               : append_wkb(part.geometry, linear);
            if (r.status == WkbStatus::Ok)
                part.issues.push_back({batch.fids[i], "geometry.linearised", "curves linearised"});
        }
        switch (r.status) {
        case WkbStatus::Ok:
            keep[i] = 1;
            ++kept;
            part.fids.push_back(batch.fids[i]);
            if (r.dropped_zm) ++out.dropped_zm;
            if (r.dropped_other)
                part.issues.push_back({batch.fids[i], "geometry.parts_dropped",
                                       "collection parts of another dimension dropped"});
            break;
        case WkbStatus::Empty:
            part.issues.push_back({batch.fids[i], "geometry.empty", "empty geometry"});
            break;
        case WkbStatus::OtherClass: {
            const auto cls = wkb_geom_class(blob);
            part.issues.push_back({batch.fids[i], "geometry.wrong_type",
                                   std::string(cls ? to_string(*cls) : "other") + " in a " +
                                       to_string(geom_class) + " layer"});
            break;
        }
        default:
            part.issues.push_back({batch.fids[i], "geometry.corrupt", "unreadable geometry"});
            break;
        }
    }
    if (kept == n) {
        part.attributes = std::move(batch.columns);
    } else {
        part.attributes.reserve(batch.columns.size());
        for (const auto& src : batch.columns) {
            Column dst(src.name(), src.type());
            dst.reserve(kept);
            for (size_t i = 0; i < n; ++i)
                if (keep[i]) dst.push_from(src, i);
            part.attributes.push_back(std::move(dst));
        }
    }
    recode_text(part.attributes, options, out);
    batch = RawBatch{}; // free the WKB early
    return out;
}

GeomClass majority_class(RawBatch& batch) {
    convert_arrow(batch);
    size_t counts[3] = {0, 0, 0};
    for (size_t i = 0; i < batch.size(); ++i)
        if (auto c = wkb_geom_class(batch.blob(i))) ++counts[static_cast<int>(*c)];
    // Ties prefer polygons, then lines: areas are what renovation planning is about.
    if (counts[2] >= counts[1] && counts[2] >= counts[0] && counts[2] > 0)
        return GeomClass::Polygon;
    if (counts[1] >= counts[0] && counts[1] > 0) return GeomClass::Line;
    if (counts[0] > 0) return GeomClass::Point;
    return GeomClass::Polygon;
}

// [SECTION] the pipeline ----------------------------------------------------------------------

// Workers parse batches while the caller produces them; results are committed into the layer
// in batch order.
class Pipeline {
public:
    Pipeline(Layer& layer, const ReadOptions& options, Progress& progress, int workers,
             size_t expected_features)
        : m_layer(layer), m_options(options), m_progress(progress), m_expected(expected_features),
          m_capacity(static_cast<size_t>(std::max(2, workers * 2))) {
        for (int w = 0; w < workers; ++w)
            m_threads.emplace_back([this] { work(); });
    }
    ~Pipeline() { finish(false); }

    void set_class(GeomClass c) { m_class = c; }

    void push(RawBatch batch) {
        std::unique_lock lock(m_mutex);
        m_space.wait(lock, [&] { return m_queue.size() < m_capacity || m_error; });
        if (m_error) return;
        batch.index = m_next_index++;
        m_queue.push_back(std::move(batch));
        m_ready.notify_one();
    }

    // Waits for all batches; rethrows a worker's exception when `rethrow`.
    void finish(bool rethrow) {
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_ready.notify_all();
        for (auto& t : m_threads)
            if (t.joinable()) t.join();
        m_threads.clear();
        if (rethrow && m_error) std::rethrow_exception(m_error);
    }

    size_t dropped_zm = 0;
    size_t recoded_values = 0;
    size_t undecodable_values = 0;

private:
    void work() {
        for (;;) {
            RawBatch batch;
            {
                std::unique_lock lock(m_mutex);
                m_ready.wait(lock, [&] { return !m_queue.empty() || m_done || m_error; });
                if (m_error || m_queue.empty()) return;
                batch = std::move(m_queue.front());
                m_queue.pop_front();
                m_space.notify_one();
            }
            try {
                const size_t index = batch.index;
                const size_t count = batch.size();
                ParsedChunk chunk = parse_batch(batch, m_class, m_options);
                if (m_options.chunk_hook) {
                    chunk.part.name = m_layer.name;
                    chunk.part.source = m_layer.source;
                    m_options.chunk_hook(chunk.part);
                }
                commit(index, std::move(chunk));
                m_progress.advance(count);
            } catch (...) {
                std::lock_guard lock(m_mutex);
                if (!m_error) m_error = std::current_exception();
                m_space.notify_all();
                m_ready.notify_all();
                return;
            }
        }
    }

    void commit(size_t index, ParsedChunk chunk) {
        std::lock_guard lock(m_commit_mutex);
        m_pending.emplace(index, std::move(chunk));
        while (!m_pending.empty() && m_pending.begin()->first == m_next_commit) {
            ParsedChunk& c = m_pending.begin()->second;
            Layer& part = c.part;
            if (m_next_commit == 0 && m_expected > part.fids.size()) {
                // Size the layer once from the first batch: no reallocation while appending.
                m_layer.fids.reserve(m_expected);
                m_layer.geometry.reserve_like(part.geometry, m_expected);
                m_layer.attributes.reserve(part.attributes.size());
                for (const auto& col : part.attributes) {
                    m_layer.attributes.emplace_back(col.name(), col.type());
                    m_layer.attributes.back().reserve_like(col, m_expected);
                }
            }
            m_layer.fids.insert(m_layer.fids.end(), part.fids.begin(), part.fids.end());
            m_layer.geometry.append(part.geometry);
            if (m_layer.attributes.empty()) {
                m_layer.attributes = std::move(part.attributes);
            } else {
                for (size_t k = 0; k < part.attributes.size(); ++k)
                    m_layer.attributes[k].append(part.attributes[k]);
            }
            m_layer.issues.insert(m_layer.issues.end(), part.issues.begin(), part.issues.end());
            dropped_zm += c.dropped_zm;
            recoded_values += c.recoded_values;
            undecodable_values += c.undecodable_values;
            m_pending.erase(m_pending.begin());
            ++m_next_commit;
        }
    }

    Layer& m_layer;
    const ReadOptions& m_options;
    Progress& m_progress;
    size_t m_expected = 0; // features the source says it has (0 = unknown)
    GeomClass m_class = GeomClass::Polygon;
    size_t m_capacity;
    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_ready, m_space;
    std::deque<RawBatch> m_queue;
    size_t m_next_index = 0;
    bool m_done = false;
    std::exception_ptr m_error;
    std::mutex m_commit_mutex;
    std::map<size_t, ParsedChunk> m_pending;
    size_t m_next_commit = 0;
};

} // namespace

Layer read_layer(OGRLayer& ogr_layer, const std::string& source_path, const std::string& driver,
                 const ReadOptions& options, Progress& progress) {
    Layer layer;
    layer.name = ogr_layer.GetName();
    layer.source.path = source_path;
    layer.source.layer_name = ogr_layer.GetName();
    layer.source.driver = driver;
    const ErrorContext where{source_path, layer.name, {}};

    const OGRwkbGeometryType declared = ogr_layer.GetGeomType();
    layer.source.geometry_type = OGRGeometryTypeToName(declared);
    if (declared == wkbNone || ogr_layer.GetLayerDefn()->GetGeomFieldCount() == 0)
        throw SourceError(where, "has no geometry column (it is a plain table)",
                          "renoplan needs spatial layers; join the table to a layer with "
                          "geometry first, or export it with coordinates (WKT or X/Y columns)");

    std::vector<FeatureIssue> schema_notes;
    const std::vector<FieldInfo> fields = read_schema(ogr_layer, schema_notes);
    layer.issues.insert(layer.issues.end(), schema_notes.begin(), schema_notes.end());

    const GIntBig count = ogr_layer.GetFeatureCount(FALSE);
    layer.source.features_in_source = count;
    progress.set_stage("reading " + layer.name, count > 0 ? static_cast<uint64_t>(count) : 0);

    std::optional<GeomClass> geom_class = options.geom_class;
    if (!geom_class) geom_class = class_of_declared(declared);
    if (geom_class) layer.geometry = GeometryColumn(*geom_class);

    const int jobs = options.jobs > 0 ? options.jobs : default_jobs();
    Pipeline pipeline(layer, options, progress, std::max(1, jobs),
                      count > 0 ? static_cast<size_t>(count) : 0);
    if (geom_class) pipeline.set_class(*geom_class);
    // Without a declared class the first batch decides (majority of its geometries).
    auto push = [&](RawBatch batch) {
        if (!geom_class) {
            geom_class = majority_class(batch);
            layer.geometry = GeometryColumn(*geom_class);
            pipeline.set_class(*geom_class);
        }
        pipeline.push(std::move(batch));
    };

    GdalErrorCapture capture;
    const bool use_arrow = options.allow_arrow && ogr_layer.TestCapability(OLCFastGetArrowStream);
    layer.source.read_method = use_arrow ? "arrow" : "feature loop";
    ogr_layer.ResetReading();
    try {
        if (use_arrow) {
            ArrowArrayStream stream;
            const std::string batch_opt =
                "MAX_FEATURES_IN_BATCH=" + std::to_string(options.batch_size);
            const char* opts[] = {"INCLUDE_FID=YES", batch_opt.c_str(), nullptr};
            if (!ogr_layer.GetArrowStream(&stream, opts))
                throw SourceError(where, "cannot read (GDAL: " + capture.last_failure() + ")");
            struct StreamGuard {
                ArrowArrayStream& s;
                ~StreamGuard() {
                    if (s.release) s.release(&s);
                }
            } stream_guard{stream};
            ArrowSchema schema;
            if (stream.get_schema(&stream, &schema) != 0) {
                const char* err = stream.get_last_error(&stream);
                throw SourceError(where, std::string("cannot read the layer schema (") +
                                             (err ? err : "") + ")");
            }
            struct SchemaGuard {
                ArrowSchema& s;
                ~SchemaGuard() {
                    if (s.release) s.release(&s);
                }
            } schema_guard{schema};
            const ArrowLayout lay = arrow_layout(schema, ogr_layer, fields);
            // Workers convert batches with the schema and layout above: they must be done
            // before those go out of scope, on every path out of this block.
            struct FinishGuard {
                Pipeline& p;
                ~FinishGuard() { p.finish(false); }
            } finish_guard{pipeline};
            int64_t fid_counter = 0;
            for (;;) {
                progress.throw_if_cancelled();
                ArrowArray array;
                if (stream.get_next(&stream, &array) != 0) {
                    const char* err = stream.get_last_error(&stream);
                    throw SourceError(
                        where, std::string("read failed: ") + (err ? err : capture.last_failure()),
                        "the file may be corrupt; get a fresh copy");
                }
                if (!array.release) break;
                RawBatch batch;
                batch.arrow = std::make_unique<PendingArrow>();
                batch.arrow->array = array; // the batch owns it now
                batch.arrow->schema = &schema;
                batch.arrow->layout = &lay;
                batch.arrow->fields = &fields;
                batch.arrow->first_fid = fid_counter;
                fid_counter += array.length;
                push(std::move(batch));
            }
        } else {
            RawBatch batch;
            batch.columns = empty_columns(fields);
            for (;;) {
                OGRFeatureUniquePtr feature(ogr_layer.GetNextFeature());
                if (!feature) break;
                batch.fids.push_back(feature->GetFID());
                if (const OGRGeometry* g = feature->GetGeometryRef(); g && !g->IsEmpty()) {
                    const size_t size = g->WkbSize();
                    const size_t at = batch.wkb.size();
                    batch.wkb.resize(at + size);
                    if (g->exportToWkb(wkbNDR, batch.wkb.data() + at, wkbVariantIso) != OGRERR_NONE)
                        batch.wkb.resize(at);
                }
                batch.wkb_offsets.push_back(batch.wkb.size());
                for (size_t f = 0; f < fields.size(); ++f)
                    push_feature_value(batch.columns[f], fields[f], *feature);
                if (batch.size() >= options.batch_size) {
                    progress.throw_if_cancelled();
                    push(std::move(batch));
                    batch = RawBatch{};
                    batch.columns = empty_columns(fields);
                }
            }
            if (batch.size() > 0) push(std::move(batch));
            if (const std::string err = capture.last_failure(); !err.empty())
                throw SourceError(where, "read failed: " + err,
                                  "the file may be corrupt or truncated; get a fresh copy");
        }
    } catch (...) {
        pipeline.finish(false);
        throw;
    }
    pipeline.finish(true);

    if (layer.attributes.empty()) layer.attributes = empty_columns(fields);
    if (!geom_class) layer.geometry = GeometryColumn(GeomClass::Polygon);
    if (pipeline.dropped_zm > 0)
        layer.issues.push_back({-1, "geometry.zm_dropped",
                                std::to_string(pipeline.dropped_zm) +
                                    " geometries had Z/M ordinates; only X/Y are kept"});
    if (pipeline.recoded_values > 0 && options.recode_from.empty())
        layer.issues.push_back({-1, "text.recoded_gbk",
                                std::to_string(pipeline.recoded_values) +
                                    " text values were not UTF-8 and were read as GBK (CP936)"});
    if (pipeline.undecodable_values > 0)
        layer.issues.push_back({-1, "text.undecodable",
                                std::to_string(pipeline.undecodable_values) +
                                    " text values are neither UTF-8 nor GBK; read as Latin-1"});
    layer.geometry.shrink_to_fit();
    return layer;
}

} // namespace renoplan::io

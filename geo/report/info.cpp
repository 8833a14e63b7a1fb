#include "geo/report/info.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "geo/ingest/fields.hpp"

namespace renoplan::report {

using nlohmann::json;

namespace {

json box_json(const Box& b) {
    if (b.empty()) return nullptr;
    return json::array({b.min_x, b.min_y, b.max_x, b.max_y});
}

std::string fmt_number(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(v));
    const std::string digits = buf;
    const size_t dot = digits.find('.');
    const std::string whole = digits.substr(0, dot);
    // Thousands separators for the integer part.
    std::string out = v < 0 ? "-" : "";
    for (size_t k = 0; k < whole.size(); ++k) {
        if (k > 0 && (whole.size() - k) % 3 == 0) out.push_back(',');
        out.push_back(whole[k]);
    }
    if (dot != std::string::npos) out.append(digits, dot, std::string::npos);
    return out;
}

// Extent in a projected CRS: x (easting) and y (northing) ranges in metres.
std::string box_text(const Box& b) {
    if (b.empty()) return "(empty)";
    return "x " + fmt_number(b.min_x, 1) + " .. " + fmt_number(b.max_x, 1) + ", y " +
           fmt_number(b.min_y, 1) + " .. " + fmt_number(b.max_y, 1);
}

std::map<std::string, size_t> issue_counts(const Layer& layer) {
    std::map<std::string, size_t> counts;
    for (const auto& i : layer.issues)
        ++counts[i.code];
    return counts;
}

} // namespace

json dataset_info_json(const Dataset& dataset) {
    json j;
    j["working_crs"] = dataset.working_crs;
    j["working_crs_name"] = dataset.working_crs_name;
    j["working_crs_reason"] = dataset.working_crs_reason;
    j["layers"] = json::array();
    for (const auto& layer : dataset.layers) {
        json l;
        l["name"] = layer.name;
        l["source"] = layer.source.path;
        l["source_layer"] = layer.source.layer_name;
        l["driver"] = layer.source.driver;
        l["read_method"] = layer.source.read_method;
        l["role"] = std::string(to_string(layer.role));
        l["role_reason"] = layer.role_reason;
        l["features"] = layer.size();
        l["features_in_source"] = layer.source.features_in_source;
        l["geometry_class"] = to_string(layer.geometry.geom_class());
        l["geometry_type"] = layer.source.geometry_type;
        l["source_crs"] = layer.source.source_crs;
        l["crs_note"] = layer.source.crs_note;
        l["working_crs"] = dataset.working_crs;
        l["source_extent"] = box_json(layer.source.source_extent);
        l["extent"] = box_json(layer.extent());
        l["encoding"] = layer.source.encoding;
        l["encoding_reason"] = layer.source.encoding_reason;
        json fields = json::array();
        for (const auto& col : layer.attributes)
            fields.push_back({{"name", col.name()}, {"type", to_string(col.type())}});
        l["fields"] = fields;
        json mapping = json::array();
        for (const auto& b : layer.bindings) {
            json m = {
                {"source", b.source}, {"canonical", b.canonical},     {"how", b.how},
                {"parsed", b.parsed}, {"approximate", b.approximate}, {"unparsed", b.unparsed}};
            if (!b.unit_note.empty()) m["note"] = b.unit_note;
            mapping.push_back(m);
        }
        l["field_mapping"] = mapping;
        l["missing_required"] = layer.missing_required;
        json issues = json::array();
        for (const auto& i : layer.issues) {
            json ij = {{"code", i.code}, {"detail", i.detail}};
            ij["fid"] = i.fid >= 0 ? json(i.fid) : json(nullptr);
            issues.push_back(ij);
        }
        l["issues"] = issues;
        json counts = json::object();
        for (const auto& [code, n] : issue_counts(layer))
            counts[code] = n;
        l["issue_counts"] = counts;
        j["layers"].push_back(l);
    }
    json timings = json::array();
    for (const auto& t : dataset.timings)
        timings.push_back({{"layer", t.layer}, {"stage", t.stage}, {"seconds", t.seconds}});
    j["timings"] = timings;
    json diags = json::array();
    for (const auto& d : dataset.diagnostics.items()) {
        json dj = {{"severity", to_string(d.severity)}, {"code", d.code}, {"message", d.message}};
        if (!d.context.source.empty()) dj["source"] = d.context.source;
        if (!d.context.layer.empty()) dj["layer"] = d.context.layer;
        if (d.context.feature_id) dj["fid"] = *d.context.feature_id;
        if (!d.hint.empty()) dj["hint"] = d.hint;
        diags.push_back(dj);
    }
    j["diagnostics"] = diags;
    return j;
}

std::string dataset_info_text(const Dataset& dataset, int verbosity) {
    std::string t;
    t += "working CRS: " + dataset.working_crs_name + " (" + dataset.working_crs_reason + ")\n";
    for (const auto& layer : dataset.layers) {
        t += "\nlayer " + layer.name + "  [" + layer.source.path;
        if (layer.source.layer_name != layer.name || layer.source.driver != "ESRI Shapefile")
            t += " : " + layer.source.layer_name;
        t += "]\n";
        t += "  role:      " + std::string(to_string(layer.role)) + " " +
             std::string(label_zh(layer.role)) + " (" + layer.role_reason + ")\n";
        t += "  features:  " + fmt_number(static_cast<double>(layer.size()), 0);
        if (layer.source.features_in_source >= 0 &&
            static_cast<size_t>(layer.source.features_in_source) != layer.size())
            t += " of " + fmt_number(static_cast<double>(layer.source.features_in_source), 0) +
                 " in the source";
        t += ", " + std::string(to_string(layer.geometry.geom_class())) + " (" +
             layer.source.geometry_type + "), read by " + layer.source.read_method + " (" +
             layer.source.driver + ")\n";
        t += "  CRS:       " + layer.source.source_crs + " -> " + dataset.working_crs;
        if (!layer.source.crs_note.empty()) t += " (" + layer.source.crs_note + ")";
        t += "\n";
        t += "  extent:    " + box_text(layer.extent()) + " (" + dataset.working_crs + ")\n";
        t += "  encoding:  " + layer.source.encoding + " (" + layer.source.encoding_reason + ")\n";
        if (!layer.bindings.empty()) {
            t += "  fields:    ";
            size_t width = 13;
            std::string line;
            for (size_t k = 0; k < layer.bindings.size(); ++k) {
                const auto& b = layer.bindings[k];
                std::string item = b.source + " -> " + b.canonical;
                std::string notes;
                if (b.how != "alias") notes += b.how;
                if (b.approximate)
                    notes += (notes.empty() ? "" : ", ") + std::to_string(b.approximate) +
                             " approximate";
                if (b.unparsed)
                    notes += (notes.empty() ? "" : ", ") + std::to_string(b.unparsed) + " unparsed";
                if (!b.unit_note.empty()) notes += (notes.empty() ? "" : ", ") + b.unit_note;
                if (!notes.empty()) item += " (" + notes + ")";
                if (k > 0) {
                    if (width + item.size() + 2 > 100) {
                        t += ";\n             ";
                        width = 13;
                    } else {
                        t += "; ";
                        width += 2;
                    }
                }
                t += item;
                width += item.size();
            }
            t += "\n";
        }
        std::vector<std::string> unmapped;
        for (const auto& col : layer.attributes) {
            bool bound = false;
            for (const auto& b : layer.bindings)
                bound |= b.source == col.name();
            if (!bound) unmapped.push_back(col.name());
        }
        if (!unmapped.empty()) {
            t += "  unmapped:  ";
            for (size_t k = 0; k < unmapped.size(); ++k)
                t += (k ? ", " : "") + unmapped[k];
            t += "\n";
        }
        if (!layer.missing_required.empty()) {
            t += "  MISSING:   ";
            for (size_t k = 0; k < layer.missing_required.size(); ++k) {
                const auto* spec = ingest::find_field_spec(layer.role, layer.missing_required[k]);
                t += (k ? ", " : "") + layer.missing_required[k];
                if (spec) t += " (" + std::string(spec->label_zh) + ")";
            }
            t += " - required, not found\n";
        }
        if (verbosity >= 2) {
            std::string line;
            double total = 0.0;
            for (const auto& tm : dataset.timings) {
                if (tm.layer != layer.name) continue;
                char buf[64];
                std::snprintf(buf, sizeof buf, "%s%s %.3f s", line.empty() ? "" : ", ",
                              tm.stage.c_str(), tm.seconds);
                line += buf;
                total += tm.seconds;
            }
            char buf[32];
            std::snprintf(buf, sizeof buf, " (%.3f s)", total);
            t += "  timings:   " + line + buf + "\n";
            size_t attr = 0, canon = 0;
            for (const auto& c : layer.attributes)
                attr += c.memory_bytes();
            for (const auto& c : layer.canonical) {
                const bool shared =
                    std::any_of(layer.attributes.begin(), layer.attributes.end(),
                                [&](const Column& a) { return c.shares_values_with(a); });
                if (!shared) canon += c.memory_bytes();
            }
            auto mib = [](size_t b) { return fmt_number(static_cast<double>(b) / 1048576.0, 1); };
            t += "  memory:    " + mib(layer.memory_bytes()) + " MiB (geometry " +
                 mib(layer.geometry.memory_bytes()) + ", ids " +
                 mib(layer.fids.capacity() * sizeof(int64_t)) + ", fields " + mib(attr) +
                 ", canonical fields " + mib(canon) + ", index " + mib(layer.index.memory_bytes()) +
                 ")\n";
        }
        const auto counts = issue_counts(layer);
        if (!counts.empty()) {
            t += "  changes:   ";
            bool first = true;
            for (const auto& [code, n] : counts) {
                t += (first ? "" : ", ") + code + " " + std::to_string(n);
                first = false;
            }
            t += "\n";
            const size_t limit = verbosity >= 2 ? layer.issues.size() : 5;
            std::map<std::string, size_t> shown;
            for (const auto& i : layer.issues) {
                if (i.fid < 0 || shown[i.code]++ >= limit) continue;
                t += "             fid " + std::to_string(i.fid) + ": " + i.code + " - " +
                     i.detail + "\n";
            }
        }
    }
    return t;
}

} // namespace renoplan::report

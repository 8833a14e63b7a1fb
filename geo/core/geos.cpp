#include "geo/core/geos.hpp"

#include <cstdarg>
#include <stdexcept>

namespace renoplan {

GeosContext::GeosContext() : m_handle(GEOS_init_r()) {
    if (!m_handle) throw std::runtime_error("GEOS: cannot create a context");
    GEOSContext_setErrorMessageHandler_r(m_handle, &GeosContext::on_error, this);
}

GeosContext::~GeosContext() {
    if (m_handle) GEOS_finish_r(m_handle);
}

std::string GeosContext::take_error() {
    std::string e = std::move(m_last_error);
    m_last_error.clear();
    return e;
}

void GeosContext::on_error(const char* message, void* userdata) {
    auto* self = static_cast<GeosContext*>(userdata);
    if (self && message) self->m_last_error = message;
}

GeosContext& geos_context() {
    thread_local GeosContext context;
    return context;
}

GeosGeometryPtr geos_collection(GEOSContextHandle_t ctx, std::vector<GeosGeometryPtr>& parts,
                                int type) {
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (auto& p : parts)
        raw.push_back(p.release());
    parts.clear();
    GEOSGeometry* c =
        GEOSGeom_createCollection_r(ctx, type, raw.data(), static_cast<unsigned>(raw.size()));
    if (!c) {
        for (GEOSGeometry* g : raw)
            GEOSGeom_destroy_r(ctx, g);
        throw std::runtime_error("GEOS: cannot build a collection");
    }
    return make_geos_ptr(ctx, c);
}

GeosGeometryPtr geos_from_wkt(const std::string& wkt) {
    GeosContext& ctx = geos_context();
    GeosWktReaderPtr reader(GEOSWKTReader_create_r(ctx), GeosWktReaderDeleter{ctx});
    GEOSGeometry* g = GEOSWKTReader_read_r(ctx, reader.get(), wkt.c_str());
    if (!g) throw std::runtime_error("GEOS: cannot parse WKT: " + ctx.take_error());
    return make_geos_ptr(ctx, g);
}

std::string geos_to_wkt(const GEOSGeometry* g, int decimals) {
    GeosContext& ctx = geos_context();
    GeosWktWriterPtr writer(GEOSWKTWriter_create_r(ctx), GeosWktWriterDeleter{ctx});
    GEOSWKTWriter_setTrim_r(ctx, writer.get(), 1);
    GEOSWKTWriter_setRoundingPrecision_r(ctx, writer.get(), decimals);
    char* text = GEOSWKTWriter_write_r(ctx, writer.get(), g);
    if (!text) throw std::runtime_error("GEOS: cannot write WKT: " + ctx.take_error());
    std::string out(text);
    GEOSFree_r(ctx, text);
    return out;
}

} // namespace renoplan

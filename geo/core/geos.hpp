// RAII owners for the GEOS C API (reentrant functions only; GEOS_USE_ONLY_R_API is defined for
// every target that links geo).
//
// One context per thread: geos_context() returns the calling thread's context, created on first
// use. Errors reported by GEOS are kept in the context so a failed call can say why.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <geos_c.h>

namespace renoplan {

class GeosContext {
public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    GEOSContextHandle_t handle() const { return m_handle; }
    operator GEOSContextHandle_t() const { return m_handle; }

    // The last error GEOS reported on this context (empty if none); cleared by take_error().
    const std::string& last_error() const { return m_last_error; }
    std::string take_error();

private:
    static void on_error(const char* message, void* userdata);
    GEOSContextHandle_t m_handle = nullptr;
    std::string m_last_error;
};

// The calling thread's GEOS context.
GeosContext& geos_context();

struct GeosGeometryDeleter {
    GEOSContextHandle_t context = nullptr;
    void operator()(GEOSGeometry* g) const {
        if (g) GEOSGeom_destroy_r(context, g);
    }
};
using GeosGeometryPtr = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

inline GeosGeometryPtr make_geos_ptr(GEOSContextHandle_t context, GEOSGeometry* g) {
    return GeosGeometryPtr(g, GeosGeometryDeleter{context});
}

struct GeosCoordSeqDeleter {
    GEOSContextHandle_t context = nullptr;
    void operator()(GEOSCoordSequence* s) const {
        if (s) GEOSCoordSeq_destroy_r(context, s);
    }
};
using GeosCoordSeqPtr = std::unique_ptr<GEOSCoordSequence, GeosCoordSeqDeleter>;

struct GeosWkbReaderDeleter {
    GEOSContextHandle_t context = nullptr;
    void operator()(GEOSWKBReader* r) const {
        if (r) GEOSWKBReader_destroy_r(context, r);
    }
};
using GeosWkbReaderPtr = std::unique_ptr<GEOSWKBReader, GeosWkbReaderDeleter>;

struct GeosWktReaderDeleter {
    GEOSContextHandle_t context = nullptr;
    void operator()(GEOSWKTReader* r) const {
        if (r) GEOSWKTReader_destroy_r(context, r);
    }
};
using GeosWktReaderPtr = std::unique_ptr<GEOSWKTReader, GeosWktReaderDeleter>;

struct GeosWktWriterDeleter {
    GEOSContextHandle_t context = nullptr;
    void operator()(GEOSWKTWriter* w) const {
        if (w) GEOSWKTWriter_destroy_r(context, w);
    }
};
using GeosWktWriterPtr = std::unique_ptr<GEOSWKTWriter, GeosWktWriterDeleter>;

struct GeosPreparedDeleter {
    GEOSContextHandle_t context = nullptr;
    void operator()(const GEOSPreparedGeometry* p) const {
        if (p) GEOSPreparedGeom_destroy_r(context, p);
    }
};
using GeosPreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, GeosPreparedDeleter>;

// Frees a buffer GEOS allocated (WKT/WKB output).
struct GeosFreeDeleter {
    GEOSContextHandle_t context = nullptr;
    void operator()(void* p) const {
        if (p) GEOSFree_r(context, p);
    }
};

// A collection (GEOS_GEOMETRYCOLLECTION, GEOS_MULTIPOLYGON, ...) owning the given geometries:
// they are released into it and `parts` is left empty. Throws std::runtime_error if GEOS refuses
// (the parts are freed then).
GeosGeometryPtr geos_collection(GEOSContextHandle_t ctx, std::vector<GeosGeometryPtr>& parts,
                                int type = GEOS_GEOMETRYCOLLECTION);

// Parses WKT on the calling thread's context; throws std::runtime_error on bad input.
GeosGeometryPtr geos_from_wkt(const std::string& wkt);
// WKT of a geometry with the given number of decimals (trimmed).
std::string geos_to_wkt(const GEOSGeometry* g, int decimals = 3);

} // namespace renoplan

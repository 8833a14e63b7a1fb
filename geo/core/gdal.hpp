// RAII owners for GDAL/OGR/OSR handles and one-time GDAL set-up.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

namespace renoplan {

// Registers drivers once and sets process-wide options (traditional GIS axis order is set per
// spatial reference, not here). Safe to call from several threads.
void gdal_init();

struct GdalDatasetCloser {
    void operator()(GDALDataset* ds) const {
        if (ds) GDALClose(GDALDataset::ToHandle(ds));
    }
};
using GdalDatasetPtr = std::unique_ptr<GDALDataset, GdalDatasetCloser>;

struct OsrReleaser {
    void operator()(OGRSpatialReference* srs) const {
        if (srs) srs->Release();
    }
};
using OsrPtr = std::unique_ptr<OGRSpatialReference, OsrReleaser>;

struct OctDestroyer {
    void operator()(OGRCoordinateTransformation* ct) const {
        if (ct) OGRCoordinateTransformation::DestroyCT(ct);
    }
};
using OctPtr = std::unique_ptr<OGRCoordinateTransformation, OctDestroyer>;

// OGRFeatureUniquePtr and OGRGeometryUniquePtr come from GDAL itself.

// Captures CPLError messages raised while it is alive on this thread (GDAL otherwise prints them
// to stderr). The loader turns them into diagnostics with file/layer context.
class GdalErrorCapture {
public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

    struct Message {
        CPLErr level;
        int code;
        std::string text;
    };
    const std::vector<Message>& messages() const { return m_messages; }
    // The last message of level CE_Failure or worse, or empty.
    std::string last_failure() const;
    void clear() { m_messages.clear(); }

private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum code, const char* text);
    std::vector<Message> m_messages;
};

// Sets a GDAL configuration option for the calling thread while alive, then restores the old
// value (GDAL's options are process-wide otherwise; this keeps one export's settings from
// leaking into another thread's work).
class ScopedConfig {
public:
    ScopedConfig(const char* key, const std::string& value);
    ~ScopedConfig();
    ScopedConfig(const ScopedConfig&) = delete;
    ScopedConfig& operator=(const ScopedConfig&) = delete;

private:
    const char* m_key;
    std::optional<std::string> m_old;
};

// A string list for GDAL options ("KEY=VALUE"), owning its storage.
class GdalOptions {
public:
    GdalOptions() = default;
    void set(const std::string& key, const std::string& value);
    bool empty() const { return m_items.empty(); }
    // NULL-terminated list valid while this object lives and is not modified.
    char** list();

private:
    std::vector<std::string> m_items;
    std::vector<char*> m_pointers;
};

} // namespace renoplan

#include "geo/core/gdal.hpp"

#include <mutex>

#include <cpl_conv.h>
#include <cpl_error.h>

namespace renoplan {

void gdal_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Shapefile text: GDAL's default is kept on purpose - it recodes when a .cpg or a DBF
        // language driver names the encoding and passes bytes through otherwise; renoplan
        // detects GBK in that last case itself (geo/io/encoding.hpp).
        // GeoPackages written by renoplan are checked by reopening; no WAL side files.
        CPLSetConfigOption("OGR_SQLITE_JOURNAL", "DELETE");
    });
}

GdalErrorCapture::GdalErrorCapture() {
    CPLPushErrorHandlerEx(&GdalErrorCapture::handler, this);
}

GdalErrorCapture::~GdalErrorCapture() {
    CPLPopErrorHandler();
}

void CPL_STDCALL GdalErrorCapture::handler(CPLErr level, CPLErrorNum code, const char* text) {
    auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
    if (!self || level == CE_Debug) return;
    self->m_messages.push_back(Message{level, code, text ? text : ""});
}

std::string GdalErrorCapture::last_failure() const {
    for (auto it = m_messages.rbegin(); it != m_messages.rend(); ++it)
        if (it->level >= CE_Failure) return it->text;
    return {};
}

ScopedConfig::ScopedConfig(const char* key, const std::string& value) : m_key(key) {
    if (const char* old = CPLGetThreadLocalConfigOption(key, nullptr)) m_old = old;
    CPLSetThreadLocalConfigOption(key, value.c_str());
}

ScopedConfig::~ScopedConfig() {
    CPLSetThreadLocalConfigOption(m_key, m_old ? m_old->c_str() : nullptr);
}

void GdalOptions::set(const std::string& key, const std::string& value) {
    const std::string prefix = key + "=";
    for (auto& item : m_items) {
        if (item.rfind(prefix, 0) == 0) {
            item = prefix + value;
            return;
        }
    }
    m_items.push_back(prefix + value);
}

char** GdalOptions::list() {
    m_pointers.clear();
    for (auto& item : m_items)
        m_pointers.push_back(item.data());
    m_pointers.push_back(nullptr);
    return m_pointers.data();
}

} // namespace renoplan

// The language files app/gui/lang/*.json, embedded at build time (app/gui/embed_shaders.cmake).
#pragma once

namespace renoplan::gui::lang_files {

extern const char* const en_json;
extern const char* const zh_json;

} // namespace renoplan::gui::lang_files

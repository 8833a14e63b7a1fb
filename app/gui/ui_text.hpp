// Every UI string of the viewer and its panels, in Simplified Chinese and English. The texts
// live in language files, app/gui/lang/<code>.json ({"language", "name", "strings": {key:
// text}}), embedded into the program at build time (app/gui/embed_shaders.cmake) and read when
// first needed; a translator edits those files, not this code. printf-style conversions in a
// text (%zu, %.2f, %s ...) must be the same, in the same order, in every language
// (tests/app/gui/test_ui_text.cpp checks it). Pulls in no GUI library.
#pragma once

#include <string>
#include <vector>

#include "app/gui/language.hpp"

namespace renoplan::gui {

// The keys of the language files, one field of Strings each.
#define RENOPLAN_UI_STRINGS(X)                                                                     \
    X(layers)                                                                                      \
    X(zoom_all)                                                                                    \
    X(messages)                                                                                    \
    X(nothing_loaded)                                                                              \
    X(cursor)                                                                                      \
    X(no_cursor)                                                                                   \
    X(pixel)                                                                                       \
    X(not_triangulated)                                                                            \
    X(legend)                                                                                      \
    X(identify)                                                                                    \
    X(identify_hint)                                                                               \
    X(nothing_here)                                                                                \
    X(field)                                                                                       \
    X(value)                                                                                       \
    X(eligible_yes)                                                                                \
    X(eligible_no)                                                                                 \
    X(eligible_unknown)                                                                            \
    X(use_parking)                                                                                 \
    X(use_service)                                                                                 \
    X(use_green)                                                                                   \
    X(use_other)                                                                                   \
    X(plan)                                                                                        \
    X(parameters)                                                                                  \
    X(run)                                                                                         \
    X(cancel)                                                                                      \
    X(running)                                                                                     \
    X(cancelled)                                                                                   \
    X(failed)                                                                                      \
    X(done)                                                                                        \
    X(fix_errors)                                                                                  \
    X(summary)                                                                                     \
    X(communities)                                                                                 \
    X(households)                                                                                  \
    X(buildings)                                                                                   \
    X(eligible)                                                                                    \
    X(to_verify)                                                                                   \
    X(consented)                                                                                   \
    X(districts)                                                                                   \
    X(spare_land_ha)                                                                               \
    X(stalls)                                                                                      \
    X(households_by_county)                                                                        \
    X(group_eligibility)                                                                           \
    X(group_districts)                                                                             \
    X(group_spare_land)                                                                            \
    X(group_execution)                                                                             \
    X(attributes)                                                                                  \
    X(filter)                                                                                      \
    X(zoom_to)                                                                                     \
    X(rows_shown)                                                                                  \
    X(export_)                                                                                     \
    X(save_plan)                                                                                   \
    X(need_plan)                                                                                   \
    X(overwrite)                                                                                   \
    X(save_png)                                                                                    \
    X(path)                                                                                        \
    X(saved)                                                                                       \
    X(open_files)                                                                                  \
    X(loading)                                                                                     \
    X(drop_hint)                                                                                   \
    X(open_demo)                                                                                   \
    X(size_px)                                                                                     \
    X(measure)                                                                                     \
    X(measure_hint)                                                                                \
    X(length)                                                                                      \
    X(perimeter)                                                                                   \
    X(area)                                                                                        \
    X(mu)                                                                                          \
    X(select_tool)                                                                                 \
    X(select_hint)                                                                                 \
    X(zoom_selection)                                                                              \
    X(clear_selection)                                                                             \
    X(selected_count)                                                                              \
    X(more_not_listed)                                                                             \
    X(language)                                                                                    \
    X(recent_files)                                                                                \
    X(remove)                                                                                      \
    X(missing_file)                                                                                \
    X(welcome)                                                                                     \
    X(style)                                                                                       \
    X(style_default)                                                                               \
    X(style_single)                                                                                \
    X(style_categorized)                                                                           \
    X(style_graduated)                                                                             \
    X(color)                                                                                       \
    X(opacity)                                                                                     \
    X(outline_width)                                                                               \
    X(class_count)                                                                                 \
    X(breaks_quantile)                                                                             \
    X(breaks_equal)                                                                                \
    X(other_values)                                                                                \
    X(no_value)                                                                                    \
    X(no_suitable_field)                                                                           \
    X(message_link_tip)                                                                            \
    X(open_dialog)                                                                                 \
    X(open_dialog_title)                                                                           \
    X(parent_folder)                                                                               \
    X(folder)                                                                                      \
    X(file_name)                                                                                   \
    X(file_size)                                                                                   \
    X(all_files)                                                                                   \
    X(show_hidden)                                                                                 \
    X(supported_formats)                                                                           \
    X(empty_folder)                                                                                \
    X(selected_entries)                                                                            \
    X(browser_hint)                                                                                \
    X(lonlat)                                                                                      \
    X(map_scale)                                                                                   \
    X(drawing)                                                                                     \
    X(north)                                                                                       \
    X(zoom_layer)                                                                                  \
    X(more_in_messages)                                                                            \
    X(unit_m)                                                                                      \
    X(unit_m2)                                                                                     \
    X(unit_year)                                                                                   \
    X(unit_share)                                                                                  \
    X(unit_stalls)                                                                                 \
    X(unit_communities)                                                                            \
    X(unit_households)                                                                             \
    X(unit_threads)                                                                                \
    X(communities_by_county)                                                                       \
    X(households_by_district)                                                                      \
    X(communities_by_district)                                                                     \
    X(eligibility_counts)                                                                          \
    X(and_more)

struct Strings {
#define RENOPLAN_UI_STRING_FIELD(name) const char* name = "";
    RENOPLAN_UI_STRINGS(RENOPLAN_UI_STRING_FIELD)
#undef RENOPLAN_UI_STRING_FIELD
};

// The texts of a language (parsed once from its embedded file; valid for the program's life).
const Strings& strings_of(Language language);

// Every string of a Strings, for the glyph ranges.
std::vector<const char*> all_strings(const Strings& s);

// What is wrong with the embedded language files, one line each (empty when nothing): a file
// that does not parse, a key missing (its text then falls back to English, or to the key), a
// key no field has.
std::vector<std::string> language_file_problems();

} // namespace renoplan::gui

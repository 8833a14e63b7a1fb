// Typed attribute columns, stored column-wise with a validity (non-null) mask.
//
// Strings are UTF-8 in one buffer with offsets (as in Arrow), so a million names are two
// allocations, not a million. Booleans and integers share the int64 storage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace renoplan {

enum class ColumnType : uint8_t {
    Bool,
    Int64,
    Real,
    String,
    Date,     // stored as text "YYYY-MM-DD"
    DateTime, // stored as text "YYYY-MM-DDTHH:MM:SS[.sss][Z|+hh:mm]"
};

const char* to_string(ColumnType type);
bool is_text_storage(ColumnType type);

class Column {
public:
    Column() = default;
    Column(std::string name, ColumnType type) : m_name(std::move(name)), m_type(type) {}

    const std::string& name() const { return m_name; }
    void set_name(std::string name) { m_name = std::move(name); }
    ColumnType type() const { return m_type; }
    size_t size() const { return m_valid.size(); }

    // --- appending ---------------------------------------------------------------------
    void push_null();
    void push_bool(bool v) { push_int(v ? 1 : 0); }
    void push_int(int64_t v);
    void push_real(double v);
    void push_string(std::string_view v);
    void reserve(size_t n);
    // Appends row i of a column of the same type.
    void push_from(const Column& other, size_t i);
    void append(const Column& other);

    // --- reading -----------------------------------------------------------------------
    bool is_null(size_t i) const { return !m_valid[i]; }
    bool get_bool(size_t i) const { return m_ints[i] != 0; }
    int64_t get_int(size_t i) const { return m_ints[i]; }
    double get_real(size_t i) const { return m_reals[i]; }
    std::string_view get_string(size_t i) const {
        return {m_chars.data() + m_offsets[i], m_offsets[i + 1] - m_offsets[i]};
    }
    // Any value as display text ("" for null); reals with up to 15 significant digits.
    std::string to_text(size_t i) const;
    size_t null_count() const;
    size_t memory_bytes() const;

    // Mutable string access for in-place recoding: replaces all strings at once.
    void replace_strings(const std::vector<std::string>& values);

private:
    std::string m_name;
    ColumnType m_type = ColumnType::String;
    std::vector<uint8_t> m_valid;
    std::vector<int64_t> m_ints;        // Bool, Int64
    std::vector<double> m_reals;        // Real
    std::vector<uint64_t> m_offsets{0}; // text types
    std::string m_chars;
};

} // namespace renoplan

// Typed attribute columns, stored column-wise with a validity (non-null) mask.
//
// Strings are UTF-8 in one buffer with offsets (as in Arrow), so a million names are two
// allocations, not a million. Booleans and integers share the int64 storage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
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
    size_t size() const { return m_data->valid.size(); }

    // A column with another name sharing this column's values (no copy until either side is
    // modified): canonical fields that equal their source field cost nothing.
    Column alias(std::string name) const;
    // Whether two columns hold the same type and values (names aside).
    bool same_values(const Column& other) const;
    bool shares_values_with(const Column& other) const { return m_data == other.m_data; }

    // --- appending ---------------------------------------------------------------------
    void push_null();
    void push_bool(bool v);
    void push_int(int64_t v);
    void push_real(double v);
    void push_string(std::string_view v);
    void reserve(size_t n);
    // Reserves room for n rows shaped like `sample` (its text bytes per row on average).
    void reserve_like(const Column& sample, size_t n);
    // Appends row i of a column of the same type.
    void push_from(const Column& other, size_t i);
    void append(const Column& other);

    // --- reading -----------------------------------------------------------------------
    bool is_null(size_t i) const { return !m_data->valid[i]; }
    bool get_bool(size_t i) const {
        return m_type == ColumnType::Bool ? m_data->bools[i] != 0 : m_data->ints[i] != 0;
    }
    int64_t get_int(size_t i) const {
        return m_type == ColumnType::Bool ? m_data->bools[i] : m_data->ints[i];
    }
    double get_real(size_t i) const { return m_data->reals[i]; }
    std::string_view get_string(size_t i) const {
        return {m_data->chars.data() + m_data->offsets[i],
                m_data->offsets[i + 1] - m_data->offsets[i]};
    }
    // Any value as display text ("" for null); reals with up to 15 significant digits.
    std::string to_text(size_t i) const;
    size_t null_count() const;
    // Heap bytes of the values (shared values are counted by each column sharing them).
    size_t memory_bytes() const;

    // Mutable string access for in-place recoding: replaces all strings at once.
    void replace_strings(const std::vector<std::string>& values);

private:
    struct Data {
        std::vector<uint8_t> valid;
        std::vector<uint8_t> bools;       // Bool
        std::vector<int64_t> ints;        // Int64
        std::vector<double> reals;        // Real
        std::vector<uint64_t> offsets{0}; // text types
        std::string chars;
    };
    // Copy-on-write: the values are shared between aliases until one of them is modified.
    Data& data();

    std::string m_name;
    ColumnType m_type = ColumnType::String;
    std::shared_ptr<Data> m_data = std::make_shared<Data>();
};

} // namespace renoplan

#include "geo/model/column.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace renoplan {

const char* to_string(ColumnType type) {
    switch (type) {
    case ColumnType::Bool:
        return "bool";
    case ColumnType::Int64:
        return "integer";
    case ColumnType::Real:
        return "real";
    case ColumnType::String:
        return "string";
    case ColumnType::Date:
        return "date";
    case ColumnType::DateTime:
        return "datetime";
    }
    return "unknown";
}

bool is_text_storage(ColumnType type) {
    return type == ColumnType::String || type == ColumnType::Date || type == ColumnType::DateTime;
}

void Column::push_null() {
    m_valid.push_back(0);
    switch (m_type) {
    case ColumnType::Bool:
    case ColumnType::Int64:
        m_ints.push_back(0);
        break;
    case ColumnType::Real:
        m_reals.push_back(0.0);
        break;
    default:
        m_offsets.push_back(m_chars.size());
        break;
    }
}

void Column::push_int(int64_t v) {
    if (m_type == ColumnType::Real) return push_real(static_cast<double>(v));
    if (m_type != ColumnType::Int64 && m_type != ColumnType::Bool)
        return push_string(std::to_string(v));
    m_valid.push_back(1);
    m_ints.push_back(v);
}

void Column::push_real(double v) {
    if (m_type != ColumnType::Real) {
        if (m_type == ColumnType::Int64 || m_type == ColumnType::Bool)
            return push_int(static_cast<int64_t>(v));
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.15g", v);
        return push_string(buf);
    }
    if (std::isnan(v)) return push_null();
    m_valid.push_back(1);
    m_reals.push_back(v);
}

void Column::push_string(std::string_view v) {
    if (!is_text_storage(m_type))
        throw std::logic_error("Column '" + m_name + "': string pushed into a " +
                               to_string(m_type) + " column");
    m_valid.push_back(1);
    m_chars.append(v);
    m_offsets.push_back(m_chars.size());
}

void Column::reserve(size_t n) {
    m_valid.reserve(n);
    switch (m_type) {
    case ColumnType::Bool:
    case ColumnType::Int64:
        m_ints.reserve(n);
        break;
    case ColumnType::Real:
        m_reals.reserve(n);
        break;
    default:
        m_offsets.reserve(n + 1);
        break;
    }
}

void Column::push_from(const Column& other, size_t i) {
    if (other.is_null(i)) return push_null();
    switch (other.m_type) {
    case ColumnType::Bool:
    case ColumnType::Int64:
        return push_int(other.get_int(i));
    case ColumnType::Real:
        return push_real(other.get_real(i));
    default:
        return push_string(other.get_string(i));
    }
}

void Column::append(const Column& other) {
    if (other.m_type == m_type) {
        m_valid.insert(m_valid.end(), other.m_valid.begin(), other.m_valid.end());
        m_ints.insert(m_ints.end(), other.m_ints.begin(), other.m_ints.end());
        m_reals.insert(m_reals.end(), other.m_reals.begin(), other.m_reals.end());
        const uint64_t base = m_chars.size();
        for (size_t k = 1; k < other.m_offsets.size(); ++k)
            m_offsets.push_back(base + other.m_offsets[k]);
        m_chars.append(other.m_chars);
        return;
    }
    for (size_t i = 0; i < other.size(); ++i)
        push_from(other, i);
}

std::string Column::to_text(size_t i) const {
    if (is_null(i)) return {};
    switch (m_type) {
    case ColumnType::Bool:
        return get_bool(i) ? "true" : "false";
    case ColumnType::Int64:
        return std::to_string(get_int(i));
    case ColumnType::Real: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.15g", get_real(i));
        return buf;
    }
    default:
        return std::string(get_string(i));
    }
}

size_t Column::null_count() const {
    size_t n = 0;
    for (auto v : m_valid)
        n += v ? 0 : 1;
    return n;
}

size_t Column::memory_bytes() const {
    return m_valid.capacity() + m_ints.capacity() * sizeof(int64_t) +
           m_reals.capacity() * sizeof(double) + m_offsets.capacity() * sizeof(uint64_t) +
           m_chars.capacity();
}

void Column::replace_strings(const std::vector<std::string>& values) {
    if (!is_text_storage(m_type) || values.size() != size())
        throw std::logic_error("Column::replace_strings: type or size mismatch");
    m_chars.clear();
    m_offsets.assign(1, 0);
    for (size_t i = 0; i < values.size(); ++i) {
        if (m_valid[i]) m_chars.append(values[i]);
        m_offsets.push_back(m_chars.size());
    }
}

} // namespace renoplan

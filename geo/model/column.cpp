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

Column::Data& Column::data() {
    if (m_data.use_count() > 1) m_data = std::make_shared<Data>(*m_data);
    return *m_data;
}

Column Column::alias(std::string name) const {
    Column c;
    c.m_name = std::move(name);
    c.m_type = m_type;
    c.m_data = m_data;
    return c;
}

bool Column::same_values(const Column& other) const {
    if (m_type != other.m_type || size() != other.size()) return false;
    if (m_data == other.m_data) return true;
    const Data& a = *m_data;
    const Data& b = *other.m_data;
    for (size_t i = 0; i < size(); ++i) {
        if (a.valid[i] != b.valid[i]) return false;
        if (!a.valid[i]) continue;
        switch (m_type) {
        case ColumnType::Bool:
            if (a.bools[i] != b.bools[i]) return false;
            break;
        case ColumnType::Int64:
            if (a.ints[i] != b.ints[i]) return false;
            break;
        case ColumnType::Real:
            if (a.reals[i] != b.reals[i]) return false;
            break;
        default:
            if (get_string(i) != other.get_string(i)) return false;
            break;
        }
    }
    return true;
}

void Column::push_null() {
    Data& d = data();
    d.valid.push_back(0);
    switch (m_type) {
    case ColumnType::Bool:
        d.bools.push_back(0);
        break;
    case ColumnType::Int64:
        d.ints.push_back(0);
        break;
    case ColumnType::Real:
        d.reals.push_back(0.0);
        break;
    default:
        d.offsets.push_back(d.chars.size());
        break;
    }
}

void Column::push_bool(bool v) {
    if (m_type != ColumnType::Bool) return push_int(v ? 1 : 0);
    Data& d = data();
    d.valid.push_back(1);
    d.bools.push_back(v ? 1 : 0);
}

void Column::push_int(int64_t v) {
    if (m_type == ColumnType::Bool) return push_bool(v != 0);
    if (m_type == ColumnType::Real) return push_real(static_cast<double>(v));
    if (m_type != ColumnType::Int64) return push_string(std::to_string(v));
    Data& d = data();
    d.valid.push_back(1);
    d.ints.push_back(v);
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
    Data& d = data();
    d.valid.push_back(1);
    d.reals.push_back(v);
}

void Column::push_string(std::string_view v) {
    if (!is_text_storage(m_type))
        throw std::logic_error("Column '" + m_name + "': string pushed into a " +
                               to_string(m_type) + " column");
    Data& d = data();
    d.valid.push_back(1);
    d.chars.append(v);
    d.offsets.push_back(d.chars.size());
}

void Column::reserve(size_t n) {
    Data& d = data();
    d.valid.reserve(n);
    switch (m_type) {
    case ColumnType::Bool:
        d.bools.reserve(n);
        break;
    case ColumnType::Int64:
        d.ints.reserve(n);
        break;
    case ColumnType::Real:
        d.reals.reserve(n);
        break;
    default:
        d.offsets.reserve(n + 1);
        break;
    }
}

void Column::reserve_like(const Column& sample, size_t n) {
    reserve(n);
    if (is_text_storage(m_type) && sample.size() > 0)
        data().chars.reserve(static_cast<size_t>(static_cast<double>(sample.m_data->chars.size()) /
                                                 static_cast<double>(sample.size()) *
                                                 static_cast<double>(n) * 1.05) +
                             16);
}

void Column::push_from(const Column& other, size_t i) {
    if (other.is_null(i)) return push_null();
    switch (other.m_type) {
    case ColumnType::Bool:
        return push_bool(other.get_bool(i));
    case ColumnType::Int64:
        return push_int(other.get_int(i));
    case ColumnType::Real:
        return push_real(other.get_real(i));
    default:
        return push_string(other.get_string(i));
    }
}

void Column::append(const Column& other) {
    if (other.m_type != m_type) {
        for (size_t i = 0; i < other.size(); ++i)
            push_from(other, i);
        return;
    }
    const Data& o = *other.m_data;
    Data& d = data();
    d.valid.insert(d.valid.end(), o.valid.begin(), o.valid.end());
    d.bools.insert(d.bools.end(), o.bools.begin(), o.bools.end());
    d.ints.insert(d.ints.end(), o.ints.begin(), o.ints.end());
    d.reals.insert(d.reals.end(), o.reals.begin(), o.reals.end());
    const uint64_t base = d.chars.size();
    for (size_t k = 1; k < o.offsets.size(); ++k)
        d.offsets.push_back(base + o.offsets[k]);
    d.chars.append(o.chars);
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
    for (auto v : m_data->valid)
        n += v ? 0 : 1;
    return n;
}

size_t Column::memory_bytes() const {
    const Data& d = *m_data;
    return d.valid.capacity() + d.bools.capacity() + d.ints.capacity() * sizeof(int64_t) +
           d.reals.capacity() * sizeof(double) + d.offsets.capacity() * sizeof(uint64_t) +
           d.chars.capacity();
}

void Column::replace_strings(const std::vector<std::string>& values) {
    if (!is_text_storage(m_type) || values.size() != size())
        throw std::logic_error("Column::replace_strings: type or size mismatch");
    Data& d = data();
    d.chars.clear();
    d.offsets.assign(1, 0);
    for (size_t i = 0; i < values.size(); ++i) {
        if (d.valid[i]) d.chars.append(values[i]);
        d.offsets.push_back(d.chars.size());
    }
}

} // namespace renoplan

#include "geo/core/progress.hpp"

#include "geo/core/error.hpp"

namespace renoplan {

void Progress::set_stage(std::string stage, uint64_t total) {
    std::lock_guard lock(m_mutex);
    m_stage = std::move(stage);
    m_done.store(0, std::memory_order_relaxed);
    m_total.store(total, std::memory_order_relaxed);
}

void Progress::throw_if_cancelled() const {
    if (cancelled()) throw Cancelled();
}

Progress::Snapshot Progress::snapshot() const {
    Snapshot s;
    {
        std::lock_guard lock(m_mutex);
        s.stage = m_stage;
    }
    s.done = m_done.load(std::memory_order_relaxed);
    s.total = m_total.load(std::memory_order_relaxed);
    return s;
}

} // namespace renoplan

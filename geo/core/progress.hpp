// Progress and cancellation token shared between a worker and whoever watches it.
//
// The worker calls set_stage()/advance() and checks cancelled() between units of work; the
// watcher (terminal progress bar, GUI frame) polls snapshot() and may call cancel(). All methods
// are thread-safe; counters are atomics so polling every frame costs nothing.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

namespace renoplan {

class Progress {
public:
    struct Snapshot {
        std::string stage;
        uint64_t done = 0;
        uint64_t total = 0; // 0 = unknown
        double fraction() const {
            return total ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
        }
    };

    // Starts a named stage; resets the counters.
    void set_stage(std::string stage, uint64_t total = 0);
    void add_total(uint64_t n) { m_total.fetch_add(n, std::memory_order_relaxed); }
    void advance(uint64_t n = 1) { m_done.fetch_add(n, std::memory_order_relaxed); }

    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool cancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
    // Throws renoplan::Cancelled when cancel() was called.
    void throw_if_cancelled() const;

    Snapshot snapshot() const;

private:
    mutable std::mutex m_mutex;
    std::string m_stage;
    std::atomic<uint64_t> m_done{0};
    std::atomic<uint64_t> m_total{0};
    std::atomic<bool> m_cancelled{false};
};

} // namespace renoplan

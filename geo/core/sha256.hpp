// SHA-256 (FIPS 180-4), for recording which input files a plan was made from. OpenSSL's
// libcrypto computes it (with the CPU's SHA extensions where it has them: about 1.8 GB/s here,
// five times a portable implementation - the hashes of a whole town's inputs are read while
// the plan is made).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace renoplan {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(const void* data, size_t size);
    void update(std::string_view text) { update(text.data(), text.size()); }
    std::array<uint8_t, 32> finish();
    // Lower-case hex of finish().
    std::string hex();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Hex SHA-256 of a file's bytes; throws std::runtime_error when it cannot be read.
std::string sha256_file(const std::filesystem::path& path);

} // namespace renoplan

#include "support/test_support.hpp"

#include <algorithm>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include <gdal_priv.h>

namespace renoplan::test {

namespace fs = std::filesystem;

renoplan::GdalDatasetPtr open_read_only(const fs::path& path) {
    renoplan::gdal_init();
    return renoplan::GdalDatasetPtr(GDALDataset::FromHandle(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
}

fs::path source_dir() {
    return fs::path(RENOPLAN_SOURCE_DIR);
}

fs::path real_data(const std::string& relative) {
    return source_dir() / "tests" / "data" / "real-data" / relative;
}

fs::path sample(const std::string& relative) {
    return source_dir() / "data-samples" / relative;
}

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    const auto base = fs::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = base / ("renoplan-test-" + std::to_string(::getpid()) + "-" +
                                 std::to_string(counter++) + "-" + std::to_string(rd() % 100000));
        if (fs::create_directory(candidate)) {
            m_path = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

CommandResult run_renoplan(const std::vector<std::string>& args,
                           const std::vector<std::string>& env) {
    TempDir tmp;
    // The environment: ours, XDG_CONFIG_HOME replaced, then `env`.
    std::vector<std::string> variables;
    for (char** e = environ; *e; ++e)
        variables.emplace_back(*e);
    const auto set = [&](const std::string& entry) {
        const std::string name = entry.substr(0, entry.find('=') + 1);
        variables.erase(std::remove_if(variables.begin(), variables.end(),
                                       [&](const std::string& v) { return v.rfind(name, 0) == 0; }),
                        variables.end());
        variables.push_back(entry);
    };
    set("XDG_CONFIG_HOME=" + (tmp / "config").string());
    for (const std::string& entry : env)
        set(entry);
    std::vector<char*> envp;
    for (auto& v : variables)
        envp.push_back(v.data());
    envp.push_back(nullptr);
    const auto out_path = tmp / "stdout";
    const auto err_path = tmp / "stderr";
    // Everything the child needs is prepared before fork(): after it, only async-signal-safe
    // calls are allowed (other threads may hold allocator locks).
    std::string binary = RENOPLAN_BINARY;
    std::vector<std::string> copy = args;
    std::vector<char*> argv;
    argv.push_back(binary.data());
    for (auto& a : copy)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string out_file = out_path.string(), err_file = err_path.string();
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        const int out_fd = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err_fd = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(out_fd, 1);
        ::dup2(err_fd, 2);
        ::execve(binary.c_str(), argv.data(), envp.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = slurp(out_path);
    result.err = slurp(err_path);
    return result;
}

} // namespace renoplan::test

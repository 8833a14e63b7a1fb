#include <catch2/catch.hpp>

#include <fstream>

#include "geo/core/sha256.hpp"
#include "support/test_support.hpp"

using namespace renoplan;

TEST_CASE("SHA-256 of the FIPS 180-4 examples", "[sha256]") {
    Sha256 empty;
    CHECK(empty.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    Sha256 abc;
    abc.update("abc");
    CHECK(abc.hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    Sha256 two_blocks;
    two_blocks.update("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
    CHECK(two_blocks.hex() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    Sha256 million;
    const std::string a(1000, 'a');
    for (int i = 0; i < 1000; ++i)
        million.update(a);
    CHECK(million.hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 of a file", "[sha256]") {
    renoplan::test::TempDir dir;
    std::ofstream(dir / "x.txt") << "abc";
    CHECK(sha256_file(dir / "x.txt") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK_THROWS(sha256_file(dir / "missing"));
}

// Owner of an iconv conversion descriptor: opened in the constructor, closed in the destructor.
#pragma once

#include <iconv.h>

namespace winnow::decode {

class IconvHandle {
public:
    IconvHandle(const char* to_code, const char* from_code) : cd_(iconv_open(to_code, from_code)) {}
    ~IconvHandle() {
        if (valid()) iconv_close(cd_);
    }
    IconvHandle(const IconvHandle&) = delete;
    IconvHandle& operator=(const IconvHandle&) = delete;

    bool valid() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
    iconv_t get() const { return cd_; }
    // Returns the descriptor to its initial shift state after an error.
    void reset() const { iconv(cd_, nullptr, nullptr, nullptr, nullptr); }

private:
    iconv_t cd_;
};

}  // namespace winnow::decode

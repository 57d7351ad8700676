// JSON string escaping. Input is valid UTF-8 (the decode stage guarantees it), so only ASCII
// characters need escaping; U+2028/2029 are escaped too so the output is safe to embed in JS.
#include "write/json_string.h"

namespace winnow::write {

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t run = 0;  // start of the pending run of characters that need no escape
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const char* escape = nullptr;
        char unicode[7];
        if (c == '"') escape = "\\\"";
        else if (c == '\\') escape = "\\\\";
        else if (c == '\n') escape = "\\n";
        else if (c == '\r') escape = "\\r";
        else if (c == '\t') escape = "\\t";
        else if (c < 0x20 || c == 0x7F) {
            unicode[0] = '\\';
            unicode[1] = 'u';
            unicode[2] = '0';
            unicode[3] = '0';
            unicode[4] = kHex[c >> 4];
            unicode[5] = kHex[c & 15];
            unicode[6] = 0;
            escape = unicode;
        } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(text[i + 2]) == 0xA8 || static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
            out.append(text.substr(run, i - run));
            out.append(static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
            i += 2;
            run = i + 1;
            continue;
        }
        if (escape) {
            out.append(text.substr(run, i - run));
            out.append(escape);
            run = i + 1;
        }
    }
    out.append(text.substr(run));
    out.push_back('"');
}

}  // namespace winnow::write

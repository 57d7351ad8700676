// HTML prescan for a declared encoding, following the HTML Standard's algorithm step by step.
#include "decode/prescan.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "decode/encoding_labels.h"

namespace winnow::decode {
namespace {

constexpr std::size_t kPrescanLimit = 1024;

bool is_space(unsigned char c) { return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20; }
bool is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + 32) : c; }

bool starts_with_nocase(std::string_view s, std::size_t pos, std::string_view word) {
    if (s.size() - pos < word.size() || pos > s.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (lower(static_cast<unsigned char>(s[pos + i])) != static_cast<unsigned char>(word[i])) return false;
    }
    return true;
}

struct Attribute {
    std::string name;
    std::string value;
};

// "Get an attribute": reads one attribute at pos; nullopt when there is none (or the input ends).
class AttributeReader {
public:
    explicit AttributeReader(std::string_view input) : in_(input) {}
    bool at_end(std::size_t pos) const { return pos >= in_.size(); }

    std::optional<Attribute> next(std::size_t& pos, bool& ran_out) const {
        auto byte = [&](std::size_t p) { return static_cast<unsigned char>(in_[p]); };
        while (!at_end(pos) && (is_space(byte(pos)) || byte(pos) == '/')) ++pos;
        if (at_end(pos)) return ran_out = true, std::nullopt;
        if (byte(pos) == '>') return std::nullopt;
        Attribute attr;
        // Name.
        while (true) {
            if (at_end(pos)) return ran_out = true, std::nullopt;
            const unsigned char c = byte(pos);
            if (c == '=' && !attr.name.empty()) {
                ++pos;
                return read_value(pos, std::move(attr), ran_out);
            }
            if (is_space(c)) break;
            if (c == '/' || c == '>') return attr;
            attr.name.push_back(static_cast<char>(lower(c)));
            ++pos;
        }
        // Spaces after the name.
        while (!at_end(pos) && is_space(byte(pos))) ++pos;
        if (at_end(pos)) return ran_out = true, std::nullopt;
        if (byte(pos) != '=') return attr;
        ++pos;
        return read_value(pos, std::move(attr), ran_out);
    }

private:
    std::optional<Attribute> read_value(std::size_t& pos, Attribute attr, bool& ran_out) const {
        auto byte = [&](std::size_t p) { return static_cast<unsigned char>(in_[p]); };
        while (!at_end(pos) && is_space(byte(pos))) ++pos;
        if (at_end(pos)) return ran_out = true, std::nullopt;
        const unsigned char first = byte(pos);
        if (first == '"' || first == '\'') {
            ++pos;
            while (true) {
                if (at_end(pos)) return ran_out = true, std::nullopt;
                const unsigned char c = byte(pos);
                ++pos;
                if (c == first) return attr;
                attr.value.push_back(static_cast<char>(lower(c)));
            }
        }
        if (first == '>') return attr;
        while (true) {
            if (at_end(pos)) return ran_out = true, std::nullopt;
            const unsigned char c = byte(pos);
            if (is_space(c) || c == '>') return attr;
            attr.value.push_back(static_cast<char>(lower(c)));
            ++pos;
        }
    }

    std::string_view in_;
};

// The encoding a <meta> element declares, or empty; pos starts after "<meta" and its separator.
std::string read_meta(std::string_view input, std::size_t& pos, bool& ran_out) {
    const AttributeReader reader(input);
    std::vector<std::string> seen;
    bool got_pragma = false;
    enum class NeedPragma { unset, yes, no } need_pragma = NeedPragma::unset;
    std::string charset;
    while (auto attr = reader.next(pos, ran_out)) {
        if (std::find(seen.begin(), seen.end(), attr->name) != seen.end()) continue;
        seen.push_back(attr->name);
        if (attr->name == "http-equiv") {
            if (attr->value == "content-type") got_pragma = true;
        } else if (attr->name == "content") {
            const std::string label = extract_charset_from_content(attr->value);
            if (charset.empty() && !label.empty()) {
                const auto encoding = resolve_whatwg_label(label);
                if (!encoding.empty()) {
                    charset = std::string(encoding);
                    need_pragma = NeedPragma::yes;
                }
            }
        } else if (attr->name == "charset") {
            charset = std::string(resolve_whatwg_label(attr->value));
            need_pragma = NeedPragma::no;
        }
    }
    if (ran_out) return {};
    if (need_pragma == NeedPragma::unset) return {};
    if (need_pragma == NeedPragma::yes && !got_pragma) return {};
    if (charset.empty()) return {};
    if (charset == "UTF-16BE" || charset == "UTF-16LE") return "UTF-8";
    if (charset == "x-user-defined") return "windows-1252";
    return charset;
}

// The HTML Standard's "get an XML encoding" for a document starting with `<?xml`.
std::string xml_declaration_encoding(std::string_view input) {
    if (!input.starts_with("<?xml")) return {};
    const std::size_t decl_end = input.find('>');
    if (decl_end == std::string_view::npos) return {};
    std::size_t pos = input.find("encoding");
    if (pos == std::string_view::npos || pos > decl_end) return {};
    pos += 8;
    auto byte = [&](std::size_t p) { return static_cast<unsigned char>(input[p]); };
    while (pos < decl_end && byte(pos) <= 0x20) ++pos;
    if (pos >= decl_end || byte(pos) != '=') return {};
    ++pos;
    while (pos < decl_end && byte(pos) <= 0x20) ++pos;
    if (pos >= decl_end) return {};
    const char quote = input[pos];
    if (quote != '"' && quote != '\'') return {};
    ++pos;
    const std::size_t close = input.find(quote, pos);
    if (close == std::string_view::npos || close > decl_end) return {};
    const std::string_view label = input.substr(pos, close - pos);
    if (std::any_of(label.begin(), label.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20; })) {
        return {};
    }
    std::string encoding(resolve_whatwg_label(label));
    if (encoding == "UTF-16BE" || encoding == "UTF-16LE") encoding = "UTF-8";
    return encoding;
}

}  // namespace

std::string extract_charset_from_content(std::string_view content) {
    std::size_t pos = 0;
    auto byte = [&](std::size_t p) { return static_cast<unsigned char>(content[p]); };
    while (true) {
        std::size_t found = std::string_view::npos;
        for (std::size_t i = pos; i + 7 <= content.size(); ++i) {
            if (starts_with_nocase(content, i, "charset")) {
                found = i;
                break;
            }
        }
        if (found == std::string_view::npos) return {};
        pos = found + 7;
        while (pos < content.size() && is_space(byte(pos))) ++pos;
        if (pos >= content.size() || content[pos] != '=') continue;
        ++pos;
        while (pos < content.size() && is_space(byte(pos))) ++pos;
        if (pos >= content.size()) return {};
        const char c = content[pos];
        if (c == '"' || c == '\'') {
            const std::size_t close = content.find(c, pos + 1);
            if (close == std::string_view::npos) return {};
            return std::string(content.substr(pos + 1, close - pos - 1));
        }
        std::size_t end = pos;
        while (end < content.size() && !is_space(byte(end)) && content[end] != ';') ++end;
        return std::string(content.substr(pos, end - pos));
    }
}

std::string prescan_meta_charset(std::string_view bytes) {
    const std::string_view input = bytes.substr(0, std::min(bytes.size(), kPrescanLimit));
    // UTF-16 XML declarations.
    if (input.starts_with(std::string_view("<\0?\0x\0", 6))) return "UTF-16LE";
    if (input.starts_with(std::string_view("\0<\0?\0x", 6))) return "UTF-16BE";
    auto byte = [&](std::size_t p) { return static_cast<unsigned char>(input[p]); };
    const AttributeReader reader(input);
    std::size_t pos = 0;
    bool ran_out = false;
    while (pos < input.size() && !ran_out) {
        if (input.compare(pos, 4, "<!--") == 0) {
            // The first '>' preceded by "--", counting the dashes of "<!--" itself.
            const std::size_t close = input.find("-->", pos + 2);
            if (close == std::string_view::npos) break;
            pos = close + 3;
            continue;
        }
        if (starts_with_nocase(input, pos, "<meta") && pos + 5 < input.size() &&
            (is_space(byte(pos + 5)) || byte(pos + 5) == '/')) {
            pos += 6;
            std::string charset = read_meta(input, pos, ran_out);
            if (!charset.empty()) return charset;
            ++pos;
            continue;
        }
        if (byte(pos) == '<' && pos + 1 < input.size() &&
            (is_alpha(byte(pos + 1)) || (byte(pos + 1) == '/' && pos + 2 < input.size() && is_alpha(byte(pos + 2))))) {
            while (pos < input.size() && !is_space(byte(pos)) && byte(pos) != '>') ++pos;
            while (reader.next(pos, ran_out)) {
            }
            ++pos;
            continue;
        }
        if (byte(pos) == '<' && pos + 1 < input.size() &&
            (input[pos + 1] == '!' || input[pos + 1] == '/' || input[pos + 1] == '?')) {
            const std::size_t close = input.find('>', pos + 2);
            if (close == std::string_view::npos) break;
            pos = close + 1;
            continue;
        }
        ++pos;
    }
    return xml_declaration_encoding(input);
}

}  // namespace winnow::decode

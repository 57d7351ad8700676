// A small JSON reader, enough for JSON-LD metadata: the article and page objects of a script and the
// schema.org types it declares (see json_ld.h).
#include "segment/json_ld.h"

#include <string>
#include <utility>
#include <vector>

#include "segment/html_metadata.h"  // add_schema_type
#include "unicode/utf8_encode.h"

namespace winnow::segment {
namespace {

struct Json {
    enum class Type { Null, String, Other, Array, Object } type = Type::Null;
    std::string text;                                   // String
    std::vector<Json> items;                            // Array
    std::string key;  // the name of an Object's member
    // Object. Each member carries its own name: a std::pair<std::string, Json> here would need
    // Json complete, which clang's libstdc++ checks refuse.
    std::vector<Json> members;

    const Json* get(std::string_view name) const {
        for (const Json& member : members) {
            if (member.key == name) return &member;
        }
        return nullptr;
    }
};

class JsonReader {
public:
    explicit JsonReader(std::string_view text) : text_(text) {}

    bool read(Json& out) { return value(out, 0); }

private:
    void skip_space() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' ||
                                       text_[pos_] == '\r')) {
            ++pos_;
        }
    }

    bool hex4(unsigned& code) {
        if (pos_ + 4 > text_.size()) return false;
        code = 0;
        for (int k = 0; k < 4; ++k) {
            char c = text_[pos_++];
            code <<= 4;
            if (c >= '0' && c <= '9') code |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') code |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') code |= static_cast<unsigned>(c - 'A' + 10);
            else return false;
        }
        return true;
    }

    bool string(std::string& out) {
        ++pos_;  // opening quote
        while (pos_ < text_.size()) {
            char c = text_[pos_++];
            if (c == '"') return true;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (pos_ >= text_.size()) return false;
            char e = text_[pos_++];
            switch (e) {
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'r': out += '\r'; break;
                case 'b': case 'f': out += ' '; break;
                case 'u': {
                    unsigned code = 0;
                    if (!hex4(code)) return false;
                    if (code >= 0xD800 && code < 0xDC00 && pos_ + 6 <= text_.size() && text_[pos_] == '\\' &&
                        text_[pos_ + 1] == 'u') {
                        pos_ += 2;
                        unsigned low = 0;
                        if (!hex4(low)) return false;
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                    }
                    unicode::append_utf8(out, code);
                    break;
                }
                default: out += e; break;
            }
        }
        return false;
    }

    bool value(Json& out, int depth) {
        if (depth > 32) return false;
        skip_space();
        if (pos_ >= text_.size()) return false;
        char c = text_[pos_];
        if (c == '"') {
            out.type = Json::Type::String;
            return string(out.text);
        }
        if (c == '[') {
            out.type = Json::Type::Array;
            ++pos_;
            skip_space();
            if (pos_ < text_.size() && text_[pos_] == ']') return ++pos_, true;
            while (true) {
                out.items.emplace_back();
                if (!value(out.items.back(), depth + 1)) return false;
                skip_space();
                if (pos_ >= text_.size()) return false;
                if (text_[pos_] == ',') { ++pos_; continue; }
                if (text_[pos_] == ']') { ++pos_; return true; }
                return false;
            }
        }
        if (c == '{') {
            out.type = Json::Type::Object;
            ++pos_;
            skip_space();
            if (pos_ < text_.size() && text_[pos_] == '}') return ++pos_, true;
            while (true) {
                skip_space();
                if (pos_ >= text_.size() || text_[pos_] != '"') return false;
                std::string key;
                if (!string(key)) return false;
                skip_space();
                if (pos_ >= text_.size() || text_[pos_] != ':') return false;
                ++pos_;
                out.members.emplace_back();
                out.members.back().key = std::move(key);
                if (!value(out.members.back(), depth + 1)) return false;
                skip_space();
                if (pos_ >= text_.size()) return false;
                if (text_[pos_] == ',') { ++pos_; continue; }
                if (text_[pos_] == '}') { ++pos_; return true; }
                return false;
            }
        }
        // number, true, false, null
        out.type = Json::Type::Other;
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '}' && text_[pos_] != ']') ++pos_;
        return true;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

// The name of a JSON-LD person/organisation value: "X", {"name": "X"} or [{"name": "X"}, …].
std::string json_name(const Json* value) {
    if (value == nullptr) return {};
    if (value->type == Json::Type::String) return value->text;
    if (value->type == Json::Type::Object) {
        if (const Json* name = value->get("name")) return json_name(name);
        return {};
    }
    if (value->type == Json::Type::Array) {
        std::string names;
        for (const Json& item : value->items) {
            std::string name = json_name(&item);
            if (name.empty()) continue;
            if (!names.empty()) names += ", ";
            names += name;
        }
        return names;
    }
    return {};
}

std::string json_string(const Json* value) {
    if (value == nullptr) return {};
    if (value->type == Json::Type::String) return value->text;
    if (value->type == Json::Type::Array && !value->items.empty()) return json_string(&value->items.front());
    return {};
}

// What an object is for the page's metadata, from its @type (a name or a list of names).
enum class ObjectKind { Other, Article, Page };

ObjectKind kind_of(const Json& object) {
    const Json* type = object.get("@type");
    if (type == nullptr) return ObjectKind::Other;
    std::vector<const Json*> types;
    if (type->type == Json::Type::Array) {
        for (const Json& item : type->items) types.push_back(&item);
    } else {
        types.push_back(type);
    }
    ObjectKind kind = ObjectKind::Other;
    for (const Json* t : types) {
        if (t->type != Json::Type::String) continue;
        std::string_view name = t->text;
        const std::size_t slash = name.rfind('/');
        if (slash != std::string_view::npos) name.remove_prefix(slash + 1);  // "https://schema.org/WebPage"
        // Articles, and the posts and questions that open a thread (BlogPosting,
        // DiscussionForumPosting, SocialMediaPosting, a QAPage's Question).
        if (name.find("Article") != std::string_view::npos || name.ends_with("Posting") || name == "Report" ||
            name == "Review" || name == "Question") {
            return ObjectKind::Article;
        }
        if (name.ends_with("Page")) kind = ObjectKind::Page;  // WebPage, ItemPage, QAPage, …
    }
    return kind;
}

// Appends each schema.org type an object and the objects inside it declare, once.
void collect_types(const Json& value, std::string& out, int depth) {
    if (depth > 8) return;
    if (value.type == Json::Type::Array) {
        for (const Json& item : value.items) collect_types(item, out, depth + 1);
        return;
    }
    if (value.type != Json::Type::Object) return;
    if (const Json* type = value.get("@type")) {
        auto add = [&](const Json& t) {
            if (t.type == Json::Type::String) add_schema_type(out, t.text);
        };
        if (type->type == Json::Type::Array) {
            for (const Json& item : type->items) add(item);
        } else {
            add(*type);
        }
    }
    for (const Json& member : value.members) {
        if (member.key != "@type" && (member.type == Json::Type::Object || member.type == Json::Type::Array))
            collect_types(member, out, depth + 1);
    }
}

// Articles and pages at the top level, in arrays, in @graph and as a page's mainEntity.
void collect_objects(const Json& value, std::vector<std::pair<const Json*, ObjectKind>>& out, int depth) {
    if (depth > 8) return;
    if (value.type == Json::Type::Array) {
        for (const Json& item : value.items) collect_objects(item, out, depth + 1);
    } else if (value.type == Json::Type::Object) {
        const ObjectKind kind = kind_of(value);
        if (kind != ObjectKind::Other) out.emplace_back(&value, kind);
        if (const Json* graph = value.get("@graph")) collect_objects(*graph, out, depth + 1);
        if (const Json* entity = value.get("mainEntity"); entity != nullptr && kind == ObjectKind::Page)
            collect_objects(*entity, out, depth + 1);
    }
}

}  // namespace

bool read_json_ld_script(std::string_view script, std::vector<JsonLdArticle>& articles, std::string& schema_types) {
    Json root;
    JsonReader reader(script);
    if (!reader.read(root)) return false;
    std::vector<std::pair<const Json*, ObjectKind>> found;
    collect_objects(root, found, 0);
    collect_types(root, schema_types, 0);
    for (const auto& [object, kind] : found) {
        // A question or a post may give only when it was written.
        std::string date = json_string(object->get("datePublished"));
        if (date.empty()) date = json_string(object->get("dateCreated"));
        if (kind == ObjectKind::Page) {
            articles.push_back({{}, {}, std::move(date), {}, {}, true});
            continue;
        }
        articles.push_back({json_string(object->get("headline")), json_name(object->get("author")), std::move(date),
                            json_name(object->get("publisher")), json_string(object->get("description")), false});
    }
    return true;
}

}  // namespace winnow::segment

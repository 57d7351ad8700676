// The HTML element and attribute names the segment stage treats specially, in one table read by
// both the pre-pass (html_prepass.cpp: what it drops before Gumbo) and the DOM walk and metadata
// step (html.cpp, html_metadata.cpp: what they read), so the two cannot drift apart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace winnow::segment::html_names {

// What the pre-pass does with an element's content before Gumbo sees it.
enum class PrepassContent : std::uint8_t {
    Parsed,    // left to Gumbo
    AsText,    // RCDATA: what is between the tags is copied as text, never scanned for tags
    Dropped,   // the whole element left out: never rendered, and never read after the pre-pass
};

struct Element {
    std::string_view name;
    bool walk_skips;  // the DOM walk does not enter it: its text never reaches the reader (or only as controls)
    PrepassContent prepass;
};

inline constexpr Element kElements[] = {
    {"head", true, PrepassContent::Parsed},
    {"script", true, PrepassContent::Dropped},
    {"style", true, PrepassContent::Dropped},
    {"noscript", true, PrepassContent::Dropped},  // unless it holds a whole page (html_prepass.cpp)
    {"template", true, PrepassContent::Dropped},
    {"svg", true, PrepassContent::Dropped},
    {"annotation-xml", true, PrepassContent::Parsed},
    {"iframe", true, PrepassContent::Parsed},
    {"object", true, PrepassContent::Parsed},
    {"embed", true, PrepassContent::Parsed},
    {"canvas", true, PrepassContent::Parsed},
    {"select", true, PrepassContent::Parsed},
    {"textarea", true, PrepassContent::AsText},
    {"button", true, PrepassContent::Parsed},
    {"input", true, PrepassContent::Parsed},
    {"option", true, PrepassContent::Parsed},
    {"datalist", true, PrepassContent::Parsed},
    {"audio", true, PrepassContent::Parsed},
    {"video", true, PrepassContent::Parsed},
    {"map", true, PrepassContent::Parsed},
    {"title", true, PrepassContent::AsText},
    {"meta", true, PrepassContent::Parsed},
    {"link", true, PrepassContent::Parsed},
    {"base", true, PrepassContent::Parsed},
    {"applet", true, PrepassContent::Parsed},
    {"frameset", true, PrepassContent::Parsed},
    {"frame", true, PrepassContent::Parsed},
    {"param", true, PrepassContent::Parsed},
    {"source", true, PrepassContent::Parsed},
    {"track", true, PrepassContent::Parsed},
};

// Attributes, by who reads them. The pre-pass keeps these and drops every other attribute, so
// that Gumbo does not tokenize src, srcset, data-* and onclick values nobody reads.
enum class Attribute : std::uint8_t {
    // read by the DOM walk (html.cpp)
    Class, Id, Role, Itemprop, AriaHidden, Style, Href, Rel, Datetime, Hidden,
    // read by the metadata step (html_metadata.cpp)
    Lang, XmlLang, Name, Property, Content, HttpEquiv, Charset, Type,
    Count
};

struct AttributeName {
    std::string_view name;
    Attribute attribute;
    bool walked;  // the DOM walk reads it
    bool held;    // its value is text the walk reads and no tree-building rule looks at: the pre-pass
                  // may hold a long value aside and put it back after parsing
};

// The walked attributes come first (html.cpp stops at the first that is not).
inline constexpr AttributeName kAttributes[] = {
    {"class", Attribute::Class, true, true},
    {"id", Attribute::Id, true, true},
    {"role", Attribute::Role, true, true},
    {"itemprop", Attribute::Itemprop, true, true},
    {"aria-hidden", Attribute::AriaHidden, true, true},
    {"style", Attribute::Style, true, false},  // the pre-pass keeps it only when it may hide
    {"href", Attribute::Href, true, false},    // the pre-pass shrinks it to where it leads, unless links are kept
    {"rel", Attribute::Rel, true, true},
    {"datetime", Attribute::Datetime, true, true},
    {"hidden", Attribute::Hidden, true, false},
    {"lang", Attribute::Lang, false, false},
    {"xml:lang", Attribute::XmlLang, false, false},
    {"name", Attribute::Name, false, false},
    {"property", Attribute::Property, false, false},
    {"content", Attribute::Content, false, false},
    {"http-equiv", Attribute::HttpEquiv, false, false},
    {"charset", Attribute::Charset, false, false},
    {"type", Attribute::Type, false, false},
};

}  // namespace winnow::segment::html_names
